"""A supervisor replaces the office recovery code (the one in the safe was lost or seen): the
old code stops working, the new one is shown once."""

from __future__ import annotations

from interview_app.storage.office import Office
from interview_app.supervision.session import SupervisorSession


def replace_recovery_code(session: SupervisorSession) -> str:
    """The new code (to show once); only an active supervisor, in the audit log."""
    session.require()
    code = Office.of(session.database).make_recovery_code()
    session.audit.append(session.actor, "office.recovery_code_replaced", "office", None)
    return code
