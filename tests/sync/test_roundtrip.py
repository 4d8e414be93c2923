"""Station A exports, station B imports: everything arrives equal; again changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interview_app.storage.errors import NotFound
from interview_app.sync.errors import PackageFromThisWorkstation
from interview_app.sync.export import export_package
from interview_app.sync.history import anchors, history
from interview_app.sync.importer import apply_package, import_packages, inspect_package
from interview_app.sync.received import conflicts, mark_resolved
from tests.sync.factory import Station, add_interviews, content_digest, raw_connection

EXPORTED = "status IN ('completed', 'voided')"


def rows(station: Station, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return sorted(station.database.conn.execute(sql, params).fetchall(), key=repr)


def exported_uuids(station: Station) -> list[str]:
    return [r[0] for r in rows(station, f"SELECT uuid FROM interviews WHERE {EXPORTED}")]


def assert_same_interviews(a: Station, b: Station, uuids: list[str]) -> None:
    for uuid in uuids:
        assert a.repository.get(uuid).to_dict() == b.repository.get(uuid).to_dict()
        for table, column in [
            ("interviews", "uuid"),
            ("answers", "interview_uuid"),
            ("flags", "interview_uuid"),
            ("interview_revisions", "interview_uuid"),
        ]:
            sql = f"SELECT * FROM {table} WHERE {column} = ?"
            assert rows(a, sql, (uuid,)) == rows(b, sql, (uuid,)), (table, uuid)
        for revision in a.repository.revisions(uuid):
            assert (
                a.repository.get_revision(uuid, revision.revision).to_dict()
                == b.repository.get_revision(uuid, revision.revision).to_dict()
            )


def test_round_trip_of_200_interviews(station_a: Station, station_b: Station, stick: Path) -> None:
    add_interviews(station_a, 200)
    add_interviews(station_b, 15, seed=9)  # B has its own interviews too
    result = export_package(station_a.database, station_a.data_dir, stick, clock=station_a.clock)
    assert result.path is not None and result.path.suffix == ".awsync"
    assert result.path.name.startswith("PLU-Loket-1-000001-")
    uuids = exported_uuids(station_a)
    assert result.interviews == len(uuids) > 180

    plan = inspect_package(station_b.database, station_b.data_dir, result.path)
    assert (plan.new, plan.updated, plan.already_here, plan.conflicts) == (len(uuids), 0, 0, 0)
    assert "baru" in plan.summary().id and "new" in plan.summary().en

    imported = apply_package(station_b.database, station_b.data_dir, result.path, plan=plan)
    assert imported.new == len(uuids) and imported.conflicts == 0
    assert imported.snapshot is not None and imported.snapshot.exists()
    assert_same_interviews(station_a, station_b, uuids)
    # drafts stay on the counter that is taking them
    a_drafts = {r[0] for r in rows(station_a, "SELECT uuid FROM interviews WHERE status = 'draft'")}
    assert a_drafts and not a_drafts & {
        r[0] for r in rows(station_b, "SELECT uuid FROM interviews")
    }
    # imported interviews are found by the counter's look-ups
    some = station_a.repository.get(uuids[0])
    assert some.nik and any(s.uuid == some.uuid for s in station_b.repository.search(some.nik))

    before = content_digest(station_b.data_dir)
    again = inspect_package(station_b.database, station_b.data_dir, result.path)
    assert again.already_imported and "sudah diimpor" in again.summary().id
    assert apply_package(station_b.database, station_b.data_dir, result.path).already_imported
    assert content_digest(station_b.data_dir) == before

    report = station_b.check()
    assert report.ok, report.summary("en")
    assert station_b.audit.verify().ok
    entry = station_b.audit.entries(object_type="sync_package")[0]
    assert entry.action == "import" and entry.details["new"] == len(uuids)
    assert anchors(station_b.database, station_a.workstation_id)
    (head,) = anchors(station_b.database, station_a.workstation_id)
    assert station_a.audit.verify(expected_head=head).ok
    kinds = [(h.kind, h.package_id) for h in history(station_b.database)]
    assert kinds == [("import", result.package_id)]


def test_incremental_export_sends_only_what_changed(
    station_a: Station, station_b: Station, stick: Path
) -> None:
    uuids = add_interviews(station_a, 30)
    first = export_package(station_a.database, station_a.data_dir, stick, clock=station_a.clock)
    nothing = export_package(station_a.database, station_a.data_dir, stick, clock=station_a.clock)
    assert nothing.path is None and "Tidak ada" in nothing.message().id
    completed = [u for u in uuids if station_a.repository.get(u).status == "completed"]
    station_a.repository.correct(
        completed[0],
        reason="koreksi",
        officer_id=1,
        answers={"purpose": "kerja"},
        flags=[],
        score=2.0,
        hard_flag=False,
        suggested_outcome="TERBIT",
        chosen_outcome="TERBIT",
        override_reason=None,
    )
    add_interviews(station_a, 2, seed=4)
    second = export_package(station_a.database, station_a.data_dir, stick, clock=station_a.clock)
    assert second.sequence == 2 and second.interviews == 3
    other_stick = stick.parent / "other-stick"
    other_stick.mkdir()
    elsewhere = export_package(station_a.database, station_a.data_dir, other_stick)
    assert elsewhere.interviews == len(exported_uuids(station_a))
    full = export_package(station_a.database, station_a.data_dir, stick, full=True)
    assert full.interviews == len(exported_uuids(station_a)) and full.sequence == 4

    assert first.path and second.path
    outcomes = import_packages(station_b.database, station_b.data_dir, [second.path, first.path])
    assert [o.error for o in outcomes] == [None, None]
    second_result, first_result = (o.result for o in outcomes)
    assert second_result and second_result.new == 3
    # the older package brings revision 1 of the corrected interview: the newer one stays
    assert first_result and first_result.already_here == 1
    assert_same_interviews(station_a, station_b, exported_uuids(station_a))
    assert full.path
    overlap = apply_package(station_b.database, station_b.data_dir, full.path)
    assert (overlap.new, overlap.updated, overlap.conflicts) == (0, 0, 0)


def test_a_newer_revision_replaces_the_older_one(
    station_a: Station, station_b: Station, stick: Path
) -> None:
    uuids = add_interviews(station_a, 10)
    first = export_package(station_a.database, station_a.data_dir, stick)
    assert first.path
    apply_package(station_b.database, station_b.data_dir, first.path)
    target = next(u for u in uuids if station_a.repository.get(u).status == "completed")
    station_a.repository.correct(
        target,
        reason="nama salah",
        officer_id=1,
        answers={"purpose": "umrah_haji"},
        flags=[],
        score=0.5,
        hard_flag=False,
        suggested_outcome="TERBIT",
        chosen_outcome="TERBIT",
        override_reason=None,
        identity={"full_name": "Nama Baru"},
    )
    second = export_package(station_a.database, station_a.data_dir, stick)
    assert second.path
    plan = inspect_package(station_b.database, station_b.data_dir, second.path)
    assert (plan.new, plan.updated) == (0, 1)
    apply_package(station_b.database, station_b.data_dir, second.path)
    assert station_b.repository.get(target).full_name == "Nama Baru"
    assert station_b.repository.get(target).answers == {"purpose": "umrah_haji"}
    assert_same_interviews(station_a, station_b, [target])


def test_same_revision_with_other_content_is_set_aside(
    station_a: Station, station_b: Station, stick: Path
) -> None:
    uuids = add_interviews(station_a, 10)
    package = export_package(station_a.database, station_a.data_dir, stick)
    assert package.path
    apply_package(station_b.database, station_b.data_dir, package.path)
    target = next(u for u in uuids if station_a.repository.get(u).status == "completed")
    # something that must never happen: A's row changed without a new revision
    conn = station_a.database.conn
    conn.execute(
        "UPDATE interviews SET notes = 'diubah diam-diam', content_hash = ? WHERE uuid = ?",
        ("f" * 64, target),
    )
    kept = station_b.repository.get(target).to_dict()
    again = export_package(station_a.database, station_a.data_dir, stick)
    assert again.path and again.interviews == 1
    plan = inspect_package(station_b.database, station_b.data_dir, again.path)
    assert plan.conflicts == 1
    result = apply_package(station_b.database, station_b.data_dir, again.path)
    assert result.conflicts == 1
    assert station_b.repository.get(target).to_dict() == kept  # never overwritten
    (conflict,) = conflicts(station_b.database)
    assert (conflict.kind, conflict.interview_uuid) == ("content_differs", target)
    assert json.loads(conflict.incoming_version)["interview"]["notes"] == "diubah diam-diam"
    assert conflict.local_version is not None
    assert json.loads(conflict.local_version)["interview"]["content_hash"] == kept["content_hash"]
    mark_resolved(station_b.database, station_b.audit, conflict.id, "officer:1")
    assert conflicts(station_b.database) == []
    assert conflicts(station_b.database, include_resolved=True)[0].resolved_by == "officer:1"
    with pytest.raises(NotFound):
        mark_resolved(station_b.database, station_b.audit, conflict.id, "officer:1")
    assert station_b.audit.verify().ok


def test_a_reference_number_taken_by_another_interview_is_a_conflict(
    station_a: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    # two workstations without distinct workstation codes hand out the same numbers
    for station in (station_a, station_b):
        station.database.conn.execute("DELETE FROM settings WHERE key = 'workstation_code'")
    add_interviews(station_a, 3)
    add_interviews(station_b, 3, seed=2)
    package = export_package(station_a.database, station_a.data_dir, stick)
    assert package.path
    before = {r[0]: r[1] for r in rows(station_b, "SELECT uuid, ref_no FROM interviews")}
    result = apply_package(station_b.database, station_b.data_dir, package.path)
    assert result.conflicts == 3 and result.new == 0
    assert {r[0]: r[1] for r in rows(station_b, "SELECT uuid, ref_no FROM interviews")} == before
    assert rows(station_b, "SELECT DISTINCT kind FROM sync_conflicts") == [("ref_no_taken",)]


def test_imported_numbers_of_our_own_form_move_our_counter(
    station_a: Station, station_b: Station, stick: Path
) -> None:
    """Stations set up without distinct codes: B must not later hand out A's numbers."""
    for station in (station_a, station_b):
        station.database.conn.execute("DELETE FROM settings WHERE key = 'workstation_code'")
    add_interviews(station_a, 12)
    package = export_package(station_a.database, station_a.data_dir, stick)
    assert package.path
    seen: list[tuple[int, int]] = []
    result = apply_package(
        station_b.database,
        station_b.data_dir,
        package.path,
        progress=lambda done, size: seen.append((done, size)),
    )
    assert result.new == package.interviews
    assert seen and seen[-1][0] == seen[-1][1] == package.path.stat().st_size
    imported = {r[0] for r in rows(station_b, "SELECT ref_no FROM interviews")}
    fresh = add_interviews(station_b, 3, seed=5)
    assert not imported & {station_b.repository.get(u).ref_no for u in fresh}


def test_own_package_is_refused_politely(station_a: Station, stick: Path) -> None:
    add_interviews(station_a, 3)
    package = export_package(station_a.database, station_a.data_dir, stick)
    assert package.path
    before = content_digest(station_a.data_dir)
    with pytest.raises(PackageFromThisWorkstation, match="komputer ini sendiri"):
        inspect_package(station_a.database, station_a.data_dir, package.path)
    assert content_digest(station_a.data_dir) == before


def test_relay_through_a_supervisor_station(
    station_a: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    from tests.sync.factory import make_station

    supervisor = make_station(tmp_path / "spv", "Supervisor", key=station_a.key)
    try:
        add_interviews(station_a, 8)
        from_a = export_package(station_a.database, station_a.data_dir, stick)
        assert from_a.path
        apply_package(supervisor.database, supervisor.data_dir, from_a.path)
        relay_dir = tmp_path / "relay"
        relay_dir.mkdir()
        relayed = export_package(supervisor.database, supervisor.data_dir, relay_dir)
        assert relayed.path and relayed.interviews == from_a.interviews
        assert relayed.counts["audit"] == from_a.counts["audit"]
        apply_package(station_b.database, station_b.data_dir, relayed.path)
        assert_same_interviews(station_a, station_b, exported_uuids(station_a))
        # A receives its own interviews back through the relay: all already here
        back = apply_package(station_a.database, station_a.data_dir, relayed.path)
        assert back.already_here == from_a.interviews and back.new == 0
    finally:
        supervisor.database.close()


def test_database_file_is_not_left_open(station_a: Station, stick: Path) -> None:
    add_interviews(station_a, 2)
    export_package(station_a.database, station_a.data_dir, stick)
    conn = raw_connection(station_a.data_dir)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
