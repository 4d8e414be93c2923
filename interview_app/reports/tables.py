"""Interview rows as CSV (UTF-8 with BOM) or XLSX bytes, safe from spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from interview_app.reports.interview_rows import COLUMNS
from interview_app.reports.recap import Recap
from interview_app.reports.referral_funnel import FUNNEL_HEADERS

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV
# injection); in CSV such text gets a leading apostrophe, in XLSX it is stored as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableColumn(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def header(self) -> str: ...


def _csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows_to_csv(rows: list[dict[str, Any]], columns: Sequence[TableColumn] = COLUMNS) -> bytes:
    """RFC 4180 CSV with a BOM, so spreadsheet programs read the Indonesian text as UTF-8."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([_csv_safe(row[column.key]) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    return value


def rows_to_xlsx(
    rows: list[dict[str, Any]],
    recap: Recap | None = None,
    columns: Sequence[TableColumn] = COLUMNS,
    sheet_name: str = "Wawancara",
) -> bytes:
    """A workbook with the rows (header frozen) and, given a recap, a summary sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            12, len(column.header) // 2 + 4
        )
    sheet.append([_cell(sheet, column.header) for column in columns])
    for row in rows:
        sheet.append([_cell(sheet, row[column.key]) for column in columns])
    if recap is not None:
        summary = workbook.create_sheet("Ringkasan")
        summary.column_dimensions["A"].width = 48
        summary.column_dimensions["B"].width = 14
        totals = recap.totals
        lines: list[tuple[str, Any]] = [
            ("Kantor / Office", recap.office_name),
            ("Periode / Period", f"{recap.period.start} - {recap.period.end}"),
            ("Wawancara selesai / Completed interviews", totals.completed),
            ("Dirujuk ke BP3MI / Referred to BP3MI", totals.referred_bp3mi),
            ("Tanda bahaya berat / Hard red flag", totals.hard_flag),
            ("Keputusan beda dari saran / Overrides", totals.overrides),
            ("Belum selesai / Drafts", totals.drafts),
            ("Dibatalkan / Voided", totals.voided),
            ("", ""),
            ("Hasil / Outcome", "Jumlah / Count"),
        ]
        lines += [(f"{o.key} {o.label.id}".strip(), o.count) for o in recap.outcomes]
        for label, value in lines:
            summary.append([_cell(summary, label), _cell(summary, value)])
        if recap.referrals:
            summary.append([])
            summary.append([_cell(summary, header) for header in FUNNEL_HEADERS])
            for month in recap.referrals:
                summary.append(
                    [
                        _cell(summary, month.month),
                        month.referred,
                        month.receipts,
                        month.came_back,
                        month.closed,
                        month.overdue,
                    ]
                )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
