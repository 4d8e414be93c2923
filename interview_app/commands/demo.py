"""`interview-app demo-data`: a demo office with accounts and synthetic interviews."""

from __future__ import annotations

import argparse

from interview_app.commands.arguments import data_dir_argument
from interview_app.commands.credentials import show_new_recovery_code
from interview_app.demo import create_demo_office
from interview_app.errors import KnownError
from interview_app.storage.app_lock import writer_lock
from interview_app.storage.paths import resolve_data_dir

MAX_COUNT = 100_000  # a demo office, not a load test (the bench makes larger data sets)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo-data", help="buat kantor demo / make a demo office")
    data_dir_argument(parser)
    parser.add_argument(
        "--count", type=int, default=200, help="jumlah wawancara / number of interviews"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.count <= MAX_COUNT:
        raise KnownError(
            f"--count harus antara 0 dan {MAX_COUNT:,}.".replace(",", "."),
            f"--count must be between 0 and {MAX_COUNT:,}.",
        )
    data_dir = resolve_data_dir(args.data_dir)
    with writer_lock(data_dir, "demo-data"):
        office = create_demo_office(data_dir, count=args.count, seed=args.seed)
    print(f"Kantor demo / demo office {office.office_code} di/in {office.data_dir}")
    print(f"{office.interviews} wawancara dibuat / interviews created")
    print("Akun (kata sandi hanya ditampilkan sekali) / accounts (passwords shown once):")
    for account in office.accounts:
        print(f"  {account.role:<10} {account.username:<12} {account.password}")
    if office.recovery_code is not None:
        show_new_recovery_code(office.recovery_code)
    return 0
