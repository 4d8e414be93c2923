"""Supervisors' review marks travel in sync packages: a return made on the supervisor's
workstation reaches the officer's, marks reach other supervisor workstations, all-or-nothing."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from interview_app.errors import KnownError
from interview_app.storage.officers import OfficerRepository
from interview_app.supervision.retention import Retention
from interview_app.supervision.review_desk import ReviewDesk, returned_interviews
from interview_app.supervision.session import SupervisorSession
from interview_app.sync.container import FORMAT_VERSION, PackageHeader, read_header
from interview_app.sync.errors import ManifestMismatch, PackageError, PackageTampered
from interview_app.sync.export import ExportResult, export_package
from interview_app.sync.importer import ImportResult, apply_package, inspect_package
from interview_app.sync.manifest import MANIFEST_VERSION
from interview_app.sync.received import conflicts
from tests.sync.factory import Station, add_interviews, content_digest, later, make_station
from tests.sync.packages import body_lines, reseal, write_raw

PASSWORD = "pagi-cerah-di-teluk-palu"
COMMENT = "Lengkapi nama perekrut"


def account(station: Station, username: str, full_name: str, role: str) -> int:
    repository = OfficerRepository(station.database, station.audit, station.clock)
    return repository.create(username, full_name, None, role, PASSWORD).id


def desk(station: Station, supervisor: int) -> ReviewDesk:
    return ReviewDesk(SupervisorSession(station.database, supervisor, station.audit, station.clock))


def rows(station: Station, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return sorted(station.database.conn.execute(sql, params).fetchall(), key=repr)


def completed_by(station: Station, officer_id: int) -> list[str]:
    return [
        r[0]
        for r in station.database.conn.execute(
            "SELECT uuid FROM interviews WHERE status = 'completed' AND officer_id = ?"
            " AND revision = 1 ORDER BY rowid",
            (officer_id,),
        )
    ]


def export(station: Station, folder: Path, *, full: bool = False) -> ExportResult:
    folder.mkdir(exist_ok=True)
    return export_package(
        station.database, station.data_dir, folder, full=full, clock=station.clock
    )


def move(result: ExportResult, to: Station) -> ImportResult:
    assert result.path is not None
    return apply_package(to.database, to.data_dir, result.path, clock=to.clock)


def correct(station: Station, uuid_: str, officer_id: int) -> None:
    repository = station.repository
    record = repository.get(uuid_)
    repository.correct(
        uuid_,
        reason="Nama perekrut dilengkapi",
        officer_id=officer_id,
        answers={**record.answers, "recruiter_name": "Pak Labolo"},
        flags=record.flags,
        score=record.score,
        hard_flag=bool(record.hard_flag),
        suggested_outcome=record.suggested_outcome,
        chosen_outcome=record.chosen_outcome or "TERBIT",
        override_reason=record.override_reason,
    )


@pytest.fixture
def reviewed(station_a: Station, station_b: Station, tmp_path: Path) -> dict[str, Any]:
    """A's officer Budi (id 1 at A) takes interviews; they go to B; B's supervisor Sri (id 1
    at B as well) returns one with a comment and marks another reviewed; B exports."""
    budi = account(station_a, "budi", "Budi Santoso", "officer")
    kepala = account(station_a, "kepala", "Kepala Loket", "supervisor")
    sri = account(station_b, "sri", "Sri Wahyuni", "supervisor")
    assert budi == sri == 1  # the same number at two workstations: two people
    add_interviews(station_a, 12)
    first, second = completed_by(station_a, budi)[:2]
    assert move(export(station_a, tmp_path / "stick-a"), station_b).new > 8
    later(station_b, minutes=30)
    desk(station_b, sri).return_to_officer(first, COMMENT)
    later(station_b, minutes=1)
    desk(station_b, sri).mark_reviewed(second)
    package = export(station_b, tmp_path / "stick-b")
    assert package.path is not None and package.reviews == 2
    assert "2 tinjauan" in package.message().id and "2 supervisor reviews" in package.message().en
    return {
        "budi": budi,
        "kepala": kepala,
        "sri": sri,
        "returned": first,
        "reviewed": second,
        "package": package.path,
    }


def test_a_return_made_on_the_supervisors_workstation_reaches_the_officer(
    station_a: Station, station_b: Station, reviewed: dict[str, Any], tmp_path: Path
) -> None:
    budi, returned_uuid = reviewed["budi"], reviewed["returned"]
    assert returned_interviews(station_a.database, budi) == []
    plan = inspect_package(station_a.database, station_a.data_dir, reviewed["package"])
    assert (plan.reviews_new, plan.reviews_skipped, plan.new, plan.conflicts) == (2, 0, 0, 0)
    assert "Tinjauan supervisor: 2 baru" in plan.summary().id
    assert "Supervisor reviews: 2 new" in plan.summary().en
    result = apply_package(
        station_a.database,
        station_a.data_dir,
        reviewed["package"],
        plan=plan,
        clock=station_a.clock,
    )
    assert (result.reviews_new, result.reviews_skipped) == (2, 0)
    assert result.snapshot is not None  # a pre-import snapshot: the import changes data

    # The officer's home screen: the return, its comment, and who returned it (Sri at B, not
    # Budi, who is officer 1 here).
    (shown,) = returned_interviews(station_a.database, budi)
    assert (shown.uuid, shown.comment, shown.returned_by) == (returned_uuid, COMMENT, "Sri Wahyuni")
    assert {r[0] for r in rows(station_a, "SELECT workstation_id FROM reviews")} == {
        station_b.workstation_id
    }
    # A's own review list: B's 'reviewed' mark and the return, with the name from B.
    desk_a = desk(station_a, reviewed["kepala"])
    states = {r.uuid: (r.review_state, r.review_comment) for r in desk_a.list()}
    assert states[reviewed["reviewed"]] == ("reviewed", None)
    assert states[returned_uuid] == ("returned", COMMENT)
    assert [(e.action, e.by_name) for e in desk_a.history(reviewed["reviewed"])] == [
        ("reviewed", "Sri Wahyuni")
    ]

    # The same package again: nothing changes.
    before = content_digest(station_a.data_dir)
    assert inspect_package(
        station_a.database, station_a.data_dir, reviewed["package"]
    ).already_imported
    assert apply_package(
        station_a.database, station_a.data_dir, reviewed["package"]
    ).already_imported
    assert content_digest(station_a.data_dir) == before
    # An overlapping package (B's full export carries the same marks): no mark changes.
    marks = rows(station_a, "SELECT * FROM reviews")
    overlapping = export(station_b, tmp_path / "stick-full", full=True)
    assert overlapping.reviews == 2
    again = move(overlapping, station_a)
    assert (again.reviews_new, again.reviews_skipped, again.new, again.updated) == (0, 0, 0, 0)
    assert rows(station_a, "SELECT * FROM reviews") == marks

    # Budi corrects it here (revision 2): no longer on his home screen, 'corrected' in lists.
    correct(station_a, returned_uuid, budi)
    assert returned_interviews(station_a.database, budi) == []
    assert {r.uuid: r.review_state for r in desk_a.list()}[returned_uuid] == "corrected"
    # The correction goes back to B: B sees it corrected too.
    move(export(station_a, tmp_path / "stick-a"), station_b)
    desk_b = desk(station_b, reviewed["sri"])
    assert {r.uuid: r.review_state for r in desk_b.list()}[returned_uuid] == "corrected"


def test_marks_reach_another_supervisor_workstation_and_are_relayed_with_names(
    station_a: Station, station_b: Station, reviewed: dict[str, Any], tmp_path: Path
) -> None:
    station_c = make_station(tmp_path / "c", "Loket 3", key=station_a.key)
    try:
        boss = account(station_c, "rahmat", "Rahmat Hidayat", "supervisor")
        move(export(station_a, tmp_path / "stick-a2"), station_c)
        assert move(export(station_b, tmp_path / "stick-bc"), station_c).reviews_new == 2
        desk_c = desk(station_c, boss)
        states = {r.uuid: (r.review_state, r.review_comment) for r in desk_c.list()}
        assert states[reviewed["returned"]] == ("returned", COMMENT)
        assert [e.by_name for e in desk_c.history(reviewed["returned"])] == ["Sri Wahyuni"]
        # C relays B's marks to A (A never imports B's package): the name comes along.
        relayed = export(station_c, tmp_path / "stick-ca")
        assert relayed.reviews == 2
        assert move(relayed, station_a).reviews_new == 2
        (shown,) = returned_interviews(station_a.database, reviewed["budi"])
        assert (shown.uuid, shown.returned_by) == (reviewed["returned"], "Sri Wahyuni")
        # and back from A to C: the marks are there already
        assert move(export(station_a, tmp_path / "stick-a3", full=True), station_c).reviews_new == 0
    finally:
        station_c.database.close()


def test_incremental_exports_send_new_marks_and_marks_of_purged_interviews_stay_away(
    station_a: Station, station_b: Station, tmp_path: Path
) -> None:
    budi = account(station_a, "budi", "Budi Santoso", "officer")
    kepala = account(station_a, "kepala", "Kepala Loket", "supervisor")
    sri = account(station_b, "sri", "Sri Wahyuni", "supervisor")
    add_interviews(station_a, 8)
    target = completed_by(station_a, budi)[0]
    move(export(station_a, tmp_path / "stick-a"), station_b)
    stick = tmp_path / "stick-b"
    first = export(station_b, stick)  # A's interviews relayed, no marks yet
    assert first.interviews > 0 and first.reviews == 0
    desk(station_b, sri).return_to_officer(target, COMMENT)
    second = export(station_b, stick)  # only what is new for this stick: the mark
    assert (second.interviews, second.reviews) == (0, 1)
    assert second.path is not None
    assert export(station_b, stick).path is None  # nothing new
    assert export(station_b, stick, full=True).reviews == 1

    # A purges every interview (retention), then the mark of one of them arrives alone: it is
    # skipped, never kept without its interview.
    later(station_a, days=366 * 10)
    retention = Retention(
        SupervisorSession(station_a.database, kepala, station_a.audit, station_a.clock)
    )
    assert retention.purge(retention.plan()).interviews > 0
    plan = inspect_package(station_a.database, station_a.data_dir, second.path)
    assert (plan.reviews_new, plan.reviews_skipped) == (0, 1)
    assert "1 dilewati" in plan.summary().id and "1 skipped" in plan.summary().en
    result = apply_package(station_a.database, station_a.data_dir, second.path, plan=plan)
    assert (result.reviews_new, result.reviews_skipped) == (0, 1)
    assert rows(station_a, "SELECT * FROM reviews") == []
    assert returned_interviews(station_a.database, budi) == []
    # B's purge takes the marks and what B remembers having sent of them.
    later(station_b, days=366 * 10)
    b_retention = Retention(
        SupervisorSession(station_b.database, sri, station_b.audit, station_b.clock)
    )
    counts = b_retention.purge(b_retention.plan()).counts
    assert counts["reviews"] == 1 and counts["sync_sent_reviews"] == 1
    assert rows(station_b, "SELECT * FROM sync_sent_reviews") == []


def _returned_line(lines: list[bytes]) -> int:
    """The index of the body line of the return (the mark with the comment)."""
    return next(
        i for i, line in enumerate(lines) if line.startswith(b'["R"') and COMMENT.encode() in line
    )


def header_of(path: Path) -> PackageHeader:
    with open(path, "rb") as handle:
        return read_header(handle)


def _refused(station: Station, path: Path, error: type[KnownError]) -> KnownError:
    before = content_digest(station.data_dir)
    with pytest.raises(error) as inspected:
        inspect_package(station.database, station.data_dir, path)
    with pytest.raises(error):
        apply_package(station.database, station.data_dir, path)
    assert content_digest(station.data_dir) == before
    return inspected.value


def test_a_tampered_review_part_is_refused_and_nothing_changes(
    station_a: Station, reviewed: dict[str, Any], tmp_path: Path
) -> None:
    package = reviewed["package"]
    lines = body_lines(package, station_a.key)
    header = header_of(package)
    at = _returned_line(lines)
    bad = tmp_path / "bad.awsync"

    def sealed(body: list[bytes]) -> Path:
        write_raw(
            bad,
            station_a.key,
            b"".join(body),
            workstation=header.source_workstation,
            sequence=header.sequence,
            package_id=header.package_id,
        )
        return bad

    # The comment changed under a genuine key, the manifest left as it was.
    changed = list(lines)
    changed[at] = changed[at].replace(COMMENT.encode(), b"Tidak perlu apa-apa")
    error = _refused(station_a, sealed(changed), ManifestMismatch)
    assert "checksum reviews" in error.message.id and "reviews checksum" in error.message.en
    # A mark left out: the count differs.
    error = _refused(station_a, sealed(lines[:at] + lines[at + 1 :]), ManifestMismatch)
    assert "reviews" in error.message.en
    # A flipped byte in the file: the chunk fails authentication.
    data = bytearray(package.read_bytes())
    data[-40] ^= 0x10
    flipped = tmp_path / "flipped.awsync"
    flipped.write_bytes(bytes(data))
    _refused(station_a, flipped, PackageError)
    # Consistent manifests over marks that lie: the key disagrees with the record, an unknown
    # action, a revision of 0.
    key, record = lines[at].rstrip(b"\n").split(b"\t", 1)
    fields = json.loads(record)
    for key_json, fields_json in (
        (json.dumps(["R", str(uuid.uuid4()), fields["interview_uuid"]]), record.decode()),
        (key.decode(), json.dumps({**fields, "action": "deleted"})),
        (key.decode(), json.dumps({**fields, "revision": 0})),
        (key.decode(), json.dumps({**fields, "by_officer": 2**70})),
        (key.decode(), json.dumps({k: v for k, v in fields.items() if k != "at"})),
    ):
        lying = list(lines)
        lying[at] = f"{key_json}\t{fields_json}\n".encode()
        resealed = reseal(package, station_a.key, lying, tmp_path / "lying.awsync")
        _refused(station_a, resealed, PackageTampered)
    # and the genuine package still imports
    assert move_path(package, station_a).reviews_new == 2


def move_path(path: Path, to: Station) -> ImportResult:
    return apply_package(to.database, to.data_dir, path, clock=to.clock)


def test_a_mark_with_a_known_uuid_and_other_content_is_set_aside(
    station_a: Station, reviewed: dict[str, Any], tmp_path: Path
) -> None:
    package = reviewed["package"]
    move_path(package, station_a)
    marks = rows(station_a, "SELECT * FROM reviews")
    lines = body_lines(package, station_a.key)
    at = _returned_line(lines)
    lines[at] = lines[at].replace(COMMENT.encode(), b"Komentar diubah diam-diam")
    for n in range(2):
        other = reseal(
            package,
            station_a.key,
            lines,
            tmp_path / f"other-{n}.awsync",
            package_id=str(uuid.uuid4()),
        )
        result = move_path(other, station_a)
        assert (result.conflicts, result.reviews_new) == (1, 0)
        assert rows(station_a, "SELECT * FROM reviews") == marks  # nothing overwritten
    (conflict,) = conflicts(station_a.database)  # once, however often it arrives
    assert conflict.kind == "review_differs" and conflict.interview_uuid == reviewed["returned"]
    assert json.loads(conflict.incoming_version)["comment"] == "Komentar diubah diam-diam"
    assert conflict.local_version is not None
    assert json.loads(conflict.local_version)["comment"] == COMMENT


def test_format_1_packages_still_import_and_mixed_formats_are_refused(
    station_a: Station, station_b: Station, reviewed: dict[str, Any], tmp_path: Path
) -> None:
    package = reviewed["package"]
    header = header_of(package)
    # no conflict settlements in it: written in format 3, which workstations not yet updated read
    assert header.version == 3 and FORMAT_VERSION == MANIFEST_VERSION == 4
    # A format-1 package as the previous version wrote it (no review lines) imports.
    add_interviews(station_b, 4, seed=7)
    fresh = export(station_b, tmp_path / "stick-v1")
    assert fresh.path is not None and fresh.reviews == 2
    package = fresh.path
    lines = [line for line in body_lines(package, station_a.key) if not line.startswith(b'["R"')]
    old = reseal(package, station_a.key, lines, tmp_path / "v1.awsync", version=1)
    assert header_of(old).version == 1
    manifest = json.loads(body_lines(old, station_a.key)[-1].split(b"\t", 1)[1])
    assert "reviews" not in manifest["counts"] and "reviews" not in manifest["checksums"]
    result = move_path(old, station_a)
    assert result.new == 4 and result.reviews_new == 0
    # Review lines in a format-1 package: refused.
    with_marks = body_lines(package, station_a.key)
    bad = reseal(package, station_a.key, with_marks, tmp_path / "v1-marks.awsync", version=1)
    error = _refused(station_a, bad, PackageTampered)
    assert "jenis baris tidak dikenal" in error.message.id
    # A format-1 manifest under a current header (or the reverse): refused.
    same = header_of(old)  # the same package id, sequence and source: only the format differs
    mixed = tmp_path / "mixed.awsync"
    write_raw(
        mixed,
        station_a.key,
        b"".join(body_lines(old, station_a.key)),
        workstation=same.source_workstation,
        sequence=same.sequence,
        package_id=same.package_id,
        version=FORMAT_VERSION,
    )
    assert header_of(mixed).version == FORMAT_VERSION
    error = _refused(station_a, mixed, ManifestMismatch)
    assert "manifest and header differ" in error.message.en


def test_the_newest_mark_counts_whatever_order_packages_arrive_in(
    station_a: Station, station_b: Station, reviewed: dict[str, Any], tmp_path: Path
) -> None:
    """B returned it; later, C's supervisor marks it reviewed. A imports C's package first and
    B's after: the return (stored here last) is older, so it is not on the officer's list."""
    station_c = make_station(tmp_path / "c", "Loket 3", key=station_a.key)
    try:
        boss = account(station_c, "rahmat", "Rahmat Hidayat", "supervisor")
        move(export(station_a, tmp_path / "stick-ac"), station_c)
        station_c.clock.set(station_b.clock() + dt.timedelta(hours=1))
        desk(station_c, boss).mark_reviewed(reviewed["returned"])
        assert move(export(station_c, tmp_path / "stick-ca"), station_a).reviews_new == 1
        assert move_path(reviewed["package"], station_a).reviews_new == 2
        assert returned_interviews(station_a.database, reviewed["budi"]) == []
        history = desk(station_a, reviewed["kepala"]).history(reviewed["returned"])
        assert [(e.action, e.by_name) for e in history] == [
            ("returned", "Sri Wahyuni"),
            ("reviewed", "Rahmat Hidayat"),
        ]
    finally:
        station_c.database.close()
