"""Calm messages for environment errors (KnownError) in the display language, shown by every page the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6 import QtWidgets

from interview_app.errors import KnownError
from interview_app.text import Message
from interview_app.ui.diagnostics import log
from interview_app.ui.i18n import current_language

_shown: list[str] = []  # what was shown, newest last (tests and the crash log read it)

# Where a refusal is shown: a message box over this widget (None: no parent), or the text
# handed to a function (a status line's `error`, a page's `show_error`, a label's `setText`).
ShowTo = QtWidgets.QWidget | Callable[[str], object] | None


def say(message: Message) -> str:
    """A core message (a result, a refusal) in the display language."""
    return message.text(current_language())


def known_error_text(error: KnownError) -> str:
    """The message in the display language (the UI shows one language at a time)."""
    return error.message.text(current_language())


def both_languages(error: KnownError) -> str:
    """Indonesian first, English below: for stderr and logs, which stay bilingual."""
    return f"{error.message.id}\n\n{error.message.en}"


def problem_text(problem: object) -> str:
    """One problem of a refused script or settings change, in the display language."""
    if isinstance(problem, Message):
        return say(problem)
    message = getattr(problem, "message", None)
    if isinstance(message, Message) and hasattr(problem, "path"):
        return f"{problem.path}:{getattr(problem, 'line', 0)}: {say(message)}"
    return str(problem)


def refusal_text(error: KnownError) -> str:
    """The message in the display language, then each listed problem (a refused script's
    `file:line: message`) on a line of its own."""
    problems = [problem_text(problem) for problem in getattr(error, "problems", ())]
    return "\n".join([known_error_text(error), *problems])


def _record(error: KnownError, text: str) -> None:
    _shown.append(text)
    log().warning("shown to the officer: %s", error.message.en)


def show_known_error(parent: QtWidgets.QWidget | None, error: KnownError) -> None:
    """In the display language; nothing was lost, the input stays to retry."""
    text = refusal_text(error)
    _record(error, text)
    _message_box(parent, text, QtWidgets.QMessageBox.Icon.Information)


def show_warning(parent: QtWidgets.QWidget | None, message: Message) -> None:
    """A core warning (something done that the person must follow up), in the display
    language."""
    text = say(message)
    _shown.append(text)
    log().warning("warning shown: %s", message.en)
    _message_box(parent, text, QtWidgets.QMessageBox.Icon.Warning)


def _message_box(
    parent: QtWidgets.QWidget | None, text: str, icon: QtWidgets.QMessageBox.Icon
) -> None:
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle("Asisten Wawancara")
    box.setText(text)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
    app = QtWidgets.QApplication.instance()
    if app is not None and QtWidgets.QApplication.platformName() == "offscreen":
        box.setModal(False)
        box.show()  # tests see it without a nested event loop; closed by the next step
        app.setProperty("lastMessage", text)
        box.deleteLater()
        return
    box.exec()


def show_refusal(show: ShowTo, error: KnownError) -> None:
    """`error` shown calmly where `show` says (see ShowTo)."""
    if show is None or isinstance(show, QtWidgets.QWidget):
        show_known_error(show, error)
        return
    text = refusal_text(error)
    _record(error, text)
    show(text)


class Attempt:
    """What happened inside `calmly(...)`: `failed` once a KnownError stopped the block,
    `error` the refusal that was shown."""

    __slots__ = ("error",)

    def __init__(self) -> None:
        self.error: KnownError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@contextmanager
def calmly(show: ShowTo) -> Iterator[Attempt]:
    """Run the block; a KnownError (the environment's or the input's fault: disk full, locked
    file, wrong password) ends it and is shown calmly in the display language, where `show`
    says; the caller reads `attempt.failed` to stop. Any other exception is a bug and goes on
    to the crash path untouched.

        with calmly(self) as attempt:
            rows = self.counter.search(text)
        if attempt.failed:
            return
    """
    attempt = Attempt()
    try:
        yield attempt
    except KnownError as error:
        attempt.error = error
        show_refusal(show, error)


def last_shown() -> str | None:
    return _shown[-1] if _shown else None
