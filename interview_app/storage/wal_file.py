"""Reading a SQLite write-ahead log (`-wal`) without opening the database: its header, which
frames are committed, and where each page's newest committed image is. Needed where there is
no key: SQLCipher writes encrypted page images into the WAL, and SQLite's checkpoint copies
them into the database file as they are, so the same can be done without decrypting anything
(`storage.raw_copy`) and the log's shape can be checked (`db check` without signing in).

The format (sqlite.org/fileformat2.html#walformat): a 32-byte header (magic 0x377f0682 or
0x377f0683, format 3007000, page size, checkpoint sequence, two salts, a checksum of the first
24 bytes), then frames of a 24-byte header (page number, the database's size in pages after a
commit or 0, the two salts, a running checksum over every frame's first 8 header bytes and
page) and one page. A frame counts when its salts match the header's and its checksum holds;
the first one that fails ends the log (what follows is a torn write or an older log's frames).
Only frames up to the last commit frame belong to the database, as in SQLite's own recovery.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

WAL_HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
WAL_MAGIC = (0x377F0682, 0x377F0683)  # little- / big-endian checksums
WAL_FORMAT = 3007000


class WalShapeError(ValueError):
    """The file is not a write-ahead log SQLite would read."""


@dataclass
class WalLog:
    """What a -wal file holds. `pages`: page number -> offset of its newest committed image.
    `database_pages`: the database's size in pages after the last commit (0: nothing
    committed). `frames`: whole frames in the file; `committed_frames`: those that count."""

    page_size: int
    frames: int = 0
    committed_frames: int = 0
    database_pages: int = 0
    pages: dict[int, int] = field(default_factory=dict)
    trailing_bytes: int = 0  # a part frame at the end (a torn write)


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


def read_wal(path: Path) -> WalLog:
    """The committed frames of the -wal at `path`. Raises WalShapeError for a file SQLite would
    not take for a log (too short, wrong magic, format or page size, a bad header checksum)
    and OSError when it cannot be read."""
    with open(path, "rb") as handle:
        header = handle.read(WAL_HEADER_BYTES)
        if len(header) < WAL_HEADER_BYTES:
            raise WalShapeError(f"{len(header)} bytes, shorter than a WAL header")
        magic, version, page_size, _seq, salt1, salt2, sum1, sum2 = struct.unpack(">8I", header)
        if magic not in WAL_MAGIC:
            raise WalShapeError(f"magic {magic:#x} is not a WAL's")
        if version != WAL_FORMAT:
            raise WalShapeError(f"format {version} is not {WAL_FORMAT}")
        if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
            raise WalShapeError(f"page size {page_size} is not a power of two in 512..65536")
        big_endian = bool(magic & 1)
        s0, s1 = _checksum(header[:24], big_endian, 0, 0)
        if (s0, s1) != (sum1, sum2):
            raise WalShapeError("the header's checksum does not match")
        log = WalLog(page_size)
        pending: dict[int, int] = {}
        offset = WAL_HEADER_BYTES
        valid = True
        while True:
            frame = handle.read(FRAME_HEADER_BYTES + page_size)
            if len(frame) < FRAME_HEADER_BYTES + page_size:
                log.trailing_bytes = len(frame)
                break
            log.frames += 1
            if not valid:
                offset += len(frame)
                continue
            page, size_after, fsalt1, fsalt2, fsum1, fsum2 = struct.unpack(">6I", frame[:24])
            if page == 0 or (fsalt1, fsalt2) != (salt1, salt2):
                valid = False
            else:
                s0, s1 = _checksum(frame[:8], big_endian, s0, s1)
                s0, s1 = _checksum(frame[24:], big_endian, s0, s1)
                valid = (s0, s1) == (fsum1, fsum2)
            if valid:
                pending[page] = offset + FRAME_HEADER_BYTES
                if size_after:
                    log.pages.update(pending)
                    pending.clear()
                    log.committed_frames = log.frames
                    log.database_pages = size_after
            offset += len(frame)
    return log
