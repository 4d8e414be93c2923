"""Locate the shipped `resources/` and `questionnaires/` folders in a checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def _base_dir() -> Path:
    """The folder that holds `resources/` and `questionnaires/`.

    In a PyInstaller bundle that is the unpack folder (`sys._MEIPASS`); the spec file must add
    both folders there under their own names. In a source checkout it is the repository root,
    the parent of the `interview_app` package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of `resources/<parts...>` (the folder itself when no parts are given)."""
    return _base_dir().joinpath("resources", *parts)


def questionnaire_path(*parts: str) -> Path:
    """Path of `questionnaires/<parts...>` (the folder itself when no parts are given)."""
    return _base_dir().joinpath("questionnaires", *parts)
