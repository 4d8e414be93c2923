"""The tables that hold an applicant's personal data, and their purge with the interview."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from interview_app.storage.database import Database
from interview_app.storage.rows import named_rows
from interview_app.storage.sqlerrors import SQLITE_ERRORS


@dataclass(frozen=True)
class InterviewTable:
    """A table whose rows belong to one interview: `column` names it (its uuid). The rows go
    when the interview is purged, whether or not a foreign key cascades."""

    name: str
    column: str


# Every table that holds rows per interview: the interview's own data, what was printed or
# decided about it, and the sync bookkeeping that holds copies or traces of it. Every table of
# the schema is in this list or one of the two below (tests/storage/test_personal_data.py
# checks), so a new table is placed on purpose. Children first, the interview itself last.
INTERVIEW_TABLES: tuple[InterviewTable, ...] = (
    InterviewTable("answers", "interview_uuid"),
    InterviewTable("flags", "interview_uuid"),
    InterviewTable("interview_revisions", "interview_uuid"),
    InterviewTable("unsaved_input", "interview_uuid"),
    InterviewTable("slips", "interview_uuid"),
    InterviewTable("reviews", "interview_uuid"),
    InterviewTable("referral_steps", "interview_uuid"),
    InterviewTable("sync_conflicts", "interview_uuid"),
    InterviewTable("sync_sent", "uuid"),
    InterviewTable("sync_sent_reviews", "interview_uuid"),
    InterviewTable("sync_sent_referrals", "interview_uuid"),
    InterviewTable("sync_resolutions", "interview_uuid"),
    InterviewTable("sync_sent_resolutions", "interview_uuid"),
    InterviewTable("interviews", "uuid"),
)

# Personal data retention does not purge: the officers' own accounts (name, NIP; an account is
# deactivated, never deleted, since the audit log and the interviews name it by id) and other
# workstations' officers as their packages named them (the same, for interviews synced in).
OFFICER_TABLES: tuple[str, ...] = ("officers", "sync_officers")

# Tables that hold no personal data: office settings, scripts, counters, the audit log (ids
# only, never NIK values or answers), sync bookkeeping by package, and the schema's own record.
NO_PERSONAL_DATA_TABLES: tuple[str, ...] = (
    "_sqlite_migrations",
    "audit_log",
    "questionnaires",
    "ref_counters",
    "settings",
    "slip_counters",
    "sync_anchors",
    "sync_export_numbers",
    "sync_foreign_audit",
    "sync_history",
)


@dataclass(frozen=True)
class InterviewToPurge:
    """What a purge's dry run lists: no names or numbers of the person, only the record."""

    uuid: str
    ref_no: str
    created_at: str
    status: str
    outcome: str | None


class PersonalData:
    """The interviews past a cutoff (stored-time form: created before it) and their purge."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def count_created_before(self, cutoff: str) -> int:
        row = self._database.conn.execute(
            "SELECT count(*) FROM interviews WHERE created_at < ?", (cutoff,)
        ).fetchone()
        return int(row[0])

    def created_before(self, cutoff: str) -> list[InterviewToPurge]:
        """Oldest first."""
        rows = named_rows(
            self._database.conn,
            "SELECT uuid, ref_no, created_at, status,"
            " coalesce(chosen_outcome, suggested_outcome) AS outcome"
            " FROM interviews WHERE created_at < ? ORDER BY created_at",
            (cutoff,),
        )
        return [
            InterviewToPurge(
                uuid=row["uuid"],
                ref_no=row["ref_no"],
                created_at=row["created_at"],
                status=row["status"],
                outcome=row["outcome"],
            )
            for row in rows
        ]

    def purge_created_before(self, cutoff: str) -> dict[str, int]:
        """Delete the interviews created before `cutoff` with every row of theirs, in one
        transaction (the caller's, when one is open: the purge's audit entry goes in it).
        Returns the rows deleted per table; a table this database does not hold is left out."""
        counts: dict[str, int] = {}
        selected = "SELECT uuid FROM interviews WHERE created_at < ?"
        with self._database.transaction() as conn:
            for table in INTERVIEW_TABLES:
                if table.column not in _columns(conn, table.name):
                    continue
                # Both names are constants of INTERVIEW_TABLES, never user text.
                cursor = conn.execute(
                    f'DELETE FROM "{table.name}" WHERE "{table.column}" IN ({selected})', (cutoff,)
                )
                counts[table.name] = max(cursor.rowcount, 0)
        return counts

    def forget_deleted_pages(self) -> None:
        """After a purge: secure_delete zeroed the database pages, but old page images of the
        deleted rows may still sit in the WAL file; a truncating checkpoint empties it."""
        try:
            self._database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except SQLITE_ERRORS:
            pass  # a reader holds the WAL; the next checkpoint clears it


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {
        str(name) for (name,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
    }
