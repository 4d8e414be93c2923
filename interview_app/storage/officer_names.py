"""Officers' names by workstation and id: this workstation's accounts and those synced in."""

from __future__ import annotations

from dataclasses import dataclass

from interview_app.storage.database import Database
from interview_app.storage.rows import named_rows
from interview_app.storage.settings import WORKSTATION_ID, SettingsStore


@dataclass(frozen=True)
class OfficerKey:
    """Officer ids are numbered per workstation; with the workstation they name one person."""

    workstation_id: str
    officer_id: int


class OfficerNames:
    """Names for officer ids wherever they were numbered (interviews, review marks and audit
    entries name officers by id)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def local_workstation(self) -> str:
        """This workstation's id (officer ids in `officers` are numbered here)."""
        found = SettingsStore(self._database).get(WORKSTATION_ID)
        return "" if found is None else str(found)

    def all(self) -> dict[OfficerKey, str]:
        """This workstation's accounts, and other workstations' officers that synced packages
        named (a local account wins)."""
        conn = self._database.conn
        local = self.local_workstation()
        names = {
            OfficerKey(local, int(row["id"])): str(row["full_name"])
            for row in named_rows(conn, "SELECT id, full_name FROM officers")
        }
        synced = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_officers'"
        ).fetchone()
        if synced:
            for row in named_rows(
                conn, "SELECT workstation_id, officer_id, full_name FROM sync_officers"
            ):
                key = OfficerKey(str(row["workstation_id"]), int(row["officer_id"]))
                names.setdefault(key, str(row["full_name"]))
        return names
