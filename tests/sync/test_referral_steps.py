"""Referral follow-up steps travel in sync packages (format 3): recorded at one counter, seen
at the others; once each; a step recorded at two counters keeps the first; bad lines refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.storage.referrals import CAME_BACK, RECEIPT, Receipt, ReferralRepository
from interview_app.sync.errors import PackageTampered
from interview_app.sync.export import ExportResult, export_package
from interview_app.sync.importer import ImportResult, apply_package
from tests.sync.factory import Station, add_interviews, content_digest
from tests.sync.packages import body_lines, reseal

# The factory's interviews all end in TERBIT; here that code counts as a referral.
CODES = {"TERBIT"}


def referrals(station: Station) -> ReferralRepository:
    return ReferralRepository(station.database, station.audit, CODES, station.clock)


def export(station: Station, folder: Path) -> ExportResult:
    folder.mkdir(exist_ok=True)
    return export_package(station.database, station.data_dir, folder, clock=station.clock)


def move(result: ExportResult, to: Station) -> ImportResult:
    assert result.path is not None
    return apply_package(to.database, to.data_dir, result.path, clock=to.clock)


def steps(station: Station) -> list[tuple[object, ...]]:
    return sorted(
        station.database.conn.execute(
            "SELECT uuid, interview_uuid, step, on_date, counselling, siskop2mi_checked,"
            " complaint_no, workstation_id, by_officer, at FROM referral_steps"
        ).fetchall(),
        key=repr,
    )


def test_steps_reach_the_other_counter_once(
    station_a: Station, station_b: Station, tmp_path: Path
) -> None:
    add_interviews(station_a, 6, seed=3)
    cases = referrals(station_a).all()
    assert len(cases) >= 3
    today = station_a.clock().date()
    first, second, third = cases[:3]
    referrals(station_a).record(
        first.interview_uuid,
        RECEIPT,
        today,
        actor="petugas1",
        receipt=Receipt(True, True, "ADU-1/2026"),
    )
    referrals(station_a).record(second.interview_uuid, RECEIPT, today, actor="petugas1")
    result = move(export(station_a, tmp_path / "ab"), station_b)
    assert result.referrals_new == 2 and "Tindak lanjut rujukan: 2 baru" in result.summary().id
    assert steps(station_b) == steps(station_a)
    assert referrals(station_b).get(first.interview_uuid).receipt.complaint_no == "ADU-1/2026"

    # B records the applicant's return; it comes back to A; A's own steps do not double.
    referrals(station_b).record(first.interview_uuid, CAME_BACK, today, actor="petugas2")
    back = move(export(station_b, tmp_path / "ba"), station_a)
    assert back.referrals_new == 1
    assert steps(station_a) == steps(station_b)
    assert referrals(station_a).get(first.interview_uuid).status == CAME_BACK
    # B's step is relayed to A's stick once (it never went there), then nothing is new.
    relay = export(station_a, tmp_path / "ab")
    assert relay.counts is not None and relay.counts["referrals"] == 1
    assert export(station_a, tmp_path / "ab").path is None
    before = content_digest(station_b.data_dir)

    # The same step at two counters before they met: each keeps its first, no error.
    referrals(station_a).record(third.interview_uuid, RECEIPT, today, actor="a")
    referrals(station_b).record(third.interview_uuid, RECEIPT, today, actor="b")
    crossed = move(export(station_a, tmp_path / "ab2"), station_b)
    assert crossed.referrals_new == 0
    assert content_digest(station_b.data_dir) != before  # the import itself was recorded
    kept = [s for s in steps(station_b) if s[1] == third.interview_uuid]
    assert len(kept) == 1  # B's own, recorded first there


def test_a_damaged_step_line_is_refused_and_nothing_changes(
    station_a: Station, station_b: Station, tmp_path: Path
) -> None:
    add_interviews(station_a, 4, seed=5)
    case = referrals(station_a).all()[0]
    referrals(station_a).record(case.interview_uuid, RECEIPT, station_a.clock().date(), actor="x")
    package = export(station_a, tmp_path / "ab").path
    assert package is not None
    lines = body_lines(package, station_a.key)
    assert any(line.startswith(b'["F"') for line in lines)
    before = content_digest(station_b.data_dir)
    for old, new in ((b'"receipt"', b'"bogus"'), (b'"on_date":"', b'"on_date":"2026')):
        bad_lines = [
            line.replace(old, new, 1) if line.startswith(b'["F"') else line for line in lines
        ]
        bad = reseal(package, station_a.key, bad_lines, tmp_path / "bad.awsync")
        with pytest.raises(PackageTampered):
            apply_package(station_b.database, station_b.data_dir, bad, clock=station_b.clock)
        assert content_digest(station_b.data_dir) == before
