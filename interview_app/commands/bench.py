"""`interview-app bench [--quick | --smoke | --scale] [--json FILE] [--only NAME...]`: measure
and print figures, each against a baseline taken in the same run."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from interview_app.bench.figures import registered
from interview_app.bench.harness import (
    SCALE_FIGURES,
    SCALE_SIZES,
    SLOW,
    BenchContext,
    Figure,
    machine,
    render_scale_table,
    render_table,
    write_json,
)

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "interview-app-bench-cache"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="ukur kinerja / measure performance")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="data lebih kecil / smaller data sets")
    size.add_argument(
        "--smoke",
        action="store_true",
        help="data sangat kecil, satu ulangan: memeriksa bahwa tiap angka dapat diukur / tiny "
        "data, one repeat: checks that every figure can be measured",
    )
    size.add_argument(
        "--scale",
        action="store_true",
        help="angka penyimpanan pada 10 rb, 100 rb dan 1 jt wawancara / the storage figures "
        "at 10k, 100k and 1M interviews",
    )
    parser.add_argument("--json", metavar="FILE", help="tulis hasil JSON / write JSON results")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="hanya angka ini / only these figures (bundle_size_ratio runs only when named here)",
    )
    parser.add_argument(
        "--cache",
        metavar="DIR",
        default=str(DEFAULT_CACHE),
        help="folder data uji yang disimpan antar-jalan / folder keeping generated data sets "
        f"between runs (default {DEFAULT_CACHE})",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="bangun data uji baru dan buang setelahnya / build data sets afresh, then drop them",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    measures = registered()
    if args.scale:
        names = args.only or list(SCALE_FIGURES)
        sizes: tuple[int | None, ...] = SCALE_SIZES
    else:
        names = args.only or [name for name in measures if name not in SLOW]
        sizes = (None,)
    unknown = [n for n in names if n not in measures]
    runs = [
        (size, name)
        for size in sizes
        for name in names
        if size is None or size in SCALE_FIGURES.get(name, SCALE_SIZES)
    ]
    if unknown:
        sys.stderr.write(f"angka tidak dikenal / unknown figures: {', '.join(unknown)}\n")
        return 2
    mode = "scale" if args.scale else "smoke" if args.smoke else "quick" if args.quick else "full"
    machine_before = machine()
    started = time.perf_counter()
    measured: list[tuple[int | None, Figure]] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="interview-bench-") as workdir:
        cache = None if args.no_cache else Path(args.cache)
        for interviews, name in runs:
            label = name if interviews is None else f"{name} @ {interviews:,}"
            print(f"… {label}", file=sys.stderr, flush=True)
            context = BenchContext(
                quick=args.quick,
                workdir=Path(workdir) / (name if interviews is None else f"{name}-{interviews}"),
                smoke=args.smoke,
                cache=cache,
                interviews=interviews,
            )
            began = time.perf_counter()
            try:
                measured.append((interviews, measures[name](context)))
            except Exception as exc:  # one broken measurement must not lose the others
                failed.append(label)
                sys.stderr.write(f"{label} GAGAL / FAILED: {type(exc).__name__}: {exc}\n")
            else:
                print(f"  {label}: {time.perf_counter() - began:.0f} s", file=sys.stderr)
    figures = [f for _, f in measured]
    info = dict(machine_before, load_average_after=machine()["load_average_1_5_15"])
    info["seconds"] = round(time.perf_counter() - started, 1)
    if figures:
        if args.scale:
            print(render_scale_table(measured))
        else:
            print(render_table(figures))
        print(
            f"\n{info['cores']} cores, {info['os']}, Python {info['python']}, PySide6 "
            f"{info['pyside6']}, SQLite {info['sqlite']}; load average before "
            f"{info['load_average_1_5_15']}, after {info['load_average_after']}; "
            f"{info['seconds']} s"
        )
        if args.json:
            write_json(measured, Path(args.json), mode=mode, machine_info=info)
    if failed:
        sys.stderr.write(f"gagal diukur / not measured: {', '.join(failed)}\n")
        return 1
    return 0
