"""The recap's counts over the interviews completed in a period, each counted by SQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from interview_app.storage.database import Database
from interview_app.storage.rows import named_rows

# The completed interviews `i` created in [start, end) (stored-time form).
_COMPLETED = "i.status = 'completed' AND i.created_at >= :start AND i.created_at < :end"


@dataclass(frozen=True)
class CodeCount:
    """Interviews per value of one column or answer (None: not given)."""

    code: str | None
    count: int


@dataclass(frozen=True)
class OfficerCount:
    workstation_id: str
    officer_id: int | None
    count: int


@dataclass(frozen=True)
class RuleCount:
    """Interviews a rule flagged, with its reason in both languages."""

    rule_id: str
    reason_id: str
    reason_en: str
    count: int


@dataclass(frozen=True)
class StatusTotals:
    completed: int
    hard_flag: int  # completed with a hard flag
    overrides: int  # completed with an outcome other than the suggestion
    drafts: int  # every interview created in the period, by status
    voided: int


class RecapFigures:
    """Counts for a recap; `start` and `end` bound `created_at` ([start, end), stored form)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def _rows(self, sql: str, start: str, end: str, **more: Any) -> list[Any]:
        return list(named_rows(self._database.conn, sql, {"start": start, "end": end, **more}))

    def per_day(self, start: str, end: str, offset_modifier: str) -> dict[str, int]:
        """Local day (ISO date, through SQLite's date() with `offset_modifier`) -> count."""
        rows = self._rows(
            "SELECT date(i.created_at, :modifier) AS day, count(*) AS n FROM interviews i"
            f" WHERE {_COMPLETED} GROUP BY day",
            start,
            end,
            modifier=offset_modifier,
        )
        return {str(row["day"]): int(row["n"]) for row in rows}

    def outcomes(self, start: str, end: str) -> list[CodeCount]:
        """By outcome (the chosen one, else the suggested), most first."""
        rows = self._rows(
            "SELECT coalesce(i.chosen_outcome, i.suggested_outcome) AS code, count(*) AS n"
            f" FROM interviews i WHERE {_COMPLETED} GROUP BY 1 ORDER BY 2 DESC, 1",
            start,
            end,
        )
        return [CodeCount(row["code"], int(row["n"])) for row in rows]

    def answers(self, start: str, end: str, question_id: str) -> list[CodeCount]:
        """By the answer to `question_id` (a single value, e.g. the destination), most first;
        interviews without the answer are not counted."""
        rows = self._rows(
            "SELECT a.value AS value, count(*) AS n FROM interviews i JOIN answers a"
            " ON a.interview_uuid = i.uuid AND a.question_id = :question"
            f" WHERE {_COMPLETED} GROUP BY a.value ORDER BY 2 DESC, 1",
            start,
            end,
            question=question_id,
        )
        return [CodeCount(str(json.loads(row["value"])), int(row["n"])) for row in rows]

    def regencies(self, start: str, end: str) -> list[CodeCount]:
        """By the applicant's home regency code, most first."""
        rows = self._rows(
            "SELECT i.home_regency AS code, count(*) AS n FROM interviews i"
            f" WHERE {_COMPLETED} GROUP BY 1 ORDER BY 2 DESC, 1",
            start,
            end,
        )
        return [CodeCount(row["code"], int(row["n"])) for row in rows]

    def officers(self, start: str, end: str) -> list[OfficerCount]:
        """By officer (workstation and id), most first."""
        rows = self._rows(
            "SELECT i.workstation_id, i.officer_id, count(*) AS n FROM interviews i"
            f" WHERE {_COMPLETED} GROUP BY 1, 2 ORDER BY 3 DESC",
            start,
            end,
        )
        return [
            OfficerCount(
                str(row["workstation_id"]),
                None if row["officer_id"] is None else int(row["officer_id"]),
                int(row["n"]),
            )
            for row in rows
        ]

    def rules(self, start: str, end: str, top: int) -> list[RuleCount]:
        """The `top` rules by interviews flagged."""
        rows = self._rows(
            "SELECT f.rule_id, max(f.reason_id) AS reason_id, max(f.reason_en) AS reason_en,"
            " count(*) AS n FROM flags f JOIN interviews i ON i.uuid = f.interview_uuid"
            f" WHERE {_COMPLETED} GROUP BY f.rule_id ORDER BY 4 DESC, 1 LIMIT :top",
            start,
            end,
            top=int(top),
        )
        return [
            RuleCount(
                str(row["rule_id"]), str(row["reason_id"]), str(row["reason_en"]), int(row["n"])
            )
            for row in rows
        ]

    def totals(self, start: str, end: str) -> StatusTotals:
        completed = self._rows(
            "SELECT count(*) AS completed, coalesce(sum(i.hard_flag), 0) AS hard,"
            f" count(i.override_reason) AS overrides FROM interviews i WHERE {_COMPLETED}",
            start,
            end,
        )[0]
        others = self._rows(
            "SELECT count(*) FILTER (WHERE status = 'draft') AS drafts,"
            " count(*) FILTER (WHERE status = 'voided') AS voided"
            " FROM interviews WHERE created_at >= :start AND created_at < :end",
            start,
            end,
        )[0]
        return StatusTotals(
            completed=int(completed["completed"]),
            hard_flag=int(completed["hard"]),
            overrides=int(completed["overrides"]),
            drafts=int(others["drafts"]),
            voided=int(others["voided"]),
        )
