"""The QR payload: genuine codes verify; altered, forged and other offices' codes are refused."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.slip.verify import (
    SlipFacts,
    make_payload,
    parse_payload,
    payload_from_pdf,
    verify_payload,
)

KEY = bytes(range(32))
FACTS = SlipFacts("PLU/BP3MI/2025/00007", dt.date(2025, 1, 6), "TUNDA_RUJUK_BP3MI", "0006")


def test_the_payload_is_short_readable_text() -> None:
    payload = make_payload(FACTS, KEY)
    head, mac = payload.rsplit("|", 1)
    assert head == "AW1|PLU/BP3MI/2025/00007|2025-01-06|TUNDA_RUJUK_BP3MI|0006"
    assert len(mac) == 26 and mac.isupper() and "=" not in mac  # 128 bits, base32, no padding
    assert parse_payload(payload) == (FACTS, mac)
    result = verify_payload(payload, KEY, "PLU")
    assert result.genuine and result.facts == FACTS
    assert verify_payload(f"  {payload}\n", KEY).genuine  # what a scanner adds around it


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("00007", "00008"),
        ("2025-01-06", "2025-01-07"),
        ("TUNDA_RUJUK_BP3MI", "TERBIT"),
        ("|0006|", "|0007|"),
    ],
)
def test_an_altered_field_is_refused(old: str, new: str) -> None:
    payload = make_payload(FACTS, KEY).replace(old, new)
    result = verify_payload(payload, KEY, "PLU")
    assert not result.genuine
    assert "DITOLAK" in result.reason.id and "REFUSED" in result.reason.en


def test_an_altered_digest_is_refused() -> None:
    payload = make_payload(FACTS, KEY)
    last = payload[-1]
    forged = payload[:-1] + ("A" if last != "A" else "B")
    assert not verify_payload(forged, KEY, "PLU").genuine


def test_another_offices_key_is_refused() -> None:
    other_key = secrets.token_bytes(32)
    assert not verify_payload(make_payload(FACTS, other_key), KEY, "PLU").genuine
    # A slip numbered by another office says so.
    facts = SlipFacts("JKT/BP3MI/2025/00001", FACTS.issued_on, FACTS.outcome, FACTS.nik_last4)
    result = verify_payload(make_payload(facts, other_key), KEY, "PLU")
    assert not result.genuine and "JKT" in result.reason.id and "JKT" in result.reason.en


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "AW1|a|b|c|d|e",
        "AW2|PLU/BP3MI/2025/00007|2025-01-06|X|0006|" + "A" * 26,
        "AW1|PLU/BP3MI/2025/00007|2025-13-06|X|0006|" + "A" * 26,
    ],
)
def test_text_that_is_not_a_slip_code(text: str) -> None:
    result = verify_payload(text, KEY)
    assert not result.genuine and "bukan kode slip" in result.reason.id


def test_payload_from_a_file_that_is_not_a_slip(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(KnownError, match="--payload"):
        payload_from_pdf(tmp_path / "x.pdf")
    with pytest.raises(KnownError):
        payload_from_pdf(tmp_path / "missing.pdf")


def test_payload_from_a_pdf_resaved_by_another_program(tmp_path: Path) -> None:
    """pypdf rewrites the file (object streams, other layout): the keywords still carry it."""
    from pypdf import PdfReader, PdfWriter

    from interview_app.slip.layout import PdfInfo, build_pdf
    from interview_app.slip.markup import parse

    payload = make_payload(FACTS, KEY)
    original = tmp_path / "a.pdf"
    original.write_bytes(build_pdf(parse("@title X\n"), PdfInfo("t", "a", "s", payload)))
    assert payload_from_pdf(original) == payload
    writer = PdfWriter(clone_from=PdfReader(original))
    writer.add_metadata({"/Keywords": payload})
    writer.compress_identical_objects()
    resaved = tmp_path / "b.pdf"
    with resaved.open("wb") as handle:
        writer.write(handle)
    assert b"/Keywords (AW1|" not in resaved.read_bytes()  # written with escapes: pypdf reads it
    assert payload_from_pdf(resaved) == payload
