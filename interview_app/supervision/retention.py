"""Retention: which interviews are past the period (dry run), their logged purge, the reminder."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from interview_app.errors import KnownError
from interview_app.storage.clock import Clock, SystemClock, cutoff_for, to_iso
from interview_app.storage.database import Database
from interview_app.storage.office_settings import OfficeSettings
from interview_app.supervision.session import SupervisorSession
from interview_app.text import Message


@dataclass(frozen=True)
class PurgeCandidate:
    """What the dry run lists: no names or numbers of the person, only the record."""

    uuid: str
    ref_no: str
    created_at: str
    status: str
    outcome: str | None


@dataclass(frozen=True)
class RetentionPlan:
    retention_years: int
    cutoff: str  # stored-time form; interviews created before it go
    candidates: tuple[PurgeCandidate, ...]

    @property
    def count(self) -> int:
        return len(self.candidates)


@dataclass(frozen=True)
class PurgeResult:
    cutoff: str
    counts: dict[str, int]  # table -> rows deleted

    @property
    def interviews(self) -> int:
        return self.counts.get("interviews", 0)

    def message(self) -> Message:
        return Message(
            f"{self.interviews} wawancara dihapus beserta jawaban, bendera, revisi dan slipnya.",
            f"{self.interviews} interview(s) deleted with their answers, flags, revisions and "
            "slips.",
        )


@dataclass(frozen=True)
class PurgeReminder:
    count: int
    retention_years: int

    def message(self) -> Message:
        return Message(
            f"{self.count} wawancara sudah melewati masa simpan {self.retention_years} tahun. "
            "Supervisor perlu menjalankan pembersihan data (Alat supervisor > Retensi).",
            f"{self.count} interview(s) are past the {self.retention_years}-year retention "
            "period. A supervisor needs to run the data purge (Supervisor tools > Retention).",
        )


def _table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    # PRAGMA table_info takes no parameters; `table` is one of the constant names below.
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


# Tables besides interviews that hold rows per interview, and the column naming it. The core
# tables cascade too; deleting explicitly gives the counts and covers tables without a
# foreign key (slips, sync bookkeeping that holds copies of interview content).
_CHILD_TABLES: tuple[tuple[str, str], ...] = (
    ("answers", "interview_uuid"),
    ("flags", "interview_uuid"),
    ("interview_revisions", "interview_uuid"),
    ("slips", "interview_uuid"),
    ("reviews", "interview_uuid"),
    ("referral_steps", "interview_uuid"),
    ("sync_conflicts", "interview_uuid"),
    ("sync_sent", "uuid"),
    ("sync_sent_reviews", "interview_uuid"),
    ("sync_sent_referrals", "interview_uuid"),
    ("sync_resolutions", "interview_uuid"),
    ("sync_sent_resolutions", "interview_uuid"),
)


def purge_due(
    database: Database, clock: Clock | None = None, *, years: int | None = None
) -> PurgeReminder | None:
    """A reminder for the home screen when interviews are past the retention period."""
    years = years if years is not None else OfficeSettings(database).retention_years
    cutoff = to_iso(cutoff_for((clock or SystemClock())(), years))
    count = int(
        database.conn.execute(
            "SELECT count(*) FROM interviews WHERE created_at < ?", (cutoff,)
        ).fetchone()[0]
    )
    return PurgeReminder(count, years) if count else None


class Retention:
    def __init__(self, session: SupervisorSession) -> None:
        self._session = session

    def plan(self) -> RetentionPlan:
        """The dry run: every interview the purge would delete now, oldest first."""
        self._session.require()
        years = OfficeSettings(self._session.database).retention_years
        cutoff = to_iso(cutoff_for(self._session.clock(), years))
        rows = self._session.database.conn.execute(
            "SELECT uuid, ref_no, created_at, status, coalesce(chosen_outcome, suggested_outcome)"
            " FROM interviews WHERE created_at < ? ORDER BY created_at",
            (cutoff,),
        )
        return RetentionPlan(years, cutoff, tuple(PurgeCandidate(*row) for row in rows))

    def purge(self, plan: RetentionPlan) -> PurgeResult:
        """Delete the interviews created before the plan's cutoff, with everything stored for
        them, in one transaction, and log the counts (never who or what was deleted). The audit
        log is append-only and untouched, so its chain stays verifiable."""
        self._session.require()
        current = self.plan()
        if plan.cutoff > current.cutoff:
            raise KnownError(
                "Masa simpan berubah sejak uji coba; jalankan uji coba lagi.",
                "The retention period changed since the dry run; run the dry run again.",
            )
        counts: dict[str, int] = {}
        database = self._session.database
        with database.transaction() as conn:
            selected = "SELECT uuid FROM interviews WHERE created_at < ?"
            for table, column in _CHILD_TABLES:
                if column not in _table_columns(conn, table):
                    continue
                cursor = conn.execute(
                    f"DELETE FROM {table} WHERE {column} IN ({selected})", (plan.cutoff,)
                )
                counts[table] = max(cursor.rowcount, 0)
            cursor = conn.execute("DELETE FROM interviews WHERE created_at < ?", (plan.cutoff,))
            counts["interviews"] = max(cursor.rowcount, 0)
            self._session.audit.append(
                self._session.actor,
                "retention.purge",
                None,
                None,
                {
                    "retention_years": plan.retention_years,
                    "cutoff": plan.cutoff,
                    "counts": counts,
                },
            )
        # Old page images of the deleted rows may still sit in the WAL file; secure_delete
        # zeroes the database pages, and a truncating checkpoint empties the WAL.
        try:
            database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass  # a reader holds the WAL; the next checkpoint clears it
        return PurgeResult(plan.cutoff, counts)
