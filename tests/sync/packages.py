"""Helpers that take package files apart and build odd ones with the container writer."""

from __future__ import annotations

import io
import struct
import uuid
from pathlib import Path

from interview_app.sync.container import PackageWriter, read_header


def chunk_spans(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    """(header length, [(offset, length) of each framed chunk, length prefix included])."""
    stream = io.BytesIO(data)
    read_header(stream)
    start = stream.tell()
    spans = []
    offset = start
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        spans.append((offset, 4 + length))
        offset += 4 + length
    return start, spans


def swap_chunks(data: bytes, first: int, second: int) -> bytes:
    _, spans = chunk_spans(data)
    a, b = sorted((first, second))
    (a_off, a_len), (b_off, b_len) = spans[a], spans[b]
    return (
        data[:a_off]
        + data[b_off : b_off + b_len]
        + data[a_off + a_len : b_off]
        + data[a_off : a_off + a_len]
        + data[b_off + b_len :]
    )


def write_raw(
    path: Path,
    key: bytes,
    body: bytes,
    *,
    office: str = "PLU",
    workstation: str = "other-station",
    sequence: int = 1,
    package_id: str | None = None,
    chunk_size: int = 1024,
) -> str:
    """A package whose body is exactly `body` (any bytes), sealed properly with `key`."""
    package_id = package_id or str(uuid.uuid4())
    with open(path, "wb") as handle:
        writer = PackageWriter(
            handle,
            key,
            package_id=package_id,
            sequence=sequence,
            office_code=office,
            source_workstation=workstation,
            chunk_size=chunk_size,
        )
        writer.write(body)
        writer.close()
    return package_id
