"""The QR payload: signed AW2 codes verify with the office key and with the public key alone;
altered, forged, other offices' and non-canonical codes are refused; old AW1 codes still verify
at the office."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.slip.payload import legacy_payload, parse
from interview_app.slip.signing import public_key_of
from interview_app.slip.verify import (
    SlipFacts,
    make_payload,
    payload_from_pdf,
    verify_payload,
    verify_with_public_keys,
)

KEY = bytes(range(32))
FACTS = SlipFacts(
    "W.23.IMI.IMI.1-GR.02.06-0017/XII/2026", dt.date(2026, 12, 3), "TUNDA_RUJUK_BP3MI", "0006"
)
PUBLIC = public_key_of(KEY, "PLU", "Kantor Imigrasi Palu")


def test_the_payload_is_short_readable_text_with_a_key_id() -> None:
    payload = make_payload(FACTS, KEY)
    head, signature = payload.rsplit("|", 1)
    assert head == (
        f"AW2|{PUBLIC.key_id}|W.23.IMI.IMI.1-GR.02.06-0017/XII/2026|2026-12-03|TUNDA_RUJUK_BP3MI|0006"
    )
    assert len(signature) == 103 and signature.isupper() and "=" not in signature  # 64 bytes
    assert parse(payload).facts == FACTS
    assert len(payload) < 200  # a QR code a phone reads at 27 mm
    for result in (verify_payload(payload, KEY, "PLU"), verify_with_public_keys(payload, [PUBLIC])):
        assert result.genuine and result.facts == FACTS
        assert "ASLI" in result.reason.id and "GENUINE" in result.reason.en
    assert verify_with_public_keys(f"  {payload}\r\n", [PUBLIC]).genuine  # a scanner's line end


def test_the_same_office_key_gives_the_same_public_key_and_fingerprint() -> None:
    again = public_key_of(bytes(KEY), "PLU")
    assert again.raw == PUBLIC.raw and again.fingerprint == PUBLIC.fingerprint
    assert len(PUBLIC.fingerprint_groups) == 19 and PUBLIC.key_id == PUBLIC.fingerprint[:8]
    assert public_key_of(secrets.token_bytes(32), "PLU").key_id != PUBLIC.key_id


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("0017/XII", "0018/XII"),
        ("2026-12-03", "2026-12-04"),
        ("TUNDA_RUJUK_BP3MI", "TERBIT"),
        ("|0006|", "|0007|"),
    ],
)
def test_an_altered_field_is_refused(old: str, new: str) -> None:
    payload = make_payload(FACTS, KEY).replace(old, new)
    for result in (verify_payload(payload, KEY, "PLU"), verify_with_public_keys(payload, [PUBLIC])):
        assert not result.genuine
        assert "DITOLAK" in result.reason.id and "REFUSED" in result.reason.en


def test_an_altered_signature_is_refused() -> None:
    payload = make_payload(FACTS, KEY)
    head, signature = payload.rsplit("|", 1)
    flipped = ("B" if signature[0] != "B" else "C") + signature[1:]
    assert not verify_with_public_keys(f"{head}|{flipped}", [PUBLIC]).genuine


def test_another_offices_code_is_refused_naming_the_key() -> None:
    other = secrets.token_bytes(32)
    foreign = make_payload(FACTS, other)
    result = verify_with_public_keys(foreign, [PUBLIC])
    assert not result.genuine
    assert public_key_of(other, "JKT").key_id in result.reason.id
    assert not verify_payload(foreign, KEY, "PLU").genuine
    # Another office's code carrying this office's key id: the signature decides.
    forged = foreign.replace(public_key_of(other, "JKT").key_id, PUBLIC.key_id)
    assert not verify_with_public_keys(forged, [PUBLIC]).genuine


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("2026-12-03", "20261203", "tanggal"),
        ("2026-12-03", "2026-W49-4", "tanggal"),
        ("2026-12-03", "2026-12-3", "tanggal"),
        ("2026-12-03", "2026-02-30", "tanggal"),
        ("|0006|", "|006|", "NIK"),
        ("TUNDA_RUJUK_BP3MI", "tunda_rujuk_bp3mi", "kode hasil"),
    ],
)
def test_a_non_canonical_field_is_refused_before_the_signature(
    old: str, new: str, field: str
) -> None:
    payload = make_payload(FACTS, KEY).replace(old, new)
    for result in (verify_payload(payload, KEY, "PLU"), verify_with_public_keys(payload, [PUBLIC])):
        assert (
            not result.genuine and "bentuk baku" in result.reason.id and field in result.reason.id
        )
        assert result.facts is None  # refused before anything was read as a fact


def test_a_second_spelling_of_the_signature_is_refused() -> None:
    """103 base32 characters carry 515 bits for 512: the 3 spare bits must be zero."""
    payload = make_payload(FACTS, KEY)
    head, signature = payload.rsplit("|", 1)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    last = alphabet.index(signature[-1])
    assert last % 8 == 0
    respelled = f"{head}|{signature[:-1]}{alphabet[last + 1]}"
    result = verify_with_public_keys(respelled, [PUBLIC])
    assert not result.genuine and "tidak baku" in result.reason.id
    assert not verify_with_public_keys(f"{head}|{signature.lower()}", [PUBLIC]).genuine


def test_old_hmac_codes_verify_at_the_office_only_and_only_canonical() -> None:
    old = legacy_payload(
        SlipFacts("PLU/BP3MI/2025/00007", dt.date(2025, 1, 6), "TUNDA_RUJUK_BP3MI", "0006"), KEY
    )
    assert old.startswith("AW1|PLU/BP3MI/2025/00007|2025-01-06|")
    assert verify_payload(old, KEY, "PLU").genuine
    elsewhere = verify_with_public_keys(old, [PUBLIC])
    assert not elsewhere.genuine and "AW1" in elsewhere.reason.id
    # Defect 11 of issue 15: the same date spelled another way was accepted.
    for date in ("20250106", "2025-W02-1", "2025-006"):
        result = verify_payload(old.replace("2025-01-06", date), KEY, "PLU")
        assert not result.genuine and "bentuk baku" in result.reason.id
    assert not verify_payload(old.replace("|0006|", "|0007|"), KEY, "PLU").genuine


def test_an_old_code_numbered_by_another_office_says_so() -> None:
    facts = SlipFacts("JKT/BP3MI/2025/00001", dt.date(2025, 1, 6), "TUNDA_RUJUK_BP3MI", "0006")
    result = verify_payload(legacy_payload(facts, secrets.token_bytes(32)), KEY, "PLU")
    assert not result.genuine and "JKT" in result.reason.id and "JKT" in result.reason.en


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "AW1|a|b|c|d",
        "AW3|PLU/BP3MI/2025/00007|2025-01-06|X|0006|" + "A" * 26,
        "AW2|ABCDEFGH|X|2025-01-06|X|0006",
    ],
)
def test_text_that_is_not_a_slip_code(text: str) -> None:
    result = verify_with_public_keys(text, [PUBLIC])
    assert not result.genuine and "bukan kode slip" in result.reason.id


def test_a_field_that_cannot_be_spelled_canonically_is_not_signed() -> None:
    with pytest.raises(ValueError):
        make_payload(SlipFacts("PLU BP3MI", FACTS.issued_on, FACTS.outcome, "0006"), KEY)
    with pytest.raises(ValueError):
        make_payload(SlipFacts(FACTS.slip_no, FACTS.issued_on, FACTS.outcome, "06"), KEY)


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
    from interview_app.slip.markup import parse as parse_markup

    payload = make_payload(FACTS, KEY)
    original = tmp_path / "a.pdf"
    original.write_bytes(build_pdf(parse_markup("@title X\n"), PdfInfo("t", "a", "s", payload)))
    assert payload_from_pdf(original) == payload
    writer = PdfWriter(clone_from=PdfReader(original))
    writer.add_metadata({"/Keywords": payload})
    writer.compress_identical_objects()
    resaved = tmp_path / "b.pdf"
    with resaved.open("wb") as handle:
        writer.write(handle)
    assert b"/Keywords (AW2|" not in resaved.read_bytes()  # written with escapes: pypdf reads it
    assert payload_from_pdf(resaved) == payload
