"""The officer's window on an encrypted data folder, as the people at the counter meet it: the
window starts without the key, a wrong password is said plainly and counted, signing out drops
the key, a damaged database is offered its snapshot after the sign-in, and a supervisor's first
sign-in on a folder of the release before shows the encryption's progress and then the recovery
code, in a dialog that does not close by accident."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from interview_app.storage.keys import office_key_path
from interview_app.storage.lockout_file import LockoutFile
from interview_app.storage.maintenance import snapshot
from interview_app.storage.paths import database_path
from interview_app.storage.recovery_code import normalize_recovery_code
from interview_app.storage.unlock import folder_is_encrypted
from interview_app.ui.encryption_progress import EncryptionProgress
from interview_app.ui.main_window import MainWindow
from interview_app.ui.recovery_code_dialog import RecoveryCodeDialog
from interview_app.workflow.counter import CounterSession
from tests import keyring
from tests.byte_scan import found_texts
from tests.ui.conftest import OFFICER, SUPERVISOR, Keyboard, log_in, run_app, show_window, try_login

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
RELEASE_A = Path(__file__).resolve().parents[1] / "fixtures" / "release_2026_12" / "A"


def test_the_window_starts_on_an_encrypted_folder_without_its_key(window: MainWindow) -> None:
    assert folder_is_encrypted(window.data_dir())
    assert not window.counter.is_open  # no key in memory, no database open
    assert window.stack.currentWidget() is window.login_page
    assert window.login_page.office.text() == "Kantor Imigrasi Palu\nLoket 1"
    assert not window.home_action.isEnabled()


def test_a_wrong_password_is_said_plainly_and_counted(
    window: MainWindow, keyboard: Keyboard, office: Path
) -> None:
    try_login(window, keyboard, OFFICER[0], "bukan kata sandinya")
    assert window.stack.currentWidget() is window.login_page
    message = window.login_page.error.text()
    assert "salah" in message and "wrong" not in message.lower()  # one language: Indonesian
    assert window.login_page.password.text() == ""
    assert not window.counter.is_open
    assert LockoutFile(office).failed_attempts(OFFICER[0]) == 1
    try_login(window, keyboard, *OFFICER)
    assert window.stack.currentWidget() is window.home_page
    assert LockoutFile(office).failed_attempts(OFFICER[0]) == 0


def test_signing_out_drops_the_key_and_the_next_action_needs_a_sign_in(
    window: MainWindow, keyboard: Keyboard
) -> None:
    log_in(window, keyboard, OFFICER)
    assert window.counter.is_open
    window.lock()  # the idle lock keeps the key: the interview waits behind it
    assert window.counter.is_open and window.stack.currentWidget() is window.lock_page
    keyboard.type(OFFICER[1])
    keyboard.enter()
    assert window.stack.currentWidget() is window.home_page
    window.logout()
    assert not window.counter.is_open and window.counter.officer is None
    assert window.stack.currentWidget() is window.login_page
    window.new_interview()  # a shortcut after signing out: refused, nothing opened
    assert window.interview is None and not window.counter.is_open
    log_in(window, keyboard, OFFICER)
    assert window.counter.is_open


def test_a_damaged_database_is_offered_its_snapshot_after_the_sign_in(
    qtbot: Any, office: Path, clock: Any, keyboard: Keyboard
) -> None:
    with keyring.open_office(office) as opened:
        snapshot(opened.database, "daily", now=clock() - dt.timedelta(days=1))
    path = database_path(office)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xee" * 4096  # a damaged page (its HMAC fails)
    path.write_bytes(bytes(data))
    counter = CounterSession.open(office, clock=clock)
    window = MainWindow(counter)
    asked: list[str] = []
    window.ask_restore = lambda parent, text: asked.append(text) or True  # type: ignore[method-assign]
    show_window(qtbot, window)
    try:
        try_login(window, keyboard, *OFFICER)
        assert window.stack.currentWidget() is window.login_page
        assert len(asked) == 1 and "snapshot" in asked[0]
        assert "Dipulihkan" in window.login_page.error.text()
        assert list((office / "backups").glob("replaced-*"))  # the damaged file is kept
        try_login(window, keyboard, *OFFICER)  # the restored snapshot opens
        assert window.stack.currentWidget() is window.home_page, window.login_page.error.text()
    finally:
        window.close()
        counter.close()


def test_a_supervisor_converts_a_folder_of_the_release_before(
    qtbot: Any, tmp_path: Path, keyboard: Keyboard
) -> None:
    data_dir = tmp_path / "A"
    shutil.copytree(RELEASE_A, data_dir)
    counter = CounterSession.open(data_dir)
    rows = counter.database.conn.execute("SELECT nik, full_name FROM interviews").fetchall()
    applicants = [str(text) for row in rows for text in row if text]
    window = MainWindow(counter)
    show_window(qtbot, window)
    steps: list[tuple[bool, int, int]] = []
    original_step = EncryptionProgress.step

    def watch(progress: EncryptionProgress, done: int, total: int, path: Path) -> None:
        original_step(progress, done, total, path)
        steps.append((progress.isVisible(), done, total))

    seen: list[str] = []

    def answer_code_dialog() -> None:
        dialog = next(
            (
                w
                for w in QtWidgets.QApplication.topLevelWidgets()
                if isinstance(w, RecoveryCodeDialog)
            ),
            None,
        )
        if dialog is None or not dialog.isVisible():
            QtCore.QTimer.singleShot(50, answer_code_dialog)
            return
        seen.append(dialog.code)
        dialog.reject()  # Esc: not before the confirmation
        dialog.close()  # nor the window's close
        seen.append("still open" if dialog.isVisible() else "closed")
        assert not dialog.done_button.isEnabled()
        dialog.confirm.setChecked(True)
        dialog.done_button.click()

    try:
        # An officer signs in as before: nothing converted, no dialog.
        log_in(window, keyboard, ("petugas1", "loket-satu-demo"))
        assert not folder_is_encrypted(data_dir)
        window.logout()
        EncryptionProgress.step = watch  # type: ignore[method-assign]
        QtCore.QTimer.singleShot(0, answer_code_dialog)
        log_in(window, keyboard, ("supervisor", "kepala-seksi-demo"))
        assert steps and all(visible for visible, _, _ in steps)  # progress shown throughout
        assert steps[-1][1] == steps[-1][2]  # to the last file
        assert seen[1] == "still open"
        normalize_recovery_code(seen[0])  # the code was shown, once
        assert window.counter.new_recovery_code is None
        assert window.counter.storage.encrypted
        assert not any(
            isinstance(w, EncryptionProgress) and w.isVisible()
            for w in QtWidgets.QApplication.topLevelWidgets()
        )
    finally:
        EncryptionProgress.step = original_step  # type: ignore[method-assign]
        window.close()
        counter.close()
    # No plaintext database and no office key remain; no applicant in clear anywhere.
    assert folder_is_encrypted(data_dir) and not office_key_path(data_dir).exists()
    assert found_texts([data_dir], applicants) == set()


def test_a_supervisor_makes_a_new_recovery_code_on_the_accounts_page(
    window: MainWindow, keyboard: Keyboard, office: Path
) -> None:
    from interview_app.storage.keyslots import KeySlots
    from interview_app.storage.unlock import RecoveryCredentials, unlock
    from interview_app.ui.supervisor.tools_window import SupervisorToolsWindow

    log_in(window, keyboard, SUPERVISOR)
    window._supervisor_tools("accounts")
    (tools,) = window.findChildren(SupervisorToolsWindow)
    page = tools.accounts
    shown: list[str] = []
    page.confirm_new_code = lambda parent: True
    titles: list[str] = []
    page.show_code = lambda code, title, parent: (shown.append(code), titles.append(title))
    page.new_recovery_code()
    assert len(shown) == 1 and "baru" in page.status.text()
    assert titles == ["Kantor Imigrasi Palu (PLU)"]
    assert KeySlots(office).has_recovery
    assert unlock(office, RecoveryCredentials(shown[0])).office_code == "PLU"
    tools.close()


def test_the_app_starts_without_making_or_opening_anything(tmp_path: Path, office: Path) -> None:
    """The app as its own process: on a new folder it waits at the first-run page with no
    database made; on an encrypted folder the sign-in window is up without any key."""
    fresh = tmp_path / "new"
    started = run_app(fresh)
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("idle ")
    assert not database_path(fresh).exists() and not (fresh / "keyslots.json").exists()
    before = database_path(office).read_bytes()
    started = run_app(office)
    assert started.returncode == 0, started.stderr
    assert database_path(office).read_bytes() == before  # not even a sign-in was written


def test_the_recovery_code_prints_with_the_office_and_what_it_is_for(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6 import QtPrintSupport

    out = tmp_path / "kode.pdf"

    class FakePrintDialog:
        def __init__(self, printer: QtPrintSupport.QPrinter, parent: Any = None) -> None:
            printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def exec(self) -> QtWidgets.QDialog.DialogCode:
            return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", FakePrintDialog)
    code = "7K2QX-M9D4R-TT8BN-CW3ZP-H6J5V-R1YAE"
    dialog = RecoveryCodeDialog(code, "Kantor Imigrasi Palu (PLU)")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    text = " ".join("".join(page.extract_text() or "" for page in PdfReader(out).pages).split())
    assert code in text and "Kantor Imigrasi Palu (PLU)" in text and "brankas" in text
    assert not dialog.done_button.isEnabled()  # printing is no confirmation by itself
