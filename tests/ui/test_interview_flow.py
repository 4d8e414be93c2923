"""A whole interview of the default script, keyboard only, from sign-in to a completed referral."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.ui.main_window import MainWindow
from tests.offices import answers
from tests.ui.conftest import Keyboard, log_in, run_interview

# The offscreen platform says so when a window asks for what only a real screen does.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_keyboard_only_interview_to_a_referral(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    assert "Siti Nurhaliza" in window.home_page.greeting.text()
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    page = window.interview_page
    assert window.stack.currentWidget() is page
    assert page.repeat.isVisible()  # identity first, with the earlier-interviews panel
    assert window.interview is not None and window.interview.current == "nik"
    given = answers("tourist_visa_work")
    fired_at: dict[str, list[str]] = {}

    def watch(question_id: str) -> None:
        fired_at[question_id] = page.risk.shown_rule_ids()

    run_interview(window, keyboard, given, on_answer=watch)
    # the flag fired on screen the moment the visa answer was given, with reason and weight
    assert "visa_not_work" not in fired_at["job_type"]
    assert "visa_not_work" in fired_at["visa_type"]
    assert "TANDA BAHAYA BERAT" in page.risk.score.text()
    review = window.review_page
    assert window.stack.currentWidget() is review
    assert "Ditunda dan dirujuk ke BP3MI" in review.suggestion.text()
    assert "tanpa visa kerja" in review.flag_texts() and "[berat]" in review.flag_texts()
    assert review.chosen() == "TUNDA_RUJUK_BP3MI"
    assert review.outcome.hasFocus()
    # the suspected purpose for the slip: the script's suggestion, which the officer confirms
    assert review.chosen_suspected() == "suspected_nonprocedural_work"
    assert "(saran)" in review.suspected.currentText()
    # another outcome than the suggestion: the reason is required
    keyboard.press(QtCore.Qt.Key.Key_Down)
    keyboard.press(QtCore.Qt.Key.Key_Down)
    assert review.chosen() == "RUJUK_APH"
    assert "WAJIB" in review.reason_label.text()
    keyboard.press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert "alasan" in review.error.text()
    assert window.interview is not None and window.interview.completed is None
    assert review.reason.hasFocus()
    keyboard.type("Pemohon mengaku direkrut teman untuk kebun sawit")
    keyboard.press(QtCore.Qt.Key.Key_Tab)
    assert review.consent.hasFocus()
    keyboard.press(QtCore.Qt.Key.Key_Space)
    keyboard.press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_page)
    assert "dirujuk" in window.last_completion.lower()
    box = window.findChild(QtWidgets.QMessageBox, "completedBox")
    assert box is not None and box.isVisible()
    box.setFocus()
    keyboard.press(QtCore.Qt.Key.Key_Escape)  # Esc closes it (and so can the app's quit)
    assert not box.isVisible()
    rows = window.counter.home().today
    assert len(rows) == 1 and rows[0].status == "completed" and rows[0].outcome == "RUJUK_APH"
    record = window.counter.interviews().get(rows[0].uuid)
    assert (
        record.consent_bp3mi
        and record.override_reason
        and record.suggested_outcome == "TUNDA_RUJUK_BP3MI"
    )
    assert (
        record.answers["visa_type"] == "kunjungan_wisata"
        and record.full_name == "Sri Wahyuni Lasahido"
    )
    assert record.suspected_purpose == "suspected_nonprocedural_work"


def test_happy_path_keystrokes(
    qtbot: Any, window: MainWindow, keyboard: Keyboard, record_property: Any
) -> None:
    log_in(window, keyboard)
    keyboard.count = 0
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    asked = run_interview(window, keyboard, answers("clean_procedural_worker"))
    review = window.review_page
    assert review.chosen() == "TERBIT"
    keyboard.press(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_page)
    record_property("keystrokes", keyboard.count)
    record_property("questions", len(asked))
    print(f"\nhappy path: {keyboard.count} keystrokes over {len(asked)} questions")
    assert window.counter.home().today[0].outcome == "TERBIT"
