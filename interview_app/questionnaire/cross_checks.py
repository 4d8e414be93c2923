"""Checks across the whole script: expression types, calculation and evaluation order,
suspected purposes against the rules, the identity questions."""

from __future__ import annotations

from typing import Any

from interview_app.questionnaire.builder_base import BuilderBase
from interview_app.questionnaire.expression_checker import check as check_expression
from interview_app.questionnaire.expression_runtime import Expression
from interview_app.questionnaire.model import (
    VALUE_TYPES,
    OutcomeRule,
    Question,
    RiskRule,
    Section,
    SuspectedPurpose,
)
from interview_app.questionnaire.valuetypes import Symbol, ValueType

# A suspected purpose may only rest on flags at least this strong (or hard).
STRONG_WEIGHT = 3


def _names(*exprs: Expression | None) -> set[str]:
    result: set[str] = set()
    for expr in exprs:
        if expr is not None:
            result |= expr.names
    return result


class CrossChecks(BuilderBase):
    """Checks that need the whole script built first."""

    def check_suspected(
        self,
        purposes: list[SuspectedPurpose],
        risk_rules: list[RiskRule],
        symbols: dict[str, Symbol],
    ) -> None:
        """A suspected purpose rests on strong flags only: its condition names rules with
        flagged(), and each of them is a hard flag or weighs at least STRONG_WEIGHT."""
        rules = {rule.id: rule for rule in risk_rules}
        for purpose in purposes:
            _, problems = check_expression(purpose.when, symbols)
            self.report(purpose.line, "when", problems)
            refs = purpose.when.flag_refs
            if not refs:
                self.problem(
                    purpose.line,
                    f"dugaan tujuan '{purpose.id}' harus bersandar pada tanda bahaya: "
                    "pakai flagged('...')",
                    f"suspected purpose '{purpose.id}' must rest on red flags: use flagged('...')",
                )
            for ref in sorted(refs):
                rule = rules.get(ref)
                if rule is None:
                    self.problem(
                        purpose.line,
                        f"flagged('{ref}'): aturan risiko '{ref}' tidak ada",
                        f"flagged('{ref}'): there is no risk rule '{ref}'",
                    )
                elif not rule.hard and rule.weight < STRONG_WEIGHT:
                    self.problem(
                        purpose.line,
                        f"dugaan tujuan '{purpose.id}': tanda bahaya '{ref}' terlalu lemah "
                        f"(perlu tanda bahaya berat atau bobot ≥ {STRONG_WEIGHT:g})",
                        f"suspected purpose '{purpose.id}': red flag '{ref}' is too weak "
                        f"(needs a hard red flag or a weight ≥ {STRONG_WEIGHT:g})",
                    )

    # -- cross checks ----------------------------------------------------------------------
    def check_expressions(
        self,
        sections: list[Section],
        questions: dict[str, Question],
        risk_rules: list[RiskRule],
        outcome_rules: list[OutcomeRule],
        constant_symbols: dict[str, Symbol],
    ) -> dict[str, Symbol]:
        symbols: dict[str, Symbol] = dict(constant_symbols)
        for question in questions.values():
            value_type = VALUE_TYPES.get(question.type)
            if value_type is not None:
                choices = frozenset(c.value for c in question.choices) if question.choices else None
                symbols[question.id] = Symbol(value_type, choices)

        # Calculations: types come from their expressions, in dependency order; cycles reported.
        calcs = {q.id: q for q in questions.values() if q.type == "calculate" and q.calculate}
        for calc_id in calcs:  # known names even inside a cycle (the cycle itself is reported)
            symbols[calc_id] = Symbol(ValueType.ANY)
        for calc_id in self.calculation_order(calcs):
            question = calcs[calc_id]
            assert question.calculate is not None
            value_type, problems = check_expression(question.calculate, symbols, expect=None)
            self.report(question.line, "calculate", problems)
            symbols[calc_id] = Symbol(value_type)

        def run(expr: Expression | None, line: int, key: str, **kwargs: Any) -> None:
            if expr is None:
                return
            _, problems = check_expression(expr, symbols, **kwargs)
            self.report(line, key, problems)

        for section in sections:
            run(section.relevant, section.line, "relevant")
            for question in section.questions:
                own = symbols.get(question.id)
                if own is not None and own.type == ValueType.CHOICE and question.type == "country":
                    own = Symbol(ValueType.CHOICE, None)
                run(question.relevant, question.line, "relevant")
                run(question.required_if, question.line, "required")
                run(question.constraint, question.line, "constraint", self_symbol=own)
                run(question.warning, question.line, "warning", self_symbol=own)
                run(question.choice_filter, question.line, "choice_filter")
                for name in _names(
                    question.relevant, question.required_if, question.constraint, question.warning
                ):
                    referenced = questions.get(name)
                    if referenced is not None and referenced.type == "note":
                        self.problem(
                            question.line,
                            f"'{name}' adalah catatan tanpa jawaban",
                            f"'{name}' is a note and has no answer",
                        )
        rule_ids = {rule.id for rule in risk_rules}
        for rule in risk_rules:
            run(rule.when, rule.line, "when")
        for outcome_rule in outcome_rules:
            run(outcome_rule.when, outcome_rule.line, "when")
            if outcome_rule.when is not None:
                for ref in sorted(outcome_rule.when.flag_refs - rule_ids):
                    self.problem(
                        outcome_rule.line,
                        f"flagged('{ref}'): aturan risiko '{ref}' tidak ada",
                        f"flagged('{ref}'): there is no risk rule '{ref}'",
                    )
        return symbols

    def calculation_order(self, calcs: dict[str, Question]) -> list[str]:
        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done

        def visit(calc_id: str, trail: list[str]) -> None:
            if state.get(calc_id) == 2:
                return
            if state.get(calc_id) == 1:
                cycle = trail[trail.index(calc_id) :] + [calc_id]
                text = " → ".join(cycle)
                self.problem(
                    calcs[calc_id].line,
                    f"perhitungan melingkar: {text}",
                    f"cycle in calculations: {text}",
                )
                return
            state[calc_id] = 1
            expr = calcs[calc_id].calculate
            for name in sorted(expr.names if expr else ()):
                if name in calcs:
                    visit(name, [*trail, calc_id])
            state[calc_id] = 2
            order.append(calc_id)

        for calc_id in calcs:
            visit(calc_id, [])
        return order

    def evaluation_order(
        self, sections: list[Section], questions: dict[str, Question]
    ) -> tuple[str, ...]:
        """Order questions so that what an item's relevance (or calculation) reads comes first.
        Document order wherever the dependencies allow it."""
        position = {qid: i for i, qid in enumerate(questions)}
        section_relevant = {s.id: s.relevant for s in sections}
        depends: dict[str, set[str]] = {}
        for qid, question in questions.items():
            needed = _names(
                question.relevant, question.calculate, section_relevant.get(question.section_id)
            )
            depends[qid] = {n for n in needed if n in questions and n != qid}
        order: list[str] = []
        done: set[str] = set()
        remaining = dict(depends)
        while remaining:
            ready = [qid for qid, deps in remaining.items() if deps <= done]
            if not ready:
                stuck = sorted(remaining, key=position.__getitem__)
                # Calculation cycles are reported by calculation_order; report relevance cycles here.
                if not any(questions[q].type == "calculate" for q in stuck):
                    first = questions[stuck[0]]
                    text = ", ".join(stuck[:6])
                    self.problem(
                        first.line,
                        f"syarat 'relevant' saling bergantung melingkar: {text}",
                        f"'relevant' conditions depend on each other in a cycle: {text}",
                    )
                order.extend(stuck)
                break
            ready.sort(key=position.__getitem__)
            first_ready = ready[0]
            order.append(first_ready)
            done.add(first_ready)
            del remaining[first_ready]
        return tuple(order)

    def check_identity(self, questions: dict[str, Question]) -> None:
        recruiters: dict[str, str] = {}
        for question in questions.values():
            if question.recruiter is None:
                continue
            if question.recruiter in recruiters:
                self.problem(
                    question.line,
                    f"'recruiter: {question.recruiter}' sudah ada pada "
                    f"'{recruiters[question.recruiter]}'",
                    f"'recruiter: {question.recruiter}' is already on "
                    f"'{recruiters[question.recruiter]}'",
                )
            recruiters[question.recruiter] = question.id
        seen: dict[str, str] = {}
        for question in questions.values():
            if question.identity is None:
                continue
            if question.identity in seen:
                self.problem(
                    question.line,
                    f"kolom identitas '{question.identity}' sudah diisi oleh '{seen[question.identity]}'",
                    f"identity field '{question.identity}' is already filled by '{seen[question.identity]}'",
                )
            seen[question.identity] = question.id
            if question.identity == "sex" and question.type == "single":
                values = {c.value for c in question.choices}
                if values and values != {"L", "P"}:
                    self.problem(
                        question.line,
                        "pilihan jenis kelamin harus L dan P (untuk pemeriksaan NIK)",
                        "sex choices must be L and P (for the NIK check)",
                    )
            if question.identity == "birth_date" and question.type != "date":
                self.problem(
                    question.line,
                    "kolom identitas birth_date harus jenis date",
                    "identity field birth_date must be of type date",
                )
