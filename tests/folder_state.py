"""Every file of a folder and a digest of its bytes: a refused command left it as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path


def folder_state(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of the content, for every file under `folder` (hidden too)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }
