"""Import: check a whole package and say what it would do, then apply it in one transaction."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from interview_app.errors import KnownError
from interview_app.storage import maintenance
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock, cutoff_for, to_iso
from interview_app.storage.database import Database
from interview_app.storage.interviews import WORKSTATION_CODE
from interview_app.storage.settings import SettingsStore
from interview_app.storage.sqlerrors import translate_sqlite_errors
from interview_app.storage.writefiles import disk_full_while
from interview_app.sync.container import PackageReader
from interview_app.sync.errors import (
    PackageFromThisWorkstation,
    SyncError,
    file_errors,
    newer_application,
)
from interview_app.sync.history import imported_before, insert_history
from interview_app.sync.manifest import Manifest
from interview_app.sync.merge import (
    CONFLICT,
    NEW,
    OLDER,
    PAST_RETENTION,
    REFERRAL_NEW,
    RESOLUTION_NEW,
    REVIEW_CONFLICT,
    REVIEW_NEW,
    REVIEW_SKIPPED,
    SAME,
    UPDATE,
    Merger,
)
from interview_app.sync.records import (
    KIND_AUDIT,
    KIND_OFFICER,
    BodyReader,
    InterviewLine,
    OtherLine,
    ReferralStepLine,
    ResolutionLine,
    ReviewLine,
)
from interview_app.sync.ref_number_guard import RefNumberGuard
from interview_app.sync.resolutions import Resolution
from interview_app.sync.station import Station, load_station
from interview_app.text import Message


def _number(value: int) -> tuple[str, str]:
    """(Indonesian, English) thousands separators: 1.020 / 1,020."""
    return f"{value:,}".replace(",", "."), f"{value:,}"


@dataclass(frozen=True)
class ImportPlan:
    """What importing `path` would do; nothing has been written."""

    path: Path
    manifest: Manifest
    new: int = 0
    updated: int = 0
    already_here: int = 0
    conflicts: int = 0  # interviews and review marks set aside for a supervisor
    already_imported: bool = False
    reviews_new: int = 0
    reviews_skipped: int = 0  # marks of interviews that are not here
    past_retention: int = 0  # interviews older than the retention period: not brought back
    referrals_new: int = 0  # referral follow-up steps recorded at other counters
    resolutions: int = 0  # supervisors' settlements of conflicts new here

    @property
    def package_id(self) -> str:
        return self.manifest.package_id

    def summary(self) -> Message:
        m = self.manifest
        source = m.source_workstation_name or m.source_workstation[:8]
        if self.already_imported:
            return Message(
                f"Paket {self.path.name} dari {source} (no. {m.sequence}) sudah diimpor "
                "sebelumnya; tidak ada yang berubah.",
                f"Package {self.path.name} from {source} (no. {m.sequence}) was already "
                "imported; nothing changes.",
            )
        n, u, a, c = (
            _number(x) for x in (self.new, self.updated, self.already_here, self.conflicts)
        )
        tail = _reviews_text(self.reviews_new, self.reviews_skipped)
        old = _retention_text(self.past_retention)
        steps = _referrals_text(self.referrals_new)
        settled = _resolutions_text(self.resolutions)
        return Message(
            f"Paket {self.path.name} dari {source} (no. {m.sequence}): {n[0]} baru, "
            f"{u[0]} diperbarui, {a[0]} sudah ada, {c[0]} konflik."
            + old.id
            + tail.id
            + steps.id
            + settled.id,
            f"Package {self.path.name} from {source} (no. {m.sequence}): {n[1]} new, "
            f"{u[1]} updated, {a[1]} already here, {c[1]} conflicts."
            + old.en
            + tail.en
            + steps.en
            + settled.en,
        )


def _resolutions_text(count: int) -> Message:
    """Conflict settlements the package brings ("" when none)."""
    if not count:
        return Message("", "")
    c = _number(count)
    return Message(
        f" Penyelesaian konflik oleh supervisor: {c[0]}.",
        f" Conflicts resolved by a supervisor: {c[1]}.",
    )


def _retention_text(count: int) -> Message:
    """Interviews past the retention period the package still holds ("" when none)."""
    if not count:
        return Message("", "")
    c = _number(count)
    return Message(
        f" {c[0]} wawancara melewati masa simpan tidak diimpor (loket pengirim perlu "
        "menjalankan pembersihan data).",
        f" {c[1]} interview(s) past the retention period not imported (the sending "
        "workstation needs to run the data purge).",
    )


def retention_cutoff(database: Database, clock: Clock | None = None) -> str:
    """Interviews taken before this (stored-time form) are past this office's retention
    period: an import does not bring them back after a purge."""
    from interview_app.storage.office_settings import OfficeSettings

    years = OfficeSettings(database).retention_years
    return to_iso(cutoff_for((clock or SystemClock())(), years))


def _referrals_text(new: int) -> Message:
    """The referral follow-up steps' part of a summary ("" when the package brought none)."""
    if not new:
        return Message("", "")
    n = _number(new)
    return Message(f" Tindak lanjut rujukan: {n[0]} baru.", f" Referral follow-up: {n[1]} new.")


def _reviews_text(new: int, skipped: int) -> Message:
    """The review marks' part of a summary ("" when the package brought none)."""
    if not (new or skipped):
        return Message("", "")
    n, s = _number(new), _number(skipped)
    return Message(
        f" Tinjauan supervisor: {n[0]} baru, {s[0]} dilewati (wawancaranya tidak ada di sini).",
        f" Supervisor reviews: {n[1]} new, {s[1]} skipped (their interview is not here).",
    )


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    new: int = 0
    updated: int = 0
    already_here: int = 0
    conflicts: int = 0
    questionnaires: int = 0
    audit_entries: int = 0
    snapshot: Path | None = None
    already_imported: bool = False
    reviews_new: int = 0
    reviews_skipped: int = 0
    past_retention: int = 0
    referrals_new: int = 0
    resolutions: int = 0

    @property
    def changed(self) -> bool:
        return not self.already_imported

    def summary(self) -> Message:
        if self.already_imported:
            return Message(
                "Sudah diimpor; tidak ada yang berubah.", "Already imported; nothing changed."
            )
        n, u, a, c = (
            _number(x) for x in (self.new, self.updated, self.already_here, self.conflicts)
        )
        tail_id = " Konflik disimpan untuk diperiksa supervisor." if self.conflicts else ""
        tail_en = " Conflicts were set aside for a supervisor." if self.conflicts else ""
        reviews = _reviews_text(self.reviews_new, self.reviews_skipped)
        old = _retention_text(self.past_retention)
        steps = _referrals_text(self.referrals_new)
        settled = _resolutions_text(self.resolutions)
        return Message(
            f"Diimpor: {n[0]} baru, {u[0]} diperbarui, {a[0]} sudah ada, {c[0]} konflik."
            + old.id
            + reviews.id
            + steps.id
            + settled.id
            + tail_id,
            f"Imported: {n[1]} new, {u[1]} updated, {a[1]} already here, {c[1]} conflicts."
            + old.en
            + reviews.en
            + steps.en
            + settled.en
            + tail_en,
        )


@dataclass(frozen=True)
class ImportOutcome:
    """One package of a multi-package run: a result, or the reason it was refused."""

    path: Path
    plan: ImportPlan | None = None
    result: ImportResult | None = None
    error: KnownError | None = None


Progress = Callable[[int, int], None]  # (bytes of the package read, its size)


def _reporting(
    blocks: Iterator[bytes], handle: BinaryIO, size: int, progress: Progress
) -> Iterator[bytes]:
    for block in blocks:
        progress(handle.tell(), size)
        yield block


@contextmanager
def _open_package(
    path: Path, station: Station, progress: Progress | None = None
) -> Iterator[BodyReader]:
    path = Path(path)
    if not path.is_file():
        raise SyncError(
            f"Berkas paket {path} tidak ada.", f"The package file {path} does not exist."
        )
    with file_errors(path), open(path, "rb") as handle:
        reader = PackageReader(handle, station.office_key, expected_office=station.office_code)
        blocks = reader.blocks()
        if progress is not None:
            blocks = _reporting(blocks, handle, os.fstat(handle.fileno()).st_size, progress)
        yield BodyReader(reader.header, blocks)


def _check_source(manifest: Manifest, station: Station, schema_version: int) -> None:
    if manifest.source_workstation == station.workstation_id:
        raise PackageFromThisWorkstation(
            "Paket ini dibuat oleh komputer ini sendiri; isinya sudah ada di sini. Impor paket "
            "dari komputer lain.",
            "This package was made by this workstation; its content is here already. Import "
            "packages from other workstations.",
        )
    if manifest.schema_version > schema_version:
        raise newer_application()


def inspect_package(
    database: Database,
    data_dir: Path,
    path: Path,
    *,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> ImportPlan:
    """Decrypt and check everything (key, every chunk, manifest, counts, checksums) and count
    what an import would do. Reads only."""
    station = load_station(database, Path(data_dir))
    clock = clock or SystemClock()
    merger = Merger(database, station.workstation_id, to_iso(clock()))
    cutoff = retention_cutoff(database, clock)
    tally: Counter[str] = Counter()
    arriving: set[str] = set()  # interviews the package would add: their marks are not skipped
    with translate_sqlite_errors(), _open_package(path, station, progress) as body:
        for item in body:
            if isinstance(item, InterviewLine):
                action = merger.decide(item, cutoff).action
                tally[action] += 1
                if action == NEW:
                    arriving.add(item.uuid)
            elif isinstance(item, ReviewLine):
                tally[merger.decide_review(item.values(), arriving)] += 1
            elif isinstance(item, ReferralStepLine):
                tally[merger.decide_referral_step(item.values(), arriving)] += 1
            elif isinstance(item, ResolutionLine):
                values = item.values()
                tally[RESOLUTION_NEW] += merger.conflicts.resolution(values[0]) is None
        manifest = body.manifest
    assert manifest is not None  # BodyReader raised otherwise
    _check_source(manifest, station, database.schema_version)
    if imported_before(database, manifest.package_id):
        return ImportPlan(Path(path), manifest, already_imported=True)
    return ImportPlan(
        Path(path),
        manifest,
        new=tally[NEW],
        updated=tally[UPDATE],
        already_here=tally[SAME] + tally[OLDER],
        conflicts=tally[CONFLICT] + tally[REVIEW_CONFLICT],
        reviews_new=tally[REVIEW_NEW],
        reviews_skipped=tally[REVIEW_SKIPPED],
        past_retention=tally[PAST_RETENTION],
        referrals_new=tally[REFERRAL_NEW],
        resolutions=tally[RESOLUTION_NEW],
    )


def apply_package(
    database: Database,
    data_dir: Path,
    path: Path,
    *,
    plan: ImportPlan | None = None,
    clock: Clock | None = None,
    actor: str = "system",
    snapshot: bool = True,
    progress: Progress | None = None,
) -> ImportResult:
    """Import `path` in one transaction. The whole package is checked first (`plan`, from
    inspect_package, or done here); while applying, every chunk and the manifest are checked
    again and any failure rolls everything back. A pre-import snapshot is taken first.
    `progress(bytes read, package size)` is called as the package is read (both passes)."""
    clock = clock or SystemClock()
    if plan is None:
        plan = inspect_package(database, data_dir, path, progress=progress, clock=clock)
    if plan.already_imported:
        return ImportResult(plan, already_imported=True)
    with disk_full_while("mengimpor paket", "importing the package", Path(data_dir)):
        return _apply(database, Path(data_dir), Path(path), plan, clock, actor, snapshot, progress)


def _apply(
    database: Database,
    data_dir: Path,
    path: Path,
    plan: ImportPlan,
    clock: Clock,
    actor: str,
    snapshot: bool,
    progress: Progress | None,
) -> ImportResult:
    station = load_station(database, Path(data_dir))
    taken: Path | None = None
    if snapshot and (
        plan.new
        or plan.updated
        or plan.conflicts
        or plan.reviews_new
        or plan.referrals_new
        or plan.resolutions
    ):
        taken = maintenance.snapshot(database, "pre-import", now=clock())
    now = to_iso(clock())
    audit = AuditLog(database, station.office_key, clock)
    counts: Counter[str] = Counter()
    with database.transaction():
        if imported_before(database, plan.package_id):
            return ImportResult(plan, already_imported=True)
        counters = RefNumberGuard(
            station.office_code, SettingsStore(database).get(WORKSTATION_CODE)
        )
        merger = Merger(database, station.workstation_id, now, counters)
        cutoff = retention_cutoff(database, clock)
        with _open_package(path, station, progress) as body:
            for item in body:
                _apply_item(merger, item, plan.manifest, counts, cutoff)
            manifest = body.manifest
        assert manifest is not None
        if manifest.package_id != plan.package_id:
            raise SyncError(
                "Berkas paket berubah sejak diperiksa; periksa ulang lalu impor.",
                "The package file changed since it was checked; check it again and import.",
            )
        _check_source(manifest, station, database.schema_version)
        result = ImportResult(
            plan,
            new=counts[NEW],
            updated=counts[UPDATE],
            already_here=counts[SAME] + counts[OLDER],
            conflicts=counts[CONFLICT] + counts[REVIEW_CONFLICT],
            questionnaires=counts["questionnaire"],
            audit_entries=merger.flush(),
            snapshot=taken,
            reviews_new=counts[REVIEW_NEW],
            reviews_skipped=counts[REVIEW_SKIPPED],
            past_retention=counts[PAST_RETENTION],
            referrals_new=counts[REFERRAL_NEW],
            resolutions=counts[RESOLUTION_NEW],
        )
        details = {
            "new": result.new,
            "updated": result.updated,
            "already_here": result.already_here,
            "conflicts": result.conflicts,
        }
        if result.reviews_new or result.reviews_skipped:
            details["reviews_new"] = result.reviews_new
            details["reviews_skipped"] = result.reviews_skipped
        if result.referrals_new:
            details["referrals_new"] = result.referrals_new
        if result.resolutions:
            details["resolutions"] = result.resolutions
        counters.write(merger.records)
        insert_history(
            database,
            "import",
            manifest,
            at=now,
            actor=actor,
            file_name=plan.path.name,
            destination=None,
            counts={**manifest.counts, **details},
        )
        if manifest.audit_head is not None:
            merger.peers.add_anchor(
                manifest.source_workstation, manifest.audit_head, manifest.package_id, now
            )
        audit.append(
            actor,
            "import",
            "sync_package",
            manifest.package_id,
            {
                "source_workstation": manifest.source_workstation,
                "sequence": manifest.sequence,
                "file": plan.path.name,
                **details,
            },
        )
    return result


def _apply_item(
    merger: Merger,
    item: InterviewLine | ReviewLine | ReferralStepLine | ResolutionLine | OtherLine,
    manifest: Manifest,
    counts: Counter[str],
    retention_cutoff: str | None = None,
) -> None:
    if isinstance(item, InterviewLine):
        decision = merger.decide(item, retention_cutoff)
        merger.apply(item, decision, manifest.package_id, manifest.source_workstation)
        counts[decision.action] += 1
    elif isinstance(item, ReviewLine):
        source = manifest.source_workstation
        counts[merger.review(item, item.values(), manifest.package_id, source)] += 1
    elif isinstance(item, ReferralStepLine):
        counts[merger.referral_step(item.values())] += 1
    elif isinstance(item, ResolutionLine):
        settled = Resolution(*item.values())
        counts[merger.resolution(settled, manifest.package_id, manifest.source_workstation)] += 1
    elif item.kind == KIND_OFFICER:
        merger.officer(item.parsed())
    elif item.kind == KIND_AUDIT:
        merger.audit_entry(item.key[1] if len(item.key) > 1 else None, item.parsed())
    else:
        counts["questionnaire"] += merger.questionnaire(item.parsed())


def import_packages(
    database: Database,
    data_dir: Path,
    paths: Sequence[Path],
    *,
    clock: Clock | None = None,
    actor: str = "system",
    on_plan: Callable[[ImportPlan], None] | None = None,
) -> list[ImportOutcome]:
    """Each package on its own: a refused one is reported with its reason and never stops the
    others."""
    outcomes = []
    for path in paths:
        plan: ImportPlan | None = None
        try:
            plan = inspect_package(database, data_dir, Path(path), clock=clock)
            if on_plan is not None:
                on_plan(plan)
            result = apply_package(
                database, data_dir, Path(path), plan=plan, clock=clock, actor=actor
            )
            outcomes.append(ImportOutcome(Path(path), plan, result))
        except KnownError as error:
            outcomes.append(ImportOutcome(Path(path), plan, error=error))
    return outcomes
