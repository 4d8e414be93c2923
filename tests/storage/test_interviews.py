"""Interviews: autosave, completion, corrections as revisions, voiding, look-ups."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from interview_app.errors import KnownError
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database
from interview_app.storage.errors import InvalidState, NotFound, OfficeNotConfigured
from interview_app.storage.interviews import (
    FlagRecord,
    InterviewRecord,
    InterviewRepository,
    content_hash,
)
from interview_app.storage.settings import SettingsStore

from .conftest import new_draft

NIK = "7271014101900001"
FLAG_VISA = FlagRecord(
    "visit_visa_work", 3.0, False, "Visa kunjungan untuk bekerja", "Visit visa used for work"
)
FLAG_HELD = FlagRecord(
    "documents_held", 0.0, True, "Dokumen ditahan pihak lain", "Documents held by others"
)


def _complete(
    repo: InterviewRepository, record: InterviewRecord, **changes: object
) -> InterviewRecord:
    arguments: dict = {
        "chosen_outcome": "TUNDA_RUJUK_BP3MI",
        "override_reason": None,
        "flags": [FLAG_VISA, FLAG_HELD],
        "score": 3.0,
        "hard_flag": True,
        "suggested_outcome": "TUNDA_RUJUK_BP3MI",
        "consent_bp3mi": True,
        "officer_id": 1,
    }
    arguments.update(changes)
    return repo.complete(record.uuid, **arguments)


def _person(
    repo: InterviewRepository,
    clock: FixedClock,
    name: str,
    nik: str | None = None,
    passport: str | None = None,
) -> InterviewRecord:
    record = new_draft(repo)
    identity = {"full_name": name, "nik": nik, "passport_no": passport}
    repo.save_answer(record.uuid, "full_name", name, current_question="nik", identity=identity)
    clock.advance(minutes=10)
    return repo.get(record.uuid)


def test_create_draft(interviews: InterviewRepository, clock: FixedClock, audit: AuditLog) -> None:
    first = new_draft(interviews)
    second = new_draft(interviews)
    year = clock().astimezone().year
    assert first.ref_no == f"PLU-{year}-000001" and second.ref_no == f"PLU-{year}-000002"
    assert first.status == "draft" and first.revision == 1 and first.answers == {}
    assert first.created_at == "2025-01-06T01:00:00.000000+00:00"
    assert len(first.uuid) == 36 and first.workstation_id
    assert interviews.get(first.ref_no.lower()) == first
    assert audit.entries(object_id=first.uuid)[0].action == "interview.create"


def test_reference_numbers_never_reused(
    interviews: InterviewRepository, database: Database
) -> None:
    first = new_draft(interviews)
    interviews.void(first.uuid, "dibuat keliru", 1)
    database.conn.execute("DELETE FROM interviews WHERE uuid = ?", (first.uuid,))  # a purge
    assert new_draft(interviews).ref_no.endswith("-000002")


def test_reference_number_with_workstation_code(
    interviews: InterviewRepository, database: Database
) -> None:
    SettingsStore(database).set("workstation_code", "K2")
    assert new_draft(interviews).ref_no.startswith("PLU-K2-")


def test_office_must_be_configured(interviews: InterviewRepository, database: Database) -> None:
    SettingsStore(database).delete("office_code")
    with pytest.raises(OfficeNotConfigured):
        new_draft(interviews)


def test_each_answer_committed_when_saved(
    interviews: InterviewRepository, database: Database, clock: FixedClock
) -> None:
    record = new_draft(interviews)
    other = sqlite3.connect(database.path)  # another reader sees only what is committed
    try:
        interviews.save_answer(
            record.uuid,
            "purpose",
            "work",
            current_question="country",
            score=2.5,
            suggested_outcome="TUNDA_LENGKAPI",
        )
        assert not database.conn.in_transaction
        assert other.execute(
            "SELECT value FROM answers WHERE question_id = 'purpose'"
        ).fetchone() == ('"work"',)
        clock.advance(seconds=5)
        interviews.save_answer(
            record.uuid,
            "jobs",
            ["domestic", "factory"],
            current_question="nik",
            identity={"nik": NIK, "kk": None},
        )
        row = other.execute(
            "SELECT current_question, nik, score, suggested_outcome, updated_at"
            " FROM interviews WHERE uuid = ?",
            (record.uuid,),
        ).fetchone()
        assert row == ("nik", NIK, 2.5, "TUNDA_LENGKAPI", "2025-01-06T01:00:05.000000+00:00")
    finally:
        other.close()
    stored = interviews.get(record.uuid)
    assert stored.answers == {"purpose": "work", "jobs": ["domestic", "factory"]}
    interviews.save_answer(record.uuid, "purpose", None, current_question="purpose")
    assert interviews.get(record.uuid).answers == {"jobs": ["domestic", "factory"]}


def test_unknown_identity_field_is_a_bug(interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    with pytest.raises(ValueError):
        interviews.save_answer(
            record.uuid, "q", 1, current_question=None, identity={"nik; DROP TABLE interviews": "x"}
        )


def test_save_refused_unless_draft(interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    interviews.save_answer(record.uuid, "q1", True, current_question=None)
    _complete(interviews, record)
    with pytest.raises(InvalidState) as caught:
        interviews.save_answer(record.uuid, "q1", False, current_question=None)
    assert "revisi" in caught.value.message.id
    with pytest.raises(InvalidState):
        interviews.save_notes(record.uuid, "late note")
    with pytest.raises(NotFound):
        interviews.save_answer("no-such-uuid", "q1", False, current_question=None)
    assert interviews.get(record.uuid).answers == {"q1": True}


def test_notes_and_language(interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    interviews.save_notes(record.uuid, "Pemohon gugup")
    interviews.set_language(record.uuid, "en")
    stored = interviews.get(record.uuid)
    assert (stored.notes, stored.language) == ("Pemohon gugup", "en")


def test_complete(interviews: InterviewRepository, audit: AuditLog) -> None:
    record = new_draft(interviews)
    interviews.save_answer(record.uuid, "q1", "ya", current_question=None)
    done = _complete(interviews, record, officer_id=7)
    assert done.status == "completed" and done.completed_at is not None
    assert done.flags == [FLAG_VISA, FLAG_HELD]
    assert done.hard_flag is True and done.consent_bp3mi is True and done.officer_id == 7
    assert done.content_hash == content_hash(done) and len(done.content_hash or "") == 64
    assert interviews.get(record.uuid) == done
    entry = audit.entries(object_id=record.uuid)[0]
    assert entry.action == "interview.complete" and entry.actor == "officer:7"
    with pytest.raises(InvalidState):
        _complete(interviews, record)


def test_override_needs_reason(interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    with pytest.raises(KnownError) as caught:
        _complete(interviews, record, chosen_outcome="TERBIT", override_reason="  ")
    assert "alasan" in caught.value.message.id
    assert interviews.get(record.uuid).status == "draft"
    done = _complete(
        interviews,
        record,
        chosen_outcome="TERBIT",
        override_reason="Dokumen lengkap, diperiksa langsung",
    )
    assert done.override_reason == "Dokumen lengkap, diperiksa langsung"


def test_correction_keeps_earlier_revision(
    interviews: InterviewRepository, clock: FixedClock, audit: AuditLog
) -> None:
    record = new_draft(interviews)
    interviews.save_answer(record.uuid, "country", "MY", current_question="job")
    interviews.save_answer(
        record.uuid,
        "job",
        "factory",
        current_question=None,
        identity={"full_name": "Siti Aminah", "nik": NIK},
    )
    first = _complete(interviews, record)
    clock.advance(hours=2)
    with pytest.raises(KnownError):
        interviews.correct(
            record.uuid,
            reason=" ",
            officer_id=2,
            answers={},
            flags=[],
            score=0,
            hard_flag=False,
            suggested_outcome="TERBIT",
            chosen_outcome="TERBIT",
            override_reason=None,
        )
    second = interviews.correct(
        record.uuid,
        reason="Negara tujuan salah ketik",
        officer_id=2,
        answers={"country": "SG", "job": "factory"},
        flags=[FLAG_VISA],
        score=3.0,
        hard_flag=False,
        suggested_outcome="TUNDA_LENGKAPI",
        chosen_outcome="TUNDA_LENGKAPI",
        override_reason=None,
        identity={"full_name": "Siti Aminah Lubis"},
    )
    assert second.revision == 2 and second.answers == {"country": "SG", "job": "factory"}
    assert second.flags == [FLAG_VISA] and second.full_name == "Siti Aminah Lubis"
    assert second.content_hash != first.content_hash
    assert interviews.get_revision(record.uuid, 1) == first
    assert interviews.get_revision(record.uuid, 2) == second
    [info] = interviews.revisions(record.uuid)
    assert (info.revision, info.reason, info.revised_by) == (1, "Negara tujuan salah ketik", 2)
    kept_time = interviews._database.conn.execute(
        "SELECT answered_at FROM answers WHERE question_id = 'job'"
    ).fetchone()[0]
    assert kept_time == "2025-01-06T01:00:00.000000+00:00"  # unchanged answer keeps its time
    assert audit.entries(object_id=record.uuid)[0].action == "interview.correct"
    with pytest.raises(NotFound):
        interviews.get_revision(record.uuid, 5)


def test_only_completed_interviews_are_corrected(interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    with pytest.raises(InvalidState):
        interviews.correct(
            record.uuid,
            reason="x",
            officer_id=1,
            answers={},
            flags=[],
            score=None,
            hard_flag=False,
            suggested_outcome=None,
            chosen_outcome="TERBIT",
            override_reason=None,
        )


def test_void(interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    done = _complete(interviews, record)
    voided = interviews.void(record.uuid, "Pemohon salah orang", 3)
    assert voided.status == "voided" and voided.revision == 2
    assert voided.void_reason == "Pemohon salah orang"
    assert interviews.get_revision(record.uuid, 1) == done
    with pytest.raises(InvalidState):
        interviews.void(record.uuid, "again", 3)
    draft = new_draft(interviews)
    assert interviews.void(draft.uuid, "ditinggalkan", 3).status == "voided"


def test_record_view_is_audited(interviews: InterviewRepository, audit: AuditLog) -> None:
    record = new_draft(interviews)
    interviews.save_answer(record.uuid, "nik", NIK, current_question=None, identity={"nik": NIK})
    interviews.record_view(record.ref_no, 4)
    entry = audit.entries(limit=1)[0]
    assert (entry.action, entry.actor, entry.object_id) == (
        "interview.view",
        "officer:4",
        record.uuid,
    )
    assert NIK not in str(audit.entries())
    with pytest.raises(NotFound):
        interviews.record_view("unknown", 4)


def test_search(interviews: InterviewRepository, clock: FixedClock) -> None:
    siti = _person(interviews, clock, "Siti Aminah", NIK, "C1234567")
    sitti = _person(interviews, clock, "sitti rahma", "7271010101900002", "XA123456")
    percent = _person(interviews, clock, "100% Budi_Santoso")
    _person(interviews, clock, "Budi Santoso")

    def found(text: str) -> list[str]:
        return [s.uuid for s in interviews.search(text)]

    assert found(NIK) == [siti.uuid]
    assert found("7271 0141 0190 0001") == [siti.uuid]
    assert found("727101") == [sitti.uuid, siti.uuid]  # NIK prefix, newest first
    assert found("c1234567") == [siti.uuid]
    assert found("XA 123456") == [sitti.uuid]
    assert found("SIT") == [siti.uuid, sitti.uuid]  # names in name order
    assert found("siti") == [siti.uuid]
    assert found("100%") == [percent.uuid]
    assert found("100% Budi_") == [percent.uuid]
    assert found("Budi_") == []  # "_" is a letter here, not a wildcard
    assert found("%") == []
    assert found("  ") == []
    assert found(siti.ref_no) == [siti.uuid]
    summary = interviews.search("Siti")[0]
    assert (summary.full_name, summary.nik, summary.status) == ("Siti Aminah", NIK, "draft")


def test_name_search_uses_nocase_index(interviews: InterviewRepository, database: Database) -> None:
    captured: list[str] = []
    database.conn.set_trace_callback(captured.append)
    try:
        interviews.search("Sit")
    finally:
        database.conn.set_trace_callback(None)
    [sql] = [s for s in captured if "LIKE" in s]
    plan = database.conn.execute(
        "EXPLAIN QUERY PLAN " + sql.replace("'Sit%'", "?").replace("LIMIT 50", "LIMIT ?"),
        ("Sit%", 50),
    ).fetchall()
    details = " ".join(row[3] for row in plan)
    assert "USING INDEX interviews_full_name" in details, details


@pytest.mark.parametrize(
    ("column", "index"),
    [("nik", "interviews_nik"), ("passport_no", "interviews_passport_no")],
)
def test_identity_look_ups_use_indexes(database: Database, column: str, index: str) -> None:
    plan = database.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT uuid FROM interviews WHERE {column} = ?", ("x",)
    ).fetchall()
    assert f"USING INDEX {index}" in " ".join(row[3] for row in plan)


def test_repeat_applicants_newest_first(interviews: InterviewRepository, clock: FixedClock) -> None:
    oldest = _person(interviews, clock, "Siti Aminah", NIK, None)
    _complete(interviews, oldest)
    by_passport = _person(interviews, clock, "Siti A.", None, "C1234567")
    unrelated = _person(interviews, clock, "Ani", "7271010101900009", "C7654321")
    voided = _person(interviews, clock, "Siti Aminah", NIK, None)
    interviews.void(voided.uuid, "keliru", 1)
    current = _person(interviews, clock, "Siti Aminah", NIK, "C1234567")

    found = interviews.repeat_applicants(nik=NIK, passport_no="c1234567", exclude_uuid=current.uuid)
    assert [s.uuid for s in found] == [by_passport.uuid, oldest.uuid]
    assert found[1].outcome == "TUNDA_RUJUK_BP3MI"
    assert found[1].flag_rule_ids == ("visit_visa_work", "documents_held")  # in the engine's order
    assert found[1].flag_count == 2
    assert unrelated.uuid not in [s.uuid for s in interviews.repeat_applicants(nik=NIK)]
    assert interviews.repeat_applicants() == []
    plan = interviews._database.conn.execute(
        "EXPLAIN QUERY PLAN SELECT uuid FROM interviews WHERE nik = ? OR passport_no = ?",
        (NIK, "C1234567"),
    ).fetchall()
    details = " ".join(row[3] for row in plan)
    assert "interviews_nik" in details and "interviews_passport_no" in details


def test_list_drafts_and_today(
    interviews: InterviewRepository, clock: FixedClock, database: Database
) -> None:
    wita = timezone(timedelta(hours=8))
    clock.set(datetime(2025, 3, 10, 23, 30, tzinfo=wita))  # late on the 10th, local time
    late = new_draft(interviews)
    clock.set(datetime(2025, 3, 11, 8, 0, tzinfo=wita))
    morning = new_draft(interviews)
    clock.advance(minutes=30)
    done = new_draft(interviews)
    _complete(interviews, done)
    workstation = SettingsStore(database).get("workstation_id")

    today = interviews.list_today(workstation, date(2025, 3, 11), tz=wita)
    assert [s.uuid for s in today] == [morning.uuid, done.uuid]
    assert [s.uuid for s in interviews.list_today(None, date(2025, 3, 10), tz=wita)] == [late.uuid]
    assert interviews.list_today("other-workstation", date(2025, 3, 11), tz=wita) == []
    clock.advance(minutes=5)
    interviews.save_answer(late.uuid, "q", 1, current_question=None)
    assert [s.uuid for s in interviews.list_drafts(workstation)] == [late.uuid, morning.uuid]
    assert interviews.list_drafts("other-workstation") == []
    assert clock().tzinfo == UTC


def test_a_suspected_purpose_never_recorded_leaves_the_content_hash_as_before() -> None:
    """m003 added suspected_purpose: records sealed before it keep their content hash, so sync
    and `db check` still recognise them; a recorded one is part of the content."""
    import dataclasses

    from interview_app.storage.interviews import InterviewRecord, content_hash

    record = InterviewRecord(
        "u",
        "PLU-2026-000001",
        "PLU",
        "w",
        "tppo",
        1,
        "a" * 64,
        1,
        "completed",
        1,
        "t",
        "t",
        "t",
        "id",
        None,
    )
    assert "suspected_purpose" not in record.to_dict()
    assert InterviewRecord.from_dict(record.to_dict()) == record
    confirmed = dataclasses.replace(record, suspected_purpose="suspected_scam_work")
    assert confirmed.to_dict()["suspected_purpose"] == "suspected_scam_work"
    assert content_hash(confirmed) != content_hash(record)
    assert InterviewRecord.from_dict(confirmed.to_dict()) == confirmed
