"""Calm messages for environment errors (KnownError) in the display language, shown by every page the same way."""

from __future__ import annotations

from PySide6 import QtWidgets

from interview_app.errors import KnownError
from interview_app.text import Message
from interview_app.ui.diagnostics import log
from interview_app.ui.i18n import current_language

_shown: list[str] = []  # what was shown, newest last (tests and the crash log read it)


def say(message: Message) -> str:
    """A core message (a result, a refusal) in the display language."""
    return message.text(current_language())


def known_error_text(error: KnownError) -> str:
    """The message in the display language (the UI shows one language at a time)."""
    return error.message.text(current_language())


def both_languages(error: KnownError) -> str:
    """Indonesian first, English below: for stderr and logs, which stay bilingual."""
    return f"{error.message.id}\n\n{error.message.en}"


def show_known_error(parent: QtWidgets.QWidget | None, error: KnownError) -> None:
    """In the display language; nothing was lost, the input stays to retry."""
    text = known_error_text(error)
    _shown.append(text)
    log().warning("shown to the officer: %s", error.message.en)
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Information)
    box.setWindowTitle("Asisten Wawancara")
    box.setText(text)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
    if QtWidgets.QApplication.platformName() == "offscreen":
        box.setModal(False)
        box.show()  # tests see it without a nested event loop; closed by the next step
        QtWidgets.QApplication.instance().setProperty("lastMessage", text)  # type: ignore[union-attr]
        box.deleteLater()
        return
    box.exec()


def last_shown() -> str | None:
    return _shown[-1] if _shown else None
