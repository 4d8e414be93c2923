"""The main window: pages in a stack, role-aware menus, idle lock, and the flow between pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.errors import KnownError
from interview_app.storage.sqlerrors import SQLITE_ERRORS
from interview_app.ui import crash
from interview_app.ui.diagnostics import log, script_text
from interview_app.ui.i18n import current_language, install_translators
from interview_app.ui.labels import outcome_text
from interview_app.ui.messages import calmly, known_error_text, show_warning
from interview_app.ui.screen_fit import available_room, fit_window
from interview_app.ui.sign_in_pages import LockPage, LoginPage, PasswordChangePage, SetupPage

# A count for the home screen: a refusal or a database error shows none (never a crash).
KNOWN_OR_SQLITE: tuple[type[Exception], ...] = (KnownError, *SQLITE_ERRORS)

if TYPE_CHECKING:
    # The working pages are imported when first built (start-up: only the login is waited for).
    from interview_app.text import Message
    from interview_app.ui.decision_page import ReviewPage
    from interview_app.ui.home_page import HomePage
    from interview_app.ui.interview_page import InterviewPage
    from interview_app.workflow.counter import CounterSession, DamagedAtSignIn
    from interview_app.workflow.interview import InterviewController
    from interview_app.workflow.views import CompletedView

ACTIVITY_EVENTS = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.MouseMove,
        QtCore.QEvent.Type.Wheel,
    }
)

# The demo accounts as documented in the README (interview_app.demo.DEMO_ACCOUNTS; a test
# keeps the two equal). Written out so that a normal start does not import the demo generator.
# (username / password pairs; the login page says "demo office" in the display language)
DEMO_NOTE = "supervisor / kepala-seksi-demo, petugas1 / loket-satu-demo, petugas2 / loket-dua-demo"


class MainWindow(QtWidgets.QMainWindow):
    """Holds the counter session and the open interview; each page only shows and sends."""

    def __init__(
        self,
        counter: CounterSession,
        *,
        demo_note: str = "",
        open_demo: Callable[[], CounterSession] | None = None,
    ) -> None:
        super().__init__()
        self.counter = counter
        self.interview: InterviewController | None = None
        self._demo_note = demo_note
        self._open_demo = open_demo
        self.setWindowTitle("Asisten Wawancara")
        # 1280x720 where the screen allows; on a small or highly scaled screen (1366x768 at
        # 150%: 911x512 logical) the window still fits, its side panels narrower.
        room = available_room().size()
        self.setMinimumSize(min(960, room.width()), min(600, room.height()))
        fit_window(self, 1280, 720)
        self.stack = QtWidgets.QStackedWidget()
        self.setCentralWidget(self.stack)
        # The login and lock pages exist from the start; the others are built when first shown
        # (start-up time: the login window is all the officer waits for).
        self._pages: dict[str, QtWidgets.QWidget] = {}
        self.login_page = LoginPage()
        self.lock_page = LockPage()
        for page in (self.login_page, self.lock_page):
            self.stack.addWidget(page)
        self._before_lock: QtWidgets.QWidget | None = None
        self._connect()
        self._menus()
        self.idle_timer = QtCore.QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.snapshot_timer = QtCore.QTimer(self)
        self.snapshot_timer.setSingleShot(True)
        self.snapshot_timer.setInterval(300)
        self.snapshot_timer.timeout.connect(self._daily_snapshot)
        # The activity filter is installed at the first sign-in: before it, every event of the
        # login window would pass through Python for nothing (start-up time).
        self._watching_activity = False
        crash.set_script_context(lambda: script_text(self.counter))
        self.start()

    # -- wiring -----------------------------------------------------------------------------
    def _connect(self) -> None:
        self.login_page.submitted.connect(self._login)
        self.lock_page.unlock.connect(self._unlock)
        self.lock_page.switch_user.connect(self.logout)

    def _page(self, name: str) -> QtWidgets.QWidget:
        page = self._pages.get(name)
        if page is not None:
            return page
        if name == "setup":
            setup = SetupPage()
            setup.submitted.connect(self._setup)
            setup.demo_requested.connect(self._demo)
            page = setup
        elif name == "home":
            from interview_app.ui.home_page import HomePage

            home = HomePage()
            home.new_interview.connect(self.new_interview)
            home.resume.connect(self.resume)
            home.open_record.connect(self.open_record)
            home.search_changed.connect(self._search)
            page = home
        elif name == "password":
            password = PasswordChangePage()
            password.submitted.connect(self._change_password)
            password.cancelled.connect(
                lambda: self.logout() if password.forced else self._signed_in()
            )
            page = password
        elif name == "interview":
            from interview_app.ui.interview_page import InterviewPage

            interview = InterviewPage()
            interview.outcomes = self.outcome_labels()
            interview.earlier_answers = self._earlier_answers
            interview.review_requested.connect(self.show_review)
            interview.open_record.connect(self.open_record)
            page = interview
        else:
            from interview_app.ui.decision_page import ReviewPage

            review = ReviewPage()
            review.edit_question.connect(self._edit_question)
            review.back.connect(self._back_from_review)
            review.completed.connect(self._completed)
            page = review
        self._pages[name] = page
        self.stack.addWidget(page)
        return page

    @property
    def setup_page(self) -> SetupPage:
        page = self._page("setup")
        assert isinstance(page, SetupPage)
        return page

    @property
    def password_page(self) -> PasswordChangePage:
        page = self._page("password")
        assert isinstance(page, PasswordChangePage)
        return page

    @property
    def home_page(self) -> HomePage:
        from interview_app.ui.home_page import HomePage  # built by _page, so loaded already

        page = self._page("home")
        assert isinstance(page, HomePage)
        return page

    @property
    def interview_page(self) -> InterviewPage:
        from interview_app.ui.interview_page import (
            InterviewPage,  # built by _page, so loaded already
        )

        page = self._page("interview")
        assert isinstance(page, InterviewPage)
        return page

    @property
    def review_page(self) -> ReviewPage:
        from interview_app.ui.decision_page import ReviewPage  # built by _page, so loaded already

        page = self._page("review")
        assert isinstance(page, ReviewPage)
        return page

    def _flush_interview(self) -> None:
        if "interview" in self._pages:
            self.interview_page.flush_pending()

    def _menus(self) -> None:
        """Every menu has an Alt key; built again when the display language changes."""
        bar = self.menuBar()
        bar.clear()
        work = bar.addMenu(self.tr("&Kerja"))
        self.home_action = self._action(work, self.tr("Beranda"), "Ctrl+H", self.go_home)
        self.lock_action = self._action(work, self.tr("Kunci layar"), "Ctrl+Shift+L", self.lock)
        self.logout_action = self._action(work, self.tr("Keluar akun"), "Ctrl+Shift+Q", self.logout)
        self.password_action = self._action(
            work, self.tr("Ganti kata sandi…"), None, lambda: self.show_password_change(False)
        )
        self.referral_action = self._action(
            work, self.tr("Tindak lanjut rujukan…"), "Ctrl+Shift+R", self._referrals
        )
        work.addSeparator()
        self.quit_action = self._action(work, self.tr("Tutup aplikasi…"), "Ctrl+Q", self.quit)
        self.interview_menu = interview = bar.addMenu(self.tr("&Wawancara"))
        self.language_action = self._action(
            interview,
            self.tr("Ganti bahasa naskah (Indonesia/English)"),
            "Ctrl+L",
            self.toggle_script_language,
        )
        self.review_action = self._action(
            interview,
            self.tr("Tinjau dan putuskan"),
            None,
            lambda: self.interview_page.request_review() if self.interview else None,
        )
        self.view_menu = view = bar.addMenu(self.tr("&Tampilan"))
        group = QtGui.QActionGroup(self)
        for code, label in (("id", "Bahasa Indonesia"), ("en", "English")):
            action = self._action(
                view,
                label,
                None,
                partial(self._set_ui_language, code),
            )
            action.setCheckable(True)
            action.setChecked(code == current_language())
            group.addAction(action)
        self.supervisor_menu = bar.addMenu(self.tr("&Supervisor"))
        self.supervisor_actions: dict[str, QtGui.QAction] = {}
        for tool, text in self.supervisor_tool_names():
            self.supervisor_actions[tool] = self._action(
                self.supervisor_menu, text, None, partial(self._supervisor_tools, tool)
            )
        self.sync_menu = bar.addMenu(self.tr("Si&nkronisasi"))
        self._action(self.sync_menu, self.tr("Sinkronisasi flashdisk…"), None, self._sync)
        self.help_menu = self._help_menu(bar)
        self._update_menus()

    def _help_menu(self, bar: QtWidgets.QMenuBar) -> QtWidgets.QMenu:
        menu = bar.addMenu(self.tr("&Bantuan"))
        self._action(menu, self.tr("Tentang Asisten Wawancara…"), None, self.show_about)
        self._action(menu, self.tr("Salin info diagnostik"), None, self.copy_diagnostics)
        self._action(menu, self.tr("Buka folder log"), None, self.open_logs_folder)
        return menu

    def _action(
        self, menu: QtWidgets.QMenu, text: str, shortcut: str | None, slot: Callable[[], object]
    ) -> QtGui.QAction:
        action = menu.addAction(text)
        if shortcut:
            # setShortcuts: setShortcut's overload resolution creates every Qt.* enum (~10 ms
            # before the login window); the list form sets the same one shortcut.
            action.setShortcuts([QtGui.QKeySequence(shortcut)])
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _update_menus(self) -> None:
        """Signed out: the work menus are off. Locked: everything but quitting is off (the
        password field unlocks), so no keystroke into a menu reaches the work behind."""
        officer = self.counter.officer
        locked = self.counter.locked
        signed_in = officer is not None and not locked
        for action in (self.home_action, self.lock_action, self.logout_action):
            action.setEnabled(signed_in)
        self.password_action.setEnabled(signed_in and self.interview is None)
        self.language_action.setEnabled(signed_in and self.interview is not None)
        self.review_action.setEnabled(signed_in and self.interview is not None)
        working = signed_in and officer is not None and not officer.must_change_password
        self.home_action.setEnabled(working)
        self.referral_action.setEnabled(working)
        self.sync_menu.setEnabled(working)
        for menu in (self.interview_menu, self.view_menu, self.help_menu, self.supervisor_menu):
            menu.setEnabled(not locked)
        self.supervisor_menu.menuAction().setVisible(
            bool(working and officer and officer.is_supervisor)
        )

    # -- idle lock --------------------------------------------------------------------------
    def _watch_activity(self) -> None:
        """Keys and the mouse anywhere in the app restart the idle timer (from the first
        sign-in on; removed when the window closes)."""
        app = QtWidgets.QApplication.instance()
        if app is not None and not self._watching_activity:
            app.installEventFilter(self)
            self._watching_activity = True

    def set_idle_timeout_ms(self, milliseconds: int) -> None:
        """The idle time before the screen locks (settings give minutes; tests give less)."""
        self.idle_timer.setInterval(milliseconds)
        if self.counter.officer is not None and not self.counter.locked:
            self.idle_timer.start()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY_EVENTS and self.idle_timer.isActive():
            self.idle_timer.start()
        return False

    def lock(self) -> None:
        if self.counter.officer is None or self.counter.locked:
            return
        self._flush_interview()
        with calmly(self):
            self.counter.lock()
        self.counter.locked = True
        log().info("screen locked")
        self.idle_timer.stop()
        self._before_lock = self.stack.currentWidget()
        self.lock_page.reset(self.counter.officer.full_name)
        self.setWindowTitle("Asisten Wawancara")
        self.stack.setCurrentWidget(self.lock_page)
        self.activateWindow()
        self.lock_page.password.setFocus()
        QtCore.QTimer.singleShot(0, self._focus_lock)
        self._update_menus()

    def _focus_lock(self) -> None:
        if self.stack.currentWidget() is self.lock_page:
            self.activateWindow()
            self.lock_page.password.setFocus()

    def _unlock(self, password: str) -> None:
        with calmly(self.lock_page.show_error) as attempt:
            self.counter.unlock(password)
        if attempt.failed:
            self.lock_page.password.clear()
            return
        target = self._before_lock or self.home_page
        self._before_lock = None
        self.stack.setCurrentWidget(target)
        self._update_menus()
        self.idle_timer.start()
        if target is self.interview_page and self.interview is not None:
            self.interview_page.focus_question(self.interview.current)

    # -- start, setup, sign-in --------------------------------------------------------------
    def start(self) -> None:
        office = self.counter.office()
        if not office.configured:
            self.stack.setCurrentWidget(self.setup_page)
            self.setup_page.inputs["office_code"].setFocus()
        else:
            self.show_login()

    def show_login(self) -> None:
        office = self.counter.office()
        note = (
            self.tr("Kantor demo, akun (nama pengguna / kata sandi): %1").replace(
                "%1", self._demo_note
            )
            if self._demo_note
            else ""
        )
        names = [office.office_name or office.office_code, office.workstation_name]
        self.login_page.reset("\n".join(n for n in names if n), note)
        self.stack.setCurrentWidget(self.login_page)
        self._update_menus()

    def _setup(self, values: dict[str, str]) -> None:
        values = dict(values)
        mode = values.pop("mode", "new")
        warning = None
        with calmly(self.setup_page.show_error) as attempt:
            if mode == "join":
                _, warning = self.counter.join_office(**values)
            else:
                self.counter.setup_office(**values)
        if attempt.failed:
            return
        self._show_new_recovery_code()
        self._signed_in()
        if warning is not None:
            show_warning(self, warning)

    def _demo(self) -> None:
        if self._open_demo is None:
            return
        with calmly(self.setup_page.show_error) as attempt:
            demo = self._open_demo()
        if attempt.failed:
            return
        self.counter.close()
        self.counter = demo
        self._demo_note = DEMO_NOTE
        self.show_login()

    def _login(self, username: str, password: str) -> None:
        from interview_app.workflow.counter import DamagedAtSignIn

        progress = None
        if self.counter.converts_at_sign_in(username):
            from interview_app.ui.encryption_progress import EncryptionProgress

            progress = EncryptionProgress(self)
            progress.start()
        try:
            with calmly(self.login_page.show_error) as attempt:
                self.counter.login(username, password, progress=progress.step if progress else None)
        finally:
            if progress is not None:
                progress.close()
                progress.deleteLater()
        if attempt.failed:
            self.login_page.password.clear()
            log().info("sign-in refused: %s", username)
            if isinstance(attempt.error, DamagedAtSignIn):
                self._offer_snapshot(attempt.error)
            return
        log().info("signed in: %s", username)
        self._show_new_recovery_code()
        self._signed_in()

    def _offer_snapshot(self, damaged: DamagedAtSignIn) -> None:
        """The password was right but the database is damaged: the newest sound snapshot is
        offered (it opens with the key the sign-in unwrapped), and what happened is said."""
        from interview_app.ui.recovery import offer_snapshot

        result = offer_snapshot(
            self.counter.data_dir,
            self,
            lambda: None,
            ask=self.ask_restore,
            office_key=damaged.office_key,
        )
        self.login_page.show_error(known_error_text(result))

    def ask_restore(self, parent: QtWidgets.QWidget | None, text: str) -> bool:
        """Asked before a damaged database is replaced by a snapshot (tests replace it)."""
        from interview_app.ui.recovery import ask_yes_no

        return ask_yes_no(parent, text)

    def _show_new_recovery_code(self) -> None:
        """A recovery code made just now (first run, an old folder encrypted) is shown once."""
        code = self.counter.new_recovery_code
        if code is None:
            return
        office = self.counter.office()
        self.show_recovery_code(code, f"{office.office_name} ({office.office_code})")
        with calmly(self):
            self.counter.recovery_code_shown()

    def show_recovery_code(self, code: str, office: str) -> None:
        """The code in a dialog that closes only once the supervisor confirms writing it
        down (tests replace it or answer the dialog)."""
        from interview_app.ui.recovery_code_dialog import show_recovery_code

        show_recovery_code(code, office, self)

    def show_password_change(self, forced: bool) -> None:
        officer = self.counter.officer
        if officer is None or self.counter.locked:
            return
        self._flush_interview()
        self.password_page.reset(officer.full_name, forced)
        self.stack.setCurrentWidget(self.password_page)
        self._update_menus()
        self.password_page.current.setFocus()

    def _change_password(self, current: str, new: str, repeated: str) -> None:
        with calmly(self.password_page.show_error) as attempt:
            self.counter.change_password(current, new, repeated)
        if attempt.failed:
            return
        self.last_message = self.tr("Kata sandi sudah diganti.")
        self.statusBar().showMessage(self.last_message, 8000)
        self._signed_in()

    def _signed_in(self) -> None:
        officer = self.counter.officer
        if officer is not None and officer.must_change_password:
            self.idle_timer.stop()
            self.show_password_change(True)
            return
        self.snapshot_timer.start()
        self._watch_activity()
        self.idle_timer.setInterval(self.counter.idle_lock_seconds * 1000)
        self.idle_timer.start()
        self.go_home()

    def logout(self) -> None:
        if not self._may_leave_correction():
            return
        self._flush_interview()
        with calmly(self):
            self.counter.logout()
        self.interview = None
        self.idle_timer.stop()
        log().info("signed out")
        self.login_page.username.clear()  # the next officer types their own name
        self.show_login()

    # -- home -------------------------------------------------------------------------------
    def go_home(self) -> None:
        if self.counter.officer is None or not self._may_leave_correction():
            return
        self._flush_interview()
        self.interview = None
        self.setWindowTitle("Asisten Wawancara")
        with calmly(self) as attempt:
            home = self.counter.home()
        if attempt.failed:
            return
        officer = self.counter.officer
        assert officer is not None
        self.home_page.show_home(
            self.tr("Selamat bekerja, %1").replace("%1", officer.full_name),
            home,
            current_language(),
            self.outcome_labels(),
        )
        self.home_page.show_conflicts(self._waiting_conflicts() if officer.is_supervisor else 0)
        self.home_page.search.clear()
        self.home_page.show_results((), False)
        self.stack.setCurrentWidget(self.home_page)
        self._update_menus()
        if home.drafts:
            self.home_page.drafts.setFocus()
        else:
            self.home_page.new_button.setFocus()

    def _search(self, text: str) -> None:
        with calmly(self) as attempt:
            rows = self.counter.search(text)
        if attempt.failed:
            return
        self.home_page.show_results(rows, bool(text.strip()))

    def open_record(self, uuid: str) -> None:
        if not uuid:
            return
        with calmly(self) as attempt:
            record = self.counter.open_record(uuid, self.counter.ui_language)
        if attempt.failed:
            return
        from interview_app.ui.record_dialog import RecordDialog

        dialog = RecordDialog(
            record,
            self.counter.ui_language,
            self,
            outcome_text(record.outcome, self.outcome_labels()),
        )
        dialog.setObjectName("recordDialog")
        if record.status == "completed":
            dialog.add_action(
                self.tr("Cetak slip/ringkasan…"),
                "printSlipButton",
                lambda: self._print_slip(record.uuid),
            )
        if record.correctable:

            def correct() -> None:
                dialog.close()
                self.start_correction(record.uuid)

            dialog.add_action(
                self.tr("Koreksi jawaban… (revisi baru dengan alasan)"), "correctButton", correct
            )
        dialog.show()

    def outcome_labels(self) -> dict[str, Message]:
        """The office's outcome codes and their labels (lists show labels, not codes)."""

        return {
            label.code: label.label
            for label in self.counter.storage.office_settings.outcome_labels()
        }

    def _earlier_answers(self, uuid: str) -> dict[str, object]:
        """The stored answers of an earlier interview, to offer a returning applicant's
        identity; reading them is logged as a view of that interview."""
        officer = self.counter.officer
        with calmly(self) as attempt:
            repository = self.counter.interviews()
            record = repository.get(uuid)
            if officer is not None:
                repository.record_view(record.uuid, officer.officer_id)
        if attempt.failed:
            return {}
        return dict(record.answers)

    def start_correction(self, uuid: str) -> None:
        """Open a completed interview in the interview pages; nothing is written until the
        correction is saved from the review with its reason."""
        with calmly(self) as attempt:
            controller = self.counter.start_correction(uuid)
        if attempt.failed:
            return
        self._open_interview(controller)
        correcting = self.tr("KOREKSI")
        self.setWindowTitle(f"Asisten Wawancara · {correcting} · {controller.ref_no}")

    def quit(self) -> None:
        """The menu's quit: asked once (a stray keystroke into the menu never closes the
        counter's app); unsaved typing is saved by closing."""
        if self.confirm_quit():
            self.close()

    def confirm_quit(self) -> bool:
        """Asked before quitting from the menu (tests replace it)."""
        answer = QtWidgets.QMessageBox.question(
            self, "Asisten Wawancara", self.tr("Tutup Asisten Wawancara?")
        )
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def confirm_discard_correction(self) -> bool:
        """Asked before leaving a correction with changes not saved (tests replace it)."""
        answer = QtWidgets.QMessageBox.question(
            self,
            "Asisten Wawancara",
            self.tr("Koreksi belum disimpan. Tinggalkan dan buang perubahannya?"),
        )
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def _may_leave_correction(self) -> bool:
        interview = self.interview
        if (
            interview is None
            or interview.correction is None
            or interview.completed is not None
            or not interview.changed
        ):
            return True
        if not self.confirm_discard_correction():
            return False
        interview.discard_correction()
        return True

    # -- interview --------------------------------------------------------------------------
    def new_interview(self) -> None:
        with calmly(self) as attempt:
            controller = self.counter.start_interview(self.counter.ui_language)
        if attempt.failed:
            return
        self._open_interview(controller)

    def resume(self, uuid: str) -> None:
        if not uuid:
            return
        with calmly(self) as attempt:
            controller = self.counter.resume(uuid)
        if attempt.failed:
            return
        self._open_interview(controller)
        if controller.current is None:
            self.show_review()

    def _open_interview(self, controller: InterviewController) -> None:
        self.interview = controller
        log().info("interview open: %s", controller.ref_no)
        self.interview_page.outcomes = self.outcome_labels()
        self.setWindowTitle(f"Asisten Wawancara · {controller.ref_no}")
        self.stack.setCurrentWidget(self.interview_page)
        self.interview_page.load(controller)
        self._update_menus()

    def toggle_script_language(self) -> None:
        if self.interview is None:
            return
        language = "en" if self.interview.language == "id" else "id"
        self.interview_page.set_language(language)
        if self.stack.currentWidget() is self.review_page:
            self.review_page.load(self.interview)

    def show_review(self) -> None:
        if self.interview is None:
            return
        self.interview.go_to(None)
        self.review_page.load(self.interview)
        self.stack.setCurrentWidget(self.review_page)

    def _edit_question(self, question_id: str) -> None:
        self.stack.setCurrentWidget(self.interview_page)
        self.interview_page.jump_to_question(question_id)

    def _back_from_review(self) -> None:
        if self.interview is None:
            return
        last = self.interview.previous_from(None)
        self.stack.setCurrentWidget(self.interview_page)
        if last is not None:
            self.interview_page.jump_to_question(last.id)

    def _completed(self, done: CompletedView) -> None:
        """Says what was decided, by the outcome's label; when the outcome refers the applicant,
        Enter prints the slip (the default button), else it closes."""
        box = QtWidgets.QMessageBox(self)
        box.setObjectName("completedBox")
        box.setWindowTitle("Asisten Wawancara")
        corrected = self.interview is not None and self.interview.correction is not None
        text = (
            (
                self.tr("Koreksi wawancara %1 disimpan sebagai revisi baru. Keputusan: %2.")
                if corrected
                else self.tr("Wawancara %1 selesai. Keputusan: %2.")
            )
            .replace("%1", done.ref_no)
            .replace("%2", outcome_text(done.chosen_outcome, self.outcome_labels()))
        )
        if done.refers_bp3mi:
            text += "\n" + self.tr("Pemohon dirujuk: cetak slip rujukan BP3MI.")
        box.setText(text)
        log().info("interview completed: %s, outcome %s", done.ref_no, done.chosen_outcome)
        self.last_completion = text
        label = self.tr("Cetak slip") if done.refers_bp3mi else self.tr("Cetak ringkasan")
        ok = box.addButton(QtWidgets.QMessageBox.StandardButton.Ok)
        # Esc closes it; without an escape button a message box refuses to close, and the
        # app's quit (which closes every window first) stops there.
        box.setEscapeButton(ok)
        printing = box.addButton(label, QtWidgets.QMessageBox.ButtonRole.ActionRole)
        printing.setObjectName("printSlipButton")
        printing.clicked.connect(lambda: self._print_slip(done.uuid))
        box.setDefaultButton(printing if done.refers_bp3mi else ok)
        box.setModal(False)
        box.show()
        box.finished.connect(box.deleteLater)
        QtCore.QTimer.singleShot(0, self.go_home)
        if done.refers_bp3mi:
            QtCore.QTimer.singleShot(0, printing.setFocus)  # after home took the focus

    # -- other ------------------------------------------------------------------------------
    def _daily_snapshot(self) -> None:
        """Once a day, after the home screen is up: a copy to fall back on if the file is ever
        damaged. A failure (disk full) is said in the status bar; work goes on."""
        if not self.isVisible() or self.counter.officer is None:
            return
        failed = self.tr("Snapshot harian gagal: %1")
        with calmly(
            lambda text: self.statusBar().showMessage(failed.replace("%1", text), 15000)
        ) as attempt:
            taken = self.counter.daily_snapshot()
        if attempt.failed:
            return
        if taken is not None:
            self.statusBar().showMessage(
                self.tr("Snapshot harian tersimpan: %1").replace("%1", taken.name), 8000
            )

    def _set_ui_language(self, language: str) -> None:
        """The display language changes at once: the office keeps the choice, the translators
        are swapped and the pages are built again where they were."""
        if language == current_language():
            return
        with calmly(self) as attempt:
            self.counter.set_ui_language(language)
        if attempt.failed:
            return
        app = QtWidgets.QApplication.instance()
        if app is not None:
            install_translators(app, language, self.counter.data_dir / "cache")
        log().info("display language: %s", language)
        self.retranslate()

    def _page_name(self, widget: QtWidgets.QWidget | None) -> str | None:
        if widget is None:
            return None
        if widget is self.login_page:
            return "login"
        if widget is self.lock_page:
            return "lock"
        return next((name for name, page in self._pages.items() if page is widget), None)

    def retranslate(self) -> None:
        """Build the menus and pages again in the display language and show the same place
        (the open interview at its question, the review, the lock, home or the sign-in)."""
        self._flush_interview()
        showing = self._page_name(self.stack.currentWidget())
        before_lock = self._page_name(self._before_lock)
        username = self.login_page.username.text()
        forced = bool(self._pages.get("password") is not None and self.password_page.forced)
        old: list[QtWidgets.QWidget] = [self.login_page, self.lock_page, *self._pages.values()]
        self._pages = {}
        self.login_page = LoginPage()
        self.lock_page = LockPage()
        for page in (self.login_page, self.lock_page):
            self.stack.addWidget(page)
        self._connect()
        self.login_page.username.setText(username)
        self._menus()
        officer = self.counter.officer
        if self.counter.locked and officer is not None:
            self._before_lock = self._page(before_lock) if before_lock else None
            if before_lock == "interview" and self.interview is not None:
                self.interview_page.load(self.interview)
            elif before_lock == "review" and self.interview is not None:
                self.review_page.load(self.interview)
            elif before_lock == "home":
                self._before_lock = None  # unlocking goes home, built afresh
            self.lock_page.reset(officer.full_name)
            self.stack.setCurrentWidget(self.lock_page)
            self.lock_page.password.setFocus()
        elif showing == "setup":
            self.stack.setCurrentWidget(self.setup_page)
        elif showing == "password" and officer is not None:
            self.show_password_change(forced)
        elif showing == "interview" and self.interview is not None:
            self.stack.setCurrentWidget(self.interview_page)
            self.interview_page.load(self.interview)
        elif showing == "review" and self.interview is not None:
            self.show_review()
        elif showing == "home" and officer is not None:
            self.go_home()
        else:
            self.show_login()
        for gone in old:
            self.stack.removeWidget(gone)
            gone.deleteLater()
        self._update_menus()

    def supervisor_tool_names(self) -> list[tuple[str, str]]:
        """The Supervisor menu: each tool by name (ui.supervisor.TOOLS holds the same keys)."""
        return [
            ("review", self.tr("Tinjauan wawancara…")),
            ("audit", self.tr("Log audit…")),
            ("recap", self.tr("Rekap dan ekspor…")),
            ("accounts", self.tr("Akun petugas…")),
            ("scripts", self.tr("Naskah wawancara…")),
            ("settings", self.tr("Pengaturan kantor…")),
            ("retention", self.tr("Masa simpan data…")),
            ("conflicts", self.tr("Konflik sinkronisasi…")),
        ]

    def _supervisor_tools(self, tool: str | None = None) -> None:
        from interview_app.ui.supervisor import open_supervisor_tools

        if self.counter.officer is None or self.counter.locked:
            return
        open_supervisor_tools(self, self.counter, tool)

    # -- help -------------------------------------------------------------------------------
    def show_about(self) -> None:
        from interview_app.ui.diagnostics import AboutDialog

        dialog = AboutDialog(self.counter, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def copy_diagnostics(self) -> None:
        from interview_app.ui.diagnostics import diagnostic_text

        text = diagnostic_text(self.counter)
        QtWidgets.QApplication.clipboard().setText(text)
        self.last_message = self.tr("Info diagnostik disalin; tempel ke pesan untuk petugas TI.")
        self.statusBar().showMessage(self.last_message, 8000)

    def open_logs_folder(self) -> None:
        from interview_app.ui.diagnostics import logs_folder

        folder = logs_folder(self.counter.data_dir)
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))
        self.last_message = self.tr("Folder log: %1").replace("%1", str(folder))
        self.statusBar().showMessage(self.last_message, 8000)

    def _referrals(self) -> None:
        """The referral follow-up (find, record the returned receipt and the later steps)."""
        from interview_app.ui.referral_dialog import ReferralDialog

        dialog = ReferralDialog(self.counter, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _waiting_conflicts(self) -> int:
        """How many sync conflicts wait for a supervisor (home says so)."""
        from interview_app.sync.received import waiting_conflicts

        try:
            return waiting_conflicts(self.counter.database)
        except KNOWN_OR_SQLITE:
            return 0

    def _print_slip(self, uuid: str) -> None:
        from interview_app.ui.slip_dialog import open_slip_dialog  # reportlab loads on first use

        open_slip_dialog(self.counter, uuid, self)

    def _sync(self) -> None:
        from interview_app.ui.sync_dialog import open_sync_dialog

        open_sync_dialog(self.counter, self)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802
        if not self._may_leave_correction():
            event.ignore()
            return
        self.idle_timer.stop()
        self.snapshot_timer.stop()
        self._flush_interview()
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)

    def data_dir(self) -> Path:
        return self.counter.data_dir
