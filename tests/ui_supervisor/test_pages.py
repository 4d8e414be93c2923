"""The supervisor pages acting like a user: settings, accounts, scripts, review, audit, retention,
recap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore

from interview_app.errors import KnownError
from interview_app.settings_spec import GROUPS, SETTINGS
from interview_app.storage.database import connect
from interview_app.storage.office_settings import OfficeSettings, officer_repository
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.supervision.review_desk import returned_interviews
from interview_app.ui.supervisor.accounts_page import AccountsPage, NewAccount
from interview_app.ui.supervisor.audit_page import AuditPage
from interview_app.ui.supervisor.recap_page import RecapPage
from interview_app.ui.supervisor.retention_page import RetentionPage
from interview_app.ui.supervisor.review_desk_page import ReviewPage
from interview_app.ui.supervisor.scripts_page import ScriptsPage
from interview_app.ui.supervisor.settings_dialog import SettingsDialog
from tests.offices import OFFICER, SUPERVISOR, Office
from tests.supervision.scripts_fixture import BROKEN, BROKEN_LINES, EDITED, MINI

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _supervisor(office: Office) -> Any:
    return office.context(SUPERVISOR.username).session()


def test_settings_dialog_is_generated_from_the_declaration_and_saves(
    qtbot: Any, office: Office, english: None
) -> None:
    dialog = SettingsDialog(_supervisor(office))
    qtbot.addWidget(dialog)
    panel = dialog.panel
    assert [page.group.id for page in panel.pages] == [group.id for group in GROUPS]
    assert sorted(key for page in panel.pages for key in page.editors) == sorted(
        spec.key for spec in SETTINGS
    )
    assert not panel.page("office").editors["office_code"].isEnabled()  # set at installation
    security = panel.page("security").editors
    security["idle_lock_minutes"].edit.setValue(3)  # type: ignore[attr-defined]
    qtbot.mouseClick(panel.save_button, QtCore.Qt.MouseButton.LeftButton)
    assert OfficeSettings(office.database).idle_lock_minutes == 3
    assert "idle_lock_minutes" in panel.status.text()
    # Two bad values: both named, nothing saved.
    security["idle_lock_minutes"].edit.setValue(0)  # type: ignore[attr-defined]
    panel.page("office").editors["office_name"].edit.setText("")  # type: ignore[attr-defined]
    panel.page("retention").editors["retention_years"].edit.setValue(9)  # type: ignore[attr-defined]
    assert not panel.save()
    assert panel.status.level == "error"
    assert "Office name: is required" in panel.status.text()
    assert "must be between 1 and 30" in panel.status.text()
    settings = OfficeSettings(office.database)
    assert (settings.idle_lock_minutes, settings.retention_years) == (3, 5)


def test_accounts_page_creates_resets_and_unlocks(qtbot: Any, office: Office) -> None:
    page = AccountsPage(_supervisor(office))
    qtbot.addWidget(page)
    page.ask_new_account = lambda _: NewAccount(
        "petugas5", "Fitriani", "", "officer", "sandi-awal-petugas"
    )
    page.create_account()
    assert page.status.level == "ok"
    names = [page.table.item(row, 0).text() for row in range(page.table.rowCount())]  # type: ignore[union-attr]
    assert "petugas5" in names
    repository = officer_repository(office.database, office.audit, office.clock)
    for _ in range(5):
        with pytest.raises(KnownError):
            repository.authenticate(OFFICER.username, "salah salah")
    page.refresh()
    page.select(OFFICER.username)
    assert page._selected().status_text.startswith("terkunci")  # type: ignore[union-attr]
    page.ask_password = lambda _, username: "sementara-" + username
    page.reset_password()
    page.select(OFFICER.username)
    assert page._selected().status_text.startswith("wajib ganti")  # type: ignore[union-attr]
    signed_in = repository.authenticate(OFFICER.username, "sementara-petugas1")
    assert signed_in.must_change_password


def test_scripts_page_shows_every_problem_and_installs_nothing(
    qtbot: Any, office: Office, tmp_path: Path, english: None
) -> None:
    page = ScriptsPage(_supervisor(office))
    qtbot.addWidget(page)
    store = QuestionnaireStore(office.database)
    before = (store.list(), store.active())
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    page.ask_file = lambda _: str(broken)
    page.choose_and_install()
    report = page.report.toPlainText()
    for line in BROKEN_LINES:
        assert f"{broken}:{line}:" in report
    assert "Nothing was installed or activated" in report
    assert page.status.level == "error"
    assert (store.list(), store.active()) == before
    assert page.table.rowCount() == len(before[0])


def test_scripts_page_diff_of_a_renamed_and_a_removed_question_then_activate(
    qtbot: Any, office: Office, tmp_path: Path, english: None
) -> None:
    page = ScriptsPage(_supervisor(office))
    qtbot.addWidget(page)
    page.confirm = lambda *_: True
    first, second = tmp_path / "mini1.yaml", tmp_path / "mini2.yaml"
    first.write_text(MINI, encoding="utf-8")
    second.write_text(EDITED, encoding="utf-8")
    assert page.install(first)
    page.activate_selected()
    assert "mini v1" in page.status.text()
    assert page.install(second)
    report = page.report.toPlainText()
    assert "? possible rename: job -> occupation" in report
    assert "- question removed: documents" in report
    assert "? mungkin diganti nama" not in report  # one language at a time
    active = QuestionnaireStore(office.database).active()
    assert active is not None and "version: 1" in active[1]  # installing never activates


def test_review_page_filters_opens_read_only_and_returns(qtbot: Any, office: Office) -> None:
    page = ReviewPage(_supervisor(office))
    qtbot.addWidget(page)
    page.all_dates.setChecked(True)
    page.outcome.setCurrentIndex(page.outcome.findData("TERBIT"))
    page.refresh()
    expected = office.database.conn.execute(
        "SELECT count(*) FROM interviews WHERE status = 'completed'"
        " AND coalesce(chosen_outcome, suggested_outcome) = 'TERBIT'"
    ).fetchone()[0]
    assert page.table.rowCount() == expected > 0
    ref_no = page.table.item(0, 0).text()  # type: ignore[union-attr]
    page.select(ref_no)
    page.open_selected()
    assert page.last_view is not None and page.last_view.isVisible()
    shown = page.last_view.browser.toPlainText()
    assert ref_no in shown and "Jawaban" in shown and "Answers" not in shown
    assert page.last_view.browser.isReadOnly()
    page.last_view.close()
    assert office.audit.entries(limit=1)[0].action == "interview.view"
    page.select(ref_no)
    page.mark_reviewed()
    page.select(ref_no)
    page.ask_comment = lambda *_: "Nama majikan belum diisi"
    page.return_selected()
    uuid = page.rows and next(r.uuid for r in page.rows.values() if r.ref_no == ref_no)
    row = page.rows[uuid]
    assert row.review_state == "returned" and row.review_comment == "Nama majikan belum diisi"
    officer_id = office.database.conn.execute(
        "SELECT officer_id FROM interviews WHERE ref_no = ?", (ref_no,)
    ).fetchone()[0]
    returned = returned_interviews(office.database, officer_id)
    assert [(r.ref_no, r.comment) for r in returned] == [(ref_no, "Nama majikan belum diisi")]


def test_audit_page_checks_the_chain(qtbot: Any, office: Office) -> None:
    page = AuditPage(_supervisor(office))
    qtbot.addWidget(page)
    page.all_dates.setChecked(True)
    page.refresh()
    assert page.table.rowCount() > 40
    qtbot.mouseClick(page.check_button, QtCore.Qt.MouseButton.LeftButton)
    assert "utuh" in page.chain_result.text() and "intact" not in page.chain_result.text()
    tamper = connect(office.database.path, key=office.database.key)  # someone with the key
    try:
        tamper.execute("DROP TRIGGER audit_log_no_update")
        tamper.execute("UPDATE audit_log SET actor = 'officer:9' WHERE seq = 5")
        tamper.commit()
    finally:
        tamper.close()
    assert not page.check_chain()
    assert "#5" in page.chain_result.text() and "rusak" in page.chain_result.text()


def test_retention_page_dry_run_then_confirmed_purge(qtbot: Any, office: Office) -> None:
    OfficeSettings(office.database).update(_supervisor(office), {"retention_years": 1})
    office.clock.advance(days=366 + 60)  # everything older than 60 days before today - 1 year
    page = RetentionPage(_supervisor(office))
    qtbot.addWidget(page)
    assert not page.purge_button.isEnabled()
    page.dry_run()
    expected = office.database.conn.execute(
        "SELECT count(*) FROM interviews WHERE created_at < ?",
        (page.plan.cutoff,),  # type: ignore[union-attr]
    ).fetchone()[0]
    assert page.table.rowCount() == expected > 0 and page.purge_button.isEnabled()
    page.confirm = lambda *_: False
    page.purge()
    assert office.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 40
    page.confirm = lambda *_: True
    page.purge()
    left = office.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
    assert left == 40 - expected
    assert office.audit.verify().ok and page.status.level == "ok"


def test_recap_page_writes_a_pdf_and_a_redacted_csv(
    qtbot: Any, office: Office, tmp_path: Path
) -> None:
    page = RecapPage(_supervisor(office))
    qtbot.addWidget(page)
    page.date_from.setDate(QtCore.QDate(2025, 12, 1))
    assert not page.redacted.isEnabled()  # PDF: figures only
    page.ask_path = lambda *_: str(tmp_path / "rekap")
    with qtbot.waitSignal(page.finished_work, timeout=30000):
        page.choose_and_create()
    assert (tmp_path / "rekap.pdf").read_bytes().startswith(b"%PDF")
    page.format.setCurrentIndex(page.format.findData("csv"))
    assert page.redacted.isEnabled() and page.redacted.isChecked()
    with qtbot.waitSignal(page.finished_work, timeout=30000):
        assert page.create_report(tmp_path / "rekap.csv")
    result = page.last_result
    assert result is not None and result.redacted and result.rows == 40
    text = (tmp_path / "rekap.csv").read_text(encoding="utf-8-sig")
    for (nik,) in office.database.conn.execute("SELECT nik FROM interviews WHERE nik IS NOT NULL"):
        assert nik not in text
