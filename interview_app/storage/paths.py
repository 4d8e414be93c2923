"""Where the data folder is: --data-dir, else INTERVIEW_APP_DATA_DIR, else local app data."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

from interview_app.storage.errors import StorageLocationError
from interview_app.storage.folder_access import restrict_folder, restrict_to_owner
from interview_app.text import Message

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
    # sys.platform rather than os.name: the type checker knows ctypes.windll only under it
    if sys.platform == "win32" and len(normalized) >= 2 and normalized[1] == ":":
        import ctypes  # Windows only: a mapped network drive letter is as bad as a UNC path

        drive_type = ctypes.windll.kernel32.GetDriveTypeW(normalized[:2] + "\\")
        if drive_type == _DRIVE_REMOTE:
            raise _refuse(path, "drive ini adalah drive jaringan", "the drive is a network drive")


def chosen_data_dir(cli_value: str | None) -> Path:
    """The data folder from the CLI flag, the environment or the platform default, as given:
    not checked, not created (resolve_data_dir does both)."""
    return Path(cli_value or os.environ.get(ENV_DATA_DIR) or str(default_data_dir()))


def resolve_data_dir(cli_value: str | None) -> Path:
    """The data folder from the CLI flag, the environment or the platform default; created."""
    raw = str(chosen_data_dir(cli_value))
    check_local_path(raw)
    path = Path(raw).expanduser()
    try:
        path = path.resolve()
        check_local_path(str(path))
        created = not path.exists()
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if created:
            restrict_folder(path)  # what it could not do, the self-test reports as advice
        restrict_to_owner(path)
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


def unsafe_output_reason(data_dir: Path, out: Path, *, overwrite: bool) -> Message | None:
    """Why a file the user names for output (a backup, a key file) must not be written there,
    or None: never inside the data folder (office.key, the database), never onto anything but
    a regular file (a folder, a device, a link), never over an existing file unless asked."""
    out = Path(out)
    if not out.name or out.name in (".", ".."):
        return Message("sebutkan nama berkas", "name a file")
    resolved = out.resolve()
    data = Path(data_dir).resolve()
    if resolved == data or data in resolved.parents:
        return Message(
            "tujuan berada di dalam folder data; simpan di tempat lain (flashdisk atau folder "
            "cadangan)",
            "the target is inside the data folder; keep it elsewhere (a stick or a backup folder)",
        )
    if out.is_symlink() or (out.exists() and not out.is_file()):
        return Message(
            "tujuan ada dan bukan berkas biasa (folder, perangkat, atau tautan)",
            "the target exists and is not a regular file (a folder, a device or a link)",
        )
    if out.exists() and not overwrite:
        return Message(
            "berkas itu sudah ada; pilih nama lain atau tambahkan --overwrite",
            "that file exists already; choose another name or add --overwrite",
        )
    return None
