"""The office key (32 random bytes in office.key) and the purpose keys derived from it."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path

from interview_app.storage.errors import OfficeKeyError
from interview_app.storage.writefiles import (
    JSON_FILE_ERRORS,
    known_os_errors,
    read_json_file,
    write_file_atomically,
)

OFFICE_KEY_FILE = "office.key"
OFFICE_KEY_FORMAT = 1
OFFICE_KEY_BYTES = 32
MAX_KEY_FILE_BYTES = 64 * 1024  # a key file is a few hundred bytes; never read a huge one

PURPOSE_AUDIT_CHAIN = "audit-chain v1"
PURPOSE_AUDIT_CONTENT = "audit-content v1"  # the keyed hashes of rows the chain records
PURPOSE_AUDIT_HEAD = "audit-head v1"  # the chain head kept in a file beside the database
PURPOSE_SLIP_QR = "slip-qr v1"  # the HMAC of AW1 slip codes (still verified at the office)
PURPOSE_SLIP_SIGNING = "slip-sign ed25519 v1"  # the Ed25519 seed of AW2 slip codes
PURPOSE_SYNC_PACKAGE = "sync-package v1"
PURPOSE_DATABASE_PAGES = "database-pages v1"  # SQLCipher's raw key for the database's pages
PURPOSES = frozenset(
    {
        PURPOSE_DATABASE_PAGES,
        PURPOSE_AUDIT_CHAIN,
        PURPOSE_AUDIT_CONTENT,
        PURPOSE_AUDIT_HEAD,
        PURPOSE_SLIP_QR,
        PURPOSE_SLIP_SIGNING,
        PURPOSE_SYNC_PACKAGE,
    }
)


def office_key_path(data_dir: Path) -> Path:
    return Path(data_dir) / OFFICE_KEY_FILE


def _unreadable(path: Path, detail: str) -> OfficeKeyError:
    return OfficeKeyError(
        f"Berkas kunci kantor {path} tidak dapat dibaca ({detail}). Pulihkan berkas itu dari "
        "cadangan atau minta supervisor memasang ulang kunci kantor.",
        f"The office key file {path} cannot be read ({detail}). Restore it from a backup or "
        "ask a supervisor to set up the office key again.",
    )


def read_office_key(data_dir: Path) -> tuple[str, bytes] | None:
    """(office code, key) from office.key, or None when there is no such file."""
    path = office_key_path(data_dir)
    content = read_json_file(
        path, max_bytes=MAX_KEY_FILE_BYTES, format_version=OFFICE_KEY_FORMAT, unreadable=_unreadable
    )
    if content is None:
        return None
    try:
        key = bytes.fromhex(content["key"])
        office_code = str(content["office_code"])
    except JSON_FILE_ERRORS:
        raise _unreadable(path, "isi tidak sah / invalid content") from None
    if len(key) != OFFICE_KEY_BYTES:
        raise _unreadable(path, "panjang kunci salah / wrong key length")
    return office_code, key


def save_office_key(data_dir: Path, office_code: str, key: bytes) -> None:
    """Write office.key whole (temporary name, fsync, rename), readable by the owner only."""
    if len(key) != OFFICE_KEY_BYTES:
        raise ValueError("the office key is 32 bytes")
    content = {"format": OFFICE_KEY_FORMAT, "office_code": office_code, "key": key.hex()}
    path = office_key_path(data_dir)
    with known_os_errors(path):
        Path(data_dir).mkdir(parents=True, exist_ok=True)
    write_file_atomically(path, json.dumps(content, indent=1).encode("utf-8") + b"\n", mode=0o600)


def load_or_create_office_key(data_dir: Path, office_code: str) -> bytes:
    """The office key from office.key; made (32 random bytes) when the file does not exist.
    A key written for another office code is refused."""
    found = read_office_key(data_dir)
    if found is None:
        key = secrets.token_bytes(OFFICE_KEY_BYTES)
        save_office_key(data_dir, office_code, key)
        return key
    found_code, key = found
    if found_code.casefold() != office_code.casefold():
        raise key_of_another_office(found_code, office_code)
    return key


def key_of_another_office(found_code: str, office_code: str) -> OfficeKeyError:
    return OfficeKeyError(
        f"Berkas kunci kantor milik kantor {found_code}, bukan {office_code}. Periksa kode "
        "kantor di pengaturan atau hubungi supervisor.",
        f"The office key file belongs to office {found_code}, not {office_code}. Check the "
        "office code in the settings or call a supervisor.",
    )


def derive_key(
    office_key: bytes, purpose: str, *, salt: bytes | None = None, length: int = 32
) -> bytes:
    """HKDF-SHA256 (RFC 5869) of the office key for one purpose (and, for sync packages, a
    salt). Written with the standard library's HMAC (the RFC's two steps; a test holds it equal
    to `cryptography`'s HKDF): signing in derives the audit key, and loading `cryptography`
    for it would cost the counter about 7 MiB that only sync needs."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown key purpose {purpose!r}")
    if not 0 < length <= 255 * hashlib.sha256().digest_size:
        raise ValueError(f"HKDF cannot derive {length} bytes")
    info = purpose.encode("ascii")
    pseudo_random_key = hmac.digest(
        salt or bytes(hashlib.sha256().digest_size), office_key, "sha256"
    )
    output, block = b"", b""
    for counter in range(1, 256):
        block = hmac.digest(pseudo_random_key, block + info + bytes([counter]), "sha256")
        output += block
        if len(output) >= length:
            break
    return output[:length]
