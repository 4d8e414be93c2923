"""A backup of an encrypted data folder without its key (a scheduled `db backup` that signs in
as nobody): the database's encrypted pages copied as they are.

SQLite's backup API reads pages through the connection, which needs the key; a file copy does
not. Under the data folder's writer lock nobody writes, so the database file and its -wal hold
still. The committed frames of the -wal (storage.wal_file) are folded into the copy the way
SQLite's checkpoint does it, page image by page image, so the backup is one file, whole, with
every committed transaction, and no -wal has to travel beside it (a -wal paired with the wrong
file would be replayed onto it). A checkpoint run meanwhile by a reader closing its connection
writes the same page images that are folded in, so the copy is the same either way.

The copy opens only with the office key, which only a key slot (a password) or the recovery
code gives: `keyslots.json` is copied beside it as `<backup>.keyslots.json`. The lockout file
is not copied (a fresh count is right for a restored folder).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.app_lock import FolderInUse, writer_lock
from interview_app.storage.cipher import looks_encrypted
from interview_app.storage.keyslots import KeySlots, keyslots_path
from interview_app.storage.paths import database_path, unsafe_output_reason
from interview_app.storage.wal_file import WalLog, WalShapeError, read_wal
from interview_app.storage.writefiles import (
    disk_full_while,
    fsync_directory,
    known_os_errors,
    replace_with_retry,
    temporary_name,
    write_file_atomically,
)
from interview_app.text import Message

KEYSLOTS_COPY_SUFFIX = ".keyslots.json"
_CHUNK = 1024 * 1024


def keyslots_copy_path(out: Path) -> Path:
    """Where the key slots travel with a keyless backup: `<backup file>.keyslots.json`."""
    out = Path(out)
    return out.with_name(out.name + KEYSLOTS_COPY_SUFFIX)


@dataclass(frozen=True)
class RawBackup:
    """What a keyless backup wrote: the database copy and the key slots beside it; how many
    committed -wal frames were folded in; a note when the -wal was not a log SQLite reads."""

    database: Path
    keyslots: Path
    size: int
    wal_frames: int = 0
    note: Message | None = None


def backup_encrypted(data_dir: Path, out: Path, *, overwrite: bool = False) -> RawBackup:
    """Copy the encrypted database of `data_dir` (its committed -wal frames folded in) to
    `out` and its key slots to `out`.keyslots.json, under the folder's writer lock, each file
    whole or absent (temporary name, fsync, rename). Refused when the folder's database is
    not encrypted (the ordinary backup, signed in, copies that), when the key slots are
    missing or unreadable (the copy would open for nobody), and for a target inside the data
    folder, a target that is not a regular file, or an existing one unless `overwrite`."""
    data_dir, out = Path(data_dir), Path(out)
    slots_out = keyslots_copy_path(out)
    # Slots without their backup (a run killed between the two files) belong to nobody: they
    # are replaced by the next run to that name, as the backup would be.
    for target, replace in ((out, overwrite), (slots_out, overwrite or not out.exists())):
        reason = unsafe_output_reason(data_dir, target, overwrite=replace)
        if reason is not None:
            raise KnownError(
                f"Cadangan tidak ditulis ke {target}: {reason.id}. Tidak ada yang diubah.",
                f"The backup was not written to {target}: {reason.en}. Nothing was changed.",
            )
    source = database_path(data_dir)
    with _folder_held(data_dir):
        if not looks_encrypted(source):
            raise KnownError(
                f"{source} bukan basis data terenkripsi yang utuh; cadangan tanpa masuk tidak "
                "dibuat. Masuk (--as) untuk cadangan biasa, atau jalankan 'db check'.",
                f"{source} is not a whole encrypted database; no backup was made without "
                "signing in. Sign in (--as) for an ordinary backup, or run 'db check'.",
            )
        slots = _key_slots(data_dir)
        _remove_leftovers(out)
        with (
            disk_full_while("menulis cadangan", "writing the backup", out.parent, data_dir),
            known_os_errors(out),
        ):
            out.parent.mkdir(parents=True, exist_ok=True)
            had_slots = slots_out.exists()
            write_file_atomically(slots_out, slots, mode=0o600)
            try:
                size, wal_frames, note = _copy_database(source, out)
            except BaseException:
                if not had_slots:
                    slots_out.unlink(missing_ok=True)
                raise
    return RawBackup(out, slots_out, size, wal_frames, note)


@contextmanager
def _folder_held(data_dir: Path) -> Iterator[None]:
    """The writer lock, so that nothing changes the files while they are copied. Refused while
    the app or a writing command holds the folder (nothing inside raises FolderInUse); the
    message says when a keyless backup can run."""
    try:
        with writer_lock(data_dir, "db backup"):
            yield
    except FolderInUse as exc:
        raise FolderInUse(
            exc.message.id
            + " Cadangan tanpa masuk hanya dibuat saat folder tidak dipakai (jadwalkan di luar "
            "jam layanan); cadangan dengan masuk (--as) dapat dibuat saat aplikasi terbuka.",
            exc.message.en
            + " A backup without signing in is made only while nothing uses the folder "
            "(schedule it outside opening hours); a signed-in backup (--as) can be made while "
            "the app is open.",
        ) from None


def _remove_leftovers(out: Path) -> None:
    """The temporary files a killed run to the same name left beside the target (encrypted
    pages or key slots, nothing in clear, but nobody's)."""
    for name in (out.name, keyslots_copy_path(out).name):
        for leftover in out.parent.glob(f".{glob.escape(name)}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _key_slots(data_dir: Path) -> bytes:
    """The key slots file's bytes, checked to be readable slots (KeySlotError if not)."""
    path = keyslots_path(data_dir)
    if not KeySlots(data_dir).exists:
        raise KnownError(
            f"Berkas slot kunci {path} tidak ada: salinan basis data tidak akan dapat dibuka "
            "siapa pun. Cadangan tidak dibuat.",
            f"The key slots file {path} is missing: a copy of the database could not be "
            "opened by anyone. No backup was made.",
        )
    with known_os_errors(path):
        return path.read_bytes()


def _wal_of(source: Path) -> tuple[Path, WalLog | None, Message | None]:
    wal = source.with_name(source.name + "-wal")
    try:
        if wal.stat().st_size == 0:
            return wal, None, None
        return wal, read_wal(wal), None
    except FileNotFoundError:
        return wal, None, None
    except WalShapeError as exc:
        # SQLite itself ignores a log whose header it cannot read: so does the copy.
        return (
            wal,
            None,
            Message(
                f"{wal.name} bukan log WAL yang sah ({exc}) dan diabaikan, seperti SQLite "
                "mengabaikannya.",
                f"{wal.name} is not a valid WAL ({exc}) and was left out, as SQLite leaves it out.",
            ),
        )


def _copy_database(source: Path, out: Path) -> tuple[int, int, Message | None]:
    wal, log, note = _wal_of(source)
    tmp = temporary_name(out)
    try:
        with open(source, "rb") as reader, open(tmp, "xb") as writer:
            if os.name != "nt":
                os.chmod(tmp, 0o600)
            shutil.copyfileobj(reader, writer, _CHUNK)
            if log is not None and log.database_pages:
                with open(wal, "rb") as wal_file:
                    for page, offset in sorted(log.pages.items()):
                        wal_file.seek(offset)
                        writer.seek((page - 1) * log.page_size)
                        writer.write(wal_file.read(log.page_size))
                writer.truncate(log.database_pages * log.page_size)
            writer.flush()
            os.fsync(writer.fileno())
        # A -wal or -shm left beside an earlier file of this name would be replayed onto
        # the new one when it is opened.
        for suffix in ("-wal", "-shm"):
            out.with_name(out.name + suffix).unlink(missing_ok=True)
        replace_with_retry(tmp, out)
        fsync_directory(out.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    frames = log.committed_frames if log is not None else 0
    return out.stat().st_size, frames, note
