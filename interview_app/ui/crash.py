"""The crash path: a log file in the data folder, a bilingual dialog, faulthandler, Qt warnings to logging."""

from __future__ import annotations

import datetime as dt
import faulthandler
import itertools
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6 import QtCore, QtWidgets

from interview_app import __version__

CRASH_FOLDER = "crash"
FAULT_FILE = "faulthandler.log"
_log = logging.getLogger("interview_app.qt")
_fault_file: IO[str] | None = None
# Says which script was running (id, version, hash) for the crash log; the main window sets it.
_context: dict[str, Callable[[], str]] = {}


def set_script_context(describe: Callable[[], str]) -> None:
    """`describe()` names the active script in a crash log ("tppo_default v3 (ab12…)")."""
    _context["script"] = describe


def crash_folder(data_dir: Path) -> Path:
    folder = Path(data_dir) / CRASH_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _qt_message(mode: QtCore.QtMsgType, context: QtCore.QMessageLogContext, message: str) -> None:
    level = {
        QtCore.QtMsgType.QtDebugMsg: logging.DEBUG,
        QtCore.QtMsgType.QtInfoMsg: logging.INFO,
        QtCore.QtMsgType.QtWarningMsg: logging.WARNING,
        QtCore.QtMsgType.QtCriticalMsg: logging.ERROR,
        QtCore.QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.WARNING)
    _log.log(level, "%s (%s:%s)", message, context.file, context.line)


def install(data_dir: Path, *, dialog: bool) -> None:
    """faulthandler into the data folder, Qt messages into logging, and sys.excepthook."""
    global _fault_file
    folder = crash_folder(data_dir)
    _fault_file = open(folder / FAULT_FILE, "a", encoding="utf-8")  # noqa: SIM115 - open for the process
    faulthandler.enable(_fault_file)
    QtCore.qInstallMessageHandler(_qt_message)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        path = write_crash_log(folder, kind, value, tb)
        sys.stderr.write(f"crash log: {path}\n")
        if dialog and QtWidgets.QApplication.instance() is not None:
            text = QtCore.QCoreApplication.translate(
                "CrashReport",
                "Terjadi kesalahan program. Jawaban yang sudah diberikan tetap tersimpan. "
                "Laporan disimpan di:\n%1\nSerahkan berkas ini ke petugas TI.",
            )
            QtWidgets.QMessageBox.critical(None, "Asisten Wawancara", text.replace("%1", str(path)))

    sys.excepthook = hook


def write_crash_log(
    folder: Path, kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> Path:
    """A crash log under a name of its own (time, process, random part: two crashes in one
    second never overwrite each other) with what IT support needs first: version, OS, the
    script, then the traceback."""
    import platform  # only when a crash is written (start-up time)
    import uuid

    now = dt.datetime.now()
    stem = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        script = _context["script"]() if "script" in _context else "—"
    except Exception:  # noqa: BLE001 - the crash log is written whatever else fails
        script = "—"
    head = [
        f"Asisten Wawancara {__version__}",
        f"Waktu / time: {now.isoformat(timespec='seconds')}",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()}, Qt {QtCore.qVersion()}",
        f"Naskah / script: {script}",
        "",
    ]
    text = "\n".join(head) + "".join(traceback.format_exception(kind, value, tb))
    path = _create_new(folder, stem, ".log", text)
    _log.error("crash log written: %s (%s)", path.name, kind.__name__)
    return path


def _create_new(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write `text` to a file that did not exist before: `<stem><suffix>`, or `<stem>-2…` when
    that name is taken. The file is created exclusively, so no other crash (same second, same
    process id after a restart, another process) is ever overwritten."""
    for number in itertools.count(1):
        path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable")  # itertools.count never ends


def unreported_crashes(data_dir: Path) -> list[Path]:
    """Crash logs from earlier runs not yet shown (a hard crash's faulthandler output too)."""
    folder = Path(data_dir) / CRASH_FOLDER
    if not folder.is_dir():
        return []
    found = sorted(folder.glob("crash-*.log"))  # "crash-<time>-<pid>-<random>.log"
    fault = folder / FAULT_FILE
    if fault.is_file() and fault.stat().st_size > 0:
        found.append(fault)
    return found


def acknowledge(paths: list[Path]) -> None:
    """Shown once: keep the file under a '.seen' name for IT support."""
    for path in paths:
        # the faulthandler file has the same name every time: the seen name must still be new
        seen = path.with_name(f"{path.name}.{dt.datetime.now():%Y%m%d%H%M%S}.seen")
        number = 1
        while seen.exists():
            number += 1
            seen = path.with_name(f"{path.name}.{dt.datetime.now():%Y%m%d%H%M%S}-{number}.seen")
        try:
            path.rename(seen)
        except OSError:
            pass
