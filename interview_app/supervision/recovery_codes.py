"""A supervisor replaces the office recovery code (the one in the safe was lost or seen): the
old code stops working, the new one is shown once."""

from __future__ import annotations

from interview_app.storage.office import Office
from interview_app.storage.settings import OFFICE_CODE, OFFICE_NAME
from interview_app.supervision.session import SupervisorSession


def replace_recovery_code(session: SupervisorSession) -> str:
    """The new code (to show once); only an active supervisor, in the audit log."""
    session.require()
    code = Office.of(session.database).make_recovery_code()
    session.audit.append(session.actor, "office.recovery_code_replaced", "office", None)
    return code


def office_title(session: SupervisorSession) -> str:
    """The office as a printed recovery code names it: its name and code."""
    settings = Office.of(session.database).settings
    name = str(settings.get(OFFICE_NAME) or "")
    code = str(settings.get(OFFICE_CODE) or "")
    return f"{name} ({code})" if name else code
