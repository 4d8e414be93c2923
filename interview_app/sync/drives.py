"""Removable drives a package can be written to: USB sticks by drive letter or mount point."""

from __future__ import annotations

import os
import string
import sys
from dataclasses import dataclass
from pathlib import Path

DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    free_bytes: int


def removable_drives() -> list[Drive]:
    """Drives that look like USB sticks, with their free space. Windows: drive letters whose
    type is removable and that hold media. Elsewhere: folders mounted under /media/USER,
    /run/media/USER and /Volumes."""
    if sys.platform == "win32":
        return _windows_drives()
    return _mounted_drives()


def _windows_drives() -> list[Drive]:
    if sys.platform != "win32":  # also tells the type checker: ctypes.windll is Windows'
        raise OSError("Windows only")
    import ctypes

    kernel32 = ctypes.windll.kernel32
    # No "insert a disk" dialogs for empty card readers while we probe.
    previous = kernel32.SetErrorMode(0x0001)
    try:
        mask = kernel32.GetLogicalDrives()
        drives = []
        for index, letter in enumerate(string.ascii_uppercase):
            if not mask & (1 << index):
                continue
            root = f"{letter}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
                continue
            drive = _describe(Path(root), f"{letter}:")
            if drive is not None:
                drives.append(drive)
        return drives
    finally:
        kernel32.SetErrorMode(previous)


def _mounted_drives() -> list[Drive]:
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    bases = [Path("/media") / user, Path("/run/media") / user, Path("/Volumes")]
    drives = []
    for base in bases:
        try:
            children = sorted(p for p in base.iterdir() if p.is_dir())
        except OSError:
            continue
        for child in children:
            if base == Path("/Volumes") and child.is_symlink():
                continue  # the system disk appears there as a link to /
            drive = _describe(child, child.name)
            if drive is not None:
                drives.append(drive)
    return drives


def _describe(path: Path, label: str) -> Drive | None:
    try:
        usage = os.statvfs(path) if hasattr(os, "statvfs") else None
        if usage is not None:
            free = usage.f_bavail * usage.f_frsize
        else:
            import shutil

            free = shutil.disk_usage(path).free
    except OSError:
        return None  # no media in the slot, or not readable
    return Drive(path, label, free)
