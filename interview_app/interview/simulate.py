"""A headless run of the engine over an answer file, as the officer would walk it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from interview_app.errors import KnownError
from interview_app.interview.engine import REQUIRED, AnswerResult, InterviewSession
from interview_app.questionnaire.model import Questionnaire
from interview_app.questionnaire.office_settings import SCRIPT_SETTINGS
from interview_app.reference import load_regions
from interview_app.text import Message

# The keys an answer file may hold; any other key is refused (a misspelt "today" must not
# silently fall back to the clock).
DOCUMENT_KEYS = (
    "answers",
    "steps",
    "today",
    "office_province",
    "confirm_warnings",
    "office_settings",
    "description",
    "expected",
)
DEFAULT_OFFICE_PROVINCE = "72"  # Sulawesi Tengah, the default script's office

NOT_HERE = Message(
    "pertanyaan ini tidak ditanyakan pada titik ini (tidak relevan dengan jawaban sebelumnya)",
    "this question is not asked at this point (not relevant to the answers so far)",
)
NOT_A_VALUE = Message(
    "jawaban harus berupa teks, angka, true/false, null atau daftar nilai",
    "an answer must be text, a number, true/false, null or a list of values",
)
UNKNOWN_QUESTION = Message("pertanyaan tidak ada dalam naskah", "no such question in the script")
NOT_CONFIRMED = Message(
    'peringatan belum dikonfirmasi ("confirm_warnings": false)',
    'warning not confirmed ("confirm_warnings": false)',
)


def _message(message: Message) -> dict[str, str]:
    return {"id": message.id, "en": message.en}


def _refuse(message_id: str, message_en: str) -> KnownError:
    return KnownError(f"berkas jawaban: {message_id}", f"answer file: {message_en}")


@dataclass(frozen=True)
class AnswerDocument:
    """An answer file, checked: `answers` are given by walking the script from its first
    question; `steps` are then given one by one in their order (a later step changes an
    earlier answer, as an officer going back would)."""

    answers: dict[str, Any]
    steps: tuple[tuple[str, Any], ...]
    today: dt.date
    office_province: str | None
    confirm_warnings: bool
    office_settings: dict[str, Any]


def parse_answer_document(document: Any, today: dt.date | None = None) -> AnswerDocument:
    """Check an answer file's JSON; a KnownError (bilingual) names what is wrong with it.
    `today` is used when the file gives none (default: the real today)."""
    if not isinstance(document, dict):
        raise _refuse("isinya harus berupa objek JSON", "it must hold a JSON object")
    unknown = sorted(str(k) for k in document if k not in DOCUMENT_KEYS)
    if unknown:
        raise _refuse(
            f"kunci tidak dikenal: {', '.join(unknown)} (yang boleh: {', '.join(DOCUMENT_KEYS)})",
            f"unknown keys: {', '.join(unknown)} (allowed: {', '.join(DOCUMENT_KEYS)})",
        )
    if "answers" not in document and "steps" not in document:
        raise _refuse(
            'tidak ada "answers" maupun "steps"', 'there is neither "answers" nor "steps"'
        )
    answers = document.get("answers", {})
    if not isinstance(answers, dict):
        raise _refuse('"answers" harus berupa objek JSON', '"answers" must be a JSON object')
    steps = _steps(document.get("steps", []))
    today_text = document.get("today")
    if today_text is None:
        day = today or dt.date.today()
    else:
        try:
            day = dt.date.fromisoformat(today_text)
        except (TypeError, ValueError):
            raise _refuse(
                f'"today" bukan tanggal YYYY-MM-DD: {today_text!r}',
                f'"today" is not a YYYY-MM-DD date: {today_text!r}',
            ) from None
    province_text = document.get("office_province", DEFAULT_OFFICE_PROVINCE)
    province = (
        load_regions().province_code(province_text) if isinstance(province_text, str) else None
    )
    if province is None and province_text is not None:  # null: no office province, no warning
        raise _refuse(
            f'"office_province" bukan provinsi yang dikenal: {province_text!r} (tulis kode '
            'Kemendagri seperti "72" atau nama seperti "Sulawesi Tengah")',
            f'"office_province" is not a known province: {province_text!r} (write a Kemendagri '
            'code such as "72" or a name such as "Sulawesi Tengah")',
        )
    confirm = document.get("confirm_warnings", True)
    if not isinstance(confirm, bool):
        raise _refuse(
            '"confirm_warnings" harus true atau false', '"confirm_warnings" must be true or false'
        )
    settings = office_settings_of(document)
    return AnswerDocument(dict(answers), steps, day, province, confirm, settings)


def office_settings_of(document: dict[str, Any]) -> dict[str, Any]:
    """The office settings an answer file sets (`"office_settings": {"key": value}`), as the
    settings store would hold them; a setting the file leaves out takes its default."""
    settings = document.get("office_settings", {})
    if not isinstance(settings, dict):
        raise _refuse(
            '"office_settings" harus berupa objek JSON {"kunci": nilai}',
            '"office_settings" must be a JSON object {"key": value}',
        )
    unknown = sorted(set(settings) - set(SCRIPT_SETTINGS))
    if unknown:
        known = ", ".join(sorted(SCRIPT_SETTINGS))
        raise _refuse(
            f"pengaturan kantor tidak dikenal: {', '.join(unknown)} (yang ada: {known})",
            f"unknown office settings: {', '.join(unknown)} (known: {known})",
        )
    return dict(settings)


def _suspected(session: InterviewSession) -> dict[str, Any] | None:
    purpose = session.suspected_purpose
    if purpose is None:
        return None
    return {"id": purpose.id, "label": _message(purpose.label), "work": purpose.work}


def _steps(value: Any) -> tuple[tuple[str, Any], ...]:
    if not isinstance(value, list):
        raise _refuse(
            '"steps" harus berupa daftar pasangan ["id_pertanyaan", jawaban]',
            '"steps" must be a list of ["question_id", answer] pairs',
        )
    steps = []
    for number, step in enumerate(value, start=1):
        if not (isinstance(step, list) and len(step) == 2 and isinstance(step[0], str)):
            raise _refuse(
                f'langkah {number} dari "steps" bukan pasangan ["id_pertanyaan", jawaban]',
                f'step {number} of "steps" is not a ["question_id", answer] pair',
            )
        steps.append((step[0], step[1]))
    return tuple(steps)


def _plain(value: Any) -> bool:
    """A value an answer can be: a JSON scalar, or a flat list of them (multiple choice)."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    return isinstance(value, list) and all(isinstance(v, str | int | float | bool) for v in value)


class _Run:
    """One simulation: the session and what was reported on the way."""

    def __init__(self, questionnaire: Questionnaire, document: AnswerDocument) -> None:
        self.questionnaire = questionnaire
        self.document = document
        self.session = InterviewSession(
            questionnaire,
            today=document.today,
            office_province=document.office_province,
            office_settings=document.office_settings,
        )
        self.asked: list[str] = []
        self.errors: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self.refused: dict[str, list[Message]] = {}

    def give(self, question_id: str, raw: Any) -> AnswerResult | None:
        """Give one answer; None when it could not even be offered to the engine."""
        if not _plain(raw):
            self._refused(question_id, (NOT_A_VALUE,))
            return None
        result = self.session.answer(
            question_id, raw, confirm_warnings=self.document.confirm_warnings
        )
        self.errors.extend({"question": question_id, "message": _message(m)} for m in result.errors)
        self.warnings.extend(
            {"question": question_id, "message": _message(m)} for m in result.warnings
        )
        if result.errors and raw is not None:
            self._refused(question_id, result.errors)
        elif result.needs_confirmation:
            self._refused(question_id, (NOT_CONFIRMED, *result.warnings))
        else:
            self.refused.pop(question_id, None)  # a later, accepted answer replaces a refusal
        return result

    def _refused(self, question_id: str, messages: tuple[Message, ...]) -> None:
        self.refused[question_id] = list(messages)
        if messages[0] is NOT_A_VALUE:
            self.errors.append({"question": question_id, "message": _message(NOT_A_VALUE)})

    def walk(self) -> None:
        """From the first question to the last, answering from `answers` where it has one."""
        answers = self.document.answers
        current = self.session.first_question()
        while current is not None:
            self.asked.append(current.id)
            if current.takes_answer:
                self.give(current.id, answers.get(current.id))
            current = self.session.next_question(current.id)

    def step(self, question_id: str, raw: Any) -> dict[str, Any]:
        """One answer given (or changed) out of the walk, as the officer going back to it."""
        question = self.questionnaire.questions.get(question_id)
        saved = False
        problem = None
        if question is None or not question.takes_answer:
            problem = UNKNOWN_QUESTION
        elif not self.session.is_relevant(question_id):
            problem = NOT_HERE
        if problem is not None:
            self.errors.append({"question": question_id, "message": _message(problem)})
        else:
            if question_id not in self.asked:
                self.asked.append(question_id)
            result = self.give(question_id, raw)
            saved = result is not None and result.saved
        return {"question": question_id, "saved": saved}

    def missing(self) -> list[dict[str, Any]]:
        """Required answers missing, and identity answers missing among the questions asked."""
        session = self.session
        required = {q.id for q in session.missing_required()}
        result = []
        for question in session.visible_questions():
            if not question.takes_answer or question.id in session.answers:
                continue
            if question.id in required or question.identity:
                result.append(
                    {
                        "question": question.id,
                        "required": question.id in required,
                        "identity": question.identity,
                    }
                )
        return result


def simulate(
    questionnaire: Questionnaire, document: Any, today: dt.date | None = None
) -> dict[str, Any]:
    """Walk the script from the first question, answering from the document's `answers` where
    it has one (no walk when the document has only steps), then give its `steps` in order; report the questions asked in order, every error
    and warning, whether the interview could be completed (and what is missing or refused),
    flags, score and the suggested outcome. Answers to questions never asked are reported as
    ignored. Raises KnownError for a document that is not a valid answer file."""
    checked = parse_answer_document(document, today)
    run = _Run(questionnaire, checked)
    answers = checked.answers
    unknown = sorted(k for k in answers if k not in questionnaire.questions)
    if "answers" in document:
        run.walk()
    steps = [run.step(question_id, raw) for question_id, raw in checked.steps]
    session = run.session
    for question in session.missing_required():
        if not any(e["question"] == question.id for e in run.errors):
            run.errors.append({"question": question.id, "message": _message(REQUIRED)})
    # Answers kept earlier that a later answer made wrong (a changed birth date against the NIK).
    for question_id, messages in session.errors_in_answers().items():
        run.refused.setdefault(question_id, list(messages))
    missing = run.missing()
    # A refusal counts while its question is still asked (a later step may have hidden it).
    refused = [
        {"question": q, "messages": [_message(m) for m in messages]}
        for q, messages in run.refused.items()
        if session.is_relevant(q)
    ]
    suggestion = session.suggestion
    return {
        "questionnaire": {
            "id": questionnaire.id,
            "version": questionnaire.version,
            "hash": questionnaire.content_hash,
        },
        "today": checked.today.isoformat(),
        "office_province": checked.office_province,
        "asked": run.asked,
        "steps": steps,
        "errors": run.errors,
        "warnings": run.warnings,
        "ignored_answers": sorted(
            k for k in answers if k in questionnaire.questions and k not in run.asked
        ),
        "unknown_answers": unknown,
        "complete": not any(m["required"] for m in missing) and not refused,
        "missing": missing,
        "refused": refused,
        "flags": [
            {"rule": f.rule_id, "weight": f.weight, "hard": f.hard, "reason": _message(f.reason)}
            for f in session.flags
        ],
        "score": session.score,
        "hard_flag": session.hard_flag,
        "suggested_outcome": {
            "code": suggestion.code,
            "label": _message(suggestion.label),
            "explain": _message(suggestion.explain) if suggestion.explain else None,
            "refers_bp3mi": suggestion.refers_bp3mi,
        },
        "suspected_purpose": _suspected(session),
    }
