"""`db check` without credentials on an encrypted data folder: the shape of what is there
(the file is encrypted and whole pages, the -wal reads, the key slots and the lockout file
read), and in both languages what could not be checked without signing in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.keyslots import unlock_with_password
from interview_app.storage.lockout_file import LockoutFile
from interview_app.storage.paths import database_path

from .encrypted_folder import EncryptedFolder, filled_folder


@pytest.fixture
def folder(data_dir: Path) -> Iterator[EncryptedFolder]:
    yield from filled_folder(data_dir)


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["db", "check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_sound_folder_passes_its_shape_and_says_what_was_not_checked(
    folder: EncryptedFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 0, out
    pages = database_path(folder.data_dir).stat().st_size // 4096
    assert f"Encrypted file: {pages:,} whole pages" in out
    assert f"Berkas terenkripsi: {pages:,} halaman utuh" in out
    assert "WAL: valid header, " in out and "committed frames" in out
    assert "keyslots.json: readable, office PLU, 1 account slots, a recovery code slot" in out
    assert "Tidak diperiksa tanpa masuk: isi dan keutuhan halaman" in out
    assert "Not checked without signing in: the pages' contents and integrity" in out
    assert "HASIL: BENTUK BAIK (isi tidak diperiksa)" in out
    assert out.rstrip().endswith("RESULT: SHAPE OK (content not checked)")


def test_the_lockout_file_is_read_and_a_damaged_one_reported(
    folder: EncryptedFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Exception, match="Wrong username or password"):
        unlock_with_password(folder.data_dir, "supervisor", "salah sekali")
    assert LockoutFile(folder.data_dir).failed_attempts("supervisor") == 1
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 0 and "lockout.json: readable, 1 accounts counted" in out
    (folder.data_dir / "lockout.json").write_text("{rusak", encoding="utf-8")
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 1
    assert "lockout.json cannot be read" in out and "lockout.json tidak dapat dibaca" in out
    assert "RESULT: PROBLEMS FOUND" in out


def test_a_cut_off_database_is_a_problem(
    folder: EncryptedFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    folder.database.close()
    path = database_path(folder.data_dir)
    size = path.stat().st_size
    os.truncate(path, size - 100)
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 1
    assert f"({size - 100:,} bytes) is not a whole number of 4096-byte pages" in out
    assert "bukan kelipatan halaman 4096" in out


def test_a_wal_with_a_damaged_header_is_a_problem_and_a_torn_tail_a_note(
    folder: EncryptedFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    wal = database_path(folder.data_dir).with_name("interviews.sqlite3-wal")
    data = bytearray(wal.read_bytes())
    with open(wal, "ab") as handle:
        handle.write(b"\x00" * 1000)  # half a frame after a crash
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 0
    assert "1000 bytes left at the end (a cut-off write)" in out
    data[0] ^= 0xFF
    wal.write_bytes(bytes(data))
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 1
    assert "interviews.sqlite3-wal is not a valid WAL (magic" in out


def test_missing_or_damaged_key_slots_are_a_problem(
    folder: EncryptedFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    slots = folder.data_dir / "keyslots.json"
    original = slots.read_bytes()
    slots.write_bytes(original[:50])
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 1 and "keyslots.json cannot be read" in out
    slots.unlink()
    code, out, _ = _check(capsys, "--data-dir", str(folder.data_dir))
    assert code == 1
    assert "cannot be opened with any password or the recovery code" in out


def test_a_plaintext_folder_with_slots_gets_the_full_check_and_the_shape_names_plaintext(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of the release before, whose conversion has not run yet (slots may exist
    already): `db check` without credentials still runs the full check (the pages are in
    clear); the shape check itself, given such a file, names it as not encrypted."""
    from interview_app.storage.database import open_database
    from interview_app.storage.keyslots import create_office_slots
    from interview_app.storage.shape_check import check_shape

    data_dir = tmp_path / "data"
    open_database(data_dir).close()
    create_office_slots(data_dir, "PLU", os.urandom(32), "supervisor", "kata sandi panjang")
    code, out, _ = _check(capsys, "--data-dir", str(data_dir))
    assert "Integrity: ok" in out and "Not checked without signing in" not in out
    report = check_shape(database_path(data_dir), keyslots_file=data_dir / "keyslots.json")
    assert not report.ok
    assert "interviews.sqlite3 is not encrypted: anyone who copies it can read it" in (
        report.summary("en")
    )


def test_a_keyless_backup_is_checked_with_the_slots_beside_it(
    folder: EncryptedFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "cadangan.sqlite3"
    assert main(["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out_file)]) == 0
    capsys.readouterr()
    args = ("--data-dir", str(folder.data_dir), "--file", str(out_file))
    code, out, _ = _check(capsys, *args)
    assert code == 0, out
    assert str(out_file) in out and "WAL:" not in out  # the backup is one file
    assert "cadangan.sqlite3.keyslots.json: readable, office PLU" in out
    assert "lockout.json" not in out
