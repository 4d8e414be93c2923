"""Building a script's outcome codes, suspected purposes, risk rules and outcome rules."""

from __future__ import annotations

import re
from typing import Any

from interview_app.questionnaire.builder_base import BuilderBase, line_of
from interview_app.questionnaire.model import (
    OutcomeCode,
    OutcomeRule,
    RiskRule,
    SuspectedPurpose,
)


class RulesBuilder(BuilderBase):
    """The script's outcomes and the rules that lead to them."""

    def outcome_codes(self, top: dict[str, Any]) -> list[OutcomeCode]:
        result: list[OutcomeCode] = []
        seen: set[str] = set()
        items = self.sequence(
            top.get("outcome_codes"),
            line_of(top, "outcome_codes"),
            "'outcome_codes'",
            "'outcome_codes'",
        )
        if "outcome_codes" not in top:
            return result
        for item in items:
            obj = self.mapping(
                item,
                line_of(item, default=line_of(top, "outcome_codes")),
                "kode hasil",
                "an outcome code",
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("code", "label", "refers_bp3mi"), "kode hasil", "an outcome code"
            )
            code = obj.get("code")
            label = self.text(obj, "label")
            if not isinstance(code, str) or not re.match(r"^[A-Z][A-Z0-9_]*$", code):
                self.problem(
                    line_of(obj, "code"),
                    f"kode hasil tidak sah: {code!r} (HURUF_BESAR)",
                    f"invalid outcome code: {code!r} (UPPER_CASE)",
                )
                continue
            if code in seen:
                self.problem(
                    line_of(obj, "code"),
                    f"kode hasil '{code}' ganda",
                    f"duplicate outcome code '{code}'",
                )
                continue
            seen.add(code)
            refers = obj.get("refers_bp3mi", False)
            if not isinstance(refers, bool):
                self.problem(
                    line_of(obj, "refers_bp3mi"),
                    "'refers_bp3mi' harus true atau false",
                    "'refers_bp3mi' must be true or false",
                )
                refers = False
            if label is not None:
                result.append(OutcomeCode(code, label, refers))
        return result

    def suspected_purposes(self, top: dict[str, Any]) -> list[SuspectedPurpose]:
        result: list[SuspectedPurpose] = []
        if "suspected_purposes" not in top:
            return result
        for item in self.sequence(
            top["suspected_purposes"],
            line_of(top, "suspected_purposes"),
            "'suspected_purposes'",
            "'suspected_purposes'",
        ):
            obj = self.mapping(
                item,
                line_of(item, default=line_of(top, "suspected_purposes")),
                "dugaan tujuan",
                "a suspected purpose",
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("id", "when", "label", "work"), "dugaan tujuan", "a suspected purpose"
            )
            purpose_id = self.claim_id(
                obj.get("id"), line_of(obj, "id"), "dugaan tujuan", "suspected purpose"
            )
            when = self.expression(obj, "when", "outcome")
            if "when" not in obj:
                self.problem(
                    line_of(obj), "dugaan tujuan tanpa 'when'", "suspected purpose without 'when'"
                )
            label = self.text(obj, "label")
            work = obj.get("work", False)
            if not isinstance(work, bool):
                self.problem(
                    line_of(obj, "work"),
                    "'work' harus true atau false",
                    "'work' must be true or false",
                )
                work = False
            if purpose_id and when is not None and label is not None:
                result.append(SuspectedPurpose(purpose_id, when, label, line_of(obj), work))
        return result

    def risk_rules(self, top: dict[str, Any]) -> list[RiskRule]:
        result: list[RiskRule] = []
        if "risk_rules" not in top:
            return result
        for item in self.sequence(
            top["risk_rules"], line_of(top, "risk_rules"), "'risk_rules'", "'risk_rules'"
        ):
            obj = self.mapping(
                item,
                line_of(item, default=line_of(top, "risk_rules")),
                "aturan risiko",
                "a risk rule",
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("id", "when", "weight", "hard", "reason"), "aturan risiko", "a risk rule"
            )
            rule_id = self.claim_id(obj.get("id"), line_of(obj, "id"), "aturan", "rule")
            when = self.expression(obj, "when", "answer")
            if "when" not in obj:
                self.problem(line_of(obj), "aturan risiko tanpa 'when'", "risk rule without 'when'")
            reason = self.text(obj, "reason")
            weight = obj.get("weight", 0)
            hard = obj.get("hard", False)
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight < 0:
                self.problem(
                    line_of(obj, "weight"),
                    f"bobot harus angka ≥ 0, bukan {weight!r}",
                    f"weight must be a number ≥ 0, not {weight!r}",
                )
                weight = 0
            if not isinstance(hard, bool):
                self.problem(
                    line_of(obj, "hard"),
                    "'hard' harus true atau false",
                    "'hard' must be true or false",
                )
                hard = False
            if "weight" not in obj and not hard:
                self.problem(
                    line_of(obj),
                    f"aturan '{rule_id}' butuh 'weight' atau 'hard: true'",
                    f"rule '{rule_id}' needs 'weight' or 'hard: true'",
                )
            if rule_id and when is not None and reason is not None:
                result.append(RiskRule(rule_id, when, reason, line_of(obj), float(weight), hard))
        return result

    def outcome_rules(self, top: dict[str, Any], codes: set[str]) -> list[OutcomeRule]:
        result: list[OutcomeRule] = []
        if "outcome_rules" not in top:
            self.problem(line_of(top), "'outcome_rules' tidak ada", "'outcome_rules' is missing")
            return result
        items = self.sequence(
            top["outcome_rules"],
            line_of(top, "outcome_rules"),
            "'outcome_rules'",
            "'outcome_rules'",
        )
        for index, item in enumerate(items):
            obj = self.mapping(
                item,
                line_of(item, default=line_of(top, "outcome_rules")),
                "aturan hasil",
                "an outcome rule",
            )
            if obj is None:
                continue
            self.unknown_keys(
                obj, ("when", "outcome", "explain"), "aturan hasil", "an outcome rule"
            )
            when = self.expression(obj, "when", "outcome")
            outcome = obj.get("outcome")
            if not isinstance(outcome, str) or outcome not in codes:
                self.problem(
                    line_of(obj, "outcome"),
                    f"kode hasil '{outcome}' tidak ada di outcome_codes",
                    f"outcome code '{outcome}' is not in outcome_codes",
                )
                outcome = None
            explain = self.text(obj, "explain", required=False)
            last = index == len(items) - 1
            if last and "when" in obj:
                self.problem(
                    line_of(obj),
                    "aturan hasil terakhir tidak boleh punya 'when' (harus selalu berlaku)",
                    "the last outcome rule must have no 'when' (it always applies)",
                )
            if not last and "when" not in obj:
                self.problem(
                    line_of(obj),
                    "hanya aturan hasil terakhir yang boleh tanpa 'when'",
                    "only the last outcome rule may have no 'when'",
                )
            if outcome is not None:
                result.append(OutcomeRule(outcome, line_of(obj), when, explain))
        if isinstance(top["outcome_rules"], list) and not items:
            self.problem(
                line_of(top, "outcome_rules"), "'outcome_rules' kosong", "'outcome_rules' is empty"
            )
        return result
