"""Slip content from a stored interview: identity, purposes, actions; notes and sensitive data off."""

from __future__ import annotations

import dataclasses

from interview_app.slip.content import REFERRAL, SUMMARY, build_slip_content
from interview_app.storage.officers import OfficerRepository
from tests.slip.conftest import OFFICER_NAME, REFERRAL_ANSWERS, TODAY, TOURIST_ANSWERS, Office


def _content(office: Office, record, copy_number: int = 1):  # type: ignore[no-untyped-def]
    officer = OfficerRepository(office.database, office.audit).get(office.officer_id)
    return build_slip_content(
        record,
        office.questionnaire,
        officer,
        office.settings.all(),
        copy_number,
        slip_no="PLU/BP3MI/2025/00001",
        issued_on=TODAY,
    )


def test_a_referral_from_a_stored_interview(office: Office) -> None:
    record = office.complete(REFERRAL_ANSWERS, notes="Pemohon menangis; kakaknya di Tawau.")
    content = _content(office, record)
    assert content.kind == REFERRAL and content.refers_bp3mi
    assert content.outcome_code == "TUNDA_RUJUK_BP3MI"
    assert content.outcome_label == "Ditunda dan dirujuk ke BP3MI"
    assert content.letterhead.address == "Jl. Kartini No. 1, Palu, Sulawesi Tengah"  # one line
    assert (content.officer_name, content.officer_nip) == (OFFICER_NAME, "199104222015032001")
    applicant = content.applicant
    assert applicant.full_name == "Fitriani Labolo" and applicant.sex == "Perempuan"
    assert applicant.nik_last4 == "0006"
    assert content.stated_purpose == "Wisata / liburan"
    # Not confirmed at review (None stored): the script's suggestion from strong red flags.
    assert content.suspected_purpose == "bekerja secara non-prosedural"
    assert content.destination == "Malaysia"
    assert content.job == "Perkebunan / pertanian"
    assert content.answers["recruiter_name"] == "Pak Hamzah Daeng Maro"
    assert content.answers["paid_amount"] == "Rp 5.000.000"
    assert content.answers["paid_to_personal_account"] == "Ya"
    assert content.actions.counselling and content.actions.siskop2mi_check
    assert content.actions.placement_facilitation and content.actions.complaint_intake
    assert any(f.hard and f.rule_id == "visa_not_work" for f in content.flags)


def test_officer_notes_and_sensitive_answers_stay_off(office: Office) -> None:
    record = office.complete(REFERRAL_ANSWERS, notes="Pemohon menangis; kakaknya di Tawau.")
    content = _content(office, record)
    every_text = repr(dataclasses.asdict(content))
    assert "menangis" not in every_text
    for question_id in (
        "deported_or_overstay",
        "medical_check",
        "obs_inconsistent",
        "officer_notes",
    ):
        assert question_id not in content.answers
    # The deportation flag would tell the answer: it is counted, not shown.
    assert "deported_before" not in [f.rule_id for f in content.flags]
    assert "dideportasi" not in every_text
    assert content.flags_left_off == 1
    assert len(content.flags) == len(record.flags) - 1


def test_a_tourist_gets_the_summary_with_no_work_actions(office: Office) -> None:
    record = office.complete(TOURIST_ANSWERS)
    content = _content(office, record)
    assert content.kind == SUMMARY and not content.refers_bp3mi
    assert content.suspected_purpose == "sesuai yang dinyatakan"
    assert not content.actions.siskop2mi_check and not content.actions.complaint_intake
    assert content.flags == ()


def test_the_office_outcome_list_names_the_outcome(office: Office) -> None:
    office.settings.set(
        "outcome_codes",
        [
            {
                "code": "TERBIT",
                "label_id": "Lanjut cetak paspor",
                "label_en": "Go on",
                "refers_bp3mi": True,
            }
        ],
    )
    content = _content(office, office.complete(TOURIST_ANSWERS))
    assert content.outcome_label == "Lanjut cetak paspor" and content.kind == REFERRAL


def test_a_minor_is_not_offered_a_placement(office: Office) -> None:
    import datetime as dt

    answers = dict(REFERRAL_ANSWERS, birth_date=dt.date(2008, 8, 12), nik="7271015208080006")
    content = _content(office, office.complete(answers))
    assert "child_work" in [f.rule_id for f in content.flags]
    assert content.actions.counselling and not content.actions.placement_facilitation


def test_the_slip_prints_the_suspected_purpose_the_officer_confirmed(office: Office) -> None:
    changed = office.complete(REFERRAL_ANSWERS, suspected="suspected_online_partner")
    assert changed.suspected_purpose == "suspected_online_partner"
    content = _content(office, changed)
    assert content.suspected_purpose.startswith("menyusul pasangan/kenalan asing")
    assert not content.actions.siskop2mi_check or content.answers.get("job_type")
    as_stated = _content(office, office.complete(REFERRAL_ANSWERS, suspected="as_stated"))
    assert as_stated.suspected_purpose == "sesuai yang dinyatakan"


def test_a_trip_to_thailand_alone_suggests_no_hidden_purpose(office: Office) -> None:
    answers = dict(TOURIST_ANSWERS, destination="TH")
    content = _content(office, office.complete(answers, chosen="TUNDA_RUJUK_BP3MI"))
    assert content.suspected_purpose == "sesuai yang dinyatakan"
    assert not content.actions.siskop2mi_check
