"""The audit log for supervisors: filtered listing with actor names, and the chain check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, tzinfo

from interview_app.storage.audit import AuditCheck, AuditEntry
from interview_app.storage.maintenance import check as check_database
from interview_app.storage.office import Office
from interview_app.storage.officer_names import OfficerKey, OfficerNames
from interview_app.supervision.review_desk import local_bounds
from interview_app.supervision.session import SupervisorSession
from interview_app.text import Message


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None
    action: str | None = None  # exact, or a prefix ending in "." (e.g. "login.")
    actor: str | None = None  # "officer:3", "system", "cli", ...
    object_id: str | None = None
    before_seq: int | None = None  # paging: entries older than this one
    limit: int = 500


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    actor_name: str

    @property
    def details_text(self) -> str:
        return json.dumps(self.entry.details, ensure_ascii=False, sort_keys=True)


class AuditViewer:
    def __init__(self, session: SupervisorSession, tz: tzinfo | None = None) -> None:
        self._session = session
        self._tz = tz

    def actions(self) -> list[str]:
        self._session.require()
        return self._session.audit.actions()

    def list(self, filters: AuditFilter | None = None) -> list[AuditRow]:
        """Newest first."""
        self._session.require()
        f = filters or AuditFilter()
        start, end = local_bounds(f.date_from, f.date_to, self._tz)
        entries = self._session.audit.search(
            start=start,
            end=end,
            action=f.action,
            actor=f.actor,
            object_id=f.object_id,
            before_seq=f.before_seq,
            limit=f.limit,
        )
        officer_names = OfficerNames(self._session.database)
        names = officer_names.all()
        local = officer_names.local_workstation()
        return [AuditRow(entry, _actor_name(entry.actor, names, local)) for entry in entries]

    def check(self) -> AuditCheck:
        """What `db check` says of the chain: every link (an edited, removed or re-ordered
        entry breaks it), the head file (a cut tail), and the rows against the chain's
        records of them (a row changed, added or removed outside the application)."""
        self._session.require()
        database = self._session.database
        report = check_database(
            database.data_dir, key=database.key, office_key=Office.of(database).key_on_file
        )
        chain = report.audit
        if chain is not None and not chain.ok:
            return chain
        problems = report.problems
        entries = chain.entries if chain is not None else 0
        if problems:
            return AuditCheck(
                False,
                entries,
                None,
                Message(
                    "\n".join(problem.id for problem in problems),
                    "\n".join(problem.en for problem in problems),
                ),
            )
        if chain is None:  # a new data folder: nothing logged yet
            return AuditCheck(
                True,
                0,
                None,
                Message("Log audit belum berisi entri.", "The audit log has no entries yet."),
            )
        return chain


def _actor_name(actor: str, names: dict[OfficerKey, str], local: str) -> str:
    if actor.startswith("officer:"):
        try:
            officer_id = int(actor.split(":", 1)[1])
        except ValueError:
            return actor
        return names.get(OfficerKey(local, officer_id), actor)
    return actor
