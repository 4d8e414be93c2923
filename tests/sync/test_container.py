"""The container alone: round trip, and every way a file can be cut, changed or reordered."""

from __future__ import annotations

import io
import os
import random
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_app.sync.container import MAGIC, PackageReader, PackageWriter
from interview_app.sync.errors import (
    NotAPackage,
    PackageError,
    PackageTampered,
    PackageTruncated,
    UnsupportedVersion,
    WrongOffice,
)
from tests.sync.packages import chunk_spans, swap_chunks

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def seal(body: bytes, *, key: bytes = KEY, chunk_size: int = 512, office: str = "PLU") -> bytes:
    out = io.BytesIO()
    writer = PackageWriter(
        out,
        key,
        package_id=str(uuid.uuid4()),
        sequence=7,
        office_code=office,
        source_workstation="ws-1",
        chunk_size=chunk_size,
    )
    # written in uneven pieces, as the exporter does
    position = 0
    rng = random.Random(len(body))
    while position < len(body):
        step = rng.randint(1, 3000)
        writer.write(body[position : position + step])
        position += step
    writer.close()
    return out.getvalue()


def unseal(data: bytes, *, key: bytes = KEY, office: str | None = "PLU") -> bytes:
    reader = PackageReader(io.BytesIO(data), key, expected_office=office)
    return b"".join(reader.blocks())


BODY = os.urandom(3000) + b"interview line\n" * 400 + os.urandom(2000)


@pytest.mark.parametrize("size", [0, 1, 511, 512, 513, 5000])
def test_round_trip_any_size(size: int) -> None:
    body = os.urandom(size)
    assert unseal(seal(body, chunk_size=64)) == body


def test_header_is_readable_without_the_key() -> None:
    reader = PackageReader(io.BytesIO(seal(BODY)), KEY)
    assert reader.header.office_code == "PLU"
    assert reader.header.sequence == 7
    assert reader.header.source_workstation == "ws-1"


def test_every_cut_is_reported_as_truncated() -> None:
    data = seal(BODY, chunk_size=300)
    assert len(chunk_spans(data)[1]) > 5
    for cut in range(len(data)):
        with pytest.raises(PackageTruncated):
            unseal(data[:cut])


def test_a_cut_at_a_chunk_boundary_is_truncated_not_just_damaged() -> None:
    data = seal(BODY, chunk_size=300)
    _, spans = chunk_spans(data)
    for offset, _length in spans[1:]:
        with pytest.raises(PackageTruncated):
            unseal(data[:offset])


def test_every_single_flipped_bit_is_refused() -> None:
    data = seal(BODY[:1500], chunk_size=256)
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 1 << (position % 8)
        with pytest.raises(PackageError):
            unseal(bytes(changed))


def test_swapped_chunks_are_refused() -> None:
    data = seal(BODY, chunk_size=300)
    count = len(chunk_spans(data)[1])
    for first, second in [(0, 1), (1, 2), (0, count - 1), (count - 2, count - 1)]:
        with pytest.raises(PackageTampered):
            unseal(swap_chunks(data, first, second))


def test_a_dropped_or_repeated_chunk_is_refused() -> None:
    data = seal(BODY, chunk_size=300)
    _, spans = chunk_spans(data)
    offset, length = spans[2]
    with pytest.raises(PackageTampered):
        unseal(data[:offset] + data[offset + length :])
    with pytest.raises(PackageTampered):
        unseal(data[: offset + length] + data[offset : offset + length] + data[offset + length :])


def test_appended_data_is_refused() -> None:
    data = seal(BODY)
    with pytest.raises(PackageTampered):
        unseal(data + b"\x00" * 20)
    with pytest.raises(PackageTampered):
        unseal(data + data[-200:])


def test_another_office_key_is_wrong_office() -> None:
    with pytest.raises(WrongOffice, match="kantor lain"):
        unseal(seal(BODY, key=OTHER_KEY))


def test_another_office_code_is_named() -> None:
    with pytest.raises(WrongOffice, match="MKS"):
        unseal(seal(BODY, office="MKS"))


def test_not_a_package_and_newer_version() -> None:
    with pytest.raises(NotAPackage):
        unseal(b"PK\x03\x04 a zip file")
    out = io.BytesIO()  # a whole header of a newer format: "update this application"
    writer = PackageWriter(
        out,
        KEY,
        package_id=str(uuid.uuid4()),
        sequence=1,
        office_code="PLU",
        source_workstation="ws-1",
        version=9,
    )
    writer.write(BODY)
    writer.close()
    with pytest.raises(UnsupportedVersion):
        unseal(out.getvalue())
    data = bytearray(seal(BODY))  # a damaged version byte: damage, not a newer version
    data[len(MAGIC) + 1] = 9
    with pytest.raises(PackageTampered, match="kepala paket"):
        unseal(bytes(data))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_only_raise_our_errors(data: bytes) -> None:
    try:
        unseal(data, office=None)
    except PackageError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=200), st.binary(max_size=600))
def test_a_real_header_then_arbitrary_bytes(keep: int, tail: bytes) -> None:
    data = seal(BODY)
    header_end = chunk_spans(data)[0]
    with pytest.raises(PackageError):
        unseal(data[: header_end + keep] + tail)
