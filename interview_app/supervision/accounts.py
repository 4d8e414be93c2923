"""Supervisor account operations: create, deactivate/activate, reset password, unlock, list."""

from __future__ import annotations

from dataclasses import dataclass

from interview_app.errors import KnownError
from interview_app.storage.officers import ROLES, Officer
from interview_app.supervision.session import SupervisorSession


@dataclass(frozen=True)
class AccountInfo:
    """An account as the accounts page lists it."""

    officer: Officer
    locked_until: str | None  # ISO time while a lockout runs, else None

    @property
    def status_text(self) -> str:
        if not self.officer.active:
            return "nonaktif / inactive"
        if self.locked_until:
            return "terkunci / locked"
        if self.officer.must_change_password:
            return "wajib ganti sandi / must change password"
        return "aktif / active"


def _unknown_user(username: str) -> KnownError:
    return KnownError(f"Akun '{username}' tidak ditemukan.", f"There is no account '{username}'.")


class AccountAdmin:
    """Every method checks the session's role first. The repository itself writes the audit
    entries (officer.create, .password_reset, .unlocked, .deactivated, .activated), inside the
    same transaction as the change."""

    def __init__(self, session: SupervisorSession) -> None:
        self._session = session

    def list(self) -> list[AccountInfo]:
        self._session.require()
        officers = self._session.officers()
        result = []
        for officer in officers.list():
            until = officers.locked_until(officer.id)
            result.append(AccountInfo(officer, until.isoformat() if until else None))
        return result

    def find(self, username: str) -> Officer:
        self._session.require()
        officer = self._session.officers().find(username)
        if officer is None:
            raise _unknown_user(username)
        return officer

    def create(
        self,
        username: str,
        full_name: str,
        nip: str | None,
        role: str,
        password: str,
        *,
        must_change_password: bool = True,
    ) -> Officer:
        """A new account with a first password the holder must change at first login."""
        self._session.require()
        if role not in ROLES:
            raise KnownError(
                f"Peran '{role}' tidak dikenal (officer/supervisor).",
                f"Unknown role '{role}' (officer/supervisor).",
            )
        if not full_name.strip():
            raise KnownError("Nama lengkap wajib diisi.", "The full name is required.")
        return self._session.officers().create(
            username,
            full_name,
            (nip or "").strip() or None,
            role,
            password,
            by=self._session.officer_id,
            must_change_password=must_change_password,
        )

    def deactivate(self, officer_id: int) -> None:
        """Never deleted: the audit log keeps naming the account."""
        self._session.require()
        self._session.officers().deactivate(officer_id, by=self._session.officer_id)

    def activate(self, officer_id: int) -> bool:
        """True when the account can sign in again; False when its password must be reset
        first (an encrypted folder removed its key slot at the deactivation)."""
        self._session.require()
        return self._session.officers().activate(officer_id, by=self._session.officer_id)

    def reset_password(self, officer_id: int, new_password: str) -> None:
        """A temporary password; the holder must change it at the next login (lifts a lock)."""
        self._session.require()
        self._session.officers().reset_password(self._session.officer_id, officer_id, new_password)

    def unlock(self, officer_id: int) -> None:
        self._session.require()
        self._session.officers().unlock(officer_id, by=self._session.officer_id)
