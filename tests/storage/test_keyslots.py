"""Key slots (the office key under each account's password and under the recovery code), the
recovery code's typo check, and the lockout side file."""

from __future__ import annotations

import json
import os
import secrets
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from interview_app.storage import passwords
from interview_app.storage.clock import FixedClock
from interview_app.storage.errors import (
    AccountLocked,
    AuthenticationFailed,
    KeySlotError,
    RecoveryCodeInvalid,
)
from interview_app.storage.keyslots import (
    KeySlots,
    create_office_slots,
    keyslots_path,
    unlock_with_password,
)
from interview_app.storage.lockout_file import LockoutFile
from interview_app.storage.recovery_code import (
    ALPHABET,
    generate_recovery_code,
    normalize_recovery_code,
)

OFFICE = "PLU"


@pytest.fixture
def office_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_set_up_makes_a_supervisor_slot_and_a_recovery_slot(
    folder: Path, office_key: bytes
) -> None:
    code = create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    slots = KeySlots(folder)
    assert slots.accounts() == ["kasi"] and slots.has_recovery
    assert slots.unlock_account("kasi", "sandi kepala seksi") == office_key
    assert slots.unlock_recovery(code) == office_key
    raw = keyslots_path(folder).read_bytes()
    assert office_key.hex().encode() not in raw and b"sandi kepala seksi" not in raw
    assert code.encode() not in raw
    if sys.platform != "win32":
        assert stat.S_IMODE(keyslots_path(folder).stat().st_mode) == 0o600
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    with pytest.raises(KeySlotError):
        create_office_slots(folder, OFFICE, office_key, "kasi", "lagi")  # once per folder


def test_a_wrong_password_and_an_unknown_account_fail_alike(
    folder: Path, office_key: bytes
) -> None:
    create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    slots = KeySlots(folder)
    with pytest.raises(AuthenticationFailed) as wrong:
        slots.unlock_account("kasi", "sandi kepala seksj")
    with pytest.raises(AuthenticationFailed) as unknown:
        slots.unlock_account("siapa", "sandi kepala seksi")
    assert str(wrong.value) == str(unknown.value)
    assert "salah" in str(wrong.value) and "Wrong" in str(wrong.value)


def test_accounts_are_added_rewritten_and_removed(folder: Path, office_key: bytes) -> None:
    create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    slots = KeySlots(folder)
    slots.set_account(OFFICE, "budi", "sandi budi lama", office_key)
    assert KeySlots(folder).unlock_account("budi", "sandi budi lama") == office_key
    slots.set_account(OFFICE, "budi", "sandi budi baru", office_key)  # change or reset
    reread = KeySlots(folder)
    assert reread.unlock_account("budi", "sandi budi baru") == office_key
    with pytest.raises(AuthenticationFailed):
        reread.unlock_account("budi", "sandi budi lama")
    assert reread.remove_account("budi") is True  # deactivation
    assert KeySlots(folder).accounts() == ["kasi"]
    with pytest.raises(AuthenticationFailed):
        KeySlots(folder).unlock_account("budi", "sandi budi baru")
    assert KeySlots(folder).remove_account("budi") is False


def test_a_slot_for_another_key_or_office_is_refused(folder: Path, office_key: bytes) -> None:
    create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    before = keyslots_path(folder).read_bytes()
    with pytest.raises(KeySlotError):
        KeySlots(folder).set_account(OFFICE, "budi", "sandi budi", secrets.token_bytes(32))
    with pytest.raises(KeySlotError):
        KeySlots(folder).set_account("MKS", "budi", "sandi budi", office_key)
    assert keyslots_path(folder).read_bytes() == before


def test_a_slot_moved_to_another_account_or_with_its_cost_edited_fails(
    folder: Path, office_key: bytes
) -> None:
    create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    KeySlots(folder).set_account(OFFICE, "budi", "sandi budi", office_key)
    content = json.loads(keyslots_path(folder).read_text(encoding="utf-8"))
    content["slots"]["account:budi"] = content["slots"]["account:kasi"]  # kasi's under budi
    keyslots_path(folder).write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(AuthenticationFailed):
        KeySlots(folder).unlock_account("budi", "sandi kepala seksi")
    content["slots"]["account:kasi"]["n"] = passwords.SCRYPT_N * 2
    keyslots_path(folder).write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(AuthenticationFailed):
        KeySlots(folder).unlock_account("kasi", "sandi kepala seksi")


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"format": 2}', b'{"format": 1, "office_code": "PLU"}', b"\xff" * 10],
)
def test_a_damaged_slots_file_is_a_clear_message(folder: Path, content: bytes) -> None:
    folder.mkdir()
    keyslots_path(folder).write_bytes(content)
    with pytest.raises(KeySlotError) as caught:
        KeySlots(folder)
    assert "kode pemulihan" in str(caught.value) and "recovery code" in str(caught.value)


def test_a_weaker_slot_is_flagged_for_rewrapping(
    folder: Path, office_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    assert not KeySlots(folder).needs_rewrap("kasi")
    monkeypatch.setattr(passwords, "SCRYPT_N", passwords.SCRYPT_N * 2)
    assert KeySlots(folder).needs_rewrap("kasi")


def test_recovery_codes_are_readable_and_a_typo_names_its_group() -> None:
    code = generate_recovery_code()
    groups = code.split("-")
    assert len(groups) == 6 and all(len(g) == 5 for g in groups)
    assert set(code.replace("-", "")) <= set(ALPHABET)
    assert generate_recovery_code() != code
    # Case, spaces and look-alike letters do not matter.
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalize_recovery_code(typed) == code
    # Every single wrong character in every position is caught, with its group named.
    for position in (0, 7, 13, 29):
        index = position + position // 5
        wrong = ALPHABET[(ALPHABET.index(code[index]) + 1) % len(ALPHABET)]
        with pytest.raises(RecoveryCodeInvalid) as caught:
            normalize_recovery_code(code[:index] + wrong + code[index + 1 :])
        assert f"kelompok ke-{position // 5 + 1}" in str(caught.value)
        assert f"group {position // 5 + 1}" in str(caught.value)
    # Two neighbours swapped are caught too.
    a, b = code[1], code[2]
    if a != b:
        with pytest.raises(RecoveryCodeInvalid):
            normalize_recovery_code(code[0] + b + a + code[3:])
    with pytest.raises(RecoveryCodeInvalid, match="karakter"):
        normalize_recovery_code(code[:-1])
    with pytest.raises(RecoveryCodeInvalid, match="U"):
        normalize_recovery_code("U" + code[1:])


def test_another_offices_recovery_code_fails_and_a_new_code_replaces_the_old(
    folder: Path, office_key: bytes
) -> None:
    old = create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    with pytest.raises(RecoveryCodeInvalid) as caught:
        KeySlots(folder).unlock_recovery(generate_recovery_code())
    assert "bukan milik kantor ini" in str(caught.value)
    new = KeySlots(folder).new_recovery_code(OFFICE, office_key)
    assert KeySlots(folder).unlock_recovery(new) == office_key
    with pytest.raises(RecoveryCodeInvalid):
        KeySlots(folder).unlock_recovery(old)


def test_signing_in_counts_failures_in_the_side_file_and_locks(
    folder: Path, office_key: bytes
) -> None:
    create_office_slots(folder, OFFICE, office_key, "kasi", "sandi kepala seksi")
    clock = FixedClock()
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            unlock_with_password(folder, "kasi", "tebakan", clock=clock)
    assert LockoutFile(folder, clock).failed_attempts("kasi") == 4
    with pytest.raises(AccountLocked):  # the fifth locks
        unlock_with_password(folder, "kasi", "tebakan", clock=clock)
    with pytest.raises(AccountLocked):  # the right password does not open a locked account
        unlock_with_password(folder, "kasi", "sandi kepala seksi", clock=clock)
    clock.advance(minutes=15, seconds=1)
    assert unlock_with_password(folder, "kasi", "sandi kepala seksi", clock=clock) == office_key
    assert LockoutFile(folder, clock).failed_attempts("kasi") == 0
    # The side file names accounts and counts only.
    content = (folder / "lockout.json").read_text(encoding="utf-8")
    assert "sandi" not in content and office_key.hex() not in content


def test_a_success_clears_the_count_and_a_supervisor_unlocks(folder: Path) -> None:
    clock = FixedClock()
    lockout = LockoutFile(folder, clock)
    for _ in range(3):
        lockout.record_failure("budi")
    lockout.record_success("budi")
    assert lockout.failed_attempts("budi") == 0
    for _ in range(5):
        until = lockout.record_failure("budi")
    assert until == clock() + timedelta(minutes=15)
    assert lockout.locked_until("budi") == until
    # Failures while locked do not extend the lock.
    assert lockout.record_failure("budi") == until
    lockout.clear("budi")  # a supervisor's unlock, a reset or a deactivation
    lockout.check("budi")
    assert lockout.locked_until("budi") is None


def test_the_policy_is_kept_in_the_side_file(folder: Path) -> None:
    clock = FixedClock()
    lockout = LockoutFile(folder, clock)
    lockout.set_policy(3, 30)
    for _ in range(3):
        until = lockout.record_failure("budi")
    assert until == clock() + timedelta(minutes=30)
    with pytest.raises(ValueError):
        lockout.set_policy(0, 30)


def test_a_damaged_side_file_counts_from_zero(folder: Path) -> None:
    folder.mkdir()
    (folder / "lockout.json").write_bytes(b"\x00garbage")
    lockout = LockoutFile(folder, FixedClock())
    lockout.check("budi")
    assert lockout.record_failure("budi") is None
    assert lockout.failed_attempts("budi") == 1


def test_failures_from_several_processes_each_count(folder: Path) -> None:
    """Guesses checked at the same time in several processes: none of their counts is lost
    (each change is made under the side file's lock)."""
    LockoutFile(folder, FixedClock()).set_policy(1000, 15)
    program = (
        "import sys; from pathlib import Path;"
        " from interview_app.storage.lockout_file import LockoutFile;"
        " lockout = LockoutFile(Path(sys.argv[1]));"
        " [lockout.record_failure('budi') for _ in range(15)]"
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(root), os.environ["PYTHONPATH"])))
    children = [
        subprocess.Popen([sys.executable, "-c", program, str(folder)], env=env, cwd=root)
        for _ in range(4)
    ]
    assert [child.wait(timeout=120) for child in children] == [0, 0, 0, 0]
    assert LockoutFile(folder, FixedClock()).failed_attempts("budi") == 60
