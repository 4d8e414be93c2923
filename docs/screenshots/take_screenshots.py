"""Takes the README screenshots from the real app (run by `gui --demo --script`, under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb interview-app gui --demo --data-dir /tmp/demo \\
        --no-crash-dialog --script docs/screenshots/take_screenshots.py
    for f in docs/screenshots/*.png; do convert "$f" -colors 256 "PNG8:$f"; done  # small files
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6 import QtCore, QtTest, QtWidgets

window = globals()["window"]
app = globals()["app"]
OUT = Path(__file__).resolve().parent
FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "tests"
    / "fixtures"
    / "answers"
    / "tourist_visa_work.json"
)


def wait(ms: int = 250) -> None:
    QtTest.QTest.qWait(ms)


def focus() -> QtWidgets.QWidget:
    widget = QtWidgets.QApplication.focusWidget()
    if widget is None:
        window.activateWindow()
        QtTest.QTest.qWaitForWindowActive(window)
        widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None
    return widget


def keys(text: str) -> None:
    QtTest.QTest.keyClicks(focus(), text)


def press(
    key: QtCore.Qt.Key, modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier
) -> None:
    QtTest.QTest.keyClick(focus(), key, modifier)


def shot(name: str) -> None:
    wait(400)
    image = window.screen().grabWindow(window.winId()).toImage()
    path = OUT / f"{name}.png"
    image.save(str(path), "PNG")
    print(f"saved {path} {path.stat().st_size} bytes", flush=True)


def answer(question_id: str, value: object) -> None:
    controller = window.interview
    page = window.interview_page
    page.focus_question(question_id)
    question = controller.questionnaire.questions[question_id]
    if question.type == "yes_no":
        keys("1" if value else "2")
    elif question.type == "single" and question.id != "destination":
        values = [c.value for c in controller.choices(question_id)]
        keys("123456789abcdefghijklmnopqrstuvwxyz"[values.index(value)])
    elif question.type == "date":
        y, m, d = str(value).split("-")
        keys(f"{d}-{m}-{y}")
    else:
        keys(str(value))
    press(QtCore.Qt.Key.Key_Return)
    if controller.current == question_id:
        press(QtCore.Qt.Key.Key_Return)  # confirm a soft warning
    wait(30)


def main() -> None:
    window.setGeometry(0, 0, 1366, 740)
    window.activateWindow()
    QtTest.QTest.qWaitForWindowActive(window)
    shot("1-login")
    keys("petugas1")
    press(QtCore.Qt.Key.Key_Return)
    keys("loket-satu-demo")
    press(QtCore.Qt.Key.Key_Return)
    wait()
    press(QtCore.Qt.Key.Key_F, QtCore.Qt.KeyboardModifier.ControlModifier)
    keys("Sri")
    shot("2-home-search")
    conn = window.counter.database.conn
    nik = conn.execute(
        "SELECT nik FROM interviews WHERE nik IS NOT NULL AND status = 'completed'"
        " GROUP BY nik ORDER BY count(*) DESC, nik LIMIT 1"
    ).fetchone()[0]
    earlier = window.counter.interviews().get(
        conn.execute("SELECT uuid FROM interviews WHERE nik = ? LIMIT 1", (nik,)).fetchone()[0]
    )
    press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    wait()
    given = json.loads(FIXTURE.read_text(encoding="utf-8"))["answers"]
    given.update(
        {
            k: v
            for k, v in earlier.answers.items()
            if k in ("nik", "full_name", "birth_date", "sex", "birth_place", "home_regency")
        }
    )
    for question_id in ("nik", "full_name", "birth_place", "birth_date", "sex", "phone"):
        answer(question_id, given[question_id])
    shot("3-identity-repeat-applicant")
    order = [q.id for s in window.interview.questionnaire.sections for q in s.questions]
    for question_id in order[order.index("passport_application_no") :]:
        if window.interview.session.is_relevant(question_id) and question_id in given:
            answer(question_id, given[question_id])
        if question_id == "visa_type":
            window.interview_page.focus_question("disnaker_registered")
            shot("4-section-with-flag")
    window.show_review()
    wait()
    shot("5-review")
    press(QtCore.Qt.Key.Key_Down)
    press(QtCore.Qt.Key.Key_Down)
    press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    shot("6-decision-reason-required")
    app.quit()


try:
    main()
except Exception:  # a screenshot run that fails says why and ends
    import traceback

    traceback.print_exc()
    app.exit(1)
sys.stdout.flush()
