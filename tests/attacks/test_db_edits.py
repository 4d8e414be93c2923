"""Attack: someone with the data folder and a SQLite tool edits the database directly, or
forges the chain's head file (defect 5). Each edit must make `db check` exit 1 and name what
was touched (a table, or the audit log's own damage); no NIK ever appears in what it prints.

The office is built once through the application (accounts, a script, interviews with flags and
a correction, a review mark, a correction not saved yet, a slip in the ledger, an export in the
sync history); each test edits a copy, as an insider would: someone who holds the office key
(the database is encrypted) and opens the file with a SQLite tool, triggers dropped where they
stand in the way. What an outsider without the key can do to the encrypted pages is at the end:
nothing readable, and a damaged page is refused, never taken for data."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from interview_app.demo import DEMO_ACCOUNTS
from interview_app.storage.audit import AuditLog
from interview_app.storage.chain_head import HEAD_FILE, write_head
from interview_app.storage.clock import FixedClock
from interview_app.storage.content import workstation_of
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keyslots import keyslots_path
from interview_app.storage.maintenance import snapshot
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.paths import database_path
from interview_app.storage.slips import SlipLedger
from interview_app.storage.unsaved_input import UnsavedCorrections
from interview_app.supervision.review_desk import ReviewDesk
from interview_app.supervision.session import SupervisorSession
from tests import keyed_connection, keyring
from tests.offices import OfficeBuilder, sign_in_args

pytestmark = pytest.mark.attack

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def pristine(offices: OfficeBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = offices.copy("demo-8", tmp_path_factory.mktemp("attacks") / "office")
    key = keyring.key_of(data_dir)
    clock = FixedClock(dt.datetime.combine(TODAY, dt.time(3), dt.UTC))
    database = keyring.open_office(data_dir, clock=clock).database
    try:
        audit = AuditLog(database, key[1], clock)
        supervisor = OfficerRepository(database, audit, clock).find(DEMO_ACCOUNTS[0].username)
        assert supervisor is not None
        completed = [
            uuid
            for (uuid,) in database.conn.execute(
                "SELECT uuid FROM interviews WHERE status = 'completed' ORDER BY ref_no"
            )
        ]
        session = SupervisorSession(database, supervisor.id, audit, clock)
        ReviewDesk(session).mark_reviewed(completed[0])
        ReviewDesk(session).return_to_officer(completed[1], "Periksa alamat")
        InterviewRepository(database, audit, clock).void(
            completed[2], "Salah input / wrong entry", supervisor.id
        )
        UnsavedCorrections(database).save(completed[3], {"employer_name": "Tan Ind"}, None)
        SlipLedger(database).issue(
            prefix="PLU",
            kind="rujukan",
            interview_uuid=completed[0],
            revision=1,
            issued_at=clock().isoformat(),
            issued_on=TODAY,
            outcome="rujuk",
            payload_for=lambda number: f"AW2|{number}",
        )
    finally:
        database.close()
    stick = data_dir.parent / "stick"
    stick.mkdir()
    signed_in = sign_in_args(data_dir.parent)
    assert main(["export", "--data-dir", str(data_dir), "--out", str(stick), *signed_in]) == 0
    assert main(["db", "check", "--data-dir", str(data_dir), *signed_in]) == 0
    return data_dir


@pytest.fixture
def office(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the office; `db check` signs in as its supervisor."""
    copy = tmp_path / "office"
    shutil.copytree(pristine, copy)
    keyring.copied(pristine, copy)
    monkeypatch.setenv(ENV_USER, DEMO_ACCOUNTS[0].username)
    monkeypatch.setenv(ENV_PASSWORD, DEMO_ACCOUNTS[0].password)
    yield copy


def _nik_values(data_dir: Path) -> set[str]:
    conn = keyed_connection.connect(data_dir)
    try:
        return {str(n) for (n,) in conn.execute("SELECT nik FROM interviews") if n}
    finally:
        conn.close()


def _edit(data_dir: Path, *statements: str) -> None:
    """The statements run by an insider with the key, each committed on its own."""
    conn = keyed_connection.connect(data_dir)
    conn.isolation_level = None
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _db_check(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["db", "check", "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


INTERVIEWS = "SELECT uuid, revision, content_hash FROM interviews"
FIRST_ANSWER = "(SELECT interview_uuid FROM answers ORDER BY interview_uuid, question_id LIMIT 1)"
UNGUARD = "DROP TRIGGER audit_log_no_delete"
UNGUARD_UPDATE = "DROP TRIGGER audit_log_no_update"

# name -> (SQL statements, what the report must name)
EDITS: dict[str, tuple[tuple[str, ...], str]] = {
    "answer changed": (
        (
            "UPDATE answers SET value = '\"lain\"' WHERE interview_uuid = "
            f"{FIRST_ANSWER} AND question_id = (SELECT min(question_id) FROM answers"
            f" WHERE interview_uuid = {FIRST_ANSWER})",
        ),
        "answers [",
    ),
    "answer added": (
        (
            "INSERT INTO answers (interview_uuid, question_id, value, answered_at) SELECT uuid,"
            " 'extra', '1', created_at FROM interviews LIMIT 1",
        ),
        "answers [",
    ),
    "answer deleted": (
        (f"DELETE FROM answers WHERE interview_uuid = {FIRST_ANSWER}",),
        "answers [",
    ),
    "NIK changed": (
        ("UPDATE interviews SET nik = '7271010101900001' WHERE rowid = 1",),
        "interviews [",
    ),
    "chosen outcome changed": (
        (
            "UPDATE interviews SET chosen_outcome = 'lanjut' WHERE uuid = (SELECT uuid FROM"
            " interviews WHERE status = 'completed' ORDER BY ref_no DESC LIMIT 1)",
        ),
        "interviews [",
    ),
    "void undone": (
        ("UPDATE interviews SET status = 'completed', voided_at = NULL WHERE status = 'voided'",),
        "interviews [",
    ),
    "flag weight lowered": (
        (
            "UPDATE flags SET weight = 0 WHERE interview_uuid = (SELECT min(interview_uuid) FROM flags)",
        ),
        "flags [",
    ),
    "flag deleted": (
        ("DELETE FROM flags WHERE interview_uuid = (SELECT min(interview_uuid) FROM flags)",),
        "flags [",
    ),
    "interview deleted with its rows": (
        (
            "PRAGMA foreign_keys = ON",
            "DELETE FROM interviews WHERE uuid = (SELECT uuid FROM interviews ORDER BY ref_no"
            " DESC LIMIT 1)",
        ),
        "interviews [",
    ),
    "revision snapshot changed": (
        ("UPDATE interview_revisions SET snapshot = '{}'",),
        "interview_revisions [",
    ),
    "officer promoted to supervisor": (
        ("UPDATE officers SET role = 'supervisor' WHERE username = 'petugas1'",),
        "officers [",
    ),
    "password hash swapped": (
        (
            "UPDATE officers SET password_hash = (SELECT password_hash FROM officers WHERE"
            " username = 'petugas1') WHERE username = 'supervisor'",
        ),
        "officers [",
    ),
    "lockout counter reset": (
        ("UPDATE officers SET failed_attempts = 0, locked_until = '2000-01-01' WHERE id = 1",),
        "officers [",
    ),
    "officer added": (
        (
            "INSERT INTO officers (username, full_name, role, password_hash, created_at)"
            " VALUES ('penyusup', 'X', 'supervisor', 'scrypt$1$1$1$AA==$AA==', '2026-01-01')",
        ),
        "officers [",
    ),
    "setting changed": (
        ("UPDATE settings SET value = '\"Kanim Lain\"' WHERE key = 'office_name'",),
        "settings [",
    ),
    "script source changed": (
        ("UPDATE questionnaires SET source = source || ' ' WHERE active = 1",),
        "questionnaires [",
    ),
    "reference counter lowered": (("UPDATE ref_counters SET last = 1",), "ref_counters ["),
    "review mark changed": (
        ("UPDATE reviews SET action = 'reviewed', comment = NULL WHERE action = 'returned'",),
        "reviews [",
    ),
    "review mark deleted": (("DELETE FROM reviews WHERE action = 'reviewed'",), "reviews ["),
    "slip ledger row changed": (("UPDATE slips SET outcome = 'lanjut', prints = 0",), "slips ["),
    "slip counter lowered": (("UPDATE slip_counters SET last = 0",), "slip_counters ["),
    "unsaved correction changed": (
        ("UPDATE unsaved_input SET value = json_object('answers', json_object(), 'notes', NULL)",),
        "unsaved_input [",
    ),
    "sync history row deleted": (("DELETE FROM sync_history",), "sync_history ["),
    "sync sent record changed": (("UPDATE sync_sent SET content_hash = 'x'",), "sync_sent ["),
    "table added with rows": (
        ("CREATE TABLE catatan (x TEXT)", "INSERT INTO catatan VALUES ('y')"),
        "catatan [",
    ),
    "audit entry altered": (
        (UNGUARD_UPDATE, "UPDATE audit_log SET at = '2000-01-01T00:00:00+00:00' WHERE seq = 5"),
        "#5",
    ),
    "audit entry deleted": ((UNGUARD, "DELETE FROM audit_log WHERE seq = 5"), "#5"),
    "audit entries reordered": (
        (
            UNGUARD_UPDATE,
            "UPDATE audit_log SET seq = -1 WHERE seq = 4",
            "UPDATE audit_log SET seq = 4 WHERE seq = 5",
            "UPDATE audit_log SET seq = 5 WHERE seq = -1",
        ),
        "#4",
    ),
    "audit tail cut": (
        (UNGUARD, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)"),
        "cut short",
    ),
    "every audit entry deleted": ((UNGUARD, "DELETE FROM audit_log"), "cut short"),
    "audit table dropped": (("DROP TABLE audit_log",), "audit log table is missing"),
    "audit guard trigger dropped": ((UNGUARD,), "audit log's guard"),
    "audit guard trigger made harmless": (
        (
            UNGUARD,
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END",
        ),
        "audit log's guard",
    ),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_a_direct_edit_is_found_by_db_check(
    name: str, office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statements, named = EDITS[name]
    niks = _nik_values(office)
    _edit(office, *statements)
    code, out = _db_check(office, capsys)
    assert code == 1, out
    assert "RESULT: PROBLEMS FOUND" in out and "HASIL: ADA MASALAH" in out
    assert named in out, out
    assert not [nik for nik in niks | {"7271010101900001"} if nik in out]  # ids only
    assert "Traceback" not in out


def test_key_slots_missing_is_a_problem(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without keyslots.json no password unwraps the key: db check says what is missing and
    what to do, and nothing is read."""
    keyslots_path(office).unlink()
    code, out = _db_check(office, capsys)
    assert code == 1 and "key slots file (keyslots.json) is missing" in out
    assert "recovery code" in out and "Traceback" not in out


def test_cut_tail_with_the_head_file_removed_is_still_found(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The entries cut off held the records of the newest changes: the rows no longer match."""
    _edit(office, UNGUARD, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)")
    (office / HEAD_FILE).unlink()
    code, out = _db_check(office, capsys)
    assert code == 1
    assert "audit.head is missing" in out and "do not match the audit chain" in out


def test_the_audit_check_command_names_the_damage_without_a_traceback(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audit_check = ["audit", "check", *sign_in_args(tmp_path), "--data-dir", str(office)]
    _edit(office, "UPDATE officers SET role = 'supervisor' WHERE username = 'petugas1'")
    capsys.readouterr()
    assert main(audit_check) == 1
    out = "".join(capsys.readouterr())
    assert "do not match the audit chain" in out
    _edit(office, "DROP TABLE audit_log")
    assert main(audit_check) == 1
    captured = capsys.readouterr()
    assert "audit log table is missing" in captured.err and "Traceback" not in captured.err


# -- the head file ------------------------------------------------------------------------------


def _head(office: Path) -> dict[str, object]:
    return json.loads((office / HEAD_FILE).read_text(encoding="utf-8"))


def _forge_field(field: str, value: object) -> Callable[[Path], None]:
    def forge(office: Path) -> None:
        content = _head(office)
        content[field] = value
        (office / HEAD_FILE).write_text(json.dumps(content), encoding="utf-8")

    return forge


def _mac_with_other_key(office: Path) -> None:
    content = _head(office)
    content["seq"] = int(content["seq"]) + 50  # type: ignore[call-overload]
    message = json.dumps([1, content["workstation_id"], content["seq"], content["hash"]])
    content["mac"] = hmac.new(b"k" * 32, message.encode(), hashlib.sha256).hexdigest()
    (office / HEAD_FILE).write_text(json.dumps(content), encoding="utf-8")


def _other_workstation(office: Path) -> None:
    """A genuine head file of another workstation of the same office (made with the key)."""
    key = keyring.key_of(office)
    content = _head(office)
    write_head(office, key[1], "another-workstation", int(content["seq"]), str(content["hash"]))  # type: ignore[call-overload]


def _beyond_the_chain(office: Path) -> None:
    """Even a head file made with the key fails when the chain does not reach it."""
    key = keyring.key_of(office)
    conn = keyed_connection.connect(office)
    workstation = workstation_of(conn)
    conn.close()
    write_head(office, key[1], workstation, 10_000, "0" * 64)


HEAD_FORGERIES: dict[str, tuple[Callable[[Path], None], str]] = {
    "removed": (lambda office: (office / HEAD_FILE).unlink(), "audit.head is missing"),
    "seq raised": (_forge_field("seq", 99_999), "forged"),
    "seq lowered": (_forge_field("seq", 1), "forged"),
    "hash replaced": (_forge_field("hash", "f" * 64), "forged"),
    "mac replaced": (_forge_field("mac", "0" * 64), "forged"),
    "seq made text": (_forge_field("seq", "12"), "damaged"),
    "format changed": (_forge_field("format", 2), "damaged"),
    "other key": (_mac_with_other_key, "forged"),
    "other workstation": (_other_workstation, "another workstation"),
    "beyond the chain": (_beyond_the_chain, "cut short"),
    "truncated": (
        lambda office: (office / HEAD_FILE).write_bytes((office / HEAD_FILE).read_bytes()[:40]),
        "damaged",
    ),
    "empty": (lambda office: (office / HEAD_FILE).write_bytes(b""), "damaged"),
    "binary junk": (
        lambda office: (office / HEAD_FILE).write_bytes(b"\xff\xfe\x00" * 9),
        "damaged",
    ),
    "huge": (lambda office: (office / HEAD_FILE).write_bytes(b" " * 10_000_000), "too large"),
    "a folder": (
        lambda office: ((office / HEAD_FILE).unlink(), (office / HEAD_FILE).mkdir()),
        "cannot be read",
    ),
}


@pytest.mark.parametrize("name", list(HEAD_FORGERIES))
def test_a_forged_head_file_is_found(
    name: str, office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forge, named = HEAD_FORGERIES[name]
    forge(office)
    code, out = _db_check(office, capsys)
    assert code == 1, out
    assert named in out, out
    assert "Traceback" not in out


def test_the_app_never_moves_a_forged_or_cut_head_file(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a cut, the app's next writes keep the head file as evidence instead of writing
    the shortened chain's head over it."""
    _edit(office, UNGUARD, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)")
    before = (office / HEAD_FILE).read_bytes()
    database = keyring.open_office(office).database
    try:
        key = keyring.key_of(office)
        AuditLog(database, key[1]).append("system", "test.write")
        with database.transaction() as conn:
            conn.execute("UPDATE settings SET value = '\"X\"' WHERE key = 'office_name'")
    finally:
        database.close()
    assert (office / HEAD_FILE).read_bytes() == before
    code, out = _db_check(office, capsys)
    assert code == 1 and "cut short" in out


# -- an outsider, without the key ----------------------------------------------------------------


def test_an_outsider_without_the_key_reads_and_edits_nothing(office: Path) -> None:
    """A SQLite tool without the key sees no database at all: no table, no row, no edit."""
    path = database_path(office)
    before = path.read_bytes()
    for statement in (
        "SELECT nik FROM interviews",
        "SELECT name FROM sqlite_master",
        "UPDATE officers SET role = 'supervisor'",
        "DROP TABLE audit_log",
    ):
        conn = sqlite3.connect(path)
        try:
            with pytest.raises(sqlite3.DatabaseError, match="not a database"):
                conn.execute(statement).fetchall()
        finally:
            conn.close()
    assert path.read_bytes() == before
    assert not any(nik.encode() in before for nik in _nik_values(office))


def _flip(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        data = handle.read(16)
        handle.seek(offset)
        handle.write(bytes(byte ^ 0x5A for byte in data))


@pytest.mark.parametrize("page", [1, 3, -2], ids=["first page", "a page", "a late page"])
def test_an_outsider_flipping_encrypted_bytes_is_refused_and_nothing_is_lost(
    page: int, office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes changed blindly in an encrypted page fail its HMAC: the page is never read as
    data; db check says the file is damaged (exit 1, no traceback, no NIK), and the snapshot
    taken before puts every interview back."""
    with keyring.open_office(office) as opened:
        snapshot(opened.database, "daily")
        interviews = sorted(opened.database.conn.execute(INTERVIEWS).fetchall())
    niks = _nik_values(office)
    path = database_path(office)
    pages = path.stat().st_size // 4096
    number = page if page > 0 else pages + 1 + page
    _flip(path, (number - 1) * 4096 + 1000)
    code, out = _db_check(office, capsys)
    assert code == 1, out
    assert "Traceback" not in out and not [nik for nik in niks if nik in out]
    assert "HASIL: ADA MASALAH" in out and "RESULT: PROBLEMS FOUND" in out
    if number == 1:
        assert "first page is damaged" in out
    capsys.readouterr()
    assert main(["db", "restore", "--data-dir", str(office)]) == 0, capsys.readouterr()
    with keyring.open_office(office) as opened:
        assert sorted(opened.database.conn.execute(INTERVIEWS).fetchall()) == interviews
    code, out = _db_check(office, capsys)
    assert code == 0, out
