"""m002_reviews: the reviews table joins the schema; a table created lazily before is rebuilt."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuid_module
from pathlib import Path

from interview_app.storage.database import open_database
from interview_app.storage.schema import SCHEMA, Schema

# The shape the supervisor tools created at first use before m002 (ensure_reviews_table).
LAZY_REVIEWS = """CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    interview_uuid TEXT NOT NULL REFERENCES interviews(uuid) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('reviewed', 'returned')),
    comment TEXT,
    by_officer INTEGER NOT NULL,
    at TEXT NOT NULL
) STRICT"""
LAZY_INDEX = "CREATE INDEX IF NOT EXISTS reviews_interview ON reviews(interview_uuid, id)"
BEFORE_M002 = Schema(SCHEMA.name, SCHEMA.steps[: SCHEMA.names.index("m002_reviews")])


def _columns(conn: sqlite3.Connection) -> list[str]:
    return [str(row[1]) for row in conn.execute("SELECT * FROM pragma_table_info('reviews')")]


def test_a_lazily_created_reviews_table_is_rebuilt_with_its_rows(data_dir: Path) -> None:
    first, second = str(uuid_module.uuid4()), str(uuid_module.uuid4())
    # An older database: the schema without m002, reviews made by the older tools.
    with open_database(data_dir, schema=BEFORE_M002) as old:
        assert old.schema_version == BEFORE_M002.version
        row = old.conn.execute("SELECT value FROM settings WHERE key = 'workstation_id'")
        workstation = json.loads(row.fetchone()[0])
        conn = old.conn
        conn.execute("BEGIN")
        for uuid in (first, second):
            conn.execute(
                "INSERT INTO interviews (uuid, ref_no, office_code, workstation_id,"
                " questionnaire_id, questionnaire_version, questionnaire_hash, officer_id,"
                " status, revision, created_at, updated_at, language) VALUES"
                " (?, ?, 'PLU', ?, 'tppo', 1, ?, 1, 'completed', 1, '2025-01-06', '2025-01-06',"
                " 'id')",
                (uuid, f"REF-{uuid[:8]}", workstation, "a" * 64),
            )
        conn.execute(LAZY_REVIEWS)
        conn.execute(LAZY_INDEX)
        conn.executemany(
            "INSERT INTO reviews (interview_uuid, revision, action, comment, by_officer, at)"
            " VALUES (?, 1, ?, ?, 3, ?)",
            [
                (first, "returned", "Lengkapi alamat", "2025-01-06T02:00:00.000000+00:00"),
                (first, "reviewed", None, "2025-01-06T03:00:00.000000+00:00"),
                (second, "reviewed", None, "2025-01-06T04:00:00.000000+00:00"),
            ],
        )
        conn.execute("COMMIT")
        before = conn.execute(
            "SELECT id, interview_uuid, revision, action, comment, by_officer, at FROM reviews"
            " ORDER BY id"
        ).fetchall()

    with open_database(data_dir) as upgraded:
        assert upgraded.schema_version == SCHEMA.version
        conn = upgraded.conn
        assert _columns(conn) == [
            "id",
            "uuid",
            "interview_uuid",
            "revision",
            "action",
            "comment",
            "workstation_id",
            "by_officer",
            "at",
        ]
        after = conn.execute(
            "SELECT id, interview_uuid, revision, action, comment, by_officer, at FROM reviews"
            " ORDER BY id"
        ).fetchall()
        assert after == before
        uuids = [row[0] for row in conn.execute("SELECT uuid FROM reviews")]
        assert len(set(uuids)) == 3 and all(len(u) == 36 for u in uuids)
        assert {row[0] for row in conn.execute("SELECT workstation_id FROM reviews")} == {
            workstation
        }
        index = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'reviews_interview'"
        ).fetchone()[0]
        assert "revision" in index
        assert not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name LIKE 'reviews_before%'"
        ).fetchall()
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The cascade from interviews still holds in the rebuilt table.
        conn.execute("DELETE FROM interviews WHERE uuid = ?", (second,))
        assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2
    old_version, new_version = BEFORE_M002.version, SCHEMA.version
    copies = list(
        (data_dir / "backups").glob(f"pre-migration-{old_version}-to-{new_version}-*.sqlite3")
    )
    assert len(copies) == 1  # the older file kept aside, reviews and all
    copy = sqlite3.connect(copies[0])
    try:
        assert _columns(copy)[:2] == ["id", "interview_uuid"]
        assert copy.execute("SELECT count(*) FROM reviews").fetchone()[0] == 3
    finally:
        copy.close()


def test_an_older_database_without_reviews_gets_the_table(data_dir: Path) -> None:
    with open_database(data_dir, schema=BEFORE_M002) as old:
        assert "reviews" not in {
            row[0] for row in old.conn.execute("SELECT name FROM sqlite_master")
        }
    with open_database(data_dir) as upgraded:
        assert "uuid" in _columns(upgraded.conn) and "workstation_id" in _columns(upgraded.conn)
        unique = [
            row[1]
            for row in upgraded.conn.execute("SELECT * FROM pragma_index_list('reviews')")
            if row[2]
        ]
        assert len(unique) == 1  # uuid names one mark


def test_a_new_database_has_the_reviews_table(data_dir: Path) -> None:
    with open_database(data_dir) as database:
        assert database.schema_version == SCHEMA.version
        assert "uuid" in _columns(database.conn)
