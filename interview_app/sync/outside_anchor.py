"""The outside anchor of a workstation's audit chain: the newest chain head that its packages
left in another workstation's database (`sync_anchors`). `db check --anchors-from` uses it
to notice a chain that was cut short after the export.

The workstations of one office share the office key, so the page key of the signed-in
session's own database (`Database.key`) opens the other workstation's encrypted file too."""

from __future__ import annotations

from pathlib import Path

from interview_app.storage.paths import database_path
from interview_app.storage.sync_peers import newest_anchor_in, workstation_in


def workstation_of(database_file: Path, *, key: bytes | None = None) -> str | None:
    """The workstation id a database file belongs to (its settings), read only; `key`: the
    page key of an encrypted file."""
    return workstation_in(Path(database_file), key=key)


def newest_anchor(
    other_data_dir: Path, workstation_id: str, *, key: bytes | None = None
) -> tuple[int, str] | None:
    """The newest (audit seq, hash) of `workstation_id` held in the database of
    `other_data_dir`, or None when no package of that workstation was imported there; `key`:
    the page key of an encrypted folder."""
    return newest_anchor_in(database_path(Path(other_data_dir)), workstation_id, key=key)
