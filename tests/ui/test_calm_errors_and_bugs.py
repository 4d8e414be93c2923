"""The two kinds of error in the UI: the environment's fault is said calmly in the display
language (one helper for every page), a bug reaches the crash path; crash logs never overwrite
each other."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtWidgets

from interview_app.errors import KnownError
from interview_app.ui import crash
from interview_app.ui import sync_dialog as sync_module
from interview_app.ui.messages import calmly, last_shown
from interview_app.ui.sync_dialog import SyncDialog
from interview_app.workflow.counter import CounterSession
from tests.ui.conftest import SUPERVISOR

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
ROOT = Path(__file__).resolve().parents[2]

STICK_FULL = KnownError("Flashdisk penuh.", "The stick is full.")


def _last_box_text() -> str:
    app = QtWidgets.QApplication.instance()
    assert app is not None
    return str(app.property("lastMessage"))


# -- the one helper ---------------------------------------------------------------------------
def test_a_refusal_is_shown_once_in_the_display_language_and_stops_the_action(
    qtbot: Any,
) -> None:
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    went_on = []
    with calmly(parent) as attempt:
        raise STICK_FULL
        went_on.append(True)  # never reached
    assert attempt.failed and attempt.error is STICK_FULL and went_on == []
    assert _last_box_text() == "Flashdisk penuh." == last_shown()  # Indonesian only

    lines: list[str] = []
    with calmly(lines.append) as quiet:
        pass  # nothing refused
    assert not quiet.failed and lines == []


def test_a_refusal_follows_the_display_language_with_its_problems(
    qtbot: Any, english: None
) -> None:
    class ScriptRefused(KnownError):
        problems = ("naskah.yaml:3: unknown id 'umur'",)

    lines: list[str] = []
    with calmly(lines.append) as attempt:
        raise ScriptRefused("Naskah ditolak.", "The script was refused.")
    assert attempt.failed
    assert lines == ["The script was refused.\nnaskah.yaml:3: unknown id 'umur'"]


def test_a_bug_is_not_turned_into_a_calm_message(qtbot: Any) -> None:
    shown: list[str] = []
    with pytest.raises(ZeroDivisionError), calmly(shown.append):
        _ = 1 / 0
    assert shown == []


def test_a_page_shows_the_refusal_where_the_officer_looks(
    qtbot: Any, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main window's search: a locked database is said in a box; nothing else changes."""
    from interview_app.ui.main_window import MainWindow

    counter = CounterSession.open(office)
    window = MainWindow(counter)
    qtbot.addWidget(window)
    try:

        def locked(text: str) -> list[Any]:
            raise KnownError("Basis data sedang dikunci.", "The database is locked.")

        monkeypatch.setattr(counter, "search", locked)
        window._search("Siti")
        assert _last_box_text() == "Basis data sedang dikunci."
    finally:
        window.close()
        counter.close()


# -- the sync dialog: calm for the environment, the crash path for a bug ----------------------
@pytest.fixture
def sync_dialog(qtbot: Any, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(sync_module, "removable_drives", lambda: [])
    counter = CounterSession.open(office)
    counter.login(*SUPERVISOR)  # the encrypted folder opens at the sign-in
    dialog = SyncDialog(counter)
    qtbot.addWidget(dialog)
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog.set_destination(stick)
    yield dialog
    dialog.wait()
    dialog.close()
    counter.close()


def _export_failing_with(
    qtbot: Any, dialog: SyncDialog, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> list[Any]:
    def export(*args: Any, **kwargs: Any) -> Any:
        raise exc

    monkeypatch.setattr(sync_module, "export_package", export)
    with qtbot.capture_exceptions() as bugs:
        with qtbot.waitSignal(dialog.finished_work, timeout=30000):
            dialog.export_button.click()
            assert dialog.busy and not dialog.export_button.isEnabled()
        assert not dialog.busy and dialog.export_button.isEnabled()  # the wait has ended
        assert dialog.progress.isHidden()
    return list(bugs)


def test_sync_stick_pulled_out_is_said_calmly(
    qtbot: Any, sync_dialog: SyncDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    pulled = OSError(errno.EIO, "Input/output error")
    assert _export_failing_with(qtbot, sync_dialog, monkeypatch, pulled) == []
    text = sync_dialog.export_result.text()
    assert text.startswith("Berkas atau drive tidak dapat dipakai") and "Input/output" in text
    assert "could not" not in text  # one language at a time
    assert _last_box_text() == text


def test_sync_full_disk_gets_the_storage_message(
    qtbot: Any, sync_dialog: SyncDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert _export_failing_with(qtbot, sync_dialog, monkeypatch, full) == []
    assert sync_dialog.export_result.text().startswith("Disk penuh")


def test_sync_refusal_is_said_calmly(
    qtbot: Any, sync_dialog: SyncDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _export_failing_with(qtbot, sync_dialog, monkeypatch, STICK_FULL) == []
    assert sync_dialog.export_result.text() == "Flashdisk penuh."


def test_a_bug_in_sync_reaches_the_crash_path_not_a_calm_message(
    qtbot: Any, sync_dialog: SyncDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    bug = KeyError("interviews")
    caught = _export_failing_with(qtbot, sync_dialog, monkeypatch, bug)
    assert [value for _, value, _ in caught] == [bug]  # handed to sys.excepthook
    assert sync_dialog.export_result.text() == ""  # no calm message pretending all is well
    assert "tak terduga" not in (last_shown() or "")


CHILD = """
from pathlib import Path
from PySide6 import QtCore
from interview_app.ui import sync_dialog as sync_module

app, window = globals()["app"], globals()["window"]

def export(*args, **kwargs):
    raise RuntimeError("deliberate bug in the sync worker")

sync_module.export_package = export
sync_module.removable_drives = lambda: []
window.counter.login("kasi", "kepala seksi palu")
dialog = sync_module.SyncDialog(window.counter, window)
dialog.set_destination(Path({stick!r}))
dialog.finished_work.connect(lambda: QtCore.QTimer.singleShot(200, app.quit))
QtCore.QTimer.singleShot(0, dialog.export_button.click)
"""


@pytest.mark.slow
def test_a_bug_in_the_sync_worker_writes_a_crash_log(office: Path, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    child = tmp_path / "child.py"
    child.write_text(textwrap.dedent(CHILD.format(stick=str(stick))), encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join((str(ROOT), os.environ.get("PYTHONPATH", ""))),
    )
    command = [sys.executable, "-m", "interview_app", "gui", "--data-dir", str(office)]
    command += ["--no-crash-dialog", "--script", str(child)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=90)
    assert result.returncode == 0, result.stderr
    logs = crash.unreported_crashes(office)
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: deliberate bug in the sync worker" in text
    assert list(stick.iterdir()) == []  # nothing half-written on the stick


# -- crash log names --------------------------------------------------------------------------
def _crash(folder: Path) -> Path:
    try:
        raise ValueError("a bug")
    except ValueError as error:
        return crash.write_crash_log(folder, ValueError, error, error.__traceback__)


def test_crash_logs_with_the_same_name_parts_never_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same second, same process id (a restart), even the same random part: a new file."""
    import uuid

    fixed = uuid.UUID(int=7)
    monkeypatch.setattr(uuid, "uuid4", lambda: fixed)
    folder = crash.crash_folder(tmp_path)
    paths = [_crash(folder) for _ in range(3)]
    assert len(set(paths)) == 3 and all(path.exists() for path in paths)
    assert all("ValueError: a bug" in path.read_text(encoding="utf-8") for path in paths)
    assert sorted(crash.unreported_crashes(tmp_path)) == sorted(paths)
    crash.acknowledge(paths)
    assert crash.unreported_crashes(tmp_path) == []
    assert len(list(folder.glob("*.seen"))) == 3


WRITER = """
import sys
from pathlib import Path
from interview_app.ui import crash

folder = Path(sys.argv[1])
for n in range(20):
    try:
        raise ValueError(f"bug {n} of process {sys.argv[2]}")
    except ValueError as error:
        crash.write_crash_log(folder, ValueError, error, error.__traceback__)
"""


@pytest.mark.slow
def test_two_processes_crashing_at_once_keep_every_log(tmp_path: Path) -> None:
    folder = tmp_path / "crash"
    folder.mkdir()
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), os.environ.get("PYTHONPATH", "")))
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(folder), name], env=env)
        for name in ("A", "B")
    ]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    logs = crash.unreported_crashes(tmp_path)
    assert len(logs) == 40
    texts = {path.read_text(encoding="utf-8").splitlines()[-1] for path in logs}
    assert len(texts) == 40  # each bug in its own file, none overwritten
