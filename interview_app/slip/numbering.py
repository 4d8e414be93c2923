"""Slip numbers: the ledger's sequence names, letter numbers from the office's pattern."""

from __future__ import annotations

import datetime as dt
import re

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
DEFAULT_PATTERN = "{kantor}-GR.02.06-{nomor}/{bulan}/{tahun}"
_PLACEHOLDER = re.compile(r"\{(kantor|loket|nomor|bulan|tahun)\}")


def letter_number(
    pattern: str, sequence: int, issued_on: dt.date, office_code: str, station: str | None
) -> str:
    """`W.23.IMI.IMI.1-GR.02.06-{nomor}/{bulan}/{tahun}` with 17 on 3 December 2026 gives
    `W.23.IMI.IMI.1-GR.02.06-0017/XII/2026`. Only these five names are filled in (the pattern is
    office text, never Python's str.format). Several workstations of one office each count
    their own sequence: their code goes into {loket}, or after the number when the pattern
    has no {loket}, so two counters never print the same number."""
    station = (station or "").upper()
    number = f"{sequence:04d}"
    if station and "{loket}" not in pattern:
        number = f"{number}.{station}"
    values = {
        "kantor": office_code.upper(),
        "loket": station,
        "nomor": number,
        "bulan": ROMAN_MONTHS[issued_on.month - 1],
        "tahun": str(issued_on.year),
    }
    return _PLACEHOLDER.sub(lambda found: values[found.group(1)], pattern or DEFAULT_PATTERN)


# Letters (to BP3MI, the applicant, law enforcement) share one sequence per year; the number
# printed comes from the office's pattern (letter_number above).
KIND_WORD = {"rujukan": "SURAT", "ringkasan": "RINGKASAN", "pemohon": "SURAT", "aph": "SURAT"}


def slip_prefix(office_code: str, workstation_code: str | None, kind: str) -> str:
    """The ledger's sequence name: `PLU/SURAT`; with a workstation code (several counters of
    one office) `PLU-A/SURAT`, so that two workstations never hand out the same number."""
    office = office_code.upper() + (f"-{workstation_code.upper()}" if workstation_code else "")
    return f"{office}/{KIND_WORD[kind]}"
