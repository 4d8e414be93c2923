"""Accounts: lockout and its release by the clock, forced change after a reset, audit entries."""

from __future__ import annotations

import pytest

from interview_app.storage.errors import AccountLocked, AuthenticationFailed, PasswordRejected
from interview_app.storage.office_settings import OfficeSettings, officer_repository
from interview_app.supervision.accounts import AccountAdmin
from tests.offices import OFFICER, Office


def _fail(office: Office, times: int) -> None:
    officers = officer_repository(office.database, office.audit, office.clock)
    for _ in range(times):
        with pytest.raises(AuthenticationFailed):
            officers.authenticate(OFFICER.username, "wrong password here")


def test_lockout_after_five_failures_and_release_after_the_lock_time(office: Office) -> None:
    officers = officer_repository(office.database, office.audit, office.clock)
    assert (officers.max_failed, officers.lockout_minutes) == (5, 15)
    _fail(office, 4)
    officers.authenticate(OFFICER.username, OFFICER.password)  # 4 failures: still open
    _fail(office, 4)
    with pytest.raises(AccountLocked):  # the 5th failure locks
        officers.authenticate(OFFICER.username, "wrong password here")
    with pytest.raises(AccountLocked):  # even the right password waits
        officers.authenticate(OFFICER.username, OFFICER.password)
    office.clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked):
        officers.authenticate(OFFICER.username, OFFICER.password)
    office.clock.advance(seconds=2)
    assert officers.authenticate(OFFICER.username, OFFICER.password).username == OFFICER.username
    actions = [
        e.action for e in office.audit.entries(object_id=str(office.officer(OFFICER.username).id))
    ]
    assert "officer.locked" in actions and actions.count("login.refused") == 2


def test_lockout_limits_come_from_the_settings(office: Office) -> None:
    OfficeSettings(office.database).update(
        office.session(), {"max_failed_logins": 3, "lockout_minutes": 60}
    )
    officers = officer_repository(office.database, office.audit, office.clock)
    _fail(office, 2)
    with pytest.raises(AccountLocked):
        officers.authenticate(OFFICER.username, "wrong password here")
    office.clock.advance(minutes=59)
    with pytest.raises(AccountLocked):
        officers.authenticate(OFFICER.username, OFFICER.password)
    office.clock.advance(minutes=1, seconds=1)
    officers.authenticate(OFFICER.username, OFFICER.password)


def test_a_supervisor_unlocks_at_once(office: Office) -> None:
    officers = officer_repository(office.database, office.audit, office.clock)
    _fail(office, 4)
    with pytest.raises(AccountLocked):
        officers.authenticate(OFFICER.username, "wrong password here")
    admin = AccountAdmin(office.session())
    target = office.officer(OFFICER.username)
    assert next(a for a in admin.list() if a.officer.id == target.id).locked_until
    admin.unlock(target.id)
    officers.authenticate(OFFICER.username, OFFICER.password)


def test_reset_password_forces_a_change_at_next_login(office: Office) -> None:
    admin = AccountAdmin(office.session())
    target = office.officer(OFFICER.username)
    admin.reset_password(target.id, "sementara-sekali")
    officers = officer_repository(office.database, office.audit, office.clock)
    with pytest.raises(AuthenticationFailed):
        officers.authenticate(OFFICER.username, OFFICER.password)
    signed_in = officers.authenticate(OFFICER.username, "sementara-sekali")
    assert signed_in.must_change_password
    with pytest.raises(PasswordRejected):
        officers.change_password(target.id, "sementara-sekali", "sementara-sekali")
    officers.change_password(target.id, "sementara-sekali", "kalimat sandi baru saya")
    assert not officers.authenticate(
        OFFICER.username, "kalimat sandi baru saya"
    ).must_change_password


def test_created_accounts_must_change_their_first_password_and_are_logged(office: Office) -> None:
    admin = AccountAdmin(office.session())
    created = admin.create(
        "petugas7", "Nur Aini", "199001012020012001", "officer", "awal-yang-panjang"
    )
    assert created.must_change_password and created.role == "officer"
    with pytest.raises(PasswordRejected):
        admin.create("petugas8", "Dewi", None, "officer", "petugas8")  # the username itself
    admin.deactivate(created.id)
    admin.activate(created.id)
    admin.reset_password(created.id, "lagi-yang-panjang")
    logged = [e.action for e in office.audit.entries(object_id=str(created.id))]
    assert logged == [
        "officer.password_reset",
        "officer.activated",
        "officer.deactivated",
        "officer.create",
    ]
    supervisor = office.session().actor
    assert {e.actor for e in office.audit.entries(object_id=str(created.id))} == {supervisor}
