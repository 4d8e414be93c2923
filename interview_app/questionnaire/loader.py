"""Load an interview script file, check all of it, and build the Questionnaire model."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app.errors import KnownError
from interview_app.questionnaire import expressions
from interview_app.questionnaire.expressions import Expression, ExpressionError
from interview_app.questionnaire.model import (
    AS_STATED,
    CHOICE_TYPES,
    IDENTITY_FIELDS,
    QUESTION_TYPES,
    RECRUITER_FIELDS,
    TEXT_CHECKS,
    VALUE_TYPES,
    Choice,
    OutcomeCode,
    OutcomeRule,
    Question,
    Questionnaire,
    RiskRule,
    Section,
    SuspectedPurpose,
)
from interview_app.questionnaire.office_settings import SCRIPT_SETTINGS
from interview_app.questionnaire.valuetypes import Symbol, ValueType
from interview_app.questionnaire.yamlsource import LineDict, LineList, YamlProblem, parse_yaml
from interview_app.reference import load_countries, load_regions
from interview_app.text import Message

ID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SCRIPT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
# A suspected purpose may only rest on flags at least this strong (or hard).
STRONG_WEIGHT = 3
RESERVED_NAMES = frozenset(
    {"score", "hard_flag", "and", "or", "not", "in", "true", "false", AS_STATED}
)

# Choice lists a script can take from the shipped tables instead of spelling them out.
SHIPPED_LISTS = ("regencies",)


@functools.cache
def _regency_choices() -> tuple[Choice, ...]:
    regions = load_regions()
    return tuple(
        Choice(code, Message(name, name), code[:2]) for code, name in regions.regencies.items()
    )


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: Message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message.id} / {self.message.en}"


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


def _line(obj: Any, key: str | None = None, default: int = 0) -> int:
    if isinstance(obj, LineDict):
        return obj.line_of(key) if key is not None else obj.line
    if isinstance(obj, LineList):
        return obj.line
    return default


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.ids: dict[str, int] = {}
        self.languages: tuple[str, ...] = ("id", "en")

    # -- reporting -------------------------------------------------------------------------
    def problem(self, line: int, message_id: str, message_en: str) -> None:
        self.problems.append(Problem(self.path, line, Message(message_id, message_en)))

    def claim_id(self, value: Any, line: int, what_id: str, what_en: str) -> str | None:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(
                line,
                f"id {what_id} tidak sah: {value!r} (huruf, angka, _ ; tidak diawali angka)",
                f"invalid {what_en} id: {value!r} (letters, digits, _ ; not starting with a digit)",
            )
            return None
        if value in RESERVED_NAMES:
            self.problem(
                line, f"id '{value}' adalah kata khusus", f"id '{value}' is a reserved word"
            )
            return None
        if value in self.ids:
            self.problem(
                line,
                f"id '{value}' ganda (sudah dipakai di baris {self.ids[value]})",
                f"duplicate id '{value}' (already used on line {self.ids[value]})",
            )
            return None
        self.ids[value] = line
        return value

    # -- small readers ---------------------------------------------------------------------
    def mapping(self, obj: Any, line: int, what_id: str, what_en: str) -> dict[str, Any] | None:
        if isinstance(obj, dict):
            return obj
        self.problem(
            line,
            f"{what_id} harus berupa pemetaan (kunci: nilai)",
            f"{what_en} must be a mapping (key: value)",
        )
        return None

    def sequence(self, obj: Any, line: int, what_id: str, what_en: str) -> list[Any]:
        if isinstance(obj, list):
            return obj
        self.problem(line, f"{what_id} harus berupa daftar", f"{what_en} must be a list")
        return []

    def unknown_keys(
        self, obj: dict[str, Any], allowed: Iterable[str], what_id: str, what_en: str
    ) -> None:
        allowed_set = set(allowed)
        for key in obj:
            if key not in allowed_set:
                self.problem(
                    _line(obj, key),
                    f"kunci '{key}' tidak dikenal pada {what_id}",
                    f"unknown key '{key}' in {what_en}",
                )

    def text(self, obj: dict[str, Any], key: str, *, required: bool = True) -> Message | None:
        line = _line(obj, key)
        if key not in obj:
            if required:
                self.problem(_line(obj), f"'{key}' tidak ada", f"'{key}' is missing")
            return None
        value = obj[key]
        if not isinstance(value, dict):
            self.problem(
                line,
                f"'{key}' harus berisi teks per bahasa, mis. {{id: ..., en: ...}}",
                f"'{key}' must hold text per language, e.g. {{id: ..., en: ...}}",
            )
            return None
        for language in self.languages:
            item = value.get(language)
            if not isinstance(item, str) or not item.strip():
                self.problem(
                    line,
                    f"terjemahan '{language}' tidak ada pada '{key}'",
                    f"missing '{language}' translation in '{key}'",
                )
                return None
        for language in value:
            if language not in self.languages:
                self.problem(
                    line,
                    f"bahasa '{language}' tidak dikenal pada '{key}'",
                    f"unknown language '{language}' in '{key}'",
                )
        return Message(value["id"], value["en"])

    def expression(self, obj: dict[str, Any], key: str, context: str) -> Expression | None:
        if key not in obj:
            return None
        value = obj[key]
        line = _line(obj, key)
        if isinstance(value, bool):
            value = "true" if value else "false"
        if isinstance(value, int | float):
            value = str(value)
        if not isinstance(value, str):
            self.problem(
                line, f"'{key}' harus berupa ekspresi teks", f"'{key}' must be an expression (text)"
            )
            return None
        try:
            return expressions.parse(value, context=context)
        except ExpressionError as exc:
            self.problem(line, f"'{key}': {exc.message.id}", f"'{key}': {exc.message.en}")
            return None

    # -- the script ------------------------------------------------------------------------
    def build(self, data: Any, source: str) -> Questionnaire | None:
        top = self.mapping(data, _line(data), "naskah", "the script")
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
                _line(top, "languages"),
                "'languages' harus memuat id dan en",
                "'languages' must list id and en",
            )
        else:
            self.languages = tuple(languages)

        script_id = top.get("id")
        if not isinstance(script_id, str) or not SCRIPT_ID_PATTERN.match(script_id):
            self.problem(
                _line(top, "id"),
                f"id naskah tidak sah: {script_id!r}",
                f"invalid script id: {script_id!r}",
            )
        version = top.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem(
                _line(top, "version"),
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

    def outcome_codes(self, top: dict[str, Any]) -> list[OutcomeCode]:
        result: list[OutcomeCode] = []
        seen: set[str] = set()
        items = self.sequence(
            top.get("outcome_codes"),
            _line(top, "outcome_codes"),
            "'outcome_codes'",
            "'outcome_codes'",
        )
        if "outcome_codes" not in top:
            return result
        for item in items:
            obj = self.mapping(
                item,
                _line(item, default=_line(top, "outcome_codes")),
                "kode hasil",
                "an outcome code",
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("code", "label", "refers_bp3mi"), "kode hasil", "an outcome code"
            )
            code = obj.get("code")
            label = self.text(obj, "label")
            if not isinstance(code, str) or not re.match(r"^[A-Z][A-Z0-9_]*$", code):
                self.problem(
                    _line(obj, "code"),
                    f"kode hasil tidak sah: {code!r} (HURUF_BESAR)",
                    f"invalid outcome code: {code!r} (UPPER_CASE)",
                )
                continue
            if code in seen:
                self.problem(
                    _line(obj, "code"),
                    f"kode hasil '{code}' ganda",
                    f"duplicate outcome code '{code}'",
                )
                continue
            seen.add(code)
            refers = obj.get("refers_bp3mi", False)
            if not isinstance(refers, bool):
                self.problem(
                    _line(obj, "refers_bp3mi"),
                    "'refers_bp3mi' harus true atau false",
                    "'refers_bp3mi' must be true or false",
                )
                refers = False
            if label is not None:
                result.append(OutcomeCode(code, label, refers))
        return result

    def choice_list(self, items: Any, line: int) -> tuple[Choice, ...] | None:
        if not isinstance(items, list) or not items:
            self.problem(
                line,
                "daftar pilihan harus berupa daftar yang tidak kosong",
                "a choice list must be a non-empty list",
            )
            return None
        choices: list[Choice] = []
        seen: set[str] = set()
        ok = True
        for item in items:
            obj = self.mapping(item, _line(item, default=line), "pilihan", "a choice")
            if obj is None:
                ok = False
                continue
            self.unknown_keys(obj, ("value", "label", "group"), "pilihan", "a choice")
            value = obj.get("value")
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                self.problem(
                    _line(obj, "value"),
                    f"nilai pilihan tidak sah: {value!r}",
                    f"invalid choice value: {value!r}",
                )
                ok = False
                continue
            if value in seen:
                self.problem(
                    _line(obj, "value"),
                    f"nilai pilihan '{value}' ganda",
                    f"duplicate choice value '{value}'",
                )
                ok = False
                continue
            seen.add(value)
            label = self.text(obj, "label")
            group = obj.get("group")
            if group is not None and not isinstance(group, str | int):
                self.problem(
                    _line(obj, "group"), "'group' harus berupa teks", "'group' must be text"
                )
                group = None
            if label is None:
                ok = False
                continue
            choices.append(Choice(value, label, None if group is None else str(group)))
        return tuple(choices) if ok else None

    def choice_lists(self, top: dict[str, Any]) -> dict[str, tuple[Choice, ...] | None]:
        result: dict[str, tuple[Choice, ...] | None] = {}
        if "choice_lists" not in top:
            return result
        lists = self.mapping(
            top["choice_lists"], _line(top, "choice_lists"), "'choice_lists'", "'choice_lists'"
        )
        for name, items in (lists or {}).items():
            line = _line(lists, name)
            if not ID_PATTERN.match(name):
                self.problem(
                    line,
                    f"nama daftar pilihan tidak sah: {name!r}",
                    f"invalid choice list name: {name!r}",
                )
                continue
            if isinstance(items, dict):
                result[name] = self.shipped_list(items, line)
            else:
                result[name] = self.choice_list(items, line)
        return result

    def shipped_list(self, obj: dict[str, Any], line: int) -> tuple[Choice, ...] | None:
        """`{shipped: regencies}`: every regency/city of the shipped Kemendagri list
        (resources/regions.json), valued by its 4-digit code, grouped by its province code."""
        self.unknown_keys(obj, ("shipped",), "daftar pilihan", "a choice list")
        kind = obj.get("shipped")
        if kind not in SHIPPED_LISTS:
            self.problem(
                _line(obj, "shipped"),
                f"daftar bawaan tidak dikenal: {kind!r} (yang ada: {', '.join(SHIPPED_LISTS)})",
                f"unknown shipped list: {kind!r} (available: {', '.join(SHIPPED_LISTS)})",
            )
            return None
        return _regency_choices()

    def constants(self, top: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Symbol]]:
        values: dict[str, Any] = {}
        symbols: dict[str, Symbol] = {}
        if "constants" not in top:
            return values, symbols
        obj = self.mapping(top["constants"], _line(top, "constants"), "'constants'", "'constants'")
        for name, value in (obj or {}).items():
            line = _line(obj, name)
            if self.claim_id(name, line, "konstanta", "constant") is None:
                continue
            symbol = _constant_symbol(value)
            if symbol is None:
                self.problem(
                    line,
                    f"konstanta '{name}' harus angka, teks, true/false, atau daftar angka/teks",
                    f"constant '{name}' must be a number, text, true/false, or a list of numbers/texts",
                )
                continue
            values[name] = list(value) if isinstance(value, list) else value
            symbols[name] = symbol
        return values, symbols

    def office_settings(self, top: dict[str, Any]) -> list[str]:
        """The office settings the script reads: each a name in its expressions."""
        keys: list[str] = []
        if "office_settings" not in top:
            return keys
        line = _line(top, "office_settings")
        for item in self.sequence(
            top["office_settings"], line, "'office_settings'", "'office_settings'"
        ):
            if isinstance(item, str) and item not in SCRIPT_SETTINGS:
                known = ", ".join(sorted(SCRIPT_SETTINGS))
                self.problem(
                    line,
                    f"pengaturan kantor '{item}' tidak dikenal (yang ada: {known})",
                    f"unknown office setting '{item}' (known: {known})",
                )
                continue
            if self.claim_id(item, line, "pengaturan kantor", "office setting") is not None:
                keys.append(item)
        return keys

    def suspected_purposes(self, top: dict[str, Any]) -> list[SuspectedPurpose]:
        result: list[SuspectedPurpose] = []
        if "suspected_purposes" not in top:
            return result
        for item in self.sequence(
            top["suspected_purposes"],
            _line(top, "suspected_purposes"),
            "'suspected_purposes'",
            "'suspected_purposes'",
        ):
            obj = self.mapping(
                item,
                _line(item, default=_line(top, "suspected_purposes")),
                "dugaan tujuan",
                "a suspected purpose",
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("id", "when", "label", "work"), "dugaan tujuan", "a suspected purpose"
            )
            purpose_id = self.claim_id(
                obj.get("id"), _line(obj, "id"), "dugaan tujuan", "suspected purpose"
            )
            when = self.expression(obj, "when", "outcome")
            if "when" not in obj:
                self.problem(
                    _line(obj), "dugaan tujuan tanpa 'when'", "suspected purpose without 'when'"
                )
            label = self.text(obj, "label")
            work = obj.get("work", False)
            if not isinstance(work, bool):
                self.problem(
                    _line(obj, "work"),
                    "'work' harus true atau false",
                    "'work' must be true or false",
                )
                work = False
            if purpose_id and when is not None and label is not None:
                result.append(SuspectedPurpose(purpose_id, when, label, _line(obj), work))
        return result

    def check_suspected(
        self,
        purposes: list[SuspectedPurpose],
        risk_rules: list[RiskRule],
        symbols: dict[str, Symbol],
    ) -> None:
        """A suspected purpose rests on strong flags only: its condition names rules with
        flagged(), and each of them is a hard flag or weighs at least STRONG_WEIGHT."""
        rules = {rule.id: rule for rule in risk_rules}
        for purpose in purposes:
            _, problems = expressions.check(purpose.when, symbols)
            self.report(purpose.line, "when", problems)
            refs = purpose.when.flag_refs
            if not refs:
                self.problem(
                    purpose.line,
                    f"dugaan tujuan '{purpose.id}' harus bersandar pada tanda bahaya: "
                    "pakai flagged('...')",
                    f"suspected purpose '{purpose.id}' must rest on red flags: use flagged('...')",
                )
            for ref in sorted(refs):
                rule = rules.get(ref)
                if rule is None:
                    self.problem(
                        purpose.line,
                        f"flagged('{ref}'): aturan risiko '{ref}' tidak ada",
                        f"flagged('{ref}'): there is no risk rule '{ref}'",
                    )
                elif not rule.hard and rule.weight < STRONG_WEIGHT:
                    self.problem(
                        purpose.line,
                        f"dugaan tujuan '{purpose.id}': tanda bahaya '{ref}' terlalu lemah "
                        f"(perlu tanda bahaya berat atau bobot ≥ {STRONG_WEIGHT:g})",
                        f"suspected purpose '{purpose.id}': red flag '{ref}' is too weak "
                        f"(needs a hard red flag or a weight ≥ {STRONG_WEIGHT:g})",
                    )

    def sections(
        self, top: dict[str, Any], choice_lists: dict[str, tuple[Choice, ...] | None]
    ) -> list[Section]:
        result: list[Section] = []
        if "sections" not in top:
            self.problem(_line(top), "'sections' tidak ada", "'sections' is missing")
            return result
        items = self.sequence(top["sections"], _line(top, "sections"), "'sections'", "'sections'")
        if not items and isinstance(top["sections"], list):
            self.problem(
                _line(top, "sections"), "naskah tanpa bagian", "the script has no sections"
            )
        for item in items:
            obj = self.mapping(
                item, _line(item, default=_line(top, "sections")), "bagian", "a section"
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("id", "title", "kind", "relevant", "questions"), "bagian", "a section"
            )
            section_id = self.claim_id(obj.get("id"), _line(obj, "id"), "bagian", "section")
            title = self.text(obj, "title")
            kind = obj.get("kind")
            if kind is not None and kind != "identity":
                self.problem(
                    _line(obj, "kind"),
                    f"jenis bagian tidak dikenal: {kind!r}",
                    f"unknown section kind: {kind!r}",
                )
                kind = None
            relevant = self.expression(obj, "relevant", "answer")
            questions: list[Question] = []
            question_items = self.sequence(
                obj.get("questions"), _line(obj, "questions"), "'questions'", "'questions'"
            )
            for q_item in question_items:
                question = self.question(
                    q_item, section_id or "?", choice_lists, _line(obj, "questions")
                )
                if question is not None:
                    questions.append(question)
            if section_id is not None and title is not None:
                result.append(
                    Section(section_id, title, _line(obj), kind, relevant, tuple(questions))
                )
        return result

    def question(
        self,
        item: Any,
        section_id: str,
        choice_lists: dict[str, tuple[Choice, ...] | None],
        default_line: int,
    ) -> Question | None:
        obj = self.mapping(item, _line(item, default=default_line), "pertanyaan", "a question")
        if obj is None:
            return None
        self.unknown_keys(
            obj,
            (
                "id",
                "type",
                "label",
                "hint",
                "required",
                "relevant",
                "constraint",
                "constraint_message",
                "warning",
                "warning_message",
                "choices",
                "choice_filter",
                "calculate",
                "identity",
                "check",
                "recruiter",
            ),
            "pertanyaan",
            "a question",
        )
        line = _line(obj)
        question_id = self.claim_id(obj.get("id"), _line(obj, "id"), "pertanyaan", "question")
        qtype = obj.get("type")
        if qtype not in QUESTION_TYPES:
            self.problem(
                _line(obj, "type"),
                f"jenis pertanyaan tidak dikenal: {qtype!r} (pilih: {', '.join(QUESTION_TYPES)})",
                f"unknown question type: {qtype!r} (one of: {', '.join(QUESTION_TYPES)})",
            )
            return None
        label = self.text(obj, "label", required=qtype != "calculate")
        hint = self.text(obj, "hint", required=False)

        required = False
        required_if = None
        raw_required = obj.get("required", False)
        if isinstance(raw_required, bool):
            required = raw_required
        else:
            required_if = self.expression(obj, "required", "answer")
        relevant = self.expression(obj, "relevant", "answer")
        constraint = self.expression(obj, "constraint", "self")
        warning = self.expression(obj, "warning", "self")
        constraint_message = self.text(obj, "constraint_message", required="constraint" in obj)
        warning_message = self.text(obj, "warning_message", required="warning" in obj)
        choice_filter = self.expression(obj, "choice_filter", "choice")
        calculate = self.expression(obj, "calculate", "answer")

        if qtype == "calculate" and "calculate" not in obj:
            self.problem(
                line,
                f"perhitungan '{question_id}' tanpa 'calculate'",
                f"calculation '{question_id}' has no 'calculate'",
            )
        if qtype != "calculate" and "calculate" in obj:
            self.problem(
                _line(obj, "calculate"),
                "'calculate' hanya untuk jenis calculate",
                "'calculate' is only for type calculate",
            )
        if qtype in ("note", "calculate"):
            for key in (
                "required",
                "constraint",
                "warning",
                "choices",
                "identity",
                "check",
                "recruiter",
            ):
                if key in obj:
                    self.problem(
                        _line(obj, key),
                        f"'{key}' tidak berlaku untuk jenis {qtype}",
                        f"'{key}' does not apply to type {qtype}",
                    )

        choices: tuple[Choice, ...] = ()
        if qtype in CHOICE_TYPES:
            spec = obj.get("choices")
            if spec is None:
                self.problem(
                    line,
                    f"pertanyaan '{question_id}' jenis {qtype} tanpa 'choices'",
                    f"question '{question_id}' of type {qtype} has no 'choices'",
                )
            elif isinstance(spec, str):
                if spec not in choice_lists:
                    self.problem(
                        _line(obj, "choices"),
                        f"daftar pilihan '{spec}' tidak dikenal",
                        f"unknown choice list '{spec}'",
                    )
                else:
                    choices = choice_lists[spec] or ()
            else:
                choices = self.choice_list(spec, _line(obj, "choices")) or ()
        elif qtype == "country":
            choices = tuple(Choice(c.code, Message(c.id, c.en)) for c in load_countries())
            if "choices" in obj:
                self.problem(
                    _line(obj, "choices"),
                    "jenis country memakai daftar negara bawaan",
                    "type country uses the shipped country list",
                )
        elif "choices" in obj and qtype not in ("note", "calculate"):
            self.problem(
                _line(obj, "choices"),
                f"'choices' tidak berlaku untuk jenis {qtype}",
                f"'choices' does not apply to type {qtype}",
            )
        if choice_filter is not None and qtype not in (*CHOICE_TYPES, "country"):
            self.problem(
                _line(obj, "choice_filter"),
                "'choice_filter' hanya untuk pertanyaan pilihan",
                "'choice_filter' is only for choice questions",
            )

        identity = obj.get("identity")
        if identity is not None and identity not in IDENTITY_FIELDS:
            self.problem(
                _line(obj, "identity"),
                f"kolom identitas tidak dikenal: {identity!r}",
                f"unknown identity field: {identity!r}",
            )
            identity = None
        check = obj.get("check")
        if check is not None and (check not in TEXT_CHECKS or qtype != "text"):
            self.problem(
                _line(obj, "check"),
                f"'check' hanya {', '.join(TEXT_CHECKS)} pada jenis text",
                f"'check' is only {', '.join(TEXT_CHECKS)} on type text",
            )
            check = None
        recruiter = obj.get("recruiter")
        if recruiter is not None and (
            recruiter not in RECRUITER_FIELDS
            or qtype not in ("text", "phone")
            or (recruiter == "name") != (qtype == "text")
        ):
            self.problem(
                _line(obj, "recruiter"),
                "'recruiter' hanya name (pada jenis text) atau phone (pada jenis phone)",
                "'recruiter' is only name (on type text) or phone (on type phone)",
            )
            recruiter = None

        if question_id is None:
            return None
        return Question(
            id=question_id,
            type=qtype,
            section_id=section_id,
            line=line,
            label=label,
            hint=hint,
            required=required,
            required_if=required_if,
            relevant=relevant,
            constraint=constraint,
            constraint_message=constraint_message,
            warning=warning,
            warning_message=warning_message,
            choices=choices,
            choice_filter=choice_filter,
            calculate=calculate,
            identity=identity,
            check=check,
            recruiter=recruiter,
        )

    def risk_rules(self, top: dict[str, Any]) -> list[RiskRule]:
        result: list[RiskRule] = []
        if "risk_rules" not in top:
            return result
        for item in self.sequence(
            top["risk_rules"], _line(top, "risk_rules"), "'risk_rules'", "'risk_rules'"
        ):
            obj = self.mapping(
                item, _line(item, default=_line(top, "risk_rules")), "aturan risiko", "a risk rule"
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("id", "when", "weight", "hard", "reason"), "aturan risiko", "a risk rule"
            )
            rule_id = self.claim_id(obj.get("id"), _line(obj, "id"), "aturan", "rule")
            when = self.expression(obj, "when", "answer")
            if "when" not in obj:
                self.problem(_line(obj), "aturan risiko tanpa 'when'", "risk rule without 'when'")
            reason = self.text(obj, "reason")
            weight = obj.get("weight", 0)
            hard = obj.get("hard", False)
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight < 0:
                self.problem(
                    _line(obj, "weight"),
                    f"bobot harus angka ≥ 0, bukan {weight!r}",
                    f"weight must be a number ≥ 0, not {weight!r}",
                )
                weight = 0
            if not isinstance(hard, bool):
                self.problem(
                    _line(obj, "hard"),
                    "'hard' harus true atau false",
                    "'hard' must be true or false",
                )
                hard = False
            if "weight" not in obj and not hard:
                self.problem(
                    _line(obj),
                    f"aturan '{rule_id}' butuh 'weight' atau 'hard: true'",
                    f"rule '{rule_id}' needs 'weight' or 'hard: true'",
                )
            if rule_id and when is not None and reason is not None:
                result.append(RiskRule(rule_id, when, reason, _line(obj), float(weight), hard))
        return result

    def outcome_rules(self, top: dict[str, Any], codes: set[str]) -> list[OutcomeRule]:
        result: list[OutcomeRule] = []
        if "outcome_rules" not in top:
            self.problem(_line(top), "'outcome_rules' tidak ada", "'outcome_rules' is missing")
            return result
        items = self.sequence(
            top["outcome_rules"], _line(top, "outcome_rules"), "'outcome_rules'", "'outcome_rules'"
        )
        for index, item in enumerate(items):
            obj = self.mapping(
                item,
                _line(item, default=_line(top, "outcome_rules")),
                "aturan hasil",
                "an outcome rule",
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("when", "outcome", "explain"), "aturan hasil", "an outcome rule"
            )
            when = self.expression(obj, "when", "outcome")
            outcome = obj.get("outcome")
            if not isinstance(outcome, str) or outcome not in codes:
                self.problem(
                    _line(obj, "outcome"),
                    f"kode hasil '{outcome}' tidak ada di outcome_codes",
                    f"outcome code '{outcome}' is not in outcome_codes",
                )
                outcome = None
            explain = self.text(obj, "explain", required=False)
            last = index == len(items) - 1
            if last and "when" in obj:
                self.problem(
                    _line(obj),
                    "aturan hasil terakhir tidak boleh punya 'when' (harus selalu berlaku)",
                    "the last outcome rule must have no 'when' (it always applies)",
                )
            if not last and "when" not in obj:
                self.problem(
                    _line(obj),
                    "hanya aturan hasil terakhir yang boleh tanpa 'when'",
                    "only the last outcome rule may have no 'when'",
                )
            if outcome is not None:
                result.append(OutcomeRule(outcome, _line(obj), when, explain))
        if isinstance(top["outcome_rules"], list) and not items:
            self.problem(
                _line(top, "outcome_rules"), "'outcome_rules' kosong", "'outcome_rules' is empty"
            )
        return result

    # -- cross checks ----------------------------------------------------------------------
    def check_expressions(
        self,
        sections: list[Section],
        questions: dict[str, Question],
        risk_rules: list[RiskRule],
        outcome_rules: list[OutcomeRule],
        constant_symbols: dict[str, Symbol],
    ) -> dict[str, Symbol]:
        symbols: dict[str, Symbol] = dict(constant_symbols)
        for question in questions.values():
            value_type = VALUE_TYPES.get(question.type)
            if value_type is not None:
                choices = frozenset(c.value for c in question.choices) if question.choices else None
                symbols[question.id] = Symbol(value_type, choices)

        # Calculations: types come from their expressions, in dependency order; cycles reported.
        calcs = {q.id: q for q in questions.values() if q.type == "calculate" and q.calculate}
        for calc_id in calcs:  # known names even inside a cycle (the cycle itself is reported)
            symbols[calc_id] = Symbol(ValueType.ANY)
        for calc_id in self.calculation_order(calcs):
            question = calcs[calc_id]
            assert question.calculate is not None
            value_type, problems = expressions.check(question.calculate, symbols, expect=None)
            self.report(question.line, "calculate", problems)
            symbols[calc_id] = Symbol(value_type)

        def run(expr: Expression | None, line: int, key: str, **kwargs: Any) -> None:
            if expr is None:
                return
            _, problems = expressions.check(expr, symbols, **kwargs)
            self.report(line, key, problems)

        for section in sections:
            run(section.relevant, section.line, "relevant")
            for question in section.questions:
                own = symbols.get(question.id)
                if own is not None and own.type == ValueType.CHOICE and question.type == "country":
                    own = Symbol(ValueType.CHOICE, None)
                run(question.relevant, question.line, "relevant")
                run(question.required_if, question.line, "required")
                run(question.constraint, question.line, "constraint", self_symbol=own)
                run(question.warning, question.line, "warning", self_symbol=own)
                run(question.choice_filter, question.line, "choice_filter")
                for name in _names(
                    question.relevant, question.required_if, question.constraint, question.warning
                ):
                    referenced = questions.get(name)
                    if referenced is not None and referenced.type == "note":
                        self.problem(
                            question.line,
                            f"'{name}' adalah catatan tanpa jawaban",
                            f"'{name}' is a note and has no answer",
                        )
        rule_ids = {rule.id for rule in risk_rules}
        for rule in risk_rules:
            run(rule.when, rule.line, "when")
        for outcome_rule in outcome_rules:
            run(outcome_rule.when, outcome_rule.line, "when")
            if outcome_rule.when is not None:
                for ref in sorted(outcome_rule.when.flag_refs - rule_ids):
                    self.problem(
                        outcome_rule.line,
                        f"flagged('{ref}'): aturan risiko '{ref}' tidak ada",
                        f"flagged('{ref}'): there is no risk rule '{ref}'",
                    )
        return symbols

    def report(self, line: int, key: str, problems: list[Message]) -> None:
        for message in problems:
            self.problem(line, f"'{key}': {message.id}", f"'{key}': {message.en}")

    def calculation_order(self, calcs: dict[str, Question]) -> list[str]:
        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done

        def visit(calc_id: str, trail: list[str]) -> None:
            if state.get(calc_id) == 2:
                return
            if state.get(calc_id) == 1:
                cycle = trail[trail.index(calc_id) :] + [calc_id]
                text = " → ".join(cycle)
                self.problem(
                    calcs[calc_id].line,
                    f"perhitungan melingkar: {text}",
                    f"cycle in calculations: {text}",
                )
                return
            state[calc_id] = 1
            expr = calcs[calc_id].calculate
            for name in sorted(expr.names if expr else ()):
                if name in calcs:
                    visit(name, [*trail, calc_id])
            state[calc_id] = 2
            order.append(calc_id)

        for calc_id in calcs:
            visit(calc_id, [])
        return order

    def evaluation_order(
        self, sections: list[Section], questions: dict[str, Question]
    ) -> tuple[str, ...]:
        """Order questions so that what an item's relevance (or calculation) reads comes first.
        Document order wherever the dependencies allow it."""
        position = {qid: i for i, qid in enumerate(questions)}
        section_relevant = {s.id: s.relevant for s in sections}
        depends: dict[str, set[str]] = {}
        for qid, question in questions.items():
            needed = _names(
                question.relevant, question.calculate, section_relevant.get(question.section_id)
            )
            depends[qid] = {n for n in needed if n in questions and n != qid}
        order: list[str] = []
        done: set[str] = set()
        remaining = dict(depends)
        while remaining:
            ready = [qid for qid, deps in remaining.items() if deps <= done]
            if not ready:
                stuck = sorted(remaining, key=position.__getitem__)
                # Calculation cycles are reported by calculation_order; report relevance cycles here.
                if not any(questions[q].type == "calculate" for q in stuck):
                    first = questions[stuck[0]]
                    text = ", ".join(stuck[:6])
                    self.problem(
                        first.line,
                        f"syarat 'relevant' saling bergantung melingkar: {text}",
                        f"'relevant' conditions depend on each other in a cycle: {text}",
                    )
                order.extend(stuck)
                break
            ready.sort(key=position.__getitem__)
            first_ready = ready[0]
            order.append(first_ready)
            done.add(first_ready)
            del remaining[first_ready]
        return tuple(order)

    def check_identity(self, questions: dict[str, Question]) -> None:
        recruiters: dict[str, str] = {}
        for question in questions.values():
            if question.recruiter is None:
                continue
            if question.recruiter in recruiters:
                self.problem(
                    question.line,
                    f"'recruiter: {question.recruiter}' sudah ada pada "
                    f"'{recruiters[question.recruiter]}'",
                    f"'recruiter: {question.recruiter}' is already on "
                    f"'{recruiters[question.recruiter]}'",
                )
            recruiters[question.recruiter] = question.id
        seen: dict[str, str] = {}
        for question in questions.values():
            if question.identity is None:
                continue
            if question.identity in seen:
                self.problem(
                    question.line,
                    f"kolom identitas '{question.identity}' sudah diisi oleh '{seen[question.identity]}'",
                    f"identity field '{question.identity}' is already filled by '{seen[question.identity]}'",
                )
            seen[question.identity] = question.id
            if question.identity == "sex" and question.type == "single":
                values = {c.value for c in question.choices}
                if values and values != {"L", "P"}:
                    self.problem(
                        question.line,
                        "pilihan jenis kelamin harus L dan P (untuk pemeriksaan NIK)",
                        "sex choices must be L and P (for the NIK check)",
                    )
            if question.identity == "birth_date" and question.type != "date":
                self.problem(
                    question.line,
                    "kolom identitas birth_date harus jenis date",
                    "identity field birth_date must be of type date",
                )


def _names(*exprs: Expression | None) -> set[str]:
    result: set[str] = set()
    for expr in exprs:
        if expr is not None:
            result |= expr.names
    return result


def _constant_symbol(value: Any) -> Symbol | None:
    if isinstance(value, bool):
        return Symbol(ValueType.BOOL)
    if isinstance(value, int | float):
        return Symbol(ValueType.NUMBER)
    if isinstance(value, str):
        return Symbol(ValueType.TEXT)
    if isinstance(value, list) and value:
        if all(isinstance(v, str) for v in value):
            return Symbol(ValueType.LIST, frozenset(value), ValueType.TEXT)
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
            return Symbol(ValueType.LIST, None, ValueType.NUMBER)
    return None
