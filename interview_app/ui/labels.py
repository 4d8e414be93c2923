"""Words shown for stored codes: an interview's status and an outcome code's label, in the
display language (codes themselves appear only in exports)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6 import QtCore

from interview_app.text import Message
from interview_app.ui.i18n import current_language


def status_text(status: str) -> str:
    if status == "draft":
        return QtCore.QCoreApplication.translate("Labels", "belum selesai")
    if status == "completed":
        return QtCore.QCoreApplication.translate("Labels", "selesai")
    if status == "voided":
        return QtCore.QCoreApplication.translate("Labels", "batal")
    return status


def outcome_text(
    code: str | None, labels: Mapping[str, Message], language: str | None = None
) -> str:
    """The outcome's label (the code only when the office has no label for it)."""
    if not code:
        return ""
    label = labels.get(code)
    return label.text(language or current_language()) if label is not None else code
