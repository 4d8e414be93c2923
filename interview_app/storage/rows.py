"""Query results read by column name (sqlite3.Row), for repositories that turn rows into records."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

import sqlcipher3


def named_rows(
    conn: sqlite3.Connection, sql: str, params: Iterable[Any] | dict[str, Any] = ()
) -> sqlite3.Cursor:
    """The rows of `sql` (a cursor to iterate or fetch from), each readable by column name (`row["slip_no"]`). The connection's
    own row factory is left alone: other code reads it by position. Either driver's
    connection (plain sqlite3, or sqlcipher3 for an encrypted file) gets its own Row type."""
    cursor = conn.cursor()
    cursor.row_factory = sqlcipher3.Row if isinstance(conn, sqlcipher3.Connection) else sqlite3.Row
    return cursor.execute(sql, params if isinstance(params, dict) else tuple(params))


def named_row(
    conn: sqlite3.Connection, sql: str, params: Iterable[Any] | dict[str, Any] = ()
) -> sqlite3.Row | None:
    """The first row of `sql` by column name, or None. The statement is run to its end (an
    INSERT ... RETURNING, or a savepoint released right after, needs it finished)."""
    rows: list[sqlite3.Row] = named_rows(conn, sql, params).fetchall()
    return rows[0] if rows else None
