"""`interview-app gui [--data-dir D] [--demo] [--no-crash-dialog]`: the officer's desktop app."""

from __future__ import annotations

import argparse

from interview_app.cli import data_dir_argument


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("gui", help="buka aplikasi / open the desktop app")
    data_dir_argument(parser)
    parser.add_argument(
        "--demo", action="store_true", help="kantor demo siap pakai / a ready demo office"
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help="tanpa dialog galat (uji) / no crash dialog (tests)",
    )
    parser.add_argument(
        "--script", help=argparse.SUPPRESS
    )  # screenshots and kill tests drive the app
    parser.add_argument(
        "--quit-when-idle", action="store_true", help=argparse.SUPPRESS
    )  # start-up figure
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Qt is imported only when the window is wanted: every other command stays light.
    from interview_app.ui.app import run as run_app

    return run_app(
        args.data_dir,
        demo=args.demo,
        crash_dialog=not args.no_crash_dialog,
        script=args.script,
        quit_when_idle=args.quit_when_idle,
    )
