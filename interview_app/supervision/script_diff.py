"""What changed between two interview scripts: questions, risk rules, outcome rules, constants."""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any

from interview_app.questionnaire.expression_runtime import Expression
from interview_app.questionnaire.model import Question, Questionnaire, RiskRule
from interview_app.text import Message

# Question aspects compared, in the order the diff lists them.
ASPECTS: tuple[tuple[str, Message], ...] = (
    ("label", Message("teks pertanyaan diubah", "question text reworded")),
    ("type", Message("jenis diubah", "type changed")),
    ("choices", Message("pilihan diubah", "choices changed")),
    ("relevant", Message("syarat tampil diubah", "relevance changed")),
    ("constraint", Message("batasan diubah", "constraint changed")),
    ("warning", Message("peringatan diubah", "warning changed")),
    ("required", Message("wajib/tidak diubah", "required changed")),
    ("calculate", Message("rumus diubah", "calculation changed")),
    ("hint", Message("petunjuk diubah", "hint changed")),
    ("section", Message("dipindah ke bagian lain", "moved to another section")),
)
ASPECT_TEXT = dict(ASPECTS)


def expression_shape(expression: Expression | None) -> Any:
    """The expression's syntax tree without column numbers: equal for equal meaning written
    with other spacing."""
    if expression is None:
        return None
    return _shape(expression.node)


def _shape(node: Any) -> Any:
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return (type(node).__name__,) + tuple(
            _shape(getattr(node, f.name)) for f in dataclasses.fields(node) if f.name != "col"
        )
    if isinstance(node, tuple):
        return tuple(_shape(item) for item in node)
    return node


def _message_key(message: Message | None) -> tuple[str, str] | None:
    return None if message is None else (message.id, message.en)


def _choices_key(question: Question) -> tuple[Any, ...]:
    return tuple((c.value, c.label.id, c.label.en, c.group) for c in question.choices)


def _aspect_keys(question: Question) -> dict[str, Any]:
    return {
        "label": _message_key(question.label),
        "type": question.type,
        "choices": (_choices_key(question), expression_shape(question.choice_filter)),
        "relevant": expression_shape(question.relevant),
        "constraint": (
            expression_shape(question.constraint),
            _message_key(question.constraint_message),
        ),
        "warning": (expression_shape(question.warning), _message_key(question.warning_message)),
        "required": (question.required, expression_shape(question.required_if)),
        "calculate": expression_shape(question.calculate),
        "hint": _message_key(question.hint),
        "section": question.section_id,
    }


@dataclass(frozen=True)
class QuestionChange:
    question_id: str
    aspects: tuple[str, ...]
    detail: tuple[Message, ...] = ()


@dataclass(frozen=True)
class PossibleRename:
    """A removed and an added question with the same type and label: perhaps one renamed."""

    removed: str
    added: str


@dataclass(frozen=True)
class RuleChange:
    rule_id: str
    aspects: tuple[str, ...]  # "condition", "weight", "hard", "reason"
    old_weight: float
    new_weight: float


@dataclass(frozen=True)
class OutcomeRuleChange:
    kind: str  # "added", "removed", "changed"
    position: int  # 1-based, in the new script (old one for "removed")
    outcome: str
    when: str  # the condition's text ("" for the fallback rule)


@dataclass(frozen=True)
class ScriptDiff:
    old_id: str
    old_version: int
    new_id: str
    new_version: int
    questions_added: tuple[str, ...] = ()
    questions_removed: tuple[str, ...] = ()
    questions_changed: tuple[QuestionChange, ...] = ()
    possible_renames: tuple[PossibleRename, ...] = ()
    risk_rules_added: tuple[str, ...] = ()
    risk_rules_removed: tuple[str, ...] = ()
    risk_rules_changed: tuple[RuleChange, ...] = ()
    outcome_rules_changed: tuple[OutcomeRuleChange, ...] = ()
    outcome_codes_added: tuple[str, ...] = ()
    outcome_codes_removed: tuple[str, ...] = ()
    constants_changed: tuple[str, ...] = ()
    # What an id stands for (a question's text, a rule's weight and reason, a condition before
    # and after), so a supervisor reads what was added or changed without opening the files.
    rule_notes: tuple[tuple[str, Message], ...] = ()
    office_settings_added: tuple[str, ...] = ()
    office_settings_removed: tuple[str, ...] = ()
    suspected_purposes_added: tuple[str, ...] = ()
    suspected_purposes_removed: tuple[str, ...] = ()
    suspected_purposes_changed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.questions_added,
                self.questions_removed,
                self.questions_changed,
                self.risk_rules_added,
                self.risk_rules_removed,
                self.risk_rules_changed,
                self.outcome_rules_changed,
                self.outcome_codes_added,
                self.outcome_codes_removed,
                self.constants_changed,
                self.office_settings_added,
                self.office_settings_removed,
                self.suspected_purposes_added,
                self.suspected_purposes_removed,
                self.suspected_purposes_changed,
            )
        )

    def changed(self, question_id: str) -> QuestionChange | None:
        return next((c for c in self.questions_changed if c.question_id == question_id), None)

    def lines(self, language: str = "id") -> list[str]:
        """The diff as readable lines (the scripts page and `script diff` print these)."""

        def t(id_text: str, en_text: str) -> str:
            return en_text if language == "en" else id_text

        out = [
            t(
                f"Naskah {self.old_id} v{self.old_version} -> {self.new_id} v{self.new_version}",
                f"Script {self.old_id} v{self.old_version} -> {self.new_id} v{self.new_version}",
            )
        ]
        if self.empty:
            out.append(t("Tidak ada perubahan isi.", "No change in content."))
            return out
        notes: dict[str, list[Message]] = {}
        for rid, note in self.rule_notes:
            notes.setdefault(rid, []).append(note)

        def noted(rid: str) -> list[str]:
            return [f"    {note.text(language)}" for note in notes.get(rid, [])]

        for qid in self.questions_added:
            out.append(t(f"+ pertanyaan baru: {qid}", f"+ question added: {qid}"))
            out += noted(qid)
        for qid in self.questions_removed:
            out.append(t(f"- pertanyaan dihapus: {qid}", f"- question removed: {qid}"))
            out += noted(qid)
        for rename in self.possible_renames:
            out.append(
                t(
                    f"? mungkin diganti nama: {rename.removed} -> {rename.added}",
                    f"? possible rename: {rename.removed} -> {rename.added}",
                )
            )
        for change in self.questions_changed:
            aspects = ", ".join(ASPECT_TEXT[a].text(language) for a in change.aspects)
            out.append(f"~ {change.question_id}: {aspects}")
            out += [f"    {message.text(language)}" for message in change.detail]
        for rid in self.risk_rules_added:
            out.append(t(f"+ aturan risiko baru: {rid}", f"+ risk rule added: {rid}"))
            out += noted(rid)
        for rid in self.risk_rules_removed:
            out.append(t(f"- aturan risiko dihapus: {rid}", f"- risk rule removed: {rid}"))
            out += noted(rid)
        for rule in self.risk_rules_changed:
            words = {
                "condition": t("syarat", "condition"),
                "weight": t(
                    f"bobot {rule.old_weight:g} -> {rule.new_weight:g}",
                    f"weight {rule.old_weight:g} -> {rule.new_weight:g}",
                ),
                "hard": t("tanda bahaya berat", "hard red flag"),
                "reason": t("alasan", "reason"),
            }
            out.append(
                t("~ aturan risiko ", "~ risk rule ")
                + f"{rule.rule_id}: "
                + ", ".join(words[a] for a in rule.aspects)
            )
            out += noted(rule.rule_id)
        for oc in self.outcome_rules_changed:
            kind = {
                "added": t("ditambah", "added"),
                "removed": t("dihapus", "removed"),
                "changed": t("diubah", "changed"),
            }[oc.kind]
            condition = oc.when or t("(selain itu)", "(otherwise)")
            out.append(
                t(
                    f"~ aturan hasil #{oc.position} {kind}: {oc.outcome} bila {condition}",
                    f"~ outcome rule #{oc.position} {kind}: {oc.outcome} when {condition}",
                )
            )
        for code in self.outcome_codes_added:
            out.append(t(f"+ kode hasil baru: {code}", f"+ outcome code added: {code}"))
        for code in self.outcome_codes_removed:
            out.append(t(f"- kode hasil dihapus: {code}", f"- outcome code removed: {code}"))
        if self.constants_changed:
            names = ", ".join(self.constants_changed)
            out.append(t(f"~ konstanta diubah: {names}", f"~ constants changed: {names}"))
        for key in self.office_settings_added:
            out.append(t(f"+ pengaturan kantor dibaca: {key}", f"+ office setting now read: {key}"))
        for key in self.office_settings_removed:
            out.append(
                t(
                    f"- pengaturan kantor tidak dibaca: {key}",
                    f"- office setting no longer read: {key}",
                )
            )
        for pid in self.suspected_purposes_added:
            out.append(t(f"+ dugaan tujuan baru: {pid}", f"+ suspected purpose added: {pid}"))
            out += noted(pid)
        for pid in self.suspected_purposes_removed:
            out.append(t(f"- dugaan tujuan dihapus: {pid}", f"- suspected purpose removed: {pid}"))
        for pid in self.suspected_purposes_changed:
            out.append(t(f"~ dugaan tujuan diubah: {pid}", f"~ suspected purpose changed: {pid}"))
            out += noted(pid)
        return out


def _choice_detail(old: Question, new: Question) -> list[Message]:
    old_values = {c.value: c for c in old.choices}
    new_values = {c.value: c for c in new.choices}
    detail = []
    added = [v for v in new_values if v not in old_values]
    removed = [v for v in old_values if v not in new_values]
    relabelled = [
        v for v in new_values if v in old_values and new_values[v].label != old_values[v].label
    ]
    if added:
        detail.append(Message("pilihan baru: " + ", ".join(added), "added: " + ", ".join(added)))
    if removed:
        detail.append(
            Message("pilihan dihapus: " + ", ".join(removed), "removed: " + ", ".join(removed))
        )
    if relabelled:
        names = ", ".join(relabelled)
        detail.append(Message("label pilihan diubah: " + names, "relabelled: " + names))
    return detail


def _question_change(old: Question, new: Question) -> QuestionChange | None:
    old_keys, new_keys = _aspect_keys(old), _aspect_keys(new)
    aspects = tuple(name for name, _ in ASPECTS if old_keys[name] != new_keys[name])
    if not aspects:
        return None
    detail: list[Message] = []
    if "label" in aspects and old.label is not None and new.label is not None:
        detail.append(
            Message(
                f"“{old.label.id}” -> “{new.label.id}”", f"“{old.label.en}” -> “{new.label.en}”"
            )
        )
    if "type" in aspects:
        detail.append(Message(f"jenis {old.type} -> {new.type}", f"type {old.type} -> {new.type}"))
    if "choices" in aspects:
        detail += _choice_detail(old, new)
    for name in ("relevant", "constraint", "calculate"):
        if name in aspects:
            before = getattr(old, name)
            after = getattr(new, name)
            text = f"{name}: {before.source if before else '-'} -> {after.source if after else '-'}"
            detail.append(Message(text, text))
    return QuestionChange(new.id, aspects, tuple(detail))


def _same_label(a: Question, b: Question) -> bool:
    if a.label is None or b.label is None:
        return False
    return a.label.id.strip() == b.label.id.strip() or a.label.en.strip() == b.label.en.strip()


def _rule_change(old: RiskRule, new: RiskRule) -> RuleChange | None:
    aspects = []
    if expression_shape(old.when) != expression_shape(new.when):
        aspects.append("condition")
    if float(old.weight) != float(new.weight):
        aspects.append("weight")
    if old.hard != new.hard:
        aspects.append("hard")
    if old.reason != new.reason:
        aspects.append("reason")
    if not aspects:
        return None
    return RuleChange(new.id, tuple(aspects), float(old.weight), float(new.weight))


def _outcome_rule_changes(old: Questionnaire, new: Questionnaire) -> list[OutcomeRuleChange]:
    def key(rule: Any) -> tuple[str, Any]:
        return (rule.outcome, expression_shape(rule.when))

    def when(rule: Any) -> str:
        return rule.when.source if rule.when is not None else ""

    old_keys = [key(r) for r in old.outcome_rules]
    new_keys = [key(r) for r in new.outcome_rules]
    changes: list[OutcomeRuleChange] = []
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                rule = new.outcome_rules[j1 + offset]
                changes.append(
                    OutcomeRuleChange("changed", j1 + offset + 1, rule.outcome, when(rule))
                )
            continue
        for index in range(i1, i2):
            rule = old.outcome_rules[index]
            changes.append(OutcomeRuleChange("removed", index + 1, rule.outcome, when(rule)))
        for index in range(j1, j2):
            rule = new.outcome_rules[index]
            changes.append(OutcomeRuleChange("added", index + 1, rule.outcome, when(rule)))
    return changes


def _rule_summary(rule: RiskRule) -> Message:
    if rule.hard:
        return Message(f"tanda bahaya berat: {rule.reason.id}", f"hard red flag: {rule.reason.en}")
    return Message(
        f"bobot {rule.weight:g}: {rule.reason.id}", f"weight {rule.weight:g}: {rule.reason.en}"
    )


def _rule_notes(
    old_rules: dict[str, RiskRule], new_rules: dict[str, RiskRule], changes: tuple[RuleChange, ...]
) -> list[tuple[str, Message]]:
    notes: list[tuple[str, Message]] = []
    for rid, rule in new_rules.items():
        if rid not in old_rules:
            notes.append((rid, _rule_summary(rule)))
            notes.append((rid, Message(f"bila {rule.when.source}", f"when {rule.when.source}")))
    for rid, rule in old_rules.items():
        if rid not in new_rules:
            notes.append((rid, _rule_summary(rule)))
    for change in changes:
        before, after = old_rules[change.rule_id], new_rules[change.rule_id]
        if "condition" in change.aspects:
            text = f"{before.when.source} -> {after.when.source}"
            notes.append((change.rule_id, Message(text, text)))
        if "reason" in change.aspects:
            notes.append(
                (
                    change.rule_id,
                    Message(
                        f"“{before.reason.id}” -> “{after.reason.id}”",
                        f"“{before.reason.en}” -> “{after.reason.en}”",
                    ),
                )
            )
    return notes


def _question_note(question: Question) -> Message:
    if question.label is not None:
        return Message(f"“{question.label.id}”", f"“{question.label.en}”")
    source = question.calculate.source if question.calculate is not None else "-"
    return Message(f"perhitungan: {source}", f"calculation: {source}")


def _suspected_changes(
    old: Questionnaire, new: Questionnaire
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], list[tuple[str, Message]]]:
    before = {p.id: p for p in old.suspected_purposes}
    after = {p.id: p for p in new.suspected_purposes}
    added = tuple(pid for pid in after if pid not in before)
    removed = tuple(pid for pid in before if pid not in after)
    changed = tuple(
        pid
        for pid in after
        if pid in before
        and (
            expression_shape(before[pid].when) != expression_shape(after[pid].when)
            or before[pid].label != after[pid].label
            or before[pid].work != after[pid].work
        )
    )
    notes = [
        (
            pid,
            Message(
                f"“{after[pid].label.id}” bila {after[pid].when.source}",
                f"“{after[pid].label.en}” when {after[pid].when.source}",
            ),
        )
        for pid in added + changed
    ]
    return added, removed, changed, notes


def diff(old: Questionnaire, new: Questionnaire) -> ScriptDiff:
    """Questions and rules are matched by id. A renamed question shows as removed plus added,
    and as a possible rename when type and label match."""
    old_q, new_q = old.questions, new.questions
    added = tuple(qid for qid in new_q if qid not in old_q)
    removed = tuple(qid for qid in old_q if qid not in new_q)
    changed = tuple(
        change
        for qid in new_q
        if qid in old_q and (change := _question_change(old_q[qid], new_q[qid])) is not None
    )
    renames = tuple(
        PossibleRename(r, a)
        for r in removed
        for a in added
        if old_q[r].type == new_q[a].type and _same_label(old_q[r], new_q[a])
    )
    old_rules = {rule.id: rule for rule in old.risk_rules}
    new_rules = {rule.id: rule for rule in new.risk_rules}
    rule_changes = tuple(
        rule_change
        for rid in new_rules
        if rid in old_rules
        and (rule_change := _rule_change(old_rules[rid], new_rules[rid])) is not None
    )
    old_codes = [c.code for c in old.outcome_codes]
    new_codes = [c.code for c in new.outcome_codes]
    constants = tuple(
        sorted(
            name
            for name in set(old.constants) | set(new.constants)
            if old.constants.get(name) != new.constants.get(name)
        )
    )
    suspected_added, suspected_removed, suspected_changed, suspected_notes = _suspected_changes(
        old, new
    )
    return ScriptDiff(
        old_id=old.id,
        old_version=old.version,
        new_id=new.id,
        new_version=new.version,
        questions_added=added,
        questions_removed=removed,
        questions_changed=changed,
        possible_renames=renames,
        risk_rules_added=tuple(rid for rid in new_rules if rid not in old_rules),
        risk_rules_removed=tuple(rid for rid in old_rules if rid not in new_rules),
        risk_rules_changed=rule_changes,
        outcome_rules_changed=tuple(_outcome_rule_changes(old, new)),
        outcome_codes_added=tuple(c for c in new_codes if c not in old_codes),
        outcome_codes_removed=tuple(c for c in old_codes if c not in new_codes),
        constants_changed=constants,
        rule_notes=tuple(
            [(qid, _question_note(new_q[qid])) for qid in added]
            + [(qid, _question_note(old_q[qid])) for qid in removed]
            + _rule_notes(old_rules, new_rules, rule_changes)
            + suspected_notes
        ),
        office_settings_added=tuple(k for k in new.office_settings if k not in old.office_settings),
        office_settings_removed=tuple(
            k for k in old.office_settings if k not in new.office_settings
        ),
        suspected_purposes_added=suspected_added,
        suspected_purposes_removed=suspected_removed,
        suspected_purposes_changed=suspected_changed,
    )
