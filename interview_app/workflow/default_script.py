"""The shipped default script: installed on first use, and brought up to date in an office that
still runs an earlier shipped version unchanged."""

from __future__ import annotations

import functools

from interview_app.questionnaire.loader import load_text
from interview_app.resources_path import questionnaire_path
from interview_app.storage.questionnaires import QuestionnaireStore, source_hash

DEFAULT_SCRIPT_FILE = "tppo_default.yaml"
# Earlier versions of the shipped default, kept whole: an office whose active script is one of
# them, untouched, gets the new default; interviews begun under them finish under them.
HISTORY_FOLDER = "history"


def default_script_text() -> str:
    return questionnaire_path(DEFAULT_SCRIPT_FILE).read_text(encoding="utf-8")


@functools.cache
def earlier_default_hashes() -> frozenset[str]:
    folder = questionnaire_path(HISTORY_FOLDER)
    if not folder.is_dir():
        return frozenset()
    return frozenset(
        source_hash(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))
    )


def ensure_default_script(store: QuestionnaireStore) -> tuple[str, str]:
    """(hash, text) of the active script after installing the shipped default when no script is
    active, or when the active one is an earlier shipped default and the current default was
    never installed here (a supervisor who went back to an older version is not overruled)."""
    active = store.active()
    text = default_script_text()
    digest = source_hash(text)
    if active is not None and not (
        active[0] in earlier_default_hashes() and not store.installed(digest)
    ):
        return active
    loaded = load_text(text, DEFAULT_SCRIPT_FILE)
    digest = store.install(text, loaded.id, loaded.version)
    store.activate(digest)
    return digest, text
