"""Tests switch the display language through the app's own translators, and always back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtWidgets

from interview_app.ui.i18n import current_language, install_translators


def use_language(language: str, cache: Path) -> None:
    app = QtWidgets.QApplication.instance()
    assert app is not None
    install_translators(app, language, cache)


@pytest.fixture(autouse=True)
def _display_language_reset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The display language is the application's: each test starts and ends in Indonesian
    (the GUI test folders' conftests use this fixture)."""
    yield
    if current_language() != "id" and QtWidgets.QApplication.instance() is not None:
        use_language("id", tmp_path_factory.getbasetemp() / "qm-cache")


@pytest.fixture
def english(qtbot: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The display language switched to English for this test."""
    use_language("en", tmp_path_factory.getbasetemp() / "qm-cache")
