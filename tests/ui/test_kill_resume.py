"""The app process killed mid-section: the next start offers the interview and resumes in place."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore

from interview_app.storage.clock import FixedClock
from interview_app.ui.main_window import MainWindow
from interview_app.workflow.counter import CounterSession
from tests.ui.conftest import Keyboard, log_in, show_window

pytestmark = [
    pytest.mark.gui,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]
ROOT = Path(__file__).resolve().parent.parent.parent


def run_child_until_ready(data_dir: Path) -> str:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join((str(ROOT), os.environ["PYTHONPATH"])),
    )
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "interview_app",
            "gui",
            "--data-dir",
            str(data_dir),
            "--no-crash-dialog",
            "--script",
            str(Path(__file__).with_name("kill_child.py")),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        assert child.stdout is not None
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if line.startswith("ready") or not line:
                break
        assert line.startswith("ready"), child.stderr.read() if child.stderr else ""
        child.kill()  # SIGKILL on POSIX (TerminateProcess on Windows): no cleanup at all
        child.wait(10)
        assert child.returncode != 0
        return line.split()[1]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()


def test_resume_after_the_process_is_killed_mid_section(
    qtbot: Any, office: Path, clock: FixedClock, keyboard: Keyboard
) -> None:
    uuid = run_child_until_ready(office)
    # the killed app left its lock file; the next start takes over the stale lock
    window = MainWindow(CounterSession.open(office, clock=clock))
    show_window(qtbot, window)
    try:
        log_in(window, keyboard)
        drafts = window.home_page.drafts
        assert drafts.count() == 1 and "Sri Wahyuni Lasahido" in drafts.item(0).text()
        assert drafts.hasFocus()  # the resume offer has the keyboard
        keyboard.enter()
        page = window.interview_page
        assert window.stack.currentWidget() is page
        assert window.interview is not None and window.interview.uuid == uuid
        assert window.interview.current == "phone"  # where it stopped, mid-section
        assert page.fields["phone"].input.hasFocus()
        assert page.fields["phone"].text() == "0852 4411"  # half typed, kept by the pause-save
        assert window.interview.raw_answer("sex") == "P"
        assert page.section_id == "A"
    finally:
        window.close()
        window.counter.close()


def test_a_second_copy_of_the_app_is_refused(office: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join((str(ROOT), os.environ["PYTHONPATH"])),
    )
    lock = QtCore.QLockFile(str(office / "app.lock"))
    assert lock.tryLock(100)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "interview_app",
                "gui",
                "--data-dir",
                str(office),
                "--no-crash-dialog",
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        lock.unlock()
    assert result.returncode == 1
    assert "sudah terbuka" in result.stderr and "already open" in result.stderr
