"""The audit log: append-only, keyed chain, tampering found with the entry's number."""

from __future__ import annotations

import sqlite3

import pytest

from interview_app.storage.audit import AuditLog
from interview_app.storage.database import Database


def _fill(audit: AuditLog, count: int = 6) -> None:
    for n in range(count):
        audit.append("officer:1", "interview.view", "interview", f"uuid-{n}", {"ref_no": f"R{n}"})


def _without_triggers(database: Database) -> sqlite3.Connection:
    """A second connection that edits by hand, as someone with a SQLite tool would."""
    conn = sqlite3.connect(database.path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    return conn


def test_chain_intact(audit: AuditLog) -> None:
    assert audit.head() is None
    assert audit.verify().ok
    _fill(audit)
    check = audit.verify()
    assert check.ok and check.entries == 6 and check.first_broken_seq is None
    seq, digest = audit.head() or (0, "")
    assert seq == 6 and len(digest) == 64
    assert audit.verify(expected_head=(seq, digest)).ok
    newest = audit.entries(limit=1)[0]
    assert newest.seq == 6 and newest.details == {"ref_no": "R5"}


def test_updates_and_deletes_refused(database: Database, audit: AuditLog) -> None:
    _fill(audit, 2)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        database.conn.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        database.conn.execute("DELETE FROM audit_log WHERE seq = 1")


def test_edited_entry_found(database: Database, audit: AuditLog) -> None:
    _fill(audit)
    conn = _without_triggers(database)
    conn.execute("UPDATE audit_log SET object_id = 'someone-else' WHERE seq = 4")
    conn.close()
    check = audit.verify()
    assert not check.ok
    assert check.first_broken_seq == 4
    assert "#4" in check.message.id and "#4" in check.message.en


def test_edited_details_found(database: Database, audit: AuditLog) -> None:
    _fill(audit)
    conn = _without_triggers(database)
    conn.execute("""UPDATE audit_log SET details = '{"ref_no":"R9"}' WHERE seq = 2""")
    conn.close()
    assert audit.verify().first_broken_seq == 2


def test_deleted_entry_found(database: Database, audit: AuditLog) -> None:
    _fill(audit)
    conn = _without_triggers(database)
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.close()
    check = audit.verify()
    assert not check.ok and check.first_broken_seq == 3
    assert check.entries == 5


def test_deleted_first_entry_found(database: Database, audit: AuditLog) -> None:
    _fill(audit)
    conn = _without_triggers(database)
    conn.execute("DELETE FROM audit_log WHERE seq = 1")
    conn.close()
    assert audit.verify().first_broken_seq == 1


def test_renumbered_after_delete_found(database: Database, audit: AuditLog) -> None:
    _fill(audit)
    conn = _without_triggers(database)
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3")
    conn.close()
    assert audit.verify().first_broken_seq == 3


def test_rehashed_without_key_found(database: Database, audit: AuditLog) -> None:
    """Someone who recomputes a plain hash chain still lacks the office key."""
    _fill(audit, 3)
    forger = AuditLog(database, b"\x01" * 32)
    conn = _without_triggers(database)
    conn.execute("DELETE FROM audit_log")
    conn.close()
    _fill(forger, 3)
    assert forger.verify().ok
    assert audit.verify().first_broken_seq == 1


def test_truncated_tail_found_with_anchor(database: Database, audit: AuditLog) -> None:
    _fill(audit)
    anchor = audit.head()
    assert anchor is not None
    conn = _without_triggers(database)
    conn.execute("DELETE FROM audit_log WHERE seq >= 5")
    conn.close()
    assert audit.verify().ok  # without an outside anchor a cut tail cannot be seen
    check = audit.verify(expected_head=anchor)
    assert not check.ok and check.first_broken_seq == 5
    assert "terpotong" in check.message.id


def test_replaced_tail_found_with_anchor(database: Database, audit: AuditLog) -> None:
    _fill(audit)
    anchor = audit.head()
    assert anchor is not None
    conn = _without_triggers(database)
    conn.execute("DELETE FROM audit_log WHERE seq = 6")
    conn.close()
    audit.append("officer:2", "login", "officer", "2")  # a new seq 6 with another hash
    check = audit.verify(expected_head=anchor)
    assert not check.ok and check.first_broken_seq == 6


def test_identity_numbers_refused_in_details(audit: AuditLog) -> None:
    with pytest.raises(ValueError, match="NIK"):
        audit.append("officer:1", "interview.view", "interview", "x", {"nik": "7271014101900001"})
    with pytest.raises(ValueError):
        audit.append("officer:1", "x", details={"kk": "7271 0101 0101 0001"})
    assert audit.head() is None
    digest = "1234567890123456abcdef" + "0" * 42  # digits inside a digest are fine
    audit.append("officer:1", "export", "package", "p1", {"sha256": digest})
    assert audit.verify().ok


def test_append_joins_the_callers_transaction(database: Database, audit: AuditLog) -> None:
    with pytest.raises(RuntimeError):
        with database.transaction():
            audit.append("officer:1", "export", None, None, {"count": 3})
            raise RuntimeError("the export failed")
    assert audit.head() is None
    with database.db.atomic():
        audit.append("officer:1", "export", None, None, {"count": 3})
    assert audit.head() is not None and audit.verify().ok
