"""`interview-app report`: the recap PDF, or the interviews as CSV/XLSX, for a date range."""

from __future__ import annotations

import argparse
from pathlib import Path

from interview_app.commands.admin import date_argument, supervisor_arguments


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "report", help="rekap PDF atau ekspor CSV/XLSX / PDF recap or CSV/XLSX export"
    )
    supervisor_arguments(parser)
    parser.add_argument(
        "--from", dest="date_from", required=True, type=date_argument, metavar="DATE"
    )
    parser.add_argument("--to", dest="date_to", required=True, type=date_argument, metavar="DATE")
    parser.add_argument(
        "--out", required=True, metavar="FILE", help="berkas .pdf, .csv atau .xlsx / file"
    )
    parser.add_argument(
        "--redacted",
        action="store_true",
        help="samarkan NIK, nama dan telepon / mask NIK, names and phone numbers",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: reportlab and openpyxl load only when a report is made.
    from interview_app.reports.recap import Period
    from interview_app.reports.writer import write_report
    from interview_app.supervision.admin_cli import supervisor_session

    period = Period.of(args.date_from, args.date_to)
    with supervisor_session(args) as session:
        result = write_report(session, period, Path(args.out), redacted=args.redacted)
    print(result.message().id)
    print(result.message().en)
    return 0
