"""The sync commands as an IT admin scripts them, over the demo office's 200 interviews."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.audit import AuditLog
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keys import read_office_key
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.settings import SettingsStore
from interview_app.storage.unlock import folder_is_encrypted
from interview_app.sync.keyfile import read_key_file
from interview_app.sync.received import foreign_officer
from tests import keyring
from tests.offices import COUNTER_SUPERVISOR, SUPERVISOR, sign_in_args
from tests.sync.factory import clear_key_file, content_digest, raw_connection


def signed_in(tmp_path: Path, station: str) -> list[str]:
    """How the export and import below sign in: at A (the demo office) as its supervisor, at
    a workstation that `setup` made as the first supervisor it was given."""
    secrets = tmp_path / "secrets"
    secrets.mkdir(exist_ok=True)
    if station == "a":
        return sign_in_args(secrets, SUPERVISOR.username, SUPERVISOR.password)
    return sign_in_args(secrets, *COUNTER_SUPERVISOR)


PASSPHRASE = "kopi pagi di loket dua"
SUPERVISOR_PASSWORD = "kepala seksi palu"


def setup_command(
    office: dict[str, Path], data_dir: Path, station: str, key_file: Path
) -> list[str]:
    """`setup` as an IT admin scripts it: the key file, its passphrase, the first supervisor."""
    return [
        "setup",
        "--data-dir",
        str(data_dir),
        "--station",
        station,
        "--sync-key-file",
        str(key_file),
        "--passphrase-file",
        str(office["passphrase"]),
        "--supervisor",
        "kasi",
        "--name",
        "Rahmat Hidayat",
        "--new-password-file",
        str(office["password"]),
    ]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("office")
    paths = {name: root / name for name in ("a", "b", "stick", "key", "passphrase", "password")}
    paths["stick"].mkdir()
    paths["passphrase"].write_text(PASSPHRASE + "\n", encoding="utf-8")
    paths["password"].write_text(SUPERVISOR_PASSWORD, encoding="utf-8")
    assert main(["demo-data", "--data-dir", str(paths["a"]), "--count", "200"]) == 0
    export = ["sync-key", "export", "--data-dir", str(paths["a"])]
    export += ["--passphrase-file", str(paths["passphrase"]), *signed_in(root, "a")]
    assert main([*export, "--out", str(paths["key"] / "kantor.key")]) == 1  # no such folder yet
    paths["key"].mkdir()
    paths["key"] = paths["key"] / "kantor.key"
    assert main([*export, "--out", str(paths["key"])]) == 0
    assert main(setup_command(paths, paths["b"], "Loket 2", paths["key"])) == 0
    yield paths


def settings_of(data_dir: Path) -> dict[str, object]:
    with keyring.open_office(data_dir) as opened:
        return opened.settings.all()


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
    code, name, key, in_clear = read_key_file(office["key"], PASSPHRASE)
    assert (code, name, in_clear) == ("PLU", a["office_name"], False)
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
    assert main(setup_command(office, fresh, "Loket 3", office["key"])) == 0
    capsys.readouterr()
    signed = signed_in(tmp_path, "c")
    assert main(["import", "--data-dir", str(fresh), str(cut), str(package), *signed]) == 1
    captured = capsys.readouterr()
    assert "paket terpotong" in captured.err.lower() and "truncated" in captured.err
    assert "Imported:" in captured.out


def test_setup_refuses_a_key_file_of_another_office(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "mks"
    other.mkdir()
    (other / "office.key").write_text(
        json.dumps({"format": 1, "office_code": "MKS", "key": "11" * 32})
    )
    other_key = tmp_path / "mks.key"
    export = ["sync-key", "export", "--passphrase-file", str(office["passphrase"])]
    assert main([*export, "--data-dir", str(other), "--out", str(other_key)]) == 1  # no database
    clear_key_file(other_key, "MKS", "Kantor Imigrasi Makassar", bytes.fromhex("11" * 32))
    before = content_digest(office["b"])
    assert main(setup_command(office, office["b"], "Loket 2", other_key)) == 1
    assert "kantor PLU" in capsys.readouterr().err
    assert content_digest(office["b"]) == before

    content = json.loads(office["key"].read_text())
    damaged = tmp_path / "damaged.key"
    sealed = content["wrapped_key"]
    content.update(wrapped_key={**sealed, "wrapped": "AAAA" + sealed["wrapped"][4:]})
    damaged.write_text(json.dumps(content))
    assert main(setup_command(office, office["b"], "Loket 2", damaged)) == 1
    assert "is wrong (or the file is damaged)" in capsys.readouterr().err
    for bad in (tmp_path / "nothing.key", office["stick"]):
        assert main(setup_command(office, office["b"], "Loket 2", bad)) == 1
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


def test_setup_prints_the_recovery_code_once_and_it_opens_the_office_key(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    fresh = tmp_path / "loket4"
    assert main(setup_command(office, fresh, "Loket 4", office["key"])) == 0
    out = capsys.readouterr().out
    assert "KODE PEMULIHAN KANTOR" in out and "brankas" in out
    assert "OFFICE RECOVERY CODE" in out and "office safe" in out
    codes = re.findall(r"^\s+((?:[0-9A-Z]{5}-){5}[0-9A-Z]{5})$", out, re.MULTILINE)
    assert len(codes) == 1 and out.count(codes[0]) == 1
    found = keyring.key_of(office["a"])
    slots = KeySlots(fresh)
    assert slots.unlock_recovery(codes[0]) == found[1]
    assert slots.unlock_account("kasi", SUPERVISOR_PASSWORD) == found[1]
    assert codes[0] not in "".join(p.read_text("latin-1") for p in fresh.rglob("*") if p.is_file())
    assert not (fresh / "office.key").exists()  # the key is only in the slots
    assert folder_is_encrypted(fresh)


def test_setup_with_a_wrong_passphrase_creates_nothing(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong"
    wrong.write_text("kopi sore di loket dua", encoding="utf-8")
    fresh = tmp_path / "loket5"
    command = setup_command(office, fresh, "Loket 5", office["key"])
    command[command.index("--passphrase-file") + 1] = str(wrong)
    capsys.readouterr()
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "Frasa sandi berkas kunci" in err and "salah" in err
    assert "passphrase of the key file" in err and "is wrong" in err
    assert "Traceback" not in err
    assert not fresh.exists()  # no database, no keyslots.json, no folder


def test_setup_says_how_to_give_what_is_missing(
    office: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("INTERVIEW_APP_KEY_PASSPHRASE", raising=False)
    monkeypatch.delenv("INTERVIEW_APP_NEW_PASSWORD", raising=False)
    fresh = tmp_path / "loket6"
    full = setup_command(office, fresh, "Loket 6", office["key"])

    def without(*options: str) -> list[str]:
        left = list(full)
        for option in options:
            at = left.index(option)
            del left[at : at + 2]
        return left

    capsys.readouterr()
    cases = [
        (without("--passphrase-file"), ["--passphrase-file", "INTERVIEW_APP_KEY_PASSPHRASE"]),
        (without("--supervisor", "--name", "--new-password-file"), ["--supervisor USERNAME"]),
        (without("--name"), ["--supervisor", "--name"]),
        (without("--new-password-file"), ["--new-password-file", "INTERVIEW_APP_NEW_PASSWORD"]),
    ]
    for command, needles in cases:
        assert main(command) == 1  # stdin is not a terminal here: never a prompt
        err = capsys.readouterr().err
        assert all(needle in err for needle in needles), (command, err)
        assert "Tidak" in err or "tidak" in err  # bilingual
        assert not fresh.exists()
    monkeypatch.setenv("INTERVIEW_APP_KEY_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEW_APP_NEW_PASSWORD", SUPERVISOR_PASSWORD)
    assert main(without("--passphrase-file", "--new-password-file")) == 0
    assert KeySlots(fresh).accounts() == ["kasi"]


def test_sync_key_export_needs_a_long_passphrase(
    office: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("INTERVIEW_APP_KEY_PASSPHRASE", raising=False)
    out = tmp_path / "kunci.key"
    export = ["sync-key", "export", "--data-dir", str(office["a"]), "--out", str(out)]
    export += signed_in(tmp_path, "a")
    capsys.readouterr()
    assert main(export) == 1
    err = capsys.readouterr().err
    assert "--passphrase-file" in err and "INTERVIEW_APP_KEY_PASSPHRASE" in err
    short = tmp_path / "short"
    short.write_text("pendek", encoding="utf-8")
    assert main([*export, "--passphrase-file", str(short)]) == 1
    err = capsys.readouterr().err
    assert "minimal 12 karakter" in err and "at least 12 characters" in err
    assert not out.exists()
    monkeypatch.setenv("INTERVIEW_APP_KEY_PASSPHRASE", "frasa dari variabel")
    assert main(export) == 0
    assert "passphrase separately" in capsys.readouterr().out
    assert read_key_file(out, "frasa dari variabel").office_code == "PLU"


def test_setup_from_an_old_clear_key_file_warns_to_destroy_it(
    office: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = keyring.key_of(office["a"])
    old = clear_key_file(tmp_path / "lama.key", "PLU", "Kantor Imigrasi Palu", found[1])
    command = setup_command(office, tmp_path / "loket7", "Loket 7", old)
    at = command.index("--passphrase-file")
    del command[at : at + 2]  # an old file asks for none
    capsys.readouterr()
    assert main(command) == 0
    captured = capsys.readouterr()
    assert "hapus berkas itu" in captured.err and "destroy it" in captured.err
    assert "OFFICE RECOVERY CODE" in captured.out
