"""The data folder against its own commands: db backup aimed at what it must not overwrite,
db restore handed what it must not restore, two writers at once, leftovers of a killed copy,
export numbers under a kill and under two exports at once, permissions, and the stick's
free-space check."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from interview_app.storage import folder_access
from interview_app.storage.app_lock import FolderLock, read_holder
from interview_app.storage.keyslots import keyslots_path
from interview_app.storage.maintenance import list_snapshots
from interview_app.storage.paths import database_path
from interview_app.sync import export as export_module
from interview_app.sync.container import read_header
from interview_app.sync.export import export_package
from interview_app.sync.keyfile import key_fingerprint
from tests import keyed_connection, keyring
from tests.attacks.conftest import SUPERVISOR_PASSWORD, Office, record, run_cli
from tests.sync.factory import make_station

pytestmark = pytest.mark.attack

ROOT = Path(__file__).resolve().parents[2]


# -- db backup ---------------------------------------------------------------------------------


def test_backup_never_overwrites_what_it_must_not(office: Office, tmp_path: Path) -> None:
    slots = keyslots_path(office.receiver)  # the wrapped office key: what must never be lost
    key_before = slots.read_bytes()
    existing = tmp_path / "cadangan-lama.sqlite3"
    existing.write_bytes(b"the backup of last week")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "a-pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link-to-key"
    link.symlink_to(slots)
    elsewhere = tmp_path / "notes.txt"
    elsewhere.write_text("catatan", encoding="utf-8")
    other_link = tmp_path / "link-to-notes"
    other_link.symlink_to(elsewhere)
    targets = {
        "keyslots.json": (slots, "di dalam folder data", "inside the data"),
        "inside": (office.receiver / "backups" / "b.sqlite3", "di dalam folder data", "inside"),
        "database": (database_path(office.receiver), "di dalam folder data", "inside"),
        "existing": (existing, "sudah ada", "--overwrite"),
        "folder": (folder, "bukan berkas biasa", "not a regular file"),
        "fifo": (fifo, "bukan berkas biasa", "not a regular file"),
        "symlink to keyslots.json": (link, "di dalam folder data", "inside the data"),
        "symlink": (other_link, "bukan berkas biasa", "not a regular file"),
    }
    before = office.digest()
    tried = refused = 0
    for name, (target, needle_id, needle_en) in targets.items():
        result = run_cli("db", "backup", "--data-dir", office.receiver, "--out", target)
        tried += 1
        ok = result.refused("Cadangan tidak ditulis", needle_id, "was not written", needle_en)
        assert ok, (name, result.code, result.err)
        refused += ok
    assert slots.read_bytes() == key_before
    assert existing.read_bytes() == b"the backup of last week"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir() and link.is_symlink()
    assert elsewhere.read_text(encoding="utf-8") == "catatan" and other_link.is_symlink()
    assert office.digest() == before
    office.check_clean()
    # Asked for plainly, the existing backup is replaced by a sound one.
    result = run_cli(
        "db", "backup", "--data-dir", office.receiver, "--out", existing, "--overwrite"
    )
    assert result.code == 0, result.err
    assert run_cli("db", "check", "--data-dir", office.receiver, "--file", existing).code == 0
    assert slots.read_bytes() == key_before
    office.check_clean()
    record("db backup onto what it must not overwrite", tried, refused, 0)


def test_the_key_file_export_never_overwrites_what_it_must_not(
    office: Office, tmp_path: Path
) -> None:
    """The office key file's export is held to the backup's rules: never over the key slots."""
    slots = keyslots_path(office.receiver)
    key_before = slots.read_bytes()
    existing = tmp_path / "cadangan-lama.sqlite3"
    existing.write_bytes(b"the backup of last week")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    elsewhere = tmp_path / "notes.txt"
    elsewhere.write_text("catatan", encoding="utf-8")
    other_link = tmp_path / "link-to-notes"
    other_link.symlink_to(elsewhere)
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("frasa sandi kunci kantor uji", encoding="utf-8")
    monkey = pytest.MonkeyPatch()
    monkey.setenv("INTERVIEW_APP_KEY_PASSPHRASE", "frasa sandi kunci kantor uji")
    tried = refused = 0
    try:
        for name, target in (
            ("keyslots.json", slots),
            ("existing", existing),
            ("folder", folder),
            ("symlink", other_link),
        ):
            result = run_cli("sync-key", "export", "--data-dir", office.receiver, "--out", target)
            tried += 1
            ok = result.refused("Berkas kunci tidak ditulis", "The key file was not written")
            assert ok, (name, result.err)
            refused += ok
    finally:
        monkey.undo()
    assert slots.read_bytes() == key_before
    assert existing.read_bytes() == b"the backup of last week"
    assert elsewhere.read_text(encoding="utf-8") == "catatan"
    office.check_clean()
    record("sync-key export onto what it must not overwrite", tried, refused, 0)


# -- db restore --------------------------------------------------------------------------------


def _copy_with(data_dir: Path, source: Path, out: Path, *statements: str) -> Path:
    """A copy of `source` edited by an insider who holds the office key of `data_dir`."""
    shutil.copy2(source, out)
    conn = keyed_connection.connect(data_dir, out)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return out


def test_restore_refuses_what_is_not_this_workstations_sound_past(
    office: Office, tmp_path: Path
) -> None:
    (good,) = list_snapshots(office.receiver)
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.sqlite3"  # encrypted with the office's own key, but no schema
    blank.write_bytes(b"")
    blank_db = keyed_connection.connect(office.receiver, blank)
    blank_db.execute("CREATE TABLE t (x)")
    blank_db.commit()
    blank_db.close()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(64 * 1024))
    other_office = make_station(tmp_path / "mks", "Loket 1", office="MKS")
    other_office.database.close()
    foreign = tmp_path / "foreign.sqlite3"
    shutil.copy2(database_path(other_office.data_dir), foreign)
    other_station = tmp_path / "other-station.sqlite3"
    shutil.copy2(database_path(office.source), other_station)
    broken_chain = _copy_with(
        office.receiver,
        good,
        tmp_path / "broken-chain.sqlite3",
        "DROP TRIGGER IF EXISTS audit_log_no_update",
        "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2",
    )
    newer = _copy_with(
        office.receiver, good, tmp_path / "newer.sqlite3", "PRAGMA user_version = 999"
    )
    candidates = {
        "empty file": (empty, "kosong atau bukan", "empty or not"),
        "no schema": (blank, "kosong atau bukan", "empty or not"),
        # Random bytes read with the page key fail its first page's check, as another office's
        # key would: the file cannot be opened (an encrypted file tells no damage from a key).
        "garbage": (garbage, "tidak dapat dibuka", "cannot be opened"),
        # Another office's database is encrypted under its own key: this office's cannot open it.
        "another office": (foreign, "tidak dapat dibuka", "cannot be opened"),
        "another workstation": (other_station, "komputer (loket) lain", "another workstation"),
        "broken audit chain": (broken_chain, "log auditnya tidak utuh", "audit log is not intact"),
        "newer schema": (newer, "lebih baru", "newer version"),
        "missing": (tmp_path / "nothing-here.sqlite3", "tidak ada", "does not exist"),
    }
    before = office.digest()
    tried = refused = 0
    for name, (path, needle_id, needle_en) in candidates.items():
        result = run_cli("db", "restore", "--data-dir", office.receiver, "--snapshot", path)
        tried += 1
        ok = result.refused(needle_id, needle_en)
        assert ok, (name, result.code, result.err)
        refused += ok
        assert office.digest() == before, name
    assert not (office.receiver / "backups").exists()  # nothing was even moved aside
    office.check_clean()
    result = run_cli("db", "restore", "--data-dir", office.receiver, "--snapshot", good)
    assert result.code == 0, result.err  # the control: its own sound snapshot goes back
    office.check_clean()
    record("db restore of what it must not restore", tried, refused, 0)


# -- two writers -------------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from pathlib import Path
from interview_app.storage.app_lock import FolderLock
lock = FolderLock(Path(sys.argv[1]), "import")
lock.acquire()
print("locked", flush=True)
time.sleep(60)
"""

HOLD_QT_LOCK = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + "/app.lock")
assert lock.tryLock(1000)
print("locked", flush=True)
time.sleep(60)
"""


def _hold(script: str, data_dir: Path) -> subprocess.Popen[bytes]:
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)],
        stdout=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
    return holder


def _clear_key_file(out: Path, office: Office) -> Path:
    """A key file of the release before (version 1, the key in clear), which setup still
    reads: what `setup` is given here never gets past the folder's lock anyway."""
    content = {
        "format": "asisten-wawancara-office-key",
        "version": 1,
        "office_code": "PLU",
        "office_name": "Kantor Imigrasi Palu",
        "key": office.key.hex(),
        "fingerprint": key_fingerprint(office.key),
        "created": "2026-11-28T01:00:00+00:00",
    }
    out.write_text(json.dumps(content), encoding="utf-8")
    return out


def test_a_second_writer_is_refused_naming_the_first(office: Office, tmp_path: Path) -> None:
    password = tmp_path / "password"
    password.write_text(SUPERVISOR_PASSWORD, encoding="utf-8")
    key_file = _clear_key_file(tmp_path / "office.awkey", office)
    stick = tmp_path / "stick"
    stick.mkdir()
    (snapshot_file,) = list_snapshots(office.receiver)
    data = str(office.receiver)
    writers = {
        "import": ("import", "--data-dir", data, office.package),
        "export": ("export", "--data-dir", data, "--out", stick),
        "db restore": ("db", "restore", "--data-dir", data, "--snapshot", snapshot_file),
        "retention purge": (
            "retention", "purge", "--yes", "--data-dir", data, "--as", "kasi",
            "--password-file", password,
        ),
        "demo-data": ("demo-data", "--data-dir", data, "--count", "3"),
        "setup": (
            "setup", "--data-dir", data, "--station", "X", "--sync-key-file", key_file,
        ),
    }  # fmt: skip
    before = office.digest()
    tried = refused = 0
    holder = _hold(HOLD_LOCK, office.receiver)
    try:
        for name, argv in writers.items():
            result = run_cli(*argv)
            tried += 1
            ok = result.refused(
                "sedang dipakai oleh perintah 'import'",
                f"proses {holder.pid}, sejak ",
                "in use by the command 'import'",
                f"process {holder.pid}, since ",
                "Tidak ada yang diubah",
            )
            assert ok, (name, result.code, result.err)
            refused += ok
    finally:
        holder.kill()
        holder.communicate(timeout=10)
    holder = _hold(HOLD_QT_LOCK, office.receiver)  # the app's window holds the folder
    try:
        for name in ("import", "db restore"):
            result = run_cli(*writers[name])
            tried += 1
            ok = result.refused(
                "aplikasi Asisten Wawancara", "the Asisten Wawancara app", f"({holder.pid}"[1:]
            )
            assert ok, (name, result.err)
            refused += ok
    finally:
        holder.kill()
        holder.communicate(timeout=10)
    assert office.digest() == before
    # Both holders were killed: their lock files hold nothing, the import goes ahead.
    assert run_cli(*writers["import"]).code == 0
    office.check_clean()
    record("Two writers in one data folder", tried, refused, 0)


TRY_QT_LOCK = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + "/app.lock")
lock.setStaleLockTime(0)
print("taken" if lock.tryLock(300) else "refused", flush=True)
"""


def test_the_window_cannot_open_a_folder_a_command_holds(office: Office) -> None:
    """The other direction: while a command holds the folder, the window's QLockFile (as
    ui/app.py takes it) fails, even though the file is not Qt's own; once it is let go, Qt
    takes it."""

    def window_tries() -> str:
        done = subprocess.run(
            [sys.executable, "-c", TRY_QT_LOCK, str(office.receiver)],
            capture_output=True,
            check=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        return done.stdout.decode().strip()

    lock = FolderLock(office.receiver, "import")
    lock.acquire()
    try:
        assert window_tries() == "refused"
        holder = read_holder(office.receiver / "app.lock")
        assert holder.command == "import" and holder.pid == os.getpid()
    finally:
        lock.release()
    assert window_tries() == "taken"


# -- leftovers of a killed copy ----------------------------------------------------------------


def test_a_killed_snapshots_hidden_copy_is_cleared(office: Office) -> None:
    """A kill during the pre-import snapshot leaves `.pre-import-...tmp` (every applicant's NIK
    in it), listed nowhere: the next snapshot (and the next restore) clears it."""
    folder = office.receiver / "snapshots"
    leftover = folder / ".pre-import-20261203T010203000000Z.sqlite3.0123456789ab.tmp"
    shutil.copy2(database_path(office.receiver), leftover)
    journal = leftover.with_name(leftover.name + "-journal")
    journal.write_bytes(b"half a journal")
    assert run_cli("db", "snapshots", "--data-dir", office.receiver).out.count("\n") == 1
    result = run_cli("import", "--data-dir", office.receiver, office.package)
    assert result.code == 0, result.err
    assert not leftover.exists() and not journal.exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


# -- export numbers ----------------------------------------------------------------------------


def _sequences(stick: Path) -> list[int]:
    found = []
    for package in sorted(stick.glob("*.awsync")):
        with open(package, "rb") as handle:
            found.append(read_header(handle).sequence)
    return found


def test_export_numbers_survive_a_kill_between_rename_and_record(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process dies after the rename, before the record

    monkeypatch.setattr(export_module, "record_export", killed)
    database = keyring.open_office(office.source).database
    try:
        with pytest.raises(KeyboardInterrupt):
            export_package(database, office.source, stick, full=True)
        monkeypatch.undo()
        export_package(database, office.source, stick, full=True)
    finally:
        database.close()
    numbers = _sequences(stick)
    assert len(numbers) == 2 and len(set(numbers)) == 2, numbers


def test_two_exports_at_once_get_different_numbers(office: Office, tmp_path: Path) -> None:
    sticks = [tmp_path / "stick-1", tmp_path / "stick-2"]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def export(stick: Path) -> None:
        stick.mkdir()
        database = keyring.open_office(office.source).database
        try:
            barrier.wait()
            export_package(database, office.source, stick, full=True)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=export, args=(stick,)) for stick in sticks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    numbers = _sequences(sticks[0]) + _sequences(sticks[1])
    assert len(numbers) == 2 and len(set(numbers)) == 2, numbers


# -- the stick's free space --------------------------------------------------------------------


def test_export_needs_room_for_the_package_not_its_uncompressed_body(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    result = run_cli("export", "--data-dir", office.source, "--out", first, "--full")
    assert result.code == 0, result.err
    (package,) = first.glob("*.awsync")
    size = package.stat().st_size
    real = shutil.disk_usage

    def little_room(path: object) -> object:
        usage = real(path)  # type: ignore[arg-type]
        return type(usage)(usage.total, usage.total - 4 * size, 4 * size)

    monkeypatch.setattr(export_module.shutil, "disk_usage", little_room)
    second = tmp_path / "second"
    second.mkdir()
    result = run_cli("export", "--data-dir", office.source, "--out", second, "--full")
    assert result.code == 0, result.err  # four times the package's size is room enough


# -- permissions -------------------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_data_folder_is_private(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    assert run_cli("demo-data", "--data-dir", data, "--count", "2").code == 0
    database = keyring.open_office(data).database  # -wal and -shm exist while it is open
    try:
        from interview_app.storage.maintenance import snapshot

        snapshot(database, "daily")
        files = [p for p in data.rglob("*") if p.is_file()]
        folders = [data, *(p for p in data.rglob("*") if p.is_dir())]
        assert any(p.name.endswith("-wal") for p in files)
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
        for path in folders:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    finally:
        database.close()
    # A folder an older version left readable to all is closed at the next start.
    os.chmod(data, 0o755)
    os.chmod(database_path(data), 0o644)
    keyring.open_office(data).close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(database_path(data).stat().st_mode) == 0o600


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_shared_folder_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    folder_access.restrict_to_owner(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
