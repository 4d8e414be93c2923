"""`interview-app report`: the recap PDF, or the interviews as CSV/XLSX, for a date range."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_app.commands.admin import date_argument, supervisor_arguments


def register(subparsers: argparse._SubParsersAction) -> None:
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
        "--format",
        choices=("htcds",),
        help=(
            "htcds: kasus dirujuk dengan persetujuan, nama kolom Human Trafficking Case Data "
            "Standard (IOM), ke .csv/.xlsx, disamarkan kecuali --full / referred cases with "
            "consent in HTCDS field names, to .csv/.xlsx, redacted unless --full"
        ),
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="htcds: tanpa penyamaran (nama, tanggal lahir, telepon, alamat) / unredacted",
    )
    parser.add_argument(
        "--redacted",
        action="store_true",
        help="samarkan NIK, nama dan telepon / mask NIK, names and phone numbers",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: reportlab and openpyxl load only when a report is made.
    from interview_app.commands.supervisor_signin import supervisor_session
    from interview_app.reports.recap import Period
    from interview_app.supervision.report_export import write_report

    period = Period.of(args.date_from, args.date_to)
    if args.full and args.format != "htcds":
        sys.stderr.write(
            "kesalahan penggunaan / usage error: --full hanya untuk --format htcds / --full is "
            "for --format htcds only\n"
        )
        return 2
    with supervisor_session(args) as session:
        if args.format == "htcds":
            from interview_app.supervision.report_export import write_htcds

            done = write_htcds(session, period, Path(args.out), full=args.full)
            print(done.message().id)
            print(done.message().en)
            return 0
        result = write_report(session, period, Path(args.out), redacted=args.redacted)
    print(result.message().id)
    print(result.message().en)
    return 0
