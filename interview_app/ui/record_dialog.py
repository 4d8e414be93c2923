"""A stored interview shown read-only (opening it was logged by the workflow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from interview_app.ui.labels import status_text
from interview_app.ui.screen_fit import fit_window

if TYPE_CHECKING:
    from interview_app.workflow.views import RecordView


class RecordDialog(QtWidgets.QDialog):
    """The record's head, its red flags and its answers; the flags and the answers share the
    height in a splitter, so a long flag list never leaves room for two answers only."""

    def __init__(
        self,
        record: RecordView,
        language: str,
        parent: QtWidgets.QWidget | None = None,
        outcome_label: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Arsip wawancara %1 (hanya baca)").replace("%1", record.ref_no))
        layout = QtWidgets.QVBoxLayout(self)
        head = QtWidgets.QLabel(
            f"{record.ref_no} · {record.created_at[:10]} · {record.office_code} · {record.full_name or '—'}\n"
            + self.tr("Status: %1 · Keputusan: %2 · Skor: %3")
            .replace("%1", status_text(record.status))
            .replace("%2", outcome_label or record.outcome or "—")
            .replace("%3", f"{record.score or 0:g}")
        )
        head.setObjectName("recordHead")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.flags = QtWidgets.QListWidget()
        self.flags.setObjectName("recordFlags")
        self.flags.setWordWrap(True)
        self.flags.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        for flag in record.flags:
            self.flags.addItem(f"⚑ {flag.reason.text(language)}")
        if not record.flags:
            self.flags.addItem(self.tr("Tidak ada tanda bahaya."))
        self.tree = tree = QtWidgets.QTreeWidget()
        tree.setObjectName("recordAnswers")
        tree.setHeaderLabels([self.tr("Pertanyaan"), self.tr("Jawaban")])
        for section in record.sections:
            top = QtWidgets.QTreeWidgetItem([section.title, ""])
            for item in section.items:
                top.addChild(
                    QtWidgets.QTreeWidgetItem(
                        [("⚑ " if item.flagged else "") + item.label, item.shown_value]
                    )
                )
            tree.addTopLevelItem(top)
        tree.expandAll()
        tree.setWordWrap(True)
        tree.header().setStretchLastSection(True)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.flags)
        split.addWidget(tree)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self.buttons = QtWidgets.QDialogButtonBox()
        self.buttons.addButton(self.tr("Tutup"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_window(self, 860, 680)
        self.flags.setMaximumHeight(max(60, self.height() // 3))
        tree.setColumnWidth(0, max(200, self.width() // 2))

    def add_action(self, text: str, name: str, slot: Callable[[], object]) -> QtWidgets.QPushButton:
        """A button beside Close (print, correct)."""
        button = self.buttons.addButton(text, QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(lambda checked=False: slot())
        return button
