"""A stored interview shown read-only (opening it was logged by the workflow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from interview_app.ui.home_page import STATUS

if TYPE_CHECKING:
    from interview_app.workflow.views import RecordView


class RecordDialog(QtWidgets.QDialog):
    def __init__(
        self, record: RecordView, language: str, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Arsip wawancara %1 (hanya baca)").replace("%1", record.ref_no))
        self.resize(760, 560)
        layout = QtWidgets.QVBoxLayout(self)
        head = QtWidgets.QLabel(
            f"{record.ref_no} · {record.created_at[:10]} · {record.office_code} · {record.full_name or '—'}\n"
            + self.tr("Status: %1 · Keputusan: %2 · Skor: %3")
            .replace("%1", STATUS.get(record.status, record.status))
            .replace("%2", record.outcome or "—")
            .replace("%3", f"{record.score or 0:g}")
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        flags = QtWidgets.QLabel(
            "\n".join(f"⚑ {f.reason.text(language)}" for f in record.flags)
            or self.tr("Tidak ada tanda bahaya.")
        )
        flags.setWordWrap(True)
        layout.addWidget(flags)
        tree = QtWidgets.QTreeWidget()
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
        tree.setColumnWidth(0, 400)
        tree.setWordWrap(True)
        layout.addWidget(tree, 1)
        close = QtWidgets.QDialogButtonBox()
        close.addButton("Tutup / Close", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
