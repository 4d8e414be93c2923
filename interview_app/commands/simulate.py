"""`interview-app simulate`: run the interview engine headless over an answer file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.interview.simulate import simulate
from interview_app.questionnaire.loader import load_file


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "simulate", help="jalankan wawancara tanpa layar / run an interview headless"
    )
    parser.add_argument("--questionnaire", required=True, metavar="FILE")
    parser.add_argument("--answers", required=True, metavar="FILE.json")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    questionnaire = load_file(args.questionnaire)
    try:
        document = json.loads(Path(args.answers).read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnownError(
            f"berkas jawaban tidak dapat dibaca: {exc.strerror}",
            f"the answer file cannot be read: {exc.strerror}",
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KnownError(
            f"berkas jawaban bukan JSON yang sah: {exc}",
            f"the answer file is not valid JSON: {exc}",
        ) from None
    print(json.dumps(simulate(questionnaire, document), ensure_ascii=False, indent=2))
    return 0
