"""Checking a slip's QR payload: at the office with its key, anywhere with its public key."""

from __future__ import annotations

import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.slip import signing
from interview_app.slip.payload import (
    LEGACY,
    NOT_A_SLIP,
    SEPARATOR,
    SIGNED,
    NotCanonical,
    Payload,
    SlipFacts,
    legacy_mac,
    parse,
    signed_payload,
)
from interview_app.text import Message

__all__ = [
    "NOT_A_SLIP",
    "SlipFacts",
    "VerifyResult",
    "make_payload",
    "payload_from_pdf",
    "verify_payload",
    "verify_with_public_keys",
]


@dataclass(frozen=True)
class VerifyResult:
    genuine: bool
    reason: Message
    facts: SlipFacts | None = None
    key: signing.PublicKey | None = None  # the key that verified an AW2 payload
    format: str = ""


def make_payload(facts: SlipFacts, office_key: bytes, office_code: str = "") -> str:
    """The AW2 payload of `facts`, signed with the office's Ed25519 slip key."""
    key_id = signing.public_key_of(office_key, office_code).key_id
    return signed_payload(facts, key_id, lambda message: signing.sign(office_key, message))


def _genuine(
    payload: Payload, key: signing.PublicKey | None, where_id: str, where_en: str
) -> VerifyResult:
    return VerifyResult(
        True,
        Message(f"ASLI: {where_id}", f"GENUINE: {where_en}"),
        payload.facts,
        key,
        payload.format,
    )


def _altered(payload: Payload) -> VerifyResult:
    return VerifyResult(
        False,
        Message(
            "DITOLAK: tanda tangan kode slip tidak cocok (dipalsukan, diubah, atau dibuat dengan "
            "kunci kantor lain).",
            "REFUSED: the slip code's signature does not match (forged, altered, or made with "
            "another office's key).",
        ),
        payload.facts,
        format=payload.format,
    )


def _other_key(payload: Payload, known: Sequence[signing.PublicKey]) -> VerifyResult:
    held = ", ".join(f"{k.key_id} ({k.office_code or '?'})" for k in known) or "—"
    return VerifyResult(
        False,
        Message(
            f"DITOLAK: kode slip ditandatangani dengan kunci {payload.key_id}, bukan kunci yang "
            f"dipegang di sini ({held}); slip dari kantor lain atau kunci lama yang tidak ada.",
            f"REFUSED: the slip code is signed with key {payload.key_id}, not a key held here "
            f"({held}); a slip from another office or an old key that is not present.",
        ),
        payload.facts,
        format=payload.format,
    )


def verify_with_public_keys(text: str, keys: Sequence[signing.PublicKey]) -> VerifyResult:
    """Anyone's check (BP3MI's desk): canonical AW2 text whose Ed25519 signature verifies under
    the public key its key id names. AW1 codes carry an HMAC only the issuing office can check."""
    try:
        payload = parse(text)
    except NotCanonical as exc:
        return VerifyResult(False, exc.reason)
    if payload.format == LEGACY:
        return VerifyResult(
            False,
            Message(
                "DITOLAK di sini: kode slip lama (AW1) hanya dapat diperiksa oleh kantor imigrasi "
                "penerbitnya; hubungi kantor itu.",
                "REFUSED here: an old slip code (AW1) can only be checked by the immigration "
                "office that issued it; contact that office.",
            ),
            payload.facts,
            format=payload.format,
        )
    key = next((k for k in keys if k.key_id == payload.key_id), None)
    if key is None:
        return _other_key(payload, keys)
    if not key.verifies(payload.tag, payload.signed_text.encode("utf-8")):
        return _altered(payload)
    office = key.office_name or key.office_code
    return _genuine(
        payload,
        key,
        f"tanda tangan cocok dengan kunci publik {office} ({key.fingerprint_groups}).",
        f"the signature matches {office}'s public key ({key.fingerprint_groups}).",
    )


def verify_payload(text: str, office_key: bytes, office_code: str | None = None) -> VerifyResult:
    """The office's own check: AW2 under its public key, AW1 by its HMAC; otherwise the reason,
    naming another office when an AW1 slip number says it was issued elsewhere."""
    try:
        payload = parse(text)
    except NotCanonical as exc:
        return VerifyResult(False, exc.reason)
    if payload.format == SIGNED:
        own = signing.public_key_of(office_key, office_code or "")
        return verify_with_public_keys(text, [own])
    facts = payload.facts
    if hmac.compare_digest(legacy_mac(facts, office_key), payload.tag):
        return _genuine(
            payload,
            None,
            "kode slip lama (AW1) cocok dengan kunci kantor ini.",
            "the old slip code (AW1) matches this office's key.",
        )
    if office_code and facts.office_code.casefold() != office_code.casefold():
        return VerifyResult(
            False,
            Message(
                f"DITOLAK: slip ini bernomor kantor {facts.office_code}, bukan kantor ini "
                f"({office_code}); kantor ini tidak dapat memastikan keasliannya.",
                f"REFUSED: this slip carries office {facts.office_code}'s number, not this "
                f"office's ({office_code}); this office cannot confirm it.",
            ),
            facts,
            format=payload.format,
        )
    return _altered(payload)


_KEYWORDS = re.compile(rb"/Keywords\s*\((AW[12]\|[^()\\]{10,300})\)")


def payload_from_pdf(path: str | Path) -> str:
    """The payload kept in the PDF's keywords (the QR holds the same text)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnownError(
            f"Berkas {path} tidak dapat dibaca ({exc.strerror}).",
            f"The file {path} cannot be read ({exc.strerror}).",
        ) from exc
    if not data.startswith(b"%PDF"):
        raise _no_payload(path)
    found = _KEYWORDS.search(data)
    if found is not None:
        return found.group(1).decode("ascii", "replace")
    keywords = _keywords_with_pypdf(data)
    if keywords and keywords.startswith((LEGACY + SEPARATOR, SIGNED + SEPARATOR)):
        return keywords.strip()
    raise _no_payload(path)


def _keywords_with_pypdf(data: bytes) -> str | None:
    """A PDF re-saved by another program (compressed object streams): ask pypdf when present."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return None
    try:
        metadata = PdfReader(io.BytesIO(data)).metadata
    except Exception:  # noqa: BLE001 - any damaged file: no payload
        return None
    value = metadata.get("/Keywords") if metadata else None
    return str(value) if value else None


def _no_payload(path: Path) -> KnownError:
    return KnownError(
        f"{path.name} tidak memuat kode slip. Pindai kode QR-nya lalu pakai --payload.",
        f"{path.name} holds no slip code. Scan its QR code and use --payload.",
    )
