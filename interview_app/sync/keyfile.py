"""The office key file a supervisor carries to a new workstation (separately from any data).

Version 2 (the only one written): the office key sealed under a passphrase the supervisor
gives separately (scrypt + AES-256-GCM, storage.keyslots.wrap_key), the associated data naming
the format, its version and the office. The office code, its name and the date stay in clear,
so that a person can see which office a file is for; the key never does. Version 1 held the key
in clear: it is still read (a workstation set up from an old file), with a warning to destroy it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from interview_app.errors import KnownError
from interview_app.storage.clock import SystemClock, to_iso
from interview_app.storage.keys import MAX_KEY_FILE_BYTES, OFFICE_KEY_BYTES
from interview_app.storage.keyslots import Slot, unwrap_key, wrap_key
from interview_app.storage.office import Office
from interview_app.storage.paths import unsafe_output_reason
from interview_app.storage.settings import OFFICE_NAME
from interview_app.storage.writefiles import JSON_FILE_ERRORS, write_file_atomically
from interview_app.sync.errors import KeyFileError, SyncNotConfigured
from interview_app.text import Message

KEY_FILE_FORMAT = "asisten-wawancara-office-key"
KEY_FILE_VERSION = 2
CLEAR_KEY_FILE_VERSION = 1  # the key in clear: read, never written
MIN_PASSPHRASE_LENGTH = 12

CLEAR_KEY_FILE_WARNING = Message(
    "PERINGATAN: berkas kunci ini versi lama dan menyimpan kunci kantor tanpa perlindungan. "
    "Setelah semua komputer terpasang, hapus berkas itu (dan salinannya) lalu ekspor yang baru "
    "dengan frasa sandi ('sync-key export').",
    "WARNING: this is an old key file that holds the office key unprotected. Once every "
    "workstation is set up, destroy it (and its copies) and export a new one with a passphrase "
    "('sync-key export').",
)


class OpenedKeyFile(NamedTuple):
    """What a key file gave: the office, its name, the key, and whether the key was in clear
    (a version-1 file, to be destroyed)."""

    office_code: str
    office_name: str
    key: bytes
    in_clear: bool = False


def key_fingerprint(key: bytes) -> str:
    """A short check of the key: a typo or a damaged file is noticed, the key is not revealed."""
    return hashlib.sha256(b"awsync key file v1" + key).hexdigest()[:16]


def export_key_file(
    office: Office,
    out: Path,
    *,
    passphrase: str,
    office_name: str | None = None,
    now: datetime | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the key of the open `office` (a signed-in session holds it in memory; a folder of
    the release before reads office.key), sealed under `passphrase`, to `out` (JSON, whole or
    absent, owner-only permissions); never inside the data folder, onto a non-regular file, or
    over an existing file unless `overwrite`. A passphrase shorter than MIN_PASSPHRASE_LENGTH
    is refused before anything is read or written."""
    check_passphrase(passphrase)
    found = office.key_on_file
    if found is None:
        raise SyncNotConfigured(
            "Komputer ini belum punya kunci kantor; tidak ada yang dapat diekspor.",
            "This workstation has no office key yet; there is nothing to export.",
        )
    reason = unsafe_output_reason(office.data_dir, Path(out), overwrite=overwrite)
    if reason is not None:
        raise KeyFileError(
            f"Berkas kunci tidak ditulis ke {out}: {reason.id}. Tidak ada yang diubah.",
            f"The key file was not written to {out}: {reason.en}. Nothing was changed.",
        )
    office_code, key = found
    if office_name is None:
        office_name = str(office.settings.get(OFFICE_NAME) or "")
    content = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "office_code": office_code,
        "office_name": office_name,
        "created": to_iso(now or SystemClock()()),
        "note": "RAHASIA / SECRET: simpan terpisah dari flashdisk data; frasa sandinya "
        "disampaikan terpisah, jangan ditulis di sini. Keep apart from data sticks; give its "
        "passphrase separately, never written down with it.",
        "wrapped_key": wrap_key(passphrase, key, _context(office_code)).as_json(),
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


def check_passphrase(passphrase: str) -> None:
    """A key file's passphrase is at least MIN_PASSPHRASE_LENGTH characters: the file travels,
    and whoever finds it can guess offline."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise KeyFileError(
            f"Frasa sandi berkas kunci terlalu pendek: minimal {MIN_PASSPHRASE_LENGTH} karakter "
            "(kalimat pendek yang mudah diingat). Berkas tidak ditulis.",
            f"The key file's passphrase is too short: at least {MIN_PASSPHRASE_LENGTH} "
            "characters (a short, memorable sentence). The file was not written.",
        )


def _context(office_code: str) -> tuple[object, ...]:
    """The associated data of the sealed key: this format, its version and the office."""
    return (KEY_FILE_FORMAT, KEY_FILE_VERSION, office_code.casefold())


def _bad(path: Path, reason_id: str, reason_en: str) -> KeyFileError:
    return KeyFileError(
        f"Berkas kunci kantor {path} tidak dapat dipakai: {reason_id}. Minta supervisor "
        "mengekspor berkas kunci lagi ('sync-key export').",
        f"The office key file {path} cannot be used: {reason_en}. Ask a supervisor to export "
        "the key file again ('sync-key export').",
    )


def _read_content(path: Path) -> dict[str, object]:
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
    if content.get("version") not in (KEY_FILE_VERSION, CLEAR_KEY_FILE_VERSION):
        raise _bad(path, "versi tidak dikenal", "unknown version")
    return content


def key_file_needs_passphrase(path: Path) -> bool:
    """True for a version-2 key file, False for an old one (its key in clear); KeyFileError
    for a file that is not a key file at all, so that this is said before a passphrase is
    asked for."""
    return _read_content(Path(path)).get("version") != CLEAR_KEY_FILE_VERSION


def read_key_file(path: Path, passphrase: str | None = None) -> OpenedKeyFile:
    """The office code, office name and key from a key file; a version-2 file needs its
    passphrase. KeyFileError says what is wrong (a wrong passphrase has one message)."""
    path = Path(path)
    content = _read_content(path)
    code, name = content.get("office_code"), content.get("office_name")
    if not isinstance(code, str) or not code.strip() or not isinstance(name, str):
        raise _bad(path, "kode kantor tidak ada", "the office code is missing")
    if content.get("version") == CLEAR_KEY_FILE_VERSION:
        return OpenedKeyFile(code.strip(), name, _clear_key(path, content), in_clear=True)
    if not passphrase:
        raise KeyFileError(
            f"Berkas kunci kantor {path} dilindungi frasa sandi. Isi frasa sandi yang "
            "diberikan supervisor (terpisah dari berkas itu).",
            f"The office key file {path} is protected by a passphrase. Give the passphrase the "
            "supervisor gave you (apart from the file).",
        )
    try:
        slot = Slot.from_json(content["wrapped_key"])
    except JSON_FILE_ERRORS:
        raise _bad(path, "kunci rusak", "the key is damaged") from None
    key = unwrap_key(passphrase, slot, _context(code.strip()))
    if key is None:
        raise KeyFileError(
            f"Frasa sandi berkas kunci {path} salah (atau berkas itu rusak). Tidak ada yang "
            "diubah. Periksa ketikan, atau minta supervisor mengekspor berkas kunci lagi.",
            f"The passphrase of the key file {path} is wrong (or the file is damaged). Nothing "
            "was changed. Check the typing, or ask a supervisor to export the key file again.",
        )
    return OpenedKeyFile(code.strip(), name, key)


def _clear_key(path: Path, content: dict[str, object]) -> bytes:
    key_hex = content.get("key")
    try:
        key = bytes.fromhex(key_hex) if isinstance(key_hex, str) else b""
    except ValueError:
        key = b""
    if len(key) != OFFICE_KEY_BYTES:
        raise _bad(path, "kunci rusak", "the key is damaged")
    if content.get("fingerprint") != key_fingerprint(key):
        raise _bad(path, "kunci rusak (sidik tidak cocok)", "the key is damaged (fingerprint)")
    return key
