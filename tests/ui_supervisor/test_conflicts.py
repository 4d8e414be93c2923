"""The sync conflicts screen, end to end: two stations make a real conflict through packages,
the supervisor compares both versions (differences marked), keeps one with a reason by keyboard,
the next package carries it and the other station converges; home tells a supervisor (only a
supervisor) how many wait; refusals say why on the page and change nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.storage.office import Office
from interview_app.supervision.session import SupervisorSession
from interview_app.sync.received import conflicts
from interview_app.ui.main_window import MainWindow
from interview_app.ui.supervisor.conflicts_page import DIFFERS_MARK, ConflictsPage
from interview_app.workflow.counter import CounterSession
from tests.sync.conflict_setup import (
    PASSWORD,
    REASON,
    account,
    export,
    interview_state,
    make_conflict,
    move,
)
from tests.sync.factory import Station

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def page_for(qtbot: Any, station: Station, officer_id: int) -> ConflictsPage:
    session = SupervisorSession(station.database, officer_id, station.audit, station.clock)
    page = ConflictsPage(session)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def shown_rows(page: ConflictsPage) -> list[tuple[str, str, str]]:
    tree = page.compare
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1), tree.topLevelItem(i).text(2))
        for i in range(tree.topLevelItemCount())
    ]


def test_compare_keep_incoming_by_keyboard_and_the_other_station_converges(
    qtbot: Any, stations: tuple[Station, Station], tmp_path: Path
) -> None:
    a, b = stations
    target, a_hash, _ = make_conflict(a, b, tmp_path)
    page = page_for(qtbot, b, account(b, "kasi", "supervisor"))
    assert page.table.rowCount() == 1 and page.status.text() == "1 konflik menunggu"
    assert page.table.item(0, 4).text() == "isi berbeda pada revisi yang sama"
    marked = [row for row in shown_rows(page) if row[0].startswith(DIFFERS_MARK)]
    assert [row[0] for row in marked] == [
        DIFFERS_MARK + "Catatan",
        DIFFERS_MARK + "Apa tujuan perjalanan Anda?",
    ]
    assert marked[0][2] == "diubah setelah pemulihan cadangan" and marked[0][1] == "catatan awal"
    assert marked[1][1] != marked[1][2]
    assert "2 isian berbeda" in page.summary.text()
    assert any(row[0] == "NIK" for row in shown_rows(page))  # the same fields show too

    # No reason: refused on the page, nothing changes.
    before = interview_state(b, target)
    page.keep_incoming.setChecked(True)
    page.reason.setFocus()
    qtbot.keyClick(page.reason, QtCore.Qt.Key.Key_Return)
    assert "Tulis alasan" in page.status.text()
    assert interview_state(b, target) == before and len(conflicts(b.database)) == 1

    qtbot.keyClicks(page.reason, REASON)
    qtbot.keyClick(page.reason, QtCore.Qt.Key.Key_Return)
    assert "Konflik #" in page.status.text() and "diselesaikan" in page.status.text()
    assert page.table.rowCount() == 0 and conflicts(b.database) == []
    assert interview_state(b, target)[0][1] == a_hash

    # resolved ones on request: shown with the choice and the reason, no longer changeable
    page.all.setChecked(True)
    page.table.selectRow(0)
    assert "versi masuk dipertahankan" in page.summary.text() and REASON in page.summary.text()
    assert not page.resolve_button.isEnabled() and not page.reason.isEnabled()

    move(export(b, tmp_path / "s9"), a)
    assert interview_state(a, target) == interview_state(b, target)
    assert conflicts(a.database) == []


def test_an_owner_clash_offers_only_the_local_version_and_an_officer_is_refused(
    qtbot: Any, stations: tuple[Station, Station], tmp_path: Path
) -> None:
    a, b = stations
    for station in (a, b):
        station.database.conn.execute("DELETE FROM settings WHERE key = 'workstation_code'")
    from tests.sync.factory import add_interviews

    add_interviews(a, 1)
    add_interviews(b, 1, seed=2)
    move(export(a, tmp_path / "s1"), b)
    page = page_for(qtbot, b, account(b, "kasi", "supervisor"))
    assert page.table.rowCount() >= 1
    assert page.keep_local.isEnabled() and not page.keep_incoming.isEnabled()
    officer = page_for(qtbot, b, account(b, "petugas", "officer"))
    assert "Hanya supervisor" in officer.status.text() and officer.table.rowCount() == 0


def test_home_tells_a_supervisor_how_many_wait_and_the_menu_opens_the_screen(
    qtbot: Any, stations: tuple[Station, Station], tmp_path: Path
) -> None:
    a, b = stations
    make_conflict(a, b, tmp_path)
    # Accounts that can sign in: made through the station's Office, which writes their slots.
    officers = Office.of(b.database).officers()
    officers.create("kasi", "Kasi", None, "supervisor", PASSWORD)
    officers.create("petugas", "Petugas", None, "officer", PASSWORD)
    counter = CounterSession.open(b.data_dir, clock=b.clock)
    window = MainWindow(counter)
    qtbot.addWidget(window)
    try:
        counter.login("petugas", PASSWORD)
        window._signed_in()
        assert not window.home_page.conflicts.isVisibleTo(window)
        counter.logout()
        counter.login("kasi", PASSWORD)
        window._signed_in()
        assert window.home_page.conflicts.isVisibleTo(window)
        assert "1 konflik sinkronisasi menunggu" in window.home_page.conflicts.text()
        window.supervisor_actions["conflicts"].trigger()
        tools = window.findChild(QtWidgets.QDialog, "supervisorTools")
        assert tools is not None
        assert tools.tabs.currentWidget() is tools.conflicts  # type: ignore[attr-defined]
        tools.close()
    finally:
        window.close()
        counter.close()


def test_in_english_the_screen_speaks_english_only(
    qtbot: Any, stations: tuple[Station, Station], tmp_path: Path
) -> None:
    from interview_app.ui.i18n import install_translators

    a, b = stations
    make_conflict(a, b, tmp_path)
    supervisor = account(b, "kasi", "supervisor")
    app = QtWidgets.QApplication.instance()
    install_translators(app, "en", tmp_path / "qm")
    try:
        page = page_for(qtbot, b, supervisor)
        assert page.status.text() == "1 conflict(s) waiting"
        assert page.table.item(0, 4).text() == "other content in the same revision"
        assert page.keep_incoming.text() == "Keep the &incoming version"
        marked = [row[0] for row in shown_rows(page) if row[0].startswith(DIFFERS_MARK)]
        assert marked == [
            DIFFERS_MARK + "Notes",
            DIFFERS_MARK + "What is the purpose of your trip?",
        ]
        assert "2 field(s) differ" in page.summary.text()
        page.reason.setFocus()
        qtbot.keyClick(page.reason, QtCore.Qt.Key.Key_Return)
        assert page.status.text() == "Write why this version is kept (required)."
    finally:
        install_translators(app, "id", tmp_path / "qm")
