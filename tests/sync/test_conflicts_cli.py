"""`interview-app sync conflicts list|show|resolve`: a supervisor settles a real conflict from
the command line; every refusal says why in both languages, exits 1 and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.sync.received import conflicts
from tests.sync.conflict_setup import (
    PASSWORD,
    REASON,
    account,
    export,
    interview_state,
    make_conflict,
    move,
)
from tests.sync.factory import Station, files_of


def held(station: Station) -> list[object]:
    """What the conflict commands may change (sign-ins write the audit log and accounts)."""
    conn = station.database.conn
    tables = ("interviews", "answers", "flags", "sync_conflicts", "sync_resolutions")
    return [sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables]


def run(station: Station, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["sync", "conflicts", *args, "--data-dir", str(station.data_dir)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def signed(tmp_path: Path, station_b: Station) -> dict[str, list[str]]:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    account(station_b, "kasi", "supervisor")
    account(station_b, "petugas", "officer")
    return {name: ["--as", name, "--password-file", str(secret)] for name in ("kasi", "petugas")}


def test_list_show_resolve_and_the_other_station_converges(
    station_a: Station,
    station_b: Station,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    signed: dict[str, list[str]],
) -> None:
    target, a_hash, _ = make_conflict(station_a, station_b, tmp_path)
    (waiting,) = conflicts(station_b.database)
    code, out, _ = run(station_b, capsys, "list", *signed["kasi"])
    assert code == 0 and f"#{waiting.id}" in out and "menunggu / waiting" in out
    assert "isi berbeda pada revisi yang sama / other content in the same revision" in out

    code, out, _ = run(station_b, capsys, "show", str(waiting.id), *signed["kasi"])
    assert code == 0
    assert "2 isian berbeda (*) / fields differ (*)" in out
    marked = [line for line in out.splitlines() if line.startswith("* ")]
    assert any(
        line.startswith("* Apa tujuan perjalanan Anda? / What is the purpose of your trip?")
        for line in marked
    )
    assert any("diubah setelah pemulihan cadangan" in line for line in marked)

    code, out, _ = run(
        station_b,
        capsys,
        "resolve",
        str(waiting.id),
        "--keep",
        "incoming",
        "--reason",
        REASON,
        *signed["kasi"],
    )
    assert code == 0
    assert "versi masuk dipertahankan" in out and "the incoming version kept" in out
    assert interview_state(station_b, target)[0][1] == a_hash
    code, out, _ = run(station_b, capsys, "list", *signed["kasi"])
    assert code == 0 and "Tidak ada konflik yang menunggu. / No conflicts waiting." in out
    code, out, _ = run(station_b, capsys, "list", "--all", *signed["kasi"])
    assert "selesai / resolved" in out
    code, out, _ = run(station_b, capsys, "show", str(waiting.id), *signed["kasi"])
    assert f"Alasan / Reason: {REASON}" in out and "masuk / incoming" in out

    move(export(station_b, tmp_path / "s9"), station_a)
    assert interview_state(station_a, target) == interview_state(station_b, target)
    assert conflicts(station_a.database) == []


def test_refusals_exit_1_in_both_languages_and_change_nothing(
    station_a: Station,
    station_b: Station,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    signed: dict[str, list[str]],
) -> None:
    make_conflict(station_a, station_b, tmp_path)
    (waiting,) = conflicts(station_b.database)
    ident = str(waiting.id)
    before = held(station_b)
    cases = [
        (
            ["resolve", ident, "--keep", "local", "--reason", REASON, *signed["petugas"]],
            "Hanya supervisor",
            "Only a supervisor",
        ),
        (["show", ident, *signed["petugas"]], "Hanya supervisor", "Only a supervisor"),
        (
            ["resolve", "999", "--keep", "local", "--reason", REASON, *signed["kasi"]],
            "Konflik #999 tidak ada",
            "Conflict #999 does not exist",
        ),
        (["show", "999", *signed["kasi"]], "Konflik #999 tidak ada", "does not exist"),
        (
            ["resolve", ident, "--keep", "local", "--reason", "  ", *signed["kasi"]],
            "Tulis alasan",
            "(required)",
        ),
    ]
    for args, indonesian, english in cases:
        code, out, err = run(station_b, capsys, *args)
        assert code == 1, args
        assert indonesian in err and english in err, args
    assert held(station_b) == before
    code, _, _ = run(
        station_b,
        capsys,
        "resolve",
        ident,
        "--keep",
        "local",
        "--reason",
        REASON,
        *signed["kasi"],
    )
    assert code == 0
    after = held(station_b)
    code, _, err = run(
        station_b,
        capsys,
        "resolve",
        ident,
        "--keep",
        "incoming",
        "--reason",
        REASON,
        *signed["kasi"],
    )
    assert code == 1 and "sudah diselesaikan" in err and "resolved already" in err
    assert held(station_b) == after
    assert before != after


@pytest.mark.parametrize(
    "args",
    [
        ["resolve", "1", "--keep", "both", "--reason", "x"],
        ["resolve", "1", "--reason", "x"],
        ["resolve", "1", "--keep", "local"],
        ["show", "satu"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(
    station_b: Station, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(station_b, capsys, *args)
    assert exited.value.code == 2


def test_without_signing_in_nothing_is_shown_or_changed(
    station_a: Station,
    station_b: Station,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The encrypted folder is not opened for anyone unnamed: a clear refusal in both
    languages, no conflict listed or settled, no file of the folder touched."""
    for name in ("INTERVIEW_APP_USER", "INTERVIEW_APP_PASSWORD", "INTERVIEW_APP_RECOVERY_CODE"):
        monkeypatch.delenv(name, raising=False)
    make_conflict(station_a, station_b, tmp_path)
    (waiting,) = conflicts(station_b.database)
    before = files_of(station_b.data_dir)
    for args in (
        ["list", "--all"],
        ["show", str(waiting.id)],
        ["resolve", str(waiting.id), "--keep", "local", "--reason", REASON],
    ):
        code, out, err = run(station_b, capsys, *args)
        assert code == 1, args
        assert "Perintah ini membuka data pribadi" in err, args
        assert "This command opens personal data" in err, args
        assert f"#{waiting.id}" not in out
    assert files_of(station_b.data_dir) == before
    assert conflicts(station_b.database) == [waiting]
