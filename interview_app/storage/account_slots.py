"""The accounts' key slots as the officers' repository keeps them: written with every password an
account gets, removed with the account, and (on an encrypted folder) the judge of a password.

Made by the Office, which holds the office key: `keyslots.json` and `lockout.json` beside the
database are the only places a password is checked once the database is encrypted, because the
database cannot be read before one is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from interview_app.storage.clock import Clock
from interview_app.storage.errors import KeySlotError
from interview_app.storage.keyslots import KeySlots, unlock_with_password
from interview_app.storage.lockout_file import LockoutFile


@dataclass
class AccountSlots:
    """One data folder's account slots, for the office key held in memory."""

    data_dir: Path
    office_code: str
    key: bytes = field(repr=False)
    clock: Clock
    # True on an encrypted folder: the slot, not the table's hash, proves a password.
    authoritative: bool

    def slots(self) -> KeySlots:
        return KeySlots(self.data_dir)

    def lockout(self) -> LockoutFile:
        return LockoutFile(self.data_dir, self.clock)

    def has(self, username: str) -> bool:
        return username in self.slots().accounts()

    def set(self, username: str, password: str) -> None:
        """The account's slot under this password (a new account, a change, a reset)."""
        self.slots().set_account(self.office_code, username, password, self.key)

    def set_from_hash(self, username: str, password_hash: str) -> bool:
        return self.slots().set_account_from_hash(
            self.office_code, username, password_hash, self.key
        )

    def remove(self, username: str) -> None:
        """The account can no longer unwrap the key (deactivated); its failures are forgotten."""
        self.slots().remove_account(username)
        self.lockout().clear(username)

    def clear_lockout(self, username: str) -> None:
        self.lockout().clear(username)

    def check_password(self, username: str, password: str) -> None:
        """AuthenticationFailed (or AccountLocked) unless `password` unwraps the account's
        slot; failures are counted in lockout.json, as at the sign-in before the database opens."""
        key = unlock_with_password(self.data_dir, username, password, clock=self.clock)
        if key != self.key:  # a slot file of another office put beside this database
            raise KeySlotError(
                "Slot kunci di folder ini milik kantor lain; minta bantuan TI.",
                "The key slots in this folder belong to another office; call IT.",
            )

    def rewrap_if_weak(self, username: str, password: str) -> None:
        """A slot made at a lower cost, or from the stored hash at the upgrade, is wrapped anew
        now that the password is known."""
        if self.slots().needs_rewrap(username):
            self.set(username, password)

    def set_policy(self, max_failed: int, lockout_minutes: int) -> None:
        """The office's lockout settings, kept where the sign-in reads them before unlocking."""
        lockout = self.lockout()
        policy = lockout.policy
        if (policy.max_failed, policy.lockout_minutes) != (max_failed, lockout_minutes):
            lockout.set_policy(max_failed, lockout_minutes)

    def take_failures(self) -> list[dict[str, str]]:
        """The failed sign-ins noted in lockout.json since the last time, for the audit log."""
        return self.lockout().take_events()
