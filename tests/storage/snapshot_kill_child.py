"""Child process for test_nothing_in_clear: signs in to a data folder as the app does, starts a
daily snapshot and is SIGKILLed while the copy is being written: at the moment its temporary
file holds every page of the copy and has not been renamed yet (the most a killed snapshot can
leave behind). Prints "signed in" once the folder is open."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from interview_app.storage import copies, maintenance
from interview_app.storage.office import Office
from interview_app.storage.unlock import PasswordCredentials


def _killed_here(path: Path) -> None:
    if path.name.endswith(".tmp"):  # the copy's temporary file, written and not yet renamed
        os.kill(os.getpid(), signal.SIGKILL)


def main(data_dir: Path, username: str, password: str) -> None:
    office = Office.open(data_dir, credentials=PasswordCredentials(username, password))
    print("signed in", flush=True)
    copies.fsync_file = _killed_here  # type: ignore[assignment]
    maintenance.snapshot(office.database, "daily")
    print("snapshot finished (not killed)", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
