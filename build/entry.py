"""The frozen executables' entry point: both the windowed app and the console CLI start here."""

from __future__ import annotations

import os
import sys


def _ensure_streams() -> None:
    # The windowed Windows build has no console: sys.stdout/stderr are None, and a print()
    # (argparse's --help, a command's output) would raise. Send them nowhere instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _ensure_streams()
    from interview_app.cli import main

    raise SystemExit(main())
