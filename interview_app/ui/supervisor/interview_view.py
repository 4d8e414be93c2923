"""A stored interview shown read-only, with the script it was taken with."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6 import QtWidgets

from interview_app.questionnaire.model import Question
from interview_app.storage.interviews import IDENTITY_FIELDS
from interview_app.supervision.review import InterviewView
from interview_app.ui.screen_fit import fit_window
from interview_app.ui.supervisor.status import local_time

IDENTITY_LABELS = {
    "nik": "NIK",
    "kk": "KK",
    "passport_no": "No. paspor / Passport no.",
    "passport_application_no": "No. permohonan / Application no.",
    "full_name": "Nama / Name",
    "birth_date": "Tanggal lahir / Date of birth",
    "birth_place": "Tempat lahir / Place of birth",
    "sex": "Jenis kelamin / Sex",
    "home_regency": "Kab./kota / Regency",
    "phone": "Telepon / Phone",
    "address": "Alamat / Address",
    "emergency_contact": "Kontak darurat / Emergency contact",
}


def _answer_text(question: Question | None, value: Any) -> str:
    if question is not None and question.choices:
        values = value if isinstance(value, list) else [value]
        labels = []
        for item in values:
            choice = question.choice(str(item))
            labels.append(choice.label.id if choice is not None else str(item))
        return ", ".join(labels)
    if isinstance(value, bool):
        return "ya / yes" if value else "tidak / no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def interview_html(view: InterviewView) -> str:
    record = view.record
    questionnaire = view.questionnaire
    parts = [
        f"<h2>{escape(record.ref_no)}</h2>",
        "<p>",
        f"Status: <b>{escape(record.status)}</b> · revisi / revision {record.revision}<br>",
        f"Petugas / Officer: {escape(view.officer_name)}<br>",
        f"Mulai / Started: {escape(local_time(record.created_at))} · "
        f"selesai / completed: {escape(local_time(record.completed_at))}<br>",
        f"Naskah / Script: {escape(record.questionnaire_id)} v{record.questionnaire_version} "
        f"({escape(record.questionnaire_hash[:12])})",
        "</p>",
        "<h3>Hasil / Outcome</h3><p>",
        f"Skor / Score: <b>{record.score if record.score is not None else '-'}</b>"
        f"{' · bendera berat / hard flag' if record.hard_flag else ''}<br>",
        f"Saran / Suggested: {escape(record.suggested_outcome or '-')} · "
        f"keputusan / decision: <b>{escape(record.chosen_outcome or '-')}</b><br>",
    ]
    if record.override_reason:
        parts.append(f"Alasan / Reason: {escape(record.override_reason)}<br>")
    parts.append("</p>")
    if record.flags:
        parts.append("<h3>Tanda bahaya / Red flags</h3><ul>")
        for flag in record.flags:
            weight = "berat / hard" if flag.hard else f"{flag.weight:g}"
            parts.append(
                f"<li>{escape(flag.reason_id)} / {escape(flag.reason_en)} ({escape(weight)})</li>"
            )
        parts.append("</ul>")
    parts.append("<h3>Identitas / Identity</h3><table cellspacing=2>")
    for name in IDENTITY_FIELDS:
        value = getattr(record, name)
        if value:
            parts.append(
                f"<tr><td>{escape(IDENTITY_LABELS[name])}</td><td><b>{escape(str(value))}</b></td></tr>"
            )
    parts.append("</table><h3>Jawaban / Answers</h3><table cellspacing=2>")
    order = list(questionnaire.questions) if questionnaire is not None else []
    answers = sorted(
        record.answers.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )
    for question_id, value in answers:
        question = questionnaire.questions.get(question_id) if questionnaire else None
        label = question.label.id if question is not None and question.label else question_id
        parts.append(
            f"<tr><td>{escape(label)}</td><td><b>{escape(_answer_text(question, value))}</b></td></tr>"
        )
    parts.append("</table>")
    if record.notes:
        parts.append(f"<h3>Catatan / Notes</h3><p>{escape(record.notes)}</p>")
    if view.revisions:
        parts.append("<h3>Revisi sebelumnya / Earlier revisions</h3><ul>")
        for revision in view.revisions:
            parts.append(
                f"<li>{revision.revision}: {escape(revision.reason)} "
                f"({escape(local_time(revision.revised_at))})</li>"
            )
        parts.append("</ul>")
    if view.reviews:
        parts.append("<h3>Tinjauan / Reviews</h3><ul>")
        for entry in view.reviews:
            what = (
                "ditinjau / reviewed" if entry.action == "reviewed" else "dikembalikan / returned"
            )
            comment = f": {escape(entry.comment)}" if entry.comment else ""
            parts.append(
                f"<li>{escape(local_time(entry.at))} {escape(entry.by_name)} — {what} "
                f"(rev. {entry.revision}){comment}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


class InterviewViewDialog(QtWidgets.QDialog):
    """Read-only: no field can be edited here; corrections are the officer's, as revisions."""

    def __init__(self, view: InterviewView, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(f"{view.record.ref_no} — hanya baca / read-only")
        self.browser = QtWidgets.QTextBrowser()
        self.browser.setObjectName("interviewView")
        self.browser.setHtml(interview_html(view))
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(close)
        fit_window(self, 760, 760)
