"""The office key file and setting up a workstation from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_app.storage.keys import office_key_path, read_office_key
from interview_app.sync.errors import KeyFileError, SyncNotConfigured
from interview_app.sync.keyfile import export_key_file, read_key_file
from interview_app.sync.workstation import setup_workstation, station_code_from_name
from tests.sync.factory import Station, add_interviews, content_digest


def test_key_file_round_trip(station_a: Station, tmp_path: Path) -> None:
    out = export_key_file(station_a.data_dir, tmp_path / "office.key")
    assert read_key_file(out) == ("PLU", "Kantor Imigrasi Palu", station_a.key)
    assert "RAHASIA" in out.read_text()
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a key file"),
        (b"\xff\xfe", "not a key file"),
        (b"[1, 2]", "not a key file"),
        (json.dumps({"format": "other"}).encode(), "not a key file"),
        (b"x" * 70000, "not a key file"),
    ],
)
def test_unusable_key_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match=reason):
        read_key_file(path)


def test_damaged_fields(station_a: Station, tmp_path: Path) -> None:
    good = json.loads(export_key_file(station_a.data_dir, tmp_path / "k").read_text())
    for change, reason in [
        ({"version": 2}, "unknown version"),
        ({"office_code": ""}, "office code"),
        ({"key": "zz"}, "damaged"),
        ({"key": good["key"][:-2]}, "damaged"),
        ({"fingerprint": "0" * 16}, "fingerprint"),
    ]:
        path = tmp_path / "changed.key"
        path.write_text(json.dumps({**good, **change}))
        with pytest.raises(KeyFileError, match=reason):
            read_key_file(path)
    with pytest.raises(KeyFileError, match="does not exist"):
        read_key_file(tmp_path / "missing.key")


def test_no_key_no_export(tmp_path: Path) -> None:
    with pytest.raises(SyncNotConfigured):
        export_key_file(tmp_path, tmp_path / "k")


def test_setup_again_renames_and_a_lost_key_can_be_restored(
    station_a: Station, tmp_path: Path
) -> None:
    add_interviews(station_a, 2)
    key_file = export_key_file(station_a.data_dir, tmp_path / "office.key")
    station_a.database.close()
    result = setup_workstation(station_a.data_dir, station_name="Loket Satu", key_file=key_file)
    assert result.workstation_code == "LOKETSATU"
    office_key_path(station_a.data_dir).unlink()  # lost: the audit chain proves the key fits
    setup_workstation(station_a.data_dir, station_name="Loket Satu", key_file=key_file)
    assert read_office_key(station_a.data_dir) == ("PLU", station_a.key)


def test_setup_refuses_another_key_once_data_exists(station_a: Station, tmp_path: Path) -> None:
    add_interviews(station_a, 2)
    key_file = export_key_file(station_a.data_dir, tmp_path / "office.key")
    content = json.loads(key_file.read_text())
    other_key = bytes(32)
    from interview_app.sync.keyfile import key_fingerprint

    content.update(key=other_key.hex(), fingerprint=key_fingerprint(other_key))
    key_file.write_text(json.dumps(content))
    before = content_digest(station_a.data_dir)
    with pytest.raises(KeyFileError, match="another office key"):
        setup_workstation(station_a.data_dir, station_name="Loket 1", key_file=key_file)
    office_key_path(station_a.data_dir).unlink()
    with pytest.raises(KeyFileError):
        setup_workstation(station_a.data_dir, station_name="Loket 1", key_file=key_file)
    assert content_digest(station_a.data_dir) == before


def test_station_codes() -> None:
    assert station_code_from_name("Loket 2") == "LOKET2"
    assert station_code_from_name("Ruang Supervisor Utama") == "RUANGSUPERVI"
