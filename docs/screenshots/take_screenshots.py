"""Takes the README screenshots from the real app on a simulated 1366x768 counter screen
(run by `gui --demo --script`, offscreen; no display needed). The screen file sets the size
under a 40-pixel taskbar and the Windows scaling (100% or 150%); the images are the window's
own pixels at that scale ("-150" in the name for 150%).

    for scale in 100 150; do
      QT_QPA_PLATFORM=offscreen:configfile=docs/screenshots/screen-$scale.json \\
        interview-app gui --demo --data-dir /tmp/shots-$scale --no-crash-dialog \\
        --script docs/screenshots/take_screenshots.py
    done

Each image is saved with a 256-colour palette (Pillow, which reportlab brings) to stay small.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6 import QtCore, QtTest, QtWidgets

from interview_app.ui.screen_fit import available_room

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
SCALE = round(app.primaryScreen().devicePixelRatio() * 100)
SUFFIX = "" if SCALE == 100 else f"-{SCALE}"


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


def shot(name: str, widget: QtWidgets.QWidget | None = None) -> None:
    """The window's (or a dialog's) own pixels at the screen's scale."""
    wait(400)
    image = (widget or window).grab().toImage()
    path = OUT / f"{name}{SUFFIX}.png"
    image.save(str(path), "PNG")
    from PIL import Image  # reportlab's dependency: a palette keeps the files small

    with Image.open(path) as full:
        small = full.convert("RGB").quantize(
            256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)
    print(f"saved {path} {image.width()}x{image.height()}", flush=True)


def dialog(name: str) -> QtWidgets.QWidget:
    found = window.findChild(QtWidgets.QDialog, name)
    assert found is not None, name
    return found


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
    window.setGeometry(available_room(window))  # as large as the screen lets it
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
    press(QtCore.Qt.Key.Key_Up)
    press(QtCore.Qt.Key.Key_Up)
    press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    wait()
    uuid = conn.execute(
        "SELECT uuid FROM interviews WHERE status = 'completed' ORDER BY completed_at DESC LIMIT 1"
    ).fetchone()[0]
    window._print_slip(uuid)
    shot("7-slip-preview", dialog("slipDialog"))
    dialog("slipDialog").close()
    window.logout()
    keys("supervisor")
    press(QtCore.Qt.Key.Key_Return)
    keys("kepala-seksi-demo")
    press(QtCore.Qt.Key.Key_Return)
    wait()
    window.supervisor_actions["review"].trigger()
    tools = dialog("supervisorTools")
    review = tools.review
    review.all_dates.setChecked(True)
    review.refresh()
    shot("8-supervisor-review", tools)
    tools.close()
    window._set_ui_language("en")
    wait()
    window.supervisor_actions["audit"].trigger()
    tools = dialog("supervisorTools")
    shot("9-supervisor-audit-english", tools)
    tools.close()
    window._set_ui_language("id")
    app.quit()


try:
    main()
except Exception:  # a screenshot run that fails says why and ends
    import traceback

    traceback.print_exc()
    app.exit(1)
sys.stdout.flush()
