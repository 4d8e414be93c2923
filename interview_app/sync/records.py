"""The body's lines: `<key JSON>\\t<record JSON>\\n`, tallied per part and checked at the end."""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from interview_app.storage.sync_conflicts import RESOLUTION_FIELDS as SETTLEMENT_FIELDS
from interview_app.storage.sync_records import FOLLOW_UP_STEP_FIELDS, REVIEW_MARK_FIELDS
from interview_app.sync.container import PackageHeader
from interview_app.sync.errors import manifest_mismatch, tampered
from interview_app.sync.manifest import COUNTS, PARTS, RESOLUTIONS_FROM, Manifest

MAX_LINE_BYTES = 64 * 1024 * 1024
_MAX_INTEGER = 2**63 - 1  # SQLite's INTEGER

KIND_INTERVIEW = "I"
KIND_QUESTIONNAIRE = "Q"
KIND_AUDIT = "A"
KIND_OFFICER = "O"
KIND_REVIEW = "R"  # format 2 on
KIND_REFERRAL_STEP = "F"  # format 3 on
KIND_RESOLUTION = "C"  # format 4 on
KIND_MANIFEST = "M"
_PART_OF_KIND = {
    KIND_INTERVIEW: "interviews",
    KIND_QUESTIONNAIRE: "questionnaires",
    KIND_AUDIT: "audit",
    KIND_OFFICER: "officers",
    KIND_REVIEW: "reviews",
    KIND_REFERRAL_STEP: "referrals",
    KIND_RESOLUTION: "resolutions",
}
# A referral follow-up step's fields: referral_steps' columns after its id.
REFERRAL_STEP_FIELDS = FOLLOW_UP_STEP_FIELDS
REFERRAL_STEPS = ("receipt", "came_back", "continued", "refused")
REVIEW_ACTIONS = ("reviewed", "returned")
# A review mark's fields: the reviews table's columns after its local id.
REVIEW_FIELDS = REVIEW_MARK_FIELDS


KEEP_SIDES = ("local", "incoming")
# A conflict resolution's fields: the sync_resolutions table's columns.
RESOLUTION_FIELDS = SETTLEMENT_FIELDS


def dumps(value: Any) -> bytes:
    """Compact JSON, UTF-8, no raw tab or newline possible (json escapes them)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode_line(key: list[Any], record: Any) -> bytes:
    return dumps(key) + b"\t" + dumps(record) + b"\n"


class Tally:
    """Counts and running SHA-256 per part, fed with the exact line bytes."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(COUNTS, 0)
        self._hashes = {part: hashlib.sha256() for part in PARTS}

    def add(self, part: str, line: bytes, **counts: int) -> None:
        self._hashes[part].update(line)
        for name, value in counts.items():
            self.counts[name] += value

    @property
    def checksums(self) -> dict[str, str]:
        return {part: digest.hexdigest() for part, digest in self._hashes.items()}


def interview_key(
    uuid: str,
    revision: int,
    content_hash: str,
    workstation_id: str,
    ref_no: str,
    answers: int,
    flags: int,
    revisions: int,
    slips: int,
) -> list[Any]:
    """What the importer's plan needs without parsing the record: identity and counts."""
    return [
        KIND_INTERVIEW,
        uuid,
        revision,
        content_hash,
        workstation_id,
        ref_no,
        answers,
        flags,
        revisions,
        slips,
    ]


@dataclass(frozen=True)
class InterviewLine:
    uuid: str
    revision: int
    content_hash: str
    workstation_id: str
    ref_no: str
    answers: int
    flags: int
    revisions: int
    slips: int
    record: bytes  # the record JSON, parsed only when applied

    def bundle(self) -> dict[str, Any]:
        """The parsed record, checked against its key (the key is what the plan counted)."""
        data = _loads(self.record)
        try:
            row = data["interview"]
            same = (
                isinstance(row, dict)
                and row.get("uuid") == self.uuid
                and row.get("revision") == self.revision
                and row.get("content_hash") == self.content_hash
                and row.get("workstation_id") == self.workstation_id
                and row.get("ref_no") == self.ref_no
                and all(
                    isinstance(data[name], list)
                    for name in ("answers", "flags", "revisions", "slips")
                )
                and len(data["answers"]) == self.answers
                and len(data["flags"]) == self.flags
                and len(data["revisions"]) == self.revisions
                and len(data["slips"]) == self.slips
            )
        except (KeyError, TypeError):
            same = False
        if not same:
            raise manifest_mismatch(f"wawancara {self.uuid}", f"interview {self.uuid}")
        return data


@dataclass(frozen=True)
class ReviewLine:
    """A supervisor's review mark: `["R", uuid, interview_uuid]` and the mark's fields."""

    uuid: str
    interview_uuid: str
    record: bytes

    def values(self) -> tuple[Any, ...]:
        """The fields in REVIEW_FIELDS order, checked for type and against the key."""
        data = _loads(self.record)
        if not isinstance(data, dict) or set(data) != set(REVIEW_FIELDS):
            raise tampered("tinjauan tidak sah", "invalid review record")
        values = tuple(data[name] for name in REVIEW_FIELDS)
        uuid, interview, revision, action, comment, workstation, by, at = values
        if not (
            uuid == self.uuid
            and interview == self.interview_uuid
            and type(revision) is int
            and 1 <= revision <= _MAX_INTEGER
            and action in REVIEW_ACTIONS
            and (comment is None or isinstance(comment, str))
            and isinstance(workstation, str)
            and workstation
            and type(by) is int
            and 0 <= by <= _MAX_INTEGER
            and isinstance(at, str)
            and at
        ):
            raise tampered("tinjauan tidak sah", "invalid review record")
        return values


@dataclass(frozen=True)
class ReferralStepLine:
    """A referral follow-up step: `["F", uuid, interview_uuid]` and the step's fields."""

    uuid: str
    interview_uuid: str
    record: bytes

    def values(self) -> tuple[Any, ...]:
        """The fields in REFERRAL_STEP_FIELDS order, checked for type and against the key."""
        data = _loads(self.record)
        if not isinstance(data, dict) or set(data) != set(REFERRAL_STEP_FIELDS):
            raise tampered("langkah rujukan tidak sah", "invalid referral step record")
        values = tuple(data[name] for name in REFERRAL_STEP_FIELDS)
        uuid, interview, step, on_date, counselling, checked, complaint, station, by, at = values
        if not (
            uuid == self.uuid
            and interview == self.interview_uuid
            and step in REFERRAL_STEPS
            and isinstance(on_date, str)
            and _is_day(on_date)
            and counselling in (0, 1)
            and checked in (0, 1)
            and type(counselling) is int
            and type(checked) is int
            and (complaint is None or (isinstance(complaint, str) and len(complaint) <= 60))
            and isinstance(station, str)
            and station
            and (by is None or (type(by) is int and 0 <= by <= _MAX_INTEGER))
            and isinstance(at, str)
            and at
        ):
            raise tampered("langkah rujukan tidak sah", "invalid referral step record")
        return values


def _is_day(text: str) -> bool:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


@dataclass(frozen=True)
class ResolutionLine:
    """A supervisor's settlement of a conflict: `["C", uuid, interview_uuid]` and its fields."""

    uuid: str
    interview_uuid: str
    record: bytes

    def values(self) -> tuple[Any, ...]:
        """The fields in RESOLUTION_FIELDS order, checked for type and against the key."""
        data = _loads(self.record)
        if not isinstance(data, dict) or set(data) != set(RESOLUTION_FIELDS):
            raise tampered("penyelesaian konflik tidak sah", "invalid conflict resolution")
        values = tuple(data[name] for name in RESOLUTION_FIELDS)
        uuid, interview, kind, subject, revision, keep = values[:6]
        kept, dropped, version, reason, workstation, by, at = values[6:]
        texts = (kind, kept, dropped, version, reason, workstation, at)
        if not (
            uuid == self.uuid
            and interview == self.interview_uuid
            and _is_uuid(subject)
            and type(revision) is int
            and 0 <= revision <= _MAX_INTEGER
            and keep in KEEP_SIDES
            and all(isinstance(text, str) and text for text in texts)
            and kept != dropped
            and type(by) is int
            and 0 <= by <= _MAX_INTEGER
        ):
            raise tampered("penyelesaian konflik tidak sah", "invalid conflict resolution")
        return values


@dataclass(frozen=True)
class OtherLine:
    kind: str
    key: list[Any]
    record: bytes

    def parsed(self) -> Any:
        return _loads(self.record)


def _loads(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise tampered("baris tidak sah", "invalid line") from None


def split_lines(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """Whole lines (with their newline) from decompressed blocks; a bounded line length."""
    pending = bytearray()
    for block in blocks:
        start = 0
        while True:
            end = block.find(b"\n", start)
            if end < 0:
                pending += block[start:]
                if len(pending) > MAX_LINE_BYTES:
                    raise tampered("baris terlalu panjang", "line too long")
                break
            if pending:
                pending += block[start : end + 1]
                yield bytes(pending)
                pending.clear()
            else:
                yield block[start : end + 1]
            start = end + 1
    if pending:
        raise tampered("baris terakhir tidak lengkap", "incomplete last line")


def _nonneg_int(value: Any) -> bool:
    return type(value) is int and value >= 0


def _is_uuid(value: Any) -> bool:
    """Only a UUID in its canonical spelling names an interview or a review mark: never a
    path, an SQL fragment or any other string a crafted package might carry."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        return str(uuid_module.UUID(value)) == value
    except ValueError:
        return False


def _parse_interview_key(key: list[Any], record: bytes) -> InterviewLine:
    if (
        len(key) != 10
        or not all(isinstance(key[i], str) for i in (1, 3, 4, 5))
        or not all(_nonneg_int(key[i]) for i in (2, 6, 7, 8, 9))
        or not _is_uuid(key[1])
    ):
        raise tampered("kunci baris wawancara", "interview line key")
    return InterviewLine(**dict(zip(_INTERVIEW_KEY, key[1:], strict=True)), record=record)


# An interview line's key after its kind, by field name (the key is checked to hold them all).
_INTERVIEW_KEY = tuple(field.name for field in fields(InterviewLine) if field.name != "record")


def _parse_review_key(key: list[Any], record: bytes) -> ReviewLine:
    if len(key) != 3 or not all(_is_uuid(key[i]) for i in (1, 2)):
        raise tampered("kunci baris tinjauan", "review line key")
    return ReviewLine(key[1], key[2], record)


def _parse_referral_key(key: list[Any], record: bytes) -> ReferralStepLine:
    if len(key) != 3 or not all(isinstance(key[i], str) and key[i] for i in (1, 2)):
        raise tampered("kunci baris langkah rujukan", "referral step line key")
    return ReferralStepLine(key[1], key[2], record)


def _parse_resolution_key(key: list[Any], record: bytes) -> ResolutionLine:
    if len(key) != 3 or not all(_is_uuid(key[i]) for i in (1, 2)):
        raise tampered("kunci baris penyelesaian konflik", "conflict resolution line key")
    return ResolutionLine(key[1], key[2], record)


class BodyReader:
    """Walks the body once: yields interview, review, resolution, questionnaire, officer and
    audit lines in order, tallies them, and at the end checks the manifest (last line) against
    the header and the tally. Review lines exist from format 2 on, resolution lines from 4 on;
    in an older package they are refused."""

    def __init__(self, header: PackageHeader, blocks: Iterable[bytes]) -> None:
        self._header = header
        self._blocks = blocks
        self.tally = Tally()
        self.manifest: Manifest | None = None

    def __iter__(
        self,
    ) -> Iterator[InterviewLine | ReviewLine | ReferralStepLine | ResolutionLine | OtherLine]:
        for line in split_lines(self._blocks):
            if self.manifest is not None:
                raise tampered("data setelah manifes", "data after the manifest")
            tab = line.find(b"\t")
            if tab < 0:
                raise tampered("baris tanpa kunci", "line without a key")
            key = _loads(line[:tab])
            if not isinstance(key, list) or not key or not isinstance(key[0], str):
                raise tampered("kunci baris", "line key")
            record = line[tab + 1 : -1]
            kind = key[0]
            if kind == KIND_INTERVIEW:
                item = _parse_interview_key(key, record)
                self.tally.add(
                    "interviews",
                    line,
                    interviews=1,
                    answers=item.answers,
                    flags=item.flags,
                    revisions=item.revisions,
                    slips=item.slips,
                )
                yield item
            elif kind == KIND_REVIEW and self._header.version >= 2:
                review = _parse_review_key(key, record)
                self.tally.add("reviews", line, reviews=1)
                yield review
            elif kind == KIND_REFERRAL_STEP and self._header.version >= 3:
                step = _parse_referral_key(key, record)
                self.tally.add("referrals", line, referrals=1)
                yield step
            elif kind == KIND_RESOLUTION and self._header.version >= RESOLUTIONS_FROM:
                resolution = _parse_resolution_key(key, record)
                self.tally.add("resolutions", line, resolutions=1)
                yield resolution
            elif kind in (KIND_QUESTIONNAIRE, KIND_AUDIT, KIND_OFFICER):
                part = _PART_OF_KIND[kind]
                self.tally.add(part, line, **{part: 1})
                yield OtherLine(kind, key, record)
            elif kind == KIND_MANIFEST:
                self.manifest = Manifest.from_json(_loads(record))
            else:
                raise tampered("jenis baris tidak dikenal", "unknown line kind")
        self._finish()

    def _finish(self) -> None:
        manifest = self.manifest
        if manifest is None:
            raise tampered("manifes tidak ada", "manifest missing")
        header = self._header
        if (
            manifest.package_id != header.package_id
            or manifest.office_code != header.office_code
            or manifest.source_workstation != header.source_workstation
            or manifest.sequence != header.sequence
            or manifest.format_version != header.version
        ):
            raise manifest_mismatch(
                "manifes dan kepala paket berbeda", "manifest and header differ"
            )
        manifest.check_against(self.tally.counts, self.tally.checksums)
