"""Writing whole files: atomic replace, fsync, no half files, Windows retries."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from interview_app.storage import writefiles
from interview_app.storage.errors import DiskFull
from interview_app.storage.writefiles import replace_with_retry, write_file_atomically


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "paket.bin"
    write_file_atomically(target, b"first")
    write_file_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(tmp_path) == ["paket.bin"]


def test_disk_full_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "paket.bin"
    write_file_atomically(target, b"old and whole")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull) as caught:
        write_file_atomically(target, b"new" * 1000)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert "Disk penuh" in caught.value.message.id
    assert target.read_bytes() == b"old and whole"
    assert os.listdir(tmp_path) == ["paket.bin"]


def test_other_errors_pass_through(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_file_atomically(tmp_path / "missing-folder" / "x", b"data")


def test_replace_retries_while_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, dst = tmp_path / "a", tmp_path / "b"
    src.write_bytes(b"x")
    real_replace = os.replace
    calls: list[int] = []

    def busy_twice(a: Path, b: Path) -> None:
        calls.append(1)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file (WinError 32)")
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", busy_twice)
    monkeypatch.setattr(writefiles, "_RETRY_DELAYS", (0.0, 0.0, 0.0))
    replace_with_retry(src, dst)
    assert len(calls) == 3 and dst.read_bytes() == b"x"


def test_replace_gives_up_eventually(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def always_busy(a: Path, b: Path) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", always_busy)
    monkeypatch.setattr(writefiles, "_RETRY_DELAYS", (0.0, 0.0))
    with pytest.raises(PermissionError):
        replace_with_retry(tmp_path / "a", tmp_path / "b")
