"""The entry point: an officer is refused (no tools open), a supervisor gets every tab once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtWidgets

from interview_app.errors import PermissionDenied
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.supervisor import (
    REFUSED_OBJECT_NAME,
    can_open_supervisor_tools,
    open_supervisor_tools,
)
from interview_app.ui.supervisor.accounts_page import AccountsPage
from interview_app.ui.supervisor.review_desk_page import ReviewPage
from interview_app.ui.supervisor.tools_window import SupervisorToolsWindow
from interview_app.workflow.counter import CounterSession
from tests.offices import OFFICER, SUPERVISOR, Office, OfficeBuilder

# The offscreen platform says it cannot raise windows or pass size hints; nothing else may warn.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.mark.parametrize("username", [OFFICER.username, None])
def test_an_officer_or_nobody_is_refused_and_no_tools_open(
    qtbot: Any, office: Office, parent: QtWidgets.QWidget, username: str | None
) -> None:
    context = office.context(username)
    assert not can_open_supervisor_tools(context)
    open_supervisor_tools(parent, context)
    assert parent.findChildren(SupervisorToolsWindow) == []
    refusal = parent.findChild(QtWidgets.QMessageBox, REFUSED_OBJECT_NAME)
    assert refusal is not None and refusal.isVisible()
    assert "supervisor" in refusal.text().lower()
    refusal.close()


def test_pages_refuse_an_officer_session_in_the_core(qtbot: Any, office: Office) -> None:
    officer = office.context(OFFICER.username).officer
    assert officer is not None
    session = SupervisorSession(office.database, officer.id, office.audit, office.clock)
    page = AccountsPage(session)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0
    assert "supervisor" in page.status.text().lower()
    with pytest.raises(PermissionDenied):
        ReviewPage(session)


def test_a_supervisor_gets_every_tool_in_one_window(
    qtbot: Any, office: Office, parent: QtWidgets.QWidget, english: None
) -> None:
    context = office.context(SUPERVISOR.username)
    assert can_open_supervisor_tools(context)
    open_supervisor_tools(parent, context)
    open_supervisor_tools(parent, context)  # raised again, not opened twice
    windows = parent.findChildren(SupervisorToolsWindow)
    assert len(windows) == 1 and windows[0].isVisible()
    tabs = windows[0].tabs
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == [
        "Settings",
        "Accounts",
        "Scripts",
        "Review",
        "Audit log",
        "Retention",
        "Recap",
        "Sync conflicts",
    ]
    windows[0].close()


def test_the_counter_session_is_a_valid_context(
    qtbot: Any, tmp_path: Path, parent: QtWidgets.QWidget, offices: OfficeBuilder
) -> None:
    """The officer app's CounterSession (database, clock, officer, audit()) opens the tools
    for its signed-in supervisor and is refused for its officer."""
    counter = CounterSession.open(offices.copy("demo-0", tmp_path / "counter"))
    try:
        counter.login(OFFICER.username, OFFICER.password)
        assert not can_open_supervisor_tools(counter)
        counter.login(SUPERVISOR.username, SUPERVISOR.password)
        assert can_open_supervisor_tools(counter)
        open_supervisor_tools(parent, counter)
        windows = parent.findChildren(SupervisorToolsWindow)
        assert len(windows) == 1
        windows[0].close()
    finally:
        counter.close()
