"""The kinds of values an answer or an expression can have, shared by the loader and expressions."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from interview_app.text import Message

# Message lives on the ground floor (interview_app/text.py); named here for older imports.
__all__ = ["Message", "Symbol", "ValueType"]


class ValueType(enum.Enum):
    BOOL = "bool"
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"  # one value out of a known set (single choice, country)
    CHOICES = "choices"  # a set of values out of a known set (multiple choice)
    LIST = "list"  # a literal list or a list constant
    ANY = "any"  # not known when the script is checked (an error was already reported)


@dataclass(frozen=True)
class Symbol:
    """What the checker knows about a name: its type and, for choices, the allowed values."""

    type: ValueType
    choices: frozenset[str] | None = None
    item_type: ValueType | None = None  # for LIST constants: the type of the items
