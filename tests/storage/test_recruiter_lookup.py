"""The recruiter look-up keys: written with the answers, found through their indexes, filled in by
the migration for interviews kept before them, and carried by sync with the interview row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database, open_database
from interview_app.storage.interviews import (
    INTERVIEW_COLUMNS,
    RECRUITER_KEY_COLUMNS,
    InterviewRecord,
    InterviewRepository,
)
from interview_app.storage.schema import SCHEMA, Schema

from .conftest import new_draft

PHONE = "+6285212349876"


def _with_recruiter(
    repo: InterviewRepository, clock: FixedClock, phone: str | None, name: str | None
) -> InterviewRecord:
    clock.advance(days=1)
    record = new_draft(repo)
    repo.save_answer(
        record.uuid,
        "recruiter_phone",
        phone,
        current_question=None,
        identity={"recruiter_phone_key": phone, "recruiter_name_key": name},
    )
    return record


def test_same_recruiter_by_phone_or_name_newest_first(
    interviews: InterviewRepository, clock: FixedClock
) -> None:
    by_phone = _with_recruiter(interviews, clock, PHONE, "rusdi")
    by_name = _with_recruiter(interviews, clock, "+628111000111", "rusdi")
    only_phone = _with_recruiter(interviews, clock, PHONE, None)
    unrelated = _with_recruiter(interviews, clock, "+628137778888", "wati")
    voided = _with_recruiter(interviews, clock, PHONE, "rusdi")
    interviews.void(voided.uuid, "keliru", 1)
    current = _with_recruiter(interviews, clock, PHONE, "rusdi")

    found = interviews.same_recruiter(PHONE, "rusdi", exclude_uuid=current.uuid)
    assert [s.uuid for s in found.recent] == [only_phone.uuid, by_name.uuid, by_phone.uuid]
    assert (found.count, found.by_phone, found.by_name) == (3, 2, 2)
    assert found.first_at == by_phone.created_at
    assert unrelated.uuid not in {s.uuid for s in found.recent}
    assert interviews.same_recruiter(None, "rusdi", exclude_uuid=current.uuid).count == 2
    assert interviews.same_recruiter(None, None).count == 0
    assert interviews.same_recruiter("+620000", None).recent == ()
    limited = interviews.same_recruiter(PHONE, "rusdi", exclude_uuid=current.uuid, limit=1)
    assert limited.count == 3 and len(limited.recent) == 1


def test_keys_are_not_part_of_the_record_nor_of_its_hash(
    interviews: InterviewRepository, clock: FixedClock
) -> None:
    record = _with_recruiter(interviews, clock, PHONE, "rusdi")
    assert not set(RECRUITER_KEY_COLUMNS) & set(INTERVIEW_COLUMNS)
    assert "recruiter_phone_key" not in interviews.get(record.uuid).to_dict()
    # Cleared with the answer (the workflow passes None when the question is no longer asked).
    interviews.save_answer(
        record.uuid,
        "recruiter_phone",
        None,
        current_question=None,
        identity={"recruiter_phone_key": None, "recruiter_name_key": None},
    )
    assert interviews.same_recruiter(PHONE, "rusdi").count == 0


def test_the_look_up_reads_only_the_two_indexes(
    interviews: InterviewRepository, database: Database, clock: FixedClock
) -> None:
    _with_recruiter(interviews, clock, PHONE, "rusdi")
    current = _with_recruiter(interviews, clock, PHONE, "rusdi")
    captured: list[str] = []
    database.conn.set_trace_callback(captured.append)
    try:
        interviews.same_recruiter(PHONE, "rusdi", exclude_uuid=current.uuid)
    finally:
        database.conn.set_trace_callback(None)
    statements = [s for s in captured if "recruiter_phone_key" in s]
    assert len(statements) == 2  # the count, then the newest rows
    for sql in statements:
        plan = database.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        details = " | ".join(row[3] for row in plan)
        assert "interviews_recruiter_phone" in details and "interviews_recruiter_name" in details
        assert "SCAN i" not in details and "SCAN interviews" not in details, details


def test_the_migration_fills_in_keys_from_answers_kept_before(
    data_dir: Path, tmp_path: Path
) -> None:
    # The answers are written by today's code into a database of today's schema, then copied
    # (the columns both schemas share) into one made without m003 and the steps after it: today's
    # repository cannot write into an older schema.
    source_dir = tmp_path / "source"
    source_dir.mkdir()
    with open_database(source_dir) as source:
        from interview_app.storage.settings import SettingsStore

        SettingsStore(source).set("office_code", "PLU")
        key = b"k" * 32
        repo = InterviewRepository(source, AuditLog(source, key, FixedClock()), FixedClock())
        record = new_draft(repo)
        repo.save_answer(record.uuid, "recruiter_phone", "+6285212349876", current_question=None)
        repo.save_answer(record.uuid, "recruiter_name", "Pak  RUSDI", current_question=None)
        other = new_draft(repo)
        repo.save_answer(other.uuid, "recruiter_name", "tidak tahu", current_question=None)
    before = Schema(SCHEMA.name, SCHEMA.steps[: SCHEMA.names.index("m003_recruiter_keys")])
    with open_database(data_dir, schema=before) as old:
        conn = old.conn
        conn.execute("ATTACH DATABASE ? AS source", (str(source.path),))
        with conn:
            for table in ("interviews", "answers"):
                ours = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
                theirs = {row[1] for row in conn.execute(f"PRAGMA source.table_info({table})")}
                shared = ", ".join(c for c in ours if c in theirs)
                conn.execute(
                    f"INSERT INTO main.{table} ({shared}) SELECT {shared} FROM source.{table}"
                )
        conn.execute("DETACH DATABASE source")
        columns = {row[1] for row in conn.execute("PRAGMA table_info(interviews)")}
        assert "recruiter_phone_key" not in columns
    with open_database(data_dir) as upgraded:
        rows = dict(
            (uuid, (phone, name))
            for uuid, phone, name in upgraded.conn.execute(
                "SELECT uuid, recruiter_phone_key, recruiter_name_key FROM interviews"
            )
        )
    assert rows[record.uuid] == (PHONE, "rusdi")
    assert rows[other.uuid] == (None, None)  # "tidak tahu" names nobody


def test_the_keys_travel_with_the_interview_row(
    interviews: InterviewRepository, database: Database, clock: FixedClock
) -> None:
    """Sync copies every column of the interview row (SELECT i.*): the keys are columns of it,
    so an imported interview is found like a local one."""
    record = _with_recruiter(interviews, clock, PHONE, "rusdi")
    database.conn.row_factory = sqlite3.Row
    try:
        row = database.conn.execute(
            "SELECT i.* FROM interviews i WHERE uuid = ?", (record.uuid,)
        ).fetchone()
    finally:
        database.conn.row_factory = None
    assert row["recruiter_phone_key"] == PHONE and row["recruiter_name_key"] == "rusdi"
