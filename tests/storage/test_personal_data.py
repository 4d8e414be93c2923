"""Storage's lists say of every table whether it holds personal data and how it is purged."""

from __future__ import annotations

from interview_app.storage.database import Database
from interview_app.storage.personal_data import (
    INTERVIEW_TABLES,
    NO_PERSONAL_DATA_TABLES,
    OFFICER_TABLES,
)


def test_every_table_is_placed_and_those_naming_an_interview_go_with_it(
    database: Database,
) -> None:
    conn = database.conn
    tables = [
        name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    naming = {
        table
        for table in tables
        for (column,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
        if column == "interview_uuid"
    }
    listed = {table.name for table in INTERVIEW_TABLES}
    assert naming <= listed
    assert listed <= set(tables)
    assert INTERVIEW_TABLES[-1].name == "interviews"  # children first
    placed = [*(t.name for t in INTERVIEW_TABLES), *OFFICER_TABLES, *NO_PERSONAL_DATA_TABLES]
    assert sorted(placed) == sorted(set(placed))  # each table in one list
    assert set(tables) == set(placed)
