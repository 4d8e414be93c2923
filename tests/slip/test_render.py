"""Rendering a stored interview's slip: every field in the PDF, QR decoded and verified, reprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.slip.render import prepare_slip, render_slip
from interview_app.slip.verify import payload_from_pdf, verify_payload
from tests.slip.conftest import OFFICER_NAME, OFFICER_NIP, REFERRAL_ANSWERS, TOURIST_ANSWERS, Office
from tests.slip.pdftools import all_text, pages_text, pdftotext, qr_codes


def test_every_field_is_in_the_pdf(office: Office, tmp_path: Path) -> None:
    record = office.complete(REFERRAL_ANSWERS, notes="Catatan rahasia petugas")
    out = tmp_path / "slip.pdf"
    slip = render_slip(office.database, record.ref_no, out, clock=office.clock)
    assert slip.slip_no == "PLU-GR.02.06-0001/I/2025" and slip.copy_number == 1
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    for text in (all_text(data), pdftotext(out)):
        for expected in (
            "Kantor Imigrasi Kelas I TPI Palu",
            "Jl. Kartini No. 1, Palu, Sulawesi Tengah",
            "SURAT PENGANTAR RUJUKAN",
            "PLU-GR.02.06-0001/I/2025",
            "6 Januari 2025",
            OFFICER_NAME,
            OFFICER_NIP,
            "Fitriani Labolo",
            "7271015208990006",
            "Palu, 12 Agustus 1999",
            "Perempuan",
            "Jl. Lapatau No. 47, Palu",
            "+6281355609039",
            "Lamato (ayah) 081351563211",
            "PLU2025245045",
            record.ref_no,
            "Ditunda dan dirujuk ke BP3MI",
            "Wisata / liburan",
            "bekerja secara non-prosedural",
            "Malaysia",
            "Perkebunan / pertanian",
            "PT Sawit Makmur Jaya",
            "Pak Hamzah Daeng Maro",
            "+6285279803014",
            "Rp 5.000.000",
            "Akan bekerja tanpa visa kerja",
            "Membayar biaya kepada perekrut",
            "Konseling migrasi aman",
            "SISKOP2MI",
            "penerimaan pengaduan",
            "BP3MI Sulawesi Tengah",
            "Jl. Contoh BP3MI No. 2, Palu",
            "0451 123456",
            "UU 27/2022",
            "TANDA TERIMA RUJUKAN",
            "Pemeriksa Keimigrasian",
            "Pemohon",
            "halaman 1/",
        ):
            assert expected in text, expected
        # The code as text in the footer (it may wrap before the signature).
        assert slip.payload in text.replace("| ", "|")
        assert "Catatan rahasia" not in text and "dideportasi" not in text
        assert "SALINAN" not in text


def test_the_qr_code_decodes_to_a_payload_that_verifies(office: Office, tmp_path: Path) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    out = tmp_path / "slip.pdf"
    slip = render_slip(office.database, record.uuid, out, clock=office.clock)
    assert qr_codes(out, tmp_path) == [slip.payload]
    assert payload_from_pdf(out) == slip.payload
    result = verify_payload(slip.payload, office.key, "PLU")
    assert result.genuine and result.facts is not None
    assert result.facts.slip_no == slip.slip_no and result.facts.nik_last4 == "0006"
    assert result.facts.outcome == "TUNDA_RUJUK_BP3MI"


def test_a_reprint_is_marked_as_a_copy_and_every_print_is_audited(
    office: Office, tmp_path: Path
) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    first = render_slip(office.database, record.ref_no, tmp_path / "a.pdf", clock=office.clock)
    with pytest.raises(KnownError) as caught:
        render_slip(office.database, record.ref_no, tmp_path / "b.pdf", clock=office.clock)
    assert "--reprint" in caught.value.message.en
    assert not (tmp_path / "b.pdf").exists()
    office.clock.advance(days=2)
    second = render_slip(
        office.database,
        record.ref_no,
        tmp_path / "b.pdf",
        reprint=True,
        clock=office.clock,
    )
    assert (second.slip_no, second.payload) == (first.slip_no, first.payload)  # the same slip
    assert second.copy_number == 2
    pages = pages_text((tmp_path / "b.pdf").read_bytes())
    assert all("SALINAN ke-2" in page for page in pages)
    assert "6 Januari 2025" in pages[0]  # the slip keeps its date
    third = render_slip(
        office.database,
        record.ref_no,
        tmp_path / "c.pdf",
        reprint=True,
        clock=office.clock,
    )
    assert "SALINAN ke-3" in all_text((tmp_path / "c.pdf").read_bytes())
    prints = [
        e
        for e in office.audit.entries(object_type="interview", object_id=record.uuid)
        if e.action == "print"
    ]
    assert [e.details["copy"] for e in reversed(prints)] == [1, 2, 3]
    assert all(e.details["slip_no"] == first.slip_no for e in prints)
    assert third.copy_number == 3
    assert office.audit.verify().ok


def test_a_reprint_needs_an_original(office: Office, tmp_path: Path) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    with pytest.raises(KnownError, match="belum pernah dicetak"):
        render_slip(office.database, record.ref_no, tmp_path / "a.pdf", reprint=True)


def test_slip_numbers_are_never_reused(office: Office, tmp_path: Path) -> None:
    numbers = set()
    for index in range(3):
        answers = dict(REFERRAL_ANSWERS, passport_application_no=f"PLU20250000{index}")
        record = office.complete(answers)
        # A preview takes the number; the print after it keeps it.
        preview = prepare_slip(office.database, record.ref_no, clock=office.clock)
        slip = render_slip(
            office.database,
            record.ref_no,
            tmp_path / f"{index}.pdf",
            clock=office.clock,
        )
        assert slip.slip_no == preview.slip_no
        numbers.add(slip.slip_no)
    assert numbers == {f"PLU-GR.02.06-000{n}/I/2025" for n in (1, 2, 3)}


def test_unfinished_interviews_are_refused(office: Office, tmp_path: Path) -> None:
    record = office.complete(REFERRAL_ANSWERS, draft=True)
    with pytest.raises(KnownError) as caught:
        render_slip(office.database, record.ref_no, tmp_path / "a.pdf")
    assert "belum selesai" in caught.value.message.id and "not finished" in caught.value.message.en
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_other_outcomes_print_the_summary(office: Office, tmp_path: Path) -> None:
    record = office.complete(TOURIST_ANSWERS)
    slip = render_slip(office.database, record.ref_no, tmp_path / "r.pdf", clock=office.clock)
    assert slip.kind == "ringkasan" and slip.slip_no == "PLU/RINGKASAN/2025/00001"
    text = all_text((tmp_path / "r.pdf").read_bytes())
    assert "RINGKASAN HASIL WAWANCARA" in text and "Arif Pakamundi" in text
    with pytest.raises(KnownError, match="tidak merujuk ke BP3MI"):
        prepare_slip(office.database, record.ref_no, kind="rujukan")


def test_the_written_file_is_whole_and_no_temporary_file_is_left(
    office: Office, tmp_path: Path
) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "slip.pdf"
    out.write_bytes(b"old content")
    render_slip(office.database, record.ref_no, out, clock=office.clock)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.parent.iterdir()] == ["slip.pdf"]
    with pytest.raises(KnownError, match="tidak ada"):
        render_slip(office.database, record.ref_no, tmp_path / "no" / "x.pdf", reprint=True)
