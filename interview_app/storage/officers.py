"""Officer accounts: creation, password policy, login with lockout, role checks, audit."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NoReturn

from interview_app.errors import KnownError, PermissionDenied
from interview_app.storage.account_slots import AccountSlots
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import SystemClock, from_iso, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import (
    AccountInactive,
    AuthenticationFailed,
    NotFound,
    PasswordRejected,
)
from interview_app.storage.lockout_file import LOGIN_FAILED as _LOGIN_FAILED
from interview_app.storage.lockout_file import locked_error as _locked_error
from interview_app.storage.passwords import hash_password, needs_rehash, verify_password
from interview_app.storage.settings import OFFICE_NAME, SettingsStore
from interview_app.storage.sqlerrors import INTEGRITY_ERRORS

ROLES = ("officer", "supervisor")
DEFAULT_MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
PASSWORD_MIN_LENGTH_SETTING = "password_min_length"
BLOCKED_PASSWORDS = frozenset({"password", "12345678", "123456789", "imigrasi", "katasandi"})

_COLUMNS = "id, username, full_name, nip, role, active, must_change_password"


@dataclass(frozen=True)
class Officer:
    id: int
    username: str
    full_name: str
    nip: str | None
    role: str
    active: bool
    must_change_password: bool

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def _officer(row: tuple[Any, ...]) -> Officer:
    return Officer(row[0], row[1], row[2], row[3], row[4], bool(row[5]), bool(row[6]))


def _actor(officer_id: int | None) -> str:
    return "system" if officer_id is None else f"officer:{officer_id}"


class OfficerRepository:
    def __init__(
        self,
        database: Database,
        audit: AuditLog,
        clock: Callable[[], datetime] | None = None,
        *,
        max_failed: int = 5,
        lockout_minutes: int = 15,
        slots: AccountSlots | None = None,
    ) -> None:
        """`slots`: the accounts' key slots (storage.account_slots), written with every
        password; None where the office key is not known (a folder not set up yet)."""
        self._database = database
        self._slots = slots
        self._audit = audit
        self._clock = clock or SystemClock()
        self._settings = SettingsStore(database)
        self.max_failed = max_failed
        self.lockout_minutes = lockout_minutes
        # Checked against when the username is unknown, so both paths cost one scrypt.
        self._dummy_hash: str | None = None

    # -- reading --------------------------------------------------------------------------

    def get(self, officer_id: int) -> Officer:
        row = self._database.conn.execute(
            f"SELECT {_COLUMNS} FROM officers WHERE id = ?", (officer_id,)
        ).fetchone()
        if row is None:
            raise NotFound(
                f"Petugas #{officer_id} tidak ditemukan.", f"Officer #{officer_id} not found."
            )
        return _officer(row)

    def find(self, username: str) -> Officer | None:
        row = self._database.conn.execute(
            f"SELECT {_COLUMNS} FROM officers WHERE username = ?", (username.strip(),)
        ).fetchone()
        return None if row is None else _officer(row)

    def list(self, *, include_inactive: bool = True) -> list[Officer]:
        sql = f"SELECT {_COLUMNS} FROM officers"
        if not include_inactive:
            sql += " WHERE active = 1"
        return [_officer(row) for row in self._database.conn.execute(sql + " ORDER BY username")]

    def any_officer(self) -> bool:
        """Whether any account exists (active or not): a data folder with none is not set up."""
        return self._database.conn.execute("SELECT 1 FROM officers LIMIT 1").fetchone() is not None

    def any_supervisor(self) -> bool:
        return (
            self._database.conn.execute(
                "SELECT 1 FROM officers WHERE role = 'supervisor' AND active = 1"
            ).fetchone()
            is not None
        )

    # -- policy ---------------------------------------------------------------------------

    def check_password_policy(self, username: str, password: str) -> None:
        """NIST 800-63B style: a minimum length, no composition rules, a small blocklist."""
        check_password_policy(self._settings, username, password)

    def _require_supervisor(self, officer_id: int) -> Officer:
        by = self.get(officer_id)
        if not (by.is_supervisor and by.active):
            raise PermissionDenied(
                "Hanya supervisor yang dapat melakukan ini.",
                "Only a supervisor can do this.",
            )
        return by

    # -- writing --------------------------------------------------------------------------

    def create(
        self,
        username: str,
        full_name: str,
        nip: str | None,
        role: str,
        password: str,
        *,
        by: int | None = None,
        must_change_password: bool = False,
    ) -> Officer:
        """A new account. `by` (a supervisor's id) is checked when given; None is the trusted
        path (first set-up, the command line)."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        username = username.strip()
        if not username:
            raise KnownError("Nama pengguna wajib diisi.", "A username is required.")
        if by is not None:
            self._require_supervisor(by)
        self.check_password_policy(username, password)
        password_hash = hash_password(password)
        try:
            with self._database.transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO officers (username, full_name, nip, role, password_hash, active,"
                    " must_change_password, failed_attempts, locked_until, created_at)"
                    " VALUES (?, ?, ?, ?, ?, 1, ?, 0, NULL, ?)",
                    (
                        username,
                        full_name.strip(),
                        nip,
                        role,
                        password_hash,
                        int(must_change_password),
                        to_iso(self._clock()),
                    ),
                )
                officer_id = int(cursor.lastrowid or 0)
                self._audit.append(
                    _actor(by), "officer.create", "officer", str(officer_id), {"role": role}
                )
                if self._slots is not None:  # last: a refused name never touches a slot
                    self._slots.set(username, password)
        except INTEGRITY_ERRORS as exc:
            raise KnownError(
                f"Nama pengguna '{username}' sudah dipakai.",
                f"The username '{username}' is taken already.",
            ) from exc
        return self.get(officer_id)

    def authenticate(self, username: str, password: str) -> Officer:
        """The officer for a right password. Unknown user and wrong password give the same
        message; failures are counted and lock the account for `lockout_minutes` after
        `max_failed` in a row. Every outcome goes into the audit log.

        On an encrypted folder the account's key slot judges the password and lockout.json
        counts the failures (as at the sign-in that opened the database)."""
        if self._slots is not None and self._slots.authoritative:
            try:
                self._slots.check_password(username.strip(), password)
            finally:
                self.record_slot_failures()
            return self.after_unlock(username, password)
        return self._authenticate_by_hash(username, password)

    def after_unlock(self, username: str, password: str) -> Officer:
        """The account whose slot `password` just unwrapped: refused if deactivated (its slot
        then goes), its slot wrapped anew if weak, the sign-in in the audit log."""
        officer = self.find(username)
        if officer is None or not officer.active:
            if self._slots is not None:
                self._slots.remove(username.strip())
            self._audit.append(
                _actor(officer.id if officer else None),
                "login.refused",
                "officer",
                str(officer.id) if officer else None,
                {"reason": "inactive" if officer else "unknown_user"},
            )
            if officer is None:
                raise AuthenticationFailed(*_LOGIN_FAILED)
            raise _inactive()
        if self._slots is not None:
            self._slots.rewrap_if_weak(officer.username, password)
        self.record_slot_failures()
        self._audit.append(_actor(officer.id), "login", "officer", str(officer.id))
        return officer

    def record_slot_failures(self) -> None:
        """Failed sign-ins counted in lockout.json (before anyone could open the database)
        go into the audit log, each with the time it happened."""
        if self._slots is None:
            return
        events = self._slots.take_failures()
        if not events:
            return
        with self._database.transaction():
            for event in events:
                officer = self.find(event.get("username", ""))
                details = {"at": event.get("at", ""), "before_unlock": True}
                if event.get("action") == "login.failed":
                    details["failed_attempts"] = event.get("detail", "")
                else:
                    details["reason"] = event.get("detail", "")
                if officer is None:
                    details["reason"] = "unknown_user"
                self._audit.append(
                    _actor(officer.id) if officer else "anonymous",
                    event.get("action", "login.failed"),
                    "officer",
                    str(officer.id) if officer else None,
                    details,
                )

    def password_hashes(self) -> dict[str, str]:
        """username -> stored hash of the active accounts (the upgrade makes their slots)."""
        rows = self._database.conn.execute(
            "SELECT username, password_hash FROM officers WHERE active = 1 ORDER BY username"
        )
        return {str(username): str(stored) for username, stored in rows}

    def _authenticate_by_hash(self, username: str, password: str) -> Officer:
        """A plaintext folder of the release before: the table's hash and lockout columns."""
        now = self._clock()
        row = self._database.conn.execute(
            "SELECT id, password_hash, active, locked_until FROM officers WHERE username = ?",
            (username.strip(),),
        ).fetchone()
        if row is None:
            verify_password(password, self._dummy())
            self._audit.append(
                "anonymous", "login.failed", "officer", None, {"reason": "unknown_user"}
            )
            raise AuthenticationFailed(*_LOGIN_FAILED)
        officer_id, stored, active, locked_until = row
        if locked_until is not None and from_iso(locked_until) > now:
            self._audit_refused_locked(officer_id)
            raise _locked_error(from_iso(locked_until))
        if not verify_password(password, stored):
            self._count_failure(officer_id, now)
        if not active:
            self._audit.append(
                _actor(officer_id),
                "login.refused",
                "officer",
                str(officer_id),
                {"reason": "inactive"},
            )
            raise _inactive()
        with self._database.transaction() as conn:
            # A lock set by a guess that ran alongside this one (another process) holds even
            # for the right password: the lock decides, not the order the hashes finished in.
            until = self._locked_now(conn, officer_id, now)
            if until is not None:
                self._audit_refused_locked(officer_id)
            else:
                conn.execute(
                    "UPDATE officers SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                    (officer_id,),
                )
                if needs_rehash(stored):
                    conn.execute(
                        "UPDATE officers SET password_hash = ? WHERE id = ?",
                        (hash_password(password), officer_id),
                    )
                self._audit.append(_actor(officer_id), "login", "officer", str(officer_id))
        if until is not None:
            raise _locked_error(until)
        officer = self.get(officer_id)
        if self._slots is not None and not self._slots.has(officer.username):
            self._slots.set(officer.username, password)  # ready for the upgrade's conversion
        return officer

    def _audit_refused_locked(self, officer_id: int) -> None:
        self._audit.append(
            _actor(officer_id), "login.refused", "officer", str(officer_id), {"reason": "locked"}
        )

    @staticmethod
    def _locked_now(conn: sqlite3.Connection, officer_id: int, now: datetime) -> datetime | None:
        row = conn.execute(
            "SELECT locked_until FROM officers WHERE id = ?", (officer_id,)
        ).fetchone()
        if row is None or row[0] is None or from_iso(row[0]) <= now:
            return None
        return from_iso(row[0])

    def _count_failure(self, officer_id: int, now: datetime) -> NoReturn:
        """Count one wrong password and lock at `max_failed`. The count is read and written
        under the write lock (BEGIN IMMEDIATE), so guesses checked in parallel (several
        processes) each count: the fifth locks, however they interleave. A guess that finishes
        after the lock was set is refused as locked and does not count again."""
        with self._database.transaction() as conn:
            until = self._locked_now(conn, officer_id, now)
            if until is not None:
                self._audit_refused_locked(officer_id)
            else:
                (failed,) = conn.execute(
                    "UPDATE officers SET failed_attempts = CASE WHEN locked_until IS NULL"
                    " THEN failed_attempts + 1 ELSE 1 END, locked_until = NULL WHERE id = ?"
                    " RETURNING failed_attempts",
                    (officer_id,),
                ).fetchone()
                lock = failed >= self.max_failed
                self._audit.append(
                    _actor(officer_id),
                    "login.failed",
                    "officer",
                    str(officer_id),
                    {"failed_attempts": failed},
                )
                if lock:
                    until = now + timedelta(minutes=self.lockout_minutes)
                    conn.execute(
                        "UPDATE officers SET failed_attempts = 0, locked_until = ? WHERE id = ?",
                        (to_iso(until), officer_id),
                    )
                    self._audit.append(
                        "system",
                        "officer.locked",
                        "officer",
                        str(officer_id),
                        {"until": to_iso(until)},
                    )
        if until is not None:
            raise _locked_error(until)
        raise AuthenticationFailed(*_LOGIN_FAILED)

    def change_password(self, officer_id: int, old_password: str, new_password: str) -> None:
        """The officer's own change; clears must_change_password."""
        row = self._database.conn.execute(
            "SELECT username, password_hash FROM officers WHERE id = ?", (officer_id,)
        ).fetchone()
        if row is None or not verify_password(old_password, row[1]):
            raise AuthenticationFailed("Kata sandi lama salah.", "The current password is wrong.")
        if old_password == new_password:
            raise PasswordRejected(
                "Kata sandi baru harus berbeda dari yang lama.",
                "The new password must differ from the current one.",
            )
        self.check_password_policy(row[0], new_password)
        new_hash = hash_password(new_password)
        with self._database.transaction() as conn:
            conn.execute(
                "UPDATE officers SET password_hash = ?, must_change_password = 0 WHERE id = ?",
                (new_hash, officer_id),
            )
            self._audit.append(
                _actor(officer_id), "officer.password_changed", "officer", str(officer_id)
            )
            if self._slots is not None:
                self._slots.set(row[0], new_password)

    def reset_password(self, by_supervisor: int | None, officer_id: int, new_password: str) -> None:
        """A supervisor sets a temporary password; the officer must change it at next login.
        Also lifts a lockout. `by_supervisor` None: the office recovery code opened the folder
        (no one signed in), and the audit log says so."""
        if by_supervisor is not None:
            self._require_supervisor(by_supervisor)
        target = self.get(officer_id)
        self.check_password_policy(target.username, new_password)
        new_hash = hash_password(new_password)
        with self._database.transaction() as conn:
            conn.execute(
                "UPDATE officers SET password_hash = ?, must_change_password = 1,"
                " failed_attempts = 0, locked_until = NULL WHERE id = ?",
                (new_hash, officer_id),
            )
            self._audit.append(
                "recovery-code" if by_supervisor is None else _actor(by_supervisor),
                "officer.password_reset",
                "officer",
                str(officer_id),
            )
            if self._slots is not None:
                self._slots.set(target.username, new_password)
                self._slots.clear_lockout(target.username)

    def unlock(self, officer_id: int, *, by: int | None = None) -> None:
        if by is not None:
            self._require_supervisor(by)
        self.get(officer_id)
        with self._database.transaction() as conn:
            conn.execute(
                "UPDATE officers SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                (officer_id,),
            )
            self._audit.append(_actor(by), "officer.unlocked", "officer", str(officer_id))
            if self._slots is not None:
                self._slots.clear_lockout(self.get(officer_id).username)

    def deactivate(self, officer_id: int, *, by: int | None = None) -> None:
        if by is not None:
            self._require_supervisor(by)
            if by == officer_id:
                raise KnownError(
                    "Supervisor tidak dapat menonaktifkan akunnya sendiri.",
                    "A supervisor cannot deactivate their own account.",
                )
        target = self.get(officer_id)
        with self._database.transaction() as conn:
            conn.execute("UPDATE officers SET active = 0 WHERE id = ?", (officer_id,))
            self._audit.append(_actor(by), "officer.deactivated", "officer", str(officer_id))
            if self._slots is not None:  # the account can no longer unwrap the office key
                self._slots.remove(target.username)

    def activate(self, officer_id: int, *, by: int | None = None) -> None:
        if by is not None:
            self._require_supervisor(by)
        self.get(officer_id)
        with self._database.transaction() as conn:
            conn.execute("UPDATE officers SET active = 1 WHERE id = ?", (officer_id,))
            self._audit.append(_actor(by), "officer.activated", "officer", str(officer_id))

    def locked_until(self, officer_id: int) -> datetime | None:
        row = self._database.conn.execute(
            "SELECT locked_until FROM officers WHERE id = ?", (officer_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        until = from_iso(row[0])
        return until if until > self._clock() else None

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = hash_password("not a real password, only for equal timing")
        return self._dummy_hash


def _inactive() -> AccountInactive:
    return AccountInactive(
        "Akun ini sudah dinonaktifkan. Hubungi supervisor.",
        "This account has been deactivated. Call a supervisor.",
    )


def check_password_policy(settings: SettingsStore, username: str, password: str) -> None:
    """NIST 800-63B style: a minimum length, no composition rules, a small blocklist (also
    checked before a workstation has an office key, hence a function of the settings)."""
    min_length = int(settings.get(PASSWORD_MIN_LENGTH_SETTING, DEFAULT_MIN_PASSWORD_LENGTH))
    if len(password) < min_length:
        raise PasswordRejected(
            f"Kata sandi terlalu pendek: minimal {min_length} karakter. Kalimat panjang "
            "yang mudah diingat lebih baik.",
            f"The password is too short: at least {min_length} characters. A long, "
            "memorable phrase is best.",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordRejected(
            f"Kata sandi terlalu panjang: maksimal {MAX_PASSWORD_LENGTH} karakter.",
            f"The password is too long: at most {MAX_PASSWORD_LENGTH} characters.",
        )
    folded = password.strip().casefold()
    if folded == username.strip().casefold():
        raise PasswordRejected(
            "Kata sandi tidak boleh sama dengan nama pengguna.",
            "The password must not be the same as the username.",
        )
    office_name = str(settings.get(OFFICE_NAME, "") or "").strip().casefold()
    if folded in BLOCKED_PASSWORDS or (office_name and folded == office_name):
        raise PasswordRejected(
            "Kata sandi ini terlalu mudah ditebak (ada dalam daftar terlarang). Pilih yang lain.",
            "This password is too easy to guess (it is on the blocklist). Choose another.",
        )
