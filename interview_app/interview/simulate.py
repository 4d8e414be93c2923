"""A headless run of the engine over an answer set, as the officer would walk it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from interview_app.errors import KnownError
from interview_app.interview.engine import REQUIRED, InterviewSession
from interview_app.questionnaire.model import Questionnaire
from interview_app.questionnaire.office_settings import SCRIPT_SETTINGS
from interview_app.questionnaire.valuetypes import Message


def _message(message: Message) -> dict[str, str]:
    return {"id": message.id, "en": message.en}


def parse_answer_document(document: Any) -> tuple[dict[str, Any], dt.date, str | None, bool]:
    """(answers, today, office province, confirm warnings) from an answer file's JSON."""
    if not isinstance(document, dict) or not isinstance(document.get("answers"), dict):
        raise KnownError(
            'berkas jawaban harus berupa objek JSON dengan kunci "answers"',
            'the answer file must be a JSON object with an "answers" key',
        )
    today_text = document.get("today")
    try:
        today = dt.date.fromisoformat(today_text) if today_text else dt.date.today()
    except (TypeError, ValueError):
        raise KnownError(
            f'"today" bukan tanggal YYYY-MM-DD: {today_text!r}',
            f'"today" is not a YYYY-MM-DD date: {today_text!r}',
        ) from None
    province = document.get("office_province", "72")
    return document["answers"], today, province, bool(document.get("confirm_warnings", True))


def _suspected(session: InterviewSession) -> dict[str, Any] | None:
    purpose = session.suspected_purpose
    if purpose is None:
        return None
    return {"id": purpose.id, "label": _message(purpose.label), "work": purpose.work}


def office_settings_of(document: dict[str, Any]) -> dict[str, Any]:
    """The office settings an answer file sets (`"office_settings": {"key": value}`), as the
    settings store would hold them; a setting the file leaves out takes its default."""
    settings = document.get("office_settings", {})
    if not isinstance(settings, dict):
        raise KnownError(
            '"office_settings" harus berupa objek JSON {"kunci": nilai}',
            '"office_settings" must be a JSON object {"key": value}',
        )
    unknown = sorted(set(settings) - set(SCRIPT_SETTINGS))
    if unknown:
        known = ", ".join(sorted(SCRIPT_SETTINGS))
        raise KnownError(
            f"pengaturan kantor tidak dikenal: {', '.join(unknown)} (yang ada: {known})",
            f"unknown office settings: {', '.join(unknown)} (known: {known})",
        )
    return settings


def simulate(questionnaire: Questionnaire, document: Any) -> dict[str, Any]:
    """Walk the script from the first question, answering from the document where it has an
    answer; report the questions asked in order, every error and warning, flags, score and the
    suggested outcome. Answers to questions never asked are reported as ignored."""
    answers, today, province, confirm = parse_answer_document(document)
    session = InterviewSession(
        questionnaire,
        today=today,
        office_province=province,
        office_settings=office_settings_of(document),
    )
    asked: list[str] = []
    errors: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    unknown = sorted(k for k in answers if k not in questionnaire.questions)
    current = session.first_question()
    while current is not None:
        asked.append(current.id)
        if current.takes_answer:
            raw = answers.get(current.id)
            result = session.answer(current.id, raw, confirm_warnings=confirm)
            errors.extend({"question": current.id, "message": _message(m)} for m in result.errors)
            warnings.extend(
                {"question": current.id, "message": _message(m)} for m in result.warnings
            )
        current = session.next_question(current.id)
    for question in session.missing_required():
        if not any(e["question"] == question.id for e in errors):
            errors.append({"question": question.id, "message": _message(REQUIRED)})
    suggestion = session.suggestion
    return {
        "questionnaire": {
            "id": questionnaire.id,
            "version": questionnaire.version,
            "hash": questionnaire.content_hash,
        },
        "asked": asked,
        "errors": errors,
        "warnings": warnings,
        "ignored_answers": sorted(
            k for k in answers if k in questionnaire.questions and k not in asked
        ),
        "unknown_answers": unknown,
        "flags": [
            {"rule": f.rule_id, "weight": f.weight, "hard": f.hard, "reason": _message(f.reason)}
            for f in session.flags
        ],
        "score": session.score,
        "hard_flag": session.hard_flag,
        "suspected_purpose": _suspected(session),
        "suggested_outcome": {
            "code": suggestion.code,
            "label": _message(suggestion.label),
            "explain": _message(suggestion.explain) if suggestion.explain else None,
            "refers_bp3mi": suggestion.refers_bp3mi,
        },
    }
