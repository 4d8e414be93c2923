"""Auto-lock and unlock, refused passwords, repeat applicants, search while typing, script language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.ui.main_window import MainWindow
from tests.offices import answers
from tests.ui.conftest import OFFICER, SUPERVISOR, Keyboard, log_in, run_interview
from tests.workflow.conftest import walk

# The offscreen platform says so when a window asks for what only a real screen does.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
NIK = "7271015203990002"


def visible_text(widget: QtWidgets.QWidget) -> str:
    parts = [w.text() for w in widget.findChildren(QtWidgets.QLabel) if w.isVisible()]
    parts += [w.text() for w in widget.findChildren(QtWidgets.QLineEdit) if w.isVisible()]
    return "\n".join(parts)


def test_wrong_password_is_refused(window: MainWindow, keyboard: Keyboard) -> None:
    keyboard.type(OFFICER[0])
    keyboard.enter()
    keyboard.type("bukan kata sandinya")
    keyboard.enter()
    assert window.stack.currentWidget() is window.login_page
    assert "salah" in window.login_page.error.text()
    assert window.login_page.password.text() == ""
    assert window.counter.officer is None
    keyboard.type(OFFICER[1])
    keyboard.enter()
    assert window.stack.currentWidget() is window.home_page


def test_idle_lock_hides_the_applicant_and_unlocks_with_the_same_password(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    assert window.idle_timer.interval() == 5 * 60 * 1000  # the default from the settings
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    keyboard.type(NIK)
    keyboard.enter()
    keyboard.type("Sri Wahyuni")  # typed, not yet saved: the lock saves it first
    window.set_idle_timeout_ms(150)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.lock_page, timeout=3000)
    qtbot.waitUntil(window.lock_page.password.hasFocus, timeout=1000)
    shown = visible_text(window.lock_page) + window.windowTitle()
    assert "Sri" not in shown and NIK not in shown and "PLU-" not in shown
    assert not window.interview_page.isVisible()
    assert window.interview is not None
    record = window.counter.interviews().get(window.interview.uuid)
    assert record.full_name == "Sri Wahyuni" and record.nik == NIK
    keyboard.type(SUPERVISOR[1])  # another account's password does not open this lock
    keyboard.enter()
    assert window.stack.currentWidget() is window.lock_page
    assert "salah" in window.lock_page.error.text().lower()
    keyboard.type(OFFICER[1])
    keyboard.enter()
    assert window.stack.currentWidget() is window.interview_page
    assert window.interview.raw_answer("nik") == NIK
    assert window.interview_page.fields["full_name"].text() == "Sri Wahyuni"
    keyboard.enter()  # the interview goes on where it was
    assert window.interview.current == "birth_place"
    actions = [e.action for e in window.counter.audit().entries(limit=10)]
    assert "screen.lock" in actions and "screen.unlock" in actions


def test_repeat_applicant_panel_after_two_interviews_with_one_nik(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    given = answers("tourist_visa_work")
    earlier = []
    for outcome in ("TUNDA_RUJUK_BP3MI", "TUNDA_RUJUK_BP3MI"):
        controller = window.counter.start_interview()
        walk(controller, given)
        controller.complete(outcome)
        earlier.append(controller.uuid)
    window.go_home()
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    panel = window.interview_page.repeat
    assert panel.list.count() == 0
    keyboard.type(NIK[:15])
    assert panel.list.count() == 0
    keyboard.type(NIK[15])  # valid as soon as the 16th digit is in: the panel answers
    assert panel.list.count() == 2
    assert "2" in panel.summary.text()
    assert (
        "tanpa visa kerja" in panel.list.item(0).text()
        and "Ditunda dan dirujuk ke BP3MI" in panel.list.item(0).text()  # the label, not the code
        and "TUNDA_RUJUK_BP3MI" not in panel.list.item(0).text()
    )
    panel.list.setCurrentRow(0)
    panel.list.itemActivated.emit(panel.list.item(0))
    dialog = window.findChild(QtWidgets.QDialog, "recordDialog")
    assert dialog is not None and "hanya baca" in dialog.windowTitle()
    dialog.close()
    logged = window.counter.audit().entries(object_type="interview", limit=50)
    assert any(e.action == "interview.view" and e.object_id in earlier for e in logged)


def test_search_by_name_prefix_answers_while_typing(window: MainWindow, keyboard: Keyboard) -> None:
    log_in(window, keyboard)
    for name in ("Sri Wahyuni Lasahido", "Sri Rahayu", "Moh. Rizal"):
        controller = window.counter.start_interview()
        controller.answer("full_name", name)
    window.go_home()
    keyboard.press(QtCore.Qt.Key.Key_F, QtCore.Qt.KeyboardModifier.ControlModifier)
    results = window.home_page.results
    keyboard.type("sri")
    assert results.count() == 2
    keyboard.type(" w")
    assert results.count() == 1 and "Sri Wahyuni Lasahido" in results.item(0).text()
    keyboard.type("x")
    assert results.item(0).text() == "Tidak ditemukan."


def test_switching_the_script_language_mid_interview(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    run_interview(window, keyboard, answers("tourist_visa_work"), stop_at="purpose")
    page = window.interview_page
    assert page.fields["purpose"].title.text().startswith("Apa tujuan")
    keyboard.press(QtCore.Qt.Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.interview is not None and window.interview.language == "en"
    assert page.fields["purpose"].title.text().startswith("What is the purpose")
    assert "Trip" in page.header.text()
    assert window.interview.current == "purpose" and page.fields["purpose"].input.hasFocus()
    assert window.interview.raw_answer("sex") == "P"
    assert window.counter.interviews().get(window.interview.uuid).language == "en"
    keyboard.press(QtCore.Qt.Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert page.fields["purpose"].title.text().startswith("Apa tujuan")


def test_a_locked_database_gives_a_calm_message_and_keeps_the_answer(
    window: MainWindow, keyboard: Keyboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_app.storage.errors import DatabaseLocked
    from interview_app.storage.interviews import InterviewRepository
    from interview_app.ui.messages import last_shown

    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)

    def locked(*args: object, **kwargs: object) -> None:
        raise DatabaseLocked(
            "Basis data sedang dipakai program lain. Coba lagi sebentar lagi.",
            "The database is in use by another program. Try again in a moment.",
        )

    monkeypatch.setattr(InterviewRepository, "save_answer", locked)
    keyboard.type(NIK)
    keyboard.enter()
    shown = last_shown() or ""
    assert "Coba lagi" in shown and "Try again" not in shown  # one language at a time
    assert window.interview is not None and window.interview.current == "nik"
    assert window.interview_page.fields["nik"].text() == NIK
    monkeypatch.undo()
    for box in window.findChildren(QtWidgets.QMessageBox):
        box.close()
    window.activateWindow()
    window.interview_page.focus_question("nik")
    keyboard.enter()  # the same answer, retried
    assert window.interview.current == "full_name"
    assert window.counter.interviews().get(window.interview.uuid).nik == NIK
