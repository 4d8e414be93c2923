"""A full disk under each writer: the data folder or the stick on a small tmpfs filled to the
last byte (when this machine lets the test mount one; root on Linux), and ENOSPC injected into
the writes everywhere. Each is refused with exit 1 and a message that says the disk is full
and what was being done (not "the last answer was not saved", not "read/write error", not
damage); the database is unchanged, `db check` clean once there is room, and the operation
works then: nothing lost."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.storage.maintenance import check
from interview_app.storage.paths import database_path
from tests import keyring
from tests.attacks.conftest import Office, Run, record, run_cli
from tests.sync.factory import content_digest

pytestmark = pytest.mark.attack

FULL = ("Disk penuh", "The disk is full")
NO_ROOM = ("Ruang kosong di", "tidak cukup", "Not enough free space")
WRONG = (
    "jawaban terakhir belum tersimpan",
    "the last answer was not saved",
    "kesalahan baca/tulis",
    "read/write error",
    "HASIL: ADA MASALAH",
    "RESULT: PROBLEMS FOUND",
    "rusak. Tutup",
)


def full_refusal(result: Run, doing_id: str, doing_en: str) -> bool:
    return result.refused(*FULL, doing_id, doing_en) and not any(
        wrong in result.err + result.out for wrong in WRONG
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 6 MiB tmpfs, or a skip where mounting is not allowed (not root, a container)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux; the injected ENOSPC test covers this")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder: Path) -> Path:
    """Fill the disk under `folder` to the last byte; returns the filler to remove later."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            block = b"\0" * size
            try:
                while True:
                    os.write(fd, block)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def test_full_disk_on_a_small_tmpfs(office: Office, small_disk: Path, tmp_path: Path) -> None:
    tried = refused = lost = 0

    def attempt(ok: bool) -> None:
        nonlocal tried, refused
        tried += 1
        refused += ok

    before = office.digest()
    interviews = office.interviews()
    # 1. The stick is full: db backup, export.
    stick = small_disk / "stick"
    stick.mkdir()
    filler = fill(small_disk)
    result = run_cli("db", "backup", "--data-dir", office.receiver, "--out", stick / "b.sqlite3")
    attempt(full_refusal(result, "menulis cadangan", "writing the backup"))
    assert list(stick.iterdir()) == []
    # The reserved export number is given back: every row as before, but for the audit chain,
    # which records the reservation and its release (and must stay sound).
    source_digest = content_digest(office.source, exclude=("audit_log",))
    result = run_cli("export", "--data-dir", office.source, "--out", stick, "--full")
    attempt(
        (result.refused(*FULL) or result.refused(*NO_ROOM))
        and not any(w in result.err for w in WRONG)
    )
    assert list(stick.iterdir()) == []  # no half package, not even a temporary one
    assert content_digest(office.source, exclude=("audit_log",)) == source_digest
    assert check(office.source, key=office.page_key, office_key=keyring.key_of(office.source)).ok
    filler.unlink()
    # 2. The data folder is full: import, export, restore, db check.
    data = small_disk / "data"
    shutil.copytree(office.receiver, data)
    keyring.copied(office.receiver, data)
    moved = Office(data, office.package, office.other_package, office.source, office.key)
    stick = tmp_path / "stick"
    stick.mkdir()
    snapshot_file = sorted((data / "snapshots").glob("*.sqlite3"))[0]
    filler = fill(small_disk)
    result = run_cli("import", "--data-dir", data, office.package)
    attempt(full_refusal(result, "saat", "while"))
    result = run_cli("export", "--data-dir", data, "--out", stick, "--full")
    attempt(full_refusal(result, "saat", "while"))
    assert list(stick.iterdir()) == []
    result = run_cli("db", "restore", "--data-dir", data, "--snapshot", snapshot_file)
    attempt(full_refusal(result, "saat", "while"))
    result = run_cli("db", "check", "--data-dir", data)
    attempt(full_refusal(result, "bukan tanda basis data rusak", "no sign of damage"))
    assert database_path(data).exists()
    filler.unlink()
    # Room again: nothing changed, the check is clean, and the import works.
    assert moved.digest() == before
    moved.check_clean()
    result = run_cli("import", "--data-dir", data, office.package)
    assert result.code == 0, result.err
    lost += any(row not in moved.interviews() for row in interviews)
    assert refused == tried
    record("Full disk on a small tmpfs (stick and data folder)", tried, refused, lost)


def test_full_disk_injected(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC from every fsync and every package write, wherever the test runs."""
    before = office.digest()
    tried = refused = 0

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    stick = tmp_path / "stick"
    stick.mkdir()
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", no_space)
    for argv, doing in (
        (("db", "backup", "--data-dir", office.receiver, "--out", stick / "b.sqlite3"), None),
        (("export", "--data-dir", office.source, "--out", stick, "--full"), None),
        (("import", "--data-dir", office.receiver, office.package), "importing the package"),
    ):
        result = run_cli(*argv)
        tried += 1
        ok = result.refused(*FULL) and not any(w in result.err for w in WRONG)
        if doing is not None:
            ok = ok and doing in result.err
        refused += ok
        assert ok, (argv, result.err)
        assert list(stick.iterdir()) == []
    monkeypatch.setattr(os, "fsync", fsync)  # the sign-in's variables stay set
    assert office.digest() == before
    office.check_clean()
    assert run_cli("import", "--data-dir", office.receiver, office.package).code == 0
    record("Full disk, injected ENOSPC (fsync fails)", tried, refused, 0)
