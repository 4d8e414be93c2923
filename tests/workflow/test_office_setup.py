"""A workstation's first run: nothing is written before the form is sound, and what it makes is
encrypted (no office.key; the supervisor's key slot and a recovery code instead)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.storage.errors import PasswordRejected
from interview_app.storage.keys import office_key_path
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office import Office
from interview_app.storage.recovery_code import normalize_recovery_code
from interview_app.storage.unlock import PasswordCredentials, folder_is_encrypted
from interview_app.workflow.office_setup import office_info, set_up_office

SETUP = {
    "office_name": "Kanim Palu",
    "workstation_name": "Loket 1",
    "username": "kasi",
    "full_name": "Rahmat",
}


def test_a_refused_password_writes_nothing_and_another_code_can_follow(tmp_path: Path) -> None:
    data_dir = tmp_path / "new"
    with pytest.raises(PasswordRejected):
        set_up_office(data_dir, office_code="PLU", password="pendek", **SETUP)
    assert not data_dir.exists() or list(data_dir.iterdir()) == []
    assert not office_info(data_dir, None).configured
    made = set_up_office(data_dir, office_code="DPS", password="kepala seksi denpasar", **SETUP)
    with made.office as office:
        assert made.supervisor.is_supervisor
        assert office_info(data_dir, office).configured
        assert office_info(data_dir, office).office_code == "DPS"
        assert office.encrypted and office.audit.verify().ok
        normalize_recovery_code(made.recovery_code)  # a well-formed code, to show once
    assert folder_is_encrypted(data_dir) and not office_key_path(data_dir).exists()
    slots = KeySlots(data_dir)
    assert slots.accounts() == ["kasi"] and slots.has_recovery
    closed = office_info(data_dir, None)  # what the sign-in screen knows without the key
    assert closed.configured and closed.office_code == "DPS"
    with Office.open(
        data_dir, credentials=PasswordCredentials("kasi", "kepala seksi denpasar")
    ) as again:
        assert again.signed_in is not None and again.signed_in.username == "kasi"


def test_an_account_refused_after_the_database_was_made_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "new"
    fields = dict(SETUP, username="")
    with pytest.raises(KnownError):
        set_up_office(data_dir, office_code="PLU", password="kepala seksi palu", **fields)
    assert not folder_is_encrypted(data_dir) and not KeySlots(data_dir).exists
    made = set_up_office(data_dir, office_code="PLU", password="kepala seksi palu", **SETUP)
    made.office.close()
    assert KeySlots(data_dir).accounts() == ["kasi"]


def test_a_folder_set_up_already_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "new"
    set_up_office(data_dir, office_code="PLU", password="kepala seksi palu", **SETUP).office.close()
    before = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(KnownError, match="sudah diatur"):
        set_up_office(data_dir, office_code="PLU", password="kepala seksi palu", **SETUP)
    assert sorted(p.name for p in data_dir.iterdir()) == before
