"""`interview-app demo-data`: a demo office with accounts and synthetic interviews."""

from __future__ import annotations

import argparse

from interview_app.cli import data_dir_argument
from interview_app.demo import create_demo_office
from interview_app.storage.paths import resolve_data_dir


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("demo-data", help="buat kantor demo / make a demo office")
    data_dir_argument(parser)
    parser.add_argument(
        "--count", type=int, default=200, help="jumlah wawancara / number of interviews"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.count < 0:
        raise SystemExit("--count harus ≥ 0 / --count must be ≥ 0")
    data_dir = resolve_data_dir(args.data_dir)
    office = create_demo_office(data_dir, count=args.count, seed=args.seed)
    print(f"Kantor demo / demo office {office.office_code} di/in {office.data_dir}")
    print(f"{office.interviews} wawancara dibuat / interviews created")
    print("Akun (kata sandi hanya ditampilkan sekali) / accounts (passwords shown once):")
    for account in office.accounts:
        print(f"  {account.role:<10} {account.username:<12} {account.password}")
    return 0
