"""The data folder's single-writer lock: the app's window (Qt's QLockFile) and every command
that writes (import, export, retention purge, restore, demo-data) take the same `app.lock`, so
that a second writer is refused with a message naming the holder. Plain Python, no Qt.

The file follows QLockFile's layout (process id, process name, host name on the first lines)
and our own details (command, start time) on a later line as JSON, which Qt ignores. The lock
itself is the operating system's: on POSIX an exclusive flock() on the open file (QLockFile
takes the same on its file), on Windows the open file that cannot be deleted. A lock left by a
killed process holds nothing and is taken over."""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.chain_head import sweep_leftovers
from interview_app.storage.writefiles import known_os_errors

LOCK_FILE = "app.lock"  # the same name the window's QLockFile uses (interview_app.ui.app)
APP_NAME = ("aplikasi Asisten Wawancara", "the Asisten Wawancara app")
_DETAILS_MARK = "asisten-wawancara-lock "


class FolderInUse(KnownError):
    """Another program (the app or a command) is writing in this data folder."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds the data folder: `command` None means the app's window."""

    pid: int | None
    command: str | None
    since: datetime | None

    def error(self) -> FolderInUse:
        if self.command is None:
            what_id, what_en = APP_NAME
        else:
            what_id, what_en = f"perintah '{self.command}'", f"the command '{self.command}'"
        pid = f"proses {self.pid}" if self.pid else "proses tidak dikenal"
        pid_en = f"process {self.pid}" if self.pid else "unknown process"
        since = self.since.astimezone().strftime("%Y-%m-%d %H:%M:%S") if self.since else "?"
        return FolderInUse(
            f"Folder data ini sedang dipakai oleh {what_id} ({pid}, sejak {since}). Tunggu "
            "sampai selesai atau tutup aplikasinya, lalu coba lagi. Tidak ada yang diubah.",
            f"This data folder is in use by {what_en} ({pid_en}, since {since}). Wait until "
            "it finishes or close the app, then try again. Nothing was changed.",
        )


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILE


def _process_name() -> str:
    """What Qt's processNameByPid gives for this process (Linux: the executable's name)."""
    try:
        return Path(os.readlink("/proc/self/exe")).name
    except OSError:
        return Path(sys.executable).stem


def _contents(command: str, now: datetime) -> bytes:
    details = json.dumps({"command": command, "pid": os.getpid(), "since": now.isoformat()})
    # pid, name, host (QLockFile's lines), empty machine and boot ids, then our details.
    text = f"{os.getpid()}\n{_process_name()}\n{socket.gethostname()}\n\n\n"
    return (text + _DETAILS_MARK + details + "\n").encode("utf-8")


def read_holder(path: Path) -> LockHolder:
    """What the lock file says about its holder (best effort: a half-written file says less)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return LockHolder(None, None, None)
    lines = text.splitlines()
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else None
    for line in lines[1:]:
        if line.startswith(_DETAILS_MARK):
            try:
                details = json.loads(line[len(_DETAILS_MARK) :])
                return LockHolder(
                    pid, str(details["command"]), datetime.fromisoformat(details["since"])
                )
            except (ValueError, KeyError, TypeError):
                break
    return LockHolder(pid, None, mtime)


class FolderLock:
    """The data folder's writer lock, held from `acquire()` until `release()`."""

    def __init__(self, data_dir: Path, command: str) -> None:
        self.path = lock_path(data_dir)
        self.command = command
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise FolderInUse naming the holder."""
        if self._fd is not None:
            return
        for _ in range(5):  # another process may be taking over a stale file at this moment
            with known_os_errors(self.path):  # a read-only folder: a message, not a traceback
                fd = _try_lock_windows(self.path) if os.name == "nt" else _try_lock_posix(self.path)
            if fd is None:
                continue
            if fd < 0:
                raise read_holder(self.path).error()
            try:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, _contents(self.command, datetime.now(UTC)))
            except OSError:
                pass  # the lock is held all the same; only the holder's details are missing
            self._fd = fd
            return
        raise read_holder(self.path).error()

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if os.name != "nt":
                self.path.unlink(missing_ok=True)  # still under flock: nobody took it meanwhile
        except OSError:
            pass
        finally:
            os.close(fd)
        if os.name == "nt":
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass  # another process opened it just now; it takes over a dead file

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock_posix(path: Path) -> int | None:
    """An fd holding the lock; -1 when another process holds it; None to try again."""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return -1
    try:
        same = os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        same = False  # the holder removed it as it let go: take a fresh file
    if not same:
        os.close(fd)
        return None
    return fd


def _try_lock_windows(path: Path) -> int | None:
    """Windows: the holder keeps the file open, so it cannot be deleted; a file that can be
    deleted was left by a process that is gone."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0))
    except FileExistsError:
        pass
    except PermissionError:
        return -1
    try:
        path.unlink()
    except FileNotFoundError:
        return None
    except PermissionError:
        return -1
    return None


@contextmanager
def writer_lock(data_dir: Path, command: str) -> Iterator[FolderLock]:
    """Hold the data folder's lock for the duration of `command` (a CLI writer)."""
    lock = FolderLock(Path(data_dir), command)
    lock.acquire()
    try:
        # Holding the folder, this command is its only writer: what a killed writer left
        # half-written (a temporary chain-head file) can go now.
        sweep_leftovers(Path(data_dir))
        yield lock
    finally:
        lock.release()


def folder_holder(data_dir: Path) -> LockHolder | None:
    """Who holds the data folder's lock now, or None when nobody does (a quick probe)."""
    probe = FolderLock(Path(data_dir), "probe")
    try:
        probe.acquire()
    except FolderInUse:
        return read_holder(probe.path)
    probe.release()
    return None
