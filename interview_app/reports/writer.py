"""Writing a recap or an export (format from the file name), supervisor-only, whole, logged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.questionnaire.valuetypes import Message
from interview_app.reports.interview_rows import export_rows
from interview_app.reports.recap import Period, build_recap
from interview_app.reports.recap_pdf import render_recap_pdf
from interview_app.reports.tables import rows_to_csv, rows_to_xlsx
from interview_app.storage.writefiles import write_file_atomically
from interview_app.supervision.session import SupervisorSession

FORMATS = ("pdf", "csv", "xlsx")


@dataclass(frozen=True)
class ReportResult:
    path: Path
    format: str
    rows: int  # interviews in the file (the PDF: completed interviews counted)
    redacted: bool

    def message(self) -> Message:
        return Message(
            f"Berkas {self.format.upper()} tersimpan: {self.path} ({self.rows} wawancara).",
            f"{self.format.upper()} file written: {self.path} ({self.rows} interviews).",
        )


def report_format(path: Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise KnownError(
            f"Jenis berkas '{Path(path).name}' tidak dikenal: pakai .pdf, .csv atau .xlsx.",
            f"Unknown file type '{Path(path).name}': use .pdf, .csv or .xlsx.",
        )
    return suffix


def write_report(
    session: SupervisorSession, period: Period, out: Path, *, redacted: bool = False
) -> ReportResult:
    """The PDF recap (aggregates only), or the interviews as CSV/XLSX, optionally with NIK,
    names and phone numbers masked. Written under a temporary name and renamed; the export
    goes into the audit log with its counts."""
    officer = session.require()
    out = Path(out)
    fmt = report_format(out)
    if not out.parent.is_dir():
        raise KnownError(
            f"Folder {out.parent} tidak ada.", f"The folder {out.parent} does not exist."
        )
    recap = build_recap(session.database, period, generated_by=officer.full_name)
    if fmt == "pdf":
        data = render_recap_pdf(recap)
        count = recap.totals.completed
    else:
        rows = export_rows(session.database, period, redacted=redacted)
        data = rows_to_csv(rows) if fmt == "csv" else rows_to_xlsx(rows, recap)
        count = len(rows)
    write_file_atomically(out, data)
    session.audit.append(
        session.actor,
        "report.export",
        "report",
        None,
        {
            "format": fmt,
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "interviews": count,
            "redacted": bool(redacted or fmt == "pdf"),
        },
    )
    return ReportResult(out, fmt, count, redacted)
