"""Opening a data folder is signing in: the account's key slot gives the key, or the recovery
code does; nothing else opens it. An old plaintext folder is converted by a supervisor's sign-in
and every account keeps its password."""

from __future__ import annotations

import datetime as dt
import shutil
import string
from pathlib import Path

import pytest

from interview_app.storage.cipher import database_key, is_plaintext_database
from interview_app.storage.clock import FixedClock
from interview_app.storage.encrypt_in_place import encrypt_file
from interview_app.storage.errors import (
    AccountLocked,
    AuthenticationFailed,
    DatabaseKeyError,
    RecoveryCodeInvalid,
)
from interview_app.storage.interview_records import InterviewSummary
from interview_app.storage.keys import office_key_path, read_office_key
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office import Office
from interview_app.storage.paths import database_path
from interview_app.storage.unlock import (
    PasswordCredentials,
    RecoveryCredentials,
    folder_is_encrypted,
)
from tests.byte_scan import scan_files

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "release_2026_12" / "A"
SUPERVISOR = PasswordCredentials("supervisor", "kepala-seksi-demo")
PETUGAS1 = PasswordCredentials("petugas1", "loket-satu-demo")
PETUGAS2 = PasswordCredentials("petugas2", "loket-dua-demo")
NOW = dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC)


def new_office(data_dir: Path) -> str:
    """A new office with a supervisor `kasi` and an officer `ani`; returns its recovery code."""
    with Office.create(data_dir, "plu", clock=FixedClock(NOW)) as office:
        officers = office.officers()
        officers.create("kasi", "Kepala Seksi", None, "supervisor", "kepala seksi palu")
        officers.create("ani", "Ani", None, "officer", "loket satu palu")
        return office.make_recovery_code()


def test_a_new_office_is_encrypted_and_keeps_no_key_in_clear(tmp_path: Path) -> None:
    new_office(tmp_path)
    assert folder_is_encrypted(tmp_path)
    assert not office_key_path(tmp_path).exists()
    assert not is_plaintext_database(database_path(tmp_path))
    assert sorted(KeySlots(tmp_path).accounts()) == ["ani", "kasi"]
    with pytest.raises(DatabaseKeyError, match="Sign in"):
        Office.open(tmp_path)


def test_a_password_opens_the_folder_and_a_wrong_one_opens_nothing(tmp_path: Path) -> None:
    new_office(tmp_path)
    with Office.open(tmp_path, credentials=PasswordCredentials("ani", "loket satu palu")) as o:
        assert o.signed_in is not None and o.signed_in.username == "ani"
        assert o.encrypted
    for wrong in (
        PasswordCredentials("ani", "loket dua palu"),
        PasswordCredentials("siapa", "loket satu palu"),
    ):
        with pytest.raises(AuthenticationFailed) as refused:
            Office.open(tmp_path, credentials=wrong)
        assert refused.value.message.en == "Wrong username or password."


def test_failures_lock_the_account_and_reach_the_audit_log_at_the_next_opening(
    tmp_path: Path,
) -> None:
    new_office(tmp_path)
    clock = FixedClock(NOW)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            Office.open(tmp_path, credentials=PasswordCredentials("ani", "salah"), clock=clock)
    with pytest.raises(AccountLocked):  # the fifth locks, and the lock holds for the right one
        Office.open(tmp_path, credentials=PasswordCredentials("ani", "salah"), clock=clock)
    with pytest.raises(AccountLocked):
        Office.open(
            tmp_path, credentials=PasswordCredentials("ani", "loket satu palu"), clock=clock
        )
    clock.set(NOW + dt.timedelta(minutes=16))
    with Office.open(
        tmp_path, credentials=PasswordCredentials("kasi", "kepala seksi palu"), clock=clock
    ) as office:
        entries = office.audit.search()  # newest first
    actions = [entry.action for entry in entries]
    assert actions[0] == "login"
    assert actions.count("login.failed") == 5
    assert "officer.locked" in actions and actions.count("login.refused") == 1


def test_the_recovery_code_opens_it_and_resets_a_forgotten_password(tmp_path: Path) -> None:
    code = new_office(tmp_path)
    with pytest.raises(RecoveryCodeInvalid):
        Office.open(tmp_path, credentials=RecoveryCredentials(code[:-1] + "0"))
    with Office.open(tmp_path, credentials=RecoveryCredentials(code.lower())) as office:
        assert office.via_recovery_code and office.signed_in is None
        officers = office.officers()
        for username in ("kasi", "ani"):
            found = officers.find(username)
            assert found is not None
            officers.reset_password(None, found.id, f"sandi baru {username} panjang")
    for username in ("kasi", "ani"):
        password = f"sandi baru {username} panjang"
        with Office.open(tmp_path, credentials=PasswordCredentials(username, password)) as o:
            assert o.signed_in is not None and o.signed_in.must_change_password
    with pytest.raises(AuthenticationFailed):
        Office.open(tmp_path, credentials=PasswordCredentials("ani", "loket satu palu"))


def test_account_changes_rewrite_and_remove_slots(tmp_path: Path) -> None:
    new_office(tmp_path)
    with Office.open(tmp_path, credentials=PasswordCredentials("kasi", "kepala seksi palu")) as o:
        officers = o.officers()
        ani = officers.find("ani")
        assert ani is not None
        officers.change_password(ani.id, "loket satu palu", "kalimat sandi baru ani")
        officers.deactivate(ani.id, by=o.signed_in.id if o.signed_in else None)
        assert "ani" not in KeySlots(tmp_path).accounts()
        assert officers.activate(ani.id) is False  # no slot: it needs a reset to sign in
    with pytest.raises(AuthenticationFailed):
        Office.open(tmp_path, credentials=PasswordCredentials("ani", "kalimat sandi baru ani"))


def everyone(office: Office) -> list[InterviewSummary]:
    """Every named applicant of the office, found by the counter's name search."""
    return [
        found
        for letter in string.ascii_uppercase
        for found in office.interviews.search(letter, limit=1000)
    ]


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "A"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_an_officer_signs_in_on_an_old_folder_without_converting_it(tmp_path: Path) -> None:
    folder = copy_fixture(tmp_path)
    with Office.open(folder, credentials=PETUGAS1) as office:
        assert office.signed_in is not None and not office.encrypted
    assert not folder_is_encrypted(folder) and office_key_path(folder).exists()
    assert KeySlots(folder).accounts() == ["petugas1"]  # ready for the conversion


def test_a_supervisor_converts_an_old_folder_and_every_password_keeps_working(
    tmp_path: Path,
) -> None:
    folder = copy_fixture(tmp_path)
    found = read_office_key(folder)
    assert found is not None
    with Office.open(folder) as office:
        found_now = everyone(office)
    applicants = [s.full_name for s in found_now if s.full_name]
    applicants += [s.nik for s in found_now if s.nik]
    assert applicants and scan_files([folder], applicants)  # the scan can fail
    steps: list[tuple[int, int]] = []
    with Office.open(
        folder, credentials=SUPERVISOR, progress=lambda done, total, _: steps.append((done, total))
    ) as office:
        assert office.encrypted and office.new_recovery_code
        code = office.new_recovery_code
        count = len(everyone(office))
    assert steps and steps[-1][0] == steps[-1][1]
    assert folder_is_encrypted(folder) and not office_key_path(folder).exists()
    assert scan_files([folder], applicants) == []
    for account in (PETUGAS1, PETUGAS2, SUPERVISOR):
        with Office.open(folder, credentials=account) as office:
            assert office.office_key == found[1]
            assert len(everyone(office)) == count
    assert not any(
        KeySlots(folder).needs_rewrap(name) for name in ("petugas1", "petugas2", "supervisor")
    )
    with Office.open(folder, credentials=RecoveryCredentials(code)) as office:
        assert office.office_key == found[1]


def test_a_conversion_cut_off_after_the_database_is_finished_at_the_next_opening(
    tmp_path: Path,
) -> None:
    folder = copy_fixture(tmp_path)
    with Office.open(folder, credentials=PETUGAS1) as office:  # it makes a pre-migration copy
        code, key = office.key_on_file or ("", b"")
    KeySlots(folder).new_recovery_code(code, key)
    encrypt_file(database_path(folder), database_key(key))  # killed right after this file
    assert office_key_path(folder).exists()
    with Office.open(folder, credentials=PETUGAS1) as office:
        assert office.encrypted
    assert not office_key_path(folder).exists()
    assert all(
        not is_plaintext_database(path) for path in folder.rglob("*.sqlite3") if path.is_file()
    )
