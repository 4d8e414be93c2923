"""One language at a time: every window walked in Indonesian and in English shows no text of the
other language; the language changes at once from the View menu; the script's choices follow
Ctrl+L with the questions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.ui.i18n import current_language
from interview_app.ui.main_window import MainWindow
from interview_app.ui.style import STYLE
from tests.offices import OfficeBuilder
from tests.ui.conftest import Keyboard, log_in
from tests.ui.language import use_language
from tests.ui.window_tour import open_demo_window, tour

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

# Words of the UI's own texts (never of the demo data: names, places, free answers).
INDONESIAN = re.compile(
    r"\b(belum|selesai|wawancara|petugas|pemohon|simpan|tutup|keluar|kunci|pilih|sandi|"
    r"tanda bahaya|rujukan|naskah|tidak|yang|untuk|sudah|beranda|tinjau|tinjauan|cetak|ekspor|"
    r"impor|pengaturan|akun|rekap|semua|tanggal|bahasa|kembali|lanjut|keputusan|alasan|skor|"
    r"saran|catatan|berat|dengan|masuk|ganti|bantuan|tampilan|kerja|segarkan|jawaban|"
    r"pertanyaan|hasil|tujuan|riwayat|batal)\b|HH-BB-TTTT",
    re.IGNORECASE,
)
ENGLISH = re.compile(
    r"\b(the|and|of|save|close|cancel|print|export|import|interviews?|officer|settings|choose|"
    r"refresh|unfinished|review|password|sign|question|answer|flags?|score|decision|outcome|"
    r"help|view|work|quit|home|back|script|today|search|nothing|found|from|to)\b|DD-MM-YYYY",
    re.IGNORECASE,
)
# The language menu names each language in itself.
EXEMPT = {"English", "Bahasa Indonesia"}
# Not words of either language: the product's name, file paths, codes (audit actions such as
# "interview.view", actors such as "officer:2").
NOT_WORDS = re.compile(r"Asisten Wawancara|\S*/\S+|\b\w+[.:]\w+\b")
# A script in the other language than the display (Ctrl+L) shows its questions in that language.
SCRIPT_SWITCHED = {"interview-A-other-language"}


def _widget_texts(widget: QtWidgets.QWidget) -> Iterator[str]:
    if (
        isinstance(widget, QtWidgets.QLabel)
        and widget.textFormat() != QtCore.Qt.TextFormat.RichText
    ):
        yield widget.text()
    elif isinstance(widget, QtWidgets.QAbstractButton):
        yield widget.text()
        yield widget.toolTip()
    elif isinstance(widget, QtWidgets.QGroupBox):
        yield widget.title()
    elif isinstance(widget, QtWidgets.QTabWidget):
        yield from (widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QtWidgets.QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QtWidgets.QPlainTextEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QtWidgets.QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QtWidgets.QListWidget):
        yield from (widget.item(i).text() for i in range(widget.count()))
    elif isinstance(widget, QtWidgets.QTreeWidget):
        header = widget.headerItem()
        yield from (header.text(i) for i in range(header.columnCount()))
    elif isinstance(widget, QtWidgets.QTableWidget):
        for column in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(column)
            if item is not None:
                yield item.text()
    elif isinstance(widget, QtWidgets.QMenuBar):
        for action in widget.actions():
            yield action.text()
            menu = action.menu()
            if menu is not None:
                yield from (a.text() for a in menu.actions())


def shown_texts() -> Iterator[tuple[str, str]]:
    """(where, text) of every visible window's own texts."""
    for top in QtWidgets.QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        yield type(top).__name__, top.windowTitle()
        for widget in (top, *top.findChildren(QtWidgets.QWidget)):
            if widget is not top and not widget.isVisible():
                continue
            for text in _widget_texts(widget):
                if text:
                    yield (
                        f"{type(top).__name__}/{type(widget).__name__}#{widget.objectName()}",
                        text,
                    )


def other_language(language: str) -> list[str]:
    pattern = ENGLISH if language == "id" else INDONESIAN
    found = []
    for where, text in shown_texts():
        plain = text.replace("&", "")
        if plain in EXEMPT:
            continue
        match = pattern.search(NOT_WORDS.sub(" ", plain))
        if match:
            found.append(f"{where}: {plain[:90]!r} ({match.group(0)!r})")
    return sorted(set(found))


@pytest.fixture
def demo_window(qtbot: Any, tmp_path: Path, offices: OfficeBuilder) -> Iterator[MainWindow]:
    QtWidgets.QApplication.instance().setStyleSheet(STYLE)  # type: ignore[union-attr]
    data_dir = offices.copy("demo-25", tmp_path / "demo")
    window = open_demo_window(data_dir)
    qtbot.addWidget(window)
    yield window
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()
    window.close()
    window.counter.close()


def _language_action(window: MainWindow, label: str) -> Any:
    return next(a for a in window.view_menu.actions() if a.text() == label)


@pytest.mark.slow
def test_every_window_speaks_one_language_at_a_time(demo_window: MainWindow) -> None:
    window = demo_window
    problems: dict[str, list[str]] = {}

    def check(name: str, top: QtWidgets.QWidget) -> None:
        if name in SCRIPT_SWITCHED:
            return
        found = other_language(current_language())
        if found:
            problems[f"{current_language()} {name}"] = found

    use_language("id", Path(window.counter.data_dir) / "cache")  # as the app starts: Qt's own too
    visited = tour(window, check)
    assert "slip" in visited and "about" in visited
    window.logout()
    _language_action(window, "English").trigger()  # at once: no restart
    assert current_language() == "en"
    assert window.login_page.box.title() == "Sign in"
    tour(window, check)
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_language_changes_at_once_where_the_officer_is(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    keyboard.type("7271015203990002")
    keyboard.enter()
    assert window.interview is not None and window.interview.current == "full_name"
    _language_action(window, "English").trigger()
    assert current_language() == "en"
    page = window.interview_page
    assert window.stack.currentWidget() is page and window.interview.current == "full_name"
    assert page.review_button.text() == "Review and decide (Ctrl+R)"
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&Work", "&Interview"]
    _language_action(window, "Bahasa Indonesia").trigger()
    assert window.interview_page.review_button.text() == "Tinjau dan putuskan (Ctrl+R)"
    assert window.counter.ui_language == "id"


def test_choices_follow_the_script_language_with_the_questions(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    keyboard.press(QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ControlModifier)
    page = window.interview_page
    page.focus_question("had_passport")
    labels = [label.text() for label in page.fields["had_passport"].picker.labels]
    assert labels == ["1  Ya", "2  Tidak"]
    keyboard.press(QtCore.Qt.Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)
    labels = [label.text() for label in page.fields["had_passport"].picker.labels]
    assert labels == ["1  Yes", "2  No"]
    sex = [label.text() for label in page.fields["sex"].picker.labels]
    assert all(not re.search(r"Laki|Perempuan", text) for text in sex), sex
    assert current_language() == "id"  # the display language stays
    assert page.review_button.text() == "Tinjau dan putuskan (Ctrl+R)"
