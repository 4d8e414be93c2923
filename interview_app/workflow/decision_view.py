"""The review screen's content and the live risk panel, built from the engine's state."""

from __future__ import annotations

from interview_app.interview.engine import InterviewSession
from interview_app.interview.values import display
from interview_app.questionnaire.model import AS_STATED
from interview_app.text import Message
from interview_app.workflow.views import (
    FlagView,
    OutcomeOption,
    ReviewItem,
    ReviewSection,
    ReviewView,
    RiskView,
    SuspectedOption,
    SuspectedView,
)

AS_STATED_OPTION = SuspectedOption(
    AS_STATED, Message("Sesuai tujuan yang dinyatakan", "As the stated purpose")
)


def risk_view(session: InterviewSession) -> RiskView:
    flags = tuple(FlagView(f.rule_id, f.weight, f.hard, f.reason) for f in session.flags)
    return RiskView(flags, session.score, session.hard_flag, session.suggestion)


def flagged_questions(session: InterviewSession) -> frozenset[str]:
    """Questions whose answers a fired rule reads (highlighted on the review)."""
    fired = {f.rule_id for f in session.flags}
    names: set[str] = set()
    for rule in session.questionnaire.risk_rules:
        if rule.id in fired:
            names |= rule.when.names
    return frozenset(names & set(session.questionnaire.questions))


def build_review(session: InterviewSession, language: str) -> ReviewView:
    flagged = flagged_questions(session)
    missing = {q.id for q in session.missing_required()}
    problems = session.errors_in_answers()
    sections = []
    for section in session.visible_sections():
        items = []
        for question in session.visible_questions(section.id):
            if not question.takes_answer:
                continue
            label = question.label.text(language) if question.label else question.id
            value = session.answers.get(question.id)
            items.append(
                ReviewItem(
                    question.id,
                    label,
                    display(question, value, language),
                    question.id in flagged,
                    question.id in missing,
                    problems.get(question.id, ()),
                )
            )
        sections.append(ReviewSection(section.id, section.title.text(language), tuple(items)))
    outcomes = tuple(
        OutcomeOption(c.code, c.label, c.refers_bp3mi) for c in session.questionnaire.outcome_codes
    )
    return ReviewView(
        tuple(sections),
        risk_view(session),
        outcomes,
        tuple(sorted(missing)),
        tuple(sorted(problems)),
        suspected_view(session),
    )


def suspected_view(session: InterviewSession) -> SuspectedView | None:
    declared = session.questionnaire.suspected_purposes
    if not declared:
        return None
    suggested = session.suspected_purpose
    return SuspectedView(
        (AS_STATED_OPTION, *(SuspectedOption(p.id, p.label) for p in declared)),
        suggested.id if suggested is not None else AS_STATED,
    )
