"""Without an account's password or the office recovery code nothing in an encrypted data folder
opens: not through the application's one way in, not through any command that reads it, not
with SQLite or SQLCipher pointed at its files, and the key itself is nowhere on disk. With the
recovery code a supervisor resets every account's password; each account then signs in with the
new one and must change it."""

from __future__ import annotations

import base64
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from interview_app.demo import DEMO_ACCOUNTS
from interview_app.errors import KnownError
from interview_app.storage import maintenance
from interview_app.storage.cipher import database_key
from interview_app.storage.office import Office
from interview_app.storage.unlock import PasswordCredentials, RecoveryCredentials
from tests import keyring
from tests.byte_scan import scan_files
from tests.offices import SUPERVISOR, OfficeBuilder, run_command, sign_in_args

RECOVERY_CODE = re.compile(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){5}\b")


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def office(offices: OfficeBuilder, tmp_path: Path) -> Path:
    """A demo office with interviews, a daily snapshot and a backup copy in its folder."""
    data_dir = offices.copy("demo-8", tmp_path / "office")
    with keyring.open_office(data_dir) as opened:
        maintenance.snapshot(opened.database, "daily")
        maintenance.snapshot(opened.database, "pre-import")
    return data_dir


def _sqlite_files(data_dir: Path) -> list[Path]:
    files = [p for p in data_dir.rglob("*.sqlite3") if p.is_file()]
    assert len(files) >= 3  # the database and its two snapshots
    return files


def test_the_office_does_not_open_without_credentials(office: Path) -> None:
    before = _contents(office)
    with pytest.raises(KnownError) as refused:
        Office.open(office)
    assert "masuk" in refused.value.message.id.lower()
    assert "sign in" in refused.value.message.en.lower()
    with pytest.raises(KnownError):
        Office.open(office, credentials=PasswordCredentials(SUPERVISOR.username, "tebakan salah"))
    with pytest.raises(KnownError):
        Office.open(office, credentials=RecoveryCredentials("0" * 30))
    assert _contents(office).keys() <= before.keys() | {"lockout.json", ".lockout.lock"}
    assert {name: data for name, data in _contents(office).items() if "lockout" not in name} == {
        name: data for name, data in before.items() if "lockout" not in name
    }


def test_neither_sqlite_nor_sqlcipher_reads_any_file_without_the_key(office: Path) -> None:
    for path in _sqlite_files(office):
        for driver in (sqlite3, sqlcipher3):
            conn = driver.connect(f"file:{path}?mode=ro", uri=True)
            try:
                with pytest.raises(driver.DatabaseError, match="not a database"):
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
        assert not path.read_bytes().startswith(b"SQLite format 3\x00"), path


def test_the_key_is_nowhere_on_disk_in_clear(office: Path) -> None:
    _, key = keyring.key_of(office)
    page_key = database_key(key)
    forms = []
    for secret in (key, page_key):
        forms += [secret.hex(), secret.hex().upper(), base64.b64encode(secret).decode()]
        forms += [base64.urlsafe_b64encode(secret).decode().rstrip("=")]
    raw = [
        p for p in office.rglob("*") if p.is_file() for s in (key, page_key) if s in p.read_bytes()
    ]
    assert raw == []
    assert scan_files([office], forms) == []
    assert not (office / "office.key").exists()


COMMANDS_THAT_READ = [
    ["export", "--out", "{tmp}/stick", "--full"],
    ["import", "{tmp}/package.awp"],
    ["db", "restore"],
    ["slip", "render", "--interview", "PLU-2026-000001", "--out", "{tmp}/slip.pdf"],
    ["slip", "public-key", "--out", "{tmp}/public.pem"],
    ["slip", "verifier", "--out", "{tmp}/verifier.html"],
    ["slip", "referral", "overdue"],
    ["report", "--from", "2026-01-01", "--to", "2026-03-31", "--out", "{tmp}/recap.pdf"],
    ["account", "list"],
    ["script", "list"],
    ["settings", "list"],
    ["audit", "list"],
    ["audit", "check"],
    ["retention", "dry-run"],
    ["sync", "conflicts", "list"],
    ["sync-key", "export", "--out", "{tmp}/office-key.json"],
]


def _name(command: object) -> str:
    return " ".join(command) if isinstance(command, list) else str(command)


@pytest.mark.parametrize("command", COMMANDS_THAT_READ, ids=_name)
def test_every_command_that_reads_the_folder_asks_for_a_sign_in(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    for name in ("USER", "PASSWORD", "RECOVERY_CODE"):
        monkeypatch.delenv(f"INTERVIEW_APP_{name}", raising=False)
    # sync-key export also needs its passphrase: given, so that the sign-in is what is missing
    monkeypatch.setenv("INTERVIEW_APP_KEY_PASSPHRASE", "frasa sandi yang cukup panjang")
    (tmp_path / "package.awp").write_bytes(b"not a package")
    before = _contents(office)
    argv = [part.format(tmp=tmp_path) for part in command]
    code, output = run_command([*argv, "--data-dir", str(office)])
    assert code != 0, output
    assert "masuk" in output.lower() and "sign in" in output.lower(), output
    assert _contents(office) == before
    outputs = {"stick", "slip.pdf", "public.pem", "verifier.html", "recap.pdf", "office-key.json"}
    assert not any((tmp_path / name).exists() for name in outputs)


def _new_recovery_code(office: Path, secrets: Path) -> str:
    """A new recovery code, made by the supervisor on the command line (as printed once)."""
    code, output = run_command(
        ["account", "new-recovery-code", "--data-dir", str(office), *sign_in_args(secrets)]
    )
    assert code == 0, output
    found = RECOVERY_CODE.findall(output)
    assert len(found) == 1, output
    return found[0]


def _reset_with_code(office: Path, username: str, code: str, new_password: str) -> tuple[int, str]:
    """`account reset-password USERNAME --recovery-code-file --new-password-file` (the files
    written beside the data folder, never in it)."""
    secrets = office.parent / "secrets"
    secrets.mkdir(exist_ok=True)
    (secrets / "recovery.txt").write_text(code + "\n", encoding="utf-8")
    (secrets / "new.txt").write_text(new_password, encoding="utf-8")
    return run_command(
        ["account", "reset-password", username, "--data-dir", str(office)]
        + ["--recovery-code-file", str(secrets / "recovery.txt")]
        + ["--new-password-file", str(secrets / "new.txt")]
    )


def test_with_the_recovery_code_a_supervisor_resets_every_password(
    office: Path, tmp_path: Path
) -> None:
    paper = _new_recovery_code(office, tmp_path)
    # Every password is forgotten: only the paper from the safe is left.
    for account in DEMO_ACCOUNTS:
        code, output = _reset_with_code(
            office, account.username, paper, f"baru {account.username} 2026"
        )
        assert code == 0, output
    for account in DEMO_ACCOUNTS:
        with pytest.raises(KnownError):
            Office.open(office, credentials=PasswordCredentials(account.username, account.password))
        new = PasswordCredentials(account.username, f"baru {account.username} 2026")
        with Office.open(office, credentials=new) as opened:
            assert opened.signed_in is not None
            assert opened.signed_in.username == account.username
            assert opened.signed_in.must_change_password
    # The resets are in the audit log as the recovery code's doing.
    with keyring.open_office(office) as opened:
        actors = [
            row[0]
            for row in opened.database.conn.execute(
                "SELECT actor FROM audit_log WHERE action = 'officer.password_reset'"
            )
        ]
    assert actors == ["recovery-code"] * len(DEMO_ACCOUNTS)


def test_a_mistyped_recovery_code_resets_nothing(office: Path, tmp_path: Path) -> None:
    real = _new_recovery_code(office, tmp_path)
    wrong = real[:-1] + ("0" if real[-1] != "0" else "1")
    before = {k: v for k, v in _contents(office).items() if "lockout" not in k}
    code, output = _reset_with_code(office, SUPERVISOR.username, wrong, "baru supervisor 2026")
    assert code != 0
    assert "kelompok ke-6" in output and "group 6" in output, output
    assert {k: v for k, v in _contents(office).items() if "lockout" not in k} == before
    Office.open(
        office, credentials=PasswordCredentials(SUPERVISOR.username, SUPERVISOR.password)
    ).close()


def test_a_backup_opens_on_a_new_pc_only_with_the_key_slots_and_a_password_or_the_code(
    office: Path, tmp_path: Path
) -> None:
    """The README's restore on a new PC: the backup as interviews.sqlite3, its key slots as
    keyslots.json, then a sign-in (or the recovery code)."""
    paper = _new_recovery_code(office, tmp_path)
    backup = tmp_path / "stick" / "cadangan.sqlite3"
    with keyring.open_office(office) as opened:
        maintenance.backup(opened.database, backup)
        texts = [
            value
            for row in opened.database.conn.execute("SELECT nik, full_name FROM interviews")
            for value in row
        ]
    assert texts and scan_files([backup.parent], texts) == []
    new_pc = tmp_path / "new-pc"
    new_pc.mkdir(mode=0o700)
    shutil.copyfile(backup, new_pc / "interviews.sqlite3")
    # The backup alone opens for nobody: the key is wrapped only in the slots file.
    for credentials in (
        PasswordCredentials(SUPERVISOR.username, SUPERVISOR.password),
        RecoveryCredentials(paper),
    ):
        with pytest.raises(KnownError, match="keyslots.json"):
            Office.open(new_pc, credentials=credentials)
    shutil.copyfile(office / "keyslots.json", new_pc / "keyslots.json")
    with pytest.raises(KnownError):
        Office.open(new_pc)
    with Office.open(
        new_pc, credentials=PasswordCredentials(SUPERVISOR.username, SUPERVISOR.password)
    ) as opened:
        assert opened.signed_in is not None
        assert opened.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
    with Office.open(new_pc, credentials=RecoveryCredentials(paper)) as opened:
        assert opened.via_recovery_code
