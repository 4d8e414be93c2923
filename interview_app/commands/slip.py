"""`interview-app slip render|verify`: print an interview's slip to PDF; check a slip's QR code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_app.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, data_dir_argument
from interview_app.errors import KnownError
from interview_app.storage.database import open_database
from interview_app.storage.paths import database_path, resolve_data_dir


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("slip", help="slip rujukan BP3MI / BP3MI referral slip")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    render = actions.add_parser("render", help="cetak slip ke PDF / write the slip as PDF")
    data_dir_argument(render)
    render.add_argument("--interview", required=True, metavar="REF_OR_UUID")
    render.add_argument("--out", required=True, metavar="FILE.pdf")
    render.add_argument(
        "--reprint",
        action="store_true",
        help="cetak ulang, ditandai SALINAN ke-N / reprint, marked as copy N",
    )
    render.add_argument(
        "--summary",
        action="store_true",
        help="ringkasan wawancara, bukan slip rujukan / interview summary, not the referral slip",
    )
    render.set_defaults(handler=run_render)
    verify = actions.add_parser("verify", help="periksa keaslian slip / check a slip is genuine")
    verify.add_argument("file", nargs="?", metavar="FILE.pdf")
    verify.add_argument("--payload", metavar="TEXT", help="teks dari pemindai QR / QR reader text")
    data_dir_argument(verify)
    verify.set_defaults(handler=run_verify)


def _data_dir(value: str | None) -> Path:
    data_dir = resolve_data_dir(value)
    if not database_path(data_dir).exists():
        raise KnownError(
            f"Tidak ada basis data di {data_dir}.", f"There is no database in {data_dir}."
        )
    return data_dir


def run_render(args: argparse.Namespace) -> int:
    from interview_app.slip.content import SUMMARY
    from interview_app.slip.render import render_slip

    data_dir = _data_dir(args.data_dir)
    database = open_database(data_dir)
    try:
        slip = render_slip(
            database,
            data_dir,
            args.interview,
            Path(args.out),
            reprint=args.reprint,
            kind=SUMMARY if args.summary else None,
        )
    finally:
        database.close()
    copy = f" (SALINAN ke-{slip.copy_number})" if slip.copy_number > 1 else ""
    print(f"Slip {slip.slip_no}{copy} tersimpan / written: {args.out}")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from interview_app.slip.lookup import check_slip_code
    from interview_app.slip.verify import payload_from_pdf

    if bool(args.file) == bool(args.payload):
        sys.stderr.write(
            "kesalahan penggunaan / usage error: sebutkan FILE.pdf atau --payload TEXT (salah "
            "satu) / give FILE.pdf or --payload TEXT (one of them)\n"
        )
        return EXIT_USAGE
    text = args.payload if args.payload else payload_from_pdf(Path(args.file))
    data_dir = _data_dir(args.data_dir)
    database = open_database(data_dir)
    try:
        outcome = check_slip_code(database, data_dir, text)
    finally:
        database.close()
    if not outcome.genuine:
        sys.stderr.write(f"{outcome.result.reason.id}\n{outcome.result.reason.en}\n")
        for warning in outcome.warnings:
            sys.stderr.write(f"{warning.id}\n{warning.en}\n")
        return EXIT_REFUSED
    print(outcome.result.reason.id)
    print(outcome.result.reason.en)
    for fact in outcome.facts:
        print(f"  {fact.label.id} / {fact.label.en}: {fact.value}")
    for warning in outcome.warnings:
        print(f"! {warning.id}")
        print(f"! {warning.en}")
    return EXIT_OK
