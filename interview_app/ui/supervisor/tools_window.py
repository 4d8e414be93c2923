"""The supervisor tools window: one tab per task, each tab a page over the supervision core."""

from __future__ import annotations

from PySide6 import QtWidgets

from interview_app.supervision.session import SupervisorSession
from interview_app.ui.screen_fit import fit_window
from interview_app.ui.supervisor.accounts_page import AccountsPage
from interview_app.ui.supervisor.audit_page import AuditPage
from interview_app.ui.supervisor.conflicts_page import ConflictsPage
from interview_app.ui.supervisor.context import OBJECT_NAME
from interview_app.ui.supervisor.recap_page import RecapPage
from interview_app.ui.supervisor.retention_page import RetentionPage
from interview_app.ui.supervisor.review_desk_page import ReviewPage
from interview_app.ui.supervisor.scripts_page import ScriptsPage
from interview_app.ui.supervisor.settings_dialog import SettingsPanel


class SupervisorToolsWindow(QtWidgets.QDialog):
    """Pages are built from the session; each operation checks the role again in the core."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle(self.tr("Alat supervisor"))
        self.session = session
        self.settings = SettingsPanel(session)
        self.accounts = AccountsPage(session)
        self.scripts = ScriptsPage(session)
        self.review = ReviewPage(session)
        self.audit = AuditPage(session)
        self.retention = RetentionPage(session)
        self.recap = RecapPage(session)
        self.conflicts = ConflictsPage(session)
        self.tabs = QtWidgets.QTabWidget()
        self.tools: dict[str, QtWidgets.QWidget] = {
            "settings": self.settings,
            "accounts": self.accounts,
            "scripts": self.scripts,
            "review": self.review,
            "audit": self.audit,
            "retention": self.retention,
            "recap": self.recap,
            "conflicts": self.conflicts,
        }
        titles = {
            "settings": self.tr("&Pengaturan"),
            "accounts": self.tr("A&kun"),
            "scripts": self.tr("&Naskah"),
            "review": self.tr("&Tinjauan"),
            "audit": self.tr("&Log audit"),
            "retention": self.tr("&Masa simpan"),
            "recap": self.tr("&Rekap"),
            "conflicts": self.tr("K&onflik sinkronisasi"),
        }
        for key, page in self.tools.items():
            self.tabs.addTab(page, titles[key])
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        fit_window(self, 1100, 720)

    def done(self, result: int) -> None:  # noqa: D102 - closing waits for a report being written
        self.recap.work.wait(-1)
        super().done(result)

    def show_tool(self, tool: str) -> None:
        """Bring one tool's tab to the front (the Supervisor menu names each tool)."""
        page = self.tools.get(tool)
        if page is not None:
            self.tabs.setCurrentWidget(page)
