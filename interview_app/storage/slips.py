"""The slip ledger: the slips issued at this workstation, their numbers (never reused),
payloads and print counts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from interview_app.storage.database import Database
from interview_app.storage.rows import named_row, named_rows


@dataclass(frozen=True)
class SlipRow:
    slip_no: str
    kind: str
    interview_uuid: str
    revision: int
    issued_at: str
    issued_on: dt.date
    outcome: str
    payload: str
    prints: int
    last_printed_at: str | None


_SELECT = (
    "SELECT slip_no, kind, interview_uuid, revision, issued_at, issued_on, outcome, payload,"
    " prints, last_printed_at FROM slips"
)


def _slip(row: sqlite3.Row | None) -> SlipRow | None:
    if row is None:
        return None
    return SlipRow(
        slip_no=row["slip_no"],
        kind=row["kind"],
        interview_uuid=row["interview_uuid"],
        revision=int(row["revision"]),
        issued_at=row["issued_at"],
        issued_on=dt.date.fromisoformat(row["issued_on"]),
        outcome=row["outcome"],
        payload=row["payload"],
        prints=int(row["prints"]),
        last_printed_at=row["last_printed_at"],
    )


class SlipLedger:
    """The `slips` and `slip_counters` tables (storage/schema.py, m007)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def find(self, interview_uuid: str, revision: int, kind: str) -> SlipRow | None:
        return _slip(
            named_row(
                self._database.conn,
                f"{_SELECT} WHERE interview_uuid = ? AND revision = ? AND kind = ?",
                (interview_uuid, revision, kind),
            )
        )

    def by_number(self, slip_no: str) -> SlipRow | None:
        return _slip(named_row(self._database.conn, f"{_SELECT} WHERE slip_no = ?", (slip_no,)))

    def letter_numbers(self, kind: str = "rujukan") -> dict[str, str]:
        """Interview uuid -> the number of its newest letter of `kind` (the latest revision's)."""
        rows = named_rows(
            self._database.conn,
            "SELECT interview_uuid, slip_no FROM slips WHERE kind = ? ORDER BY revision, issued_at",
            (kind,),
        )
        return {row["interview_uuid"]: row["slip_no"] for row in rows}

    def issue(
        self,
        *,
        prefix: str,
        kind: str,
        interview_uuid: str,
        revision: int,
        issued_at: str,
        issued_on: dt.date,
        outcome: str,
        payload_for: Callable[[str], str],
        number_for: Callable[[int], str] | None = None,
    ) -> SlipRow:
        """Take the next number of `prefix` in the year and record the slip (no print yet):
        `number_for(sequence)`, by default `{prefix}/{year}/{seq:05d}`. `payload_for(slip_no)`
        makes the payload. In one transaction (the caller's, when one is open)."""
        year = issued_on.year
        with self._database.transaction() as conn:
            last = named_row(
                conn,
                "INSERT INTO slip_counters (prefix, year, last) VALUES (?, ?, 1)"
                " ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last",
                (prefix, year),
            )
            assert last is not None
            sequence = int(last["last"])
            slip_no = number_for(sequence) if number_for else f"{prefix}/{year}/{sequence:05d}"
            conn.execute(
                "INSERT INTO slips (slip_no, kind, interview_uuid, revision, issued_at, issued_on,"
                " outcome, payload, prints) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    slip_no,
                    kind,
                    interview_uuid,
                    revision,
                    issued_at,
                    issued_on.isoformat(),
                    outcome,
                    payload_for(slip_no),
                ),
            )
            found = self.by_number(slip_no)
        assert found is not None
        return found

    def count_print(self, slip_no: str, expected_prints: int, printed_at: str) -> bool:
        """Count one more print; false when someone else printed meanwhile (the copy number
        the PDF carries would then be wrong). In the caller's transaction when one is open."""
        with self._database.transaction() as conn:
            cursor = conn.execute(
                "UPDATE slips SET prints = prints + 1, last_printed_at = ?"
                " WHERE slip_no = ? AND prints = ?",
                (printed_at, slip_no, expected_prints),
            )
            return cursor.rowcount == 1
