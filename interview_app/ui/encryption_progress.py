"""The progress of encrypting a data folder of the release before (a supervisor's first sign-in
after the upgrade): a modal dialog that follows the files, and cannot be cancelled (the
conversion is crash-safe, but stopping it half-way would only leave the work for next time)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from interview_app.ui.screen_fit import fit_window


class EncryptionProgress(QtWidgets.QProgressDialog):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encryptionProgress")
        self.setWindowTitle(self.tr("Mengenkripsi data kantor"))
        # A wrapped label of a fixed width: a long file name never widens the dialog past
        # the screen (QProgressDialog grows to its label's one-line width otherwise).
        label = QtWidgets.QLabel()
        label.setObjectName("encryptionStep")
        label.setWordWrap(True)
        self.setLabel(label)
        self.setLabelText(
            self.tr(
                "Folder data ini dari versi sebelumnya dan belum terenkripsi. Data dienkripsi sekarang; jangan matikan komputer. Ini bisa memakan beberapa menit."
            )
        )
        self.setCancelButton(None)
        self.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)  # busy until the first file is counted
        self.files: list[str] = []
        fit_window(self, 520, 200)
        self.setFixedWidth(self.width())
        label.setFixedWidth(self.width() - 40)

    def start(self) -> None:
        self.show()
        self._paint()

    def step(self, done: int, total: int, path: Path) -> None:
        """storage.encrypt_in_place's progress: `done` of `total` files, `path` the next."""
        self.files.append(Path(path).name)
        self.setRange(0, max(total, 1))
        self.setValue(min(done, max(total, 1)))
        if done >= total:
            self.setLabelText(self.tr("Enkripsi selesai; data dibuka…"))
        else:
            self.setLabelText(
                self.tr("Mengenkripsi berkas %1 dari %2: %3. Jangan matikan komputer.")
                .replace("%1", str(done + 1))
                .replace("%2", str(total))
                .replace("%3", _shown_name(Path(path)))
            )
        self._paint()

    def _paint(self) -> None:
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802
        """Esc does not stop the conversion."""


def _shown_name(path: Path) -> str:
    """A snapshot or backup with its folder (snapshots/…, backups/…), else the file's name."""
    if path.parent.name in ("snapshots", "backups"):
        return f"{path.parent.name}/{path.name}"
    return path.name
