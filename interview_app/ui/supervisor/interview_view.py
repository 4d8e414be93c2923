"""A stored interview shown read-only, with the script it was taken with."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication

from interview_app.questionnaire.model import Question
from interview_app.storage.interviews import IDENTITY_FIELDS
from interview_app.supervision.review_desk import InterviewView
from interview_app.text import Message
from interview_app.ui.i18n import current_language
from interview_app.ui.labels import outcome_text, status_text
from interview_app.ui.screen_fit import fit_window
from interview_app.ui.supervisor.status import local_time


def identity_labels() -> dict[str, str]:
    return {
        "nik": "NIK",
        "kk": "KK",
        "passport_no": QCoreApplication.translate("InterviewViewDialog", "No. paspor"),
        "passport_application_no": QCoreApplication.translate(
            "InterviewViewDialog", "No. permohonan"
        ),
        "full_name": QCoreApplication.translate("InterviewViewDialog", "Nama"),
        "birth_date": QCoreApplication.translate("InterviewViewDialog", "Tanggal lahir"),
        "birth_place": QCoreApplication.translate("InterviewViewDialog", "Tempat lahir"),
        "sex": QCoreApplication.translate("InterviewViewDialog", "Jenis kelamin"),
        "home_regency": QCoreApplication.translate("InterviewViewDialog", "Kab./kota"),
        "phone": QCoreApplication.translate("InterviewViewDialog", "Telepon"),
        "address": QCoreApplication.translate("InterviewViewDialog", "Alamat"),
        "emergency_contact": QCoreApplication.translate("InterviewViewDialog", "Kontak darurat"),
    }


def _answer_text(question: Question | None, value: Any, language: str) -> str:
    if question is not None and question.choices:
        values = value if isinstance(value, list) else [value]
        labels = []
        for item in values:
            choice = question.choice(str(item))
            labels.append(choice.label.text(language) if choice is not None else str(item))
        return ", ".join(labels)
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("InterviewViewDialog", "ya")
            if value
            else QCoreApplication.translate("InterviewViewDialog", "tidak")
        )
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def interview_html(view: InterviewView, labels: Mapping[str, Message] | None = None) -> str:
    """The record as HTML in the display language; outcomes by their label."""
    language = current_language()
    labels = labels or {}
    record = view.record
    questionnaire = view.questionnaire
    status = status_text(record.status)
    parts = [
        f"<h2>{escape(record.ref_no)}</h2>",
        "<p>",
        escape(
            QCoreApplication.translate("InterviewViewDialog", "Status: %1 · revisi %2")
            .replace("%1", status)
            .replace("%2", str(record.revision))
        )
        + "<br>",
        escape(
            QCoreApplication.translate("InterviewViewDialog", "Petugas: %1").replace(
                "%1", view.officer_name
            )
        )
        + "<br>",
        escape(
            QCoreApplication.translate("InterviewViewDialog", "Mulai: %1 · selesai: %2")
            .replace("%1", local_time(record.created_at))
            .replace("%2", local_time(record.completed_at))
        )
        + "<br>",
        escape(
            QCoreApplication.translate("InterviewViewDialog", "Naskah: %1").replace(
                "%1",
                f"{record.questionnaire_id} v{record.questionnaire_version} "
                f"({record.questionnaire_hash[:12]})",
            )
        ),
        "</p>",
        f"<h3>{escape(QCoreApplication.translate('InterviewViewDialog', 'Hasil'))}</h3><p>",
        escape(
            QCoreApplication.translate("InterviewViewDialog", "Skor: %1").replace(
                "%1", f"{record.score:g}" if record.score is not None else "-"
            )
        )
        + (
            escape(" · " + QCoreApplication.translate("InterviewViewDialog", "tanda bahaya berat"))
            if record.hard_flag
            else ""
        )
        + "<br>",
        escape(
            QCoreApplication.translate("InterviewViewDialog", "Saran: %1").replace(
                "%1", outcome_text(record.suggested_outcome, labels) or "-"
            )
        )
        + " · "
        + escape(QCoreApplication.translate("InterviewViewDialog", "keputusan:"))
        + f" <b>{escape(outcome_text(record.chosen_outcome, labels) or '-')}</b><br>",
    ]
    if record.override_reason:
        parts.append(
            escape(
                QCoreApplication.translate("InterviewViewDialog", "Alasan: %1").replace(
                    "%1", record.override_reason
                )
            )
            + "<br>"
        )
    parts.append("</p>")
    if record.flags:
        parts.append(
            f"<h3>{escape(QCoreApplication.translate('InterviewViewDialog', 'Tanda bahaya'))}</h3><ul>"
        )
        for flag in record.flags:
            weight = (
                QCoreApplication.translate("InterviewViewDialog", "berat")
                if flag.hard
                else f"{flag.weight:g}"
            )
            reason = flag.reason_en if language == "en" else flag.reason_id
            parts.append(f"<li>{escape(reason)} ({escape(weight)})</li>")
        parts.append("</ul>")
    parts.append(
        f"<h3>{escape(QCoreApplication.translate('InterviewViewDialog', 'Identitas'))}</h3><table cellspacing=2>"
    )
    names = identity_labels()
    for name in IDENTITY_FIELDS:
        value = getattr(record, name)
        if value:
            parts.append(
                f"<tr><td>{escape(names[name])}</td><td><b>{escape(str(value))}</b></td></tr>"
            )
    parts.append(
        f"</table><h3>{escape(QCoreApplication.translate('InterviewViewDialog', 'Jawaban'))}</h3><table cellspacing=2>"
    )
    order = list(questionnaire.questions) if questionnaire is not None else []
    answers = sorted(
        record.answers.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )
    for question_id, value in answers:
        question = questionnaire.questions.get(question_id) if questionnaire else None
        label = (
            question.label.text(language)
            if question is not None and question.label
            else question_id
        )
        parts.append(
            f"<tr><td>{escape(label)}</td>"
            f"<td><b>{escape(_answer_text(question, value, language))}</b></td></tr>"
        )
    parts.append("</table>")
    if record.notes:
        parts.append(
            f"<h3>{escape(QCoreApplication.translate('InterviewViewDialog', 'Catatan'))}</h3><p>{escape(record.notes)}</p>"
        )
    if view.revisions:
        parts.append(
            f"<h3>{escape(QCoreApplication.translate('InterviewViewDialog', 'Revisi sebelumnya'))}</h3><ul>"
        )
        for revision in view.revisions:
            parts.append(
                f"<li>{revision.revision}: {escape(revision.reason)} "
                f"({escape(local_time(revision.revised_at))})</li>"
            )
        parts.append("</ul>")
    if view.reviews:
        parts.append(
            f"<h3>{escape(QCoreApplication.translate('InterviewViewDialog', 'Tinjauan'))}</h3><ul>"
        )
        for entry in view.reviews:
            what = (
                QCoreApplication.translate("InterviewViewDialog", "ditinjau")
                if entry.action == "reviewed"
                else QCoreApplication.translate("InterviewViewDialog", "dikembalikan")
            )
            comment = f": {escape(entry.comment)}" if entry.comment else ""
            parts.append(
                f"<li>{escape(local_time(entry.at))} {escape(entry.by_name)} — {escape(what)} "
                f"(rev. {entry.revision}){comment}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


class InterviewViewDialog(QtWidgets.QDialog):
    """Read-only: no field can be edited here; corrections are the officer's, as revisions."""

    def __init__(
        self,
        view: InterviewView,
        parent: QtWidgets.QWidget | None = None,
        labels: Mapping[str, Message] | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(self.tr("%1 — hanya baca").replace("%1", view.record.ref_no))
        self.browser = QtWidgets.QTextBrowser()
        self.browser.setObjectName("interviewView")
        self.browser.setHtml(interview_html(view, labels))
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(close)
        fit_window(self, 760, 760)
