"""Turning what the officer typed (or an answer file holds) into a typed answer, and back to JSON."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from interview_app.interview.identity import normalise_nik, normalise_passport, normalise_phone
from interview_app.questionnaire.model import Question
from interview_app.text import Message

TRUE_WORDS = frozenset({"ya", "y", "yes", "true", "1", "benar"})
FALSE_WORDS = frozenset({"tidak", "t", "no", "n", "false", "0", "salah"})
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class ValueProblem(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def coerce(question: Question, raw: Any) -> Any:
    """The typed value for `raw`, None for an empty answer; ValueProblem when it cannot be one."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    kind = question.type
    if kind == "yes_no":
        return _yes_no(raw)
    if kind == "integer":
        return _integer(raw)
    if kind == "decimal":
        return _decimal(raw)
    if kind == "date":
        return _date(raw)
    if kind in ("single", "country"):
        value = str(raw).strip()
        if kind == "country":
            value = value.upper()
        if question.choice(value) is None:
            raise ValueProblem(
                Message(f"pilihan '{value}' tidak tersedia", f"choice '{value}' is not available")
            )
        return value
    if kind == "multiple":
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list | tuple | set | frozenset):
            raise ValueProblem(
                Message(
                    "jawaban harus berupa daftar pilihan", "the answer must be a list of choices"
                )
            )
        values: list[str] = []
        for item in items:
            value = str(item).strip()
            if question.choice(value) is None:
                raise ValueProblem(
                    Message(
                        f"pilihan '{value}' tidak tersedia", f"choice '{value}' is not available"
                    )
                )
            if value not in values:
                values.append(value)
        order = {c.value: i for i, c in enumerate(question.choices)}
        return sorted(values, key=order.__getitem__) or None
    if kind == "phone":
        phone = normalise_phone(str(raw))
        if phone is None:
            raise ValueProblem(
                Message(
                    "nomor telepon tidak dikenali (contoh: 0812 3456 7890 atau +62 812 3456 7890)",
                    "phone number not recognised (e.g. 0812 3456 7890 or +62 812 3456 7890)",
                )
            )
        return phone
    text = str(raw).strip() if kind == "text" else str(raw).rstrip()
    if question.check in ("nik", "kk"):
        return normalise_nik(text)
    if question.check == "passport":
        return normalise_passport(text)
    return text


def to_json(value: Any) -> Any:
    """A typed answer as stored (JSON-ready): dates as ISO text, everything else as is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set | tuple):
        return sorted(value)
    return value


def from_json(question: Question, stored: Any) -> Any:
    """A stored answer back to its typed value (the inverse of to_json)."""
    if stored is None:
        return None
    if question.type == "date" and isinstance(stored, str):
        return dt.date.fromisoformat(stored)
    if question.type == "multiple" and isinstance(stored, list):
        return list(stored)
    return stored


def display(question: Question, value: Any, language: str = "id") -> str:
    """An answer as the officer reads it on the review screen and the slip."""
    if value is None:
        return "—"
    if question.type == "yes_no":
        return ("Yes" if value else "No") if language == "en" else ("Ya" if value else "Tidak")
    if question.type in ("single", "country"):
        choice = question.choice(value)
        return choice.label.text(language) if choice else str(value)
    if question.type == "multiple":
        labels = []
        for item in value:
            choice = question.choice(item)
            labels.append(choice.label.text(language) if choice else str(item))
        return ", ".join(labels)
    if question.type == "date" and isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if question.type == "decimal" and isinstance(value, float):
        return (
            f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
            if language == "id"
            else f"{value:,.2f}"
        )
    return str(value)


def _yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueProblem(Message("jawab ya atau tidak", "answer yes or no"))


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueProblem(Message("harus bilangan bulat", "must be a whole number"))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = str(raw).strip().replace(".", "").replace(" ", "") if isinstance(raw, str) else str(raw)
    if re.fullmatch(r"-?\d{1,15}", text):
        return int(text)
    raise ValueProblem(Message("harus bilangan bulat", "must be a whole number"))


def _decimal(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueProblem(Message("harus angka", "must be a number"))
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace(" ", "")
        # Indonesian writes 1.500.000,50; English 1,500,000.50. A lone separator followed by
        # exactly three digits is a thousands separator.
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif "," in text:
            text = (
                text.replace(",", "")
                if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text)
                else text.replace(",", ".")
            )
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", text) or re.fullmatch(
            r"-?\d{1,3}\.\d{3}", text
        ):
            text = text.replace(".", "")
        if not re.fullmatch(r"-?\d{1,15}(\.\d+)?", text):
            raise ValueProblem(Message("harus angka", "must be a number"))
        value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueProblem(Message("harus angka", "must be a number"))
    return value


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueProblem(
        Message(
            "tanggal tidak sah (tulis HH-BB-TTTT, mis. 31-01-2000)",
            "invalid date (write DD-MM-YYYY, e.g. 31-01-2000)",
        )
    )
