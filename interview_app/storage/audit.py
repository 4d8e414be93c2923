"""The append-only audit log: each entry keyed-hashed (HMAC) over the previous entry's hash."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import DatabaseCorrupt
from interview_app.storage.keys import PURPOSE_AUDIT_CHAIN, derive_key
from interview_app.storage.sqlerrors import OPERATIONAL_ERRORS
from interview_app.text import Message

GENESIS_HASH = "0" * 64
# Entries the storage layer writes by itself: the keyed hashes of the rows a transaction changed
# ("content"), and of every row once, when a database first comes under the chain ("baseline").
CONTENT_ACTION = "content"
BASELINE_ACTION = "baseline"

# A value that is 16 digits is a NIK or KK number; those never go into the log. (Only whole
# values: a hex digest may well contain 16 digits in a row.)
_IDENTITY_NUMBER = re.compile(r"^\s*(\d[\s.-]?){15}\d\s*$")


# One encoder for every entry: json.dumps with these options would build a new one per call,
# which is a third of the time `db check` spends walking a long chain.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    object_type: str | None
    object_id: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditCheck:
    """The result of walking the chain; `first_broken_seq` is None when `ok`."""

    ok: bool
    entries: int
    first_broken_seq: int | None
    message: Message


def _check_details(details: dict[str, Any]) -> None:
    for value in _walk(details):
        if isinstance(value, str) and _IDENTITY_NUMBER.match(value):
            raise ValueError("audit details must name ids only, never NIK/KK values or answers")


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    else:
        yield value


class AuditLog:
    """Appends to and checks the chain. `office_key` is the office key; the chain's own key is
    derived from it (purpose "audit-chain v1"), so the log cannot be re-hashed by someone who
    can write the database but does not hold office.key."""

    def __init__(self, database: Database, office_key: bytes, clock: Clock | None = None) -> None:
        self._database = database
        self._key = derive_key(office_key, PURPOSE_AUDIT_CHAIN)
        self._clock = clock or SystemClock()

    def _mac(self, prev_hash: str, entry: dict[str, Any]) -> str:
        message = prev_hash.encode("ascii") + canonical_json(entry).encode("utf-8")
        return hmac.digest(self._key, message, "sha256").hex()

    def append(
        self,
        actor: str,
        action: str,
        object_type: str | None = None,
        object_id: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> AuditEntry:
        """Add one entry, inside the caller's transaction when one is open."""
        with self._database.transaction() as conn:
            return self.append_in(conn, actor, action, object_type, object_id, details)

    def append_in(
        self,
        conn: sqlite3.Connection,
        actor: str,
        action: str,
        object_type: str | None = None,
        object_id: str | None = None,
        details: dict[str, Any] | None = None,
        *,
        ids_only: bool = False,
    ) -> AuditEntry:
        """Add one entry on `conn`, which must be inside a write transaction already (the
        content recorder calls this just before its transaction commits, with `ids_only`:
        its details are table names, keys and hashes, which need no search for NIKs)."""
        details = dict(details or {})
        if not ids_only:
            _check_details(details)
        at = to_iso(self._clock())
        actor = str(actor)
        object_id = None if object_id is None else str(object_id)
        last = last_entry(conn)
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        details_json = canonical_json(details)  # encoded once: a content entry is large
        entry_json = _entry_json(seq, at, actor, action, object_type, object_id, details_json)
        digest = hmac.new(
            self._key, prev_hash.encode("ascii") + entry_json.encode("utf-8"), hashlib.sha256
        ).hexdigest()
        conn.execute(
            "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details,"
            " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq,
                at,
                actor,
                action,
                object_type,
                object_id,
                details_json,
                prev_hash,
                digest,
            ),
        )
        return AuditEntry(
            seq, at, actor, action, object_type, object_id, details, prev_hash, digest
        )

    def head(self) -> tuple[int, str] | None:
        """(seq, hash) of the newest entry: the anchor an export carries."""
        row = self._database.conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def entries(
        self,
        *,
        object_type: str | None = None,
        object_id: str | None = None,
        limit: int = 200,
        with_content: bool = False,
    ) -> list[AuditEntry]:
        """Newest first, optionally for one object. The records of rows the storage layer
        writes by itself ("content", "baseline") are left out unless `with_content`."""
        sql = "SELECT * FROM audit_log"
        clauses: list[str] = (
            [] if with_content else [f"action NOT IN ('{CONTENT_ACTION}', '{BASELINE_ACTION}')"]
        )
        params: list[Any] = []
        if object_type is not None:
            clauses.append("object_type = ?")
            params.append(object_type)
        if object_id is not None:
            clauses.append("object_id = ?")
            params.append(str(object_id))
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY seq DESC LIMIT ?"
        params.append(int(limit))
        return self._entries(sql, params)

    def _entries(self, sql: str, params: list[Any]) -> list[AuditEntry]:
        cursor = self._database.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [_entry_from_row(dict(zip(names, row, strict=True))) for row in cursor]

    def actions(self) -> list[str]:
        """Every action the log holds, in order."""
        rows = self._database.conn.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")
        return [str(action) for (action,) in rows]

    def search(
        self,
        *,
        start: str | None = None,
        end: str | None = None,
        action: str | None = None,
        actor: str | None = None,
        object_id: str | None = None,
        before_seq: int | None = None,
        limit: int = 500,
    ) -> list[AuditEntry]:
        """Newest first: entries made in [start, end) (stored-time form), of `action` (exact,
        or every action under a prefix ending in "."), by `actor`, on `object_id`, older than
        entry `before_seq` (paging). Without `action`, the records of rows the storage layer
        writes by itself ("content", "baseline") are left out."""
        clauses: list[str] = []
        params: list[Any] = []
        if start is not None:
            clauses.append("at >= ?")
            params.append(start)
        if end is not None:
            clauses.append("at < ?")
            params.append(end)
        if not action:
            clauses.append("action NOT IN (?, ?)")
            params += [CONTENT_ACTION, BASELINE_ACTION]
        elif action.endswith("."):
            clauses.append("substr(action, 1, ?) = ?")
            params += [len(action), action]
        else:
            clauses.append("action = ?")
            params.append(action)
        if actor:
            clauses.append("actor = ?")
            params.append(actor)
        if object_id:
            clauses.append("object_id = ?")
            params.append(object_id)
        if before_seq is not None:
            clauses.append("seq < ?")
            params.append(int(before_seq))
        sql = (
            "SELECT seq, at, actor, action, object_type, object_id, details, prev_hash, hash"
            " FROM audit_log WHERE " + " AND ".join(clauses) + " ORDER BY seq DESC LIMIT ?"
        )
        params.append(int(limit))
        return self._entries(sql, params)

    def verify(
        self,
        expected_head: tuple[int, str] | None = None,
        *,
        anchors: Iterable[tuple[int, str]] = (),
        on_entry: Callable[[str, dict[str, Any]], None] | None = None,
    ) -> AuditCheck:
        """Walk the whole chain. Finds an edited entry (its HMAC no longer fits), a removed one
        (a gap in seq or a broken prev_hash link) and, given heads recorded earlier (an export's
        anchor, the head file), a cut-off tail. `on_entry(action, details)` sees every entry
        whose link holds, in order (the content check collects its records so)."""
        wanted = [expected_head] if expected_head is not None else []
        wanted += list(anchors)
        conn = self._database.conn
        count = int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
        cursor = conn.execute(
            "SELECT seq, at, actor, action, object_type, object_id, details, prev_hash, hash"
            " FROM audit_log ORDER BY seq"
        )
        expected_seq, prev_hash = 1, GENESIS_HASH
        at_anchor: dict[int, str] = {}
        anchor_seqs = {seq for seq, _ in wanted}
        for seq, at, actor, action, object_type, object_id, details, stored_prev, digest in cursor:
            if seq != expected_seq:
                return _broken(count, expected_seq, "hilang / missing")
            if stored_prev != prev_hash:
                return _broken(count, seq, "rantai terputus / broken link")
            try:
                parsed = json.loads(details)
            except ValueError:
                return _broken(count, seq, "diubah / altered")
            entry = _entry_dict(seq, at, actor, action, object_type, object_id, parsed)
            if not hmac.compare_digest(self._mac(prev_hash, entry), digest):
                return _broken(count, seq, "diubah / altered")
            if seq in anchor_seqs:
                at_anchor[seq] = digest
            if on_entry is not None:
                on_entry(action, parsed)
            prev_hash, expected_seq = digest, seq + 1
        last_seq = expected_seq - 1
        for head_seq, head_hash in sorted(wanted, reverse=True):
            if last_seq < head_seq:
                return AuditCheck(
                    False,
                    count,
                    last_seq + 1,
                    Message(
                        f"Log audit terpotong: entri #{last_seq + 1} sampai #{head_seq} hilang.",
                        f"The audit log was cut short: entries #{last_seq + 1} to #{head_seq} "
                        "are missing.",
                    ),
                )
            found = at_anchor.get(head_seq)
            if found is None or not hmac.compare_digest(found, head_hash):
                return _broken(
                    count, head_seq, "tidak cocok dengan jangkar / does not match anchor"
                )
        return AuditCheck(
            True,
            count,
            None,
            Message(
                f"Log audit utuh ({count} entri).", f"The audit log is intact ({count} entries)."
            ),
        )


def last_entry(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(seq, hash) of the newest entry. A missing audit table is damage done outside the app
    (every database gets it from the schema's first step), reported as such, not as a bug."""
    try:
        row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    except OPERATIONAL_ERRORS as exc:
        if str(exc) == "no such table: audit_log":
            raise audit_log_missing() from exc
        raise
    return None if row is None else (int(row[0]), str(row[1]))


def audit_log_missing() -> DatabaseCorrupt:
    return DatabaseCorrupt(
        "Tabel log audit tidak ada: basis data diubah di luar aplikasi. Jalankan "
        "'interview-app db check' dan hubungi admin TI.",
        "The audit log table is missing: the database was changed outside the application. "
        "Run 'interview-app db check' and call the IT admin.",
    )


def _entry_dict(
    seq: int,
    at: str,
    actor: str,
    action: str,
    object_type: str | None,
    object_id: str | None,
    details: Any,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "details": details,
    }


def _entry_json(
    seq: int,
    at: str,
    actor: str,
    action: str,
    object_type: str | None,
    object_id: str | None,
    details_json: str,
) -> str:
    """canonical_json(_entry_dict(...)) with the details already encoded (keys in order)."""
    head = canonical_json({"action": action, "actor": actor, "at": at})
    tail = canonical_json({"object_id": object_id, "object_type": object_type, "seq": seq})
    return f'{head[:-1]},"details":{details_json},{tail[1:]}'


def _entry_from_row(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        seq=row["seq"],
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        object_type=row["object_type"],
        object_id=row["object_id"],
        details=json.loads(row["details"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def _broken(count: int, seq: int, what: str) -> AuditCheck:
    id_what, en_what = what.split(" / ")
    return AuditCheck(
        False,
        count,
        seq,
        Message(
            f"Log audit rusak mulai entri #{seq} ({id_what}): log telah diubah di luar aplikasi.",
            f"The audit log is broken from entry #{seq} ({en_what}): it was changed outside "
            "the application.",
        ),
    )
