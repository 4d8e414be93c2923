"""Merging one incoming record into the database: the decision, then the repositories' writes."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any

from interview_app.storage.database import Database
from interview_app.storage.questionnaires import source_hash
from interview_app.storage.sync_conflicts import SetAside, SyncConflicts
from interview_app.storage.sync_incoming import IncomingRecords, RowRefused
from interview_app.storage.sync_peers import ForeignOfficer, PeerRecords
from interview_app.storage.sync_records import (
    CHAIN_ENTRY_FIELDS,
    FollowUpStep,
    ReviewMark,
)
from interview_app.sync.errors import newer_application, tampered
from interview_app.sync.records import (
    REFERRAL_STEP_FIELDS,
    REVIEW_FIELDS,
    InterviewLine,
    ReviewLine,
    dumps,
)
from interview_app.sync.ref_number_guard import RefNumberGuard
from interview_app.sync.resolutions import (
    Resolution,
    close_conflicts,
    needs_kept_version,
    review_text,
    store,
    superseded,
    text_hash,
)

NEW = "new"
UPDATE = "update"
SAME = "same"  # the same revision with the same content
OLDER = "older"  # we hold a newer revision already
CONFLICT = "conflict"
PAST_RETENTION = "past_retention"  # older than the retention period here: not brought back

CONFLICT_CONTENT = "content_differs"  # same uuid and revision, other content
CONFLICT_OWNER = "owner_differs"  # the same uuid taken at another workstation
CONFLICT_REF_NO = "ref_no_taken"  # the reference number belongs to another interview
CONFLICT_REVIEW = "review_differs"  # a review mark's uuid with other content

# What happens to an incoming review mark.
REVIEW_NEW = "review_new"
REVIEW_SAME = "review_same"  # here already, equal
REVIEW_SKIPPED = "review_skipped"  # its interview is not here (never came, or purged)
REVIEW_CONFLICT = "review_conflict"  # here already with other content: set aside
# What happens to an incoming conflict resolution.
RESOLUTION_NEW = "resolution_new"
RESOLUTION_SAME = "resolution_same"  # here already
# What happens to an incoming referral follow-up step.
REFERRAL_NEW = "referral_new"
REFERRAL_SAME = "referral_same"  # here already (this step of this referral was recorded)
REFERRAL_SKIPPED = "referral_skipped"  # its interview is not here
AUDIT_BATCH = 2000
# The interview object comes first in a record (exportdata writes `{"interview":{...},...`) and
# a JSON string value cannot hold an unescaped quote: the first match is the interview's own.
_CREATED_AT = re.compile(rb'"created_at":"([^"\\]*)"')


@dataclass(frozen=True)
class Decision:
    action: str
    conflict: str | None = None
    local_uuid: str | None = None
    local_revision: int | None = None
    local_content_hash: str | None = None


def created_at_of(line: InterviewLine) -> str | None:
    """When the interview was taken, read from its record without parsing the whole of it."""
    found = _CREATED_AT.search(line.record)
    return found.group(1).decode("utf-8") if found else None


class Merger:
    """Decides what each incoming record does and writes it; one per import (writes inside the
    import's transaction). An inspection uses the decisions alone."""

    def __init__(
        self,
        database: Database,
        own_workstation: str,
        now: str,
        counters: RefNumberGuard | None = None,
    ) -> None:
        self.database = database
        self.records = IncomingRecords(database)
        self.conflicts = SyncConflicts(database)
        self.peers = PeerRecords(database)
        self.counters = counters
        self.own_workstation = own_workstation
        self.now = now
        self._audit_rows: list[list[Any]] = []
        self.audit_added = 0

    # -- decisions --------------------------------------------------------------------------

    def decide(self, line: InterviewLine, retention_cutoff: str | None = None) -> Decision:
        """Each interview belongs to the workstation that took it; a higher revision replaces a
        lower one; the same revision must have the same content, else it is set aside. An
        interview not here and taken before `retention_cutoff` is not brought (back): it is
        past this office's retention period (purged here, or due for purging)."""
        local = self.records.held(line.uuid)
        if local is None:
            if retention_cutoff is not None:
                created = created_at_of(line)
                if created is not None and created < retention_cutoff:
                    return Decision(PAST_RETENTION)
            return self._ref_no_free(line, Decision(NEW))
        revision, digest = local.revision, local.content_hash
        if local.workstation_id != line.workstation_id:
            return Decision(CONFLICT, CONFLICT_OWNER, line.uuid, revision, digest)
        if line.revision < revision:
            return Decision(OLDER, None, line.uuid, revision, digest)
        if line.revision == revision:
            if line.content_hash == digest or superseded(
                self.database, line.uuid, line.content_hash
            ):
                # the same, or a version a supervisor dropped: a replay does not undo that
                return Decision(SAME, None, line.uuid, revision, digest)
            return Decision(CONFLICT, CONFLICT_CONTENT, line.uuid, revision, digest)
        decision = Decision(UPDATE, None, line.uuid, revision, digest)
        if local.ref_no != line.ref_no:
            return self._ref_no_free(line, decision)
        return decision

    def _ref_no_free(self, line: InterviewLine, decision: Decision) -> Decision:
        other = self.records.ref_no_holder(line.ref_no, line.uuid)
        if other is None:
            return decision
        return Decision(CONFLICT, CONFLICT_REF_NO, other.uuid, other.revision, other.content_hash)

    def decide_referral_step(
        self, values: tuple[Any, ...], arriving: set[str] | None = None
    ) -> str:
        """A step is new when neither its uuid nor the same step of the same referral is here
        and the interview is (or arrives in the same package); the first recording of a step
        wins, a second one from another counter is counted as already here; a step whose
        interview is not here is skipped, never kept on its own."""
        uuid, interview, step = values[0], values[1], values[2]
        if self.records.step_recorded(uuid, interview, step):
            return REFERRAL_SAME
        if arriving is not None and interview in arriving:
            return REFERRAL_NEW
        return REFERRAL_NEW if self.records.interview_here(interview) else REFERRAL_SKIPPED

    def decide_review(self, values: tuple[Any, ...], arriving: set[str] | None = None) -> str:
        """A mark is new when its uuid is not here and its interview is (or is `arriving` in
        the same package); a mark whose interview is not here is skipped, never kept on its
        own: the interview may have been purged, and the mark must not outlive it. Marks never
        change, so the same uuid with other content is set aside."""
        uuid, interview = values[0], values[1]
        local = self.records.review_mark(uuid)
        if local is not None:
            if local.values() == tuple(values) or superseded(
                self.database, uuid, text_hash(review_text(values))
            ):
                return REVIEW_SAME
            return REVIEW_CONFLICT
        if arriving is not None and interview in arriving:
            return REVIEW_NEW
        return REVIEW_NEW if self.records.interview_here(interview) else REVIEW_SKIPPED

    # -- writes -----------------------------------------------------------------------------

    def apply(
        self, line: InterviewLine, decision: Decision, package_id: str, source_workstation: str
    ) -> None:
        if decision.action in (SAME, OLDER, PAST_RETENTION):
            return
        if decision.action == CONFLICT:
            self._set_aside(line, decision, package_id, source_workstation)
            return
        bundle = line.bundle()
        row = bundle["interview"]
        unknown = set(row) - self.records.interview_columns
        if unknown:
            raise newer_application()
        try:
            if decision.action == NEW:
                self.records.add_interview(row)
            else:
                self.records.replace_interview(row)
            self._children(line.uuid, bundle)
            if self.counters is not None:
                self.counters.see(line.ref_no)
        except (RowRefused, TypeError, ValueError) as exc:
            raise tampered("rekaman wawancara tidak sah", "invalid interview record") from exc

    def _children(self, uuid: str, bundle: dict[str, Any]) -> None:
        # Shapes by unpacking (a wrong length raises ValueError); STRICT tables and NOT NULL
        # refuse wrong types. Everything here passed authentication with the office key.
        self.records.add_children(uuid, bundle["answers"], bundle["flags"], bundle["revisions"])
        for slip in bundle["slips"]:
            self._slip(slip)

    def _slip(self, slip: Any) -> None:
        columns = self.records.slip_columns
        if not isinstance(slip, dict) or not columns:
            return
        values = {n: _from_jsonable(slip[n]) for n in slip if n in columns}
        if values:
            self.records.add_slip(values)

    def _set_aside(
        self, line: InterviewLine, decision: Decision, package_id: str, source_workstation: str
    ) -> None:
        local = self._local_version(decision.local_uuid) if decision.local_uuid else None
        self.conflicts.set_aside(
            SetAside(
                detected_at=self.now,
                package_id=package_id,
                source_workstation=source_workstation,
                interview_uuid=line.uuid,
                kind=str(decision.conflict),
                local_uuid=decision.local_uuid,
                local_revision=decision.local_revision,
                local_content_hash=decision.local_content_hash,
                incoming_revision=line.revision,
                incoming_content_hash=line.content_hash,
                local_version=local,
                incoming_version=line.record.decode("utf-8"),
            )
        )

    def _local_version(self, uuid: str) -> str | None:
        """The local interview with its answers and flags as JSON (for a conflict record)."""
        version = self.records.version(uuid)
        if version is None:
            return None
        return dumps(
            {"interview": version.row, "answers": version.answers, "flags": version.flags}
        ).decode("utf-8")

    def review(
        self, line: ReviewLine, values: tuple[Any, ...], package_id: str, source: str
    ) -> str:
        """Add a review mark (see decide_review); what happened to it."""
        decision = self.decide_review(values)
        if decision == REVIEW_NEW:
            try:
                self.records.add_review_mark(_review_mark(values))
            except RowRefused as exc:
                raise tampered("tinjauan tidak sah", "invalid review record") from exc
        elif decision == REVIEW_CONFLICT:
            local = self.records.review_mark(line.uuid)
            assert local is not None  # decide_review found it, in this transaction
            local_text = review_text(local.values())
            incoming_text = review_text(values)
            self.conflicts.set_aside(
                SetAside(
                    detected_at=self.now,
                    package_id=package_id,
                    source_workstation=source,
                    interview_uuid=line.interview_uuid,
                    kind=CONFLICT_REVIEW,
                    local_uuid=line.uuid,
                    local_revision=local.revision,
                    local_content_hash=text_hash(local_text),
                    incoming_revision=values[2],
                    incoming_content_hash=text_hash(incoming_text),
                    local_version=local_text,
                    incoming_version=incoming_text,
                )
            )
        return decision

    def referral_step(self, values: tuple[Any, ...]) -> str:
        """Add a referral follow-up step (see decide_referral_step); what happened to it."""
        decision = self.decide_referral_step(values)
        if decision == REFERRAL_NEW:
            try:
                self.records.add_step(_follow_up_step(values))
            except (RowRefused, TypeError) as exc:
                raise tampered("langkah rujukan tidak sah", "invalid referral step") from exc
        return decision

    def resolution(self, resolution: Resolution, package_id: str, source: str) -> str:
        """Keep a supervisor's settlement (made here or arriving), put the kept version in place
        where the record here is a dropped one, and close the conflicts it settles."""
        if not store(self.database, resolution):
            return RESOLUTION_SAME
        if needs_kept_version(self.database, resolution):
            self._put_kept_version(resolution, package_id, source)
        actor = f"officer:{resolution.by_officer}"
        if resolution.workstation_id != self.own_workstation:
            actor = f"{resolution.workstation_id}/{actor}"
        close_conflicts(self.database, resolution, actor)
        return RESOLUTION_NEW

    def _put_kept_version(self, resolution: Resolution, package_id: str, source: str) -> None:
        invalid = ("versi yang dipertahankan tidak sah", "invalid kept version")
        try:
            data = json.loads(resolution.kept_version)
        except ValueError:
            raise tampered(*invalid) from None
        if resolution.kind == CONFLICT_REVIEW:
            if not isinstance(data, dict) or set(data) != set(REVIEW_FIELDS):
                raise tampered(*invalid)
            if data["uuid"] != resolution.subject_uuid:
                raise tampered(*invalid)
            try:
                self.records.replace_review_mark(ReviewMark(**data))
            except RowRefused as exc:
                raise tampered(*invalid) from exc
            return
        line = kept_interview_line(resolution.kept_version)
        if line is None or line.uuid != resolution.subject_uuid:
            raise tampered(*invalid)
        here = self.records.held(line.uuid)
        assert here is not None  # needs_kept_version found it, in this transaction
        decision = Decision(UPDATE, None, line.uuid, here.revision, here.content_hash)
        self.apply(line, decision, package_id, source)

    def questionnaire(self, record: Any) -> bool:
        """Install a script the interviews refer to (inactive); True when it was new."""
        invalid = ("naskah tidak sah", "invalid script record")
        try:
            digest, script_id, version, source = _typed(
                [record["hash"], record["id"], record["version"], record["source"]],
                (str, str, int, str),
            )
        except (KeyError, TypeError):
            raise tampered(*invalid) from None
        if source_hash(source) != digest:
            raise tampered(*invalid)
        try:
            return self.records.add_script(digest, script_id, version, source, self.now)
        except RowRefused as exc:
            raise tampered(*invalid) from exc

    def officer(self, record: Any) -> None:
        """Remember who another workstation's officer id is (to show who decided)."""
        try:
            workstation, officer_id, username, full_name, nip, role = _typed(
                [
                    record[k]
                    for k in ("workstation_id", "id", "username", "full_name", "nip", "role")
                ],
                (str, int, str, str, (str, type(None)), str),
            )
        except (KeyError, TypeError):
            raise tampered("data petugas tidak sah", "invalid officer record") from None
        if workstation == self.own_workstation:
            return
        self.peers.remember_officer(
            ForeignOfficer(workstation, officer_id, username, full_name, nip, role), self.now
        )

    def audit_entry(self, source: Any, record: Any) -> None:
        """Keep another workstation's audit entry; ours are in our own chain already.
        Written in batches; `flush()` writes the rest and says how many were new."""
        if source == self.own_workstation:
            return
        try:
            values = _typed(
                [source, *(record[name] for name in CHAIN_ENTRY_FIELDS)],
                (str, int, str, str, str, (str, type(None)), (str, type(None)), str, str, str),
            )
        except (KeyError, TypeError):
            raise tampered("entri audit tidak sah", "invalid audit entry") from None
        self._audit_rows.append(values)
        if len(self._audit_rows) >= AUDIT_BATCH:
            self.flush()

    def flush(self) -> int:
        """Write the pending audit entries; the number of entries new here so far."""
        if self._audit_rows:
            self.audit_added += self.peers.add_audit_entries(self._audit_rows)
            self._audit_rows.clear()
        return self.audit_added


def _follow_up_step(values: tuple[Any, ...]) -> FollowUpStep:
    """A step from its fields in REFERRAL_STEP_FIELDS order (ReferralStepLine.values())."""
    return FollowUpStep(**dict(zip(REFERRAL_STEP_FIELDS, values, strict=True)))


def _review_mark(values: tuple[Any, ...]) -> ReviewMark:
    """A mark from its fields in REVIEW_FIELDS order (as ReviewLine.values() gives them)."""
    return ReviewMark(**dict(zip(REVIEW_FIELDS, values, strict=True)))


def kept_interview_line(record: str) -> InterviewLine | None:
    """An interview version (an export record's JSON) as the line that carries it."""
    try:
        data = json.loads(record)
        row = data["interview"]
        return InterviewLine(
            uuid=str(row["uuid"]),
            revision=int(row["revision"]),
            content_hash=str(row["content_hash"]),
            workstation_id=str(row["workstation_id"]),
            ref_no=str(row["ref_no"]),
            answers=len(data["answers"]),
            flags=len(data["flags"]),
            revisions=len(data["revisions"]),
            slips=len(data["slips"]),
            record=record.encode("utf-8"),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _typed(values: Any, types: tuple[Any, ...]) -> list[Any]:
    if not isinstance(values, list) or len(values) != len(types):
        raise TypeError("record shape")
    for value, expected in zip(values, types, strict=True):
        if isinstance(value, bool) and expected is not bool:
            raise TypeError("record field type")
        if not isinstance(value, expected):
            raise TypeError("record field type")
    return values


def _from_jsonable(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$base64"}:
        return base64.b64decode(value["$base64"])
    if isinstance(value, dict | list):
        raise TypeError("slip field type")
    return value
