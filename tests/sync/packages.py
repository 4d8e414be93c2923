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
    version: int | None = None,
) -> str:
    """A package whose body is exactly `body` (any bytes), sealed properly with `key`. The
    header's format is `version`, else the one the body's manifest names (an export writes
    format 3 when it carries no conflict settlements), else the current one."""
    package_id = package_id or str(uuid.uuid4())
    if version is None:
        version = _manifest_version(body)
    with open(path, "wb") as handle:
        writer = PackageWriter(
            handle,
            key,
            package_id=package_id,
            sequence=sequence,
            office_code=office,
            source_workstation=workstation,
            chunk_size=chunk_size,
            version=version,
        )
        writer.write(body)
        writer.close()
    return package_id


def _manifest_version(body: bytes) -> int:
    import json

    from interview_app.sync.container import FORMAT_VERSION

    last = body.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    if last.startswith(b'["M"]\t'):
        try:
            found = json.loads(last.split(b"\t", 1)[1]).get("format_version")
        except (ValueError, AttributeError):
            found = None
        if isinstance(found, int) and 1 <= found <= FORMAT_VERSION:
            return found
    return FORMAT_VERSION


def body_lines(path: Path, key: bytes) -> list[bytes]:
    """The decrypted body of a genuine package, line by line (newlines kept)."""
    from interview_app.sync.container import PackageReader

    with open(path, "rb") as handle:
        reader = PackageReader(handle, key)
        return b"".join(reader.blocks()).splitlines(keepends=True)


def reseal(
    path: Path,
    key: bytes,
    lines: list[bytes],
    out: Path,
    *,
    version: int | None = None,
    package_id: str | None = None,
) -> Path:
    """`lines` (a body without its manifest line, or with one that is replaced) sealed again
    with `key` under `path`'s header, with a manifest recounted and rehashed over them: a
    package that passes every check of the container and the manifest. `version` writes an
    older format: header and manifest say it, and the parts that format lacks are left out.
    `package_id` makes it another package (the same id is "already imported")."""
    import json

    from interview_app.sync.container import FORMAT_VERSION
    from interview_app.sync.manifest import counts_of, parts_of
    from interview_app.sync.records import KIND_MANIFEST, Tally, encode_line

    with open(path, "rb") as handle:
        header = read_header(handle)
    version = version or FORMAT_VERSION
    manifest = json.loads(body_lines(path, key)[-1].split(b"\t", 1)[1])
    body = [line for line in lines if not line.startswith(b'["M"]')]
    tally = Tally()
    parts = {
        "Q": "questionnaires",
        "O": "officers",
        "A": "audit",
        "R": "reviews",
        "F": "referrals",
        "C": "resolutions",
    }
    for line in body:
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
            part = parts[parsed[0]]
            tally.add(part, line, **{part: 1})
    manifest["format_version"] = version
    if package_id is not None:
        manifest["package_id"] = package_id
    manifest["counts"] = {name: tally.counts[name] for name in counts_of(version)}
    manifest["checksums"] = {name: tally.checksums[name] for name in parts_of(version)}
    body.append(encode_line([KIND_MANIFEST], manifest))
    with open(out, "wb") as handle:
        writer = PackageWriter(
            handle,
            key,
            package_id=package_id or header.package_id,
            sequence=header.sequence,
            office_code=header.office_code,
            source_workstation=header.source_workstation,
            chunk_size=1024,
            version=version,
        )
        writer.write(b"".join(body))
        writer.close()
    return out
