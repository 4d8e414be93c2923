"""Rows as sync packages carry them (review marks, follow-up steps, audit entries), and rows
read into records by column name."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from itertools import starmap
from typing import Any, TypeVar

Record = TypeVar("Record")


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """A supervisor's review mark: the reviews table's columns after its local id."""

    uuid: str
    interview_uuid: str
    revision: int
    action: str
    comment: str | None
    workstation_id: str
    by_officer: int
    at: str

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in REVIEW_MARK_FIELDS)


@dataclass(frozen=True, slots=True)
class FollowUpStep:
    """A referral follow-up step: the referral_steps table's columns after its local id."""

    uuid: str
    interview_uuid: str
    step: str
    on_date: str
    counselling: int
    siskop2mi_checked: int
    complaint_no: str | None
    workstation_id: str
    by_officer: int | None
    at: str

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in FOLLOW_UP_STEP_FIELDS)


@dataclass(frozen=True, slots=True)
class ChainEntry:
    """One audit entry as its workstation's chain holds it (`details` as stored JSON text)."""

    seq: int
    at: str
    actor: str
    action: str
    object_type: str | None
    object_id: str | None
    details: str
    prev_hash: str
    hash: str


REVIEW_MARK_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ReviewMark))
FOLLOW_UP_STEP_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(FollowUpStep))
CHAIN_ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ChainEntry))


def named_records(cursor: sqlite3.Cursor, make: Callable[..., Record]) -> Iterator[Record]:
    """Each row of `cursor` as `make(**{column name: value})`: by name, never by position.
    When the columns are a dataclass's fields in their order (compared by name, once per
    query), the values go in as they come: the same record, without a dict per row."""
    names = tuple(column[0] for column in cursor.description)
    if names == _field_names(make):
        return starmap(make, cursor)
    return (make(**dict(zip(names, row, strict=True))) for row in cursor)


def _field_names(make: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(make)) if is_dataclass(make) else ()


def row_dicts(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    """Each row of `cursor` as {column name: value}."""
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def columns_sql(names: tuple[str, ...], alias: str = "") -> str:
    """`names` (this package's own column names, never input) as a SELECT list."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + name for name in names)


def quote_identifier(name: str) -> str:
    """A column name from this database's own schema (never input), quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def table_info(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """The columns of `table` in order, each {name, type, pk} (empty: no such table)."""
    cursor = conn.execute("SELECT name, type, pk FROM pragma_table_info(?)", (table,))
    return list(row_dicts(cursor))
