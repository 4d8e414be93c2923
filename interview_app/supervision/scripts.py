"""Interview script administration: check, install (nothing on failure), diff, activate, list."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.questionnaire.loader import Problem, QuestionnaireError, load_file, load_text
from interview_app.questionnaire.model import Questionnaire
from interview_app.settings_spec import OUTCOME_CODES, OutcomeLabel
from interview_app.storage.questionnaires import QuestionnaireInfo, QuestionnaireStore
from interview_app.supervision.script_diff import ScriptDiff, diff
from interview_app.supervision.session import SupervisorSession

__all__ = ["ActivationResult", "InstallResult", "ScriptAdmin", "ScriptCheck", "diff"]


@dataclass(frozen=True)
class ScriptCheck:
    """A checked script file: `questionnaire` when valid, else every problem found."""

    path: str
    questionnaire: Questionnaire | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.questionnaire is not None


@dataclass(frozen=True)
class InstallResult:
    hash: str
    questionnaire: Questionnaire
    already_installed: bool
    diff: ScriptDiff | None  # against the active script (None when none is active)


@dataclass(frozen=True)
class ActivationResult:
    hash: str
    script_id: str
    version: int
    # Codes the new script brings that the office's outcome list lacked; added with the
    # script's own labels so the officer's decision list shows them.
    outcome_codes_added: tuple[str, ...] = field(default=())


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        load_file(path)  # raises QuestionnaireError with the reason, as `questionnaire check`
        raise


class ScriptAdmin:
    def __init__(self, session: SupervisorSession) -> None:
        self._session = session
        self._store = QuestionnaireStore(session.database, session.audit, session.clock)

    # -- reading ------------------------------------------------------------------------------

    def list(self) -> list[QuestionnaireInfo]:
        self._session.require()
        return self._store.list()

    def load(self, hash: str) -> Questionnaire:
        """An installed script by (a unique prefix of) its hash."""
        self._session.require()
        full = self.resolve(hash)
        return load_text(self._store.get(full), f"{full[:12]}.yaml")

    def active(self) -> Questionnaire | None:
        self._session.require()
        found = self._store.active()
        return None if found is None else load_text(found[1], f"{found[0][:12]}.yaml")

    def resolve(self, prefix: str) -> str:
        prefix = prefix.strip().lower()
        matches = [info.hash for info in self._store.list() if info.hash.startswith(prefix)]
        if len(prefix) < 6 or len(matches) != 1:
            raise KnownError(
                f"Tidak ada satu naskah terpasang dengan hash '{prefix}' (beri minimal 6 "
                "karakter yang unik).",
                f"No single installed script has the hash '{prefix}' (give at least 6 unique "
                "characters).",
            )
        return matches[0]

    # -- checking and installing --------------------------------------------------------------

    def check_text(self, text: str, path: str) -> ScriptCheck:
        self._session.require()
        try:
            return ScriptCheck(path, load_text(text, path))
        except QuestionnaireError as exc:
            return ScriptCheck(path, None, tuple(exc.problems))

    def check_file(self, path: Path) -> ScriptCheck:
        self._session.require()
        try:
            return ScriptCheck(str(path), load_file(path))
        except QuestionnaireError as exc:
            return ScriptCheck(str(path), None, tuple(exc.problems))

    def diff_against_active(self, questionnaire: Questionnaire) -> ScriptDiff | None:
        active = self.active()
        return None if active is None else diff(active, questionnaire)

    def install_file(self, path: Path) -> InstallResult:
        self._session.require()
        path = Path(path)
        return self.install_text(_read(path), str(path))

    def install_text(self, text: str, path: str) -> InstallResult:
        """Check everything first: a script with any problem raises QuestionnaireError with
        every problem and is neither stored nor activated. A valid one is stored, not
        activated (that is a separate step, after the diff has been read)."""
        self._session.require()
        questionnaire = load_text(text, path)
        known = {info.hash for info in self._store.list()}
        digest = self._store.install(
            text, questionnaire.id, questionnaire.version, actor=self._session.actor
        )
        return InstallResult(
            digest, questionnaire, digest in known, self.diff_against_active(questionnaire)
        )

    def activate(self, hash: str) -> ActivationResult:
        """Make an installed script the one new interviews use. Interviews already taken keep
        their own script (stored by hash)."""
        self._session.require()
        full = self.resolve(hash)
        questionnaire = load_text(self._store.get(full), f"{full[:12]}.yaml")
        settings = self._session.settings
        database = self._session.database
        added: list[str] = []
        with database.transaction():
            if settings.is_stored(OUTCOME_CODES):
                labels = settings.outcome_labels()
                have = {label.code for label in labels}
                for code in questionnaire.outcome_codes:
                    if code.code not in have:
                        labels.append(OutcomeLabel(code.code, code.label, code.refers_bp3mi))
                        added.append(code.code)
            self._store.activate(full, actor=self._session.actor)
            if added:
                settings.update(self._session, {OUTCOME_CODES: [lab.to_json() for lab in labels]})
        return ActivationResult(full, questionnaire.id, questionnaire.version, tuple(added))
