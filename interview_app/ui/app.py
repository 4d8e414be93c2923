"""Starting the officer's app: data folder, single-instance lock, crash path, translations, window."""

from __future__ import annotations

import gc
import linecache
import os
import runpy
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.errors import KnownError
from interview_app.resources_path import resource_path
from interview_app.storage.app_lock import read_holder
from interview_app.storage.errors import DatabaseCorrupt
from interview_app.storage.paths import default_data_dir, resolve_data_dir
from interview_app.storage.sqlerrors import DATABASE_ERRORS
from interview_app.ui import crash
from interview_app.ui.diagnostics import install_log
from interview_app.ui.i18n import install_translators
from interview_app.ui.main_window import DEMO_NOTE, MainWindow
from interview_app.ui.messages import both_languages, known_error_text
from interview_app.ui.style import STYLE
from interview_app.workflow.counter import CounterSession

LOCK_FILE = "app.lock"
DEMO_COUNT = 200


def demo_data_dir(data_dir_option: str | None) -> Path:
    """--demo with --data-dir uses that folder; else a demo folder next to the real one."""
    if data_dir_option:
        return resolve_data_dir(data_dir_option)
    base = default_data_dir()
    return resolve_data_dir(str(base.with_name(base.name + "-demo")))


def open_demo_office(data_dir: Path) -> CounterSession:
    """The demo office (encrypted, as a real one): made on first use, then signed in to with
    its documented accounts (DEMO_NOTE) like any office."""
    session = CounterSession.open(data_dir)
    if not session.office().configured:
        from interview_app.demo import DEMO_SETTINGS, create_demo_office  # heavy: --demo only
        from interview_app.storage.settings import OFFICE_NAME, WORKSTATION_NAME
        from interview_app.storage.sign_in_screen import SignInScreen, write_sign_in_screen

        session.close()
        create_demo_office(data_dir, count=DEMO_COUNT)
        screen = SignInScreen(DEMO_SETTINGS[OFFICE_NAME], DEMO_SETTINGS[WORKSTATION_NAME])
        write_sign_in_screen(data_dir, screen)
        session = CounterSession.open(data_dir)
    return session


def application(argv: list[str]) -> QtWidgets.QApplication:
    existing = QtWidgets.QApplication.instance()
    app = existing if isinstance(existing, QtWidgets.QApplication) else QtWidgets.QApplication(argv)
    app.setApplicationName("Asisten Wawancara")
    app.setOrganizationName("Imigrasi")
    app.setWindowIcon(QtGui.QIcon(str(resource_path("icons", "app.png"))))
    app.setStyleSheet(STYLE)
    return app


def run(
    data_dir_option: str | None,
    *,
    demo: bool = False,
    crash_dialog: bool = True,
    script: str | None = None,
    quit_when_idle: bool = False,
    argv: list[str] | None = None,
) -> int:
    started = time.perf_counter()
    app = application(argv or [sys.argv[0]])
    try:
        data_dir = demo_data_dir(data_dir_option) if demo else resolve_data_dir(data_dir_option)
    except KnownError as error:
        QtWidgets.QMessageBox.warning(None, "Asisten Wawancara", known_error_text(error))
        return 1
    crash.install(data_dir, dialog=crash_dialog)
    install_log(data_dir)
    lock = QtCore.QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        message = (
            "Asisten Wawancara sudah terbuka untuk folder data ini. Pakai jendela yang sudah ada.\n\n"
            "Asisten Wawancara is already open for this data folder. Use the open window."
        )
        holder = read_holder(data_dir / LOCK_FILE)
        if holder.command is not None:  # a command (import, restore...) is writing: name it
            message = known_error_text(holder.error())
        sys.stderr.write(message + "\n")
        if crash_dialog:
            QtWidgets.QMessageBox.information(None, "Asisten Wawancara", message)
        return 1

    def refuse(
        error: KnownError,
        parent: QtWidgets.QWidget | None = None,
        close: Callable[[], None] | None = None,
    ) -> None:
        if isinstance(error, DatabaseCorrupt) and crash_dialog and close is not None:
            from interview_app.ui.recovery import offer_snapshot  # only for a damaged file

            error = offer_snapshot(data_dir, parent, close)
        sys.stderr.write(both_languages(error) + "\n")
        if crash_dialog:
            QtWidgets.QMessageBox.warning(parent, "Asisten Wawancara", known_error_text(error))

    try:
        # The database's quick_check is deferred until the window is up (check_database below,
        # on a thread of its own); the connection writes nothing until it has passed.
        counter = (
            open_demo_office(data_dir)
            if demo
            else CounterSession.open(data_dir, defer_integrity_check=True)
        )
    except KnownError as error:
        refuse(error, close=lambda: None)  # nothing is open when opening itself failed
        lock.unlock()
        return 1
    try:
        translators = install_translators(app, counter.ui_language, data_dir / "cache")
        window = MainWindow(
            counter,
            demo_note=DEMO_NOTE if demo else "",
            open_demo=lambda: open_demo_office(demo_data_dir(None)),
        )
    except DATABASE_ERRORS:
        # A damaged file can fail these first reads before its check: refused as the check would.
        if not counter.is_open:
            raise
        try:
            counter.database.finish_integrity_check()
        except KnownError as error:
            refuse(error, close=counter.close)
            counter.close()
            lock.unlock()
            return 1
        raise
    window.show()
    refused: list[KnownError] = []

    def check_database() -> None:
        if window.counter is not counter or not counter.is_open:
            return
        try:
            counter.database.finish_integrity_check()
        except KnownError as error:
            refused.append(error)
            window.hide()
            refuse(error, window, counter.close)
            app.exit(1)

    # The quick_check reads the whole file (about half a second at 100,000 interviews): it
    # runs on its own thread and read-only connection while the login window answers; writes
    # stay refused until its verdict is in (a sign-in before then waits for it).
    # An encrypted folder opens at the sign-in, which checks it then; only a plaintext folder
    # of the release before is open (and checked) from the start.
    if counter.is_open:
        counter.database.start_integrity_check()
    poll = QtCore.QTimer(window)
    poll.setInterval(20)
    quit_after_check: list[bool] = []  # --quit-when-idle reached idle before the verdict

    def check_when_done() -> None:
        if (
            window.counter is counter
            and counter.is_open
            and counter.database.integrity_check_running
        ):
            return
        poll.stop()
        check_database()
        if quit_after_check and not refused:
            app.quit()

    poll.timeout.connect(check_when_done)
    poll.start()
    QtCore.QTimer.singleShot(0, _settle_collector)
    # PySide6's `__feature__` support reads the source of every module imported after PySide6
    # (inspect.getsource, to see whether it names PySide6), which leaves the text of some
    # sixty modules in linecache: about 3 MiB the counter never uses, resident through the
    # password KDF's peak. Emptied once the window is idle; a traceback reads lines again.
    QtCore.QTimer.singleShot(0, linecache.clearcache)
    earlier = crash.unreported_crashes(data_dir)
    if earlier and crash_dialog:
        QtCore.QTimer.singleShot(0, lambda: _offer_crash_logs(window, earlier))
    if quit_when_idle:

        def report() -> None:
            # The window answers now (what the start-up figure times); the process ends once
            # the start-up check has its verdict, so that its exit code tells it.
            sys.stdout.write(f"idle {time.perf_counter() - started:.4f}\n")
            sys.stdout.flush()
            if poll.isActive():
                quit_after_check.append(True)
            else:
                app.quit()

        QtCore.QTimer.singleShot(0, report)
    if script:
        QtCore.QTimer.singleShot(
            0, lambda: runpy.run_path(script, init_globals={"window": window, "app": app})
        )
    try:
        code = app.exec()
    finally:
        counter_now = window.counter
        counter_now.close()
        lock.unlock()
        del translators
    return 1 if refused else int(code)


def _settle_collector() -> None:
    """Once the window is up: when the launcher switched the cyclic collector off for
    start-up (interview_app.commands.gui), what start-up made stays for the whole run, so it
    leaves the collector's generations (gc.freeze) and the collector is switched back on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _offer_crash_logs(window: QtWidgets.QWidget, paths: list[Path]) -> None:
    names = "\n".join(str(p) for p in paths)
    text = QtCore.QCoreApplication.translate(
        "CrashReport",
        "Aplikasi berhenti tidak wajar pada penggunaan sebelumnya. Laporan ada di:\n%1\n"
        "Serahkan ke petugas TI.",
    )
    QtWidgets.QMessageBox.information(window, "Asisten Wawancara", text.replace("%1", names))
    crash.acknowledge(paths)


if os.environ.get("INTERVIEW_APP_DEBUG_QT"):
    os.environ.setdefault("QT_LOGGING_RULES", "*.debug=true")
