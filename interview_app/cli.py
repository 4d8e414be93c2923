"""The command-line interface: one parser over the same core the app uses."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from interview_app import __version__
from interview_app.commands.arguments import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from interview_app.errors import KnownError

# Each module has register(subparsers); its handlers take the parsed args and return an exit code.
COMMAND_MODULES = (
    "interview_app.commands.questionnaire",
    "interview_app.commands.simulate",
    "interview_app.commands.demo",
    "interview_app.commands.db",
    "interview_app.commands.bench",
    "interview_app.commands.sync",
    "interview_app.commands.sync_conflicts",
    "interview_app.commands.slip",
    "interview_app.commands.selftest",
    "interview_app.commands.report",
    "interview_app.commands.admin",
    "interview_app.commands.gui",
)

# Which module registers each top-level command: a run imports only the module it needs, so
# starting the app does not pay for loading the sync, slip and report code.
COMMAND_OWNERS = {
    "questionnaire": "interview_app.commands.questionnaire",
    "simulate": "interview_app.commands.simulate",
    "demo-data": "interview_app.commands.demo",
    "db": "interview_app.commands.db",
    "bench": "interview_app.commands.bench",
    "export": "interview_app.commands.sync",
    "import": "interview_app.commands.sync",
    "sync-key": "interview_app.commands.sync",
    "setup": "interview_app.commands.sync",
    "sync": "interview_app.commands.sync_conflicts",
    "slip": "interview_app.commands.slip",
    "self-test": "interview_app.commands.selftest",
    "report": "interview_app.commands.report",
    "account": "interview_app.commands.admin",
    "script": "interview_app.commands.admin",
    "settings": "interview_app.commands.admin",
    "audit": "interview_app.commands.admin",
    "retention": "interview_app.commands.admin",
    "gui": "interview_app.commands.gui",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"kesalahan penggunaan / usage error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="interview-app",
        description="Asisten Wawancara — wawancara mendalam pemohon paspor / in-depth interview assistant",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in modules:
        importlib.import_module(module_name).register(subparsers)
    return parser


def _tolerant_console() -> None:
    """A Windows console in cp1252 cannot print every name or sign; never crash on that."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() not in (
            "utf-8",
            "utf8",
        ):
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_console()
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in argv:  # the flag form support calls and build.py use
        argv = ["self-test", *(arg for arg in argv if arg != "--self-test")]
    command = argv[0] if argv and not argv[0].startswith("-") else ("gui" if not argv else None)
    owner = COMMAND_OWNERS.get(command) if command is not None else None
    parser = build_parser((owner,) if owner is not None else COMMAND_MODULES)
    args = parser.parse_args(argv if argv else ["gui"])
    handler = getattr(args, "handler", None)
    if handler is None:
        if "interview_app.commands.gui" in COMMAND_MODULES:
            args = parser.parse_args(["gui", *(argv if argv is not None else sys.argv[1:])])
            handler = args.handler
        else:
            parser.print_help()
            return EXIT_OK
    try:
        return int(handler(args))
    except KnownError as error:
        for problem in getattr(error, "problems", ()):
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"{error.message.id}\n{error.message.en}\n")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
