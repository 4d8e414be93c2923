"""`interview-app sync conflicts list|show|resolve`: the versions imports set aside.

Only the arguments live here; the work is in interview_app.commands.sync_conflicts_handlers,
imported when the command runs."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from interview_app.commands.admin import supervisor_arguments


def _lazy(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        module = importlib.import_module("interview_app.commands.sync_conflicts_handlers")
        return int(module.COMMANDS[name](args))

    return run


def register(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help="sinkronisasi / sync")
    groups = sync.add_subparsers(dest="group", metavar="GROUP", required=True)
    conflicts = groups.add_parser(
        "conflicts", help="konflik yang disisihkan impor / conflicts set aside by imports"
    )
    actions = conflicts.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="daftar / list")
    supervisor_arguments(listing)
    listing.add_argument(
        "--all",
        action="store_true",
        help="juga yang sudah diselesaikan / resolved ones too",
    )
    listing.set_defaults(handler=_lazy("list"))

    show = actions.add_parser("show", help="kedua versi / both versions")
    supervisor_arguments(show)
    show.add_argument("id", type=int, metavar="ID")
    show.set_defaults(handler=_lazy("show"))

    resolve = actions.add_parser("resolve", help="pertahankan satu versi / keep one version")
    supervisor_arguments(resolve)
    resolve.add_argument("id", type=int, metavar="ID")
    resolve.add_argument(
        "--keep",
        required=True,
        choices=("local", "incoming"),
        help="versi di sini atau versi masuk / the local or the incoming version",
    )
    resolve.add_argument(
        "--reason", required=True, metavar="TEXT", help="alasan (wajib) / reason (required)"
    )
    resolve.set_defaults(handler=_lazy("resolve"))
