"""A write, fsync, rename or read-back that fails at any point: the stick holds no package
(nor a temporary file) and the source database is unchanged."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.storage.errors import DiskFull
from interview_app.sync import export as export_module
from interview_app.sync.container import PackageReader, PackageWriter
from interview_app.sync.errors import PackageTooLarge, SyncError
from interview_app.sync.export import export_package
from tests.sync.factory import Station, add_interviews, content_digest


@pytest.fixture
def filled(station_a: Station) -> Station:
    add_interviews(station_a, 40)
    return station_a


def attempt(station: Station, stick: Path, error: type[KnownError]) -> None:
    """The export fails, the stick holds nothing, and the database's rows are as before (its
    audit chain records the export number reserved and given back, and stays sound)."""
    before = content_digest(station.data_dir, exclude=("audit_log",))
    with pytest.raises(error):
        export_package(station.database, station.data_dir, stick, chunk_size=1024)
    assert list(stick.iterdir()) == []
    assert content_digest(station.data_dir, exclude=("audit_log",)) == before
    assert station.check().ok


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_the_kth_write_fails(
    filled: Station, stick: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    writes = []
    emit = PackageWriter._emit

    def counting(self: PackageWriter, data: bytes) -> None:
        writes.append(len(data))
        emit(self, data)

    monkeypatch.setattr(PackageWriter, "_emit", counting)
    export_package(filled.database, filled.data_dir, stick.parent, chunk_size=1024)
    total = len(writes)
    assert total > 10
    for k in range(total):
        calls = iter(range(10**6))

        def failing(self: PackageWriter, data: bytes, calls=calls, k=k) -> None:  # type: ignore[no-untyped-def]
            if next(calls) == k:
                raise OSError(code, os.strerror(code))
            emit(self, data)

        monkeypatch.setattr(PackageWriter, "_emit", failing)
        attempt(filled, stick, DiskFull if code == errno.ENOSPC else SyncError)


def test_fsync_fails(filled: Station, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(export_module.os, "fsync", broken)
    attempt(filled, stick, SyncError)


def test_rename_fails(filled: Station, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(src: Path, dst: Path) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(export_module, "replace_with_retry", broken)
    attempt(filled, stick, SyncError)


def test_read_back_finds_a_bad_stick(
    filled: Station, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = export_module._write

    def write_then_damage(*args: object, **kwargs: object) -> None:
        real_write(*args, **kwargs)  # type: ignore[arg-type]
        tmp = args[1]
        assert isinstance(tmp, Path)
        data = bytearray(tmp.read_bytes())
        data[len(data) // 2] ^= 0x40  # what a faulty stick gives back
        tmp.write_bytes(bytes(data))

    monkeypatch.setattr(export_module, "_write", write_then_damage)
    attempt(filled, stick, SyncError)


def test_too_large_for_fat32_is_refused_before_writing(
    filled: Station, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "FAT32_MAX_FILE_BYTES", 10_000)
    before = content_digest(filled.data_dir, exclude=("audit_log",))
    with pytest.raises(PackageTooLarge, match="FAT32"):
        export_package(filled.database, filled.data_dir, stick)
    assert list(stick.iterdir()) == []
    assert content_digest(filled.data_dir, exclude=("audit_log",)) == before
    assert filled.check().ok


def test_not_enough_free_space_is_refused_before_writing(
    filled: Station, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Usage:
        total = used = 10**9
        free = 1000

    monkeypatch.setattr(export_module.shutil, "disk_usage", lambda path: Usage())
    with pytest.raises(PackageTooLarge, match="free space"):
        export_package(filled.database, filled.data_dir, stick)
    assert list(stick.iterdir()) == []


def test_the_size_estimate_is_above_the_real_package(filled: Station, stick: Path) -> None:
    from interview_app.storage.sync_outgoing import Outgoing

    outgoing = Outgoing(filled.database)
    guess = outgoing.size(outgoing.select(None)).interviews
    result = export_package(filled.database, filled.data_dir, stick)
    assert result.path is not None and guess.count == result.interviews
    with open(result.path, "rb") as handle:
        body = sum(len(block) for block in PackageReader(handle, filled.key).blocks())
    assert guess.max_body_bytes > body > result.size
