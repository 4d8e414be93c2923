"""Diagnostics for IT support: the rotating log under the data folder (no personal data), the
facts an About box and "copy diagnostic information" give (version, OS, script, data folder,
database size, last snapshot and backup)."""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from interview_app import __version__
from interview_app.ui.screen_fit import fit_window

if TYPE_CHECKING:
    from interview_app.workflow.counter import CounterSession

LOGS_FOLDER = "logs"
LOG_FILE = "asisten-wawancara.log"
LOG_BYTES = 1_000_000  # per file; five old files are kept
LOG_BACKUPS = 5
OUR_HANDLER = "interview_app.log_file"  # the name of the file handler this module installs
LOGGER = "interview_app"

# Long digit runs are identity numbers (NIK and KK are 16 digits, phone numbers 10-13): the log
# never holds them, even when a message or a Qt warning carries one.
_DIGITS = re.compile(r"\d{8,}")


def logs_folder(data_dir: Path) -> Path:
    folder = Path(data_dir) / LOGS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _NoIdentityNumbers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _DIGITS.sub(lambda m: "#" * len(m.group()), message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install_log(data_dir: Path) -> Path:
    """The app's rotating log file in <data folder>/logs (Qt's warnings reach it through the
    message handler that crash.install sets). Installed once per data folder."""
    import logging.handlers  # at start-up, only what the log needs (start-up time)

    path = logs_folder(data_dir) / LOG_FILE
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if handler.get_name() == OUR_HANDLER:
            if Path(getattr(handler, "baseFilename", "")) == path:
                return path
            logger.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )
    handler.set_name(OUR_HANDLER)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_NoIdentityNumbers())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.info(
        "start: Asisten Wawancara %s, %s, Python %s, Qt %s",
        __version__,
        sys.platform,
        sys.version.split()[0],
        QtCore.qVersion(),
    )
    return path


def log() -> logging.Logger:
    """The UI's logger (events by reference number and username, never an applicant's data)."""
    return logging.getLogger(LOGGER + ".ui")


@dataclass(frozen=True)
class Facts:
    version: str
    system: str
    script: str
    data_dir: Path
    database_bytes: int
    last_snapshot: str
    last_backup: str


def _newest(folder: Path, pattern: str) -> Path | None:
    if not folder.is_dir():
        return None
    found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    return found[0] if found else None


def _when(path: Path | None) -> str:
    if path is None:
        return "—"
    moment = datetime.fromtimestamp(path.stat().st_mtime, UTC).astimezone()
    return f"{moment:%d-%m-%Y %H:%M} ({path.name})"


def script_text(counter: CounterSession) -> str:
    """The active script: id, version and the start of its content hash ("—" when none)."""
    from interview_app.storage.questionnaires import QuestionnaireStore

    try:
        active = QuestionnaireStore(counter.database).active()
        if active is None:
            return "—"
        digest, text = active
        questionnaire = counter.questionnaire(digest, text)
    except Exception:  # noqa: BLE001 - a diagnostic line never stops the box that shows it
        return "—"
    return f"{questionnaire.id} v{questionnaire.version} ({digest[:12]})"


def facts(counter: CounterSession) -> Facts:
    import platform

    from interview_app.storage.database import BACKUPS_FOLDER
    from interview_app.storage.maintenance import list_snapshots
    from interview_app.storage.paths import database_path

    data_dir = Path(counter.data_dir)
    database = database_path(data_dir)
    size = sum(
        p.stat().st_size
        for p in (database, database.with_name(database.name + "-wal"))
        if p.exists()
    )
    snapshots = list_snapshots(data_dir)
    return Facts(
        __version__,
        f"{platform.system()} {platform.release()} ({platform.machine()}), "
        f"Python {platform.python_version()}, Qt {QtCore.qVersion()}",
        script_text(counter),
        data_dir,
        size,
        _when(snapshots[0] if snapshots else None),
        _when(_newest(data_dir / BACKUPS_FOLDER, "*.sqlite3")),
    )


def _size(size: int) -> str:
    return f"{size / 1024**2:.1f} MB" if size >= 1024**2 else f"{size / 1024:.0f} KB"


def _lines(found: Facts) -> list[tuple[str, str]]:
    return [
        (QtCore.QCoreApplication.translate("AboutDialog", "Versi"), found.version),
        (QtCore.QCoreApplication.translate("AboutDialog", "Sistem"), found.system),
        (QtCore.QCoreApplication.translate("AboutDialog", "Naskah aktif"), found.script),
        (QtCore.QCoreApplication.translate("AboutDialog", "Folder data"), str(found.data_dir)),
        (
            QtCore.QCoreApplication.translate("AboutDialog", "Ukuran basis data"),
            _size(found.database_bytes),
        ),
        (
            QtCore.QCoreApplication.translate("AboutDialog", "Snapshot terakhir"),
            found.last_snapshot,
        ),
        (
            QtCore.QCoreApplication.translate("AboutDialog", "Cadangan terakhir (folder backups)"),
            found.last_backup,
        ),
    ]


def diagnostic_text(counter: CounterSession) -> str:
    """What IT support asks for, as plain text to paste into a message (no personal data)."""
    found = facts(counter)
    lines = [f"Asisten Wawancara {found.version}"]
    lines += [f"{label}: {value}" for label, value in _lines(found)[1:]]
    lines.append(f"Log: {logs_folder(found.data_dir) / LOG_FILE}")
    lines.append(f"Python: {sys.executable}")
    return "\n".join(lines)


class AboutDialog(QtWidgets.QDialog):
    """Version, script, data folder, database size, last snapshot and backup; a button copies
    it all for IT support."""

    def __init__(self, counter: CounterSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("Tentang Asisten Wawancara"))
        self.counter = counter
        layout = QtWidgets.QVBoxLayout(self)
        title = QtWidgets.QLabel("Asisten Wawancara")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addWidget(
            QtWidgets.QLabel(self.tr("Asisten wawancara TPPO/TPPM untuk petugas imigrasi."))
        )
        form = QtWidgets.QFormLayout()
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        self.values: dict[str, str] = {}
        for label, value in _lines(facts(counter)):
            shown = QtWidgets.QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
            self.values[label] = value
        layout.addLayout(form)
        buttons = QtWidgets.QDialogButtonBox()
        copy = buttons.addButton(
            self.tr("&Salin info diagnostik"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        copy.clicked.connect(self.copy)
        close = buttons.addButton(
            self.tr("&Tutup"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_window(self, 640, 360)

    def copy(self) -> None:
        QtWidgets.QApplication.clipboard().setText(diagnostic_text(self.counter))
