"""What the sign-in screen shows before anyone has unlocked the encrypted database: the office
name, the workstation name and the display language, kept in a small plaintext file beside it
(sign-in-screen.json). No personal data: no account, no applicant, no key. Written whenever the
counter signs in, signs out or changes the display language, so a name changed on the
supervisor's settings page shows from the next sign-out on. A missing or unreadable file only
leaves the screen plainer (the office code still comes from keyslots.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.writefiles import read_json_file, write_file_atomically

SCREEN_FILE = "sign-in-screen.json"
SCREEN_FORMAT = 1
MAX_SCREEN_BYTES = 8 * 1024


@dataclass(frozen=True)
class SignInScreen:
    office_name: str = ""
    workstation_name: str = ""
    ui_language: str = "id"


def screen_path(data_dir: Path) -> Path:
    return Path(data_dir) / SCREEN_FILE


class _Unreadable(KnownError):
    pass


def _unreadable(path: Path, detail: str) -> Exception:
    return _Unreadable(f"{path}: {detail}", f"{path}: {detail}")


def read_sign_in_screen(data_dir: Path) -> SignInScreen:
    """The names and language last written; empty names and Indonesian when there is none."""
    try:
        content = read_json_file(
            screen_path(data_dir),
            max_bytes=MAX_SCREEN_BYTES,
            format_version=SCREEN_FORMAT,
            unreadable=_unreadable,
        )
    except _Unreadable:
        return SignInScreen()
    if content is None:
        return SignInScreen()
    values = [content.get(k) for k in ("office_name", "workstation_name", "ui_language")]
    office_name, workstation_name, language = (v if isinstance(v, str) else "" for v in values)
    return SignInScreen(office_name, workstation_name, "en" if language == "en" else "id")


def write_sign_in_screen(data_dir: Path, screen: SignInScreen) -> None:
    """Written whole or not at all; unchanged content is not written again."""
    if read_sign_in_screen(data_dir) == screen and screen_path(data_dir).exists():
        return
    content = {
        "format": SCREEN_FORMAT,
        "office_name": screen.office_name,
        "workstation_name": screen.workstation_name,
        "ui_language": screen.ui_language,
    }
    data = json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")
    write_file_atomically(screen_path(data_dir), data, mode=0o600)
