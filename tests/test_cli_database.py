"""The database commands as an IT admin scripts them: demo-data, db check, db backup (signed in
as the demo office's supervisor; the data folder is encrypted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.cli import main
from tests import keyed_connection
from tests.offices import sign_in_args


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo")
    assert main(["demo-data", "--data-dir", str(data_dir), "--count", "30", "--seed", "3"]) == 0
    return data_dir


def rows(data_dir: Path, sql: str, file: Path | None = None) -> list[tuple[object, ...]]:
    """`sql` on the folder's database (or `file`, a backup of it), opened with its key."""
    conn = keyed_connection.connect(data_dir, file)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_demo_data_makes_an_office_with_accounts_and_interviews(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = demo_dir
    assert rows(database, "SELECT count(*) FROM interviews") == [(30,)]
    assert rows(database, "SELECT count(*) FROM officers WHERE role = 'supervisor'") == [(1,)]
    outcomes = {
        r[0]
        for r in rows(database, "SELECT chosen_outcome FROM interviews WHERE status = 'completed'")
    }
    assert {"TERBIT", "TUNDA_RUJUK_BP3MI"} <= outcomes
    niks = [r[0] for r in rows(database, "SELECT nik FROM interviews WHERE nik IS NOT NULL")]
    assert all(len(n) == 16 and n.startswith("72") for n in niks)


def test_demo_data_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        assert main(["demo-data", "--data-dir", str(folder), "--count", "12", "--seed", "5"]) == 0
    query = "SELECT nik, full_name, chosen_outcome, score FROM interviews ORDER BY ref_no"
    assert rows(first, query) == rows(second, query)


def test_db_check_passes_on_a_fresh_office(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed_in = sign_in_args(demo_dir)
    assert main(["db", "check", "--data-dir", str(demo_dir), *signed_in]) == 0
    out = capsys.readouterr().out
    assert "HASIL: BAIK" in out and "RESULT: OK" in out


def tamper(data_dir: Path, sql: str) -> None:
    """An insider with the office key edits the file behind the app's back."""
    conn = keyed_connection.connect(data_dir)
    try:
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE audit_log SET action = 'login' WHERE seq = 5",
        "DELETE FROM audit_log WHERE seq = 7",
    ],
    ids=["edited", "deleted"],
)
def test_db_check_finds_an_audit_entry_changed_by_hand(
    tmp_path: Path, edit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo-data", "--data-dir", str(tmp_path), "--count", "5"]) == 0
    capsys.readouterr()
    tamper(tmp_path, edit)
    assert main(["db", "check", "--data-dir", str(tmp_path), *sign_in_args(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "RESULT: PROBLEMS FOUND" in out and ("#5" in out or "#7" in out)


def test_db_backup_output_passes_db_check(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cadangan" / "backup.sqlite3"
    out.parent.mkdir()
    signed_in = sign_in_args(demo_dir)
    assert main(["db", "backup", "--data-dir", str(demo_dir), "--out", str(out), *signed_in]) == 0
    assert out.exists() and not list(out.parent.glob("*.tmp*"))
    check = ["db", "check", "--data-dir", str(demo_dir), "--file", str(out), *signed_in]
    assert main(check) == 0
    assert rows(demo_dir, "SELECT count(*) FROM interviews", out) == [(30,)]


def test_a_signed_in_backup_is_encrypted_with_the_office_key(
    demo_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup.sqlite3"
    signed_in = sign_in_args(tmp_path)
    assert main(["db", "backup", "--data-dir", str(demo_dir), "--out", str(out), *signed_in]) == 0
    assert not out.read_bytes().startswith(b"SQLite format 3")
    nik = rows(demo_dir, "SELECT nik FROM interviews WHERE nik IS NOT NULL LIMIT 1")[0][0]
    assert isinstance(nik, str) and nik.encode() not in out.read_bytes()
    assert rows(demo_dir, "SELECT count(*) FROM interviews", out) == [(30,)]


def test_an_officer_may_check_the_database_and_a_wrong_password_may_not(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.offices import OFFICER

    officer = sign_in_args(tmp_path, OFFICER.username, OFFICER.password)
    assert main(["db", "check", "--data-dir", str(demo_dir), *officer]) == 0
    assert "RESULT: OK" in capsys.readouterr().out
    wrong = sign_in_args(tmp_path, OFFICER.username, "bukan-sandinya")
    assert main(["db", "check", "--data-dir", str(demo_dir), *wrong]) == 1
    captured = capsys.readouterr()
    assert "RESULT" not in captured.out and "Traceback" not in captured.err
    assert captured.err.strip()


def test_db_commands_refuse_a_folder_without_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "check", "--data-dir", str(tmp_path / "kosong")]) == 1
    err = capsys.readouterr().err
    assert "Tidak ada basis data" in err and "There is no database" in err


@pytest.mark.parametrize(
    "command",
    [
        ["db", "backup", "--out", "backup.sqlite3"],
        ["db", "snapshots"],
        ["export", "--out", "stick"],
        ["import", "package.awsync"],
        ["sync-key", "export", "--out", "office-key.json"],
        ["slip", "render", "--interview", "X", "--out", "slip.pdf"],
        ["account", "list", "--as", "kepala"],
        ["account", "create", "kepala", "--name", "Kepala", "--role", "supervisor"],
        ["sync", "conflicts", "list", "--as", "kepala"],
    ],
)
def test_every_command_refuses_a_folder_without_a_database_in_the_same_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "salah ketik"
    missing.mkdir()
    assert main([*command, "--data-dir", str(missing)]) == 1
    err = capsys.readouterr().err
    assert f"Tidak ada basis data di {missing}." in err
    assert f"There is no database in {missing}." in err
    assert list(missing.iterdir()) == []  # no database, no lock file, nothing made
