"""Keeping this workstation's reference-number sequence ahead of imported numbers of its form."""

from __future__ import annotations

import re

from interview_app.storage.sync_incoming import IncomingRecords

_TAIL = re.compile(r"^(\d{4})-(\d{6})$")


class RefNumberGuard:
    """Imported interviews whose reference numbers have this workstation's own form
    (`{office}[-{station code}]-{year}-{seq}`: a restored database, or stations set up
    without distinct codes) move the local sequence past them, so the next interview taken
    here never gets a number that is already in the database."""

    def __init__(self, office_code: str, workstation_code: str | None) -> None:
        self._office_code = office_code
        middle = f"-{workstation_code}" if workstation_code else ""
        self._prefix = f"{office_code}{middle}-".upper()
        self._highest: dict[int, int] = {}

    def see(self, ref_no: str) -> None:
        if not ref_no.upper().startswith(self._prefix):
            return
        match = _TAIL.match(ref_no[len(self._prefix) :])
        if match is None:
            return
        year, seq = int(match.group(1)), int(match.group(2))
        self._highest[year] = max(self._highest.get(year, 0), seq)

    def write(self, records: IncomingRecords) -> None:
        """Move the counters past the numbers seen (inside the import's transaction)."""
        records.raise_ref_counters(self._office_code, self._highest)
