"""A recruiter named at another workstation is found here once its interviews are imported."""

from __future__ import annotations

from pathlib import Path

from interview_app.storage.interviews import InterviewRepository
from interview_app.sync.export import export_package
from interview_app.sync.importer import apply_package
from tests.sync.factory import Station

PHONE = "+6285212349876"


def _completed_with_recruiter(repository: InterviewRepository, phone: str, name: str) -> str:
    record = repository.create_draft(
        officer_id=1,
        questionnaire_id="tppo",
        questionnaire_version=1,
        questionnaire_hash="a" * 64,
        language="id",
    )
    repository.save_answer(
        record.uuid,
        "recruiter_phone",
        phone,
        current_question=None,
        identity={"recruiter_phone_key": phone, "recruiter_name_key": name},
    )
    repository.complete(
        record.uuid,
        chosen_outcome="TUNDA_RUJUK_BP3MI",
        override_reason=None,
        flags=[],
        score=9,
        hard_flag=False,
        suggested_outcome="TUNDA_RUJUK_BP3MI",
        consent_bp3mi=True,
        officer_id=1,
    )
    return record.uuid


def test_imported_interviews_count_for_the_same_recruiter(
    station_a: Station, station_b: Station, stick: Path
) -> None:
    taken_at_a = _completed_with_recruiter(station_a.repository, PHONE, "rusdi")
    assert station_b.repository.same_recruiter(PHONE, "rusdi").count == 0
    package = export_package(station_a.database, station_a.data_dir, stick)
    assert package.path
    apply_package(station_b.database, station_b.data_dir, package.path)
    found = station_b.repository.same_recruiter(PHONE, "rusdi")
    assert [s.uuid for s in found.recent] == [taken_at_a]
    assert found.recent[0].workstation_id == station_a.workstation_id

    # A correction at A that changes the recruiter's phone reaches B's look-up too.
    station_a.repository.correct(
        taken_at_a,
        reason="nomor perekrut salah ketik",
        officer_id=1,
        answers={"recruiter_phone": "+628111000111"},
        flags=[],
        score=9,
        hard_flag=False,
        suggested_outcome="TUNDA_RUJUK_BP3MI",
        chosen_outcome="TUNDA_RUJUK_BP3MI",
        override_reason=None,
        identity={"recruiter_phone_key": "+628111000111", "recruiter_name_key": "rusdi"},
    )
    again = export_package(station_a.database, station_a.data_dir, stick)
    assert again.path
    apply_package(station_b.database, station_b.data_dir, again.path)
    assert station_b.repository.same_recruiter(PHONE, None).count == 0
    assert station_b.repository.same_recruiter("+628111000111", None).count == 1
