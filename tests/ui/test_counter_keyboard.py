"""The counter by keyboard: menus and their Alt keys, the lock, signing out, the supervisor's
tools by name, search to record, typed choices, the progress bar, labels instead of codes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.ui.i18n import current_language
from interview_app.ui.main_window import MainWindow
from tests.offices import answers
from tests.ui.conftest import SUPERVISOR, Keyboard, log_in, run_interview

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _menu_actions(window: MainWindow) -> list[Any]:
    found = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is not None:
            found += [a for a in menu.actions() if not a.isSeparator()]
    return found


def _alt_key(text: str) -> str:
    index = text.find("&")
    return text[index + 1].lower() if 0 <= index < len(text) - 1 else ""


def test_every_menu_has_its_own_alt_key_in_both_languages(
    window: MainWindow, keyboard: Keyboard, english: None
) -> None:
    log_in(window, keyboard, SUPERVISOR)
    window._set_ui_language("id")
    for _ in ("id", "en"):
        titles = [a.text() for a in window.menuBar().actions()]
        keys = [_alt_key(t) for t in titles]
        assert all(keys) and len(set(keys)) == len(keys), titles
        window._set_ui_language("en")
    assert current_language() == "en"


def test_the_lock_leaves_only_quitting_and_quitting_asks(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard, SUPERVISOR)
    keyboard.press(
        QtCore.Qt.Key.Key_L,
        QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.stack.currentWidget() is window.lock_page
    enabled = [
        a.text()
        for a in _menu_actions(window)
        if a.isEnabled() and a.menu() is None and a.parent().isEnabled()  # type: ignore[union-attr]
    ]
    assert enabled == [window.quit_action.text()]
    asked: list[bool] = []
    window.confirm_quit = lambda: asked.append(True) or False  # type: ignore[method-assign]
    keyboard.press(QtCore.Qt.Key.Key_Q, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert asked == [True] and window.isVisible()  # "no" keeps the app open and locked
    assert window.stack.currentWidget() is window.lock_page


def test_signing_out_clears_the_user_name(window: MainWindow, keyboard: Keyboard) -> None:
    log_in(window, keyboard)
    keyboard.press(
        QtCore.Qt.Key.Key_Q,
        QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.stack.currentWidget() is window.login_page
    assert window.login_page.username.text() == ""
    assert QtWidgets.QApplication.focusWidget() is window.login_page.username


def test_the_supervisor_menu_opens_each_tool_by_name(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard, SUPERVISOR)
    names = [a.text() for a in window.supervisor_menu.actions()]
    assert names == [text for _, text in window.supervisor_tool_names()]
    assert len(names) == 8
    for key, action in window.supervisor_actions.items():
        action.trigger()
        tools = window.findChild(QtWidgets.QDialog, "supervisorTools")
        assert tools is not None and tools.isVisible()
        assert tools.tabs.currentWidget() is tools.tools[key], key  # type: ignore[attr-defined]
    assert len(window.findChildren(QtWidgets.QDialog, "supervisorTools")) == 1
    tools.close()


def test_down_and_enter_from_the_search_open_a_result(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    controller = window.counter.start_interview()
    controller.answer("full_name", "Sri Wahyuni Lasahido")
    window.go_home()
    keyboard.press(QtCore.Qt.Key.Key_F, QtCore.Qt.KeyboardModifier.ControlModifier)
    keyboard.type("sri")
    keyboard.press(QtCore.Qt.Key.Key_Down)
    assert QtWidgets.QApplication.focusWidget() is window.home_page.results
    keyboard.enter()
    dialog = window.findChild(QtWidgets.QDialog, "recordDialog")
    assert dialog is not None and dialog.isVisible()
    assert "belum selesai" in dialog.findChild(QtWidgets.QLabel, "recordHead").text()
    dialog.close()


def test_a_country_takes_a_unique_prefix_and_a_refusal_names_close_matches(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    controller = window.interview
    assert controller is not None
    controller.answer("purpose", "work")
    controller.answer("intends_work", True)
    page = window.interview_page
    page.jump_to_question("destination")
    keyboard.type("Malasia")
    keyboard.enter()
    message = page.fields["destination"].message.text()
    assert "Mungkin maksud Anda: Malaysia" in message
    assert controller.raw_answer("destination") is None
    line = page.fields["destination"].editor
    line.selectAll()
    keyboard.type("Malay")
    keyboard.enter()
    assert controller.raw_answer("destination") == "MY"


def test_a_date_field_is_one_tab_stop(window: MainWindow, keyboard: Keyboard) -> None:
    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    page = window.interview_page
    page.focus_question("birth_date")
    assert QtWidgets.QApplication.focusWidget() is page.fields["birth_date"].input
    assert page.fields["birth_date"].editor.placeholderText() == "HH-BB-TTTT"
    keyboard.press(QtCore.Qt.Key.Key_Tab)
    assert QtWidgets.QApplication.focusWidget() is page.fields["sex"].input


def test_the_progress_bar_never_goes_back_and_labels_replace_codes(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    bar = window.interview_page.progress
    shown = [bar.value()]
    run_interview(
        window,
        keyboard,
        answers("tourist_visa_work"),
        on_answer=lambda _: shown.append(bar.value()),
    )
    assert shown == sorted(shown), shown  # C and D opening never pull it back
    assert shown[-1] > 900
    review = window.review_page
    assert "TUNDA_RUJUK_BP3MI" not in review.outcome.currentText()
    assert review.outcome.currentText() == "Ditunda dan dirujuk ke BP3MI"
    keyboard.press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert "Ditunda dan dirujuk ke BP3MI" in window.last_completion
    assert "TUNDA_RUJUK_BP3MI" not in window.last_completion
    today = window.home_page.today
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_page)
    lines = [today.item(i).text() for i in range(today.count())]
    assert any("Ditunda dan dirujuk ke BP3MI" in line for line in lines), lines
    assert not any("TUNDA_RUJUK" in line for line in lines)
    box = window.findChild(QtWidgets.QMessageBox, "completedBox")
    assert box is not None
    assert box.defaultButton() is box.findChild(QtWidgets.QPushButton, "printSlipButton")
    box.close()


def test_the_keyboard_focus_is_visible_on_a_button(qtbot: Any) -> None:
    from interview_app.ui.style import STYLE

    dialog = QtWidgets.QDialog()
    dialog.setStyleSheet(STYLE)
    layout = QtWidgets.QVBoxLayout(dialog)
    first, second = QtWidgets.QPushButton("Satu"), QtWidgets.QPushButton("Dua")
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    unfocused = first.grab().toImage()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    assert first.grab().toImage() != unfocused


def test_a_returning_applicant_takes_fewer_keystrokes(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    """The reference interview by keyboard, for a new applicant and then for the same person
    again: after the NIK, Ctrl+J puts the earlier identity answers in their fields, each
    confirmed with Enter. Both counts are printed for the issue's note."""
    from interview_app.ui.interview_page import TAKE_OVER

    log_in(window, keyboard)
    given = answers("tourist_visa_work")
    keyboard.count = 0
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    run_interview(window, keyboard, given)
    new_applicant = keyboard.count
    keyboard.press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_page)
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if isinstance(widget, QtWidgets.QMessageBox):
            widget.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.home_page.new_button.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is not None)

    keyboard.count = 0
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    page = window.interview_page
    run_interview(window, keyboard, {"nik": given["nik"]}, stop_at="full_name")
    assert "Ctrl+J" in page.repeat.summary.text()
    keyboard.press(QtCore.Qt.Key.Key_J, QtCore.Qt.KeyboardModifier.ControlModifier)
    controller = window.interview
    assert controller is not None
    taken = {
        qid
        for qid, q in controller.questionnaire.questions.items()
        if q.identity in TAKE_OVER and qid in given
    }
    assert set(page.offered) == taken
    assert controller.raw_answer("full_name") is None  # shown, not saved before Enter
    assert page.fields["full_name"].editor.text() == given["full_name"]
    assert "Enter" in page.fields["full_name"].message.text()
    rest = {k: v for k, v in given.items() if k not in taken}
    run_interview(window, keyboard, rest)
    returning = keyboard.count
    for qid in taken:
        assert controller.raw_answer(qid) is not None, qid
    assert controller.raw_answer("full_name") == given["full_name"]
    assert str(controller.raw_answer("birth_date")) == given["birth_date"]
    print(f"keystrokes: new applicant {new_applicant}, returning applicant {returning}")
    assert returning < new_applicant - 100


def test_enter_takes_the_highlighted_completion(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    controller = window.interview
    assert controller is not None
    controller.answer("purpose", "work")
    controller.answer("intends_work", True)
    page = window.interview_page
    page.jump_to_question("destination")
    line = page.fields["destination"].editor
    keyboard.type("je")  # the list shows every name holding "je": Jepang, Jerman…
    popup = line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    rows = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    wanted = next(text for text in rows if text.startswith("JP "))
    popup.setCurrentIndex(popup.model().index(rows.index(wanted), 0))
    QtWidgets.QApplication.sendEvent(
        line,
        QtGui.QKeyEvent(
            QtCore.QEvent.Type.KeyPress,
            QtCore.Qt.Key.Key_Return,
            QtCore.Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert controller.raw_answer("destination") == "JP"
