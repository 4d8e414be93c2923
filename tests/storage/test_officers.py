"""Officer accounts: policy, login, lockout with a test clock, supervisor-only operations."""

from __future__ import annotations

import pytest

from interview_app.errors import PermissionDenied
from interview_app.storage import passwords
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    PasswordRejected,
)
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.storage.settings import SettingsStore

GOOD = "sandi yang cukup panjang"


@pytest.fixture
def supervisor(officers: OfficerRepository) -> Officer:
    return officers.create("kasi", "Kepala Seksi", "19800101", "supervisor", GOOD)


@pytest.fixture
def officer(officers: OfficerRepository) -> Officer:
    return officers.create("budi", "Budi Santoso", "19900202", "officer", GOOD)


def test_create_and_login(officers: OfficerRepository, officer: Officer, audit: AuditLog) -> None:
    assert officer.role == "officer" and officer.active and not officer.must_change_password
    assert officers.authenticate("BUDI", GOOD) == officer  # usernames ignore case
    assert [o.username for o in officers.list()] == ["budi"]
    actions = [e.action for e in audit.entries()]
    assert actions[:2] == ["login", "officer.create"]
    assert GOOD not in str([e.details for e in audit.entries()])


def test_duplicate_username_refused(officers: OfficerRepository, officer: Officer) -> None:
    with pytest.raises(Exception) as caught:
        officers.create("Budi", "Other", None, "officer", GOOD)
    assert "budi" in str(caught.value).lower()


def test_unknown_user_and_wrong_password_same_message(
    officers: OfficerRepository, officer: Officer, audit: AuditLog
) -> None:
    with pytest.raises(AuthenticationFailed) as unknown:
        officers.authenticate("nobody", GOOD)
    with pytest.raises(AuthenticationFailed) as wrong:
        officers.authenticate("budi", "wrong password!")
    assert unknown.value.message == wrong.value.message
    failures = [e for e in audit.entries() if e.action == "login.failed"]
    assert len(failures) == 2


def test_lockout_after_five_failures_and_release(
    officers: OfficerRepository, officer: Officer, clock: FixedClock, audit: AuditLog
) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            officers.authenticate("budi", "not the password")
    with pytest.raises(AccountLocked) as locked:
        officers.authenticate("budi", "not the password")
    assert "terkunci" in locked.value.message.id and "locked" in locked.value.message.en
    assert any(e.action == "officer.locked" for e in audit.entries())
    # Even the right password is refused while locked.
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked):
        officers.authenticate("budi", GOOD)
    clock.advance(seconds=2)
    assert officers.authenticate("budi", GOOD).id == officer.id
    # The count starts afresh after a lock ran out.
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            officers.authenticate("budi", "not the password")
    assert officers.authenticate("budi", GOOD).id == officer.id


def test_success_resets_the_count(officers: OfficerRepository, officer: Officer) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            officers.authenticate("budi", "nope nope nope")
    officers.authenticate("budi", GOOD)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            officers.authenticate("budi", "nope nope nope")


def test_supervisor_unlocks(
    officers: OfficerRepository, officer: Officer, supervisor: Officer, audit: AuditLog
) -> None:
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            officers.authenticate("budi", "nope nope nope")
    assert officers.locked_until(officer.id) is not None
    with pytest.raises(PermissionDenied):
        officers.unlock(officer.id, by=officer.id)
    officers.unlock(officer.id, by=supervisor.id)
    assert officers.authenticate("budi", GOOD).id == officer.id
    assert any(e.action == "officer.unlocked" for e in audit.entries())


@pytest.mark.parametrize(
    ("password", "fragment_id", "fragment_en"),
    [
        ("pendek", "minimal 8", "at least 8"),
        ("budi", "minimal 8", "at least 8"),
        ("password", "terlarang", "blocklist"),
        ("12345678", "terlarang", "blocklist"),
        ("IMIGRASI", "terlarang", "blocklist"),
        ("kanim palu", "terlarang", "blocklist"),
        ("budisantoso", "nama pengguna", "username"),
    ],
)
def test_password_policy(
    officers: OfficerRepository, password: str, fragment_id: str, fragment_en: str
) -> None:
    with pytest.raises(PasswordRejected) as caught:
        officers.create("budisantoso", "Budi", None, "officer", password)
    assert fragment_id in caught.value.message.id
    assert fragment_en in caught.value.message.en


def test_minimum_length_is_a_setting(officers: OfficerRepository, database: object) -> None:
    SettingsStore(officers._database).set("password_min_length", 12)
    with pytest.raises(PasswordRejected) as caught:
        officers.create("ani", "Ani", None, "officer", "elevenchars")
    assert "12" in caught.value.message.en
    officers.create("ani", "Ani", None, "officer", "twelve chars")


def test_reset_by_supervisor_only(
    officers: OfficerRepository, officer: Officer, supervisor: Officer
) -> None:
    with pytest.raises(PermissionDenied):
        officers.reset_password(officer.id, supervisor.id, "sementara saja")
    officers.reset_password(supervisor.id, officer.id, "sementara saja")
    logged_in = officers.authenticate("budi", "sementara saja")
    assert logged_in.must_change_password
    officers.change_password(officer.id, "sementara saja", "milik saya sendiri")
    assert not officers.authenticate("budi", "milik saya sendiri").must_change_password
    with pytest.raises(AuthenticationFailed):
        officers.change_password(officer.id, "salah sekali", "yang lain lagi")
    with pytest.raises(PasswordRejected):
        officers.change_password(officer.id, "milik saya sendiri", "milik saya sendiri")


def test_deactivated_cannot_log_in(
    officers: OfficerRepository, officer: Officer, supervisor: Officer
) -> None:
    with pytest.raises(PermissionDenied):
        officers.deactivate(supervisor.id, by=officer.id)
    officers.deactivate(officer.id, by=supervisor.id)
    assert not officers.get(officer.id).active
    with pytest.raises(AccountInactive):
        officers.authenticate("budi", GOOD)
    with pytest.raises(AuthenticationFailed):  # a wrong password reveals nothing more
        officers.authenticate("budi", "wrong wrong wrong")
    officers.activate(officer.id, by=supervisor.id)
    assert officers.authenticate("budi", GOOD).active


def test_rehash_at_login(
    officers: OfficerRepository, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = officers._database.conn.execute(
        "SELECT password_hash FROM officers WHERE id = ?", (officer.id,)
    ).fetchone()[0]
    monkeypatch.setattr(passwords, "SCRYPT_N", 2048)
    officers.authenticate("budi", GOOD)
    after = officers._database.conn.execute(
        "SELECT password_hash FROM officers WHERE id = ?", (officer.id,)
    ).fetchone()[0]
    assert before.split("$")[1] == "1024" and after.split("$")[1] == "2048"


def test_a_login_never_rehashes_weaker(
    officers: OfficerRepository, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 12: a login under a lower cost used to replace the stored hash with a weaker one."""
    monkeypatch.setattr(passwords, "SCRYPT_N", 2048)
    officers.change_password(officer.id, GOOD, GOOD + " baru")
    stored = officers._database.conn.execute(
        "SELECT password_hash FROM officers WHERE id = ?", (officer.id,)
    ).fetchone()[0]
    monkeypatch.setattr(passwords, "SCRYPT_N", 1024)
    officers.authenticate("budi", GOOD + " baru")
    after = officers._database.conn.execute(
        "SELECT password_hash FROM officers WHERE id = ?", (officer.id,)
    ).fetchone()[0]
    assert after == stored and after.split("$")[1] == "2048"
