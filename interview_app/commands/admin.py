"""`interview-app account|script|settings|audit|retention`: supervisor operations for IT admins.

Only the arguments live here; the work is in interview_app.commands.admin_handlers, imported
when a command runs, so that every start of the app does not pay for it."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from collections.abc import Callable

from interview_app.commands.arguments import data_dir_argument
from interview_app.commands.credentials import credential_arguments
from interview_app.commands.secret_input import ENV_NEW_PASSWORD

Runner = Callable[[argparse.Namespace], int]


def supervisor_arguments(parser: argparse.ArgumentParser) -> None:
    """--data-dir, --as, --password-file and --recovery-code-file: who acts and where."""
    data_dir_argument(parser)
    credential_arguments(parser)


def new_password_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-password-file",
        metavar="FILE",
        help=f"kata sandi baru / the new password (or {ENV_NEW_PASSWORD})",
    )


def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal YYYY-MM-DD / date YYYY-MM-DD: {text}") from None


def _lazy(name: str) -> Runner:
    def run(args: argparse.Namespace) -> int:
        module = importlib.import_module("interview_app.commands.admin_handlers")
        return int(module.COMMANDS[name](args))

    return run


def _leaf(
    actions: argparse._SubParsersAction,
    group: str,
    name: str,
    help_text: str,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
    supervisor_arguments(parser)
    parser.set_defaults(handler=_lazy(f"{group} {name}"))
    return parser


def _group(
    subparsers: argparse._SubParsersAction,
    name: str,
    help_text: str,
) -> argparse._SubParsersAction:
    parser = subparsers.add_parser(name, help=help_text)
    actions: argparse._SubParsersAction = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    return actions


def register(subparsers: argparse._SubParsersAction) -> None:
    acts = _group(subparsers, "account", "akun petugas / officer accounts")
    _leaf(acts, "account", "list", "daftar akun / list accounts")
    create = _leaf(acts, "account", "create", "buat akun / create an account")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="nama lengkap / full name")
    create.add_argument("--nip", help="NIP")
    create.add_argument("--role", choices=("officer", "supervisor"), default="officer")
    new_password_argument(create)
    for name, help_text in (
        ("deactivate", "nonaktifkan / deactivate"),
        ("activate", "aktifkan lagi / activate again"),
        ("unlock", "buka kunci / unlock"),
    ):
        _leaf(acts, "account", name, help_text).add_argument("username")
    reset = _leaf(acts, "account", "reset-password", "atur ulang sandi / reset a password")
    reset.add_argument("username")
    new_password_argument(reset)
    change = _leaf(acts, "account", "change-password", "ganti sandi sendiri / change own password")
    new_password_argument(change)
    _leaf(
        acts,
        "account",
        "new-recovery-code",
        "kode pemulihan kantor baru (yang lama tidak berlaku) / a new office recovery code "
        "(the old one stops working)",
    )

    acts = _group(subparsers, "script", "naskah wawancara / interview scripts")
    _leaf(acts, "script", "list", "daftar naskah / list scripts")
    _leaf(acts, "script", "install", "pasang / install").add_argument("file")
    diff = _leaf(acts, "script", "diff", "bandingkan / compare")
    diff.add_argument("file")
    diff.add_argument(
        "--against", metavar="HASH", help="naskah pembanding / compare with (default: active)"
    )
    _leaf(acts, "script", "activate", "aktifkan / activate").add_argument("hash")

    acts = _group(subparsers, "settings", "pengaturan kantor / office settings")
    _leaf(acts, "settings", "list", "semua / all")
    _leaf(acts, "settings", "get", "baca / read").add_argument("key")
    set_parser = _leaf(acts, "settings", "set", "ubah / change")
    set_parser.add_argument("key")
    set_parser.add_argument("value")

    acts = _group(subparsers, "audit", "log audit / audit log")
    listing = _leaf(acts, "audit", "list", "tampilkan / list")
    listing.add_argument("--from", dest="date_from", type=date_argument, metavar="DATE")
    listing.add_argument("--to", dest="date_to", type=date_argument, metavar="DATE")
    listing.add_argument(
        "--action",
        dest="action_filter",
        metavar="ACTION",
        help="mis./e.g. login. atau/or login.failed",
    )
    listing.add_argument("--actor", metavar="ACTOR", help="mis./e.g. officer:2")
    listing.add_argument("--limit", type=int, default=200)
    _leaf(acts, "audit", "check", "periksa rantai / check the chain")

    acts = _group(subparsers, "retention", "masa simpan data / data retention")
    _leaf(acts, "retention", "dry-run", "uji coba / dry run")
    purge = _leaf(acts, "retention", "purge", "hapus / purge")
    purge.add_argument("--yes", action="store_true", help="benar-benar hapus / really delete")
