"""Sync conflicts for the supervisor: home says how many wait, the menu opens the screen, both
versions side by side with the differences marked, and marking one dealt with (audit-logged)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6 import QtWidgets

from interview_app.sync.merge import local_version
from interview_app.sync.review import conflicts
from interview_app.sync.tables import ensure_tables
from interview_app.ui.main_window import MainWindow
from interview_app.workflow.counter import CounterSession
from tests.ui_supervisor.conftest import SUPERVISOR, Office

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _set_aside(office: Office) -> str:
    """A conflict as an import records it: this station's version and an incoming one of the
    same revision whose notes and one answer differ."""
    conn = office.database.conn
    uuid, ref_no = conn.execute(
        "SELECT uuid, ref_no FROM interviews WHERE status = 'completed' LIMIT 1"
    ).fetchone()
    local = local_version(conn, uuid)
    assert local is not None
    incoming = json.loads(local)
    incoming["interview"]["notes"] = "diubah diam-diam"
    question, _, answered_at = incoming["answers"][0]
    incoming["answers"][0] = [question, "jawaban lain", answered_at]
    with office.database.transaction() as tx:
        ensure_tables(tx)
        tx.execute(
            "INSERT INTO sync_conflicts (detected_at, package_id, source_workstation,"
            " interview_uuid, kind, local_uuid, local_revision, local_content_hash,"
            " incoming_revision, incoming_content_hash, local_version, incoming_version)"
            " VALUES (?, 'pkg-1', 'Loket 2', ?, 'content_differs', ?, 1, 'a', 1, 'b', ?, ?)",
            ("2026-03-02T02:00:00.000000Z", uuid, uuid, local, json.dumps(incoming)),
        )
    return str(ref_no)


def test_a_supervisor_sees_compares_and_settles_a_conflict(qtbot: Any, office: Office) -> None:
    ref_no = _set_aside(office)
    counter = CounterSession.open(office.data_dir, clock=office.clock)
    window = MainWindow(counter)
    qtbot.addWidget(window)
    try:
        counter.login(SUPERVISOR.username, SUPERVISOR.password)
        window._signed_in()
        assert window.home_page.conflicts.isVisibleTo(window)
        assert "1 konflik sinkronisasi menunggu" in window.home_page.conflicts.text()
        window.supervisor_actions["conflicts"].trigger()
        tools = window.findChild(QtWidgets.QDialog, "supervisorTools")
        page = tools.conflicts  # type: ignore[attr-defined]
        assert tools.tabs.currentWidget() is page  # type: ignore[attr-defined]
        assert page.table.rowCount() == 1
        assert page.table.item(0, 3).text() == ref_no
        assert page.table.item(0, 4).text() == "isi berbeda pada revisi yang sama"
        page.table.selectRow(0)
        rows = [page.compare.topLevelItem(i) for i in range(page.compare.topLevelItemCount())]
        marked = [r.text(0) for r in rows if r.text(0).startswith("≠")]
        assert marked[0] == "≠ notes" and marked[1].startswith("≠ answer:") and len(marked) == 2
        changed = next(r for r in rows if r.text(0).startswith("≠ answer:"))
        assert changed.text(2) == "jawaban lain" and changed.text(1) != "jawaban lain"
        page.ask_reason = lambda *_: None  # cancelled: nothing changes
        page.resolve_selected()
        assert page.table.rowCount() == 1
        page.ask_reason = lambda *_: "versi loket 2 salah ketik; dibetulkan di sana"
        page.resolve_selected()
        assert page.table.rowCount() == 0 and "ditandai sudah ditangani" in page.status.text()
        assert conflicts(office.database) == []
        logged = counter.audit().entries(object_type="sync_conflict", limit=5)
        assert [e.action for e in logged] == ["sync.conflict_resolved"]
        assert logged[0].details == {"reason": "versi loket 2 salah ketik; dibetulkan di sana"}
        tools.close()
        window.go_home()
        assert not window.home_page.conflicts.isVisibleTo(window)
    finally:
        window.close()
        counter.close()


def test_the_conflicts_command_lists_shows_and_resolves_with_a_reason(
    office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_app.cli import main

    _set_aside(office)
    monkeypatch.setenv("INTERVIEW_APP_USER", SUPERVISOR.username)
    monkeypatch.setenv("INTERVIEW_APP_PASSWORD", SUPERVISOR.password)
    where = ["--data-dir", str(office.data_dir)]
    assert main(["sync", "conflicts", "list", *where]) == 0
    listed = capsys.readouterr().out
    assert "#1\t" in listed and "other content in the same revision" in listed
    assert "1 konflik / conflict(s)" in listed
    assert main(["sync", "conflicts", "show", "1", *where]) == 0
    shown = capsys.readouterr().out
    assert "≠ answer:" in shown and "jawaban lain" in shown
    assert main(["sync", "conflicts", "resolve", "1", "--reason", "  ", *where]) == 1
    assert "Alasan wajib diisi" in capsys.readouterr().err
    assert main(["sync", "conflicts", "resolve", "1", "--reason", "dicek", *where]) == 0
    assert conflicts(office.database) == []
    assert main(["sync", "conflicts", "resolve", "1", "--reason", "lagi", *where]) == 1
    monkeypatch.setenv("INTERVIEW_APP_USER", "petugas1")
    monkeypatch.setenv("INTERVIEW_APP_PASSWORD", "loket-satu-demo")
    assert main(["sync", "conflicts", "list", *where]) == 1  # supervisors only
