"""Every supervisor operation refuses an officer (and a deactivated supervisor) in the core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from interview_app.errors import PermissionDenied
from interview_app.reports.recap import Period
from interview_app.storage.office_settings import OfficeSettings
from interview_app.supervision.accounts import AccountAdmin
from interview_app.supervision.audit_view import AuditViewer
from interview_app.supervision.report_export import write_report
from interview_app.supervision.retention import Retention, RetentionPlan
from interview_app.supervision.review_desk import ReviewDesk
from interview_app.supervision.scripts import ScriptAdmin
from interview_app.supervision.session import SupervisorSession
from tests.conftest import DEFAULT_SCRIPT
from tests.offices import OFFICER, OFFICER2, TODAY, Office

Operation = Callable[[SupervisorSession, Office], Any]

OPERATIONS: dict[str, Operation] = {
    "account list": lambda s, o: AccountAdmin(s).list(),
    "account create": lambda s, o: AccountAdmin(s).create(
        "baru", "Baru", None, "supervisor", "sandi-yang-panjang"
    ),
    "account reset": lambda s, o: AccountAdmin(s).reset_password(
        o.officer(OFFICER2.username).id, "sandi-yang-panjang"
    ),
    "account unlock": lambda s, o: AccountAdmin(s).unlock(o.officer(OFFICER2.username).id),
    "account deactivate": lambda s, o: AccountAdmin(s).deactivate(o.officer(OFFICER2.username).id),
    "settings update": lambda s, o: OfficeSettings(o.database).update(s, {"retention_years": 1}),
    "script install": lambda s, o: ScriptAdmin(s).install_file(DEFAULT_SCRIPT),
    "script activate": lambda s, o: ScriptAdmin(s).activate("0" * 64),
    "script list": lambda s, o: ScriptAdmin(s).list(),
    "review desk": lambda s, o: ReviewDesk(s),
    "audit list": lambda s, o: AuditViewer(s).list(),
    "audit check": lambda s, o: AuditViewer(s).check(),
    "retention plan": lambda s, o: Retention(s).plan(),
    "retention purge": lambda s, o: Retention(s).purge(RetentionPlan(5, "9999", ())),
    "report": lambda s, o: write_report(
        s, Period.of(TODAY - dt.timedelta(days=30), TODAY), o.data_dir / "r.pdf"
    ),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_an_officer_is_refused_every_supervisor_operation(office: Office, name: str) -> None:
    head_before = office.audit.head()
    session = office.session(OFFICER.username)
    with pytest.raises(PermissionDenied) as refused:
        OPERATIONS[name](session, office)
    assert "supervisor" in refused.value.message.id.lower()
    assert office.audit.head() == head_before  # refused before anything was written
    assert not (office.data_dir / "r.pdf").exists()


def test_a_deactivated_supervisor_is_refused_at_once(office: Office) -> None:
    acting = office.session()
    second = AccountAdmin(acting).create(
        "kepala2", "Kepala Dua", None, "supervisor", "sandi-kepala-dua"
    )
    other = SupervisorSession(office.database, second.id, office.audit, office.clock)
    AuditViewer(other).check()
    AccountAdmin(acting).deactivate(second.id)
    with pytest.raises(PermissionDenied):
        AuditViewer(other).check()


def test_an_unknown_account_id_is_refused(office: Office) -> None:
    with pytest.raises(PermissionDenied):
        AccountAdmin(SupervisorSession(office.database, 999, office.audit, office.clock)).list()
