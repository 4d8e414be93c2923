"""Whether the app has this data folder open: the single-instance lock file the window holds
(Qt's QLockFile: the first line is the holder's process id). Plain Python, for the command
line: restoring a snapshot under an open app would pull the file out from under it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOCK_FILE = "app.lock"  # the same name the window's QLockFile uses (interview_app.ui.app)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def app_holding(data_dir: Path) -> int | None:
    """The process id of a running app that has `data_dir` open, or None (no lock file, or one
    left behind by a process that is gone)."""
    try:
        first = (Path(data_dir) / LOCK_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    line = first.splitlines()[0].strip() if first.strip() else ""
    if not line.isdigit():
        return None
    pid = int(line)
    return pid if pid != os.getpid() and _alive(pid) else None
