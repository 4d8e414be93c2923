"""The app around the pages: translations, the crash log, first-run setup and the demo office."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.resources_path import resource_path
from interview_app.storage.clock import FixedClock
from interview_app.storage.keys import office_key_path
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.recovery_code import normalize_recovery_code
from interview_app.storage.unlock import folder_is_encrypted
from interview_app.ui import crash
from interview_app.ui.home_page import HomePage
from interview_app.ui.i18n import APP_CATALOGUE, compiled, install_translators
from interview_app.ui.main_window import MainWindow
from interview_app.workflow.counter import CounterSession
from tests.ui.conftest import Keyboard, run_app, show_window

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_ui_text_has_a_finished_english_translation() -> None:
    tree = ET.parse(resource_path("i18n", f"{APP_CATALOGUE}_en.ts"))
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not m.findtext("translation")
    ]
    assert unfinished == []


def test_every_translatable_ui_text_is_in_the_catalogue(tmp_path: Path) -> None:
    """A text added to a page without its English line would show Indonesian only."""
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    if not tool.exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    scanned = tmp_path / "scanned.ts"
    sources = sorted(
        str(p)
        for p in (ROOT / "interview_app" / "ui").rglob("*.py")
        if "bench_programs" not in p.parts
    )
    subprocess.run([str(tool), *sources, "-ts", str(scanned)], check=True, capture_output=True)
    in_code = {m.findtext("source") for m in ET.parse(scanned).iter("message")}
    catalogue = ET.parse(resource_path("i18n", f"{APP_CATALOGUE}_en.ts"))
    translated = {m.findtext("source") for m in catalogue.iter("message")}
    assert sorted(in_code - translated) == []


def test_qt_own_buttons_speak_indonesian(qtbot: Any, tmp_path: Path) -> None:
    app = QtWidgets.QApplication.instance()
    translators = install_translators(app, "id", tmp_path)
    try:
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Yes
            | QtWidgets.QDialogButtonBox.StandardButton.No
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        texts = [
            buttons.button(b).text().replace("&", "")
            for b in (
                QtWidgets.QDialogButtonBox.StandardButton.Yes,
                QtWidgets.QDialogButtonBox.StandardButton.No,
                QtWidgets.QDialogButtonBox.StandardButton.Cancel,
            )
        ]
        assert texts == ["Ya", "Tidak", "Batal"]
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_english_is_selectable_through_qt_translations(qtbot: Any, tmp_path: Path) -> None:
    qm = compiled("en", tmp_path)
    assert qm is not None and qm.exists()
    app = QtWidgets.QApplication.instance()
    translator = QtCore.QTranslator()
    assert translator.load(str(qm))
    app.installTranslator(translator)
    try:
        page = HomePage()
        qtbot.addWidget(page)
        assert page.new_button.text() == "New interview (Ctrl+N)"
    finally:
        app.removeTranslator(translator)
    page = HomePage()
    qtbot.addWidget(page)
    assert page.new_button.text() == "Wawancara baru (Ctrl+N)"


def test_first_run_setup_by_keyboard(qtbot: Any, tmp_path: Path, keyboard: Keyboard) -> None:
    data_dir = tmp_path / "new"
    counter = CounterSession.open(data_dir, clock=FixedClock())
    window = MainWindow(counter)
    shown: list[tuple[str, str]] = []
    window.show_recovery_code = lambda code, office: shown.append((code, office))  # type: ignore[method-assign]
    show_window(qtbot, window)
    try:
        assert window.stack.currentWidget() is window.setup_page
        assert not data_dir.exists() or list(data_dir.iterdir()) == []  # nothing made yet
        for text in ("PLU", "Kantor Imigrasi Palu", "Loket 1", "Rahmat Hidayat", "kasi", "pendek"):
            keyboard.type(text)
            keyboard.enter()
        assert "pendek" in window.setup_page.error.text()  # the password policy, in both languages
        assert window.stack.currentWidget() is window.setup_page
        assert not folder_is_encrypted(data_dir) and not KeySlots(data_dir).exists
        window.setup_page.inputs["password"].clear()
        keyboard.type("kepala seksi palu")
        keyboard.enter()
        assert window.stack.currentWidget() is window.home_page
        assert window.supervisor_menu.menuAction().isVisible()  # role-aware menus
        assert counter.office().configured
        # The office is encrypted, its key in the supervisor's slot, and the recovery code
        # was shown once (and is not kept).
        assert folder_is_encrypted(data_dir) and not office_key_path(data_dir).exists()
        assert KeySlots(data_dir).accounts() == ["kasi"] and KeySlots(data_dir).has_recovery
        assert len(shown) == 1 and "Kantor Imigrasi Palu (PLU)" == shown[0][1]
        normalize_recovery_code(shown[0][0])
        assert counter.new_recovery_code is None
    finally:
        window.close()
        counter.close()


def test_first_run_joins_an_office_with_its_key_file(
    qtbot: Any, tmp_path: Path, keyboard: Keyboard
) -> None:
    from interview_app.storage.office import Office
    from interview_app.sync.keyfile import export_key_file

    first = CounterSession.open(tmp_path / "a", clock=FixedClock())
    first.setup_office(
        office_code="PLU",
        office_name="Kantor Imigrasi Palu",
        workstation_name="Loket 1",
        username="kasi",
        full_name="Rahmat Hidayat",
        password="kepala seksi palu",
    )
    office_key = first.storage.office_key
    first.close()
    # The key file a supervisor exports (sync-key export), made from the key in memory.
    (tmp_path / "kunci").mkdir()
    with Office.open(tmp_path / "a", key=("PLU", office_key)) as office_a:
        key_file = export_key_file(
            office_a, tmp_path / "kunci" / "PLU.key", passphrase="kopi pagi di loket dua"
        )
    counter = CounterSession.open(tmp_path / "b", clock=FixedClock())
    window = MainWindow(counter)
    window.show_recovery_code = lambda code, office: None  # type: ignore[method-assign]
    show_window(qtbot, window)
    try:
        page = window.setup_page
        page.join.setFocus()
        keyboard.press(QtCore.Qt.Key.Key_Space)
        assert page.join.isChecked() and not page.inputs["office_code"].isVisible()
        assert QtWidgets.QApplication.focusWidget() is page.key_file
        assert page.passphrase.isVisible()
        assert page.passphrase.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
        typed = (str(tmp_path / "hilang.key"), "kopi sore di loket dua", "Loket 2", "Andi Baso")
        for text in (*typed, "kasi2"):
            keyboard.type(text)
            keyboard.enter()
        keyboard.type("kepala seksi dua")
        keyboard.enter()
        assert window.stack.currentWidget() is page
        assert "hilang.key" in page.error.text()  # a missing file: said, nothing written
        assert not counter.office().configured
        page.key_file.setFocus()
        page.key_file.clear()
        keyboard.type(str(key_file))
        keyboard.enter()
        assert QtWidgets.QApplication.focusWidget() is page.passphrase
        page.inputs["password"].setFocus()
        keyboard.type("kepala seksi dua")
        keyboard.enter()
        assert window.stack.currentWidget() is page
        assert "Frasa sandi berkas kunci" in page.error.text()  # the wrong passphrase
        assert "passphrase" not in page.error.text()  # one language at a time
        assert not counter.office().configured
        page.passphrase.setFocus()
        page.passphrase.clear()
        keyboard.type("kopi pagi di loket dua")
        page.inputs["password"].setFocus()
        keyboard.type("kepala seksi dua")
        keyboard.enter()
        assert window.stack.currentWidget() is window.home_page, page.error.text()
        office = counter.office()
        assert office.configured and office.office_code == "PLU"
        assert office.workstation_name == "Loket 2"
        assert counter.storage.office_key == office_key  # the office's key, in slots only
        assert folder_is_encrypted(tmp_path / "b")
        assert not office_key_path(tmp_path / "b").exists()
        assert window.supervisor_menu.menuAction().isVisible()
    finally:
        window.close()
        counter.close()


def test_joining_with_an_old_clear_key_file_warns_to_destroy_it(qtbot: Any, tmp_path: Path) -> None:
    from interview_app.ui.messages import last_shown
    from tests.sync.factory import clear_key_file

    first = CounterSession.open(tmp_path / "a", clock=FixedClock())
    first.setup_office(
        office_code="PLU",
        office_name="Kantor Imigrasi Palu",
        workstation_name="Loket 1",
        username="kasi",
        full_name="Rahmat Hidayat",
        password="kepala seksi palu",
    )
    office_key = first.storage.office_key  # in memory only: the folder has no office.key
    first.close()
    old = clear_key_file(tmp_path / "lama.key", "PLU", "Kantor Imigrasi Palu", office_key)
    counter = CounterSession.open(tmp_path / "b", clock=FixedClock())
    window = MainWindow(counter)
    window.show_recovery_code = lambda code, office: None  # type: ignore[method-assign]
    show_window(qtbot, window)
    try:
        page = window.setup_page
        page.join.setChecked(True)
        page.key_file.setText(str(old))  # no passphrase: an old file has none
        for key, value in (
            ("workstation_name", "Loket 2"),
            ("full_name", "Andi Baso"),
            ("username", "kasi2"),
            ("password", "kepala seksi dua"),
        ):
            page.inputs[key].setText(value)
        page.create_button.click()
        assert window.stack.currentWidget() is window.home_page, page.error.text()
        shown = last_shown() or ""
        assert "PERINGATAN" in shown and "hapus berkas itu" in shown
        assert "WARNING" not in shown  # one language at a time
    finally:
        window.close()
        counter.close()


def test_a_bug_writes_a_crash_log_that_the_next_start_offers(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join((str(ROOT), os.environ["PYTHONPATH"])),
    )
    data_dir = tmp_path / "office"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_app",
            "gui",
            "--data-dir",
            str(data_dir),
            "--no-crash-dialog",
            "--script",
            str(Path(__file__).with_name("crash_child.py")),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    logs = crash.unreported_crashes(data_dir)
    assert len(logs) == 1 and "deliberate bug" in logs[0].read_text(encoding="utf-8")
    crash.acknowledge(logs)
    assert crash.unreported_crashes(data_dir) == []


def test_the_readme_command_keeps_an_office_that_is_set_up(tmp_path: Path) -> None:
    data_dir = tmp_path / "office"
    office = CounterSession.open(data_dir, clock=FixedClock())
    office.setup_office(
        office_code="PLU",
        office_name="Kantor Imigrasi Palu",
        workstation_name="Loket 1",
        username="kasi",
        full_name="Rahmat Hidayat",
        password="kepala seksi palu",
    )
    office.close()
    result = run_app(data_dir, "--demo-if-new")
    assert result.returncode == 0, result.stderr
    session = CounterSession.open(data_dir)
    try:
        assert session.office().office_name == "Kantor Imigrasi Palu"
        session.login("kasi", "kepala seksi palu")
        assert session.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 0
    finally:
        session.close()


@pytest.mark.parametrize("flag", ["--demo", "--demo-if-new"])
def test_the_demo_office_opens_at_the_login_with_its_accounts(tmp_path: Path, flag: str) -> None:
    """--demo-if-new is what the README's `python3 run.py app` passes: on a machine where
    nothing is set up yet it opens the demo office."""
    data_dir = tmp_path / "demo"
    result = run_app(data_dir, flag)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("idle ")
    session = CounterSession.open(data_dir)
    try:
        assert session.office().configured
        session.login("petugas1", "loket-satu-demo")
        count = session.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
        assert count == 200  # the demo interviews are there
    finally:
        session.close()


def test_the_login_note_names_the_demo_accounts() -> None:
    from interview_app.demo import DEMO_ACCOUNTS
    from interview_app.ui.app import DEMO_NOTE

    for account in DEMO_ACCOUNTS:
        assert f"{account.username} / {account.password}" in DEMO_NOTE
