"""Office settings: one declaration, defaults, every invalid value named, audited writes."""

from __future__ import annotations

import pytest

from interview_app.settings_spec import (
    GROUPS_BY_ID,
    SETTINGS,
    SettingsInvalid,
    spec_for,
)
from interview_app.storage.errors import PasswordRejected
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.settings import SettingsStore
from tests.offices import Office


def test_every_setting_is_declared_once_with_both_languages_and_a_known_group() -> None:
    keys = [spec.key for spec in SETTINGS]
    assert len(keys) == len(set(keys))
    for spec in SETTINGS:
        assert spec.group in GROUPS_BY_ID
        assert spec.label.id and spec.label.en and spec.help.id and spec.help.en
        if spec.default is not None and (spec.default != "" or not spec.required):
            assert spec.validate(spec.default) == spec.default
    # Names storage, the demo and sync read must stay as they are.
    for key in (
        "office_code",
        "office_name",
        "workstation_name",
        "office_province",
        "office_address",
        "bp3mi_name",
        "bp3mi_address",
        "bp3mi_phone",
        "password_min_length",
    ):
        assert key in keys


def test_defaults_and_stored_values(office: Office) -> None:
    settings = OfficeSettings(office.database)
    assert settings.idle_lock_minutes == 5
    assert settings.retention_years == 5
    assert settings.ui_language == "id"
    assert settings.get("office_code") == "PLU"  # written by the demo under the same key
    codes = [c["code"] for c in settings.get("outcome_codes")]
    assert codes[:2] == ["TERBIT", "TUNDA_LENGKAPI"]  # from the active script
    assert not settings.is_stored("outcome_codes")


def test_every_invalid_value_is_reported_and_nothing_is_saved(office: Office) -> None:
    settings = OfficeSettings(office.database)
    head = office.audit.head()
    with pytest.raises(SettingsInvalid) as refused:
        settings.update(
            office.session(),
            {
                "idle_lock_minutes": 0,
                "office_name": "",
                "bp3mi_phone": "call me",
                "ui_language": "fr",
                "office_code": "XYZ",
                "office_name_typo": "x",
                "retention_years": 10,  # valid, but nothing is saved when anything is refused
            },
        )
    assert len(refused.value.problems) == 6
    assert settings.retention_years == 5 and office.audit.head() == head


def test_outcome_codes_used_by_the_active_script_cannot_be_removed(office: Office) -> None:
    settings = OfficeSettings(office.database)
    codes = [c for c in settings.get("outcome_codes") if c["code"] != "RUJUK_APH"]
    with pytest.raises(SettingsInvalid) as refused:
        settings.update(office.session(), {"outcome_codes": codes})
    assert "RUJUK_APH" in refused.value.problems[0].en
    relabelled = settings.get("outcome_codes")
    relabelled[0]["label_id"] = "Lanjut proses paspor"
    assert settings.update(office.session(), {"outcome_codes": relabelled}) == ["outcome_codes"]
    assert settings.outcome_label("TERBIT").id == "Lanjut proses paspor"


def test_writes_are_logged_by_key_and_read_by_storage(office: Office) -> None:
    settings = OfficeSettings(office.database)
    changed = settings.update(
        office.session(),
        {"password_min_length": 12, "idle_lock_minutes": 5, "bp3mi_phone": "0451 123456"},
    )
    assert changed == ["password_min_length", "bp3mi_phone"]
    entry = office.audit.entries(limit=1)[0]
    assert (entry.action, entry.details) == ("settings.change", {"keys": changed})
    assert SettingsStore(office.database).get("password_min_length") == 12
    with pytest.raises(PasswordRejected):
        OfficerRepository(office.database, office.audit).check_password_policy("x", "elevenchars")


def test_command_line_text_is_parsed_by_kind() -> None:
    assert spec_for("disnaker_recommendation_required").parse("ya") is True
    assert spec_for("idle_lock_minutes").parse(" 7 ") == 7
    with pytest.raises(SettingsInvalid):
        spec_for("idle_lock_minutes").parse("tujuh")
    assert spec_for("outcome_codes").parse(
        '[{"code": "ok", "label_id": "Oke", "label_en": "OK"}]'
    ) == [{"code": "OK", "label_id": "Oke", "label_en": "OK", "refers_bp3mi": False}]


def test_settings_read_elsewhere_are_declared_for_the_supervisor() -> None:
    """Every setting another part reads by name can be changed in the settings dialog."""
    from interview_app.settings_spec import SETTINGS_BY_KEY
    from interview_app.slip.template import SETTING_FOR_KIND
    from interview_app.workflow.counter import IDLE_LOCK_MINUTES, LOCKOUT_MINUTES, MAX_FAILED_LOGINS

    for key in (*SETTING_FOR_KIND.values(), IDLE_LOCK_MINUTES, LOCKOUT_MINUTES, MAX_FAILED_LOGINS):
        assert key in SETTINGS_BY_KEY, key
