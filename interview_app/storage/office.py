"""One data folder opened: the database and the office key, read once, and the stores over them.

`Office.open(data_dir)` is the way in, as Anki's `Collection` is opened on a path: it opens the
database (checks, migrations) and reads office.key once; the settings, the audit log, the
officers, the interviews and the scripts are built over that one connection and that one key
when first asked for. The sessions (the counter's, the supervisor's), sync's station, the
commands and the self-test take their storage from here instead of wiring it by hand, so that
unlocking the database and the key at sign-in has a single place to live."""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path
from types import TracebackType

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock
from interview_app.storage.database import DEFAULT_BUSY_TIMEOUT_MS, Database, open_database
from interview_app.storage.errors import NotFound, OfficeKeyError, OfficeNotConfigured
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keys import (
    OFFICE_KEY_BYTES,
    key_of_another_office,
    read_office_key,
    save_office_key,
)
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.paths import database_path
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.settings import SettingsStore
from interview_app.storage.slips import SlipLedger
from interview_app.storage.unsaved_input import HalfTypedAnswers, UnsavedCorrections

__all__ = ["NoDatabase", "Office", "OfficeKeyMissing", "require_database"]


class NoDatabase(NotFound):
    """The data folder holds no database (a mistyped --data-dir, or an office never set up)."""


class OfficeKeyMissing(OfficeNotConfigured):
    """The data folder has a database but no office key (office.key) yet."""


def require_database(data_dir: Path) -> Path:
    """`data_dir` itself when it holds a database; NoDatabase otherwise (nothing is created)."""
    data_dir = Path(data_dir)
    if not database_path(data_dir).exists():
        raise NoDatabase(
            f"Tidak ada basis data di {data_dir}.", f"There is no database in {data_dir}."
        )
    return data_dir


def _key_missing() -> OfficeKeyMissing:
    return OfficeKeyMissing(
        "Kantor belum diatur: kunci kantor (office.key) tidak ada di folder data, jadi log audit "
        "tidak dapat ditulis. Atur kantor atau pasang kunci kantor dulu ('interview-app setup').",
        "The office is not set up: the office key (office.key) is missing from the data folder, "
        "so the audit log cannot be written. Set up the office or install the office key first "
        "('interview-app setup').",
    )


class Office:
    """One open data folder. Not shared between threads (its database is not): a worker opens
    an Office of its own. Use it as a context manager, or call `close()`."""

    def __init__(
        self,
        database: Database,
        office_key: tuple[str, bytes] | None,
        *,
        clock: Clock | None = None,
        key_error: OfficeKeyError | None = None,
    ) -> None:
        """Made by `open`; `office_key` is what office.key held when the folder was opened
        (office code, key), and `key_error` why it could not be read, if it could not."""
        self.database = database
        self.data_dir = Path(database.data_dir)
        self.clock: Clock = clock or SystemClock()
        self._office_key = office_key
        self._key_error = key_error
        database.office = self

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        create: bool = False,
        clock: Clock | None = None,
        defer_integrity_check: bool = False,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> Office:
        """Open the database in `data_dir` and read its office key. A folder without a database
        is refused (NoDatabase, nothing created) unless `create` (the app's first run).

        An office.key that cannot be read does not stop the opening: the reason is kept and
        raised when the key is first needed, so that the officer's window still starts and
        shows it at sign-in."""
        data_dir = Path(data_dir)
        if not create:
            require_database(data_dir)
        database = open_database(
            data_dir, busy_timeout_ms=busy_timeout_ms, defer_integrity_check=defer_integrity_check
        )
        try:
            return cls._around(database, clock)
        except BaseException:
            database.close()
            raise

    @classmethod
    def of(cls, database: Database) -> Office:
        """The Office `database` belongs to: the one that opened it, or, for a database opened
        by itself (a tool or a test that opens the file directly), one made around it once,
        its office key read then. Code handed only a Database takes the key from here."""
        found = database.office
        if isinstance(found, Office):
            return found
        return cls._around(database, None)

    @classmethod
    def _around(cls, database: Database, clock: Clock | None) -> Office:
        key: tuple[str, bytes] | None = None
        key_error: OfficeKeyError | None = None
        try:
            key = read_office_key(database.data_dir)
        except OfficeKeyError as error:
            key_error = error
        return cls(database, key, clock=clock, key_error=key_error)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the office key ---------------------------------------------------------------------

    @property
    def has_office_key(self) -> bool:
        """True when office.key was there (and readable) when the folder was opened, or has
        been installed since."""
        return self._office_key is not None

    @property
    def key_on_file(self) -> tuple[str, bytes] | None:
        """(office code, key) as office.key holds them; None when there is no key, and the
        OfficeKeyError when the file could not be read."""
        if self._office_key is None and self._key_error is not None:
            raise self._key_error
        return self._office_key

    @property
    def office_key(self) -> bytes:
        """The office key; OfficeKeyError when office.key was unreadable, OfficeKeyMissing
        when there is none."""
        if self._office_key is None:
            raise self._key_error if self._key_error is not None else _key_missing()
        return self._office_key[1]

    def install_office_key(self, office_code: str, key: bytes | None = None) -> bytes:
        """Write office.key (whole or absent) for `office_code`: `key` as given (a key file a
        supervisor exported), or 32 new random bytes. The key held already is kept when it
        belongs to this office and no other key is given; one for another office is refused."""
        if self._office_key is not None and key is None:
            found_code, found_key = self._office_key
            if found_code.casefold() != office_code.casefold():
                raise key_of_another_office(found_code, office_code)
            return found_key
        if self._office_key is None and self._key_error is not None:
            raise self._key_error  # never write over a key file that could not be read
        key = secrets.token_bytes(OFFICE_KEY_BYTES) if key is None else key
        save_office_key(self.data_dir, office_code, key)
        self._office_key = (office_code, key)
        for built in ("audit", "interviews", "scripts"):  # built again under the new key
            self.__dict__.pop(built, None)
        return key

    # -- the stores over the database and the key -------------------------------------------

    @cached_property
    def settings(self) -> SettingsStore:
        """The plain key/value settings of the office and this workstation."""
        return SettingsStore(self.database)

    @cached_property
    def audit(self) -> AuditLog:
        """The audit log, its chain keyed from the office key (OfficeKeyMissing without one)."""
        return AuditLog(self.database, self.office_key, self.clock)

    def officers(self, *, max_failed: int = 5, lockout_minutes: int = 15) -> OfficerRepository:
        """The accounts, with these lockout limits (the sessions pass the office's settings)."""
        return OfficerRepository(
            self.database,
            self.audit,
            self.clock,
            max_failed=max_failed,
            lockout_minutes=lockout_minutes,
        )

    @cached_property
    def interviews(self) -> InterviewRepository:
        """The interviews, their revisions and look-ups."""
        return InterviewRepository(self.database, self.audit, self.clock)

    @cached_property
    def scripts(self) -> QuestionnaireStore:
        """The interview scripts installed here and the active one (writes are audited)."""
        return QuestionnaireStore(self.database, self.audit, self.clock)

    @cached_property
    def office_settings(self) -> OfficeSettings:
        """The office settings as declared in settings_spec (typed reading; audited writing)."""
        return OfficeSettings(self.database)

    @cached_property
    def slips(self) -> SlipLedger:
        """The referral letters printed here: their numbers and print counts."""
        return SlipLedger(self.database)

    @cached_property
    def half_typed(self) -> HalfTypedAnswers:
        """Text typed into a field of a draft and not yet valid, kept across a crash."""
        return HalfTypedAnswers(self.database)

    @cached_property
    def unsaved_corrections(self) -> UnsavedCorrections:
        """Corrections begun and not yet saved, kept across a crash."""
        return UnsavedCorrections(self.database)
