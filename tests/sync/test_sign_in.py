"""`export` and `import` on encrypted workstations: they sign in (any active account; never the
recovery code), a refusal changes nothing, and nothing personal lands in clear anywhere: not
in either data folder (database, WAL, pre-import snapshot) and not on the stick."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.cipher import connect_keyed, database_key
from interview_app.storage.errors import DatabaseKeyError
from interview_app.storage.office import Office
from interview_app.sync.container import PackageReader
from interview_app.sync.history import history
from tests.byte_scan import found_texts
from tests.sync.factory import STATION_OFFICER, Station, add_interviews, files_of


def export_args(station: Station, stick: Path) -> list[str]:
    return ["export", "--data-dir", str(station.data_dir), "--out", str(stick)]


def personal_texts(station: Station) -> set[str]:
    """The applicants' NIKs, names and phone numbers held by `station`."""
    rows = station.database.conn.execute(
        "SELECT nik, full_name, phone FROM interviews WHERE status IN ('completed', 'voided')"
    ).fetchall()
    return {str(value) for row in rows for value in row if value}


@pytest.fixture(autouse=True)
def _nobody_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "INTERVIEW_APP_USER",
        "INTERVIEW_APP_PASSWORD",
        "INTERVIEW_APP_RECOVERY_CODE",
    ):
        monkeypatch.delenv(name, raising=False)


def test_export_without_signing_in_is_refused_and_writes_nothing(
    station_a: Station, stick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_interviews(station_a, 4)
    before = files_of(station_a.data_dir)
    capsys.readouterr()
    assert main(export_args(station_a, stick)) == 1
    err = capsys.readouterr().err
    assert "masuk dengan --as USERNAME dan --password-file" in err  # Indonesian
    assert "sign in with --as USERNAME and --password-file" in err  # and English
    assert "Traceback" not in err
    assert list(stick.iterdir()) == []  # no package, no temporary file
    assert files_of(station_a.data_dir) == before  # not even a lock file or a log line


def test_import_without_signing_in_is_refused_and_changes_nothing(
    station_a: Station,
    station_b: Station,
    stick: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_interviews(station_a, 4)
    assert main([*export_args(station_a, stick), *station_a.sign_in(tmp_path)]) == 0
    (package,) = stick.iterdir()
    station_b.sign_in(tmp_path)  # B has an account; the command names none
    before = files_of(station_b.data_dir)
    capsys.readouterr()
    assert main(["import", "--data-dir", str(station_b.data_dir), str(package)]) == 1
    err = capsys.readouterr().err
    assert "Perintah ini membuka data pribadi" in err and "This command opens personal data" in err
    assert files_of(station_b.data_dir) == before  # no snapshot, nothing imported
    assert list(stick.iterdir()) == [package]


def test_the_recovery_code_does_not_export(
    station_a: Station,
    stick: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_interviews(station_a, 3)
    code = Office.of(station_a.database).make_recovery_code()
    before = files_of(station_a.data_dir)
    monkeypatch.setenv("INTERVIEW_APP_RECOVERY_CODE", code)
    capsys.readouterr()
    assert main(export_args(station_a, stick)) == 1
    err = capsys.readouterr().err
    assert "Kode pemulihan hanya membuka folder untuk mengatur ulang kata sandi" in err
    assert "The recovery code opens the folder only to reset passwords" in err
    assert list(stick.iterdir()) == []
    assert files_of(station_a.data_dir) == before  # refused before anything was opened
    # Named together with an account, the code is still not taken for an export.
    args = station_a.sign_in(tmp_path)
    assert main([*export_args(station_a, stick), *args]) == 1
    assert "The recovery code opens the folder only" in capsys.readouterr().err
    monkeypatch.delenv("INTERVIEW_APP_RECOVERY_CODE")
    assert main([*export_args(station_a, stick), *args]) == 0


def test_a_wrong_password_is_refused_without_a_package(
    station_a: Station, stick: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_interviews(station_a, 3)
    args = station_a.sign_in(tmp_path)
    Path(args[-1]).write_text("bukan kata sandinya", encoding="utf-8")
    capsys.readouterr()
    assert main([*export_args(station_a, stick), *args]) == 1
    err = capsys.readouterr().err
    assert "kata sandi salah" in err and "Wrong username or password" in err
    assert "Traceback" not in err
    assert list(stick.iterdir()) == []
    assert history(station_a.database) == []


def test_an_account_that_must_change_its_password_does_not_export(
    station_a: Station, stick: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_interviews(station_a, 3)
    args = station_a.sign_in(tmp_path)
    officer = station_a.officers.find(STATION_OFFICER[0])
    assert officer is not None
    station_a.database.conn.execute(
        "UPDATE officers SET must_change_password = 1 WHERE id = ?", (officer.id,)
    )
    capsys.readouterr()
    assert main([*export_args(station_a, stick), *args]) == 1
    err = capsys.readouterr().err
    assert "harus diganti dulu" in err and "must be changed first" in err
    assert list(stick.iterdir()) == []


def test_an_officer_exports_and_imports_and_is_the_actor(
    station_a: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    add_interviews(station_a, 5)
    assert main([*export_args(station_a, stick), *station_a.sign_in(tmp_path)]) == 0
    (package,) = stick.iterdir()
    args = ["import", "--data-dir", str(station_b.data_dir), str(package)]
    assert main([*args, *station_b.sign_in(tmp_path)]) == 0
    username = STATION_OFFICER[0]
    assert [(e.kind, e.actor) for e in history(station_a.database)] == [("export", username)]
    assert [(e.kind, e.actor) for e in history(station_b.database)] == [("import", username)]
    entry = station_b.audit.entries(object_type="sync_package")[0]
    assert entry.action == "import" and entry.actor == username


def test_no_applicant_in_clear_in_either_folder_or_on_the_stick(
    station_a: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    add_interviews(station_a, 40)
    add_interviews(station_b, 12, seed=5)
    texts = personal_texts(station_a) | personal_texts(station_b)
    assert len(texts) > 50
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    assert main([*export_args(station_a, stick), *station_a.sign_in(credentials)]) == 0
    (package,) = stick.iterdir()
    args = ["import", "--data-dir", str(station_b.data_dir), str(package)]
    assert main([*args, *station_b.sign_in(credentials)]) == 0
    assert list((station_b.data_dir / "snapshots").glob("pre-import-*"))
    assert list(station_b.data_dir.glob("*-wal"))  # the WAL is scanned too
    assert found_texts([station_a.data_dir, station_b.data_dir, stick], texts) == set()
    # The scan can fail: the package's body, decrypted with the office key and written out
    # in clear, holds A's applicants (as JSON: a name with a quote is escaped there).
    clear = tmp_path / "clear" / "body.jsonl"
    clear.parent.mkdir()
    with open(package, "rb") as handle:
        reader = PackageReader(handle, station_a.key)
        clear.write_bytes(b"".join(reader.blocks()))
    in_json = {text for text in personal_texts(station_a) if '"' not in text}
    assert found_texts([clear.parent], in_json) == in_json


def test_the_pre_import_snapshot_opens_only_with_the_key(
    station_a: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    add_interviews(station_b, 6, seed=3)
    held = station_b.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
    add_interviews(station_a, 5)
    assert main([*export_args(station_a, stick), *station_a.sign_in(tmp_path)]) == 0
    (package,) = stick.iterdir()
    args = ["import", "--data-dir", str(station_b.data_dir), str(package)]
    assert main([*args, *station_b.sign_in(tmp_path)]) == 0
    (snapshot,) = (station_b.data_dir / "snapshots").glob("pre-import-*")
    assert not snapshot.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(snapshot)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain.close()
    with pytest.raises(DatabaseKeyError):
        connect_keyed(snapshot, database_key(bytes(32)), read_only=True)
    keyed = connect_keyed(snapshot, database_key(station_b.key), read_only=True)
    try:
        assert keyed.execute("SELECT count(*) FROM interviews").fetchone()[0] == held
    finally:
        keyed.close()
