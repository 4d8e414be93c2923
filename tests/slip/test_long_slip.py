"""A 120-character accented name, a long recruiter name and 40 flags: two pages, nothing lost."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from interview_app.slip.content import SlipFlag
from interview_app.slip.render import render_slip
from interview_app.storage.interviews import FlagRecord
from tests.slip.conftest import REFERRAL_ANSWERS, Office, sample_content
from tests.slip.pdftools import pages_text, pdftotext, qr_codes

LONG_NAME = (
    "Ni Luh Putu Ayu Ṡ. D'Angelo-Wijayakusumaningrat Hélène Señora Müller-Côté O’Connor "
    "Brontë Łukasiewicz Ñañez Çelik Ørsted"
)
LONG_RECRUITER = (
    "PT Karya Mandiri Sejahtera Abadi Nusantara Internasional (d/h CV Bintang Timur Jaya)"
)


def test_the_long_name_is_120_characters() -> None:
    assert len(LONG_NAME) == 120


def _flags() -> list[FlagRecord]:
    return [
        FlagRecord(
            f"rule_{i:02d}",
            1,
            i % 9 == 0,
            f"Tanda bahaya {i:02d}: perekrut D'Angelo’s menjanjikan gaji {i}",
            "en",
        )
        for i in range(40)
    ]


def test_a_long_slip_flows_onto_a_second_page_without_loss(office: Office, tmp_path: Path) -> None:
    answers = dict(REFERRAL_ANSWERS, full_name=LONG_NAME, placement_company=LONG_RECRUITER)
    record = office.complete(answers, flags=_flags())
    out = tmp_path / "long.pdf"
    slip = render_slip(office.database, record.ref_no, out, clock=office.clock)
    pages = pages_text(out.read_bytes())
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert f"halaman {number}/2" in page
        assert (
            f"Surat Pengantar Rujukan Nomor {slip.slip_no}" in page or number == 1
        )  # the repeated header
    text = " ".join(pages)
    # The name in the identity table, the applicant's signature box and the receipt.
    assert text.count(LONG_NAME) == 3
    assert LONG_RECRUITER in text
    for flag in _flags():
        assert flag.reason_id in text, flag.reason_id
    assert "Tanda bahaya yang ditemukan (40)" in text
    assert "TANDA TERIMA RUJUKAN" in pages[1]
    poppler = pdftotext(out)
    assert LONG_NAME in poppler or LONG_NAME.replace(" ", "") in poppler.replace(" ", "")
    assert qr_codes(out, tmp_path) == [slip.payload]


def test_a_hand_made_long_slip_builds_without_a_database() -> None:
    from interview_app.slip.layout import PdfInfo, build_pdf
    from interview_app.slip.template import render_document, template_source

    base = sample_content()
    content = dataclasses.replace(
        base,
        applicant=dataclasses.replace(
            base.applicant, full_name=LONG_NAME, address="Jl. " + "Panjang " * 40
        ),
        flags=tuple(
            SlipFlag(f"r{i}", f"Alasan nomor {i} " + "sangat panjang " * 8, i % 5 == 0)
            for i in range(40)
        ),
    )
    source, where = template_source("rujukan")
    pdf = build_pdf(
        render_document(content, source, where),
        PdfInfo("t", "a", "s", "AW1|X|2025-01-06|X|0006|" + "A" * 26),
    )
    pages = pages_text(pdf)
    assert len(pages) >= 2
    text = " ".join(pages)
    assert text.count(LONG_NAME) == 3
    assert all(f"Alasan nomor {i} " in text for i in range(40))
    assert f"halaman {len(pages)}/{len(pages)}" in pages[-1]
