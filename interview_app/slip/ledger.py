"""The slips issued at this workstation: numbers (never reused), payloads and print counts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from interview_app.storage.database import Database

_TABLES = (
    """CREATE TABLE IF NOT EXISTS slip_counters (
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (prefix, year)
    ) STRICT, WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS slips (
        slip_no TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        revision INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        outcome TEXT NOT NULL,
        payload TEXT NOT NULL,
        prints INTEGER NOT NULL DEFAULT 0,
        last_printed_at TEXT,
        UNIQUE (interview_uuid, revision, kind)
    ) STRICT""",
    "CREATE INDEX IF NOT EXISTS slips_interview ON slips(interview_uuid)",
)
# Letters (to BP3MI, the applicant, law enforcement) share one sequence per year; the number
# printed comes from the office's pattern (slip/numbering.py).
KIND_WORD = {"rujukan": "SURAT", "ringkasan": "RINGKASAN", "pemohon": "SURAT", "aph": "SURAT"}


@dataclass(frozen=True)
class SlipRow:
    slip_no: str
    kind: str
    interview_uuid: str
    revision: int
    issued_at: str
    issued_on: dt.date
    outcome: str
    payload: str
    prints: int
    last_printed_at: str | None


_COLUMNS = "slip_no, kind, interview_uuid, revision, issued_at, issued_on, outcome, payload, prints, last_printed_at"


def _row(values: tuple[Any, ...] | None) -> SlipRow | None:
    if values is None:
        return None
    slip_no, kind, uuid, revision, issued_at, issued_on, outcome, payload, prints, last = values
    return SlipRow(
        slip_no,
        kind,
        uuid,
        revision,
        issued_at,
        dt.date.fromisoformat(issued_on),
        outcome,
        payload,
        prints,
        last,
    )


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the slip tables on first use (inside the caller's transaction)."""
    for statement in _TABLES:
        conn.execute(statement)


def _has_tables(database: Database) -> bool:
    found = database.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'slips'"
    ).fetchone()
    return found is not None


def slip_prefix(office_code: str, workstation_code: str | None, kind: str) -> str:
    """`PLU/BP3MI`; with a workstation code (several counters of one office) `PLU-A/BP3MI`, so
    that two workstations never hand out the same number."""
    office = office_code.upper() + (f"-{workstation_code.upper()}" if workstation_code else "")
    return f"{office}/{KIND_WORD[kind]}"


def find(database: Database, interview_uuid: str, revision: int, kind: str) -> SlipRow | None:
    if not _has_tables(database):
        return None
    return _row(
        database.conn.execute(
            f"SELECT {_COLUMNS} FROM slips WHERE interview_uuid = ? AND revision = ? AND kind = ?",
            (interview_uuid, revision, kind),
        ).fetchone()
    )


def by_number(database: Database, slip_no: str) -> SlipRow | None:
    if not _has_tables(database):
        return None
    return _row(
        database.conn.execute(
            f"SELECT {_COLUMNS} FROM slips WHERE slip_no = ?", (slip_no,)
        ).fetchone()
    )


def letter_numbers(database: Database, kind: str = "rujukan") -> dict[str, str]:
    """Interview uuid -> the number of its newest letter of `kind` (the latest revision's)."""
    if not _has_tables(database):
        return {}
    rows = database.conn.execute(
        "SELECT interview_uuid, slip_no FROM slips WHERE kind = ? ORDER BY revision, issued_at",
        (kind,),
    )
    return {uuid: slip_no for uuid, slip_no in rows}


def issue(
    conn: sqlite3.Connection,
    *,
    prefix: str,
    kind: str,
    interview_uuid: str,
    revision: int,
    issued_at: str,
    issued_on: dt.date,
    outcome: str,
    payload_for: Callable[[str], str],
    number_for: Callable[[int], str] | None = None,
) -> SlipRow:
    """Take the next number of `prefix` in the year and record the slip (no print yet):
    `number_for(sequence)`, by default `{prefix}/{year}/{seq:05d}`. `payload_for(slip_no)`
    makes the payload. Call inside a transaction."""
    ensure_tables(conn)
    year = issued_on.year
    last = conn.execute(
        "INSERT INTO slip_counters (prefix, year, last) VALUES (?, ?, 1)"
        " ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last",
        (prefix, year),
    ).fetchone()[0]
    slip_no = number_for(int(last)) if number_for else f"{prefix}/{year}/{int(last):05d}"
    payload = payload_for(slip_no)
    conn.execute(
        "INSERT INTO slips (slip_no, kind, interview_uuid, revision, issued_at, issued_on, outcome,"
        " payload, prints) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        (
            slip_no,
            kind,
            interview_uuid,
            revision,
            issued_at,
            issued_on.isoformat(),
            outcome,
            payload,
        ),
    )
    found = _row(
        conn.execute(f"SELECT {_COLUMNS} FROM slips WHERE slip_no = ?", (slip_no,)).fetchone()
    )
    assert found is not None
    return found


def count_print(
    conn: sqlite3.Connection, slip_no: str, expected_prints: int, printed_at: str
) -> bool:
    """Count one more print; false when someone else printed meanwhile (the copy number the
    PDF carries would then be wrong)."""
    cursor = conn.execute(
        "UPDATE slips SET prints = prints + 1, last_printed_at = ? WHERE slip_no = ? AND prints = ?",
        (printed_at, slip_no, expected_prints),
    )
    return cursor.rowcount == 1
