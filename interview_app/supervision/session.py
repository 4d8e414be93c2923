"""The signed-in supervisor: database, audit log and clock, with the role check every operation makes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from interview_app.errors import PermissionDenied
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound
from interview_app.storage.office import Office
from interview_app.storage.office_settings import OfficeSettings, officer_repository
from interview_app.storage.officers import Officer, OfficerRepository


def supervisors_only() -> PermissionDenied:
    return PermissionDenied(
        "Hanya supervisor yang dapat melakukan ini (hanya supervisor).",
        "Only a supervisor can do this (supervisors only).",
    )


@dataclass
class SupervisorSession:
    """Who acts and on what. Holding one proves nothing: every operation calls `require()`,
    which reads the account again, so a deactivated or demoted supervisor is refused at once
    and an officer's id never passes whatever the screen showed."""

    database: Database
    officer_id: int
    audit: AuditLog
    clock: Clock = field(default_factory=SystemClock)

    @classmethod
    def open(cls, office: Office, officer_id: int) -> SupervisorSession:
        """The session of `officer_id` over an open data folder (its database, audit log and
        clock); the role is checked by each operation, not here."""
        return cls(office.database, int(officer_id), office.audit, office.clock)

    @cached_property
    def settings(self) -> OfficeSettings:
        """The office settings as declared (reading is free; `update` checks the role)."""
        return OfficeSettings(self.database)

    @property
    def actor(self) -> str:
        """The audit log's name for the acting account."""
        return f"officer:{self.officer_id}"

    def officers(self) -> OfficerRepository:
        """Accounts with the lockout limits from the settings."""
        return officer_repository(self.database, self.audit, self.clock)

    def require(self) -> Officer:
        """The acting account, if it is an active supervisor; PermissionDenied otherwise."""
        try:
            officer = self.officers().get(self.officer_id)
        except NotFound:
            raise supervisors_only() from None
        if not (officer.is_supervisor and officer.active):
            raise supervisors_only()
        return officer
