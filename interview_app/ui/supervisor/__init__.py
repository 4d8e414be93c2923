"""Supervisor tools (Qt): settings, accounts, scripts, review, audit, retention, recap."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtWidgets

from interview_app.errors import KnownError
from interview_app.ui.messages import calmly
from interview_app.ui.supervisor.context import OBJECT_NAME, session_from_context

# The window's pages (reports, charts, spreadsheets) are imported when it first opens, not when
# the main window imports this entry point.
REFUSED_OBJECT_NAME = "supervisorToolsRefused"

__all__ = ["can_open_supervisor_tools", "open_supervisor_tools"]


def can_open_supervisor_tools(context: Any) -> bool:
    """Whether the signed-in account is an active supervisor (menus use it to hide the entry;
    the tools check again themselves)."""
    try:
        session_from_context(context)
    except KnownError:
        return False
    return True


def open_supervisor_tools(parent: QtWidgets.QWidget, context: Any, tool: str | None = None) -> None:
    """Open the supervisor tools for `context` (its `database` and signed-in `officer`; see
    ToolsContext). The role is checked in the core: an officer gets a refusal message and no
    tools. The window is modeless, deletes itself on close, and is found again (raised) while
    it is open; `tool` ("review", "audit", "recap", "accounts", "scripts", "settings",
    "retention") is the tab shown."""
    existing = parent.findChild(QtWidgets.QDialog, OBJECT_NAME)

    def refuse(text: str) -> None:
        if existing is not None:
            existing.close()
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning,
            QtCore.QCoreApplication.translate("SupervisorToolsWindow", "Alat supervisor"),
            text,
            QtWidgets.QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName(REFUSED_OBJECT_NAME)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    with calmly(refuse) as attempt:
        session = session_from_context(context)
    if attempt.failed:
        return
    from interview_app.ui.supervisor.tools_window import SupervisorToolsWindow

    if (
        isinstance(existing, SupervisorToolsWindow)
        and existing.session.officer_id == session.officer_id
    ):
        if tool is not None:
            existing.show_tool(tool)
        existing.raise_()
        existing.activateWindow()
        return
    if existing is not None:
        existing.close()

    window = SupervisorToolsWindow(session, parent)
    if tool is not None:
        window.show_tool(tool)
    window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
