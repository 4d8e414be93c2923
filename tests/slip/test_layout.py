"""Layout details: the logo when it can be read, none when it cannot; fonts embedded."""

from __future__ import annotations

from pathlib import Path

from interview_app.slip.layout import PdfInfo, build_pdf
from interview_app.slip.markup import parse

PAYLOAD = "AW1|PLU/BP3MI/2025/00001|2025-01-06|X|0006|" + "A" * 26


def _pdf(logo: str | None) -> bytes:
    return build_pdf(
        parse("@head KANTOR\n@title SLIP\nNama | Budi\n"), PdfInfo("t", "a", "s", PAYLOAD, logo)
    )


def test_a_logo_is_drawn_when_it_can_be_read(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "navy").save(logo)
    assert b"/Subtype /Image" in _pdf(str(logo))


def test_a_missing_or_broken_logo_does_not_stop_the_slip(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    for logo in (str(tmp_path / "gone.png"), str(broken), None):
        pdf = _pdf(logo)
        assert pdf.startswith(b"%PDF") and b"/Subtype /Image" not in pdf


def test_the_font_is_embedded_and_the_payload_is_in_the_keywords() -> None:
    pdf = _pdf(None)
    assert b"DejaVuSans" in pdf and b"/FontFile2" in pdf
    assert f"/Keywords ({PAYLOAD})".encode() in pdf
