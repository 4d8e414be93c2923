"""Export: write what is new (or everything) into one verified package file on a stick."""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid as uuid_module
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import BinaryIO

from interview_app import __version__
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.sync_outgoing import Outgoing, Selection
from interview_app.storage.sync_peers import PeerRecords
from interview_app.storage.writefiles import (
    disk_full_while,
    fsync_directory,
    replace_with_retry,
    temporary_name,
)
from interview_app.sync.container import CHUNK_SIZE, PackageReader, PackageWriter
from interview_app.sync.errors import PackageError, PackageTooLarge, SyncError, file_errors
from interview_app.sync.exportdata import (
    ExportedSet,
    audit_lines,
    interview_lines,
    officer_lines,
    questionnaire_lines,
    referral_lines,
    resolution_lines,
    review_lines,
)
from interview_app.sync.history import (
    record_export,
    release_export_sequence,
    reserve_export_sequence,
)
from interview_app.sync.manifest import (
    MANIFEST_VERSION,
    RESOLUTIONS_FROM,
    Manifest,
    counts_of,
    parts_of,
)
from interview_app.sync.records import KIND_MANIFEST, BodyReader, Tally, encode_line
from interview_app.sync.station import Station, load_station
from interview_app.text import Message

PACKAGE_SUFFIX = ".awsync"
FAT32_MAX_FILE_BYTES = 4 * 1024**3 - 1
STALE_TEMP_SECONDS = 3600
COMPRESSION_GUESS = 8  # uncompressed body bytes per package byte, at the least
_WRITE_BATCH = 256 * 1024

Progress = Callable[[int, int], None]  # (interviews written, interviews in the package)


@dataclass(frozen=True)
class ExportResult:
    """`path` is None when there was nothing to send to this destination."""

    path: Path | None
    package_id: str | None
    sequence: int | None
    full: bool
    destination: str
    size: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def interviews(self) -> int:
        return self.counts.get("interviews", 0)

    @property
    def reviews(self) -> int:
        return self.counts.get("reviews", 0)

    @property
    def resolutions(self) -> int:
        return self.counts.get("resolutions", 0)

    def message(self) -> Message:
        if self.path is None:
            return Message(
                "Tidak ada wawancara atau tinjauan baru atau berubah untuk tujuan ini; tidak ada "
                "paket dibuat.",
                "No new or changed interviews or reviews for this destination; no package was "
                "written.",
            )
        reviews_id = f", {self.reviews} tinjauan supervisor" if self.reviews else ""
        reviews_en = f", {self.reviews} supervisor reviews" if self.reviews else ""
        if self.resolutions:
            reviews_id += f", {self.resolutions} penyelesaian konflik"
            reviews_en += f", {self.resolutions} conflict resolutions"
        return Message(
            f"Paket {self.path.name} tersimpan dan sudah diperiksa: {self.interviews} "
            f"wawancara{reviews_id}. Flashdisk boleh dilepas (pakai 'Eject' dulu).",
            f"Package {self.path.name} written and verified: {self.interviews} interviews"
            f"{reviews_en}. The stick may be removed (use 'Eject' first).",
        )


def destination_key(out_dir: Path) -> str:
    """How a destination is remembered for incremental exports: its full, normalised path."""
    return os.path.normcase(str(Path(out_dir).resolve()))


def export_package(
    database: Database,
    data_dir: Path,
    out_dir: Path,
    *,
    full: bool = False,
    clock: Clock | None = None,
    actor: str = "system",
    chunk_size: int = CHUNK_SIZE,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a package of the completed and voided interviews and the supervisors' review marks
    new or changed since the last export to `out_dir` (all of them with `full`), read it back,
    check it, and only then give it its final name `<office>-<station>-<seq>-<time>.awsync`."""
    clock = clock or SystemClock()
    data_dir = Path(data_dir)
    station = load_station(database, data_dir)
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise SyncError(
            f"Folder tujuan {out_dir} tidak ada. Pasang flashdisk lalu pilih foldernya.",
            f"The destination folder {out_dir} does not exist. Insert the stick and choose "
            "its folder.",
        )
    destination = destination_key(out_dir)
    _remove_stale_temporaries(out_dir)
    with disk_full_while("memesan nomor ekspor", "reserving the export number", data_dir):
        sequence = reserve_export_sequence(database, to_iso(clock()))
    renamed = False
    try:
        written = _write_checked(
            database, station, destination, full, out_dir, clock, sequence, chunk_size, progress
        )
        if written is None:
            release_export_sequence(database, sequence)
            return ExportResult(None, None, None, full, destination)
        prepared, tmp = written
        try:
            size = _verify(tmp, station)
            final = _free_name(prepared.path)
            with file_errors(final):
                replace_with_retry(tmp, final)
                renamed = True
                fsync_directory(out_dir)
        except BaseException:
            _unlink_quietly(tmp)
            raise
    except BaseException:
        if not renamed:  # no package carries the number: give it back, the database as before
            release_export_sequence(database, sequence)
        raise
    counts = prepared.tally.counts
    with disk_full_while("mencatat ekspor", "recording the export", Path(data_dir)):
        record_export(
            database,
            AuditLog(database, station.office_key, clock),
            station,
            prepared.manifest(prepared.tally),
            final.name,
            destination,
            prepared.exported.sent,
            actor,
            to_iso(clock()),
            reviews_sent=prepared.exported.reviews,
            referrals_sent=prepared.exported.referrals,
            resolutions_sent=prepared.exported.resolutions,
        )
    return ExportResult(
        final, prepared.package_id, prepared.sequence, full, destination, size, dict(counts)
    )


def _write_checked(
    database: Database,
    station: Station,
    destination: str,
    full: bool,
    out_dir: Path,
    clock: Clock,
    sequence: int,
    chunk_size: int,
    progress: Progress | None,
) -> tuple[_Prepared, Path] | None:
    """Write the package under a temporary name from one read snapshot; None: nothing to send."""
    outgoing = Outgoing(database)
    with outgoing.read_snapshot():
        prepared = _prepare(database, station, destination, full, out_dir, clock, sequence)
        if prepared is None:
            return None
        tmp = temporary_name(prepared.path)
        try:
            _write(database, tmp, station, prepared, chunk_size, progress)
        except BaseException:
            _unlink_quietly(tmp)
            raise
    return prepared, tmp


@dataclass
class _Prepared:
    path: Path
    package_id: str
    sequence: int
    full: bool
    created_at: str
    selection: Selection
    interviews: int
    audit_head: tuple[int, str] | None
    schema_version: int
    station: Station
    # A package without conflict settlements is written in the format before them, so that a
    # workstation not yet updated still reads it.
    version: int = MANIFEST_VERSION
    tally: Tally = field(default_factory=Tally)
    exported: ExportedSet = field(default_factory=ExportedSet)

    def manifest(self, tally: Tally) -> Manifest:
        return Manifest(
            format_version=self.version,
            package_id=self.package_id,
            office_code=self.station.office_code,
            source_workstation=self.station.workstation_id,
            source_workstation_name=self.station.workstation_name,
            created_at=self.created_at,
            sequence=self.sequence,
            full=self.full,
            schema_version=self.schema_version,
            app_version=__version__,
            counts={name: tally.counts[name] for name in counts_of(self.version)},
            checksums={
                name: digest
                for name, digest in tally.checksums.items()
                if name in parts_of(self.version)
            },
            audit_head=self.audit_head,
        )


def _prepare(
    database: Database,
    station: Station,
    destination: str,
    full: bool,
    out_dir: Path,
    clock: Clock,
    sequence: int,
) -> _Prepared | None:
    outgoing = Outgoing(database)
    selection = outgoing.select(None if full else destination)
    size = outgoing.size(selection)
    if size.empty:
        return None
    _check_room(out_dir, size.max_body_bytes)
    now = clock()
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    label = station.file_label
    office = re.sub(r"[^A-Za-z0-9]+", "", station.office_code) or "KANTOR"
    name = f"{office}-{label}-{sequence:06d}-{stamp}{PACKAGE_SUFFIX}"
    return _Prepared(
        path=out_dir / name,
        package_id=str(uuid_module.uuid4()),
        sequence=sequence,
        full=full,
        created_at=to_iso(now),
        selection=selection,
        interviews=size.interviews.count,
        audit_head=AuditLog(database, station.office_key).head(),
        schema_version=database.schema_version,
        station=station,
        version=MANIFEST_VERSION if size.resolutions.count else RESOLUTIONS_FROM - 1,
    )


def _check_room(out_dir: Path, uncompressed: int) -> None:
    """Refuse at once what cannot fit. The body is compressed (JSON lines shrink five to ten
    times), so the check asks for an eighth of the uncompressed estimate; a stick that fills
    up anyway is caught by the write itself, which then removes its temporary file."""
    estimated = uncompressed // COMPRESSION_GUESS + 4096  # and the header and chunk frames
    mib = max(1, estimated // (1024 * 1024))
    if estimated > FAT32_MAX_FILE_BYTES:
        raise _too_large(mib)
    try:
        free = shutil.disk_usage(out_dir).free
    except OSError:
        return  # unknown: the write itself reports a full disk
    if free < estimated:
        raise PackageTooLarge(
            f"Ruang kosong di {out_dir} tidak cukup: perlu sekitar {mib} MiB, tersedia "
            f"{free // (1024 * 1024)} MiB. Kosongkan flashdisk atau pakai flashdisk lain. "
            "Tidak ada yang ditulis.",
            f"Not enough free space in {out_dir}: about {mib} MiB needed, {free // (1024 * 1024)}"
            " MiB free. Free some space or use another stick. Nothing was written.",
        )


def _too_large(mib: int) -> PackageTooLarge:
    return PackageTooLarge(
        f"Paket akan terlalu besar (sekitar {mib} MiB) untuk flashdisk FAT32 (batas 4 GiB per "
        "berkas). Pakai ekspor bertahap (tanpa --full) lebih sering, atau format flashdisk "
        "sebagai exFAT/NTFS. Tidak ada yang ditulis.",
        f"The package would be too large (about {mib} MiB) for a FAT32 stick (4 GiB per file). "
        "Export incrementally (without --full) more often, or format the stick as exFAT/NTFS. "
        "Nothing was written.",
    )


def _body(database: Database, prepared: _Prepared, progress: Progress | None) -> Iterator[bytes]:
    own = prepared.station.workstation_id
    outgoing, peers = Outgoing(database), PeerRecords(database)
    selection, tally = prepared.selection, prepared.tally
    done = 0
    for line in interview_lines(outgoing, selection, tally, prepared.exported, own):
        yield line
        done += 1
        if progress is not None and done % 500 == 0:
            progress(done, prepared.interviews)
    exported = prepared.exported
    yield from review_lines(outgoing, selection, tally, exported)
    yield from referral_lines(outgoing, selection, tally, exported)
    yield from resolution_lines(outgoing, selection, tally, exported)
    yield from questionnaire_lines(outgoing, exported.questionnaire_hashes, tally)
    yield from officer_lines(outgoing, peers, selection, own, tally, exported.reviewers)
    yield from audit_lines(outgoing, peers, own, exported, tally)
    yield encode_line([KIND_MANIFEST], prepared.manifest(tally).to_json())
    if progress is not None:
        progress(done, prepared.interviews)


def _write(
    database: Database,
    tmp: Path,
    station: Station,
    prepared: _Prepared,
    chunk_size: int,
    progress: Progress | None,
) -> None:
    with file_errors(tmp), open(tmp, "xb") as handle:
        writer = PackageWriter(
            handle,
            station.office_key,
            package_id=prepared.package_id,
            sequence=prepared.sequence,
            office_code=station.office_code,
            source_workstation=station.workstation_id,
            chunk_size=chunk_size,
            version=prepared.version,
        )
        batch: list[bytes] = []
        pending = 0
        for line in _body(database, prepared, progress):
            batch.append(line)
            pending += len(line)
            if pending >= _WRITE_BATCH:
                _flush_batch(writer, batch)
                pending = 0
        _flush_batch(writer, batch)
        writer.close()
        if writer.size > FAT32_MAX_FILE_BYTES:
            raise _too_large(writer.size // (1024 * 1024))
        handle.flush()
        os.fsync(handle.fileno())


def _flush_batch(writer: PackageWriter, batch: list[bytes]) -> None:
    if batch:
        writer.write(b"".join(batch))
        batch.clear()
        if writer.size > FAT32_MAX_FILE_BYTES:
            raise _too_large(writer.size // (1024 * 1024))


def _verify(path: Path, station: Station) -> int:
    """Read the written file back whole and check it as an importer would."""
    try:
        with file_errors(path), open(path, "rb") as handle:
            _check_stream(handle, station)
            return handle.tell()
    except PackageError as error:
        raise SyncError(
            "Paket yang baru ditulis gagal diperiksa ulang; flashdisk mungkin rusak. Paket "
            f"dihapus. Coba flashdisk lain. ({error.message.id})",
            "The package just written failed its read-back check; the stick may be faulty. "
            f"It was removed. Try another stick. ({error.message.en})",
        ) from error


def _check_stream(handle: BinaryIO, station: Station) -> None:
    reader = PackageReader(handle, station.office_key, expected_office=station.office_code)
    for _ in BodyReader(reader.header, reader.blocks()):
        pass


def _free_name(path: Path) -> Path:
    """`path`, or `path` with -2, -3... when a file of that name is there already."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files of exports that were cut off (power loss, stick pulled, killed)."""
    limit = time.time() - STALE_TEMP_SECONDS
    for path in out_dir.glob(f".*{PACKAGE_SUFFIX}.*.tmp"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
