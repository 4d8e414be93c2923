"""What an export sends as body lines: interviews, review marks, follow-up steps, settlements,
scripts, officers and audit entries, read through storage's Outgoing."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from interview_app.storage.database import Database
from interview_app.storage.sync_outgoing import Outgoing, OutgoingInterview, Selection
from interview_app.storage.sync_peers import PeerRecords
from interview_app.storage.sync_records import CHAIN_ENTRY_FIELDS, ChainEntry
from interview_app.sync.records import (
    KIND_AUDIT,
    KIND_OFFICER,
    KIND_QUESTIONNAIRE,
    KIND_REFERRAL_STEP,
    KIND_RESOLUTION,
    KIND_REVIEW,
    REFERRAL_STEP_FIELDS,
    RESOLUTION_FIELDS,
    REVIEW_FIELDS,
    Tally,
    dumps,
    encode_line,
    interview_key,
)


@dataclass
class ExportedSet:
    """Filled while the lines are produced: what went out (for sync_sent)."""

    sent: list[tuple[str, str]] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    questionnaire_hashes: set[str] = field(default_factory=set)
    reviews: list[tuple[str, str]] = field(default_factory=list)  # (review, interview uuid)
    reviewers: set[tuple[str, int]] = field(default_factory=set)  # (workstation, officer id)
    referrals: list[tuple[str, str]] = field(default_factory=list)  # (step, interview uuid)
    resolutions: list[tuple[str, str]] = field(default_factory=list)  # (uuid, interview uuid)


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    return value


def _record(item: OutgoingInterview) -> bytes:
    """An interview's export record: the JSON of its row, answers, flags, revisions, slips."""
    slips = [{name: _jsonable(value) for name, value in slip.items()} for slip in item.slips]
    return b"".join(
        (
            b'{"interview":',
            dumps(item.row),
            b',"answers":',
            item.answers_json.encode("utf-8"),
            b',"flags":',
            dumps(item.flags),
            b',"revisions":',
            item.revisions_json.encode("utf-8"),
            b',"slips":',
            dumps(slips),
            b"}",
        )
    )


def interview_record(database: Database, uuid: str) -> str | None:
    """One interview's record as an export writes it (any status), or None."""
    item = Outgoing(database).interview(uuid)
    return None if item is None else _record(item).decode("utf-8")


def interview_lines(
    outgoing: Outgoing,
    selection: Selection,
    tally: Tally,
    out: ExportedSet,
    own_workstation: str,
) -> Iterator[bytes]:
    for item in outgoing.interviews(selection):
        interview = item.row
        uuid = interview["uuid"]
        key = interview_key(
            uuid,
            interview["revision"],
            interview["content_hash"],
            interview["workstation_id"],
            interview["ref_no"],
            item.answer_count,
            len(item.flags),
            item.revision_count,
            len(item.slips),
        )
        line = dumps(key) + b"\t" + _record(item) + b"\n"
        tally.add(
            "interviews",
            line,
            interviews=1,
            answers=item.answer_count,
            flags=len(item.flags),
            revisions=item.revision_count,
            slips=len(item.slips),
        )
        out.sent.append((uuid, interview["content_hash"]))
        out.questionnaire_hashes.add(interview["questionnaire_hash"])
        if interview["workstation_id"] != own_workstation:
            out.foreign.append(uuid)
        yield line


def review_lines(
    outgoing: Outgoing, selection: Selection, tally: Tally, out: ExportedSet
) -> Iterator[bytes]:
    """Supervisors' review marks, made here or relayed from other workstations, in the order
    they were stored here."""
    for mark in outgoing.reviews(selection):
        record = dict(zip(REVIEW_FIELDS, mark.values(), strict=True))
        line = encode_line([KIND_REVIEW, mark.uuid, mark.interview_uuid], record)
        tally.add("reviews", line, reviews=1)
        out.reviews.append((mark.uuid, mark.interview_uuid))
        out.reviewers.add((mark.workstation_id, mark.by_officer))
        yield line


def referral_lines(
    outgoing: Outgoing, selection: Selection, tally: Tally, out: ExportedSet
) -> Iterator[bytes]:
    """Referral follow-up steps, recorded here or relayed, in the order they were stored here."""
    for step in outgoing.referral_steps(selection):
        record = dict(zip(REFERRAL_STEP_FIELDS, step.values(), strict=True))
        line = encode_line([KIND_REFERRAL_STEP, step.uuid, step.interview_uuid], record)
        tally.add("referrals", line, referrals=1)
        out.referrals.append((step.uuid, step.interview_uuid))
        yield line


def resolution_lines(
    outgoing: Outgoing, selection: Selection, tally: Tally, out: ExportedSet
) -> Iterator[bytes]:
    """Supervisors' settlements of sync conflicts, made here or relayed, oldest first."""
    for settled in outgoing.resolutions(selection):
        record = dict(zip(RESOLUTION_FIELDS, settled.values(), strict=True))
        line = encode_line([KIND_RESOLUTION, settled.uuid, settled.interview_uuid], record)
        tally.add("resolutions", line, resolutions=1)
        out.resolutions.append((settled.uuid, settled.interview_uuid))
        yield line


def questionnaire_lines(outgoing: Outgoing, hashes: set[str], tally: Tally) -> Iterator[bytes]:
    for digest in sorted(hashes):
        script = outgoing.script(digest)
        if script is None:
            continue
        record = {
            "hash": script.hash,
            "id": script.id,
            "version": script.version,
            "source": script.source,
        }
        line = encode_line([KIND_QUESTIONNAIRE, script.hash], record)
        tally.add("questionnaires", line, questionnaires=1)
        yield line


def officer_lines(
    outgoing: Outgoing,
    peers: PeerRecords,
    selection: Selection,
    own_workstation: str,
    tally: Tally,
    reviewers: set[tuple[str, int]] | None = None,
) -> Iterator[bytes]:
    """Name, NIP and role of every officer the interviews and review marks sent refer to
    (deciding officer, revisers, reviewing supervisors): ours from `officers`, other
    workstations' as they reached us. No passwords."""
    referenced = sorted(outgoing.referenced_officers(selection) | (reviewers or set()))
    for workstation, officer_id in referenced:
        found = (
            outgoing.officer(officer_id)
            if workstation == own_workstation
            else peers.officer(workstation, officer_id)
        )
        if found is None:
            continue
        record = {
            "workstation_id": workstation,
            "id": officer_id,
            "username": found.username,
            "full_name": found.full_name,
            "nip": found.nip,
            "role": found.role,
        }
        line = encode_line([KIND_OFFICER, workstation, officer_id], record)
        tally.add("officers", line, officers=1)
        yield line


def audit_lines(
    outgoing: Outgoing,
    peers: PeerRecords,
    own_workstation: str,
    out: ExportedSet,
    tally: Tally,
) -> Iterator[bytes]:
    """Our own entries about the interviews sent and the interviews of the review marks sent,
    then relayed entries of other workstations about the interviews sent."""
    uuids = {uuid for uuid, _ in out.sent} | {interview for _, interview in out.reviews}
    for entry in outgoing.audit_about_interviews():
        if entry.object_id in uuids:
            yield _audit_line(own_workstation, entry, tally)
    for uuid in out.foreign:
        for relayed in peers.audit_entries_about(uuid):
            if relayed.source_workstation != own_workstation:
                yield _audit_line(relayed.source_workstation, relayed.entry, tally)


def _audit_line(source: str, entry: ChainEntry, tally: Tally) -> bytes:
    record = {name: getattr(entry, name) for name in CHAIN_ENTRY_FIELDS}
    line = encode_line([KIND_AUDIT, source, entry.seq], record)
    tally.add("audit", line, audit=1)
    return line
