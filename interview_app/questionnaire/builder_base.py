"""What every part of the script builder shares: the problems it collects and the checked
reading of ids, mappings, lists, texts and expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from interview_app.questionnaire.expression_runtime import Expression
from interview_app.questionnaire.expression_runtime import parse as parse_expression
from interview_app.questionnaire.expression_syntax import ExpressionError
from interview_app.questionnaire.model import AS_STATED
from interview_app.questionnaire.yamlsource import LineDict, LineList
from interview_app.text import Message

ID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RESERVED_NAMES = frozenset(
    {"score", "hard_flag", "and", "or", "not", "in", "true", "false", AS_STATED}
)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: Message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message.id} / {self.message.en}"


def line_of(obj: Any, key: str | None = None, default: int = 0) -> int:
    if isinstance(obj, LineDict):
        return obj.line_of(key) if key is not None else obj.line
    if isinstance(obj, LineList):
        return obj.line
    return default


class BuilderBase:
    """Collects every problem of one script file; the parts below read through it."""

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
                    line_of(obj, key),
                    f"kunci '{key}' tidak dikenal pada {what_id}",
                    f"unknown key '{key}' in {what_en}",
                )

    def text(self, obj: dict[str, Any], key: str, *, required: bool = True) -> Message | None:
        line = line_of(obj, key)
        if key not in obj:
            if required:
                self.problem(line_of(obj), f"'{key}' tidak ada", f"'{key}' is missing")
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
        line = line_of(obj, key)
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
            return parse_expression(value, context=context)
        except ExpressionError as exc:
            self.problem(line, f"'{key}': {exc.message.id}", f"'{key}': {exc.message.en}")
            return None

    def report(self, line: int, key: str, problems: list[Message]) -> None:
        for message in problems:
            self.problem(line, f"'{key}': {message.id}", f"'{key}': {message.en}")
