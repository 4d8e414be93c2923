"""`db backup` without credentials on an encrypted data folder: the encrypted pages copied as
they are (the -wal's committed frames folded in), with the key slots beside them; the copy
opens with an account's password or the recovery code and with nothing else."""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import signal
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from interview_app.cli import main
from interview_app.storage import raw_copy
from interview_app.storage.app_lock import FolderLock
from interview_app.storage.cipher import connect_keyed, database_key, looks_encrypted
from interview_app.storage.database import connect, open_database
from interview_app.storage.errors import DatabaseKeyError
from interview_app.storage.keyslots import unlock_with_password
from interview_app.storage.paths import database_path
from interview_app.storage.raw_copy import keyslots_copy_path
from interview_app.storage.recovery_code import normalize_recovery_code
from interview_app.storage.wal_file import read_wal
from tests.byte_scan import found_texts

from .conftest import OFFICE_CODE
from .encrypted_folder import PASSWORD, PEOPLE, EncryptedFolder, filled_folder, texts


@pytest.fixture
def folder(data_dir: Path) -> Iterator[EncryptedFolder]:
    yield from filled_folder(data_dir)


def _names_in(path: Path, page_key: bytes) -> set[str]:
    conn = connect_keyed(path, page_key, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {row[0] for row in conn.execute("SELECT full_name FROM interviews")}
    finally:
        conn.close()


def test_a_keyless_backup_opens_with_a_password_or_the_recovery_code_only(
    folder: EncryptedFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wal = database_path(folder.data_dir).with_name("interviews.sqlite3-wal")
    assert wal.stat().st_size > 0  # the newest answers are in the WAL only
    out = tmp_path / "stick" / "cadangan.sqlite3"
    code = main(["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    slots = keyslots_copy_path(out)
    assert f"backup written: {out}" in printed and f"key slots: {slots}" in printed
    assert "committed WAL frames folded in" in printed
    assert "kode pemulihan" in printed and "recovery code" in printed
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "cadangan.sqlite3",
        "cadangan.sqlite3.keyslots.json",
    ]
    assert looks_encrypted(out)
    assert found_texts([out.parent], texts()) == set()
    # No key: nothing opens.
    with pytest.raises(DatabaseKeyError):
        connect(out)
    with pytest.raises(DatabaseKeyError):
        connect_keyed(out, database_key(secrets.token_bytes(32)), read_only=True)
    # Put back as a data folder: the supervisor's password or the recovery code opens it.
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copyfile(out, database_path(restored))
    shutil.copyfile(slots, restored / "keyslots.json")
    office_key = unlock_with_password(restored, "supervisor", PASSWORD)
    names = {name for _, name, _ in PEOPLE}
    assert _names_in(database_path(restored), database_key(office_key)) == names
    from interview_app.storage.keyslots import KeySlots

    recovered = KeySlots(restored).unlock_recovery(normalize_recovery_code(folder.recovery_code))
    assert recovered == folder.office_key


def test_the_copy_holds_every_committed_transaction_as_sqlite_recovers_it(
    folder: EncryptedFolder, tmp_path: Path
) -> None:
    """The oracle: the same database file and -wal copied as a pair and opened by SQLCipher
    (which recovers the WAL itself) hold exactly what the folded copy holds."""
    source = database_path(folder.data_dir)
    pair = tmp_path / "pair"
    pair.mkdir()
    shutil.copyfile(source, pair / source.name)
    shutil.copyfile(source.with_name(source.name + "-wal"), pair / (source.name + "-wal"))
    out = tmp_path / "copy.sqlite3"
    assert main(["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)]) == 0
    assert _names_in(out, folder.page_key) == _names_in(pair / source.name, folder.page_key)


def test_frames_after_the_last_commit_or_a_torn_tail_are_left_out(
    folder: EncryptedFolder, tmp_path: Path
) -> None:
    source = database_path(folder.data_dir)
    wal = source.with_name(source.name + "-wal")
    before = read_wal(wal)
    assert before.committed_frames == before.frames > 0
    pair = tmp_path / "pair"
    pair.mkdir()
    shutil.copyfile(source, pair / source.name)
    data = bytearray(wal.read_bytes())
    frame = 24 + before.page_size
    last = 32 + (before.frames - 1) * frame
    # The last frame (a commit) gets a wrong checksum, and half a frame is added after it.
    struct.pack_into(">I", data, last + 16, struct.unpack_from(">I", data, last + 16)[0] ^ 1)
    data += data[32 : 32 + frame // 2]
    (pair / (source.name + "-wal")).write_bytes(bytes(data))
    torn = read_wal(pair / (source.name + "-wal"))
    assert torn.trailing_bytes == frame // 2
    assert torn.committed_frames < before.committed_frames
    # SQLite's own recovery and the folded copy agree on what survived.
    expected = _names_in(pair / source.name, folder.page_key)
    shutil.copyfile(source, pair / source.name)  # the recovery above checkpointed it
    (pair / (source.name + "-wal")).write_bytes(bytes(data))
    (pair / "keyslots.json").write_bytes((folder.data_dir / "keyslots.json").read_bytes())
    out = tmp_path / "copy.sqlite3"
    assert main(["db", "backup", "--data-dir", str(pair), "--out", str(out)]) == 0
    assert _names_in(out, folder.page_key) == expected
    # The last answer's commit is the torn one: its draft is there, its name is not.
    assert expected == {PEOPLE[0][1], PEOPLE[1][1], None}


def test_an_empty_wal_and_a_closed_database_copy_the_file_alone(
    folder: EncryptedFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder.database.close()  # the last connection checkpoints and removes the WAL
    folder.database = open_database(folder.data_dir, key=folder.page_key)
    folder.database.close()
    source = database_path(folder.data_dir)
    out = tmp_path / "copy.sqlite3"
    assert main(["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)]) == 0
    assert "WAL" not in capsys.readouterr().out
    assert out.read_bytes() == source.read_bytes()


def test_a_stale_wal_beside_an_overwritten_backup_is_removed(
    folder: EncryptedFolder, tmp_path: Path
) -> None:
    out = tmp_path / "copy.sqlite3"
    args = ["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)]
    assert main(args) == 0
    stale = out.with_name("copy.sqlite3-wal")
    stale.write_bytes(
        database_path(folder.data_dir).with_name("interviews.sqlite3-wal").read_bytes()
    )
    folder.add("7271040101900007", "Naomi Tandiarrang", "081244409999")
    assert main([*args, "--overwrite"]) == 0
    assert not stale.exists()
    assert "Naomi Tandiarrang" in _names_in(out, folder.page_key)


def test_refusals_leave_nothing_behind(
    folder: EncryptedFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copy.sqlite3"
    args = ["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)]
    # The app's window holds the folder: the copy waits for it to close.
    with FolderLock(folder.data_dir, "gui"):
        assert main(args) == 1
    err = capsys.readouterr().err
    assert "This data folder is in use by the command 'gui'" in err
    assert "schedule it outside opening hours" in err and "jadwalkan di luar jam layanan" in err
    assert not out.exists() and not keyslots_copy_path(out).exists()
    capsys.readouterr()
    # An existing file is not replaced without --overwrite.
    out.write_bytes(b"lama")
    assert main(args) == 1
    assert "--overwrite" in capsys.readouterr().err
    assert out.read_bytes() == b"lama" and not keyslots_copy_path(out).exists()
    out.unlink()
    # Inside the data folder: refused.
    assert main([*args[:-1], str(folder.data_dir / "copy.sqlite3")]) == 1
    assert "inside the data folder" in capsys.readouterr().err
    # Without the key slots the copy would open for nobody: refused.
    (folder.data_dir / "keyslots.json").rename(tmp_path / "aside.json")
    (folder.data_dir / "interviews.sqlite3-wal").unlink(missing_ok=True)
    folder.database.close()
    folder.database = open_database(folder.data_dir, key=folder.page_key)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "keyslots.json" in err and "opened by anyone" in err
    assert not out.exists() and not keyslots_copy_path(out).exists()
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_full_disk_leaves_no_half_backup_and_says_so(
    folder: EncryptedFolder,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "copy.sqlite3"

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(raw_copy.shutil, "copyfileobj", full)
    args = ["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Disk penuh" in err and "The disk is full" in err and "writing the backup" in err
    assert list(stick.iterdir()) == []  # neither the copy, nor its slots, nor a temporary file


def test_a_restarted_wal_with_an_older_logs_frames_behind_is_folded_as_sqlite_reads_it(
    folder: EncryptedFolder, tmp_path: Path
) -> None:
    """A running app's WAL restarts from its start after each checkpoint: new frames (new salts)
    first, the older log's frames behind them. Only the new ones count."""
    conn = folder.database.conn
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(40):
        folder.add(f"72710{i:02d}101900007", f"Pemohon Lama {i:02d}", f"08124440{i:04d}")
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    folder.add("7271990101900007", "Pemohon Baru Sesudah", "081299990000")
    source = database_path(folder.data_dir)
    log = read_wal(source.with_name(source.name + "-wal"))
    assert 0 < log.committed_frames < log.frames  # the older log's frames are still there
    pair = tmp_path / "pair"
    pair.mkdir()
    for name in (source.name, source.name + "-wal"):
        shutil.copyfile(folder.data_dir / name, pair / name)
    out = tmp_path / "copy.sqlite3"
    assert main(["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)]) == 0
    names = _names_in(out, folder.page_key)
    assert names == _names_in(pair / source.name, folder.page_key)
    assert {"Pemohon Baru Sesudah", "Pemohon Lama 39", PEOPLE[0][1]} <= names


def test_an_office_made_by_the_core_is_backed_up_keyless_and_opens_by_password_or_code(
    tmp_path: Path,
) -> None:
    """End to end with the façade: Office.create, an account, the recovery code, answers; the
    keyless copy put back as a data folder opens with Office.open and either credential."""
    from interview_app.storage.office import Office
    from interview_app.storage.unlock import PasswordCredentials, RecoveryCredentials

    data_dir = tmp_path / "kantor"
    office = Office.create(data_dir, OFFICE_CODE)
    try:
        office.settings.set("office_code", OFFICE_CODE)
        office.officers().create("spv", "Supervisor Uji", None, "supervisor", PASSWORD)
        code = office.make_recovery_code()
        record = office.interviews.create_draft(
            officer_id=1,
            questionnaire_id="tppo",
            questionnaire_version=1,
            questionnaire_hash="a" * 64,
            language="id",
        )
        nik, name, phone = PEOPLE[0]
        office.interviews.save_answer(
            record.uuid,
            "nik",
            nik,
            current_question="full_name",
            identity={"nik": nik, "full_name": name, "phone": phone},
        )
        out = tmp_path / "stick" / "cadangan.sqlite3"
        assert main(["db", "backup", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    finally:
        office.close()
    assert found_texts([out.parent], list(PEOPLE[0])) == set()
    for credentials in (PasswordCredentials("spv", PASSWORD), RecoveryCredentials(code)):
        restored = tmp_path / f"restored-{type(credentials).__name__}"
        restored.mkdir()
        shutil.copyfile(out, database_path(restored))
        shutil.copyfile(keyslots_copy_path(out), restored / "keyslots.json")
        with pytest.raises(DatabaseKeyError):
            Office.open(restored)
        with Office.open(restored, credentials=credentials) as again:
            assert again.interviews.get(record.uuid).full_name == name


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a forked child is killed")
@pytest.mark.parametrize("where", ["after the slots", "halfway through the copy", "at the rename"])
def test_a_backup_killed_midway_leaves_no_wrong_file_and_the_next_run_finishes(
    folder: EncryptedFolder, tmp_path: Path, where: str
) -> None:
    out = tmp_path / "stick" / "copy.sqlite3"
    pid = os.fork()
    if pid == 0:  # the scheduled job, killed at `where`
        try:
            if where == "after the slots":
                raw_copy._copy_database = lambda source, out: _die()  # type: ignore[assignment]
            elif where == "halfway through the copy":

                def half(reader: BinaryIO, writer: BinaryIO, length: int = 0) -> None:
                    writer.write(reader.read(8192))
                    writer.flush()
                    _die()

                raw_copy.shutil.copyfileobj = half  # type: ignore[assignment]
            else:
                raw_copy.replace_with_retry = lambda tmp, dst: _die()  # type: ignore[assignment]
            raw_copy.backup_encrypted(folder.data_dir, out)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status), status
    assert not out.exists()  # never a part of a backup under its name
    # The next night's run to the same name finishes, and clears what the killed one left.
    assert main(["db", "backup", "--data-dir", str(folder.data_dir), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "copy.sqlite3",
        "copy.sqlite3.keyslots.json",
    ]
    assert _names_in(out, folder.page_key) == {name for _, name, _ in PEOPLE}
