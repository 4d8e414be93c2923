"""The slip's QR payload in its one canonical spelling: AW2 (Ed25519) and the older AW1 (HMAC).

AW2|<key id>|<letter no.>|<YYYY-MM-DD>|<outcome>|<NIK last 4>|<Ed25519 signature, base32>
AW1|<slip no.>|<YYYY-MM-DD>|<outcome>|<NIK last 4>|<HMAC-SHA256/128, base32>

The signature covers everything before the last `|`, as UTF-8. Every field has exactly one
spelling: a date is `2026-12-03` (never `20261203` or `2026-W49-4`), base32 is upper case with
no padding and its unused last bits zero; anything else is refused before a key is used.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass

from interview_app.storage.keys import PURPOSE_SLIP_QR, derive_key
from interview_app.text import Message

SIGNED = "AW2"
LEGACY = "AW1"
SEPARATOR = "|"
SIGNATURE_BYTES = 64
MAC_BYTES = 16

_NUMBER = re.compile(r"[A-Za-z0-9/_.\-]{1,80}")
_OUTCOME = re.compile(r"[A-Z][A-Z0-9_]{0,31}")
_NIK4 = re.compile(r"[0-9]{4}|----")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KEY_ID = re.compile(r"[A-Z2-7]{8}")
_BASE32 = re.compile(r"[A-Z2-7]+")


@dataclass(frozen=True)
class SlipFacts:
    """The fields a payload carries (what a phone's QR reader shows, minus the signature)."""

    slip_no: str
    issued_on: dt.date
    outcome: str
    nik_last4: str

    @property
    def office_code(self) -> str:
        """The office part of an AW1 slip number ("PLU" in "PLU/BP3MI/2025/00001")."""
        return self.slip_no.split("/", 1)[0].split("-", 1)[0]

    def fields(self) -> tuple[str, str, str, str]:
        return (self.slip_no, self.issued_on.isoformat(), self.outcome, self.nik_last4)

    def message(self) -> str:
        """The AW1 text its HMAC covers."""
        return SEPARATOR.join((LEGACY, *self.fields()))


@dataclass(frozen=True)
class Payload:
    """A payload read in canonical form; `key_id` is empty for AW1."""

    format: str
    facts: SlipFacts
    key_id: str
    signed_text: str
    tag: bytes  # the Ed25519 signature (AW2) or the truncated HMAC (AW1)


class NotCanonical(ValueError):
    """The text is not a slip payload in its one spelling; `reason` says which part."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.en)
        self.reason = reason


NOT_A_SLIP = Message(
    "Teks ini bukan kode slip Asisten Wawancara (format tidak dikenal).",
    "This text is not an Asisten Wawancara slip code (unknown format).",
)


def _refuse(field_id: str, field_en: str, rule_id: str, rule_en: str) -> NotCanonical:
    return NotCanonical(
        Message(
            f"DITOLAK: kode slip tidak dalam bentuk baku: {field_id} {rule_id}.",
            f"REFUSED: the slip code is not in its canonical form: {field_en} {rule_en}.",
        )
    )


def b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _b32_decode(text: str, size: int, name_id: str, name_en: str) -> bytes:
    length = -(-size * 8 // 5)
    if len(text) != length or not _BASE32.fullmatch(text):
        raise _refuse(
            name_id,
            name_en,
            f"harus {length} huruf A-Z/2-7",
            f"must be {length} characters A-Z/2-7",
        )
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except binascii.Error:
        raise _refuse(name_id, name_en, "rusak", "is damaged") from None
    if len(data) != size or b32(data) != text:  # unused last bits set: a second spelling
        raise _refuse(name_id, name_en, "tidak baku", "is not canonical")
    return data


def _date(text: str) -> dt.date:
    if not _DATE.fullmatch(text):
        raise _refuse("tanggal", "the date", "harus TTTT-BB-HH", "must be YYYY-MM-DD")
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise _refuse("tanggal", "the date", "tidak ada", "does not exist") from None
    if value.isoformat() != text:
        raise _refuse("tanggal", "the date", "harus TTTT-BB-HH", "must be YYYY-MM-DD")
    return value


def _facts(slip_no: str, date_text: str, outcome: str, nik4: str) -> SlipFacts:
    if not _NUMBER.fullmatch(slip_no):
        raise _refuse("nomor surat", "the letter number", "memuat tanda lain", "holds other signs")
    issued_on = _date(date_text)
    if not _OUTCOME.fullmatch(outcome):
        raise _refuse("kode hasil", "the outcome", "tidak sah", "is invalid")
    if not _NIK4.fullmatch(nik4):
        raise _refuse("NIK", "the NIK", "harus 4 angka", "must be 4 digits")
    return SlipFacts(slip_no, issued_on, outcome, nik4)


def parse(text: str) -> Payload:
    """The payload in `text` (spaces or a line break a scanner adds around it are ignored);
    NotCanonical when any part is not in its one spelling."""
    parts = text.strip().split(SEPARATOR)
    if parts[0] == SIGNED and len(parts) == 7:
        _, key_id, slip_no, date_text, outcome, nik4, signature = parts
        if not _KEY_ID.fullmatch(key_id):
            raise _refuse("id kunci", "the key id", "harus 8 huruf A-Z/2-7", "must be 8 A-Z/2-7")
        facts = _facts(slip_no, date_text, outcome, nik4)
        tag = _b32_decode(signature, SIGNATURE_BYTES, "tanda tangan", "the signature")
        signed = SEPARATOR.join(parts[:-1])
        return Payload(SIGNED, facts, key_id, signed, tag)
    if parts[0] == LEGACY and len(parts) == 6:
        _, slip_no, date_text, outcome, nik4, mac = parts
        facts = _facts(slip_no, date_text, outcome, nik4)
        tag = _b32_decode(mac, MAC_BYTES, "kode pengaman", "the digest")
        return Payload(LEGACY, facts, "", SEPARATOR.join(parts[:-1]), tag)
    raise NotCanonical(NOT_A_SLIP)


def check_fields(facts: SlipFacts) -> None:
    """ValueError when a field could not be read back in the same spelling."""
    try:
        _facts(*facts.fields())
    except NotCanonical as exc:
        raise ValueError(f"a payload field is not canonical: {exc.reason.en}") from None


def signed_payload(facts: SlipFacts, key_id: str, signature_of: Callable[[bytes], bytes]) -> str:
    """`AW2|...|<signature>`; `signature_of(bytes) -> bytes` signs the text before the last `|`."""
    check_fields(facts)
    head = SEPARATOR.join((SIGNED, key_id, *facts.fields()))
    return head + SEPARATOR + b32(signature_of(head.encode("utf-8")))


def legacy_mac(facts: SlipFacts, office_key: bytes) -> bytes:
    """The AW1 digest of `facts` under the office's key (slips issued before AW2)."""
    key = derive_key(office_key, PURPOSE_SLIP_QR)
    return hmac.new(key, facts.message().encode("utf-8"), hashlib.sha256).digest()[:MAC_BYTES]


def legacy_payload(facts: SlipFacts, office_key: bytes) -> str:
    """An AW1 payload as slips printed before the Ed25519 signature carried (tests, bench)."""
    check_fields(facts)
    return facts.message() + SEPARATOR + b32(legacy_mac(facts, office_key))
