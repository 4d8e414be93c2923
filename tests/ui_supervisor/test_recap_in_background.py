"""The recap page writes reports off the GUI thread: the window answers and shows that it is
busy meanwhile; the result, a refusal or a bug arrives back in the window."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.supervision.report_export import ReportResult
from interview_app.ui.supervisor import recap_page as recap_module
from interview_app.ui.supervisor.recap_page import RecapPage
from tests.offices import SUPERVISOR, Office

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def page(qtbot: Any, office: Office) -> Any:
    page = RecapPage(office.context(SUPERVISOR.username).session())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.date_from.setDate(QtCore.QDate(2025, 12, 1))
    yield page
    page.work.wait()


def test_the_window_answers_while_a_report_is_written(
    qtbot: Any, page: RecapPage, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    threads: list[int] = []
    real_write = recap_module.write_report

    def slow_write(*args: Any, **kwargs: Any) -> ReportResult:
        threads.append(threading.get_ident())
        assert release.wait(30)  # a slow disk: the GUI thread must not wait for this
        return real_write(*args, **kwargs)

    monkeypatch.setattr(recap_module, "write_report", slow_write)
    page.format.setCurrentIndex(page.format.findData("xlsx"))
    page.ask_path = lambda *_: str(tmp_path / "daftar")
    with qtbot.waitSignal(page.finished_work, timeout=60000):
        qtbot.mouseClick(page.create_button, QtCore.Qt.MouseButton.LeftButton)
        assert not page.create_button.isEnabled() and page.busy_bar.isVisible()
        assert page.status.text() == "Membuat rekap…"
        # The supervisor goes on using the window: the date field takes typing at once.
        page.date_to.setFocus()
        page.date_to.setSelectedSection(QtWidgets.QDateTimeEdit.Section.DaySection)
        qtbot.keyClicks(page.date_to, "15")
        assert page.date_to.date().day() == 15
        qtbot.waitUntil(lambda: bool(threads), timeout=10000)
        assert not page.create_button.isEnabled()
        assert not page.create_report(tmp_path / "second.csv")  # one report at a time
        release.set()
    assert threads and threads[0] != threading.get_ident()  # written on another thread
    assert page.create_button.isEnabled() and not page.busy_bar.isVisible()
    result = page.last_result
    assert result is not None and result.path == tmp_path / "daftar.xlsx" and result.rows > 0
    assert (tmp_path / "daftar.xlsx").read_bytes().startswith(b"PK")
    assert not (tmp_path / "second.csv").exists()
    assert page.status.level == "ok" and "daftar.xlsx" in page.status.text()
    # The export is in the audit log, by the supervisor, and the chain holds.
    newest = office.audit.entries(limit=1)[0]
    assert newest.action == "report.export" and newest.actor == page.session.actor
    assert office.audit.verify().ok


def test_a_folder_that_is_gone_is_said_in_the_page(
    qtbot: Any, page: RecapPage, tmp_path: Path
) -> None:
    with qtbot.capture_exceptions() as bugs:
        with qtbot.waitSignal(page.finished_work, timeout=30000):
            assert page.create_report(tmp_path / "gone" / "rekap.pdf")
    assert list(bugs) == []
    assert page.status.level == "error"
    assert page.status.text() == f"Folder {tmp_path / 'gone'} tidak ada."
    assert page.last_result is None and page.create_button.isEnabled()


def test_a_bug_while_writing_reaches_the_crash_path(
    qtbot: Any, page: RecapPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> ReportResult:
        raise TypeError("deliberate bug in the report writer")

    monkeypatch.setattr(recap_module, "write_report", broken)
    with qtbot.capture_exceptions() as bugs:
        with qtbot.waitSignal(page.finished_work, timeout=30000):
            assert page.create_report(tmp_path / "rekap.pdf")
    assert [type(value) for _, value, _ in bugs] == [TypeError]
    assert page.create_button.isEnabled() and not page.busy_bar.isVisible()  # not stuck busy
    assert page.last_result is None and not (tmp_path / "rekap.pdf").exists()
