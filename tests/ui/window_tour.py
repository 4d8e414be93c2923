"""Every window and dialog of the app, opened one after another on a demo office: the screen-fit
and the one-language checks walk the same tour (in a child process per screen, or in-process)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtTest, QtWidgets

from interview_app.ui.main_window import MainWindow
from tests.offices import OFFICER, SUPERVISOR, answers

# visit(name, top-level window): called once per state of the tour, the window shown and laid out
Visit = Callable[[str, QtWidgets.QWidget], None]


def settle(ms: int = 30) -> None:
    QtWidgets.QApplication.processEvents()
    QtTest.QTest.qWait(ms)
    QtWidgets.QApplication.processEvents()


def _dialogs(window: QtWidgets.QWidget) -> set[QtWidgets.QWidget]:
    return {
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if w is not window and w.isVisible() and isinstance(w, QtWidgets.QDialog)
    }


def _close_new(before: set[QtWidgets.QWidget], window: QtWidgets.QWidget) -> None:
    for widget in _dialogs(window) - before:
        widget.close()
    settle()


def _opened(window: QtWidgets.QWidget, before: set[QtWidgets.QWidget]) -> QtWidgets.QWidget:
    settle()
    new = _dialogs(window) - before
    assert new, "no dialog opened"
    return next(iter(new))


def tour(window: MainWindow, visit: Visit) -> list[str]:
    """Walk the officer's and the supervisor's windows; returns the names visited."""
    names: list[str] = []

    def see(name: str, widget: QtWidgets.QWidget) -> None:
        settle()
        names.append(name)
        visit(name, widget)

    see("login", window)
    window.counter.login(OFFICER.username, OFFICER.password)
    window._signed_in()
    see("home", window)
    window.home_page.search.setText("a")
    see("home-search", window)
    window.home_page.search.clear()
    window.show_password_change(False)
    see("password-change", window)
    window.go_home()
    window.new_interview()
    controller = window.interview
    assert controller is not None
    given = answers("tourist_visa_work")
    for question_id, value in given.items():
        if question_id in controller.questionnaire.questions:
            controller.answer(question_id, value, confirm_warnings=True)
    for section in controller.sections():
        window.interview_page.jump_to_section(section.id)
        see(f"interview-{section.id}", window)
    window.toggle_script_language()
    window.interview_page.jump_to_section(controller.sections()[0].id)
    see("interview-A-other-language", window)
    window.toggle_script_language()
    window.show_review()
    see("review", window)
    window.lock()
    see("lock", window)
    window.counter.unlock(OFFICER.password)
    window._unlock(OFFICER.password)
    before = _dialogs(window)
    window.review_page.complete()
    see("completed", window)
    _close_new(before, window)
    for name, opener in _officer_dialogs(window, controller.uuid):
        before = _dialogs(window)
        opener()
        dialog = _opened(window, before)
        for sub, action in _sub_states(name, dialog):
            action()
            see(sub, dialog)
        _close_new(before, window)
    window.logout()
    window.counter.login(SUPERVISOR.username, SUPERVISOR.password)
    window._signed_in()
    see("home-supervisor", window)
    before = _dialogs(window)
    window._supervisor_tools()
    tools = _opened(window, before)
    tabs: QtWidgets.QTabWidget = tools.tabs  # type: ignore[attr-defined]
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        see(f"supervisor-tab-{index}", tools)
        if tabs.currentWidget() is tools.settings:  # type: ignore[attr-defined]
            topics = tools.settings.topics  # type: ignore[attr-defined]
            for row in range(1, topics.count()):
                topics.setCurrentRow(row)
                see(f"supervisor-settings-{row}", tools)
            topics.setCurrentRow(0)
    review = tools.review  # type: ignore[attr-defined]
    review.all_dates.setChecked(True)
    review.refresh()
    review.table.selectRow(_most_flagged(review))
    inner = _dialogs(window)
    review.open_selected()
    see("supervisor-interview-view", _opened(window, inner))
    _close_new(inner, window)
    from interview_app.ui.supervisor.accounts_page import NewAccountDialog

    account = NewAccountDialog(tools)
    account.show()
    see("supervisor-new-account", account)
    account.close()
    from interview_app.ui.encryption_progress import EncryptionProgress
    from interview_app.ui.recovery_code_dialog import RecoveryCodeDialog

    code = RecoveryCodeDialog(
        RECOVERY_CODE, "Kantor Imigrasi Kelas I TPI Palu (DEMO) (PLU)", window
    )
    code.show()
    see("recovery-code", code)
    code.confirm.setChecked(True)
    code.close()
    progress = EncryptionProgress(window)
    progress.start()
    progress.step(1, 3, Path("backups") / "pre-migration-5-to-7-20261203T143541407101Z.sqlite3")
    see("encryption-progress", progress)
    progress.close()
    _close_new(before, window)
    before = _dialogs(window)
    window._sync()
    sync = _opened(window, before)
    for index in range(sync.tabs.count()):  # type: ignore[attr-defined]
        sync.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        see(f"sync-supervisor-tab-{index}", sync)
    _close_new(before, window)
    for name, dialog in _extra_dialogs(window):
        before = _dialogs(window)
        dialog()
        see(name, _opened(window, before))
        _close_new(before, window)
    return names


# A code of the recovery code's shape (6 groups of 5), for the dialog's size.
RECOVERY_CODE = "7K2QX-M9D4R-TT8BN-CW3ZP-H6J5V-R1YAE"


def _most_flagged(review: Any) -> int:
    counts = [int(review.table.item(row, 6).text() or 0) for row in range(review.table.rowCount())]
    return counts.index(max(counts)) if counts else 0


def _officer_dialogs(window: MainWindow, uuid: str) -> Iterator[tuple[str, Callable[[], None]]]:
    yield "record", lambda: window.open_record(_record_with_most_flags(window))
    yield "slip", lambda: window._print_slip(uuid)
    yield "sync", window._sync


def _sub_states(name: str, dialog: QtWidgets.QWidget) -> Iterator[tuple[str, Callable[[], None]]]:
    tabs = getattr(dialog, "tabs", None)
    if isinstance(tabs, QtWidgets.QTabWidget):
        for index in range(tabs.count()):
            yield f"{name}-tab-{index}", lambda i=index: tabs.setCurrentIndex(i)
    else:
        yield name, lambda: None


def _extra_dialogs(window: MainWindow) -> Iterator[tuple[str, Callable[[], None]]]:
    """Dialogs the Help menu opens (when the window has them)."""
    about = getattr(window, "show_about", None)
    if about is not None:
        yield "about", about


def _record_with_most_flags(window: MainWindow) -> str:
    rows = window.counter.database.conn.execute(
        "SELECT f.interview_uuid, count(*) FROM flags f JOIN interviews i ON i.uuid ="
        " f.interview_uuid WHERE i.status = 'completed' GROUP BY f.interview_uuid"
        " ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return str(rows[0])


def open_demo_window(data_dir: Path) -> MainWindow:
    import datetime as dt

    from interview_app.storage.clock import FixedClock
    from interview_app.workflow.counter import CounterSession

    clock = FixedClock(dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC))
    counter = CounterSession.open(data_dir, clock=clock)
    window = MainWindow(counter)
    window.show()
    settle()
    return window


QtCore  # noqa: B018 - re-exported for the child scripts
