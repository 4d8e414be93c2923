"""The outside anchor of a workstation's audit chain: the newest chain head that its packages
left in another workstation's database (`sync_anchors`). `db check --anchors-from` uses it
to notice a chain that was cut short after the export."""

from __future__ import annotations

from pathlib import Path

from interview_app.storage.paths import database_path
from interview_app.storage.sync_peers import newest_anchor_in, workstation_in


def workstation_of(database_file: Path) -> str | None:
    """The workstation id a database file belongs to (its settings), read only."""
    return workstation_in(Path(database_file))


def newest_anchor(other_data_dir: Path, workstation_id: str) -> tuple[int, str] | None:
    """The newest (audit seq, hash) of `workstation_id` held in the database of
    `other_data_dir`, or None when no package of that workstation was imported there."""
    return newest_anchor_in(database_path(Path(other_data_dir)), workstation_id)
