"""One data folder opened: the database and the office key, read once, and the stores over them.

`Office.open(data_dir, credentials=...)` is the way in, as Anki's `Collection` is opened on a
path: the credentials unwrap the office key from the account's key slot (storage.unlock), the
key opens the encrypted database (checks, migrations); the settings, the audit log, the
officers, the interviews and the scripts are built over that one connection and that one key
when first asked for. The sessions (the counter's, the supervisor's), sync's station, the
commands and the self-test take their storage from here.

`Office.create(data_dir, office_code)` makes a new office's encrypted database; the key is
never written in clear. A folder of the release before (a plaintext database beside
office.key) still opens without credentials, and a supervisor's sign-in converts it: slots for
every active account, a recovery code to show once, the pages encrypted in place, office.key
deleted."""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path
from types import TracebackType

from interview_app.errors import KnownError
from interview_app.settings_spec import LOCKOUT_MINUTES, MAX_FAILED_LOGINS
from interview_app.storage.account_slots import AccountSlots
from interview_app.storage.audit import AuditLog
from interview_app.storage.cipher import database_key, encrypted_without_key_error
from interview_app.storage.clock import Clock, SystemClock
from interview_app.storage.database import DEFAULT_BUSY_TIMEOUT_MS, Database, open_database
from interview_app.storage.encrypt_in_place import Progress, encrypt_data_folder, needs_encryption
from interview_app.storage.errors import (
    KeySlotError,
    NotFound,
    OfficeKeyError,
    OfficeNotConfigured,
)
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keys import (
    OFFICE_KEY_BYTES,
    key_of_another_office,
    office_key_path,
    read_office_key,
    save_office_key,
)
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.storage.paths import database_path
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.settings import SettingsStore
from interview_app.storage.slips import SlipLedger
from interview_app.storage.unlock import (
    Credentials,
    PasswordCredentials,
    RecoveryCredentials,
    folder_is_encrypted,
    unlock,
)
from interview_app.storage.unsaved_input import HalfTypedAnswers, UnsavedCorrections
from interview_app.storage.writefiles import fsync_directory, known_os_errors

__all__ = ["NoDatabase", "Office", "OfficeKeyMissing", "require_database"]


def _remove_office_key_file(data_dir: Path) -> None:
    """office.key goes once its key lives in the slots (the conversion's last step)."""
    path = office_key_path(data_dir)
    with known_os_errors(path):
        path.unlink(missing_ok=True)
        fsync_directory(path.parent)


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
        # Who opened it: the account whose password unwrapped the key (or signed in on a
        # plaintext folder); None for the recovery code, a key handed over, or no sign-in.
        self.signed_in: Officer | None = None
        self.via_recovery_code = False
        # A recovery code made while opening (the conversion of a plaintext folder): the
        # caller shows it once, for the supervisor to print and keep in the office safe.
        self.new_recovery_code: str | None = None

    @property
    def encrypted(self) -> bool:
        """True when the database is encrypted (it was opened with a key)."""
        return self.database.key is not None

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        credentials: Credentials | None = None,
        key: tuple[str, bytes] | None = None,
        create: bool = False,
        clock: Clock | None = None,
        defer_integrity_check: bool = False,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        progress: Progress | None = None,
    ) -> Office:
        """Open the database in `data_dir`. A folder without a database is refused
        (NoDatabase, nothing created) unless `create` (a plaintext folder: only the tests of
        the release before make one).

        An encrypted folder opens with `credentials` (an account's password, checked against
        its key slot with the lockout counted; or the recovery code) or with `key`, an office
        key (office code, key) unwrapped already; without either it is refused with a
        DatabaseKeyError saying to sign in. With a password, `signed_in` is the account,
        checked active, its sign-in in the audit log.

        A plaintext folder opens without credentials (office.key read once; one that cannot be
        read is kept as the reason and raised when the key is first needed). With a
        supervisor's password it is converted to an encrypted one (`progress` follows the
        files), and `new_recovery_code` is the code to show."""
        data_dir = Path(data_dir)
        if not create:
            require_database(data_dir)
        if folder_is_encrypted(data_dir):
            if key is None:
                if credentials is None:
                    raise encrypted_without_key_error(database_path(data_dir))
                unlocked = unlock(data_dir, credentials, clock=clock)
                key = (unlocked.office_code, unlocked.key)
            database = open_database(
                data_dir,
                key=database_key(key[1]),
                busy_timeout_ms=busy_timeout_ms,
                defer_integrity_check=defer_integrity_check and credentials is None,
            )
            try:
                office = cls(database, key, clock=clock)
                office._opened_by(credentials)
                office._finish_conversion(progress)
            except BaseException:
                database.close()
                raise
            return office
        database = open_database(
            data_dir,
            busy_timeout_ms=busy_timeout_ms,
            defer_integrity_check=defer_integrity_check and credentials is None,
        )
        try:
            office = cls._around(database, clock)
            if credentials is not None:
                return office._sign_in_plaintext(credentials, progress)
        except BaseException:
            database.close()
            raise
        return office

    @classmethod
    def create(
        cls,
        data_dir: Path,
        office_code: str,
        *,
        key: bytes | None = None,
        clock: Clock | None = None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> Office:
        """A new office's data folder: an encrypted database under `key` (a key file's, for
        another workstation of the office) or 32 new random bytes. Nothing is written in
        clear: the accounts' slots are made with them (OfficerRepository.create), the
        recovery code by `make_recovery_code`. A folder that holds a database or key slots
        already is refused, nothing changed."""
        data_dir = Path(data_dir)
        path = database_path(data_dir)
        if (path.exists() and path.stat().st_size > 0) or KeySlots(data_dir).exists:
            raise KnownError(
                f"Folder data {data_dir} sudah berisi basis data atau slot kunci; kantor baru "
                "tidak dibuat di atasnya.",
                f"The data folder {data_dir} already holds a database or key slots; a new office "
                "is not made over it.",
            )
        key = secrets.token_bytes(OFFICE_KEY_BYTES) if key is None else key
        if len(key) != OFFICE_KEY_BYTES:
            raise ValueError("the office key is 32 bytes")
        database = open_database(data_dir, key=database_key(key), busy_timeout_ms=busy_timeout_ms)
        return cls(database, (office_code.strip().upper(), key), clock=clock)

    # -- signing in -------------------------------------------------------------------------

    def _lockout_limits(self) -> tuple[int, int]:
        settings = self.settings
        return int(settings.get(MAX_FAILED_LOGINS, 5)), int(settings.get(LOCKOUT_MINUTES, 15))

    def _opened_by(self, credentials: Credentials | None) -> None:
        """After an encrypted folder opened: who did it, in the audit log; the failed sign-ins
        counted while it was closed, too; the lockout settings copied beside it."""
        slots = self.account_slots
        if slots is not None:
            slots.set_policy(*self._lockout_limits())
        if isinstance(credentials, PasswordCredentials):
            self.signed_in = self.officers().after_unlock(
                credentials.username.strip(), credentials.password
            )
        elif isinstance(credentials, RecoveryCredentials):
            self.via_recovery_code = True
            self.officers().record_slot_failures()
            self.audit.append("recovery-code", "office.opened_with_recovery_code", "office", None)

    def _sign_in_plaintext(self, credentials: Credentials, progress: Progress | None) -> Office:
        """A password on a folder of the release before: checked against the table's hash; a
        supervisor's converts the folder (and the Office returned is the reopened one)."""
        if not isinstance(credentials, PasswordCredentials):
            raise KnownError(
                "Folder data ini belum terenkripsi, jadi kode pemulihan tidak dipakai: masuk "
                "dengan akun supervisor (itu sekaligus mengenkripsinya).",
                "This data folder is not encrypted yet, so the recovery code is not used: sign "
                "in with a supervisor's account (which also encrypts it).",
            )
        officer = self.officers(*self._lockout_limits()).authenticate(
            credentials.username, credentials.password
        )
        self.signed_in = officer
        if officer.is_supervisor and self._office_key is not None:
            return self._convert(officer, credentials.password, progress)
        return self

    def _convert(self, supervisor: Officer, password: str, progress: Progress | None) -> Office:
        """Encrypt this plaintext folder: every active account gets its slot (the supervisor's
        from the password, the others' from their stored hashes, so their passwords keep
        working), a recovery code is made, the database and its copies are encrypted in place
        (crash-safe, storage.encrypt_in_place), office.key is deleted, and the folder is
        opened again, encrypted."""
        assert self._office_key is not None
        code, key = self._office_key
        slots = self.account_slots
        assert slots is not None
        officers = self.officers()
        have = set(KeySlots(self.data_dir).accounts())
        for username, stored in officers.password_hashes().items():
            if username == supervisor.username:
                slots.set(username, password)
            elif username not in have:
                slots.set_from_hash(username, stored)
        recovery = KeySlots(self.data_dir).new_recovery_code(code, key)
        slots.set_policy(*self._lockout_limits())
        self.audit.append(
            f"officer:{supervisor.id}", "office.encrypted", "office", code, {"format": "sqlcipher4"}
        )
        clock = self.clock
        self.close()
        encrypt_data_folder(self.data_dir, database_key(key), progress=progress)
        _remove_office_key_file(self.data_dir)
        reopened = Office.open(self.data_dir, key=(code, key), clock=clock)
        reopened.signed_in = supervisor
        reopened.new_recovery_code = recovery
        return reopened

    def _finish_conversion(self, progress: Progress | None) -> None:
        """A conversion cut off after the database was encrypted: its snapshots and backups
        still in clear are encrypted now, and office.key is deleted."""
        assert self.database.key is not None
        if needs_encryption(self.data_dir):
            encrypt_data_folder(self.data_dir, self.database.key, progress=progress)
        if office_key_path(self.data_dir).exists():
            _remove_office_key_file(self.data_dir)

    @property
    def account_slots(self) -> AccountSlots | None:
        """The accounts' key slots for the key held; None while no key is known."""
        if self._office_key is None:
            return None
        code, key = self._office_key
        return AccountSlots(self.data_dir, code, key, self.clock, authoritative=self.encrypted)

    def make_recovery_code(self) -> str:
        """A new office recovery code (the old one stops working), to show once."""
        code, key = self._office_key_or_raise()
        return KeySlots(self.data_dir).new_recovery_code(code, key)

    def _office_key_or_raise(self) -> tuple[str, bytes]:
        if self._office_key is None:
            raise self._key_error if self._key_error is not None else _key_missing()
        return self._office_key

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
        if self.encrypted:
            if self._office_key is not None and key is not None and key != self._office_key[1]:
                raise KeySlotError(
                    "Kunci ini bukan kunci basis data kantor ini; tidak ada yang diubah.",
                    "This key is not the key of this office's database; nothing was changed.",
                )
            return self.office_key  # held in memory only: the slots keep it, never a file
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

    def officers(self, max_failed: int = 5, lockout_minutes: int = 15) -> OfficerRepository:
        """The accounts, with these lockout limits (the sessions pass the office's settings);
        their key slots are written with their passwords."""
        return OfficerRepository(
            self.database,
            self.audit,
            self.clock,
            max_failed=max_failed,
            lockout_minutes=lockout_minutes,
            slots=self.account_slots,
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
