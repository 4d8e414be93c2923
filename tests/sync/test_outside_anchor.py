"""The outside anchor (`db check --anchors-from`): the chain head a package left at another
workstation shows a later cut in this workstation's audit log, which the log alone cannot
show. The stations are encrypted: the other station's database is read with the page key of
the signed-in session (one office, one key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.errors import KnownError
from interview_app.storage.errors import DatabaseKeyError
from interview_app.storage.paths import database_path
from interview_app.sync.outside_anchor import newest_anchor, workstation_of
from tests.sync.factory import Station, add_interviews, make_station, raw_connection


def _export_to_b(a: Station, b: Station, stick: Path, folder: Path) -> None:
    export = ["export", "--data-dir", str(a.data_dir), "--out", str(stick), *a.sign_in(folder)]
    assert main(export) == 0
    (package,) = sorted(stick.iterdir())
    assert main(["import", "--data-dir", str(b.data_dir), str(package), *b.sign_in(folder)]) == 0


def _anchor_of(a: Station, other: Path) -> tuple[int, str] | None:
    """What `db check --anchors-from OTHER` looks up for A, with A's session's page key."""
    key = a.database.key
    workstation = workstation_of(database_path(a.data_dir), key=key)
    assert workstation == a.workstation_id
    return newest_anchor(other, workstation, key=key)


def test_a_cut_audit_tail_is_found_with_the_other_stations_anchor(
    station_a: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    add_interviews(station_a, 6)
    _export_to_b(station_a, station_b, stick, tmp_path)
    anchor = _anchor_of(station_a, station_b.data_dir)
    assert anchor is not None
    assert station_a.check(expected_head=anchor).ok
    head = station_a.audit.head()
    assert head is not None
    # Someone with the file, its key and a SQLite tool removes the newest entries (and the
    # trigger).
    station_a.database.close()
    raw = raw_connection(station_a.data_dir)
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE seq > ?", (head[0] - 3,))
    raw.commit()
    raw.close()
    # What is left is a consistent chain, but the head file beside the database remembers how
    # far it reached (issue 15, defect 5: this used to pass without another workstation).
    alone = station_a.check()
    assert not alone.ok
    assert "terpotong" in alone.summary("id") and "cut short" in alone.summary("en")
    report = station_a.check(expected_head=anchor)
    assert not report.ok
    assert "terpotong" in report.summary("id") and "cut short" in report.summary("en")
    assert "HASIL: ADA MASALAH" in report.summary("id")


def test_no_anchor_yet_is_said_and_the_check_goes_on(
    station_a: Station, station_b: Station
) -> None:
    add_interviews(station_a, 2)
    assert _anchor_of(station_a, station_b.data_dir) is None
    assert station_a.check().ok


def test_anchors_from_a_folder_without_a_database_is_a_clear_error(
    station_a: Station, tmp_path: Path
) -> None:
    with pytest.raises(KnownError) as refused:
        _anchor_of(station_a, tmp_path / "kosong")
    assert "Tidak ada basis data" in refused.value.message.id
    assert "There is no database" in refused.value.message.en


def test_an_encrypted_folder_gives_no_anchor_without_the_key_or_to_another_office(
    station_a: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    add_interviews(station_a, 2)
    _export_to_b(station_a, station_b, stick, tmp_path)
    with pytest.raises(DatabaseKeyError) as without:
        newest_anchor(station_b.data_dir, station_a.workstation_id)
    assert "terenkripsi" in without.value.message.id and "encrypted" in without.value.message.en
    other = make_station(tmp_path / "mks", "Loket Makassar", office="MKS")
    try:
        with pytest.raises(DatabaseKeyError) as wrong:
            newest_anchor(station_b.data_dir, station_a.workstation_id, key=other.database.key)
        assert "kantor lain" in wrong.value.message.id
    finally:
        other.database.close()


def test_export_and_import_are_refused_without_signing_in(
    station_a: Station, station_b: Station, stick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """(More in test_sign_in.py.) The anchors stay where they were."""
    add_interviews(station_a, 2)
    assert main(["export", "--data-dir", str(station_a.data_dir), "--out", str(stick)]) == 1
    assert "--as" in capsys.readouterr().err
    assert list(stick.iterdir()) == []
    assert _anchor_of(station_a, station_b.data_dir) is None
