"""The audit chain covers the data: every row's keyed hash, recorded with every change.

How a change gets recorded, whoever makes it: on each connection the recorder puts TEMP
triggers (they live in the connection, not in the file) on every table but the audit log. They
note the key of each row inserted, changed or deleted in a temporary table. Just before the
transaction commits (Database.transaction), the recorder reads those rows again, hashes each
(keyed BLAKE2b, 128 bits, under a key derived from the office key, so a hash says nothing
about an answer or a NIK and cannot be made without office.key) and appends one "content" entry to the chain with
the records [table, key, hash] (hash null: the row was deleted), in the same transaction. An
answer saved costs a trigger insert per row, one read and one hash per row touched (the
answer and its interview) and one audit insert.

A database that comes under the chain for the first time (made by an older version, or a new
office getting its key) gets a "baseline": the records of every row, in entries of at most
RECORDS_PER_ENTRY. `check_content` walks the chain from its newest baseline, keeps the last
record of each row, and compares with the rows there now: a row without a record, a row whose
hash differs, and a recorded row that is gone without its deletion recorded are damage, named
by table and key (keys are uuids, ids, question ids and setting names; never NIK values).

Rows deleted with their interview (ON DELETE CASCADE children of a deleted interview, e.g. by
the retention purge) are not listed one by one: the interview's deletion record covers them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from interview_app.errors import KnownError
from interview_app.storage.audit import (
    BASELINE_ACTION,
    CONTENT_ACTION,
    AuditCheck,
    AuditLog,
    last_entry,
)
from interview_app.storage.chain_head import head_file_path, read_head, write_head
from interview_app.storage.database import Database
from interview_app.storage.keys import PURPOSE_AUDIT_CONTENT, derive_key, read_office_key
from interview_app.storage.sqlerrors import SQLITE_ERRORS
from interview_app.text import Message

RECORDS_PER_ENTRY = 2000
HASH_BYTES = 16  # 128 bits: plenty to notice a change, and half the log's size of 256
HEAD_FILE_INTERVAL_S = 5.0  # the head file is rewritten at most this often, and at close
_UNTRACKED = frozenset({"audit_log"})
_TOUCHED = "temp.aw_touched"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True, eq=False)
class TableShape:
    """A table's columns and the columns its records are keyed by: the primary key, plus the
    columns of an ON DELETE CASCADE foreign key not in it (so a child names its parent)."""

    name: str
    columns: tuple[str, ...]
    key_columns: tuple[str, ...]
    # (positions in the key of the foreign key's columns, parent table): a child row deleted
    # together with its parent needs no record of its own.
    cascades: tuple[tuple[tuple[int, ...], str], ...]
    # Columns that may hold a BLOB (any column of a table that is not STRICT, or declared
    # BLOB/ANY): JSON cannot hold one, so it is written as 'x' and its hex.
    blob_columns: frozenset[str] = frozenset()

    @cached_property
    def key_sql(self) -> str:
        """The record key of a row of `t`, as text (SQLite's JSON: the triggers make the same)."""
        return "json_array(" + ", ".join(f"t.{_quote(c)}" for c in self.key_columns) + ")"

    @cached_property
    def row_sql(self) -> str:
        """The row as JSON text; a BLOB (which JSON cannot hold) as 'x' and its hex."""
        values = ", ".join(
            f"CASE WHEN typeof(t.{_quote(c)}) = 'blob' THEN 'x' || hex(t.{_quote(c)})"
            f" ELSE t.{_quote(c)} END"
            if c in self.blob_columns
            else f"t.{_quote(c)}"
            for c in self.columns
        )
        return f"json_array({values})"

    @cached_property
    def select_all(self) -> str:
        """(key, row) of every row."""
        return f"SELECT {self.key_sql}, {self.row_sql} FROM main.{_quote(self.name)} AS t"

    @cached_property
    def select_touched(self) -> str:
        """(key, row or NULL when the row is gone) of each key the triggers noted."""
        match = " AND ".join(
            f"t.{_quote(c)} IS json_extract(a.k, '$[{i}]')" for i, c in enumerate(self.key_columns)
        )
        first = _quote(self.key_columns[0])
        return (
            f"SELECT a.k, CASE WHEN t.{first} IS NULL THEN NULL ELSE {self.row_sql} END"
            f" FROM (SELECT k FROM {_TOUCHED} WHERE tbl = ?) AS a"
            f" LEFT JOIN main.{_quote(self.name)} AS t ON {match}"
        )


def tracked_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name"
    )
    return [str(name) for (name,) in rows if name not in _UNTRACKED]


def _primary_key(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    info = conn.execute("SELECT name, pk FROM pragma_table_info(?)", (table,)).fetchall()
    columns = [str(name) for name, _ in info]
    pk = [str(name) for name, position in sorted(info, key=lambda r: r[1]) if position]
    return columns, pk


def _blob_columns(conn: sqlite3.Connection, table: str) -> frozenset[str]:
    strict = conn.execute("SELECT strict FROM pragma_table_list(?)", (table,)).fetchone()
    info = conn.execute("SELECT name, upper(type) FROM pragma_table_info(?)", (table,))
    if strict is None or not strict[0]:
        return frozenset(str(name) for name, _ in info)
    return frozenset(str(name) for name, kind in info if kind in ("BLOB", "ANY"))


def table_shapes(conn: sqlite3.Connection) -> dict[str, TableShape]:
    shapes: dict[str, TableShape] = {}
    names = tracked_tables(conn)
    primary = {name: _primary_key(conn, name) for name in names}
    for name in names:
        columns, pk = primary[name]
        links: dict[int, tuple[str, list[str], list[str | None]]] = {}
        for fk_id, _, parent, child_col, parent_col, _, on_delete, _ in conn.execute(
            "SELECT * FROM pragma_foreign_key_list(?)", (name,)
        ):
            if str(on_delete).upper() != "CASCADE":
                continue
            _, froms, tos = links.setdefault(int(fk_id), (str(parent), [], []))
            froms.append(str(child_col))
            tos.append(None if parent_col is None else str(parent_col))
        key = list(pk) if pk else list(columns)
        for _, froms, _ in links.values():
            key += [c for c in froms if c not in key]
        cascades = []
        for parent, froms, tos in links.values():
            parent_pk = primary.get(parent, ([], []))[1]
            if parent in primary and [t or p for t, p in zip(tos, parent_pk, strict=False)] == (
                parent_pk
            ):
                cascades.append((tuple(key.index(c) for c in froms), parent))
        shapes[name] = TableShape(
            name, tuple(columns), tuple(key), tuple(cascades), _blob_columns(conn, name)
        )
    return shapes


def row_hash(content_key: bytes, table: str, row_json: str) -> str:
    """The keyed hash of one row (BLAKE2b in its keyed mode, a MAC): its table and its values
    as JSON text, trailing NULLs left out (a column added later, NULL in the rows there,
    changes no hash)."""
    while row_json.endswith(",null]"):
        row_json = row_json[:-6] + "]"
    message = (table + "\n" + row_json).encode("utf-8")
    return hashlib.blake2b(message, key=content_key, digest_size=HASH_BYTES).hexdigest()


def _triggers_sql(shape: TableShape) -> list[str]:
    table = _literal(shape.name)
    target = f"main.{_quote(shape.name)}"

    def key(row: str) -> str:
        return "json_array(" + ", ".join(f"{row}.{_quote(c)}" for c in shape.key_columns) + ")"

    def note(row: str) -> str:
        # A trigger may not name the schema of its target (a TEMP trigger finds temp first);
        # no uniqueness either: an upsert's conflict handling would override the trigger's.
        return f"INSERT INTO aw_touched (tbl, k) VALUES ({table}, {key(row)});"

    name = shape.name.replace('"', "")
    return [
        f'CREATE TEMP TRIGGER IF NOT EXISTS "aw_i_{name}" AFTER INSERT ON {target}'
        f" BEGIN {note('NEW')} END",
        f'CREATE TEMP TRIGGER IF NOT EXISTS "aw_u_{name}" AFTER UPDATE ON {target}'
        f" BEGIN {note('OLD')} {note('NEW')} END",
        f'CREATE TEMP TRIGGER IF NOT EXISTS "aw_d_{name}" AFTER DELETE ON {target}'
        f" BEGIN {note('OLD')} END",
    ]


class ContentRecorder:
    """Installed on every Database that open_database returns (Database.hooks)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._shapes: dict[str, TableShape] = {}
        self._schema_version: int | None = None
        self._content_key: bytes | None = None
        self._office_key: bytes | None = None
        self._audit: AuditLog | None = None
        self._baselined = False
        self._seq_at_begin = 0
        self._interviews_at_begin = False
        self._head_written_at = 0.0
        self._head_due = False
        # The head file is only ever updated, or made together with the baseline: once the
        # chain has a baseline, a missing head file is a finding (someone removed it, perhaps
        # after cutting the chain), and the app does not cover it up by writing a new one.
        self._may_create_head = False

    # -- the hooks Database.transaction calls ------------------------------------------------

    def before_begin(self, conn: sqlite3.Connection) -> None:
        """Outside any transaction: the triggers, the first time (tables made later are found
        at the commit after, by the schema's version number)."""
        if self._schema_version is None:
            self._install(conn)

    def after_begin(self, conn: sqlite3.Connection) -> None:
        if not self._baselined:
            last = last_entry(conn)
            self._seq_at_begin = 0 if last is None else last[0]
            self._interviews_at_begin = bool(
                conn.execute("SELECT EXISTS (SELECT 1 FROM interviews)").fetchone()[0]
            )

    def before_commit(self, conn: sqlite3.Connection) -> None:
        tables = dict(conn.execute(f"SELECT tbl, count(*) FROM {_TOUCHED} GROUP BY tbl"))
        new_tables: list[str] = []
        if self._schema_version != _schema_version(conn):
            new_tables = self._install(conn)
        if tables or new_tables:
            self._record(conn, tables, new_tables)
            conn.execute(f"DELETE FROM {_TOUCHED}")
        self._head_due = True

    def after_commit(self) -> None:
        if time.monotonic() - self._head_written_at >= HEAD_FILE_INTERVAL_S:
            self._write_head()

    def after_rollback(self) -> None:
        self._schema_version = None  # triggers made inside the transaction went with it

    def before_close(self) -> None:
        if self._head_due:
            self._write_head()

    # -- inside -----------------------------------------------------------------------------

    def _install(self, conn: sqlite3.Connection) -> list[str]:
        """Triggers on every tracked table; returns the tables that had none before."""
        if str(conn.execute("PRAGMA temp_store").fetchone()[0]) != "2":
            # The noted keys stay in memory (a changed temp_store drops temp tables: first).
            conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"CREATE TABLE IF NOT EXISTS {_TOUCHED} (tbl TEXT NOT NULL, k TEXT NOT NULL)")
        conn.execute("PRAGMA recursive_triggers = ON")  # REPLACE's deletions fire triggers
        shapes = table_shapes(conn)
        new = [name for name in shapes if name not in self._shapes]
        for shape in shapes.values():
            for statement in _triggers_sql(shape):
                conn.execute(statement)
        self._shapes = shapes
        self._schema_version = _schema_version(conn)
        return new

    def _keys(self) -> tuple[bytes, AuditLog] | None:
        if self._audit is None:
            found = self._office_key_pair()
            if found is None:
                return None
            self._office_key = found[1]
            self._content_key = derive_key(found[1], PURPOSE_AUDIT_CONTENT)
            self._audit = AuditLog(self._database, found[1])
        assert self._content_key is not None
        return self._content_key, self._audit

    def _office_key_pair(self) -> tuple[str, bytes] | None:
        """The office key the Office that opened the database holds (an encrypted folder keeps
        none on disk: it was unwrapped at sign-in), else the one in office.key."""
        held = getattr(self._database.office, "key_on_file", None)
        if held is not None:
            return (str(held[0]), bytes(held[1]))
        return read_office_key(self._database.data_dir)

    def _record(
        self, conn: sqlite3.Connection, tables: dict[str, int], new_tables: list[str]
    ) -> None:
        keys = self._keys()
        if keys is None:
            return  # no office key yet: the baseline, once there is one, covers these rows
        content_key, audit = keys
        if not self._baselined:
            self._baselined = has_baseline(conn)
        if not self._baselined:
            if _may_baseline(
                self._database.data_dir, self._seq_at_begin, self._interviews_at_begin
            ):
                write_baseline(conn, audit, content_key, self._shapes)
                self._baselined = True
                self._may_create_head = True
            return
        records: list[list[Any]] = []
        for table in tables:
            shape = self._shapes.get(table)
            if shape is None:  # the table is gone (dropped in this transaction)
                records += [
                    [table, key, None]
                    for (key,) in conn.execute(
                        f"SELECT DISTINCT k FROM {_TOUCHED} WHERE tbl = ?", (table,)
                    )
                ]
                continue
            found = self._touched_rows(conn, shape, tables[table])
            records += [
                [table, key, None if row_json is None else row_hash(content_key, table, row_json)]
                for key, row_json in found.items()
            ]
        for table in new_tables:
            records += _all_records(conn, content_key, self._shapes[table])
        records = _without_cascaded(records, self._shapes)
        _append_records(conn, audit, CONTENT_ACTION, records)

    @staticmethod
    def _touched_rows(
        conn: sqlite3.Connection, shape: TableShape, noted: int
    ) -> dict[str, str | None]:
        """key -> row JSON (None: gone) for the keys noted in `shape`'s table. Few keys: each
        looked up by key. Many (an import, a purge, demo data): one pass over the table."""
        if noted < 256 or noted * 4 < _row_count(conn, _quote(shape.name)):
            return dict(conn.execute(shape.select_touched, (shape.name,)))
        found: dict[str, str | None] = {
            k: None
            for (k,) in conn.execute(f"SELECT k FROM {_TOUCHED} WHERE tbl = ?", (shape.name,))
        }
        for key, row_json in conn.execute(shape.select_all):
            if key in found:
                found[key] = row_json
        return found

    def _head_may_move(self, conn: sqlite3.Connection, workstation: str) -> bool:
        """The head file only moves forward along this chain. A file that is missing (after
        the baseline), damaged, forged, or that the chain no longer reaches, stays as it is:
        it is the evidence `db check` reports."""
        assert self._office_key is not None
        current = read_head(self._database.data_dir, self._office_key, workstation)
        if current is None:
            return self._may_create_head
        return current.anchor is not None and _chain_holds_head(conn, current.anchor)

    def _write_head(self) -> None:
        """Best effort: the data is committed already, so a full disk here must not say
        otherwise; the head file is written again after the next commit."""
        try:
            if self._keys() is None:
                return
            assert self._office_key is not None
            conn = self._database.conn
            head = last_entry(conn)
            if head is None:
                return
            workstation = workstation_of(conn)
            if not self._head_may_move(conn, workstation):
                self._head_due = False
                return
            write_head(self._database.data_dir, self._office_key, workstation, head[0], head[1])
        except SQLITE_ERRORS + (OSError, KnownError):
            return
        self._head_written_at = time.monotonic()
        self._head_due = False


def _chain_holds_head(conn: sqlite3.Connection, anchor: tuple[int, str]) -> bool:
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (anchor[0],)).fetchone()
    return row is not None and hmac.compare_digest(str(row[0]), anchor[1])


def _row_count(conn: sqlite3.Connection, quoted_table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM main.{quoted_table}").fetchone()[0])


def rewrite_head(
    data_dir: Path, key: bytes | None = None, office_key: tuple[str, bytes] | None = None
) -> None:
    """Write the head file for the database now in `data_dir` (after a restore put an older
    one in place); nothing without an office key or an audit log. `key`: the page key of an
    encrypted database; `office_key`: its (office code, key) (else office.key is read)."""
    from interview_app.storage.database import connect
    from interview_app.storage.paths import database_path

    found = office_key if office_key is not None else read_office_key(data_dir)
    if found is None:
        return
    conn = connect(database_path(data_dir), key=key)
    try:
        head = last_entry(conn)
        workstation = workstation_of(conn)
    except SQLITE_ERRORS:
        return
    finally:
        conn.close()
    if head is not None:
        write_head(data_dir, found[1], workstation, head[0], head[1])


def _schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA main.schema_version").fetchone()[0])


def workstation_of(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = 'workstation_id'").fetchone()
    return "" if row is None else str(json.loads(row[0]))


def has_baseline(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM audit_log WHERE action = ? LIMIT 1", (BASELINE_ACTION,)
    ).fetchone()
    return row is not None


def in_use(conn: sqlite3.Connection) -> bool:
    """A data folder in use holds accounts or interviews; before that, only settings."""
    return bool(
        conn.execute("SELECT EXISTS (SELECT 1 FROM interviews)").fetchone()[0]
        or conn.execute("SELECT EXISTS (SELECT 1 FROM officers)").fetchone()[0]
    )


def holds_data(database: Database) -> bool:
    """The folder holds interviews or audit entries: data that another office key would
    orphan (its audit chain is keyed by the office key)."""
    conn = database.conn
    return bool(
        conn.execute("SELECT EXISTS (SELECT 1 FROM interviews)").fetchone()[0]
        or conn.execute("SELECT EXISTS (SELECT 1 FROM audit_log)").fetchone()[0]
    )


def _may_baseline(data_dir: Path, seq_at_begin: int, interviews_at_begin: bool) -> bool:
    """A baseline declares whatever is there now to be right, so it is written only where no
    record can be missing: a chain with history from a version that kept no records (entries
    before this transaction), or a new office (an empty chain, no head file, no interviews
    before this transaction). An emptied chain in a folder in use gets none: `db check` keeps
    reporting it."""
    if seq_at_begin > 0:
        return True
    return not head_file_path(data_dir).exists() and not interviews_at_begin


def _all_records(conn: sqlite3.Connection, content_key: bytes, shape: TableShape) -> list[Any]:
    name = shape.name
    return [
        [name, key, row_hash(content_key, name, row)] for key, row in conn.execute(shape.select_all)
    ]


def write_baseline(
    conn: sqlite3.Connection, audit: AuditLog, content_key: bytes, shapes: dict[str, TableShape]
) -> int:
    """Record every row as it is now ("baseline"), in the caller's transaction."""
    records: list[list[Any]] = []
    for shape in shapes.values():
        records += _all_records(conn, content_key, shape)
    _append_records(conn, audit, BASELINE_ACTION, records, always=True)
    return len(records)


def _append_records(
    conn: sqlite3.Connection,
    audit: AuditLog,
    action: str,
    records: list[list[Any]],
    *,
    always: bool = False,
) -> None:
    parts = [
        records[start : start + RECORDS_PER_ENTRY]
        for start in range(0, len(records), RECORDS_PER_ENTRY)
    ] or ([[]] if always else [])
    for number, part in enumerate(parts, start=1):
        details: dict[str, Any] = {"w": part}
        if len(parts) > 1:
            details["part"] = [number, len(parts)]
        audit.append_in(conn, "system", action, None, None, details, ids_only=True)


def _without_cascaded(records: list[list[Any]], shapes: dict[str, TableShape]) -> list[Any]:
    """Drop the deletion records of children whose parent's deletion is recorded too."""
    deleted = {(t, k) for t, k, h in records if h is None}
    if not deleted:
        return records
    kept = []
    for table, key, digest in records:
        shape = shapes.get(table)
        if digest is None and shape is not None and _parent_deleted(shape, key, deleted):
            continue
        kept.append([table, key, digest])
    return kept


def _parent_deleted(shape: TableShape, key: str, deleted: set[tuple[str, str]]) -> bool:
    if not shape.cascades:
        return False
    values = json.loads(key)
    return any(
        (parent, _json_array([values[i] for i in positions])) in deleted
        for positions, parent in shape.cascades
    )


def _json_array(values: list[Any]) -> str:
    """The text SQLite's json_array makes of plain values (ids and uuids, as keys are)."""
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False)


# -- the check --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentProblem:
    kind: str  # "changed", "unrecorded", "vanished", "table-gone"
    table: str
    key: str

    def text(self, language: str) -> str:
        words = {
            "changed": ("diubah di luar aplikasi", "changed outside the application"),
            "unrecorded": ("tidak tercatat di rantai", "not recorded in the chain"),
            "vanished": ("hilang tanpa catatan", "gone without a record"),
        }[self.kind]
        word = words[0] if language == "id" else words[1]
        return f"{self.table} {self.key}: {word}"


@dataclass(frozen=True)
class ContentCheck:
    ok: bool
    baselined: bool
    rows: int
    problems: tuple[ContentProblem, ...]

    def message(self) -> Message:
        if not self.baselined:
            return Message(
                "Isi basis data belum tercatat di rantai audit.",
                "The database's content is not recorded in the audit chain.",
            )
        if self.ok:
            return Message(
                f"Isi basis data cocok dengan rantai audit ({self.rows} baris).",
                f"The database's content matches the audit chain ({self.rows} rows).",
            )
        count = len(self.problems)
        return Message(
            f"Isi basis data diubah di luar aplikasi: {count} baris tidak cocok dengan rantai "
            "audit.",
            f"The database's content was changed outside the application: {count} rows do "
            "not match the audit chain.",
        )


class _Collector:
    """Keeps the last record of each row from the newest baseline on."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], str | None] = {}
        self.baselined = False

    def __call__(self, action: str, details: dict[str, Any]) -> None:
        if action not in (CONTENT_ACTION, BASELINE_ACTION):
            return
        if action == BASELINE_ACTION and details.get("part", [1])[0] == 1:
            self.records = {}
            self.baselined = True
        for table, key, digest in details.get("w", []):
            self.records[(str(table), str(key))] = digest


def verify_chain_and_content(
    database: Database, office_key: bytes, anchors: list[tuple[int, str]]
) -> tuple[AuditCheck, ContentCheck | None]:
    """Walk the chain (checking the anchors) and, when it holds, compare the rows."""
    collector = _Collector()
    chain = AuditLog(database, office_key).verify(anchors=anchors, on_entry=collector)
    if not chain.ok:
        return chain, None
    return chain, compare_content(database.conn, office_key, collector)


def compare_content(
    conn: sqlite3.Connection, office_key: bytes, collector: _Collector
) -> ContentCheck:
    if not collector.baselined:
        return ContentCheck(False, False, 0, ())
    content_key = derive_key(office_key, PURPOSE_AUDIT_CONTENT)
    shapes = table_shapes(conn)
    records = collector.records
    problems: list[ContentProblem] = []
    seen: set[tuple[str, str]] = set()
    rows = 0
    for shape in shapes.values():
        for key, row_json in conn.execute(shape.select_all):
            rows += 1
            where = (shape.name, key)
            seen.add(where)
            recorded = records.get(where)
            if recorded is None:
                problems.append(ContentProblem("unrecorded", *where))
            elif not hmac.compare_digest(recorded, row_hash(content_key, shape.name, row_json)):
                problems.append(ContentProblem("changed", *where))
    deleted = {where for where, digest in records.items() if digest is None}
    vanished = {where for where, digest in records.items() if digest and where not in seen}
    for where in sorted(vanished):
        gone_from = shapes.get(where[0])
        # A child gone with its parent: the parent is reported (or its deletion recorded).
        if gone_from is not None and _parent_deleted(gone_from, where[1], deleted | vanished):
            continue
        problems.append(ContentProblem("vanished", *where))
    return ContentCheck(not problems, True, rows, tuple(problems))


def content_problems_text(check: ContentCheck, language: str, limit: int = 20) -> Iterator[str]:
    for problem in check.problems[:limit]:
        yield "  " + problem.text(language)
    if len(check.problems) > limit:
        more = len(check.problems) - limit
        yield f"  ... {more} lagi" if language == "id" else f"  ... {more} more"
