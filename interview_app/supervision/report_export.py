"""Writing a recap or an export (format from the file name), supervisor-only, whole, logged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.reports.interview_rows import export_rows
from interview_app.reports.recap import Period, build_recap
from interview_app.reports.recap_pdf import render_recap_pdf
from interview_app.reports.tables import rows_to_csv, rows_to_xlsx
from interview_app.storage.writefiles import write_file_atomically
from interview_app.supervision.session import SupervisorSession
from interview_app.text import Message

FORMATS = ("pdf", "csv", "xlsx")
HTCDS = "htcds"  # --format htcds: referred cases in HTCDS field names, to .csv or .xlsx


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


@dataclass(frozen=True)
class HtcdsResult:
    path: Path
    rows: int
    full: bool

    def message(self) -> Message:
        shown = "lengkap" if self.full else "disamarkan"
        return Message(
            f"Ekspor HTCDS tersimpan: {self.path} ({self.rows} kasus dirujuk, {shown}).",
            f"HTCDS export written: {self.path} ({self.rows} referred cases, "
            f"{'full' if self.full else 'redacted'}).",
        )


def write_htcds(
    session: SupervisorSession, period: Period, out: Path, *, full: bool = False
) -> HtcdsResult:
    """Referred cases with consent in HTCDS field names (reports/htcds.py) to .csv or .xlsx;
    personal fields masked unless `full`. Supervisor only, written whole, audit-logged."""
    from interview_app.reports.htcds import HTCDS_FIELDS, htcds_rows
    from interview_app.storage.slips import SlipLedger

    session.require()
    out, fmt = _target(out)
    if fmt == "pdf":
        raise KnownError(
            "Ekspor HTCDS ditulis ke .csv atau .xlsx, bukan .pdf.",
            "The HTCDS export is written to .csv or .xlsx, not .pdf.",
        )
    rows = htcds_rows(
        session.database,
        session.audit,
        period,
        full=full,
        letters=SlipLedger(session.database).letter_numbers(),
    )
    if fmt == "csv":
        data = rows_to_csv(rows, HTCDS_FIELDS)
    else:
        data = rows_to_xlsx(rows, columns=HTCDS_FIELDS, sheet_name="HTCDS")
    _write_logged(session, out, data, f"{HTCDS}-{fmt}", period, len(rows), redacted=not full)
    return HtcdsResult(out, len(rows), full)


def _target(out: Path) -> tuple[Path, str]:
    """The output path and its format; KnownError for an unknown type or a missing folder."""
    out = Path(out)
    fmt = report_format(out)
    if not out.parent.is_dir():
        raise KnownError(
            f"Folder {out.parent} tidak ada.", f"The folder {out.parent} does not exist."
        )
    return out, fmt


def _write_logged(
    session: SupervisorSession,
    out: Path,
    data: bytes,
    fmt: str,
    period: Period,
    count: int,
    *,
    redacted: bool,
) -> None:
    """Write the file whole, then enter the export in the audit log with its counts."""
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
            "redacted": redacted,
        },
    )


def write_report(
    session: SupervisorSession, period: Period, out: Path, *, redacted: bool = False
) -> ReportResult:
    """The PDF recap (aggregates only), or the interviews as CSV/XLSX, optionally with NIK,
    names and phone numbers masked. Written under a temporary name and renamed; the export
    goes into the audit log with its counts."""
    officer = session.require()
    out, fmt = _target(out)
    recap = build_recap(session.database, period, generated_by=officer.full_name)
    if fmt == "pdf":
        data = render_recap_pdf(recap)
        count = recap.totals.completed
    else:
        rows = export_rows(session.database, period, redacted=redacted)
        data = rows_to_csv(rows) if fmt == "csv" else rows_to_xlsx(rows, recap)
        count = len(rows)
    _write_logged(session, out, data, fmt, period, count, redacted=bool(redacted or fmt == "pdf"))
    return ReportResult(out, fmt, count, redacted)
