"""Retention: which interviews are past the period (dry run), their logged purge, the reminder."""

from __future__ import annotations

from dataclasses import dataclass

from interview_app.errors import KnownError
from interview_app.storage.clock import Clock, SystemClock, cutoff_for, to_iso
from interview_app.storage.database import Database
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.personal_data import InterviewToPurge, PersonalData
from interview_app.supervision.session import SupervisorSession
from interview_app.text import Message


@dataclass(frozen=True)
class RetentionPlan:
    retention_years: int
    cutoff: str  # stored-time form; interviews created before it go
    candidates: tuple[InterviewToPurge, ...]

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


def purge_due(
    database: Database, clock: Clock | None = None, *, years: int | None = None
) -> PurgeReminder | None:
    """A reminder for the home screen when interviews are past the retention period."""
    years = years if years is not None else OfficeSettings(database).retention_years
    cutoff = to_iso(cutoff_for((clock or SystemClock())(), years))
    count = PersonalData(database).count_created_before(cutoff)
    return PurgeReminder(count, years) if count else None


class Retention:
    def __init__(self, session: SupervisorSession) -> None:
        self._session = session

    def plan(self) -> RetentionPlan:
        """The dry run: every interview the purge would delete now, oldest first."""
        self._session.require()
        years = self._session.settings.retention_years
        cutoff = to_iso(cutoff_for(self._session.clock(), years))
        candidates = PersonalData(self._session.database).created_before(cutoff)
        return RetentionPlan(years, cutoff, tuple(candidates))

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
        personal_data = PersonalData(self._session.database)
        with self._session.database.transaction():
            counts = personal_data.purge_created_before(plan.cutoff)
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
        personal_data.forget_deleted_pages()
        return PurgeResult(plan.cutoff, counts)
