"""Three referral letters rendered from stored interviews, read back as text and as PNG: few
flags, 25 flags (still one A4 page with the receipt), and a minor with a guardian's consent."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.slip.render import PreparedSlip, render_slip
from interview_app.storage.interviews import FlagRecord
from tests.slip.conftest import REFERRAL_ANSWERS, TODAY, Office
from tests.slip.pdftools import pages_text, pdftotext, qr_codes

LETTER_SETTINGS = {
    "letter_number_pattern": "W.23.IMI.IMI.1-GR.02.06-{nomor}/{bulan}/{tahun}",
    "letter_place": "Palu",
    "section_head_name": "Andi Pratama, S.H.",
    "section_head_nip": "198205102006041001",
    "bp3mi_helpdesk": "WhatsApp 0811 4500 000",
    "referral_days": 14,
    "letter_copies_to": "Kepala Kantor Imigrasi Kelas I TPI Palu\nKepala BP3MI Sulawesi Tengah\nArsip",
}
INTERNAL_CODES = ("TUNDA_RUJUK_BP3MI", "RUJUK_APH", "TUNDA_LENGKAPI", "visa_not_work", "_")


def twenty_five_flags(office: Office) -> list[FlagRecord]:
    """The default script's first 25 risk rules (its hard flags among them) whose reasons a
    letter may show (none read specific personal data), as fired."""
    from interview_app.slip.content import reads_sensitive

    shown = [
        r
        for r in office.questionnaire.risk_rules
        if not reads_sensitive(r.id, office.questionnaire)
    ]
    rules = sorted(shown, key=lambda r: (not r.hard, r.id))[:25]
    assert len(rules) == 25
    return [FlagRecord(r.id, r.weight or 0, r.hard, r.reason.id, r.reason.en) for r in rules]


def render(
    office: Office, tmp_path: Path, name: str, **changes: object
) -> tuple[PreparedSlip, Path]:
    for key, value in LETTER_SETTINGS.items():
        office.settings.set(key, value)
    flags = changes.pop("flags", None)
    answers = dict(REFERRAL_ANSWERS, **changes)
    record = office.complete(answers, flags=flags)  # type: ignore[arg-type]
    out = tmp_path / f"{name}.pdf"
    slip = render_slip(office.database, record.ref_no, out, clock=office.clock)
    return slip, out


def page_count(path: Path) -> int:
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed; CI installs it")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def png_pages(path: Path, dpi: int = 80) -> list[Path]:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed; CI installs it")
    prefix = path.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    return sorted(path.parent.glob(f"{prefix.name}-*.png"))


def ink_rows(png: Path) -> tuple[int, int]:
    """(first, last) pixel row with dark ink: where the page's content starts and ends."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    rows = [y for y in range(height) if any(pixels[x, y] < 128 for x in range(0, width, 2))]
    return rows[0], rows[-1]


def test_a_letter_with_few_flags(office: Office, tmp_path: Path) -> None:
    slip, out = render(office, tmp_path, "few")
    assert slip.slip_no == "W.23.IMI.IMI.1-GR.02.06-0001/I/2025"
    assert page_count(out) == 1
    text = pdftotext(out)
    for expected in (
        "SURAT PENGANTAR RUJUKAN",
        "Nomor: W.23.IMI.IMI.1-GR.02.06-0001/I/2025",
        "Kepala BP3MI Sulawesi Tengah",
        "Undang-Undang Nomor 18 Tahun 2017",
        "Undang-Undang Nomor 21 Tahun 2007",
        "IMI-0277.GR.02.06",
        "Palu, 6 Januari 2025",  # place and date above the signatures, one date style
        "Palu, 12 Agustus 1999",
        "paling lambat 20 Januari 2025 (14 hari)",
        "ditunda, bukan ditolak",
        "KTP asli",
        "WhatsApp 0811 4500 000",
        "Mengetahui,",
        "Andi Pratama, S.H.",
        "NIP 198205102006041001",
        "Kepala Seksi Lalu Lintas Keimigrasian",
        "Pemeriksa Keimigrasian",
        "cap dinas",
        "Tembusan: 1. Kepala Kantor Imigrasi Kelas I TPI Palu; 2. Kepala BP3MI Sulawesi Tengah; 3. Arsip.",
        "UU 27/2022",
        "paling lama 5 tahun",
        "Pengendali data: Kantor Imigrasi Kelas I TPI Palu",
        "Pemohon menyetujui",
        "Ditunda dan dirujuk ke BP3MI",
        "BERAT: Akan bekerja tanpa visa kerja",
        "TANDA TERIMA RUJUKAN",
        "Pengaduan diterima, nomor",
    ):
        assert expected in text, expected
    assert "6 Januari 2025" in text and "06-01-2025" not in text  # one date style
    assert "berangkat 1 Februari 2025" in text and "01-02-2025" not in text
    for code in INTERNAL_CODES[:3]:
        assert code not in text.split("Kode verifikasi")[0], code  # labels only on paper
    assert "Catatan" not in text or "Tanpa catatan petugas" in text
    assert qr_codes(out, tmp_path) == [slip.payload]
    assert slip.content.letter.key_fingerprint in text
    top, bottom = ink_rows(png_pages(out)[0])
    assert top < 60 and bottom > 800  # the page is used from its letterhead to its footer


def test_twenty_five_flags_stay_on_one_page_with_the_receipt(
    office: Office, tmp_path: Path
) -> None:
    flags = twenty_five_flags(office)
    slip, out = render(office, tmp_path, "flags25", flags=flags)
    assert page_count(out) == 1
    text = " ".join(pages_text(out.read_bytes()))
    assert "Tanda bahaya yang ditemukan (25)" in text
    for flag in flags:
        words = flag.reason_id if flag.hard else flag.reason_id.split(" (")[0]
        assert words[:40] in text, flag.reason_id
    hard = [f for f in flags if f.hard]
    assert hard and all(f"BERAT: {f.reason_id}" in text for f in hard)
    assert "TANDA TERIMA RUJUKAN" in text and "halaman 1/1" in text
    assert qr_codes(out, tmp_path) == [slip.payload]
    pngs = png_pages(out)
    assert len(pngs) == 1
    top, bottom = ink_rows(pngs[0])
    assert top < 60 and bottom > 880  # full to the footer, nothing pushed off the page


def test_a_minor_signs_through_a_parent_or_guardian(office: Office, tmp_path: Path) -> None:
    born = dt.date(TODAY.year - 17, 3, 4)  # 16 on the interview day
    slip, out = render(office, tmp_path, "minor", birth_date=born, nik="7271014403080006", sex="P")
    assert slip.content.minor and slip.content.age == 16
    assert page_count(out) == 1
    text = pdftotext(out)
    assert "orang tua/wali dari pemohon yang berusia 16 tahun" in text
    assert "Orang tua/wali pemohon menyetujui" in text
    assert "(16 tahun, anak)" in text
    assert "Saya, pemohon," not in text
    assert qr_codes(out, tmp_path) == [slip.payload]
    assert len(png_pages(out)) == 1


def test_the_letter_number_counts_per_year_with_the_month_in_roman(
    office: Office, tmp_path: Path
) -> None:
    first, _ = render(office, tmp_path, "a")
    office.clock.now = dt.datetime(2025, 12, 3, 2, 0, tzinfo=dt.UTC)
    second, _ = render(office, tmp_path, "b")
    office.clock.now = dt.datetime(2026, 1, 2, 2, 0, tzinfo=dt.UTC)
    third, _ = render(office, tmp_path, "c")
    assert first.slip_no.endswith("-0001/I/2025")
    assert second.slip_no.endswith("-0002/XII/2025")
    assert third.slip_no.endswith("-0001/I/2026")


def _render_kind(
    office: Office, tmp_path: Path, ref: str, kind: str, name: str
) -> tuple[PreparedSlip, str]:
    out = tmp_path / f"{name}.pdf"
    slip = render_slip(office.database, ref, out, kind=kind, clock=office.clock)
    assert page_count(out) == 1
    return slip, pdftotext(out)


def test_the_applicants_copy_of_a_referral_never_lists_the_flags(
    office: Office, tmp_path: Path
) -> None:
    from interview_app.slip.content import APPLICANT, REFERRAL
    from interview_app.slip.render import documents_for

    letter, _ = render(office, tmp_path, "letter")
    record = office.repository.get(letter.interview_uuid)
    assert documents_for("TUNDA_RUJUK_BP3MI", True, {}) == (REFERRAL, APPLICANT)
    copy, text = _render_kind(office, tmp_path, record.ref_no, APPLICANT, "copy")
    assert copy.slip_no != letter.slip_no and copy.slip_no.endswith("-0002/I/2025")
    assert "PEMBERITAHUAN UNTUK PEMOHON" in text and "ditunda, bukan ditolak" in text
    assert "paling lambat 20 Januari 2025 (14 hari" in text
    assert "KTP dan Kartu Keluarga (asli)" in text and "Surat izin suami/istri" in text
    assert "tanda terima" in text
    for flag in record.flags:
        assert flag.reason_id not in text, flag.reason_id
    for word in ("BERAT", "Tanda bahaya", "tanda bahaya", "Dugaan", "bekerja (non-prosedural)"):
        assert word not in text, word
    assert "Pak Hamzah" not in text  # nothing from the recruitment answers either
    assert qr_codes(tmp_path / "copy.pdf", tmp_path) == [copy.payload]


def test_a_postponement_for_documents_lists_them_with_the_deadline(
    office: Office, tmp_path: Path
) -> None:
    from interview_app.slip.content import APPLICANT, REFERRAL, SUMMARY
    from interview_app.slip.render import documents_for

    office.settings.set("documents_to_bring", "Surat rekomendasi Disnaker\nKartu Keluarga asli")
    record = office.complete(REFERRAL_ANSWERS, chosen="TUNDA_LENGKAPI")
    assert documents_for("TUNDA_LENGKAPI", False, {}) == (SUMMARY, APPLICANT)
    _, text = _render_kind(office, tmp_path, record.ref_no, APPLICANT, "documents")
    paper = text.split("Kode verifikasi")[0]  # the code for the verifier is machine text
    assert "Ditunda: pemohon melengkapi dokumen" in text and "TUNDA_LENGKAPI" not in paper
    assert "paling lambat 5 Februari 2025 (30 hari" in text
    assert "Surat rekomendasi Disnaker" in text and "Kartu Keluarga asli" in text
    assert "BP3MI Sulawesi Tengah, Jl." not in text  # no referral instructions
    assert "BERAT" not in text and "Tanda bahaya" not in text
    with pytest.raises(KnownError):
        render_slip(office.database, record.ref_no, tmp_path / "x.pdf", kind=REFERRAL)


def test_rujuk_aph_also_prints_a_letter_to_law_enforcement(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_app.cli import main
    from interview_app.slip.content import APH, APPLICANT, REFERRAL
    from interview_app.slip.render import documents_for

    office.settings.set("aph_name", "Kepala Kepolisian Resor Kota Palu u.p. Satgas TPPO")
    office.settings.set("aph_address", "Jl. Sam Ratulangi No. 1, Palu")
    for key, value in LETTER_SETTINGS.items():
        office.settings.set(key, value)
    record = office.complete(REFERRAL_ANSWERS, chosen="RUJUK_APH")
    assert documents_for("RUJUK_APH", True, {}) == (REFERRAL, APH, APPLICANT)
    letter, _ = _render_kind(office, tmp_path, record.ref_no, REFERRAL, "bp3mi")
    aph, text = _render_kind(office, tmp_path, record.ref_no, APH, "aph")
    assert aph.slip_no != letter.slip_no
    for expected in (
        "SURAT PEMBERITAHUAN",
        "Kepala Kepolisian Resor Kota Palu u.p. Satgas TPPO",
        "Jl. Sam Ratulangi No. 1, Palu",
        "perdagangan orang",
        "Fitriani Labolo",
        "7271015208990006",
        "Pak Hamzah Daeng Maro",
        "Rp 5.000.000",
        "BERAT: Akan bekerja tanpa visa kerja",
        "Palu, 6 Januari 2025",
        "Mengetahui,",
    ):
        assert expected in text, expected
    assert "RUJUK_APH" not in text.split("Kode verifikasi")[0]
    capsys.readouterr()
    other = office.complete(REFERRAL_ANSWERS, chosen="TUNDA_RUJUK_BP3MI")
    refused = main(
        ["slip", "render", "--data-dir", str(office.data_dir), "--interview", other.ref_no]
        + ["--kind", "aph", "--out", str(tmp_path / "no.pdf")]
    )
    assert refused == 1 and "aparat penegak hukum" in capsys.readouterr().err
    assert not (tmp_path / "no.pdf").exists()
