"""The slip's QR payload: key fields and a truncated HMAC-SHA256 under the office's slip key."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.questionnaire.valuetypes import Message
from interview_app.storage.keys import PURPOSE_SLIP_QR, derive_key

PREFIX = "AW1"
MAC_BYTES = 16  # 128 bits
SEPARATOR = "|"
_FIELD = re.compile(r"^[A-Za-z0-9/_.\-]+$")
_MAC = re.compile(r"^[A-Z2-7]{26}$")


@dataclass(frozen=True)
class SlipFacts:
    """The fields a payload carries (what a phone's QR reader shows, minus the digest)."""

    slip_no: str
    issued_on: dt.date
    outcome: str
    nik_last4: str

    @property
    def office_code(self) -> str:
        """The office part of the slip number ("PLU" in "PLU/BP3MI/2025/00001")."""
        return self.slip_no.split("/", 1)[0].split("-", 1)[0]

    def message(self) -> str:
        return SEPARATOR.join(
            (PREFIX, self.slip_no, self.issued_on.isoformat(), self.outcome, self.nik_last4)
        )


@dataclass(frozen=True)
class VerifyResult:
    genuine: bool
    reason: Message
    facts: SlipFacts | None = None


def slip_key(office_key: bytes) -> bytes:
    return derive_key(office_key, PURPOSE_SLIP_QR)


def _digest(facts: SlipFacts, office_key: bytes) -> str:
    mac = hmac.new(slip_key(office_key), facts.message().encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(mac[:MAC_BYTES]).decode("ascii").rstrip("=")


def make_payload(facts: SlipFacts, office_key: bytes) -> str:
    """`AW1|<slip no>|<date>|<outcome>|<NIK last 4>|<base32 HMAC, 128 bits>`."""
    for value in (facts.slip_no, facts.outcome, facts.nik_last4):
        if not _FIELD.match(value):
            raise ValueError(f"a payload field may not hold {value!r}")
    return facts.message() + SEPARATOR + _digest(facts, office_key)


def parse_payload(text: str) -> tuple[SlipFacts, str] | None:
    """(facts, digest) or None when the text is not a slip payload at all."""
    parts = text.strip().split(SEPARATOR)
    if len(parts) != 6 or parts[0] != PREFIX:
        return None
    _, slip_no, date_text, outcome, nik4, mac = parts
    if not all(_FIELD.match(v) for v in (slip_no, outcome, nik4)) or not _MAC.match(mac):
        return None
    try:
        issued_on = dt.date.fromisoformat(date_text)
    except ValueError:
        return None
    return SlipFacts(slip_no, issued_on, outcome, nik4), mac


NOT_A_SLIP = Message(
    "Teks ini bukan kode slip Asisten Wawancara (format tidak dikenal).",
    "This text is not an Asisten Wawancara slip code (unknown format).",
)


def verify_payload(text: str, office_key: bytes, office_code: str | None = None) -> VerifyResult:
    """Genuine when the digest matches under this office's key; otherwise the reason, naming
    another office when the slip number says the slip was issued elsewhere."""
    parsed = parse_payload(text)
    if parsed is None:
        return VerifyResult(False, NOT_A_SLIP)
    facts, mac = parsed
    if hmac.compare_digest(_digest(facts, office_key), mac):
        return VerifyResult(
            True,
            Message(
                "ASLI: kode slip cocok dengan kunci kantor ini.",
                "GENUINE: the slip code matches this office's key.",
            ),
            facts,
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
        )
    return VerifyResult(
        False,
        Message(
            "DITOLAK: kode slip tidak cocok (dipalsukan, diubah, atau dibuat dengan kunci kantor lain).",
            "REFUSED: the slip code does not match (forged, altered, or made with another office's key).",
        ),
        facts,
    )


_KEYWORDS = re.compile(rb"/Keywords\s*\((AW1\|[^()\\]{10,200})\)")


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
    if keywords and keywords.startswith(PREFIX + SEPARATOR):
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
