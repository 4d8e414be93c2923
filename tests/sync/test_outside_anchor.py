"""`db check --anchors-from`: the chain head a package left at another workstation shows a
later cut in this workstation's audit log, which the log alone cannot show."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.paths import database_path
from tests.sync.factory import Station, add_interviews


def _export_to_b(a: Station, b: Station, stick: Path) -> None:
    assert main(["export", "--data-dir", str(a.data_dir), "--out", str(stick)]) == 0
    (package,) = sorted(stick.iterdir())
    assert main(["import", "--data-dir", str(b.data_dir), str(package)]) == 0


def test_a_cut_audit_tail_is_found_with_the_other_stations_anchor(
    station_a: Station, station_b: Station, stick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_interviews(station_a, 6)
    _export_to_b(station_a, station_b, stick)
    capsys.readouterr()
    check = ["db", "check", "--data-dir", str(station_a.data_dir)]
    assert main([*check, "--anchors-from", str(station_b.data_dir)]) == 0
    assert "Jangkar / anchor: entri #" in capsys.readouterr().out
    head = station_a.audit.head()
    assert head is not None
    # Someone with the file and a SQLite tool removes the newest entries (and the trigger).
    station_a.database.close()
    raw = sqlite3.connect(database_path(station_a.data_dir))
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE seq > ?", (head[0] - 3,))
    raw.commit()
    raw.close()
    # What is left is a consistent chain, but the head file beside the database remembers how
    # far it reached (issue 15, defect 5: this used to pass without another workstation).
    assert main(check) == 1
    out = capsys.readouterr().out
    assert "terpotong" in out and "cut short" in out
    assert main([*check, "--anchors-from", str(station_b.data_dir)]) == 1
    out = capsys.readouterr().out
    assert "terpotong" in out and "cut short" in out and "HASIL: ADA MASALAH" in out


def test_no_anchor_yet_is_said_and_the_check_goes_on(
    station_a: Station, station_b: Station, capsys: pytest.CaptureFixture[str]
) -> None:
    add_interviews(station_a, 2)
    code = main(
        [
            "db",
            "check",
            "--data-dir",
            str(station_a.data_dir),
            "--anchors-from",
            str(station_b.data_dir),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "Tidak ada jangkar" in out and "no anchor" in out


def test_anchors_from_a_folder_without_a_database_is_a_clear_error(
    station_a: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "db",
            "check",
            "--data-dir",
            str(station_a.data_dir),
            "--anchors-from",
            str(tmp_path / "kosong"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "Tidak ada basis data" in captured.err + captured.out
