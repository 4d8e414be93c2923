"""The wording: shipped templates fill every field; an office's own template; sandbox and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.slip.content import REFERRAL, SUMMARY
from interview_app.slip.markup import TemplateProblem
from interview_app.slip.template import render_document, render_markup, tanggal, template_source
from tests.slip.conftest import sample_content


def test_the_shipped_referral_template_shows_every_field() -> None:
    content = sample_content()
    source, where = template_source(REFERRAL)
    text = "\n".join(render_document(content, source, where).text_lines())
    a = content.applicant
    for expected in (
        content.letterhead.office_name,
        content.letterhead.address,
        content.slip_no,
        "6 Januari 2025",
        content.officer_name,
        content.officer_nip,
        a.full_name,
        a.nik,
        "Palu, 12 Agustus 1999",
        a.sex,
        a.address,
        a.phone,
        a.emergency_contact,
        a.passport_application_no,
        content.outcome_label,
        content.stated_purpose,
        content.suspected_purpose,
        content.destination,
        content.job,
        "Pak Hamzah",
        "Rp 5.000.000",
        "BERAT: Akan bekerja tanpa visa kerja",
        "Membayar biaya kepada perekrut",
        "konseling migrasi aman",
        "SISKOP2MI",
        "penempatan prosedural",
        "penerimaan pengaduan",
        "UU 27/2022",
        "TANDA TERIMA RUJUKAN",
        content.bp3mi.name,
    ):
        assert expected in text, expected
    assert "SALINAN" not in text


def test_a_copy_is_marked_and_actions_not_asked_are_left_out() -> None:
    from interview_app.slip.derive import RequestedActions

    content = sample_content(copy_number=3, actions=RequestedActions(True, False, False, False))
    source, where = template_source(REFERRAL)
    document = render_document(content, source, where)
    assert document.mark == "SALINAN ke-3"
    text = "\n".join(document.text_lines())
    assert "Konseling migrasi aman" in text
    assert (
        "Penerimaan pengaduan terhadap" not in text and "penempatan secara prosedural" not in text
    )


def test_the_summary_template() -> None:
    content = sample_content(
        kind=SUMMARY, outcome_code="TERBIT", outcome_label="Proses paspor dilanjutkan"
    )
    source, where = template_source(SUMMARY)
    document = render_document(content, source, where)
    text = "\n".join(document.text_lines())
    assert "RINGKASAN HASIL WAWANCARA" in text and "Proses paspor dilanjutkan" in text
    assert document.cut is None


def test_an_office_template_from_the_setting_relative_to_the_data_folder(tmp_path: Path) -> None:
    (tmp_path / "slip kantor.txt.j2").write_text(
        "@title SLIP KANTOR {{ slip.slip_no }}\n", encoding="utf-8"
    )
    source, where = template_source(REFERRAL, {"slip_template": "slip kantor.txt.j2"}, tmp_path)
    assert where == str(tmp_path / "slip kantor.txt.j2")
    assert (
        render_markup(sample_content(), source, where)
        == "@title SLIP KANTOR PLU/BP3MI/2025/00007\n"
    )


def test_a_missing_office_template_is_a_clear_refusal(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem) as caught:
        template_source(REFERRAL, {"slip_template": str(tmp_path / "hilang.j2")}, tmp_path)
    assert "templat bawaan" in caught.value.message.id


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("baris\n{{ slip.no_such_field }}\n", 2, "nama tidak dikenal"),
        ("{% if %}\n", 1, "salah tulis"),
        ("ok\n\n{{ slip.__class__.__mro__ }}\n", 3, ""),
        ("{{ slip.applicant.full_name.__class__.__subclasses__() }}\n", 1, ""),
        ("\n{{ slip.answers.clear() }}\n", 2, "tidak diizinkan"),
    ],
)
def test_template_mistakes_and_escapes_are_refused(source: str, line: int, words: str) -> None:
    with pytest.raises(TemplateProblem) as caught:
        render_markup(sample_content(), source, "kantor.j2")
    assert caught.value.line == line
    assert words in caught.value.message.id


def test_indonesian_dates() -> None:
    import datetime as dt

    assert tanggal(dt.date(2025, 8, 17)) == "17 Agustus 2025"
    assert tanggal(None) == "—"
