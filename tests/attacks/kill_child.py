"""The SIGKILL attacks' child factory: loads the application once, then for each request line
(`mode<TAB>data dir<TAB>target`) forks a child that runs one writer as the command line does
(under the data folder's lock) and answers with the child's pid; `wait<TAB>pid` answers with
how it ended. The parent kills the forked child at a random moment: a real SIGKILL of a real
process, without paying Python's start-up for each of the 80 kills."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from interview_app.cli import main as cli_main
from interview_app.commands import db as _db_commands  # noqa: F401  (loaded before the fork)
from interview_app.commands import sync as _sync_commands  # noqa: F401
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from interview_app.storage.app_lock import writer_lock
from interview_app.storage.office import Office
from interview_app.storage.unlock import PasswordCredentials
from interview_app.supervision.retention import Retention
from interview_app.supervision.session import SupervisorSession


def purge(data_dir: Path) -> int:
    """`retention purge --yes`, signed in as the supervisor the parent names in
    INTERVIEW_APP_USER and INTERVIEW_APP_PASSWORD."""
    credentials = PasswordCredentials(os.environ[ENV_USER], os.environ[ENV_PASSWORD])
    with writer_lock(data_dir, "retention purge"):
        with Office.open(data_dir, credentials=credentials) as office:
            assert office.signed_in is not None
            retention = Retention(SupervisorSession.open(office, office.signed_in.id))
            retention.purge(retention.plan())
    return 0


def run(mode: str, data_dir: Path, target: str) -> int:
    if mode == "purge":
        return purge(data_dir)
    if mode == "import":
        return cli_main(["import", "--data-dir", str(data_dir), target])
    if mode == "export":
        return cli_main(["export", "--data-dir", str(data_dir), "--out", target, "--full"])
    return cli_main(["db", "restore", "--data-dir", str(data_dir), "--snapshot", target])


def main() -> None:
    print("ready", flush=True)
    for line in sys.stdin:
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "wait":
            _, status = os.waitpid(int(parts[1]), 0)
            print(f"status {status}", flush=True)
            continue
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)  # the parent reads this process's answers on stdout
            code = 70
            try:
                code = run(parts[0], Path(parts[1]), parts[2])
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)


if __name__ == "__main__":
    main()
