"""GUI fixtures for the supervisor's tools: a copy of the 40-interview demo office on a fixed
clock, and a parent window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtWidgets

from tests.offices import Office, OfficeBuilder
from tests.ui.language import _display_language_reset, english  # noqa: F401 - fixtures


@pytest.fixture
def office(offices: OfficeBuilder, tmp_path: Path) -> Iterator[Office]:
    with offices.opened("demo-40", tmp_path / "office") as opened:
        yield opened


@pytest.fixture
def parent(qtbot: Any) -> QtWidgets.QWidget:
    widget = QtWidgets.QWidget()
    qtbot.addWidget(widget)
    return widget
