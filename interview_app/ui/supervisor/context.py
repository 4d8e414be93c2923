"""Turning whatever the main window holds (database, signed-in officer) into a supervisor session."""

from __future__ import annotations

from typing import Any, Protocol

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock
from interview_app.storage.database import Database
from interview_app.storage.office import Office
from interview_app.supervision.session import SupervisorSession, supervisors_only

# The tools window's object name: the entry point (ui/supervisor/__init__.py) finds an open
# window by it, the window (tools_window.py) carries it.
OBJECT_NAME = "supervisorTools"


class ToolsContext(Protocol):
    """What open_supervisor_tools needs: the open database and the signed-in account (an
    Officer with `id`, or the counter's SignedIn with `officer_id`); and either the open data
    folder (`storage`, an Office: the counter's) or an `audit` log (an AuditLog or a method
    returning one) with a `clock` when present."""

    database: Database
    officer: Any


def officer_id_of(context: Any) -> int | None:
    officer = getattr(context, "officer", None)
    if officer is None:
        return None
    for name in ("officer_id", "id"):
        value = getattr(officer, name, None)
        if isinstance(value, int):
            return value
    return None


def session_from_context(context: Any) -> SupervisorSession:
    """The supervisor session for the signed-in account; PermissionDenied (from the core's
    own check) for an officer, a deactivated account, or nobody signed in."""
    officer_id = officer_id_of(context)
    if officer_id is None:
        raise supervisors_only()
    storage = getattr(context, "storage", None)
    if isinstance(storage, Office):  # the counter's open data folder
        session = SupervisorSession.open(storage, officer_id)
    else:
        clock: Clock | None = getattr(context, "clock", None)
        audit = getattr(context, "audit", None)
        if callable(audit) and not isinstance(audit, AuditLog):
            audit = audit()
        if not isinstance(audit, AuditLog):
            raise TypeError("a tools context holds an Office (`storage`) or an `audit` log")
        session = SupervisorSession(context.database, officer_id, audit, clock or SystemClock())
    session.require()
    return session
