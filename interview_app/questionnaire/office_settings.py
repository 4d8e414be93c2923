"""The office settings an interview script may read by name, with their kind and default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from interview_app.questionnaire.valuetypes import Symbol, ValueType
from interview_app.settings_spec import DISNAKER_RECOMMENDATION_REQUIRED, NO_RECOMMENDATION_OUTCOME

# The keys come from the office settings declaration (interview_app/settings_spec.py, with each
# setting's label and help; tests/test_office_settings.py checks that the two agree).


@dataclass(frozen=True)
class ScriptSetting:
    """An office setting as an expression sees it: yes/no, or one of a few text values."""

    key: str
    default: bool | str
    choices: tuple[str, ...] = ()

    @property
    def symbol(self) -> Symbol:
        if self.choices:
            return Symbol(ValueType.CHOICE, frozenset(self.choices))
        return Symbol(ValueType.BOOL)

    def value(self, stored: Any) -> bool | str:
        """The stored value when it has the right form, else the default (a setting never
        stored, or one written by another version of the app)."""
        if self.choices:
            return stored if isinstance(stored, str) and stored in self.choices else self.default
        return stored if isinstance(stored, bool) else self.default


SCRIPT_SETTINGS: Mapping[str, ScriptSetting] = {
    setting.key: setting
    for setting in (
        # SE IMI-0277.GR.02.06/2017 and SE IMI-GR.01.01-0252/2023: whether a CPMI must bring a
        # Disnaker recommendation differs between offices.
        ScriptSetting(DISNAKER_RECOMMENDATION_REQUIRED, False),
        # What a work purpose without the required recommendation gets.
        ScriptSetting(NO_RECOMMENDATION_OUTCOME, "TUNDA_LENGKAPI", ("TUNDA_LENGKAPI", "TOLAK")),
    )
}


def setting_values(keys: tuple[str, ...], stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The values of the settings a script reads, from the office's stored settings."""
    stored = stored or {}
    return {key: SCRIPT_SETTINGS[key].value(stored.get(key)) for key in keys}
