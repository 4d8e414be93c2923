"""`interview-app simulate`: run the interview engine headless over an answer file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.interview.simulate import simulate
from interview_app.questionnaire.loader import load_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "simulate", help="jalankan wawancara tanpa layar / run an interview headless"
    )
    parser.add_argument("--questionnaire", required=True, metavar="FILE")
    parser.add_argument("--answers", required=True, metavar="FILE.json")
    parser.set_defaults(handler=run)


# An answer file is a few kilobytes (the default script's longest is under 3 KiB); anything
# this large is not one, and is refused before it is read into memory.
MAX_ANSWER_FILE_BYTES = 1024 * 1024


def read_answer_file(path: Path) -> object:
    """The JSON of an answer file, read up to MAX_ANSWER_FILE_BYTES; KnownError otherwise."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_ANSWER_FILE_BYTES + 1)
    except OSError as exc:
        raise KnownError(
            f"berkas jawaban tidak dapat dibaca: {exc.strerror}",
            f"the answer file cannot be read: {exc.strerror}",
        ) from None
    if len(data) > MAX_ANSWER_FILE_BYTES:
        limit = MAX_ANSWER_FILE_BYTES // 1024
        raise KnownError(
            f"berkas jawaban terlalu besar (lebih dari {limit} KiB); berkas jawaban biasanya "
            "hanya beberapa KiB",
            f"the answer file is too large (over {limit} KiB); an answer file is usually a few KiB",
        )
    try:
        return json.loads(data.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KnownError(
            f"berkas jawaban bukan JSON yang sah: {exc}",
            f"the answer file is not valid JSON: {exc}",
        ) from None
    except RecursionError:
        raise KnownError(
            "berkas jawaban bersarang terlalu dalam untuk sebuah berkas jawaban",
            "the answer file is nested too deeply to be an answer file",
        ) from None


def run(args: argparse.Namespace) -> int:
    questionnaire = load_file(args.questionnaire)
    document = read_answer_file(Path(args.answers))
    print(json.dumps(simulate(questionnaire, document), ensure_ascii=False, indent=2))
    return 0
