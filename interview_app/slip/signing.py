"""The office's slip signing key (Ed25519, derived from the office key) and its public key file."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from interview_app.errors import KnownError
from interview_app.storage.keys import PURPOSE_SLIP_SIGNING, derive_key
from interview_app.storage.writefiles import write_file_atomically

PUBLIC_KEY_FORMAT = "asisten-wawancara/slip-public-key"
PUBLIC_KEY_VERSION = 1
ALGORITHM = "Ed25519"
KEY_ID_CHARS = 8  # the key id in every payload: the fingerprint's first 8 characters
FINGERPRINT_CHARS = 16  # 80 bits, printed on the letter in groups of four
MAX_PUBLIC_KEY_FILE = 64 * 1024
_FINGERPRINT_LABEL = b"asisten-wawancara slip key\x00"


@dataclass(frozen=True)
class PublicKey:
    """An office's slip public key as the verifier holds it."""

    raw: bytes  # 32 bytes
    office_code: str
    office_name: str = ""
    # The office's outcome codes with their Indonesian labels, so a verifier shows words.
    outcomes: tuple[tuple[str, str], ...] = ()

    def outcome_label(self, code: str) -> str:
        return dict(self.outcomes).get(code, code)

    @property
    def fingerprint(self) -> str:
        """16 base32 characters of SHA-256 over the raw key (no 0/1/8/9, no lower case)."""
        digest = hashlib.sha256(_FINGERPRINT_LABEL + self.raw).digest()
        return base64.b32encode(digest[:10]).decode("ascii")[:FINGERPRINT_CHARS]

    @property
    def key_id(self) -> str:
        return self.fingerprint[:KEY_ID_CHARS]

    @property
    def fingerprint_groups(self) -> str:
        """`K7QF-2MXA-P3LD-WQRT` as the letter prints it."""
        text = self.fingerprint
        return "-".join(text[i : i + 4] for i in range(0, len(text), 4))

    def verifies(self, signature: bytes, message: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def to_json(self, created_on: dt.date | None = None) -> dict[str, object]:
        content: dict[str, object] = {
            "format": PUBLIC_KEY_FORMAT,
            "version": PUBLIC_KEY_VERSION,
            "algorithm": ALGORITHM,
            "office_code": self.office_code,
            "office_name": self.office_name,
            "key_id": self.key_id,
            "fingerprint": self.fingerprint_groups,
            "public_key": base64.b64encode(self.raw).decode("ascii"),
            "outcomes": dict(self.outcomes),
        }
        if created_on is not None:
            content["created_on"] = created_on.isoformat()
        return content


def signing_key(office_key: bytes) -> Ed25519PrivateKey:
    """The office's slip signing key: its 32-byte seed is HKDF of the office key with its own
    `info`, so the same office key always gives the same public key on every workstation."""
    return Ed25519PrivateKey.from_private_bytes(derive_key(office_key, PURPOSE_SLIP_SIGNING))


def public_key_of(
    office_key: bytes,
    office_code: str,
    office_name: str = "",
    outcomes: tuple[tuple[str, str], ...] = (),
) -> PublicKey:
    raw = signing_key(office_key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return PublicKey(raw, office_code, office_name, outcomes)


def sign(office_key: bytes, message: bytes) -> bytes:
    return signing_key(office_key).sign(message)


def write_public_key_file(path: Path, key: PublicKey, created_on: dt.date) -> None:
    """The public key as a small JSON text file, written whole."""
    text = json.dumps(key.to_json(created_on), indent=1, ensure_ascii=False) + "\n"
    write_file_atomically(Path(path), text.encode("utf-8"))


def _bad_file(path: Path, detail_id: str, detail_en: str) -> KnownError:
    return KnownError(
        f"Berkas kunci publik {path} tidak dapat dipakai: {detail_id}. Minta berkas kunci publik "
        "yang benar dari kantor imigrasi (interview-app slip public-key).",
        f"The public key file {path} cannot be used: {detail_en}. Ask the immigration office "
        "for its proper public key file (interview-app slip public-key).",
    )


def read_public_key_file(path: Path) -> PublicKey:
    """The key in a file written by write_public_key_file; KnownError naming what is wrong."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PUBLIC_KEY_FILE + 1)
    except OSError as exc:
        raise _bad_file(
            path, f"tidak dapat dibaca ({exc.strerror})", f"cannot be read ({exc.strerror})"
        ) from exc
    if len(data) > MAX_PUBLIC_KEY_FILE:
        raise _bad_file(path, "terlalu besar", "too large")
    try:
        content = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _bad_file(path, "bukan berkas JSON", "not a JSON file") from exc
    if not isinstance(content, dict) or content.get("format") != PUBLIC_KEY_FORMAT:
        raise _bad_file(path, "bukan berkas kunci publik slip", "not a slip public key file")
    if content.get("version") != PUBLIC_KEY_VERSION or content.get("algorithm") != ALGORITHM:
        raise _bad_file(
            path,
            "versi atau algoritma tidak dikenal (perbarui aplikasi)",
            "unknown version or algorithm (update the application)",
        )
    encoded = content.get("public_key")
    try:
        raw = base64.b64decode(str(encoded), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _bad_file(path, "kunci rusak", "the key is damaged") from exc
    if len(raw) != 32 or base64.b64encode(raw).decode("ascii") != encoded:
        raise _bad_file(path, "kunci rusak", "the key is damaged")
    key = PublicKey(
        raw,
        _short(content.get("office_code")),
        _short(content.get("office_name")),
        _outcomes(content.get("outcomes")),
    )
    if content.get("key_id") != key.key_id:
        raise _bad_file(
            path,
            "id kunci tidak cocok dengan kuncinya (berkas diubah)",
            "the key id does not match the key (the file was changed)",
        )
    return key


def _short(value: object, limit: int = 200) -> str:
    return str(value or "")[:limit]


def _outcomes(value: object) -> tuple[tuple[str, str], ...]:
    """The labels as far as they are plain text; anything else is left out (labels only
    decorate a verdict, the signature decides it)."""
    if not isinstance(value, dict):
        return ()
    return tuple(
        (code[:32], label[:200])
        for code, label in list(value.items())[:50]
        if isinstance(code, str) and isinstance(label, str)
    )
