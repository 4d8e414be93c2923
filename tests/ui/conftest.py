"""GUI test fixtures: a set-up office on a fixed clock, the main window, and a keyboard that counts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.storage.clock import FixedClock
from interview_app.ui.fields import CHOICE_KEYS
from interview_app.ui.main_window import MainWindow
from interview_app.ui.style import STYLE
from interview_app.workflow.counter import CounterSession
from tests.offices import COUNTER_NOW, COUNTER_OFFICER, COUNTER_SUPERVISOR, OfficeBuilder
from tests.ui.language import _display_language_reset, english  # noqa: F401 - fixtures

# The counter office's accounts, as (username, password).
OFFICER = COUNTER_OFFICER
SUPERVISOR = COUNTER_SUPERVISOR


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(COUNTER_NOW)


@pytest.fixture
def office(offices: OfficeBuilder, tmp_path: Path) -> Path:
    """A copy of the counter office (set up, with the officer petugas1)."""
    return offices.copy("counter", tmp_path / "office")


class Keyboard:
    """Sends key events to whatever has the focus, as the officer's keyboard does, and counts them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def target(self) -> QtWidgets.QWidget:
        widget = QtWidgets.QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.target(), text)
        self.count += len(text)

    def press(
        self,
        key: QtCore.Qt.Key,
        modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.qtbot.keyClick(self.target(), key, modifier)
        self.count += 1

    def enter(self) -> None:
        self.press(QtCore.Qt.Key.Key_Return)


@pytest.fixture
def window(qtbot: Any, office: Path, clock: FixedClock) -> Iterator[MainWindow]:
    QtWidgets.QApplication.instance().setStyleSheet(STYLE)  # type: ignore[union-attr]
    counter = CounterSession.open(office, clock=clock)
    main = MainWindow(counter)
    show_window(qtbot, main)
    yield main
    main.close()
    main.counter.close()


def show_window(qtbot: Any, main: MainWindow) -> None:
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=2000)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is not None, timeout=2000)


@pytest.fixture
def keyboard(qtbot: Any) -> Keyboard:
    return Keyboard(qtbot)


def log_in(window: MainWindow, keyboard: Keyboard, who: tuple[str, str] = OFFICER) -> None:
    assert window.stack.currentWidget() is window.login_page
    keyboard.type(who[0])
    keyboard.enter()
    keyboard.type(who[1])
    keyboard.enter()
    assert window.stack.currentWidget() is window.home_page, window.login_page.error.text()


def try_login(window: MainWindow, keyboard: Keyboard, username: str, password: str) -> None:
    """Type a username and a password into the sign-in page, as at the counter (whatever
    the outcome)."""
    page = window.login_page
    page.username.setFocus()
    page.username.selectAll()
    keyboard.type(username)
    keyboard.enter()
    keyboard.type(password)
    keyboard.enter()


def answer_keys(window: MainWindow, question_id: str, value: Any) -> str:
    """The keys the officer types for `value` (before Enter)."""
    controller = window.interview
    assert controller is not None
    question = controller.questionnaire.questions[question_id]
    if question.type == "yes_no":
        return "1" if value else "2"
    if question.type == "single" and len(controller.choices(question_id)) <= len(CHOICE_KEYS):
        values = [c.value for c in controller.choices(question_id)]
        return CHOICE_KEYS[values.index(value)]
    if question.type == "date":
        year, month, day = str(value).split("-")
        return f"{day}-{month}-{year}"
    return str(value)


def run_interview(
    window: MainWindow,
    keyboard: Keyboard,
    given: dict[str, Any],
    *,
    stop_at: str | None = None,
    on_answer: Any = None,
) -> list[str]:
    """Answer every question the page focuses, keyboard only, until the review page (or
    `stop_at`). Questions without an answer in `given` are passed with Enter."""
    page = window.interview_page
    seen: list[str] = []
    while window.stack.currentWidget() is page:
        controller = window.interview
        assert controller is not None
        current = controller.current
        assert current is not None
        if current == stop_at:
            break
        assert len(seen) < 200, seen
        seen.append(current)
        if current in given:
            keys = answer_keys(window, current, given[current])
            question = controller.questionnaire.questions[current]
            if question.type not in ("yes_no", "single", "multiple"):
                keyboard.press(
                    QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.ControlModifier
                ) if page.fields[current].pending() is None and controller.answer_text(
                    current
                ) else None
            keyboard.type(keys)
        keyboard.enter()
        if window.stack.currentWidget() is page and controller.current == current:
            field = page.fields[current]
            if "Enter" in field.message.text():
                keyboard.enter()  # a soft warning, confirmed
        if window.stack.currentWidget() is page and controller.current == current:
            raise AssertionError(f"{current}: stuck with {page.fields[current].message.text()!r}")
        if on_answer is not None:
            on_answer(current)
    return seen


def run_app(data_dir: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """The app as its own process (offscreen): started on `data_dir`, quit once idle."""
    root = Path(__file__).resolve().parent.parent.parent
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join((str(root), os.environ["PYTHONPATH"])),
    )
    command = [sys.executable, "-m", "interview_app", "gui", *flags, "--data-dir", str(data_dir)]
    return subprocess.run(
        [*command, "--no-crash-dialog", "--quit-when-idle"],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
    )
