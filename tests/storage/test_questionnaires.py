"""Installed scripts keyed by content hash; exactly one active."""

from __future__ import annotations

import hashlib

import pytest

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound, QuestionnaireConflict
from interview_app.storage.questionnaires import QuestionnaireStore

V1 = "id: tppo\nversion: 1\n"
V2 = "id: tppo\nversion: 2\n"


def test_install_activate(database: Database, audit: AuditLog, clock: FixedClock) -> None:
    store = QuestionnaireStore(database, audit, clock)
    assert store.active() is None
    first = store.install(V1, "tppo", 1)
    assert first == hashlib.sha256(V1.encode()).hexdigest()
    assert store.install(V1, "tppo", 1) == first  # idempotent
    second = store.install(V2, "tppo", 2)
    store.activate(first)
    assert store.active() == (first, V1)
    store.activate(second)
    assert store.active() == (second, V2)
    assert store.get(first) == V1  # older scripts stay readable
    listed = store.list()
    assert [(q.version, q.active) for q in listed] == [(1, False), (2, True)]
    actions = [e.action for e in audit.entries()]
    assert actions.count("questionnaire.install") == 2
    assert actions.count("questionnaire.activate") == 2


def test_same_version_other_content_refused(database: Database) -> None:
    store = QuestionnaireStore(database)
    store.install(V1, "tppo", 1)
    with pytest.raises(QuestionnaireConflict) as caught:
        store.install(V1 + "# edited\n", "tppo", 1)
    assert "versi" in caught.value.message.id


def test_unknown_hash(database: Database) -> None:
    store = QuestionnaireStore(database)
    with pytest.raises(NotFound):
        store.get("0" * 64)
    with pytest.raises(NotFound):
        store.activate("0" * 64)
