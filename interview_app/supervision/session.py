"""The signed-in supervisor: database, audit log and clock, with the role check every operation makes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from interview_app.errors import KnownError, PermissionDenied
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound
from interview_app.storage.keys import read_office_key
from interview_app.storage.office_settings import officer_repository
from interview_app.storage.officers import Officer, OfficerRepository


def supervisors_only() -> PermissionDenied:
    return PermissionDenied(
        "Hanya supervisor yang dapat melakukan ini (hanya supervisor).",
        "Only a supervisor can do this (supervisors only).",
    )


def office_audit_log(database: Database, clock: Clock | None = None) -> AuditLog:
    """The audit log of the data folder the database lives in (its office.key signs the chain)."""
    found = read_office_key(Path(database.data_dir))
    if found is None:
        raise KnownError(
            "Kunci kantor (office.key) tidak ada di folder data; log audit tidak dapat ditulis. "
            "Pasang kunci kantor dulu ('interview-app setup').",
            "The office key (office.key) is missing from the data folder; the audit log cannot "
            "be written. Install the office key first ('interview-app setup').",
        )
    return AuditLog(database, found[1], clock)


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
    def open(
        cls,
        database: Database,
        officer_id: int,
        *,
        clock: Clock | None = None,
        audit: AuditLog | None = None,
    ) -> SupervisorSession:
        clock = clock or SystemClock()
        return cls(database, int(officer_id), audit or office_audit_log(database, clock), clock)

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
            officer = OfficerRepository(self.database, self.audit, self.clock).get(self.officer_id)
        except NotFound:
            raise supervisors_only() from None
        if not (officer.is_supervisor and officer.active):
            raise supervisors_only()
        return officer
