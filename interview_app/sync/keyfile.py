"""The office key file a supervisor carries to a new workstation (separately from any data)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.clock import SystemClock, to_iso
from interview_app.storage.database import open_database
from interview_app.storage.keys import MAX_KEY_FILE_BYTES, OFFICE_KEY_BYTES, read_office_key
from interview_app.storage.paths import database_path, unsafe_output_reason
from interview_app.storage.settings import OFFICE_NAME, SettingsStore
from interview_app.storage.writefiles import write_file_atomically
from interview_app.sync.errors import KeyFileError, SyncNotConfigured

KEY_FILE_FORMAT = "asisten-wawancara-office-key"
KEY_FILE_VERSION = 1


def key_fingerprint(key: bytes) -> str:
    """A short check of the key: a typo or a damaged file is noticed, the key is not revealed."""
    return hashlib.sha256(b"awsync key file v1" + key).hexdigest()[:16]


def export_key_file(
    data_dir: Path,
    out: Path,
    *,
    office_name: str | None = None,
    now: datetime | None = None,
    overwrite: bool = False,
) -> Path:
    """Write this office's key to `out` (JSON, whole or absent, owner-only permissions); never
    inside the data folder (over office.key itself), onto a non-regular file, or over an
    existing file unless `overwrite`."""
    found = read_office_key(Path(data_dir))
    if found is None:
        raise SyncNotConfigured(
            "Komputer ini belum punya kunci kantor; tidak ada yang dapat diekspor.",
            "This workstation has no office key yet; there is nothing to export.",
        )
    reason = unsafe_output_reason(Path(data_dir), Path(out), overwrite=overwrite)
    if reason is not None:
        raise KeyFileError(
            f"Berkas kunci tidak ditulis ke {out}: {reason.id}. Tidak ada yang diubah.",
            f"The key file was not written to {out}: {reason.en}. Nothing was changed.",
        )
    office_code, key = found
    if office_name is None:
        office_name = _office_name(Path(data_dir))
    content = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "office_code": office_code,
        "office_name": office_name,
        "key": key.hex(),
        "fingerprint": key_fingerprint(key),
        "created": to_iso(now or SystemClock()()),
        "note": "RAHASIA / SECRET: simpan terpisah dari flashdisk data; jangan dikirim lewat "
        "surel atau pesan. Keep apart from data sticks; never send by e-mail or chat.",
    }
    out = Path(out)
    try:
        write_file_atomically(
            out, json.dumps(content, indent=1).encode("utf-8") + b"\n", mode=0o600
        )
    except KnownError:
        raise
    except OSError as exc:
        raise KeyFileError(
            f"Berkas kunci tidak dapat ditulis ke {out} ({exc.strerror}). Periksa foldernya.",
            f"The key file cannot be written to {out} ({exc.strerror}). Check the folder.",
        ) from exc
    return out


def _office_name(data_dir: Path) -> str:
    if not database_path(data_dir).exists():
        return ""
    database = open_database(data_dir)
    try:
        return str(SettingsStore(database).get(OFFICE_NAME) or "")
    finally:
        database.close()


def _bad(path: Path, reason_id: str, reason_en: str) -> KeyFileError:
    return KeyFileError(
        f"Berkas kunci kantor {path} tidak dapat dipakai: {reason_id}. Minta supervisor "
        "mengekspor berkas kunci lagi ('sync-key export').",
        f"The office key file {path} cannot be used: {reason_en}. Ask a supervisor to export "
        "the key file again ('sync-key export').",
    )


def read_key_file(path: Path) -> tuple[str, str, bytes]:
    """(office code, office name, key) from a key file; KeyFileError says what is wrong."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _bad(path, "berkas tidak ada", "the file does not exist") from None
    except OSError as exc:
        raise _bad(path, "tidak dapat dibaca", f"it cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise _bad(path, "bukan berkas kunci", "it is not a key file")
    try:
        content = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(path, "bukan berkas kunci", "it is not a key file") from None
    if not isinstance(content, dict) or content.get("format") != KEY_FILE_FORMAT:
        raise _bad(path, "bukan berkas kunci", "it is not a key file")
    if content.get("version") != KEY_FILE_VERSION:
        raise _bad(path, "versi tidak dikenal", "unknown version")
    code, name, key_hex = (content.get(k) for k in ("office_code", "office_name", "key"))
    if not isinstance(code, str) or not code.strip() or not isinstance(name, str):
        raise _bad(path, "kode kantor tidak ada", "the office code is missing")
    try:
        key = bytes.fromhex(key_hex) if isinstance(key_hex, str) else b""
    except ValueError:
        key = b""
    if len(key) != OFFICE_KEY_BYTES:
        raise _bad(path, "kunci rusak", "the key is damaged")
    if content.get("fingerprint") != key_fingerprint(key):
        raise _bad(path, "kunci rusak (sidik tidak cocok)", "the key is damaged (fingerprint)")
    return code.strip(), name, key
