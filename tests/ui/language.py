"""Tests switch the display language through the app's own translators, and always back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6 import QtWidgets

from interview_app.ui.i18n import current_language, install_translators


def use_language(language: str, cache: Path) -> None:
    app = QtWidgets.QApplication.instance()
    assert app is not None
    install_translators(app, language, cache)


def back_to_indonesian(cache: Path) -> Iterator[None]:
    """A fixture body: whatever the test switched to, the next test starts in Indonesian."""
    yield
    if current_language() != "id" and QtWidgets.QApplication.instance() is not None:
        use_language("id", cache)
