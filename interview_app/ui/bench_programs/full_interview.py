"""Run inside the app by the benchmark (`gui --script`, with ANSWERS_JSON set before this text):
sign in, a whole interview by keyboard, complete it, and report the process's own memory
(resident after the interview and peak) as read from the operating system for this process."""

import json
import sys

from PySide6 import QtCore, QtTest, QtWidgets

from interview_app.bench.memory import own_memory

window = globals()["window"]
app = globals()["app"]
ANSWERS = json.loads(globals()["ANSWERS_JSON"])
KEYS = "123456789abcdefghijklmnopqrstuvwxyz"


def focus() -> QtWidgets.QWidget:
    widget = QtWidgets.QApplication.focusWidget()
    if widget is None:
        window.activateWindow()
        QtTest.QTest.qWaitForWindowActive(window, 500)
        if window.interview is not None and window.interview.current:
            window.interview_page.focus_question(window.interview.current)
        widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def keys(text: str) -> None:
    QtTest.QTest.keyClicks(focus(), text)


def key(
    k: QtCore.Qt.Key, m: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier
) -> None:
    QtTest.QTest.keyClick(focus(), k, m)


def run() -> None:
    # The login window, idle, before anyone signs in: the app's own floor.
    sys.stdout.write("login " + own_memory().line() + "\n")
    window.activateWindow()
    QtTest.QTest.qWaitForWindowActive(window)
    keys("petugas1")
    key(QtCore.Qt.Key.Key_Return)
    keys("loket-satu-demo")
    key(QtCore.Qt.Key.Key_Return)
    key(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    QtCore.QTimer.singleShot(100, interview)


def interview() -> None:
    page = window.interview_page
    steps = 0
    while window.stack.currentWidget() is page and steps < 300:
        steps += 1
        c = window.interview
        qid = c.current
        q = c.questionnaire.questions[qid]
        if qid in ANSWERS:
            v = ANSWERS[qid]
            if q.type == "yes_no":
                keys("1" if v else "2")
            elif q.type == "single" and len(c.choices(qid)) <= len(KEYS):
                keys(KEYS[[ch.value for ch in c.choices(qid)].index(v)])
            elif q.type == "date":
                y, m, d = v.split("-")
                keys(f"{d}-{m}-{y}")
            else:
                keys(str(v))
                # The offscreen platform gives a completion popup the window's activation;
                # close it as an officer would before going on.
                popup = QtWidgets.QApplication.activePopupWidget()
                if popup is not None:
                    popup.hide()
        key(QtCore.Qt.Key.Key_Return)
        if window.stack.currentWidget() is page and c.current == qid:
            key(QtCore.Qt.Key.Key_Return)
        if window.stack.currentWidget() is page and c.current == qid:
            sys.stdout.write(f"stuck at {qid}\n")
            sys.stdout.flush()
            app.exit(3)
            return
    window.review_page.outcome.setFocus()
    key(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    QtTest.QTest.qWait(50)
    done = window.counter.home().today
    sys.stdout.write(f"completed {sum(1 for r in done if r.status == 'completed')}\n")
    sys.stdout.write(own_memory().line() + "\n")
    sys.stdout.flush()
    app.quit()


QtCore.QTimer.singleShot(0, run)
