"""`interview-app gui [--data-dir D] [--demo] [--no-crash-dialog]`: the officer's desktop app."""

from __future__ import annotations

import argparse
import gc

from interview_app.commands.arguments import data_dir_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="buka aplikasi / open the desktop app")
    data_dir_argument(parser)
    parser.add_argument(
        "--demo", action="store_true", help="kantor demo siap pakai / a ready demo office"
    )
    parser.add_argument(
        "--demo-if-new",
        action="store_true",
        help="kantor demo bila folder data belum berisi kantor (perintah README) / the demo "
        "office when the data folder holds no office yet (the README's command)",
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


def _nothing_configured(data_dir_option: str | None) -> bool:
    """No database in the data folder yet: a first start on this machine."""
    from interview_app.storage.paths import database_path, resolve_data_dir

    return not database_path(resolve_data_dir(data_dir_option)).exists()


def run(args: argparse.Namespace) -> int:
    # Start-up makes tens of thousands of long-lived objects (modules, classes, Qt's enums) and
    # almost no garbage: the cyclic collector would only walk them again and again. It is off
    # until the login window is shown and idle; interview_app.ui.app then freezes what start-up
    # made and switches it back on.
    gc.disable()
    try:
        # Qt is imported only when the window is wanted: every other command stays light.
        from interview_app.ui.app import run as run_app
    except BaseException:
        gc.enable()
        raise
    code = run_app(
        args.data_dir,
        demo=args.demo or (args.demo_if_new and _nothing_configured(args.data_dir)),
        crash_dialog=not args.no_crash_dialog,
        script=args.script,
        quit_when_idle=args.quit_when_idle,
    )
    # The window is closed, the database closed, the lock released; the process ends next.
    # Frozen objects are left to the exit instead of one last collection over everything
    # (about 20 ms). Objects still alive at exit get no finalizer call in either case: Python
    # never promises one, and nothing here relies on it.
    gc.freeze()
    return code
