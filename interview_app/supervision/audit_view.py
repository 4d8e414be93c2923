"""The audit log for supervisors: filtered listing with actor names, and the chain check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from interview_app.storage.audit import BASELINE_ACTION, CONTENT_ACTION, AuditCheck, AuditEntry
from interview_app.storage.maintenance import check as check_database
from interview_app.supervision.review import (
    OfficerKey,
    local_bounds,
    local_workstation,
    officer_names,
)
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
        return [
            str(a)
            for (a,) in self._session.database.conn.execute(
                "SELECT DISTINCT action FROM audit_log ORDER BY action"
            )
        ]

    def list(self, filters: AuditFilter | None = None) -> list[AuditRow]:
        """Newest first."""
        self._session.require()
        f = filters or AuditFilter()
        clauses: list[str] = []
        params: list[Any] = []
        start, end = local_bounds(f.date_from, f.date_to, self._tz)
        if start is not None:
            clauses.append("at >= ?")
            params.append(start)
        if end is not None:
            clauses.append("at < ?")
            params.append(end)
        if not f.action:  # the records of rows the storage layer writes by itself
            clauses.append("action NOT IN (?, ?)")
            params += [CONTENT_ACTION, BASELINE_ACTION]
        if f.action:
            if f.action.endswith("."):
                clauses.append("substr(action, 1, ?) = ?")
                params += [len(f.action), f.action]
            else:
                clauses.append("action = ?")
                params.append(f.action)
        if f.actor:
            clauses.append("actor = ?")
            params.append(f.actor)
        if f.object_id:
            clauses.append("object_id = ?")
            params.append(f.object_id)
        if f.before_seq is not None:
            clauses.append("seq < ?")
            params.append(int(f.before_seq))
        sql = (
            "SELECT seq, at, actor, action, object_type, object_id, details, prev_hash, hash"
            " FROM audit_log"
        )
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY seq DESC LIMIT ?"
        params.append(int(f.limit))
        conn = self._session.database.conn
        names = officer_names(conn)
        local = local_workstation(conn)
        rows = []
        for seq, at, actor, action, otype, oid, details, prev, digest in conn.execute(sql, params):
            entry = AuditEntry(
                seq, at, actor, action, otype, oid, json.loads(details), prev, digest
            )
            rows.append(AuditRow(entry, _actor_name(actor, names, local)))
        return rows

    def check(self) -> AuditCheck:
        """What `db check` says of the chain: every link (an edited, removed or re-ordered
        entry breaks it), the head file (a cut tail), and the rows against the chain's
        records of them (a row changed, added or removed outside the application)."""
        self._session.require()
        report = check_database(self._session.database.data_dir)
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
