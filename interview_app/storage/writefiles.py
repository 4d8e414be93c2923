"""Writing files that must be whole: temporary name, fsync, rename, with Windows retries; and
reading back the small JSON files written so."""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from interview_app.storage.errors import DiskFull, ReadOnlyStorage, StorageIOError

T = TypeVar("T")

# Windows: WinError 5 (access denied) and 32 (in use) while antivirus or a backup tool holds a file.
_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)
_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def retry_on_permission_error(action: Callable[[], T]) -> T:
    """Run `action`, retrying with a short backoff while the OS says the file is in use."""
    for delay in _RETRY_DELAYS:
        try:
            return action()
        except PermissionError:
            time.sleep(delay)
    return action()


def replace_with_retry(src: Path, dst: Path) -> None:
    retry_on_permission_error(lambda: os.replace(src, dst))


def fsync_directory(folder: Path) -> None:
    """Make a rename inside `folder` durable (POSIX only; Windows has no directory handles)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temporary_name(path: Path) -> Path:
    """A name next to `path` that no reader takes for the finished file."""
    # 48 random bits, as uuid4().hex[:12] gave, without importing uuid (and platform) at start.
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")


def raise_known_os_error(exc: OSError, path: Path) -> None:
    """Turn a full or read-only disk into a KnownError; other OSErrors stay as they are."""
    if exc.errno in _DISK_FULL_ERRNOS:
        raise DiskFull(
            f"Disk penuh saat menulis {path}. Kosongkan ruang disk lalu coba lagi; "
            "data yang sudah tersimpan tidak berubah.",
            f"The disk is full while writing {path}. Free some disk space and try again; "
            "the data already saved is unchanged.",
        ) from exc
    if exc.errno in (errno.EROFS, errno.EACCES) or isinstance(exc, PermissionError):
        raise ReadOnlyStorage(
            f"Tidak dapat menulis ke {path}: lokasi hanya-baca atau akses ditolak.",
            f"Cannot write to {path}: the location is read-only or access is denied.",
        ) from exc


@contextmanager
def known_os_errors(path: Path) -> Iterator[None]:
    """Within the block, a full or read-only disk becomes a KnownError naming `path`."""
    try:
        yield
    except OSError as exc:
        raise_known_os_error(exc, path)
        raise


def write_file_atomically(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` so that `path` holds either the old content or all of `data`.

    Temporary name in the same folder, flush, fsync, close, os.replace (retried while Windows
    reports the file in use), then fsync the folder on POSIX. On failure the temporary file is
    removed and a full or read-only disk is reported as a KnownError. `mode` (e.g. 0o600)
    is applied to the temporary file before any data is written (POSIX permissions).
    """
    path = Path(path)
    tmp = temporary_name(path)
    try:
        with known_os_errors(path):
            with open(tmp, "xb") as handle:
                if mode is not None and os.name != "nt":
                    os.chmod(tmp, mode)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            replace_with_retry(tmp, path)
            fsync_directory(path.parent)
    except BaseException:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise


# A disk with less than this free is taken for full when an operation fails with an I/O error
# (SQLite reports some writes on a full disk as "disk I/O error", not "disk full").
NEARLY_FULL_BYTES = 4 * 1024 * 1024


def nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


@contextmanager
def disk_full_while(doing_id: str, doing_en: str, *folders: Path) -> Iterator[None]:
    """Within the block, a full disk (or an I/O error on a disk that is nearly full) is
    reported as what it is, with what was being done and where, instead of a message written
    for another situation (such as "the last answer was not saved")."""
    try:
        yield
    except (DiskFull, StorageIOError) as exc:
        full = [folder for folder in folders if nearly_full(folder)]
        if isinstance(exc, StorageIOError) and not full:
            raise
        where = full[0] if full else folders[0] if folders else None
        place_id = f" di {where}" if where is not None else ""
        place_en = f" on {where}" if where is not None else ""
        raise DiskFull(
            f"Disk penuh{place_id} saat {doing_id}. Kosongkan ruang disk lalu coba lagi; "
            "data yang sudah tersimpan tidak berubah.",
            f"The disk is full{place_en} while {doing_en}. Free some disk space and try "
            "again; the data already saved is unchanged.",
        ) from exc


JSON_FILE_ERRORS = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    UnicodeDecodeError,
    RecursionError,
)


def read_json_file(
    path: Path,
    *,
    max_bytes: int,
    format_version: int,
    unreadable: Callable[[Path, str], Exception],
) -> dict[str, Any] | None:
    """A small JSON object of ours (a key file, the key slots) with its "format" checked; None
    when there is no such file. Too large, unreadable or invalid: `unreadable(path, detail)`
    is raised. Callers check their fields inside `except JSON_FILE_ERRORS`."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise unreadable(path, exc.strerror or type(exc).__name__) from exc
    if len(raw) > max_bytes:
        raise unreadable(path, "berkas terlalu besar / the file is too large")
    try:
        content = json.loads(raw.decode("utf-8"))
        if not isinstance(content, dict) or content.get("format") != format_version:
            raise ValueError("unknown format")
    except JSON_FILE_ERRORS:
        raise unreadable(path, "isi tidak sah / invalid content") from None
    return content
