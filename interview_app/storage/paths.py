"""Where the data folder is: --data-dir, else INTERVIEW_APP_DATA_DIR, else local app data."""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath

from interview_app.storage.errors import StorageLocationError

ENV_DATA_DIR = "INTERVIEW_APP_DATA_DIR"
WINDOWS_FOLDER_NAME = "AsistenWawancara"
POSIX_FOLDER_NAME = "asisten-wawancara"
DATABASE_FILE_NAME = "interviews.sqlite3"

_DRIVE_REMOTE = 4  # GetDriveTypeW


def default_data_dir(*, windows: bool | None = None) -> Path:
    """The platform's local (never roaming, never synced) application-data folder."""
    windows = os.name == "nt" if windows is None else windows
    if windows:
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / WINDOWS_FOLDER_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / POSIX_FOLDER_NAME


def _refuse(path: str, reason_id: str, reason_en: str) -> StorageLocationError:
    return StorageLocationError(
        f"Folder data {path} tidak dapat dipakai: {reason_id}. Basis data harus berada di disk "
        "lokal komputer ini (bukan folder jaringan, flashdisk, atau folder yang disinkronkan "
        "ke awan seperti OneDrive).",
        f"The data folder {path} cannot be used: {reason_en}. The database must live on this "
        "computer's local disk (not a network folder, a USB stick or a cloud-synced folder "
        "such as OneDrive).",
    )


def check_local_path(path: str, *, windows: bool | None = None) -> None:
    """Refuse a network (UNC) path or a OneDrive folder on Windows; KnownError if refused."""
    windows = os.name == "nt" if windows is None else windows
    if not windows:
        return
    normalized = path.replace("/", "\\")
    lowered = normalized.lower()
    if lowered.startswith("\\\\?\\unc\\") or (
        normalized.startswith("\\\\") and not normalized.startswith(("\\\\?\\", "\\\\.\\"))
    ):
        raise _refuse(path, "ini adalah folder jaringan (UNC)", "it is a network (UNC) path")
    parts = [part.lower() for part in PureWindowsPath(normalized).parts]
    synced_roots = [
        os.environ.get(name, "") for name in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
    ]
    if any(part == "onedrive" or part.startswith("onedrive - ") for part in parts) or any(
        root and lowered.startswith(root.replace("/", "\\").lower().rstrip("\\") + "\\")
        for root in synced_roots
    ):
        raise _refuse(path, "folder ini disinkronkan oleh OneDrive", "it is synced by OneDrive")
    if os.name == "nt" and len(normalized) >= 2 and normalized[1] == ":":
        import ctypes  # Windows only: a mapped network drive letter is as bad as a UNC path

        drive_type = ctypes.windll.kernel32.GetDriveTypeW(normalized[:2] + "\\")  # type: ignore[attr-defined]
        if drive_type == _DRIVE_REMOTE:
            raise _refuse(path, "drive ini adalah drive jaringan", "the drive is a network drive")


def resolve_data_dir(cli_value: str | None) -> Path:
    """The data folder from the CLI flag, the environment or the platform default; created."""
    raw = cli_value or os.environ.get(ENV_DATA_DIR) or str(default_data_dir())
    check_local_path(raw)
    path = Path(raw).expanduser()
    try:
        path = path.resolve()
        check_local_path(str(path))
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageLocationError(
            f"Folder data {path} tidak dapat dibuat atau dibuka ({exc.strerror}). "
            "Periksa izin folder atau pilih folder lain dengan --data-dir.",
            f"The data folder {path} cannot be created or opened ({exc.strerror}). "
            "Check the folder's permissions or choose another with --data-dir.",
        ) from exc
    return path


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILE_NAME
