"""The office key (32 random bytes in office.key) and the purpose keys derived from it."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from interview_app.storage.errors import OfficeKeyError
from interview_app.storage.writefiles import known_os_errors, write_file_atomically

OFFICE_KEY_FILE = "office.key"
OFFICE_KEY_FORMAT = 1
OFFICE_KEY_BYTES = 32

PURPOSE_AUDIT_CHAIN = "audit-chain v1"
PURPOSE_AUDIT_CONTENT = "audit-content v1"  # the keyed hashes of rows the chain records
PURPOSE_AUDIT_HEAD = "audit-head v1"  # the chain head kept in a file beside the database
PURPOSE_SLIP_QR = "slip-qr v1"
PURPOSE_SYNC_PACKAGE = "sync-package v1"
PURPOSES = frozenset(
    {
        PURPOSE_AUDIT_CHAIN,
        PURPOSE_AUDIT_CONTENT,
        PURPOSE_AUDIT_HEAD,
        PURPOSE_SLIP_QR,
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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _unreadable(path, exc.strerror or type(exc).__name__) from exc
    try:
        content = json.loads(raw.decode("utf-8"))
        if content.get("format") != OFFICE_KEY_FORMAT:
            raise ValueError("unknown format")
        key = bytes.fromhex(content["key"])
        office_code = str(content["office_code"])
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise _unreadable(path, "isi tidak sah / invalid content") from exc
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
        raise OfficeKeyError(
            f"Berkas kunci kantor milik kantor {found_code}, bukan {office_code}. Periksa kode "
            "kantor di pengaturan atau hubungi supervisor.",
            f"The office key file belongs to office {found_code}, not {office_code}. Check the "
            "office code in the settings or call a supervisor.",
        )
    return key


def derive_key(
    office_key: bytes, purpose: str, *, salt: bytes | None = None, length: int = 32
) -> bytes:
    """HKDF-SHA256 of the office key for one purpose (and, for sync packages, a salt)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown key purpose {purpose!r}")
    # Imported here: the app's start reads office.key but derives no key before sign-in.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=length, salt=salt, info=purpose.encode("ascii")
    ).derive(office_key)
