"""A workstation's first run through the open data folder: nothing written before it is sound."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.storage.errors import PasswordRejected
from interview_app.storage.keys import office_key_path
from interview_app.storage.office import Office
from interview_app.workflow.office_setup import office_info, set_up_office

SETUP = {
    "office_name": "Kanim Palu",
    "workstation_name": "Loket 1",
    "username": "kasi",
    "full_name": "Rahmat",
}


def test_a_refused_password_writes_no_office_key_and_another_code_can_follow(
    tmp_path: Path,
) -> None:
    with Office.open(tmp_path / "new", create=True) as office:
        with pytest.raises(PasswordRejected):
            set_up_office(office, office_code="PLU", password="pendek", **SETUP)
        assert not office_key_path(office.data_dir).exists()
        assert not office_info(office).configured
        officer = set_up_office(
            office, office_code="DPS", password="kepala seksi denpasar", **SETUP
        )
        assert officer.is_supervisor
        assert office_info(office).configured and office_info(office).office_code == "DPS"
        assert office.key_on_file is not None and office.key_on_file[0] == "DPS"
        assert office.audit.verify().ok
