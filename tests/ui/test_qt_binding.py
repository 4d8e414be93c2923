"""The Qt binding itself: faults of a PySide6 release that would crash the app are caught here."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6 import QtCore

pytestmark = [pytest.mark.gui]


class _Emitter(QtCore.QObject):
    progress = QtCore.Signal(int, int)
    done = QtCore.Signal()


def test_emitting_signals_does_not_drain_a_reference_to_true(qtbot: Any) -> None:
    """PySide6 6.12.0 dropped a reference to True at every emit() from Python: a sync with
    some thousands of progress steps then ended in 'Fatal Python error: bool_dealloc'."""
    emitter = _Emitter()
    seen: list[int] = []
    emitter.progress.connect(lambda done, total: seen.append(done))
    before = sys.getrefcount(True)
    for step in range(200):
        emitter.progress.emit(step, 200)
        emitter.done.emit()
    after = sys.getrefcount(True)
    assert len(seen) == 200
    assert after - before > -100, f"True lost {before - after} references in 400 emits"
