"""The benchmark's baselines: the same storage work as ours, written as plain SQL on a bare
connection, with nothing of ours around it (no repositories, records, audit or ordering).

`interview-app bench` measures each of our operations against its baseline here, in the same
run, so a figure is a ratio that does not depend on the machine. A baseline must stay the
least any correct implementation has to do: the same rows read or written, on the same file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from interview_app.storage.bulk import EXPORTED, bare_connection
from interview_app.storage.database import connect
from interview_app.storage.paths import database_path


def open_plain(data_dir: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A bare connection to the data folder's database: Python's defaults, no settings of ours
    (but the page key of an encrypted database, which any reader of it needs)."""
    return bare_connection(data_dir, key)


# The recap's counts, written plainly: what any monthly count of the stored interviews has to
# read (its base and its GROUP BY queries).
_RECAP_BASE = "i.status = 'completed' AND i.created_at >= ? AND i.created_at < ?"
RECAP_QUERIES = (
    "SELECT date(i.created_at, '+480 minutes') AS day, count(*) FROM interviews i"
    f" WHERE {_RECAP_BASE} GROUP BY day",
    "SELECT coalesce(i.chosen_outcome, i.suggested_outcome), count(*) FROM interviews i"
    f" WHERE {_RECAP_BASE} GROUP BY 1",
    "SELECT a.value, count(*) FROM interviews i JOIN answers a"
    " ON a.interview_uuid = i.uuid AND a.question_id = 'destination'"
    f" WHERE {_RECAP_BASE} GROUP BY a.value",
    "SELECT f.rule_id, count(*) FROM flags f JOIN interviews i ON i.uuid = f.interview_uuid"
    f" WHERE {_RECAP_BASE} GROUP BY f.rule_id",
    f"SELECT i.home_regency, count(*) FROM interviews i WHERE {_RECAP_BASE} GROUP BY 1",
    "SELECT i.workstation_id, i.officer_id, count(*) FROM interviews i"
    f" WHERE {_RECAP_BASE} GROUP BY 1, 2",
    "SELECT count(*), sum(i.hard_flag), count(i.override_reason) FROM interviews i"
    f" WHERE {_RECAP_BASE}",
)


def recap_counts(conn: sqlite3.Connection, bounds: tuple[str, str]) -> None:
    """Every recap query over the stored times `bounds` (start, end), fetched and nothing else."""
    for sql in RECAP_QUERIES:
        conn.execute(sql, bounds).fetchall()


# The columns a result line shows, read straight from the index and the table: what any
# look-up that shows its results must pay, without our ordering, flags and records.
_RESULT_COLUMNS = (
    "SELECT uuid, ref_no, created_at, status, full_name, nik, passport_no, office_code,"
    " workstation_id, coalesce(chosen_outcome, suggested_outcome), score, hard_flag, revision"
    " FROM interviews"
)
_NAME_RANGE = (
    " INDEXED BY interviews_full_name"
    " WHERE full_name COLLATE NOCASE >= ? AND full_name COLLATE NOCASE < ? LIMIT 50"
)


def nik_rows(conn: sqlite3.Connection, nik: str) -> None:
    """Every interview of one NIK: an indexed point look-up of the result columns."""
    conn.execute(_RESULT_COLUMNS + " WHERE nik = ?", (nik,)).fetchall()


def name_prefix_rows(conn: sqlite3.Connection, prefix: str) -> None:
    """The first 50 interviews whose name starts with `prefix`: a NOCASE index range scan."""
    conn.execute(_RESULT_COLUMNS + _NAME_RANGE, (prefix, prefix + "\uffff")).fetchall()


def search_box_rows(conn: sqlite3.Connection, text: str) -> None:
    """The home search box's look-up written directly: a NIK point look-up (16 digits), a NIK
    range on its index (6 digits or more), or else a NOCASE name range; 50 results at most."""
    if text.isdigit() and len(text) == 16:
        conn.execute(_RESULT_COLUMNS + " WHERE nik = ? LIMIT 50", (text,)).fetchall()
    elif text.isdigit() and len(text) >= 6:
        conn.execute(
            _RESULT_COLUMNS + " WHERE nik >= ? AND nik < ? LIMIT 50", (text, text + ":")
        ).fetchall()
    else:
        name_prefix_rows(conn, text)


def single_row_commits(path: Path) -> tuple[sqlite3.Connection, Callable[[], None]]:
    """A scratch database at `path` (not an office's) on our connection settings (WAL,
    synchronous=FULL) and a function that commits one row there: the floor any autosave
    stands on. Close the connection when done."""
    conn = connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v TEXT) STRICT")
    counter = iter(range(10**9))

    def commit_one() -> None:
        n = next(counter)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", (f"k{n % 50}", f"value {n}"))
        conn.execute("COMMIT")

    return conn, commit_one


def delete_interviews_before(data_dir: Path, cutoff: str, key: bytes | None = None) -> None:
    """One DELETE of the interviews created before `cutoff`, whose foreign keys cascade to
    their answers, flags and revisions, on our connection settings (secure_delete on, as a
    purge needs); the connection opened and closed."""
    conn = connect(database_path(data_dir), key=key)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM interviews WHERE created_at < ?", (cutoff,))
        conn.execute("COMMIT")
    finally:
        conn.close()


def integrity_check(data_dir: Path, key: bytes | None = None) -> None:
    """SQLite's own PRAGMA integrity_check of the database, on a bare connection."""
    conn = open_plain(data_dir, key)
    try:
        conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


# The rows a sync package carries, as a bare copy reads them.
_PACKAGE_ROWS = (
    ("interviews", f"SELECT * FROM interviews WHERE {EXPORTED}"),
    (
        "answers",
        "SELECT a.* FROM answers a JOIN interviews i ON i.uuid = a.interview_uuid"
        f" WHERE i.{EXPORTED}",
    ),
    (
        "flags",
        "SELECT f.* FROM flags f JOIN interviews i ON i.uuid = f.interview_uuid"
        f" WHERE i.{EXPORTED}",
    ),
    (
        "interview_revisions",
        "SELECT r.* FROM interview_revisions r"
        f" JOIN interviews i ON i.uuid = r.interview_uuid WHERE i.{EXPORTED}",
    ),
    ("audit_log", "SELECT * FROM audit_log WHERE object_type = 'interview'"),
)


def copy_package_rows(source: Path, target: Path, key: bytes | None = None) -> None:
    """The rows a package of `source` carries (its exported interviews with their answers,
    flags, revisions and audit entries) read and written into `target`'s database of the same
    schema in one transaction, synchronous=FULL. `key`: the page key of both (one office)."""
    src = open_plain(source, key)
    dst = open_plain(target, key)
    dst.isolation_level = None
    try:
        dst.execute("PRAGMA synchronous = FULL")
        dst.execute("BEGIN")
        for table, sql in _PACKAGE_ROWS:
            cursor = src.execute(sql)
            marks = ", ".join("?" for _ in cursor.description)
            dst.executemany(f"INSERT INTO {table} VALUES ({marks})", cursor)
        dst.execute("COMMIT")
    finally:
        src.close()
        dst.close()
