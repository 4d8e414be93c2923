"""The sync commands as an IT admin scripts them, over the demo office's 200 interviews."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.audit import AuditLog
from interview_app.storage.database import open_database
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keys import read_office_key
from interview_app.storage.settings import SettingsStore
from interview_app.sync.keyfile import read_key_file
from interview_app.sync.received import foreign_officer
from tests import keyring
from tests.offices import COUNTER_SUPERVISOR, SUPERVISOR, sign_in_args
from tests.sync.factory import content_digest, raw_connection


def signed_in(tmp_path: Path, station: str) -> list[str]:
    """How the export and import below sign in: at A (the demo office) as its supervisor, at
    a workstation that `setup` made as the first supervisor it was given."""
    secrets = tmp_path / "secrets"
    secrets.mkdir(exist_ok=True)
    if station == "a":
        return sign_in_args(secrets, SUPERVISOR.username, SUPERVISOR.password)
    return sign_in_args(secrets, *COUNTER_SUPERVISOR)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("office")
    paths = {name: root / name for name in ("a", "b", "stick", "key")}
    paths["stick"].mkdir()
    assert main(["demo-data", "--data-dir", str(paths["a"]), "--count", "200"]) == 0
    assert (
        main(
            [
                "sync-key",
                "export",
                "--data-dir",
                str(paths["a"]),
                "--out",
                str(paths["key"] / "kantor.key"),
            ]
        )
        == 1
    )  # no such folder yet
    paths["key"].mkdir()
    paths["key"] = paths["key"] / "kantor.key"
    assert (
        main(["sync-key", "export", "--data-dir", str(paths["a"]), "--out", str(paths["key"])]) == 0
    )
    assert (
        main(
            [
                "setup",
                "--data-dir",
                str(paths["b"]),
                "--station",
                "Loket 2",
                "--sync-key-file",
                str(paths["key"]),
            ]
        )
        == 0
    )
    yield paths


def settings_of(data_dir: Path) -> dict[str, object]:
    database = open_database(data_dir)
    try:
        return SettingsStore(database).all()
    finally:
        database.close()


def audit_actions(data_dir: Path) -> list[str]:
    conn = raw_connection(data_dir)
    try:
        return [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    finally:
        conn.close()


def test_setup_makes_a_second_workstation_of_the_same_office(office: dict[str, Path]) -> None:
    a, b = settings_of(office["a"]), settings_of(office["b"])
    assert b["office_code"] == a["office_code"] == "PLU"
    assert b["office_name"] == a["office_name"]
    assert b["workstation_name"] == "Loket 2" and b["workstation_code"] == "LOKET2"
    assert b["workstation_id"] != a["workstation_id"]
    assert read_office_key(office["b"]) == read_office_key(office["a"])
    code, name, key = read_key_file(office["key"])
    assert (code, name) == ("PLU", a["office_name"])
    if os.name != "nt":  # Windows has no POSIX mode bits; the file sits in the user's profile
        assert (office["key"].stat().st_mode & 0o777) == 0o600


def test_export_then_import_of_the_demo_office(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    export = ["export", "--data-dir", str(office["a"]), "--out", str(office["stick"])]
    assert main([*export, *signed_in(tmp_path, "a")]) == 0
    (package,) = office["stick"].glob("*.awsync")
    assert "written and verified" in capsys.readouterr().out
    import_b = ["import", "--data-dir", str(office["b"]), str(package), *signed_in(tmp_path, "b")]
    assert main(import_b) == 0
    out = capsys.readouterr().out
    assert " baru, 0 diperbarui, 0 sudah ada, 0 konflik" in out and "Imported:" in out

    a_db, b_db = (
        keyring.open_office(office["a"]).database,
        keyring.open_office(office["b"]).database,
    )
    try:
        key = keyring.key_of(office["a"])
        a_repo = InterviewRepository(a_db, AuditLog(a_db, key[1]))
        b_repo = InterviewRepository(b_db, AuditLog(b_db, key[1]))
        uuids = [
            r[0] for r in a_db.conn.execute("SELECT uuid FROM interviews WHERE status <> 'draft'")
        ]
        assert len(uuids) > 190
        for uuid in uuids:
            assert a_repo.get(uuid).to_dict() == b_repo.get(uuid).to_dict()
        assert b_db.conn.execute("SELECT count(*) FROM questionnaires").fetchone()[0] >= 1
        # who decided: A's officers are known at B by A's workstation id and their ids
        a_station = SettingsStore(a_db).get("workstation_id")
        decided = a_repo.get(uuids[0])
        assert decided.officer_id is not None
        officer = foreign_officer(b_db, a_station, decided.officer_id)
        assert officer is not None and officer.username.startswith("petugas")
    finally:
        a_db.close()
        b_db.close()

    before = content_digest(office["b"], exclude=("audit_log",))
    logged = audit_actions(office["b"])
    assert main(import_b) == 0
    assert "sudah diimpor" in capsys.readouterr().out
    assert content_digest(office["b"], exclude=("audit_log",)) == before
    assert audit_actions(office["b"]) == [*logged, "login"]  # the sign-in, nothing imported
    assert main(["db", "check", "--data-dir", str(office["b"]), *signed_in(tmp_path, "b")]) == 0


def test_a_refused_package_gives_exit_1_and_the_good_one_is_still_imported(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = ["export", "--data-dir", str(office["a"]), "--out", str(tmp_path), "--full"]
    assert main([*export, *signed_in(tmp_path, "a")]) == 0
    (package,) = tmp_path.glob("*.awsync")
    cut = tmp_path / "cut.awsync"
    cut.write_bytes(package.read_bytes()[:-100])
    fresh = tmp_path / "c"
    assert (
        main(
            [
                "setup",
                "--data-dir",
                str(fresh),
                "--station",
                "Loket 3",
                "--sync-key-file",
                str(office["key"]),
            ]
        )
        == 0
    )
    capsys.readouterr()
    signed = signed_in(tmp_path, "c")
    assert main(["import", "--data-dir", str(fresh), str(cut), str(package), *signed]) == 1
    captured = capsys.readouterr()
    assert "paket terpotong" in captured.err.lower() and "truncated" in captured.err
    assert "Imported:" in captured.out


def test_setup_refuses_a_key_file_of_another_office(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other_key = tmp_path / "mks.key"
    content = json.loads(office["key"].read_text())
    other = tmp_path / "mks"
    other.mkdir()
    (other / "office.key").write_text(
        json.dumps({"format": 1, "office_code": "MKS", "key": "11" * 32})
    )
    assert main(["sync-key", "export", "--data-dir", str(other), "--out", str(other_key)]) == 1
    content.update(office_code="MKS")
    other_key.write_text(json.dumps(content))
    before = content_digest(office["b"])
    assert (
        main(
            [
                "setup",
                "--data-dir",
                str(office["b"]),
                "--station",
                "Loket 2",
                "--sync-key-file",
                str(other_key),
            ]
        )
        == 1
    )
    assert "kantor PLU" in capsys.readouterr().err
    assert content_digest(office["b"]) == before

    damaged = tmp_path / "damaged.key"
    content.update(office_code="PLU", key="22" + content["key"][2:])
    damaged.write_text(json.dumps(content))
    assert (
        main(
            [
                "setup",
                "--data-dir",
                str(office["b"]),
                "--station",
                "Loket 2",
                "--sync-key-file",
                str(damaged),
            ]
        )
        == 1
    )
    assert "damaged" in capsys.readouterr().err
    for bad in (tmp_path / "nothing.key", office["stick"]):
        assert (
            main(
                [
                    "setup",
                    "--data-dir",
                    str(office["b"]),
                    "--station",
                    "Loket 2",
                    "--sync-key-file",
                    str(bad),
                ]
            )
            == 1
        )
    assert content_digest(office["b"]) == before


def test_export_to_a_missing_folder_is_refused(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = signed_in(tmp_path, "a")
    export = ["export", "--data-dir", str(office["a"]), "--out", str(tmp_path / "no-stick")]
    assert main([*export, *signed]) == 1
    assert "does not exist" in capsys.readouterr().err
    nowhere = ["export", "--data-dir", str(tmp_path / "nowhere"), "--out", str(tmp_path)]
    assert main([*nowhere, *signed]) == 1
