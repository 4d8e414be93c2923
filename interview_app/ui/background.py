"""Long work off the GUI thread: a job on a pool thread with its own database connection, its outcome handed back to the window as a typed result."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar, Union

from PySide6 import QtCore

from interview_app.errors import KnownError
from interview_app.storage.clock import Clock
from interview_app.storage.office import Office
from interview_app.storage.writefiles import raise_known_os_error

T = TypeVar("T")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Done(Generic[T]):
    """The job returned `value`."""

    value: T


@dataclass(frozen=True)
class Refused:
    """The environment or the input stopped the job (disk full, stick pulled out, bad
    package): said calmly; nothing was changed halfway."""

    error: KnownError


@dataclass(frozen=True)
class Crashed:
    """A bug: it goes to the crash path (sys.excepthook: a crash log and the crash dialog)."""

    kind: type[BaseException]
    value: BaseException
    traceback: TracebackType | None


# What a job came to; handed from the pool thread to the GUI thread.
Outcome = Union[Done[T], Refused, Crashed]  # noqa: UP007 - a generic alias needs Union


def environment_error(exc: OSError, where: Path) -> KnownError:
    """An OS error the job let through, as the storage classifies it (a full or read-only
    disk), else a calm message with the system's own words: a file or drive that could not
    be used is the environment's fault, never a bug to crash on."""
    try:
        raise_known_os_error(exc, where)
    except KnownError as known:
        return known
    detail = exc.strerror or type(exc).__name__
    return KnownError(
        f"Berkas atau drive tidak dapat dipakai ({detail}). Periksa disk atau flashdisk, lalu "
        "coba lagi; data yang sudah tersimpan tidak berubah.",
        f"A file or drive could not be used ({detail}). Check the disk or the stick and try "
        "again; the data already saved is unchanged.",
    )


def run_job(
    data_dir: Path,
    job: Callable[[Office, Progress], T],
    progress: Progress,
    clock: Clock | None = None,
    key: tuple[str, bytes] | None = None,
) -> Outcome[T]:
    """Run `job` on the data folder opened anew in this thread (SQLite connections stay in the
    thread that opened them) with `key`, the office key the signed-in window holds (an
    encrypted folder opens only with it), and return its outcome: Done, Refused or Crashed.
    Never raises."""
    try:
        with Office.open(data_dir, key=key, clock=clock) as office:
            return Done(job(office, progress))
    except KnownError as error:
        return Refused(error)
    except OSError as exc:
        return Refused(environment_error(exc, data_dir))
    except Exception:  # noqa: BLE001 - handed to the GUI thread's crash path, not swallowed
        kind, value, traceback = sys.exc_info()
        assert kind is not None and value is not None
        return Crashed(kind, value, traceback)


class _Signals(QtCore.QObject):
    progress = QtCore.Signal(int, int)
    finished = QtCore.Signal(object)  # Done | Refused | Crashed


class _Task(QtCore.QRunnable):
    def __init__(
        self,
        data_dir: Path,
        job: Callable[[Office, Progress], Any],
        signals: _Signals,
        clock: Clock | None,
        key: tuple[str, bytes] | None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.job = job
        self.signals = signals
        self.clock = clock
        self.key = key

    def run(self) -> None:
        self.signals.finished.emit(
            run_job(self.data_dir, self.job, self.signals.progress.emit, self.clock, self.key)
        )


class BackgroundWork(QtCore.QObject):
    """One job at a time on a thread of its own, so the window keeps answering.

    Signals: `started` when a job begins (show the busy indication), `progress(done, total)`
    from the job, `finished_work` after the window has handled the outcome. The outcome
    reaches the GUI thread: `done(value)` or `refused(error)` (shown calmly by the caller);
    a bug is passed to sys.excepthook there, the crash path, after the wait has ended.

    One signal carrier lives as long as this object, and the running task is held here (not
    auto-deleted by the pool): a per-task QObject deleted while the worker thread was still
    leaving its emit crashed the process now and then."""

    started = QtCore.Signal()
    progress = QtCore.Signal(int, int)
    finished_work = QtCore.Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QtCore.QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.busy = False
        self._signals = _Signals(self)
        self._signals.progress.connect(self.progress.emit)
        self._signals.finished.connect(self._finished)
        self._task: _Task | None = None
        self._done: Callable[[Any], None] | None = None
        self._refused: Callable[[KnownError], None] | None = None

    def start(
        self,
        office: Office,
        job: Callable[[Office, Progress], T],
        done: Callable[[T], None],
        refused: Callable[[KnownError], None],
        clock: Clock | None = None,
    ) -> bool:
        """Start `job` on the data folder of `office` (the window's, open: the worker opens it
        again in its thread with the key it holds, and `clock`, the caller's, so that audit
        entries carry the same time); False (nothing started) while another runs."""
        if self.busy:
            return False
        self.busy = True
        self._done, self._refused = done, refused
        key = office.key_on_file if office.encrypted else None
        task = _Task(Path(office.data_dir), job, self._signals, clock, key)
        task.setAutoDelete(False)
        self._task = task
        self.started.emit()
        self.pool.start(task)
        return True

    def _finished(self, outcome: Outcome[Any]) -> None:
        done, refused = self._done, self._refused
        self.busy = False
        self._done = self._refused = None
        try:
            if isinstance(outcome, Done) and done is not None:
                done(outcome.value)
            elif isinstance(outcome, Refused) and refused is not None:
                refused(outcome.error)
        finally:
            self.finished_work.emit()
        if isinstance(outcome, Crashed):
            sys.excepthook(outcome.kind, outcome.value, outcome.traceback)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for a running job's thread (closing a window, tests)."""
        return self.pool.waitForDone(msecs)
