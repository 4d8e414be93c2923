"""Building a script's questions, sections and choice lists, its constants and the office
settings it reads."""

from __future__ import annotations

import functools
from typing import Any

from interview_app.questionnaire.builder_base import ID_PATTERN, BuilderBase, line_of
from interview_app.questionnaire.model import (
    CHOICE_TYPES,
    IDENTITY_FIELDS,
    QUESTION_TYPES,
    RECRUITER_FIELDS,
    TEXT_CHECKS,
    Choice,
    Question,
    Section,
)
from interview_app.questionnaire.office_settings import SCRIPT_SETTINGS
from interview_app.questionnaire.valuetypes import Symbol, ValueType
from interview_app.reference import load_countries, load_regions
from interview_app.text import Message

# Choice lists a script can take from the shipped tables instead of spelling them out.
SHIPPED_LISTS = ("regencies",)


@functools.cache
def _regency_choices() -> tuple[Choice, ...]:
    regions = load_regions()
    return tuple(
        Choice(code, Message(name, name), code[:2]) for code, name in regions.regencies.items()
    )


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


class QuestionsBuilder(BuilderBase):
    """The script's questions and everything they choose from or name."""

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
            obj = self.mapping(item, line_of(item, default=line), "pilihan", "a choice")
            if obj is None:
                ok = False
                continue
            self.unknown_keys(obj, ("value", "label", "group"), "pilihan", "a choice")
            value = obj.get("value")
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                self.problem(
                    line_of(obj, "value"),
                    f"nilai pilihan tidak sah: {value!r}",
                    f"invalid choice value: {value!r}",
                )
                ok = False
                continue
            if value in seen:
                self.problem(
                    line_of(obj, "value"),
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
                    line_of(obj, "group"), "'group' harus berupa teks", "'group' must be text"
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
            top["choice_lists"], line_of(top, "choice_lists"), "'choice_lists'", "'choice_lists'"
        )
        for name, items in (lists or {}).items():
            line = line_of(lists, name)
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
                line_of(obj, "shipped"),
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
        obj = self.mapping(
            top["constants"], line_of(top, "constants"), "'constants'", "'constants'"
        )
        for name, value in (obj or {}).items():
            line = line_of(obj, name)
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
        line = line_of(top, "office_settings")
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

    def sections(
        self, top: dict[str, Any], choice_lists: dict[str, tuple[Choice, ...] | None]
    ) -> list[Section]:
        result: list[Section] = []
        if "sections" not in top:
            self.problem(line_of(top), "'sections' tidak ada", "'sections' is missing")
            return result
        items = self.sequence(top["sections"], line_of(top, "sections"), "'sections'", "'sections'")
        if not items and isinstance(top["sections"], list):
            self.problem(
                line_of(top, "sections"), "naskah tanpa bagian", "the script has no sections"
            )
        for item in items:
            obj = self.mapping(
                item, line_of(item, default=line_of(top, "sections")), "bagian", "a section"
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("id", "title", "kind", "relevant", "questions"), "bagian", "a section"
            )
            section_id = self.claim_id(obj.get("id"), line_of(obj, "id"), "bagian", "section")
            title = self.text(obj, "title")
            kind = obj.get("kind")
            if kind is not None and kind != "identity":
                self.problem(
                    line_of(obj, "kind"),
                    f"jenis bagian tidak dikenal: {kind!r}",
                    f"unknown section kind: {kind!r}",
                )
                kind = None
            relevant = self.expression(obj, "relevant", "answer")
            questions: list[Question] = []
            question_items = self.sequence(
                obj.get("questions"), line_of(obj, "questions"), "'questions'", "'questions'"
            )
            for q_item in question_items:
                question = self.question(
                    q_item, section_id or "?", choice_lists, line_of(obj, "questions")
                )
                if question is not None:
                    questions.append(question)
            if section_id is not None and title is not None:
                result.append(
                    Section(section_id, title, line_of(obj), kind, relevant, tuple(questions))
                )
        return result

    def question(
        self,
        item: Any,
        section_id: str,
        choice_lists: dict[str, tuple[Choice, ...] | None],
        default_line: int,
    ) -> Question | None:
        obj = self.mapping(item, line_of(item, default=default_line), "pertanyaan", "a question")
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
        line = line_of(obj)
        question_id = self.claim_id(obj.get("id"), line_of(obj, "id"), "pertanyaan", "question")
        qtype = obj.get("type")
        if qtype not in QUESTION_TYPES:
            self.problem(
                line_of(obj, "type"),
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
                line_of(obj, "calculate"),
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
                        line_of(obj, key),
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
                        line_of(obj, "choices"),
                        f"daftar pilihan '{spec}' tidak dikenal",
                        f"unknown choice list '{spec}'",
                    )
                else:
                    choices = choice_lists[spec] or ()
            else:
                choices = self.choice_list(spec, line_of(obj, "choices")) or ()
        elif qtype == "country":
            choices = tuple(Choice(c.code, Message(c.id, c.en)) for c in load_countries())
            if "choices" in obj:
                self.problem(
                    line_of(obj, "choices"),
                    "jenis country memakai daftar negara bawaan",
                    "type country uses the shipped country list",
                )
        elif "choices" in obj and qtype not in ("note", "calculate"):
            self.problem(
                line_of(obj, "choices"),
                f"'choices' tidak berlaku untuk jenis {qtype}",
                f"'choices' does not apply to type {qtype}",
            )
        if choice_filter is not None and qtype not in (*CHOICE_TYPES, "country"):
            self.problem(
                line_of(obj, "choice_filter"),
                "'choice_filter' hanya untuk pertanyaan pilihan",
                "'choice_filter' is only for choice questions",
            )

        identity = obj.get("identity")
        if identity is not None and identity not in IDENTITY_FIELDS:
            self.problem(
                line_of(obj, "identity"),
                f"kolom identitas tidak dikenal: {identity!r}",
                f"unknown identity field: {identity!r}",
            )
            identity = None
        check = obj.get("check")
        if check is not None and (check not in TEXT_CHECKS or qtype != "text"):
            self.problem(
                line_of(obj, "check"),
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
                line_of(obj, "recruiter"),
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
