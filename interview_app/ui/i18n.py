"""Qt translations: our .ts sources built to .qm with pyside6-lrelease, and Qt's own qtbase files."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6 import QtCore

from interview_app.resources_path import resource_path

APP_CATALOGUE = "asisten_wawancara"
LANGUAGES = ("id", "en")

# The display language and the translators serving it (one language at a time; switching
# removes the old translators, and every widget gets a LanguageChange event).
_current = {"language": "id"}
_installed: list[QtCore.QTranslator] = []


def current_language() -> str:
    """The display language of the UI now: "id" (the source texts) or "en"."""
    return _current["language"]


def lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def compiled(language: str, cache: Path) -> Path | None:
    """The app catalogue's .qm for `language` (see compiled_file)."""
    return compiled_file(f"{APP_CATALOGUE}_{language}", cache)


def compiled_file(stem: str, cache: Path) -> Path | None:
    """The .qm of resources/i18n/<stem>.ts: shipped next to the .ts when present and current,
    else built into `cache` (a frozen build ships the .qm; a checkout builds it on first use)."""
    source = resource_path("i18n", f"{stem}.ts")
    shipped = source.with_suffix(".qm")
    if shipped.exists() and (
        not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
    ):
        return shipped
    if not source.exists():
        return None
    target = cache / shipped.name
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = lrelease()
    if tool is None:
        return None
    import subprocess  # only when a catalogue is built (a checkout's first start)

    cache.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [tool, "-silent", str(source), "-qm", str(target)], capture_output=True, check=False
    )
    return target if result.returncode == 0 and target.exists() else None


def install_translators(
    app: QtCore.QCoreApplication, language: str, cache: Path
) -> list[QtCore.QTranslator]:
    """Source strings are Indonesian; English comes from our catalogue. Qt's own dialogs use
    qtbase_<language>.qm when Qt ships one, else ours (resources/i18n/qtbase_id.ts: the
    standard buttons and edit menus). Translators installed earlier are removed first, so a
    change of language applies at once."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translators: list[QtCore.QTranslator] = []
    qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QtCore.QTranslator(app)
    loaded = translator.load(f"qtbase_{language}", qt_dir)
    if not loaded:  # Indonesian: Qt has none, ours covers what the app shows
        ours = compiled_file(f"qtbase_{language}", cache)
        loaded = ours is not None and translator.load(str(ours))
    if loaded:
        app.installTranslator(translator)
        translators.append(translator)
    if language != "id":
        qm = compiled(language, cache)
        translator = QtCore.QTranslator(app)
        if qm is not None and translator.load(str(qm)):
            app.installTranslator(translator)
            translators.append(translator)
    _installed.extend(translators)
    _current["language"] = language if language in LANGUAGES else "id"
    return translators
