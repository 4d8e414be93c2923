"""Child process for test_encrypt_in_place: encrypts a data folder in place and is killed by the
parent at a random moment; `kill_at_step` makes a forked child kill itself at the k-th step
boundary instead."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interview_app.storage import encrypt_in_place

# The steps of a conversion, in the module's namespace: a kill lands before or after each.
STEPS = (
    "remove_leftover_copies",
    "_fold_wal",
    "_export",
    "_verify",
    "fsync_file",
    "replace_with_retry",
    "fsync_directory",
)


def kill_at_step(kill_at: int) -> None:
    boundaries = iter(range(1, 10**6))

    def boundary() -> None:
        if next(boundaries) == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def wrap(step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            boundary()
            result = step(*args, **kwargs)
            boundary()
            return result

        return run

    for name in STEPS:
        setattr(encrypt_in_place, name, wrap(getattr(encrypt_in_place, name)))


def main(data_dir: Path, key: bytes) -> None:
    print("start", flush=True)
    encrypt_in_place.encrypt_data_folder(data_dir, key)
    print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
