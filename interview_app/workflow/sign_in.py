"""Who is at the counter: sign-in with the office's lockout limits, the idle lock, sign-out."""

from __future__ import annotations

from collections.abc import Callable

from interview_app.errors import KnownError
from interview_app.settings_spec import IDLE_LOCK_MINUTES, LOCKOUT_MINUTES, MAX_FAILED_LOGINS
from interview_app.storage.errors import AuthenticationFailed
from interview_app.storage.office import Office
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.workflow.views import SignedIn

DEFAULT_IDLE_LOCK_MINUTES = 5

NOT_SIGNED_IN = KnownError("Silakan masuk dulu.", "Please sign in first.")
PASSWORD_CHANGE_REQUIRED = KnownError(
    "Kata sandi Anda direset oleh supervisor: ganti kata sandi dulu.",
    "Your password was reset by a supervisor: change it first.",
)
LOCKED = KnownError(
    "Layar terkunci: masukkan kata sandi untuk membuka.",
    "The screen is locked: enter the password to unlock.",
)


class CounterSignIn:
    """The signed-in officer (or nobody) and whether the screen is locked. Every change of
    who may act goes into the audit log. `office` gives the data folder open now (the key is
    held only while someone is signed in on an encrypted folder)."""

    def __init__(self, office: Callable[[], Office]) -> None:
        self._office_now = office
        self.officer: SignedIn | None = None
        self.locked = False

    @property
    def _office(self) -> Office:
        return self._office_now()

    def officers(self) -> OfficerRepository:
        """Accounts with the lockout limits from the settings."""
        settings = self._office.settings
        return self._office.officers(
            max_failed=int(settings.get(MAX_FAILED_LOGINS, 5)),
            lockout_minutes=int(settings.get(LOCKOUT_MINUTES, 15)),
        )

    @property
    def idle_lock_seconds(self) -> int:
        minutes = self._office.settings.get(IDLE_LOCK_MINUTES, DEFAULT_IDLE_LOCK_MINUTES)
        return max(1, int(float(minutes) * 60))

    def sign_in(self, officer: Officer) -> SignedIn:
        """`officer` (whose password was checked, or who was just made) acts from now on."""
        self.officer = SignedIn(
            officer.id,
            officer.username,
            officer.full_name,
            officer.role,
            officer.must_change_password,
        )
        self.locked = False
        return self.officer

    def change_password(self, current: str, new: str, repeated: str) -> SignedIn:
        """The signed-in officer's own change (the forced one after a reset, or any time):
        the policy applies and the change is in the audit log."""
        if self.officer is None:
            raise NOT_SIGNED_IN
        if new != repeated:
            raise KnownError(
                "Kata sandi baru dan ulangannya tidak sama.",
                "The new password and its repetition differ.",
            )
        self.officers().change_password(self.officer.officer_id, current, new)
        self.officer = SignedIn(
            self.officer.officer_id,
            self.officer.username,
            self.officer.full_name,
            self.officer.role,
        )
        return self.officer

    def logout(self) -> None:
        if self.officer is not None:
            self._log(self.officer.officer_id, "logout")
        self.officer = None
        self.locked = False

    def lock(self) -> None:
        """Lock the screen (the interview stays open behind it)."""
        if self.officer is None or self.locked:
            return
        self.locked = True
        self._log(self.officer.officer_id, "screen.lock")

    def unlock(self, password: str) -> SignedIn:
        """Only the signed-in officer's own password opens the lock."""
        if self.officer is None:
            raise NOT_SIGNED_IN
        officer = self.officers().authenticate(self.officer.username, password)
        if officer.id != self.officer.officer_id:
            raise AuthenticationFailed("Kata sandi salah.", "Wrong password.")
        self.locked = False
        self._log(officer.id, "screen.unlock")
        return self.officer

    def require(self) -> SignedIn:
        """The officer who may act now: signed in, not locked out, password not due."""
        if self.officer is None:
            raise NOT_SIGNED_IN
        if self.locked:
            raise LOCKED
        if self.officer.must_change_password:
            raise PASSWORD_CHANGE_REQUIRED
        return self.officer

    def _log(self, officer_id: int, action: str) -> None:
        self._office.audit.append(f"officer:{officer_id}", action, "officer", str(officer_id))
