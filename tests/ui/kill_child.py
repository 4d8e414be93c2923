"""Run inside the app (gui --script): sign in, answer part of section A by keyboard, type into a
text field without pressing Enter, wait for the autosave, say "ready", and wait to be killed."""

from __future__ import annotations

import sys

from PySide6 import QtCore, QtTest, QtWidgets

window = globals()["window"]  # given by the app


def keys(text: str) -> None:
    QtTest.QTest.keyClicks(QtWidgets.QApplication.focusWidget(), text)


def enter() -> None:
    QtTest.QTest.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Return)


def sign_in_and_start() -> None:
    window.activateWindow()
    QtTest.QTest.qWaitForWindowActive(window)
    keys("petugas1")
    enter()
    keys("loket satu palu")
    enter()
    QtTest.QTest.keyClick(
        QtWidgets.QApplication.focusWidget(),
        QtCore.Qt.Key.Key_N,
        QtCore.Qt.KeyboardModifier.ControlModifier,
    )
    # the offscreen platform drops the window's activation once after a page change
    QtCore.QTimer.singleShot(200, answer_part_of_section_a)


def answer_part_of_section_a() -> None:
    window.activateWindow()
    QtTest.QTest.qWaitForWindowActive(window)
    window.interview_page.focus_question(window.interview.current)
    for text in ("7271015203990002", "Sri Wahyuni Lasahido", "Palu", "12-03-1999"):
        keys(text)
        enter()
    keys("2")  # sex: P
    enter()
    keys("0852 4411")  # phone, half typed: no Enter, the pause saves it
    QtCore.QTimer.singleShot(2500, ready)


def ready() -> None:
    sys.stdout.write(f"ready {window.interview.uuid} {window.interview.typing}\n")
    sys.stdout.flush()


QtCore.QTimer.singleShot(200, sign_in_and_start)
