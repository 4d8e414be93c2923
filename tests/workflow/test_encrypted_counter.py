"""The counter on an encrypted data folder: nothing opens (or is made) before a sign-in, a wrong
password opens nothing and is counted, signing out drops the key, and a supervisor's sign-in on
a folder of the release before encrypts it and hands over the recovery code once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.storage.errors import AccountLocked, AuthenticationFailed
from interview_app.storage.keys import office_key_path
from interview_app.storage.lockout_file import LockoutFile
from interview_app.storage.paths import database_path
from interview_app.storage.recovery_code import normalize_recovery_code
from interview_app.storage.sign_in_screen import read_sign_in_screen, screen_path
from interview_app.storage.unlock import folder_is_encrypted
from interview_app.workflow.counter import NOT_SIGNED_IN, CounterSession
from tests.byte_scan import found_texts
from tests.offices import OfficeBuilder
from tests.workflow.conftest import OFFICER, SUPERVISOR

RELEASE_A = Path(__file__).resolve().parents[1] / "fixtures" / "release_2026_12" / "A"


@pytest.fixture
def closed(offices: OfficeBuilder, data_dir: Path) -> Iterator[CounterSession]:
    """The counter over a copy of the (encrypted) counter office, nobody signed in yet."""
    session = CounterSession.open(offices.copy("counter", data_dir))
    try:
        yield session
    finally:
        session.close()


def test_a_fresh_folder_stays_empty_until_the_first_run(tmp_path: Path) -> None:
    data_dir = tmp_path / "new"
    session = CounterSession.open(data_dir)
    try:
        assert not session.is_open and not session.office().configured
        with pytest.raises(type(NOT_SIGNED_IN), match="masuk dulu"):
            session.home()
        session.set_ui_language("en")  # nothing to keep it in yet: still nothing written
        assert not database_path(data_dir).exists()
        assert not data_dir.exists() or list(data_dir.iterdir()) == []
    finally:
        session.close()


def test_an_encrypted_folder_opens_only_at_a_sign_in(
    closed: CounterSession, data_dir: Path
) -> None:
    session = closed
    assert not session.is_open  # no key, no database connection
    info = session.office()  # what the sign-in screen shows, from the plaintext side files
    assert info.configured and info.office_code == "PLU"
    assert info.office_name == "Kantor Imigrasi Palu" and info.workstation_name == "Loket 1"
    with pytest.raises(type(NOT_SIGNED_IN)):
        session.search("Siti")
    signed = session.login(*OFFICER)
    assert signed.username == OFFICER[0] and session.is_open and session.storage.encrypted


def test_a_wrong_password_opens_nothing_and_is_counted(
    closed: CounterSession, data_dir: Path
) -> None:
    session = closed
    with pytest.raises(AuthenticationFailed) as refused:
        session.login(OFFICER[0], "bukan kata sandinya")
    assert "salah" in refused.value.text("id") and "wrong" in refused.value.text("en").lower()
    assert not session.is_open and session.officer is None
    assert LockoutFile(data_dir).failed_attempts(OFFICER[0]) == 1
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            session.login(OFFICER[0], "bukan kata sandinya")
    with pytest.raises(AccountLocked):
        session.login(OFFICER[0], "bukan kata sandinya")
    with pytest.raises(AccountLocked):  # now even the right one waits for the lock time
        session.login(*OFFICER)
    assert not session.is_open
    # The supervisor still signs in; the failures are in the audit log from then on.
    session.login(*SUPERVISOR)
    actions = [entry.action for entry in session.audit().entries(limit=20)]
    assert "officer.locked" in actions or "login.failed" in actions, actions


def test_signing_out_closes_the_folder_and_the_lock_keeps_it_open(
    closed: CounterSession, data_dir: Path
) -> None:
    session = closed
    session.login(*OFFICER)
    session.lock()
    assert session.is_open  # the idle lock keeps the key: the interview waits behind it
    with pytest.raises(AuthenticationFailed):
        session.unlock("bukan kata sandinya")
    session.unlock(OFFICER[1])
    session.home()
    session.logout()
    assert not session.is_open and session.officer is None  # the key left with the officer
    with pytest.raises(type(NOT_SIGNED_IN), match="masuk dulu"):
        session.start_interview()
    assert read_sign_in_screen(data_dir).office_name == "Kantor Imigrasi Palu"
    session.login(*SUPERVISOR)
    actions = [entry.action for entry in session.audit().entries(limit=20)]
    assert "logout" in actions and "screen.unlock" in actions


def test_the_sign_in_screen_file_holds_no_personal_data(
    closed: CounterSession, data_dir: Path
) -> None:
    session = closed
    session.login(*OFFICER)
    session.set_ui_language("en")
    session.logout()
    assert session.ui_language == "en"  # the sign-in screen speaks the chosen language
    text = screen_path(data_dir).read_text(encoding="utf-8")
    for secret in (OFFICER[0], OFFICER[1], "Siti", "Rahmat", SUPERVISOR[1]):
        assert secret not in text


def test_a_supervisor_sign_in_encrypts_a_folder_of_the_release_before(tmp_path: Path) -> None:
    data_dir = tmp_path / "A"
    shutil.copytree(RELEASE_A, data_dir)
    session = CounterSession.open(data_dir)
    try:
        assert session.is_open and not session.storage.encrypted
        rows = session.database.conn.execute("SELECT nik, full_name FROM interviews").fetchall()
        assert len(rows) == 14
        applicants = [str(text) for row in rows for text in row if text]
        assert found_texts([data_dir], applicants)  # the scan finds them in clear before
        # An officer signs in as before: nothing is converted.
        assert not session.converts_at_sign_in("petugas1")
        session.login("petugas1", "loket-satu-demo")
        assert not folder_is_encrypted(data_dir) and session.new_recovery_code is None
        session.logout()
        assert session.is_open  # a plaintext folder has no key to drop
        assert session.converts_at_sign_in("supervisor")
        steps: list[tuple[int, int, str]] = []
        signed = session.login(
            "supervisor",
            "kepala-seksi-demo",
            progress=lambda done, total, path: steps.append((done, total, path.name)),
        )
        assert signed.is_supervisor and session.storage.encrypted
        assert steps and steps[-1][0] == steps[-1][1]  # every file, to the end
        code = session.new_recovery_code
        assert code is not None
        normalize_recovery_code(code)
        session.recovery_code_shown()
        assert session.new_recovery_code is None
        count = session.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
        assert count == len(rows)  # every interview kept
        session.logout()
        assert not session.is_open
        # No plaintext database and no office key remain; names appear nowhere in clear.
        assert folder_is_encrypted(data_dir) and not office_key_path(data_dir).exists()
        assert found_texts([data_dir], applicants) == set()
        session.login("petugas1", "loket-satu-demo")  # the officer's password still works
    finally:
        session.close()


def test_an_encrypted_folder_without_its_key_slots_says_so_at_the_sign_in(
    closed: CounterSession, data_dir: Path
) -> None:
    (data_dir / "keyslots.json").unlink()
    assert closed.office().configured  # the sign-in page, not a first run over the data
    with pytest.raises(KnownError, match="keyslots.json"):
        closed.login(*OFFICER)
    assert not closed.is_open
