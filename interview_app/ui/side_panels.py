"""The interview's side panels: live red flags with score and suggestion, earlier interviews, notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from interview_app.ui.labels import status_text

if TYPE_CHECKING:
    from interview_app.storage.interviews import InterviewSummary, RecruiterMatches
    from interview_app.workflow.views import RiskView


def _fmt(weight: float) -> str:
    return f"{weight:g}"


class RiskPanel(QtWidgets.QGroupBox):
    """Every fired flag with its reason and weight, the running score, the suggested outcome."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("riskPanel")
        layout = QtWidgets.QVBoxLayout(self)
        self.score = QtWidgets.QLabel()
        self.score.setObjectName("score")
        self.score.setWordWrap(True)
        self.suggestion = QtWidgets.QLabel()
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setWordWrap(True)
        self.flags = QtWidgets.QListWidget()
        self.flags.setObjectName("flagList")
        self.flags.setWordWrap(True)
        self.flags.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.score)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.flags, 1)
        self.setTitle(self.tr("Tanda bahaya"))

    def show_risk(self, risk: RiskView, language: str) -> None:
        self.score.setText(
            self.tr("Skor: %1").replace("%1", _fmt(risk.score))
            + ("  ·  " + self.tr("TANDA BAHAYA BERAT") if risk.hard_flag else "")
        )
        self.suggestion.setText(
            self.tr("Saran: %1").replace("%1", risk.suggestion.label.text(language))
        )
        self.flags.clear()
        for flag in risk.flags:
            weight = self.tr("berat") if flag.hard else f"+{_fmt(flag.weight)}"
            if not flag.hard and not flag.weight:  # advisory, outside the score
                weight = self.tr("info")
            item = QtWidgets.QListWidgetItem(f"⚑ {flag.reason.text(language)}  [{weight}]")
            item.setData(QtCore.Qt.ItemDataRole.UserRole, flag.rule_id)
            item.setToolTip(flag.rule_id)
            self.flags.addItem(item)
        if not risk.flags:
            self.flags.addItem(self.tr("Belum ada tanda bahaya."))

    def shown_rule_ids(self) -> list[str]:
        items = (self.flags.item(i) for i in range(self.flags.count()))
        return [
            item.data(QtCore.Qt.ItemDataRole.UserRole)
            for item in items
            if item.data(QtCore.Qt.ItemDataRole.UserRole)
        ]


class RepeatPanel(QtWidgets.QGroupBox):
    """Earlier interviews of the same person; opening one is read-only and logged."""

    def __init__(
        self,
        open_record: Callable[[str], None],
        describe: Callable[[tuple[str, ...]], list[str]],
        outcome: Callable[[str | None], str] = lambda code: code or "",
        referral: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self._describe = describe
        self._outcome = outcome
        self._referral = referral  # an earlier referral's status line, "" when none
        self.setObjectName("repeatPanel")
        self.setTitle(self.tr("Wawancara sebelumnya"))
        layout = QtWidgets.QVBoxLayout(self)
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("repeatSummary")
        self.summary.setWordWrap(True)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("repeatList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(
            lambda item: open_record(item.data(QtCore.Qt.ItemDataRole.UserRole))
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.show_results(())

    def show_results(self, results: Sequence[InterviewSummary]) -> None:
        if not results:
            self._show_rows((), self.tr("Tidak ada wawancara sebelumnya dengan NIK ini."))
            return
        self._show_rows(
            results,
            self.tr("PERHATIAN: %1 wawancara sebelumnya").replace("%1", str(len(results)))
            + "\n"
            + self.tr("Ctrl+J: ambil data identitas dari yang terbaru"),
        )

    def _show_rows(self, results: Sequence[InterviewSummary], summary: str) -> None:
        self.list.clear()
        self.summary.setProperty("alert", bool(results))
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.summary.setText(summary)
        for row in results:
            reasons = self._describe(row.flag_rule_ids)
            flags = "".join(f"\n   ⚑ {reason}" for reason in reasons)
            status = self._referral(row.uuid) if self._referral else ""
            label = self.tr("Rujukan")
            referral = f"\n   ↪ {label}: {status}" if status else ""
            outcome = self._outcome(row.outcome) or status_text(row.status)
            text = f"{row.created_at[:10]} · {row.office_code} · {row.ref_no}\n{outcome}{referral}{flags}"
            item = QtWidgets.QListWidgetItem(text)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, row.uuid)
            item.setToolTip(", ".join(row.flag_rule_ids))
            self.list.addItem(item)


class RecruiterPanel(RepeatPanel):
    """The office's other interviews that name this interview's recruiter (same phone number
    or name), shown only when there are some; opening one is read-only and logged."""

    def __init__(
        self,
        open_record: Callable[[str], None],
        describe: Callable[[tuple[str, ...]], list[str]],
        outcome: Callable[[str | None], str] = lambda code: code or "",
    ) -> None:
        super().__init__(open_record, describe, outcome)
        self.setObjectName("recruiterPanel")
        self.setTitle(self.tr("Perekrut yang sama"))
        self.list.setObjectName("recruiterList")
        self.summary.setObjectName("recruiterSummary")
        self.setVisible(False)

    def show_matches(self, matches: RecruiterMatches) -> None:
        self.setVisible(bool(matches.count))
        if not matches.count:
            self.list.clear()
            return
        summary = self.tr("PERHATIAN: perekrut ini muncul di %1 wawancara lain").replace(
            "%1", str(matches.count)
        )
        if matches.count > len(matches.recent):
            summary += "\n" + self.tr("(%1 yang terbaru ditampilkan)").replace(
                "%1", str(len(matches.recent))
            )
        self._show_rows(matches.recent, summary)


class NotesPanel(QtWidgets.QGroupBox):
    """The officer's free notes on the interview, saved after a pause and on leaving."""

    def __init__(self, save: Callable[[str], None]) -> None:
        super().__init__()
        self.setTitle(self.tr("Catatan petugas (Ctrl+K)"))
        layout = QtWidgets.QVBoxLayout(self)
        self.edit = QtWidgets.QPlainTextEdit()
        self.edit.setObjectName("notes")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(64)
        layout.addWidget(self.edit)
        self._save = save
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(1500)
        self.timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self.timer.start)

    def load(self, text: str) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)

    def flush(self) -> None:
        self.timer.stop()
        self._save(self.edit.toPlainText())
