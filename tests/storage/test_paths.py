"""Where the data folder is, and which folders are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.storage.errors import StorageLocationError
from interview_app.storage.paths import check_local_path, default_data_dir, resolve_data_dir


def test_cli_value_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(tmp_path / "from-env"))
    resolved = resolve_data_dir(str(tmp_path / "from-cli"))
    assert resolved == (tmp_path / "from-cli").resolve()
    assert resolved.is_dir()


def test_environment_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(tmp_path / "from-env" / "nested"))
    assert resolve_data_dir(None) == (tmp_path / "from-env" / "nested").resolve()
    monkeypatch.delenv("INTERVIEW_APP_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    expected = default_data_dir()
    assert resolve_data_dir(None) == expected.resolve()
    assert default_data_dir(windows=True) == tmp_path / "local" / "AsistenWawancara"
    assert default_data_dir(windows=False) == tmp_path / "xdg" / "asisten-wawancara"


@pytest.mark.parametrize(
    "path",
    [r"\\server\share\data", "//server/share/data", r"\\?\UNC\server\share\data"],
)
def test_network_paths_refused_on_windows(path: str) -> None:
    with pytest.raises(StorageLocationError) as caught:
        check_local_path(path, windows=True)
    assert "jaringan" in caught.value.message.id
    assert "network" in caught.value.message.en


def test_onedrive_refused_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OneDrive", r"C:\Users\budi\OneDrive")
    with pytest.raises(StorageLocationError):
        check_local_path(r"C:\Users\budi\OneDrive\Dokumen\data", windows=True)
    with pytest.raises(StorageLocationError):
        check_local_path(r"D:\OneDrive - Kemenimipas\data", windows=True)


@pytest.mark.parametrize("path", [r"C:\Users\budi\AppData\Local\AsistenWawancara", r"\\?\C:\x"])
def test_local_windows_paths_accepted(path: str) -> None:
    check_local_path(path, windows=True)


def test_folder_that_cannot_be_made_is_a_known_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageLocationError):
        resolve_data_dir(str(blocker / "data"))
