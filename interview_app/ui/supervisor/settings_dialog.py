"""The settings dialog generated from settings_spec: one page per topic, each with load()/save()."""

from __future__ import annotations

from typing import Any

from PySide6 import QtWidgets

from interview_app.settings_spec import GROUPS, Group, settings_in
from interview_app.storage.office_settings import OfficeSettings
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.messages import calmly, say
from interview_app.ui.screen_fit import fit_window
from interview_app.ui.supervisor.setting_editors import SettingEditor, editor_for
from interview_app.ui.supervisor.status import StatusLine


class SettingsPage(QtWidgets.QWidget):
    """The settings of one topic as a form. `load` fills it from the stored values; `save`
    returns the values as edited (the panel saves all pages in one checked transaction)."""

    def __init__(self, group: Group, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setObjectName(f"settingsPage_{group.id}")
        layout = QtWidgets.QVBoxLayout(self)
        title = QtWidgets.QLabel(say(group.title))
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        help_text = QtWidgets.QLabel(say(group.help))
        help_text.setObjectName("fieldHint")
        help_text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(help_text)
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, SettingEditor] = {}
        for spec in settings_in(group.id):
            editor = editor_for(spec, self)
            label = QtWidgets.QLabel(say(spec.label))
            label.setWordWrap(True)
            label.setToolTip(editor.toolTip())
            label.setBuddy(editor)
            form.addRow(label, editor)
            self.editors[spec.key] = editor
        layout.addLayout(form)
        layout.addStretch(1)

    def load(self, settings: OfficeSettings) -> None:
        for key, editor in self.editors.items():
            editor.set_value(settings.get(key))
            editor.set_read_only(editor.spec.fixed_once_set and settings.is_stored(key))

    def save(self) -> dict[str, Any]:
        return {key: editor.value() for key, editor in self.editors.items() if editor.isEnabled()}


class SettingsPanel(QtWidgets.QWidget):
    """Topics on the left, the topic's page on the right, Save and Undo below."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = session.settings
        self.topics = QtWidgets.QListWidget()
        self.topics.setObjectName("settingsTopics")
        self.topics.setMaximumWidth(220)
        self.topics.setSpacing(2)
        self.stack = QtWidgets.QStackedWidget()
        self.pages: list[SettingsPage] = []
        for group in GROUPS:
            page = SettingsPage(group)
            scroll = QtWidgets.QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.topics.addItem(say(group.title))
            self.pages.append(page)
        self.topics.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.save_button = QtWidgets.QPushButton(self.tr("&Simpan"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        undo = QtWidgets.QPushButton(self.tr("&Batalkan perubahan"))
        undo.clicked.connect(self.load)
        self.status = StatusLine()
        body = QtWidgets.QHBoxLayout()
        body.addWidget(self.topics)
        body.addWidget(self.stack, 1)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(undo)
        buttons.addWidget(self.save_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.topics.setCurrentRow(0)
        self.load()

    def page(self, group_id: str) -> SettingsPage:
        return next(page for page in self.pages if page.group.id == group_id)

    def load(self) -> None:
        for page in self.pages:
            page.load(self.settings)

    def save(self) -> bool:
        """Check and save every page at once; on a refusal nothing is saved and every problem
        is listed."""
        values: dict[str, Any] = {}
        for page in self.pages:
            values.update(page.save())
        with calmly(self.status.error) as attempt:
            changed = self.settings.update(self.session, values)
        if attempt.failed:
            return False
        self.load()
        if changed:
            self.status.ok(self.tr("Tersimpan: %1").replace("%1", ", ".join(changed)))
        else:
            self.status.ok(self.tr("Tidak ada perubahan"))
        return True


class SettingsDialog(QtWidgets.QDialog):
    """The settings panel on its own, with Close."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pengaturan kantor"))
        self.panel = SettingsPanel(session, self)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close)
        fit_window(self, 860, 560)
