"""The data folder's writer lock: one holder, a message naming it, a dead holder's file taken
over, a folder that cannot be written reported calmly."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from interview_app.storage import app_lock
from interview_app.storage.app_lock import FolderInUse, FolderLock, folder_holder, writer_lock
from interview_app.storage.chain_head import HEAD_FILE
from interview_app.storage.errors import ReadOnlyStorage


def test_a_second_holder_is_refused_with_the_first_ones_details(tmp_path: Path) -> None:
    with writer_lock(tmp_path, "export"):
        holder = folder_holder(tmp_path)
        assert holder is not None and holder.command == "export" and holder.pid == os.getpid()
        with pytest.raises(FolderInUse) as refused:
            FolderLock(tmp_path, "import").acquire()
        assert "perintah 'export'" in refused.value.message.id
        assert f"process {os.getpid()}, since " in refused.value.message.en
    assert folder_holder(tmp_path) is None
    assert not (tmp_path / app_lock.LOCK_FILE).exists()  # let go: the file is gone


@pytest.mark.skipif(os.name == "nt", reason="POSIX flock")
def test_a_file_left_by_a_killed_holder_is_taken_over(tmp_path: Path) -> None:
    (tmp_path / app_lock.LOCK_FILE).write_text("999999\npython3\nhost\n", encoding="utf-8")
    with writer_lock(tmp_path, "db restore") as lock:
        assert lock.held
        assert app_lock.read_holder(lock.path).command == "db restore"


def test_a_folder_that_cannot_be_written_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(app_lock.os, "open", denied)
    with pytest.raises(ReadOnlyStorage):
        FolderLock(tmp_path, "import").acquire()


def test_taking_the_lock_sweeps_a_head_file_a_killed_writer_left_half_written(
    tmp_path: Path,
) -> None:
    """A kill while the chain-head file was being replaced leaves its temporary twin; the next
    command holding the folder removes it even when it writes no head itself (an import found
    already done), and the head file stays as it was."""
    head = tmp_path / HEAD_FILE
    head.write_text('{"seq": 7}\n', encoding="utf-8")
    leftover = tmp_path / f".{HEAD_FILE}.4242.tmp"
    leftover.write_text('{"seq": 8', encoding="utf-8")
    with writer_lock(tmp_path, "import"):
        pass
    assert not leftover.exists()
    assert head.read_text(encoding="utf-8") == '{"seq": 7}\n'
