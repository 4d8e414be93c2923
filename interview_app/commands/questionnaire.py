"""`interview-app questionnaire check FILE...`: check interview scripts and list every problem."""

from __future__ import annotations

import argparse
import sys

from interview_app.questionnaire.loader import QuestionnaireError, load_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("questionnaire", help="naskah wawancara / interview scripts")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="periksa naskah / check scripts")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    failed = False
    for path in args.files:
        try:
            questionnaire = load_file(path)
        except QuestionnaireError as error:
            failed = True
            for problem in error.problems:
                sys.stderr.write(f"{problem}\n")
            sys.stderr.write(f"{error.message.id}\n{error.message.en}\n")
            continue
        asked = sum(1 for q in questionnaire.questions.values() if q.takes_answer)
        print(
            f"{path}: OK — {questionnaire.id} versi/version {questionnaire.version}, "
            f"{len(questionnaire.sections)} bagian/sections, {asked} pertanyaan/questions, "
            f"{len(questionnaire.risk_rules)} aturan risiko/risk rules"
        )
    return 1 if failed else 0
