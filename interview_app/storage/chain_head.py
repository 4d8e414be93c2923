"""The audit chain's head kept outside the database: `audit.head` in the data folder.

Someone who can write the database file can cut entries off the end of the chain and every
link that is left still holds. The head file, rewritten (whole: temporary name, fsync, rename)
after the app's writes, says how far the chain reached: `db check` reports a chain shorter than
that, or one whose entry there has another hash. The file carries an HMAC under a key derived
from the office key, so it cannot be made up or moved back without office.key; it names the
workstation so that another one's file does not pass either.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from interview_app.storage.keys import PURPOSE_AUDIT_HEAD, derive_key
from interview_app.storage.writefiles import write_file_atomically
from interview_app.text import Message

HEAD_FILE = "audit.head"
HEAD_FORMAT = 1
MAX_HEAD_FILE_BYTES = 4096


def head_file_path(data_dir: Path) -> Path:
    return Path(data_dir) / HEAD_FILE


def _mac(office_key: bytes, workstation: str, seq: int, digest: str) -> str:
    message = json.dumps([HEAD_FORMAT, workstation, seq, digest], separators=(",", ":"))
    key = derive_key(office_key, PURPOSE_AUDIT_HEAD)
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def write_head(data_dir: Path, office_key: bytes, workstation: str, seq: int, digest: str) -> None:
    content = {
        "format": HEAD_FORMAT,
        "workstation_id": workstation,
        "seq": int(seq),
        "hash": str(digest),
        "mac": _mac(office_key, workstation, int(seq), str(digest)),
    }
    data = (json.dumps(content, indent=1) + "\n").encode("utf-8")
    sweep_leftovers(data_dir)
    write_file_atomically(head_file_path(data_dir), data, mode=0o600)


def sweep_leftovers(data_dir: Path) -> None:
    """Remove temporary head files left by a process killed while writing one. Only the writer
    holding the data folder calls this (at each head it writes, and when a command takes the
    folder's lock: an import found already done writes no head, yet must not leave one)."""
    for leftover in Path(data_dir).glob(f".{HEAD_FILE}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@dataclass(frozen=True)
class HeadFile:
    """What the head file says: `anchor` (seq, hash) when it is sound, else `problem`."""

    anchor: tuple[int, str] | None
    problem: Message | None


def _bad(path: Path, id_why: str, en_why: str) -> HeadFile:
    return HeadFile(
        None,
        Message(
            f"Berkas kepala rantai {path.name} {id_why}: log audit mungkin dipotong.",
            f"The chain head file {path.name} {en_why}: the audit log may have been cut.",
        ),
    )


def read_head(data_dir: Path, office_key: bytes, workstation: str) -> HeadFile | None:
    """The head file checked with the office key; None when there is no file."""
    path = head_file_path(data_dir)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_HEAD_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _bad(
            path, f"tidak dapat dibaca ({exc.strerror})", f"cannot be read ({exc.strerror})"
        )
    if len(raw) > MAX_HEAD_FILE_BYTES:
        return _bad(path, "terlalu besar", "is too large")
    try:
        content = json.loads(raw.decode("utf-8"))
        if not isinstance(content, dict) or content.get("format") != HEAD_FORMAT:
            raise ValueError("format")
        seq, digest, mac = content["seq"], content["hash"], content["mac"]
        owner = content["workstation_id"]
        if not (isinstance(seq, int) and isinstance(digest, str) and isinstance(mac, str)):
            raise ValueError("types")
        if not isinstance(owner, str) or isinstance(seq, bool) or seq < 1:
            raise ValueError("types")
    except (ValueError, KeyError, UnicodeDecodeError):
        return _bad(path, "rusak", "is damaged")
    if not hmac.compare_digest(_mac(office_key, owner, seq, digest), mac):
        return _bad(
            path, "dipalsukan atau dibuat dengan kunci lain", "is forged or made with another key"
        )
    if owner != workstation:
        return _bad(path, "milik loket lain", "belongs to another workstation")
    return HeadFile((seq, digest), None)
