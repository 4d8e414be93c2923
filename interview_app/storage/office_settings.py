"""Typed reading and checked, audited writing of the office settings declared in
interview_app/settings_spec.py (every floor reads them; a signed-in supervisor writes them)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Protocol

from interview_app.errors import KnownError
from interview_app.questionnaire.loader import QuestionnaireError, load_text
from interview_app.settings_spec import (
    IDLE_LOCK_MINUTES,
    LOCKOUT_MINUTES,
    MAX_FAILED_LOGINS,
    OUTCOME_CODES,
    RETENTION_YEARS,
    SETTINGS,
    UI_LANGUAGE,
    Kind,
    OutcomeLabel,
    SettingsInvalid,
    spec_for,
)
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock
from interview_app.storage.database import Database
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.settings import SettingsStore
from interview_app.text import Message


class SettingsAuthority(Protocol):
    """Who may change settings: a signed-in supervisor (supervision.session.SupervisorSession).
    `require` refuses anyone else; `actor` and `audit` name and record the change."""

    @property
    def actor(self) -> str: ...

    @property
    def audit(self) -> AuditLog: ...

    def require(self) -> object: ...


def active_script_outcomes(database: Database) -> tuple[list[OutcomeLabel], set[str]]:
    """The active script's outcome codes, and the codes its outcome rules name."""
    active = QuestionnaireStore(database).active()
    if active is None:
        return [], set()
    labels, used = _script_outcomes(*active)
    return list(labels), set(used)


@functools.lru_cache(maxsize=8)
def _script_outcomes(digest: str, source: str) -> tuple[tuple[OutcomeLabel, ...], frozenset[str]]:
    # Keyed by content: a script's text never changes under its hash, so it is parsed once.
    try:
        questionnaire = load_text(source, f"{digest[:12]}.yaml")
    except QuestionnaireError:
        return (), frozenset()
    labels = tuple(
        OutcomeLabel(c.code, c.label, c.refers_bp3mi) for c in questionnaire.outcome_codes
    )
    return labels, frozenset(rule.outcome for rule in questionnaire.outcome_rules)


class OfficeSettings:
    """Settings as declared: a stored value when there is one, else the declared default.
    Anyone may read; `update` needs a supervisor session and checks every value first."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._store = SettingsStore(database)

    def get(self, key: str) -> Any:
        spec = spec_for(key)
        stored = self._store.get(key)
        if stored is not None:
            return stored
        if spec.kind is Kind.OUTCOME_CODES:
            return [label.to_json() for label in active_script_outcomes(self._database)[0]]
        return spec.default

    def is_stored(self, key: str) -> bool:
        spec_for(key)
        return self._store.get(key) is not None

    def values(self) -> dict[str, Any]:
        return {spec.key: self.get(spec.key) for spec in SETTINGS}

    # -- typed views --------------------------------------------------------------------------

    def int_value(self, key: str) -> int:
        spec = spec_for(key)
        try:
            return int(spec.validate(self.get(key)))
        except SettingsInvalid:
            return int(spec.default)  # a hand-edited bad value must not lock everyone out

    @property
    def idle_lock_minutes(self) -> int:
        return self.int_value(IDLE_LOCK_MINUTES)

    @property
    def max_failed_logins(self) -> int:
        return self.int_value(MAX_FAILED_LOGINS)

    @property
    def lockout_minutes(self) -> int:
        return self.int_value(LOCKOUT_MINUTES)

    @property
    def retention_years(self) -> int:
        return self.int_value(RETENTION_YEARS)

    @property
    def ui_language(self) -> str:
        value = self.get(UI_LANGUAGE)
        return value if value in ("id", "en") else "id"

    def outcome_labels(self) -> list[OutcomeLabel]:
        return [
            OutcomeLabel(
                item["code"],
                Message(item["label_id"], item["label_en"]),
                bool(item.get("refers_bp3mi")),
            )
            for item in self.get(OUTCOME_CODES) or []
        ]

    def outcome_label(self, code: str | None) -> Message:
        for label in self.outcome_labels():
            if label.code == code:
                return label.label
        text = code or "-"
        return Message(text, text)

    # -- writing ------------------------------------------------------------------------------

    def check(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Every change in stored form, or SettingsInvalid listing every problem."""
        problems: list[Message] = []
        checked: dict[str, Any] = {}
        for key, value in changes.items():
            try:
                spec = spec_for(key)
            except KnownError as exc:
                problems.append(exc.message)
                continue
            if value == self.get(key):
                continue  # unchanged: an old value that today's rules refuse must not block
            try:
                checked[key] = spec.validate(value)
            except SettingsInvalid as exc:
                problems += exc.problems
                continue
            stored = self._store.get(key)
            if spec.fixed_once_set and stored not in (None, "") and checked[key] != stored:
                problems.append(
                    spec.problem(
                        "diatur saat pemasangan dan tidak dapat diubah di sini",
                        "is set at installation and cannot be changed here",
                    )
                )
        if OUTCOME_CODES in checked:
            _, used = active_script_outcomes(self._database)
            missing = sorted(used - {item["code"] for item in checked[OUTCOME_CODES]})
            if missing:
                spec = spec_for(OUTCOME_CODES)
                problems.append(
                    spec.problem(
                        "naskah aktif memakai kode " + ", ".join(missing),
                        "the active script uses the code(s) " + ", ".join(missing),
                    )
                )
        if problems:
            raise SettingsInvalid(problems)
        return checked

    def update(self, session: SettingsAuthority, changes: Mapping[str, Any]) -> list[str]:
        """Save the changed values in one transaction (nothing when any is refused); returns
        the keys whose value changed. The audit log names the keys, not the values."""
        session.require()
        checked = self.check(changes)
        changed = [key for key, value in checked.items() if value != self.get(key)]
        if not changed:
            return []
        with self._database.transaction():
            for key in changed:
                self._store.set(key, checked[key])
            session.audit.append(
                session.actor, "settings.change", "settings", None, {"keys": changed}
            )
        return changed

    def set(self, session: SettingsAuthority, key: str, value: Any) -> list[str]:
        return self.update(session, {key: value})


def officer_repository(
    database: Database, audit: AuditLog, clock: Clock | None = None
) -> OfficerRepository:
    """Accounts with the lockout limits from the settings (max_failed_logins, lockout_minutes);
    the login screen and the command line both build theirs here. The key slots come from the
    Office the database belongs to, and the limits are copied to lockout.json, where the
    sign-in reads them before the database can be opened."""
    settings = OfficeSettings(database)
    slots = getattr(database.office, "account_slots", None)
    if slots is not None:
        slots.set_policy(settings.max_failed_logins, settings.lockout_minutes)
    return OfficerRepository(
        database,
        audit,
        clock,
        max_failed=settings.max_failed_logins,
        lockout_minutes=settings.lockout_minutes,
        slots=slots,
    )
