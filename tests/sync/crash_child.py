"""Child process for test_crash: exports (over and over) or imports until it is killed. The
folder is encrypted: the parent hands its office key over in CHILD_KEY_VARIABLE, as a
signed-in session holds it (no sign-in is written, so a kill leaves the folder as before)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from interview_app.storage.office import Office
from interview_app.sync.export import export_package
from interview_app.sync.importer import apply_package

CHILD_KEY_VARIABLE = "TEST_CRASH_CHILD_OFFICE_KEY"  # "<office code>:<key in hex>"


def main(mode: str, data_dir: Path, target: Path) -> None:
    code, key = os.environ[CHILD_KEY_VARIABLE].split(":")
    office = Office.open(data_dir, key=(code, bytes.fromhex(key)))
    database = office.database
    print("open", flush=True)
    if mode == "export":
        while True:
            result = export_package(database, data_dir, target, full=True)
            print(f"exported {result.path}", flush=True)
    else:
        result = apply_package(database, data_dir, target)
        print(f"imported {result.new}", flush=True)
    office.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
