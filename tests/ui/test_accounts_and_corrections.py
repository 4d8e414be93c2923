"""Sign-in rules as the officer meets them (lockout, forced password change, supervisor tools
for supervisors only), and a returned interview corrected from the home screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.storage.clock import FixedClock
from interview_app.supervision.review_desk import ReviewDesk
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.main_window import MainWindow
from interview_app.ui.supervisor import REFUSED_OBJECT_NAME
from interview_app.ui.supervisor.tools_window import SupervisorToolsWindow
from tests import keyring
from tests.offices import answers
from tests.ui.conftest import OFFICER, SUPERVISOR, Keyboard, log_in, try_login
from tests.workflow.conftest import walk

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _officer_id(window: MainWindow, username: str) -> int:
    row = window.counter.database.conn.execute(
        "SELECT id FROM officers WHERE username = ?", (username,)
    ).fetchone()
    return int(row[0])


def test_five_wrong_passwords_lock_the_account_until_the_lock_time_passes(
    window: MainWindow, keyboard: Keyboard, clock: FixedClock
) -> None:
    for _ in range(5):
        try_login(window, keyboard, OFFICER[0], "bukan kata sandinya")
        assert window.stack.currentWidget() is window.login_page
    # Now even the right password is refused, with the reason and the time it opens again.
    try_login(window, keyboard, *OFFICER)
    assert window.stack.currentWidget() is window.login_page
    message = window.login_page.error.text()
    assert "terkunci" in message.lower() and "locked" not in message.lower()
    assert window.login_page.password.text() == ""
    clock.advance(dt.timedelta(minutes=14))
    try_login(window, keyboard, *OFFICER)
    assert window.stack.currentWidget() is window.login_page
    clock.advance(dt.timedelta(minutes=1, seconds=1))
    try_login(window, keyboard, *OFFICER)
    assert window.stack.currentWidget() is window.home_page
    actions = [e.action for e in window.counter.audit().entries(limit=40)]
    assert "officer.locked" in actions and "login" in actions


def test_a_reset_password_must_be_changed_before_anything_else(
    window: MainWindow, keyboard: Keyboard, office: Path
) -> None:
    # The supervisor's reset (the accounts page, at another sign-in): the slot is rewritten.
    with keyring.open_office(office) as supervising:
        officers = supervising.officers()
        supervisor = officers.find(SUPERVISOR[0])
        officer = officers.find(OFFICER[0])
        assert supervisor is not None and officer is not None
        officers.reset_password(supervisor.id, officer.id, "sementara-petugas1")
    try_login(window, keyboard, OFFICER[0], "sementara-petugas1")
    page = window.password_page
    assert window.stack.currentWidget() is page
    assert "direset" in page.why.text()
    assert not window.home_action.isEnabled() and not window.sync_menu.isEnabled()
    window.go_home()  # the menu shortcut cannot skip the change either
    assert window.stack.currentWidget() is page
    # The two new passwords differ: refused, nothing changed.
    keyboard.type("sementara-petugas1")
    keyboard.enter()
    keyboard.type("kalimat sandi baru saya")
    keyboard.enter()
    keyboard.type("kalimat sandi lain")
    keyboard.enter()
    assert window.stack.currentWidget() is page
    assert "tidak sama" in page.error.text() and "differ" not in page.error.text()
    # The username as password: the policy refuses it.
    keyboard.type("sementara-petugas1")
    keyboard.enter()
    keyboard.type("petugas1")
    keyboard.enter()
    keyboard.type("petugas1")
    keyboard.enter()
    assert window.stack.currentWidget() is page and page.error.text()
    keyboard.type("sementara-petugas1")
    keyboard.enter()
    keyboard.type("kalimat sandi baru saya")
    keyboard.enter()
    keyboard.type("kalimat sandi baru saya")
    keyboard.enter()
    assert window.stack.currentWidget() is window.home_page, page.error.text()
    window.logout()
    try_login(window, keyboard, OFFICER[0], "kalimat sandi baru saya")
    assert window.stack.currentWidget() is window.home_page
    # A change chosen from the menu can be cancelled back to work.
    window.password_action.trigger()
    assert window.stack.currentWidget() is page and page.cancel.text() == "Batal"
    page.cancel.click()
    assert window.stack.currentWidget() is window.home_page
    actions = [e.action for e in window.counter.audit().entries(limit=40)]
    assert "officer.password_reset" in actions and "officer.password_changed" in actions


def test_an_officer_cannot_reach_the_supervisor_tools(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard, OFFICER)
    assert not window.supervisor_menu.menuAction().isVisible()
    window._supervisor_tools()  # even called directly, the core refuses
    assert window.findChildren(SupervisorToolsWindow) == []
    refusal = window.findChild(QtWidgets.QMessageBox, REFUSED_OBJECT_NAME)
    assert refusal is not None and "supervisor" in refusal.text().lower()
    refusal.close()
    window.logout()
    try_login(window, keyboard, *SUPERVISOR)
    assert window.supervisor_menu.menuAction().isVisible()
    window.supervisor_menu.actions()[0].trigger()
    tools = window.findChildren(SupervisorToolsWindow)
    assert len(tools) == 1 and tools[0].isVisible()
    tools[0].close()


def test_a_returned_interview_is_corrected_from_the_home_screen(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard, OFFICER)
    controller = window.counter.start_interview()
    walk(controller, answers("tourist_visa_work"))
    controller.complete("TUNDA_RUJUK_BP3MI")
    supervisor = SupervisorSession.open(window.counter.storage, _officer_id(window, SUPERVISOR[0]))
    ReviewDesk(supervisor).return_to_officer(controller.ref_no, "Nama ditulis tanpa marga")
    window.go_home()
    home = window.home_page
    assert home.returned_box.isVisible() and home.returned.count() == 1
    assert "Nama ditulis tanpa marga" in home.returned.item(0).text()
    home.returned.setFocus()
    home.returned.setCurrentRow(0)
    keyboard.enter()
    dialog = window.findChild(QtWidgets.QDialog, "recordDialog")
    assert dialog is not None
    dialog.findChild(QtWidgets.QPushButton, "correctButton").click()
    page = window.interview_page
    assert window.stack.currentWidget() is page and "KOREKSI" in page.header.text()
    assert window.interview is not None and window.interview.current == "nik"
    keyboard.enter()  # the NIK stays
    assert window.interview.current == "full_name"
    keyboard.press(QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.ControlModifier)
    keyboard.type("Sri Wahyuni Lasahido Tombolotutu")
    keyboard.enter()
    # Nothing is written before the correction is saved.
    stored = window.counter.interviews().get(controller.uuid)
    assert stored.full_name == "Sri Wahyuni Lasahido" and stored.revision == 1
    keyboard.press(QtCore.Qt.Key.Key_R, QtCore.Qt.KeyboardModifier.ControlModifier)
    review = window.review_page
    assert window.stack.currentWidget() is review
    assert review.correction_reason.isVisible() and "koreksi" in review.complete_button.text()
    assert review.chosen() == "TUNDA_RUJUK_BP3MI"
    keyboard.press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert "alasan koreksi" in review.error.text()
    assert QtWidgets.QApplication.focusWidget() is review.correction_reason
    assert window.counter.interviews().get(controller.uuid).revision == 1
    keyboard.type("Marga tertinggal, dikembalikan supervisor")
    keyboard.press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_page)
    assert "revisi baru" in window.last_completion
    record = window.counter.interviews().get(controller.uuid)
    assert record.revision == 2 and record.full_name == "Sri Wahyuni Lasahido Tombolotutu"
    assert record.chosen_outcome == "TUNDA_RUJUK_BP3MI" and record.consent_bp3mi is not None
    reasons = [r.reason for r in window.counter.interviews().revisions(controller.uuid)]
    assert reasons == ["Marga tertinggal, dikembalikan supervisor"]
    assert not home.returned_box.isVisible()


def test_leaving_a_correction_with_changes_asks_first(
    window: MainWindow, keyboard: Keyboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(window, keyboard, OFFICER)
    controller = window.counter.start_interview()
    walk(controller, answers("tourist_visa_work"))
    controller.complete("TUNDA_RUJUK_BP3MI")
    window.start_correction(controller.uuid)
    keyboard.enter()
    assert window.interview is not None and window.interview.changed == set()
    window.go_home()  # nothing changed: no question asked
    assert window.stack.currentWidget() is window.home_page
    window.start_correction(controller.uuid)
    keyboard.enter()
    keyboard.press(QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.ControlModifier)
    keyboard.type("Sri W. Lasahido")
    keyboard.enter()
    asked: list[bool] = []
    monkeypatch.setattr(window, "confirm_discard_correction", lambda: asked.append(True) or False)
    window.go_home()
    assert asked and window.stack.currentWidget() is window.interview_page
    monkeypatch.setattr(window, "confirm_discard_correction", lambda: True)
    window.go_home()
    assert window.stack.currentWidget() is window.home_page
    assert window.counter.home().corrections == ()  # discarded, not kept for later
    assert window.counter.interviews().get(controller.uuid).full_name == "Sri Wahyuni Lasahido"


def test_a_purge_reminder_shows_on_the_home_screen_when_one_is_due(
    window: MainWindow, keyboard: Keyboard, clock: FixedClock
) -> None:
    log_in(window, keyboard, OFFICER)
    window.counter.start_interview().answer("full_name", "Pemohon Lama")
    window.go_home()
    assert not window.home_page.reminder.isVisible()
    clock.advance(dt.timedelta(days=366 * 6))
    window.go_home()
    reminder = window.home_page.reminder
    assert reminder.isVisible() and "masa simpan" in reminder.text()


def test_the_days_first_sign_in_takes_a_snapshot(
    qtbot: Any, window: MainWindow, keyboard: Keyboard, clock: FixedClock
) -> None:
    folder = window.counter.data_dir / "snapshots"
    log_in(window, keyboard, OFFICER)
    qtbot.waitUntil(lambda: len(list(folder.glob("daily-*.sqlite3"))) == 1, timeout=5000)
    assert "Snapshot harian" in window.statusBar().currentMessage()
    window.logout()
    try_login(window, keyboard, *OFFICER)
    qtbot.wait(500)
    assert len(list(folder.glob("daily-*.sqlite3"))) == 1  # once a day
    clock.advance(dt.timedelta(days=1))
    window.logout()
    try_login(window, keyboard, *OFFICER)
    qtbot.waitUntil(lambda: len(list(folder.glob("daily-*.sqlite3"))) == 2, timeout=5000)


def test_a_correction_left_by_a_crash_is_offered_on_home(
    qtbot: Any, window: MainWindow, keyboard: Keyboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "confirm_discard_correction", lambda: True)  # at the close
    log_in(window, keyboard, OFFICER)
    controller = window.counter.start_interview()
    walk(controller, answers("tourist_visa_work"))
    controller.complete("TUNDA_RUJUK_BP3MI")
    # What a window that died mid-correction leaves behind: the changes kept aside.
    window.counter.start_correction(controller.uuid).answer("full_name", "Sri W. Lasahido")
    window.go_home()
    drafts = window.home_page.drafts
    assert drafts.item(0).text().startswith("KOREKSI belum disimpan · " + controller.ref_no)
    drafts.setFocus()
    drafts.setCurrentRow(0)
    keyboard.enter()
    page = window.interview_page
    assert window.stack.currentWidget() is page and "KOREKSI" in page.header.text()
    assert page.fields["full_name"].text() == "Sri W. Lasahido"
