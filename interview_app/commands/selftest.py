"""`interview-app self-test` (also `--self-test`): the headless check run on a build or a PC."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from interview_app.commands.arguments import data_dir_argument
from interview_app.resources_path import resource_path
from interview_app.selftest import ExtraCheck, SelfTestReport, StepResult, run_self_test
from interview_app.storage.paths import resolve_data_dir


def qt_checks(platform: str) -> tuple[tuple[str, ExtraCheck], ...]:
    """The Qt steps on `platform`; interview_app.ui is imported only when they run, so a
    build without a working Qt still runs and reports the other steps."""

    def render(workdir: Path) -> str:
        from interview_app.ui.offscreen_check import render_widget_check

        return render_widget_check(resource_path("fonts", "DejaVuSans.ttf"), platform)

    def print_pdf(workdir: Path) -> str:
        from interview_app.ui.offscreen_check import print_to_pdf_check

        return print_to_pdf_check(workdir / "cetak uji.pdf", platform)

    return (("qt", render), ("cetak", print_pdf))


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "self-test",
        help="uji mandiri tanpa layar / headless self-test",
        description="Membuat kantor uji sementara di dalam folder data, menjalankan wawancara, "
        "slip, sinkron, pemeriksaan basis data dan Qt, lalu melaporkan siapa yang dapat membuka "
        "folder data dan apakah BitLocker menyala (saran untuk TI, bukan kegagalan); basis data "
        "sungguhan tidak disentuh. / Sets up a temporary office inside the data folder and runs "
        "an interview, a slip, a sync round trip, the database checks and Qt, then reports who "
        "may open the data folder and whether BitLocker is on (advice for IT, not a failure); "
        "the real database is not touched.",
    )
    data_dir_argument(parser)
    parser.add_argument(
        "--keep", action="store_true", help="simpan folder uji / keep the test folder"
    )
    parser.add_argument(
        "--report",
        metavar="FILE",
        help="tulis hasil juga ke berkas ini / also write the result to this file (UTF-8)",
    )
    parser.add_argument("--no-qt", action="store_true", help="tanpa langkah Qt / skip the Qt steps")
    parser.add_argument(
        "--qt-platform",
        default="offscreen",
        metavar="NAME",
        help="platform Qt untuk langkah Qt (offscreen, windows, xcb) / Qt platform for the Qt "
        "steps",
    )
    parser.set_defaults(handler=run)


def _printer(report_file: Path | None) -> Callable[[str], None]:
    # The windowed Windows build has no console: sys.stdout may be None there.
    if report_file is not None:
        report_file.parent.mkdir(parents=True, exist_ok=True)
        report_file.write_text("", encoding="utf-8")

    def emit(line: str) -> None:
        if sys.stdout is not None:
            print(line, flush=True)
        if report_file is not None:
            with open(report_file, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")

    return emit


def run(args: argparse.Namespace) -> int:
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        # A console in a legacy code page must not turn a non-ASCII folder name into a crash.
        sys.stdout.reconfigure(errors="replace")
    emit = _printer(Path(args.report) if args.report else None)
    data_dir = resolve_data_dir(args.data_dir)

    def started(report: SelfTestReport) -> None:
        for line in report.header():
            emit(line)

    def step_done(result: StepResult) -> None:
        emit(result.line())

    report = run_self_test(
        data_dir,
        keep=args.keep,
        extra=() if args.no_qt else qt_checks(args.qt_platform),
        on_start=started,
        on_step=step_done,
    )
    for line in report.footer():
        emit(line)
    return 0 if report.ok else 1
