"""`interview-app bench [--quick] [--json FILE] [--only NAME...]`: measure and print figures."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from interview_app.bench.harness import SLOW, BenchContext, registered, render_table, write_json


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("bench", help="ukur kinerja / measure performance")
    parser.add_argument("--quick", action="store_true", help="data lebih kecil / smaller data sets")
    parser.add_argument("--json", metavar="FILE", help="tulis hasil JSON / write JSON results")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="hanya angka ini / only these figures (bundle_size_ratio runs only when named here)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    measures = registered()
    names = args.only or [name for name in measures if name not in SLOW]
    unknown = [n for n in names if n not in measures]
    if unknown:
        sys.stderr.write(f"angka tidak dikenal / unknown figures: {', '.join(unknown)}\n")
        return 2
    figures = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="interview-bench-") as workdir:
        for name in names:
            print(f"… {name}", file=sys.stderr, flush=True)
            try:
                figures.append(
                    measures[name](BenchContext(quick=args.quick, workdir=Path(workdir) / name))
                )
            except Exception as exc:  # one broken measurement must not lose the others
                failed.append(name)
                sys.stderr.write(f"{name} GAGAL / FAILED: {type(exc).__name__}: {exc}\n")
    if figures:
        print(render_table(figures))
        if args.json:
            write_json(figures, Path(args.json))
    if failed:
        sys.stderr.write(f"gagal diukur / not measured: {', '.join(failed)}\n")
        return 1
    return 0
