"""Sync conflicts settled by a supervisor: two stations hold two versions of one interview
through real packages; keeping one (with a reason) travels in the next package, the other
station converges, and no replay or older package undoes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from interview_app.errors import KnownError, PermissionDenied
from interview_app.storage.errors import InvalidState, NotFound
from interview_app.supervision.conflicts import ConflictDesk, waiting_conflicts
from interview_app.supervision.session import SupervisorSession
from interview_app.sync.container import read_header
from interview_app.sync.errors import ManifestMismatch
from interview_app.sync.importer import apply_package, inspect_package
from interview_app.sync.received import conflicts
from tests.sync.conflict_setup import (
    REASON,
    account,
    desk_of,
    export,
    interview_state,
    make_conflict,
    move,
    rewrite,
)
from tests.sync.factory import Station, add_interviews, content_digest, make_station
from tests.sync.packages import body_lines, reseal, write_raw
from tests.sync.test_reviews import COMMENT, _returned_line, reviewed  # noqa: F401 (fixture)


@pytest.fixture
def diverged(station_a: Station, station_b: Station, tmp_path: Path) -> tuple[str, str, str]:
    return make_conflict(station_a, station_b, tmp_path)


def test_both_versions_side_by_side_by_question_label(
    station_b: Station, diverged: tuple[str, str, str]
) -> None:
    target, _, _ = diverged
    supervisor = account(station_b, "kasi", "supervisor")
    desk = desk_of(station_b, supervisor)
    (waiting,) = desk.list()
    assert waiting_conflicts(station_b.database) == 1
    detail = desk.show(waiting.id)
    assert detail.conflict.interview_uuid == target and detail.resolution is None
    marked = {f.key: f for f in detail.differing}
    assert set(marked) == {"notes", "answer:purpose"}
    purpose = marked["answer:purpose"]
    assert purpose.label.id == "Apa tujuan perjalanan Anda?"  # the interview's own script
    assert purpose.label.en == "What is the purpose of your trip?"
    assert purpose.local.id != purpose.incoming.id
    assert marked["notes"].incoming.id == "diubah setelah pemulihan cadangan"
    same = [f for f in detail.fields if not f.differs]
    assert any(f.key == "nik" for f in same) and any(f.key.startswith("answer:") for f in same)
    assert detail.can_keep_incoming


@pytest.mark.parametrize("keep", ["incoming", "local"])
def test_a_settlement_travels_and_both_stations_converge(
    station_a: Station,
    station_b: Station,
    diverged: tuple[str, str, str],
    tmp_path: Path,
    keep: str,
) -> None:
    target, a_hash, b_hash = diverged
    supervisor = account(station_b, "kasi", "supervisor")
    desk = desk_of(station_b, supervisor)
    (waiting,) = desk.list()
    settled = desk.resolve(waiting.id, keep, f"  {REASON}  ")
    kept = a_hash if keep == "incoming" else b_hash
    assert (settled.kept_hash, settled.reason, settled.keep) == (kept, REASON, keep)
    assert interview_state(station_b, target)[0][1] == kept
    assert desk.list() == [] and waiting_conflicts(station_b.database) == 0
    (closed,) = desk.list(include_resolved=True)
    assert closed.resolved_by == f"officer:{supervisor}"
    assert desk.show(closed.id).resolution == settled
    (entry,) = station_b.audit.entries(object_type="sync_conflict", limit=5)
    assert entry.action == "sync.conflict_resolved" and entry.object_id == str(closed.id)
    logged = json.dumps(entry.details)
    assert REASON not in logged and "wisata" not in logged and "kerja" not in logged
    assert station_b.audit.verify().ok

    package = export(station_b, tmp_path / "s4")
    assert package.resolutions == 1 and package.path is not None
    with open(package.path, "rb") as handle:
        assert read_header(handle).version == 4  # settlements: format 4
    with open(export(station_a, tmp_path / "s4a", full=True).path, "rb") as handle:  # type: ignore[arg-type]
        assert read_header(handle).version == 3  # none: readable by a format-3 workstation
    plan = inspect_package(station_a.database, station_a.data_dir, package.path)  # type: ignore[arg-type]
    assert plan.resolutions == 1 and "Penyelesaian konflik" in plan.summary().id
    result = move(package, station_a)
    assert result.resolutions == 1 and "resolved by a supervisor" in result.summary().en
    assert interview_state(station_a, target) == interview_state(station_b, target)
    assert conflicts(station_a.database) == []  # A's own copy of the conflict is settled too
    (at_a,) = conflicts(station_a.database, include_resolved=True)
    assert at_a.resolved_by and at_a.resolved_by.endswith(f"officer:{supervisor}")

    # the same package again, and the settlement relayed back: nothing changes
    before = content_digest(station_a.data_dir)
    assert move(package, station_a).already_imported
    assert content_digest(station_a.data_dir) == before
    b_before = interview_state(station_b, target)
    relay = move(export(station_a, tmp_path / "s5", full=True), station_b)
    assert relay.conflicts == 0 and relay.resolutions == 0
    assert interview_state(station_b, target) == b_before
    assert conflicts(station_b.database) == []
    assert interview_state(station_a, target) == interview_state(station_b, target)


def test_an_older_package_does_not_undo_a_settlement(
    station_a: Station, station_b: Station, tmp_path: Path
) -> None:
    """A third station that took the first version earlier sends it again after B kept A's
    newer version: no new conflict, nothing changes."""
    station_c = make_station(tmp_path / "c", "Loket 3", key=station_a.key)
    try:
        uuids = add_interviews(station_a, 6)
        target = next(
            u
            for u in uuids
            if station_a.repository.get(u).revision == 1
            and station_a.repository.get(u).status == "completed"
        )
        first = export(station_a, tmp_path / "s1")
        move(first, station_b)
        move(first, station_c)
        a_hash = rewrite(station_a, target, "kerja", "versi kedua")
        move(export(station_a, tmp_path / "s2"), station_b)
        supervisor = account(station_b, "kasi", "supervisor")
        desk = desk_of(station_b, supervisor)
        (waiting,) = desk.list()
        desk.resolve(waiting.id, "incoming", REASON)
        kept = interview_state(station_b, target)
        assert kept[0][1] == a_hash
        old = move(export(station_c, tmp_path / "s3", full=True), station_b)
        assert old.conflicts == 0 and old.new == 0
        assert interview_state(station_b, target) == kept
        assert desk.list() == []
        # and C, once it has the settlement, keeps A's version too
        move(export(station_b, tmp_path / "s4"), station_c)
        assert interview_state(station_c, target) == kept
        assert conflicts(station_c.database) == []  # set aside on arrival, settled at once
    finally:
        station_c.database.close()


def test_refusals_change_nothing(
    station_a: Station, station_b: Station, diverged: tuple[str, str, str]
) -> None:
    supervisor = account(station_b, "kasi", "supervisor")
    officer = account(station_b, "petugas", "officer")
    desk = desk_of(station_b, supervisor)
    (waiting,) = desk.list()
    before = content_digest(station_b.data_dir)
    with pytest.raises(PermissionDenied, match="hanya supervisor"):
        desk_of(station_b, officer)
    demoted = ConflictDesk(
        SupervisorSession(station_b.database, supervisor, station_b.audit, station_b.clock)
    )
    demoted._session.officer_id = officer  # a screen that still shows the tool
    with pytest.raises(PermissionDenied):
        demoted.resolve(waiting.id, "local", REASON)
    with pytest.raises(NotFound, match="#999 tidak ada"):
        desk.resolve(999, "local", REASON)
    with pytest.raises(NotFound):
        desk.show(999)
    with pytest.raises(KnownError, match="alasan") as no_reason:
        desk.resolve(waiting.id, "local", "   ")
    assert "required" in no_reason.value.message.en
    with pytest.raises(KnownError, match="'local'"):
        desk.resolve(waiting.id, "both", REASON)
    assert content_digest(station_b.data_dir) == before
    desk.resolve(waiting.id, "local", REASON)
    after = content_digest(station_b.data_dir)
    with pytest.raises(InvalidState, match="sudah diselesaikan"):
        desk.resolve(waiting.id, "incoming", REASON)
    assert content_digest(station_b.data_dir) == after


def test_a_taken_reference_number_keeps_the_local_interview(
    station_a: Station, station_b: Station, tmp_path: Path
) -> None:
    for station in (station_a, station_b):
        station.database.conn.execute("DELETE FROM settings WHERE key = 'workstation_code'")
    add_interviews(station_a, 2)
    add_interviews(station_b, 2, seed=2)
    move(export(station_a, tmp_path / "s1"), station_b)
    supervisor = account(station_b, "kasi", "supervisor")
    desk = desk_of(station_b, supervisor)
    clash = desk.list()[0]
    assert clash.kind == "ref_no_taken" and not desk.show(clash.id).can_keep_incoming
    before = content_digest(station_b.data_dir)
    with pytest.raises(InvalidState, match="wawancara lain"):
        desk.resolve(clash.id, "incoming", REASON)
    assert content_digest(station_b.data_dir) == before
    desk.resolve(clash.id, "local", REASON)
    assert clash.id not in {c.id for c in desk.list()}
    assert content_digest(station_b.data_dir) != before


def test_a_review_mark_in_two_versions_converges_on_the_one_kept(
    station_a: Station,
    station_b: Station,
    reviewed: dict[str, Any],  # noqa: F811 (the fixture of test_reviews)
    tmp_path: Path,
) -> None:
    """A's supervisor keeps the incoming comment of a review mark; B, which made the mark,
    takes it from A's next package; B's original package brought again changes nothing."""
    package = reviewed["package"]
    apply_package(station_a.database, station_a.data_dir, package, clock=station_a.clock)
    lines = body_lines(package, station_a.key)
    at = _returned_line(lines)
    lines[at] = lines[at].replace(COMMENT.encode(), b"Komentar versi lain")
    other = reseal(package, station_a.key, lines, tmp_path / "o.awsync", package_id=str(uuid4()))
    apply_package(station_a.database, station_a.data_dir, other, clock=station_a.clock)
    desk = desk_of(station_a, reviewed["kepala"])
    (waiting,) = desk.list()
    assert waiting.kind == "review_differs"
    detail = desk.show(waiting.id)
    assert [f.key for f in detail.differing] == ["comment"]
    desk.resolve(waiting.id, "incoming", REASON)
    comment = "SELECT comment FROM reviews WHERE interview_uuid = ? AND action = 'returned'"
    uuid_ = reviewed["returned"]
    assert station_a.database.conn.execute(comment, (uuid_,)).fetchone()[0] == "Komentar versi lain"
    again = reseal(
        package,
        station_a.key,
        body_lines(package, station_a.key),
        tmp_path / "again.awsync",
        package_id=str(uuid4()),
    )
    replay = apply_package(station_a.database, station_a.data_dir, again, clock=station_a.clock)
    assert replay.conflicts == 0 and desk.list() == []
    assert move(export(station_a, tmp_path / "back"), station_b).resolutions == 1
    for station in (station_a, station_b):
        found = station.database.conn.execute(comment, (uuid_,)).fetchone()[0]
        assert found == "Komentar versi lain"


def test_a_package_lying_about_its_settlements_is_refused_whole(
    station_a: Station, station_b: Station, diverged: tuple[str, str, str], tmp_path: Path
) -> None:
    target, _, _ = diverged
    desk = desk_of(station_b, account(station_b, "kasi", "supervisor"))
    (waiting,) = desk.list()
    desk.resolve(waiting.id, "incoming", REASON)
    package = export(station_b, tmp_path / "s4")
    assert package.path is not None
    lines = body_lines(package.path, station_a.key)
    manifest = json.loads(lines[-1].split(b"\t", 1)[1])
    manifest["counts"]["resolutions"] = 2
    lines[-1] = b'["M"]\t' + json.dumps(manifest).encode() + b"\n"
    with open(package.path, "rb") as handle:
        header = read_header(handle)
    bad = tmp_path / "lying.awsync"
    write_raw(
        bad,
        station_a.key,
        b"".join(lines),
        workstation=header.source_workstation,
        sequence=header.sequence,
        package_id=header.package_id,
    )
    before = content_digest(station_a.data_dir)
    with pytest.raises(ManifestMismatch):
        apply_package(station_a.database, station_a.data_dir, bad, clock=station_a.clock)
    assert content_digest(station_a.data_dir) == before
    assert conflicts(station_a.database) != []  # still waiting there
