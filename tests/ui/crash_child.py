"""Run inside the app (gui --script): a bug in a slot, then a clean quit."""

from __future__ import annotations

from PySide6 import QtCore

app = globals()["app"]


def bug() -> None:
    QtCore.QTimer.singleShot(100, app.quit)
    raise RuntimeError("deliberate bug for the crash-path test")


QtCore.QTimer.singleShot(0, bug)
