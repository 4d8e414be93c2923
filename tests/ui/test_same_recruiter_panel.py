"""The interview's side panel names a recruiter seen in the office's other interviews; so does the
review."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.ui.main_window import MainWindow
from tests.offices import answers
from tests.ui.conftest import Keyboard, log_in, run_interview
from tests.workflow.conftest import walk

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

GIVEN = dict(answers("work_changed_to_tourism"), purpose="kerja")  # recruiter: Pak Rusdi


def test_the_panel_and_the_review_name_the_other_interviews(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    earlier = []
    for nik, phone in (("7202013001940015", "+62 852-1234-9876"), ("7202013001940023", None)):
        controller = window.counter.start_interview()
        given = dict(GIVEN, nik=nik)
        if phone:
            given["recruiter_phone"] = phone
        walk(controller, given)
        controller.complete(controller.review().risk.suggestion.code)
        earlier.append(controller.uuid)
    window.go_home()
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    page = window.interview_page
    panel = page.recruiter
    assert panel.isHidden()  # nothing to say before a recruiter is named
    run_interview(window, keyboard, GIVEN, stop_at="visited_recruiter_office")
    assert panel.isVisible()
    assert "2" in panel.summary.text()
    assert panel.list.count() == 2
    row = panel.list.item(0).text()
    assert "TUNDA" not in row and "TERBIT" not in row  # the outcome by its label, not its code
    assert "Ditunda" in row or "dilanjutkan" in row, row
    flags = [page.risk.flags.item(i).text() for i in range(page.risk.flags.count())]
    (shown,) = [f for f in flags if "Perekrut ini muncul di 2 wawancara lain" in f]
    assert "sejak November 2026" in shown and "[info]" in shown
    # Opening one of them is the same read-only, logged view as for repeat applicants.
    panel.list.setCurrentRow(0)
    panel.list.itemActivated.emit(panel.list.item(0))
    dialog = window.findChild(QtWidgets.QDialog, "recordDialog")
    assert dialog is not None
    dialog.close()
    # The review lists the flag with the script's flags.
    run_interview(window, keyboard, GIVEN)
    assert window.stack.currentWidget() is window.review_page
    assert "Perekrut ini muncul di 2 wawancara lain" in window.review_page.flag_texts()
