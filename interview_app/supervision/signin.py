"""Signing a supervisor in for the command line: the password, the role, a forced change."""

from __future__ import annotations

from interview_app.errors import KnownError
from interview_app.storage.clock import Clock
from interview_app.storage.database import Database
from interview_app.storage.office_settings import officer_repository
from interview_app.storage.officers import Officer
from interview_app.supervision.session import SupervisorSession, office_audit_log


def authenticate(
    database: Database, username: str, password: str, *, clock: Clock | None = None
) -> Officer:
    """Any account, with the lockout limits from the settings; logged like a login."""
    audit = office_audit_log(database, clock)
    return officer_repository(database, audit, clock).authenticate(username, password)


def sign_in_supervisor(
    database: Database, username: str, password: str, *, clock: Clock | None = None
) -> SupervisorSession:
    """A session for a supervisor whose password is right. An officer's account gets
    PermissionDenied; a supervisor who must change the password is sent to do that first."""
    officer = authenticate(database, username, password, clock=clock)
    session = SupervisorSession.open(database, officer.id, clock=clock)
    session.require()
    if officer.must_change_password:
        raise KnownError(
            "Kata sandi akun ini harus diganti dulu ('interview-app account change-password').",
            "This account's password must be changed first "
            "('interview-app account change-password').",
        )
    return session
