"""Sync conflicts for a supervisor: the list, both versions side by side, keeping one of them."""

from __future__ import annotations

import builtins
import json
import uuid as uuid_module
from dataclasses import dataclass
from typing import Any

from interview_app.errors import KnownError
from interview_app.questionnaire.loader import QuestionnaireError, load_text
from interview_app.questionnaire.model import Question, Questionnaire
from interview_app.storage.clock import to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import InvalidState, NotFound
from interview_app.storage.officer_names import OfficerNames
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.reviews import ReviewMarks
from interview_app.storage.sync_conflicts import SyncConflicts
from interview_app.supervision.session import SupervisorSession
from interview_app.sync.exportdata import interview_record
from interview_app.sync.merge import Merger
from interview_app.sync.received import Conflict, conflicts, waiting_conflicts
from interview_app.sync.records import REVIEW_FIELDS
from interview_app.sync.resolutions import (
    KEEP_INCOMING,
    KEEP_LOCAL,
    REPLACEABLE,
    Resolution,
    for_conflict,
    review_text,
    unchanged_since,
)
from interview_app.text import Message

__all__ = ["ConflictDesk", "ConflictDetail", "ComparedField", "kind_text", "waiting_conflicts"]

KIND_TEXT = {
    "content_differs": Message(
        "isi berbeda pada revisi yang sama", "other content in the same revision"
    ),
    "owner_differs": Message("milik loket lain di sini", "owned by another workstation here"),
    "ref_no_taken": Message(
        "nomor referensi sudah dipakai wawancara lain", "reference number taken by another"
    ),
    "review_differs": Message("tinjauan supervisor berbeda", "supervisor review differs"),
}
# Interview columns worth comparing, with their labels (identity, decision, status).
_COLUMNS: tuple[tuple[str, Message], ...] = (
    ("ref_no", Message("No. referensi", "Reference no.")),
    ("status", Message("Status", "Status")),
    ("revision", Message("Revisi", "Revision")),
    ("workstation_id", Message("Loket", "Workstation")),
    ("officer_id", Message("Petugas (no.)", "Officer (no.)")),
    ("nik", Message("NIK", "NIK")),
    ("passport_no", Message("No. paspor", "Passport no.")),
    ("full_name", Message("Nama", "Name")),
    ("birth_date", Message("Tanggal lahir", "Date of birth")),
    ("phone", Message("Telepon", "Phone")),
    ("address", Message("Alamat", "Address")),
    ("score", Message("Skor", "Score")),
    ("hard_flag", Message("Tanda bahaya berat", "Hard red flag")),
    ("suggested_outcome", Message("Saran hasil", "Suggested outcome")),
    ("chosen_outcome", Message("Hasil dipilih", "Chosen outcome")),
    ("override_reason", Message("Alasan beda dari saran", "Override reason")),
    ("notes", Message("Catatan", "Notes")),
    ("completed_at", Message("Selesai", "Completed")),
    ("voided_at", Message("Dibatalkan", "Voided")),
    ("void_reason", Message("Alasan batal", "Void reason")),
)
_REVIEW_LABELS: tuple[tuple[str, Message], ...] = (
    ("action", Message("Tindakan", "Action")),
    ("revision", Message("Revisi", "Revision")),
    ("comment", Message("Komentar", "Comment")),
    ("workstation_id", Message("Loket", "Workstation")),
    ("by_officer", Message("Supervisor (no.)", "Supervisor (no.)")),
    ("at", Message("Waktu", "Time")),
)
_EMPTY = Message("", "")


@dataclass(frozen=True)
class ComparedField:
    """One line of the side-by-side view: a field or an answer in both versions."""

    key: str  # a column name, or "answer:<question id>"
    label: Message
    local: Message
    incoming: Message
    differs: bool


@dataclass(frozen=True)
class ConflictDetail:
    conflict: Conflict
    ref_no: str
    fields: tuple[ComparedField, ...]
    resolution: Resolution | None  # how it was settled, when it was

    @property
    def differing(self) -> tuple[ComparedField, ...]:
        return tuple(f for f in self.fields if f.differs)

    @property
    def can_keep_incoming(self) -> bool:
        return self.conflict.kind in REPLACEABLE and self.conflict.resolved_at is None


def kind_text(kind: str) -> Message:
    return KIND_TEXT.get(kind, Message(kind, kind))


def ref_no_of(conflict: Conflict) -> str:
    for version in (conflict.incoming_version, conflict.local_version):
        data = _parsed(version)
        row = data.get("interview") if isinstance(data, dict) else None
        if isinstance(row, dict) and isinstance(row.get("ref_no"), str):
            return str(row["ref_no"])
    return conflict.interview_uuid[:8]


def _parsed(version: str | None) -> Any:
    if not version:
        return None
    try:
        return json.loads(version)
    except ValueError:
        return None


def _not_found(conflict_id: int) -> NotFound:
    return NotFound(
        f"Konflik #{conflict_id} tidak ada. Lihat 'interview-app sync conflicts list'.",
        f"Conflict #{conflict_id} does not exist. See 'interview-app sync conflicts list'.",
    )


class ConflictDesk:
    """Every operation checks that a supervisor acts (the role is checked here, not only by
    what a screen shows)."""

    def __init__(self, session: SupervisorSession) -> None:
        self._session = session
        session.require()

    def list(self, include_resolved: bool = False) -> list[Conflict]:
        """Waiting conflicts (or all), newest first."""
        self._session.require()
        return conflicts(self._session.database, include_resolved=include_resolved)

    def get(self, conflict_id: int) -> Conflict:
        self._session.require()
        found = [c for c in self.list(include_resolved=True) if c.id == int(conflict_id)]
        if not found:
            raise _not_found(conflict_id)
        return found[0]

    def show(self, conflict_id: int) -> ConflictDetail:
        """Both versions field by field, answers by question label from the interview's own
        script version, the differing ones marked."""
        conflict = self.get(conflict_id)
        if conflict.kind == "review_differs":
            fields = _review_fields(conflict)
        else:
            fields = self._interview_fields(conflict)
        state = SyncConflicts(self._session.database).state(conflict.id)
        hashes = (
            {h for h in (state.local_content_hash, state.incoming_content_hash) if h}
            if state is not None
            else set()
        )
        settled = (
            for_conflict(self._session.database, conflict.interview_uuid, conflict.kind, hashes)
            if conflict.resolved_at
            else None
        )
        return ConflictDetail(conflict, ref_no_of(conflict), tuple(fields), settled)

    def _interview_fields(self, conflict: Conflict) -> builtins.list[ComparedField]:
        local, incoming = _parsed(conflict.local_version), _parsed(conflict.incoming_version)
        mine, theirs = _interview_of(local), _interview_of(incoming)
        script = self._script(mine.get("questionnaire_hash") or theirs.get("questionnaire_hash"))
        fields = [
            _compare(name, label, mine.get(name), theirs.get(name), name in mine, name in theirs)
            for name, label in _COLUMNS
            if name in mine or name in theirs
        ]
        left, right = _answers_of(local), _answers_of(incoming)
        order = list(script.questions) if script is not None else []
        ids = [q for q in order if q in left or q in right]
        ids += sorted((set(left) | set(right)) - set(ids))
        for question_id in ids:
            question = script.questions.get(question_id) if script is not None else None
            label = question.label if question is not None and question.label else None
            fields.append(
                ComparedField(
                    f"answer:{question_id}",
                    label or Message(question_id, question_id),
                    _answer_text(question, left.get(question_id), question_id in left),
                    _answer_text(question, right.get(question_id), question_id in right),
                    (question_id in left) != (question_id in right)
                    or left.get(question_id) != right.get(question_id),
                )
            )
        return fields

    def _script(self, digest: Any) -> Questionnaire | None:
        if not isinstance(digest, str):
            return None
        try:
            source = QuestionnaireStore(self._session.database).get(digest)
            return load_text(source, f"{digest[:12]}.yaml")
        except (KnownError, QuestionnaireError):
            return None  # shown with question ids

    def resolve(self, conflict_id: int, keep: str, reason: str) -> Resolution:
        """Keep the local or the incoming version, for a reason. One transaction: the kept
        version in place, the settlement recorded (it travels in the next package), the
        conflict (and any other open one between the same two versions) closed, the audit
        entry (ids only)."""
        self._session.require()
        reason = (reason or "").strip()
        if keep not in (KEEP_LOCAL, KEEP_INCOMING):
            raise KnownError(
                "Pilih versi yang dipertahankan: 'local' (di sini) atau 'incoming' (masuk).",
                "Choose the version to keep: 'local' (here) or 'incoming'.",
            )
        if not reason:
            raise KnownError(
                "Tulis alasan memilih versi ini (wajib).",
                "Write why this version is kept (required).",
            )
        conflict = self.get(conflict_id)
        if conflict.resolved_at is not None:
            raise InvalidState(
                f"Konflik #{conflict.id} sudah diselesaikan; tidak ada yang berubah.",
                f"Conflict #{conflict.id} was resolved already; nothing changed.",
            )
        if keep == KEEP_INCOMING and conflict.kind not in REPLACEABLE:
            raise InvalidState(
                "Versi masuk adalah wawancara lain (nomor referensi atau loket pemilik bentrok); "
                "versi di sini tetap. Pertahankan versi di sini, lalu minta loket pengirim "
                "memeriksa datanya.",
                "The incoming version is another interview (its reference number or owning "
                "workstation clashes); the local one stays. Keep the local version and ask the "
                "sending workstation to check its data.",
            )
        session = self._session
        now = to_iso(session.clock())
        with session.database.transaction():
            state = SyncConflicts(session.database).state(conflict.id)
            if state is None or state.resolved_at is not None:  # settled meanwhile (an import)
                raise InvalidState(
                    f"Konflik #{conflict.id} sudah diselesaikan; tidak ada yang berubah.",
                    f"Conflict #{conflict.id} was resolved already; nothing changed.",
                )
            local_hash = str(state.local_content_hash or "")
            incoming_hash = str(state.incoming_content_hash)
            subject = conflict.local_uuid or conflict.interview_uuid
            if keep == KEEP_INCOMING:
                unchanged_since(
                    session.database, conflict.kind, subject, conflict.local_revision, local_hash
                )
                kept_version = conflict.incoming_version
            else:
                kept_version = _current_version(session.database, conflict, subject)
            resolution = Resolution(
                uuid=str(uuid_module.uuid4()),
                interview_uuid=conflict.interview_uuid,
                kind=conflict.kind,
                subject_uuid=subject,
                revision=int(conflict.incoming_revision),
                keep=keep,
                kept_hash=incoming_hash if keep == KEEP_INCOMING else local_hash,
                dropped_hash=local_hash if keep == KEEP_INCOMING else incoming_hash,
                kept_version=kept_version,
                reason=reason,
                workstation_id=OfficerNames(session.database).local_workstation(),
                by_officer=session.officer_id,
                at=now,
            )
            merger = Merger(session.database, resolution.workstation_id, now)
            merger.resolution(resolution, "", resolution.workstation_id)
            # The reason may name the applicant: it stays out of the log, like review comments.
            session.audit.append(
                session.actor,
                "sync.conflict_resolved",
                "sync_conflict",
                str(conflict.id),
                {
                    "interview_uuid": conflict.interview_uuid,
                    "kind": conflict.kind,
                    "keep": keep,
                    "resolution": resolution.uuid,
                },
            )
        return resolution


def _current_version(database: Database, conflict: Conflict, subject: str) -> str:
    """The local version as it travels: an interview's whole export record, a review mark's
    fields; the stored local version when the record is gone."""
    if conflict.kind == "review_differs":
        mark = ReviewMarks(database).by_uuid(subject)
        if mark is not None:
            return review_text([getattr(mark, name) for name in REVIEW_FIELDS])
    elif conflict.kind in REPLACEABLE:
        record = interview_record(database, subject)
        if record is not None:
            return record
    return conflict.local_version or "{}"


def _interview_of(data: Any) -> dict[str, Any]:
    row = data.get("interview") if isinstance(data, dict) else None
    return row if isinstance(row, dict) else {}


def _answers_of(data: Any) -> dict[str, Any]:
    """Answers by question id, their values decoded (stored as JSON text)."""
    answers = data.get("answers") if isinstance(data, dict) else None
    found: dict[str, Any] = {}
    for entry in answers if isinstance(answers, list) else []:
        if isinstance(entry, list) and len(entry) >= 2 and isinstance(entry[0], str):
            value = entry[1]
            try:
                found[entry[0]] = json.loads(value) if isinstance(value, str) else value
            except ValueError:
                found[entry[0]] = value
    return found


def _plain(value: Any) -> Message:
    if value is None:
        return _EMPTY
    if isinstance(value, bool):
        return Message("ya", "yes") if value else Message("tidak", "no")
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False)
        return Message(text, text)
    return Message(str(value), str(value))


def _answer_text(question: Question | None, value: Any, present: bool) -> Message:
    if not present:
        return Message("(tidak dijawab)", "(not answered)")
    if question is not None and question.choices and value is not None:
        items = value if isinstance(value, list) else [value]
        labels = [question.choice(str(item)) for item in items]
        return Message(
            ", ".join(c.label.id if c else str(v) for c, v in zip(labels, items, strict=True)),
            ", ".join(c.label.en if c else str(v) for c, v in zip(labels, items, strict=True)),
        )
    return _plain(value)


def _compare(
    name: str, label: Message, left: Any, right: Any, in_left: bool, in_right: bool
) -> ComparedField:
    return ComparedField(
        name, label, _plain(left), _plain(right), in_left != in_right or left != right
    )


def _review_fields(conflict: Conflict) -> list[ComparedField]:
    mine, theirs = _parsed(conflict.local_version), _parsed(conflict.incoming_version)
    mine = mine if isinstance(mine, dict) else {}
    theirs = theirs if isinstance(theirs, dict) else {}
    return [
        _compare(name, label, mine.get(name), theirs.get(name), name in mine, name in theirs)
        for name, label in _REVIEW_LABELS
    ]
