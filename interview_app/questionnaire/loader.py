"""Load an interview script file, check all of it, and build the Questionnaire model."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from interview_app.errors import KnownError
from interview_app.questionnaire.builder_base import Problem, line_of
from interview_app.questionnaire.cross_checks import CrossChecks
from interview_app.questionnaire.model import Questionnaire
from interview_app.questionnaire.office_settings import SCRIPT_SETTINGS
from interview_app.questionnaire.questions_builder import QuestionsBuilder
from interview_app.questionnaire.rules_builder import RulesBuilder
from interview_app.questionnaire.yamlsource import YamlProblem, parse_yaml
from interview_app.text import Message

SCRIPT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")


class QuestionnaireError(KnownError):
    """The script was refused; `problems` lists every problem found."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        count = len(problems)
        super().__init__(
            f"naskah {path} ditolak: {count} masalah",
            f"script {path} refused: {count} problem(s)",
        )
        self.path = path
        self.problems = problems


def load_file(path: str | Path) -> Questionnaire:
    """Read and check a script file. Raises QuestionnaireError with every problem."""
    path_text = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise QuestionnaireError(
            path_text,
            [
                Problem(
                    path_text,
                    0,
                    Message(
                        f"berkas tidak dapat dibaca: {exc.strerror}",
                        f"the file cannot be read: {exc.strerror}",
                    ),
                )
            ],
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QuestionnaireError(
            path_text,
            [
                Problem(
                    path_text, 0, Message("berkas bukan teks UTF-8", "the file is not UTF-8 text")
                )
            ],
        ) from None
    return load_text(text, path_text)


def load_text(text: str, path: str = "<naskah>") -> Questionnaire:
    """Parse and check script text. Raises QuestionnaireError with every problem."""
    try:
        data = parse_yaml(text)
    except YamlProblem as exc:
        raise QuestionnaireError(path, [Problem(path, exc.line, exc.message)]) from None
    return load_data(data, path, text)


def load_data(data: Any, path: str = "<naskah>", source: str | None = None) -> Questionnaire:
    """Check an already parsed structure (plain dicts work; LineDicts give line numbers)."""
    builder = _Builder(path)
    try:
        result = builder.build(data, source if source is not None else repr(data))
    except RecursionError:
        builder.problem(0, "struktur terlalu dalam", "structure nested too deeply")
        result = None
    if builder.problems or result is None:
        raise QuestionnaireError(path, sorted(builder.problems, key=lambda p: p.line))
    return result


def content_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class _Builder(QuestionsBuilder, RulesBuilder, CrossChecks):
    """The whole script: its parts built in order, then checked across."""

    # -- the script ------------------------------------------------------------------------
    def build(self, data: Any, source: str) -> Questionnaire | None:
        top = self.mapping(data, line_of(data), "naskah", "the script")
        if top is None:
            return None
        self.unknown_keys(
            top,
            (
                "id",
                "version",
                "title",
                "languages",
                "outcome_codes",
                "choice_lists",
                "constants",
                "office_settings",
                "sections",
                "risk_rules",
                "outcome_rules",
                "suspected_purposes",
            ),
            "naskah",
            "the script",
        )
        languages = top.get("languages", ["id", "en"])
        if (
            not isinstance(languages, list)
            or not all(isinstance(x, str) for x in languages)
            or "id" not in languages
            or "en" not in languages
        ):
            self.problem(
                line_of(top, "languages"),
                "'languages' harus memuat id dan en",
                "'languages' must list id and en",
            )
        else:
            self.languages = tuple(languages)

        script_id = top.get("id")
        if not isinstance(script_id, str) or not SCRIPT_ID_PATTERN.match(script_id):
            self.problem(
                line_of(top, "id"),
                f"id naskah tidak sah: {script_id!r}",
                f"invalid script id: {script_id!r}",
            )
        version = top.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem(
                line_of(top, "version"),
                f"'version' harus bilangan bulat ≥ 1, bukan {version!r}",
                f"'version' must be a whole number ≥ 1, not {version!r}",
            )
        title = self.text(top, "title")

        outcome_codes = self.outcome_codes(top)
        choice_lists = self.choice_lists(top)
        constants, constant_symbols = self.constants(top)
        settings = self.office_settings(top)
        constant_symbols.update({key: SCRIPT_SETTINGS[key].symbol for key in settings})
        sections = self.sections(top, choice_lists)
        questions = {q.id: q for s in sections for q in s.questions}
        risk_rules = self.risk_rules(top)
        outcome_rules = self.outcome_rules(top, {c.code for c in outcome_codes})
        suspected = self.suspected_purposes(top)

        symbols = self.check_expressions(
            sections, questions, risk_rules, outcome_rules, constant_symbols
        )
        self.check_suspected(suspected, risk_rules, symbols)
        order = self.evaluation_order(sections, questions)
        self.check_identity(questions)

        if self.problems or title is None:
            return None
        assert isinstance(script_id, str) and isinstance(version, int)
        return Questionnaire(
            id=script_id,
            version=version,
            title=title,
            languages=self.languages,
            sections=tuple(sections),
            risk_rules=tuple(risk_rules),
            outcome_rules=tuple(outcome_rules),
            outcome_codes=tuple(outcome_codes),
            constants=constants,
            content_hash=content_hash(source),
            source=source,
            path=self.path,
            questions=questions,
            evaluation_order=order,
            symbols=symbols,
            office_settings=tuple(settings),
            suspected_purposes=tuple(suspected),
        )
