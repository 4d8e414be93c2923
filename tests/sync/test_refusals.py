"""Bad packages are refused with a reason, and the receiving database keeps its content."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_app.errors import KnownError
from interview_app.sync.errors import (
    ManifestMismatch,
    PackageError,
    PackageTampered,
    PackageTruncated,
    UnsupportedVersion,
    WrongOffice,
)
from interview_app.sync.export import export_package
from interview_app.sync.importer import apply_package, import_packages, inspect_package
from interview_app.sync.manifest import COUNTS, MANIFEST_VERSION, PARTS
from interview_app.sync.records import KIND_MANIFEST, Tally, encode_line
from tests.sync.factory import Station, add_interviews, content_digest, make_station
from tests.sync.packages import chunk_spans, swap_chunks, write_raw


@pytest.fixture
def package(station_a: Station, station_b: Station, stick: Path) -> Path:
    """A good package of 60 interviews in small chunks; B holds interviews of its own."""
    add_interviews(station_a, 60)
    add_interviews(station_b, 5, seed=3)
    result = export_package(station_a.database, station_a.data_dir, stick, chunk_size=2048)
    assert result.path is not None
    assert len(chunk_spans(result.path.read_bytes())[1]) > 6
    return result.path


def refuse(station: Station, path: Path, error: type[KnownError] = PackageError) -> KnownError:
    """Both inspecting and applying refuse with `error`; the content stays as it was."""
    before = content_digest(station.data_dir)
    with pytest.raises(error) as inspected:
        inspect_package(station.database, station.data_dir, path)
    with pytest.raises(error):
        apply_package(station.database, station.data_dir, path)
    assert content_digest(station.data_dir) == before
    assert inspected.value.message.id and inspected.value.message.en
    return inspected.value


def test_cut_at_each_twentieth(station_b: Station, package: Path, tmp_path: Path) -> None:
    data = package.read_bytes()
    for twentieth in range(20):
        cut = tmp_path / f"cut-{twentieth}.awsync"
        cut.write_bytes(data[: len(data) * twentieth // 20])
        error = refuse(station_b, cut, PackageTruncated)
        assert "terpotong" in error.message.id and "truncated" in error.message.en
    # and the whole file still imports
    assert apply_package(station_b.database, station_b.data_dir, package).new > 50


def test_single_flipped_bytes(station_b: Station, package: Path, tmp_path: Path) -> None:
    data = package.read_bytes()
    rng = random.Random(20250306)
    bad = tmp_path / "flipped.awsync"
    for _ in range(40):
        changed = bytearray(data)
        offset = rng.randrange(len(data))
        changed[offset] ^= rng.randrange(1, 256)
        bad.write_bytes(bytes(changed))
        refuse(station_b, bad)


def test_two_chunks_swapped(station_b: Station, package: Path, tmp_path: Path) -> None:
    data = package.read_bytes()
    count = len(chunk_spans(data)[1])
    bad = tmp_path / "swapped.awsync"
    for first, second in [(0, 1), (2, 5), (count - 2, count - 1)]:
        bad.write_bytes(swap_chunks(data, first, second))
        error = refuse(station_b, bad, PackageTampered)
        assert "diubah" in error.message.id and "altered" in error.message.en


def test_another_office_key(tmp_path: Path, station_b: Station, stick: Path) -> None:
    other = make_station(tmp_path / "other-office", "Loket 9")  # same code, its own key
    try:
        add_interviews(other, 5)
        result = export_package(other.database, other.data_dir, stick)
    finally:
        other.database.close()
    assert result.path
    error = refuse(station_b, result.path, WrongOffice)
    assert "kantor lain" in error.message.id and "another office" in error.message.en


def test_another_office_code(tmp_path: Path, station_b: Station, stick: Path) -> None:
    other = make_station(tmp_path / "mks", "Loket 1", office="MKS")
    try:
        add_interviews(other, 5)
        result = export_package(other.database, other.data_dir, stick)
    finally:
        other.database.close()
    assert result.path
    error = refuse(station_b, result.path, WrongOffice)
    assert "MKS" in error.message.en


def _relabel(package: Path, station: Station, out: Path, change: dict[str, object]) -> Path:
    """Re-seal `package`'s body with the manifest edited (the container stays genuine)."""
    from interview_app.sync.container import PackageReader

    with open(package, "rb") as handle:
        reader = PackageReader(handle, station.key)
        header = reader.header
        body = b"".join(reader.blocks())
    lines = body.splitlines(keepends=True)
    manifest = json.loads(lines[-1].split(b"\t", 1)[1])
    for key, value in change.items():
        target = manifest
        *path, last = key.split(".")
        for part in path:
            target = target[part]
        target[last] = value
    lines[-1] = encode_line([KIND_MANIFEST], manifest)
    write_raw(
        out,
        station.key,
        b"".join(lines),
        workstation=header.source_workstation,
        sequence=header.sequence,
        package_id=header.package_id,
    )
    return out


# A package without conflict settlements is format 3 and has no "resolutions" count; a lie
# about that count is tried on a format-4 package in test_conflicts.
@pytest.mark.parametrize("count", [c for c in COUNTS if c != "resolutions"])
def test_manifest_lying_about_counts(
    station_a: Station, station_b: Station, package: Path, tmp_path: Path, count: str
) -> None:
    original = json.loads(_body_lines(package, station_a)[-1].split(b"\t", 1)[1])["counts"][count]
    bad = _relabel(package, station_a, tmp_path / "lying.awsync", {f"counts.{count}": original + 1})
    error = refuse(station_b, bad, ManifestMismatch)
    assert "manifes" in error.message.id and "manifest" in error.message.en


def test_manifest_with_wrong_checksum_or_identity(
    station_a: Station, station_b: Station, package: Path, tmp_path: Path
) -> None:
    for change in (
        {"checksums.interviews": "0" * 64},
        {"checksums.audit": "1" * 64},
        {"sequence": 99},
        {"package_id": "x"},
    ):
        bad = _relabel(package, station_a, tmp_path / "lying.awsync", change)
        refuse(station_b, bad, ManifestMismatch)


def test_manifest_from_a_newer_schema(
    station_a: Station, station_b: Station, package: Path, tmp_path: Path
) -> None:
    bad = _relabel(package, station_a, tmp_path / "newer.awsync", {"schema_version": 999})
    refuse(station_b, bad, UnsupportedVersion)


def test_a_body_without_manifest_or_with_garbage(
    station_a: Station, station_b: Station, package: Path, tmp_path: Path
) -> None:
    lines = _body_lines(package, station_a)
    bad = tmp_path / "bad.awsync"
    write_raw(bad, station_a.key, b"".join(lines[:-1]))
    refuse(station_b, bad, PackageTampered)
    write_raw(bad, station_a.key, b"".join(lines) + lines[0])
    refuse(station_b, bad, PackageTampered)
    write_raw(bad, station_a.key, b"not json at all\n")
    refuse(station_b, bad, PackageTampered)


def test_counts_in_a_line_key_that_do_not_match_the_record(
    station_a: Station, station_b: Station, package: Path, tmp_path: Path
) -> None:
    """A consistent manifest over lines whose keys lie: caught while applying, rolled back."""
    lines = _body_lines(package, station_a)
    key = json.loads(lines[5].split(b"\t", 1)[0])
    key[6] += 1  # answers
    lines[5] = json.dumps(key).encode() + b"\t" + lines[5].split(b"\t", 1)[1]
    tally = Tally()
    for line in lines[:-1]:
        parsed = json.loads(line.split(b"\t", 1)[0])
        if parsed[0] == "I":
            tally.add(
                "interviews",
                line,
                interviews=1,
                answers=parsed[6],
                flags=parsed[7],
                revisions=parsed[8],
                slips=parsed[9],
            )
        else:
            part = {"A": "audit", "Q": "questionnaires"}[parsed[0]]
            tally.add(part, line, **{part: 1})
    manifest = json.loads(lines[-1].split(b"\t", 1)[1])
    manifest["counts"], manifest["checksums"] = tally.counts, tally.checksums
    manifest["format_version"] = MANIFEST_VERSION  # every part counted: the current format
    assert set(manifest["checksums"]) == set(PARTS)
    lines[-1] = encode_line([KIND_MANIFEST], manifest)
    header = _header(package)
    bad = tmp_path / "keys.awsync"
    write_raw(
        bad,
        station_a.key,
        b"".join(lines),
        workstation=header.source_workstation,
        sequence=header.sequence,
        package_id=header.package_id,
    )
    before = content_digest(station_b.data_dir)
    inspect_package(station_b.database, station_b.data_dir, bad)  # the key is all it reads
    with pytest.raises(ManifestMismatch):
        apply_package(station_b.database, station_b.data_dir, bad)
    assert content_digest(station_b.data_dir) == before


def test_a_bad_package_never_blocks_the_others(
    station_a: Station, station_b: Station, package: Path, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.awsync"
    cut.write_bytes(package.read_bytes()[:-10])
    missing = tmp_path / "missing.awsync"
    outcomes = import_packages(station_b.database, station_b.data_dir, [cut, missing, package])
    assert isinstance(outcomes[0].error, PackageTruncated)
    assert outcomes[1].error is not None and "tidak ada" in outcomes[1].error.message.id
    assert outcomes[2].error is None and outcomes[2].result and outcomes[2].result.new > 50


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=3000))
def test_authentic_packages_with_arbitrary_bodies(
    station_a: Station, station_b: Station, tmp_path: Path, body: bytes
) -> None:
    """Past the cryptography: whatever a genuine key sealed, only our errors come out."""
    path = tmp_path / "fuzz.awsync"
    write_raw(path, station_a.key, body)
    before = content_digest(station_b.data_dir)
    with pytest.raises(KnownError):
        apply_package(station_b.database, station_b.data_dir, path)
    assert content_digest(station_b.data_dir) == before


def _body_lines(package: Path, station: Station) -> list[bytes]:
    from interview_app.sync.container import PackageReader

    with open(package, "rb") as handle:
        reader = PackageReader(handle, station.key)
        return b"".join(reader.blocks()).splitlines(keepends=True)


def _header(package: Path):  # type: ignore[no-untyped-def]
    from interview_app.sync.container import read_header

    with open(package, "rb") as handle:
        return read_header(handle)
