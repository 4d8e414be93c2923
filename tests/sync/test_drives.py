"""Removable drives are found where the system mounts them; unreadable ones are left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.sync import drives


def test_mounted_sticks_are_listed_with_free_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    media = tmp_path / "media" / "petugas"
    (media / "FLASHDISK").mkdir(parents=True)
    (media / "KINGSTON 16GB").mkdir()
    monkeypatch.setenv("USER", "petugas")
    real_path = drives.Path

    def rooted(*parts: str) -> Path:
        joined = real_path(*parts)
        if joined.is_absolute() and str(joined).startswith(("/media", "/run/media", "/Volumes")):
            return tmp_path / str(joined).lstrip("/")
        return joined

    monkeypatch.setattr(drives, "Path", rooted)
    found = drives._mounted_drives()
    assert [d.label for d in found] == ["FLASHDISK", "KINGSTON 16GB"]
    assert all(d.free_bytes > 0 for d in found)


def test_no_media_folders_means_no_drives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "nobody-here-7f3a")
    assert all(d.path.exists() for d in drives._mounted_drives())
