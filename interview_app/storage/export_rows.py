"""Every interview of a period with the fields the CSV and XLSX exports show, by column name."""

from __future__ import annotations

from dataclasses import dataclass

from interview_app.storage.database import Database
from interview_app.storage.rows import named_rows

_SQL = (
    "SELECT i.ref_no, i.status, i.created_at, i.completed_at, i.workstation_id, i.officer_id,"
    " i.nik, i.full_name, i.sex, i.birth_date, i.home_regency, i.phone, i.passport_no,"
    " (SELECT a.value FROM answers a WHERE a.interview_uuid = i.uuid"
    "  AND a.question_id = :purpose_question) AS purpose,"
    " (SELECT a.value FROM answers a WHERE a.interview_uuid = i.uuid"
    "  AND a.question_id = :destination_question) AS destination,"
    " i.score, i.hard_flag,"
    " (SELECT group_concat(f.rule_id, ' ') FROM"
    "  (SELECT rule_id FROM flags WHERE interview_uuid = i.uuid ORDER BY position) f) AS flags,"
    " i.suggested_outcome, i.chosen_outcome, i.override_reason, i.consent_bp3mi, i.revision"
    " FROM interviews i WHERE i.created_at >= :start AND i.created_at < :end"
    " ORDER BY i.created_at, i.ref_no"
)


@dataclass(frozen=True)
class ExportRow:
    """One interview as stored; `purpose` and `destination` are the answers' stored JSON text
    (None: not answered), `flags` the rule ids that fired, space-separated, in order."""

    ref_no: str
    status: str
    created_at: str
    completed_at: str | None
    workstation_id: str
    officer_id: int | None
    nik: str | None
    full_name: str | None
    sex: str | None
    birth_date: str | None
    home_regency: str | None
    phone: str | None
    passport_no: str | None
    purpose: str | None
    destination: str | None
    score: float | None
    hard_flag: int | None
    flags: str | None
    suggested_outcome: str | None
    chosen_outcome: str | None
    override_reason: str | None
    consent_bp3mi: int | None
    revision: int


_FIELDS = tuple(ExportRow.__dataclass_fields__)


class ExportRows:
    def __init__(self, database: Database) -> None:
        self._database = database

    def created_between(
        self, start: str, end: str, *, purpose_question: str, destination_question: str
    ) -> list[ExportRow]:
        """Every interview created in [start, end) (stored-time form, all statuses), oldest
        first."""
        rows = named_rows(
            self._database.conn,
            _SQL,
            {
                "start": start,
                "end": end,
                "purpose_question": purpose_question,
                "destination_question": destination_question,
            },
        )
        return [ExportRow(**{name: row[name] for name in _FIELDS}) for row in rows]
