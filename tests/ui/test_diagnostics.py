"""What IT support gets: a rotating log without personal data (Qt's warnings in it), crash logs
that say which version, system and script, and the Help menu's About and diagnostic text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtWidgets

from interview_app import __version__
from interview_app.ui import crash
from interview_app.ui.diagnostics import LOG_FILE, LOGS_FOLDER
from interview_app.ui.main_window import MainWindow
from tests import keyring
from tests.ui.conftest import Keyboard, log_in

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
ROOT = Path(__file__).resolve().parents[2]

# Run inside the app (gui --script): an officer's morning with the demo office's applicants.
SCRIPT = """
from PySide6 import QtCore, QtWidgets
window.login_page.username.setText("petugas1")
window._login("petugas1", "loket-satu-demo")
conn = window.counter.database.conn
nik, name, uuid = conn.execute(
    "SELECT nik, full_name, uuid FROM interviews WHERE nik IS NOT NULL AND full_name IS NOT NULL"
    " AND status = 'completed' LIMIT 1"
).fetchone()
window.home_page.search.setText(name.split()[0])
window.open_record(uuid)
window.new_interview()
window.interview_page.commit("nik", nik, True, False)
window.interview_page.commit("full_name", name, True, False)
window.interview_page.commit("phone", "081234567890", True, False)
QtCore.qWarning("a Qt warning for the log")
window.show_about()
window.copy_diagnostics()
window.go_home()
window.logout()
QtCore.QTimer.singleShot(100, app.quit)
"""


def test_the_log_holds_events_and_qt_warnings_but_no_applicant(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    script = tmp_path / "morning.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_app",
            "gui",
            "--demo",
            "--data-dir",
            str(data_dir),
            "--no-crash-dialog",
            "--script",
            str(script),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    log = (data_dir / LOGS_FOLDER / LOG_FILE).read_text(encoding="utf-8")
    assert f"Asisten Wawancara {__version__}" in log
    assert "signed in: petugas1" in log and "interview open:" in log and "signed out" in log
    assert "a Qt warning for the log" in log
    with keyring.open_office(data_dir) as office:
        people = office.database.conn.execute(
            "SELECT nik, full_name, phone FROM interviews WHERE nik IS NOT NULL"
        ).fetchall()
    assert len(people) > 100
    for nik, name, phone in people:
        assert nik not in log
        assert not name or name not in log
        assert not phone or phone not in log
    assert "081234567890" not in log


def test_a_crash_log_names_version_system_and_script_and_never_overwrites(
    tmp_path: Path,
) -> None:
    crash.set_script_context(lambda: "tppo_default v3 (0123456789ab)")
    try:
        raise ValueError("a bug")
    except ValueError as error:
        first = crash.write_crash_log(tmp_path, ValueError, error, error.__traceback__)
        second = crash.write_crash_log(tmp_path, ValueError, error, error.__traceback__)
    assert first != second and first.exists() and second.exists()  # same second, two files
    text = first.read_text(encoding="utf-8")
    assert f"Asisten Wawancara {__version__}" in text
    assert "OS: " in text and "tppo_default v3 (0123456789ab)" in text
    assert "ValueError: a bug" in text


def test_help_about_and_the_copied_diagnostics(
    qtbot: Any, window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard)
    titles = [a.text() for a in window.help_menu.actions()]
    assert titles == ["Tentang Asisten Wawancara…", "Salin info diagnostik", "Buka folder log"]
    window.show_about()
    about = window.findChild(QtWidgets.QDialog, "aboutDialog")
    assert about is not None and about.isVisible()
    values = about.values  # type: ignore[attr-defined]
    assert values["Versi"] == __version__
    assert values["Folder data"] == str(window.counter.data_dir)
    assert values["Naskah aktif"].startswith("tppo")
    assert values["Ukuran basis data"].endswith(("KB", "MB"))
    about.close()
    window.copy_diagnostics()
    copied = QtWidgets.QApplication.clipboard().text()
    assert __version__ in copied and str(window.counter.data_dir) in copied
    assert "Snapshot terakhir" in copied
