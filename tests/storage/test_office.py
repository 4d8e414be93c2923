"""The storage façade: one data folder opened once, its office key read once, closed whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_app.storage import office as office_module
from interview_app.storage.errors import OfficeKeyError
from interview_app.storage.keys import office_key_path, save_office_key
from interview_app.storage.office import NoDatabase, Office, OfficeKeyMissing
from interview_app.storage.paths import database_path

KEY = bytes(range(32))


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    real = office_module.read_office_key

    def counted(data_dir: Path) -> tuple[str, bytes] | None:
        reads.append(Path(data_dir))
        return real(data_dir)

    monkeypatch.setattr(office_module, "read_office_key", counted)
    return reads


def _office_folder(tmp_path: Path) -> Path:
    data_dir = tmp_path / "office"
    with Office.open(data_dir, create=True) as office:
        office.install_office_key("PLU", KEY)
        office.officers().create("kepala", "Kepala Seksi", None, "supervisor", "kalimat panjang s")
    return data_dir


def test_a_folder_without_a_database_is_refused_in_both_languages_and_nothing_is_made(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "salah ketik"
    with pytest.raises(NoDatabase) as refused:
        Office.open(missing)
    assert refused.value.message.id == f"Tidak ada basis data di {missing}."
    assert refused.value.message.en == f"There is no database in {missing}."
    assert not missing.exists()


def test_the_first_run_makes_the_database_and_has_no_office_key_yet(tmp_path: Path) -> None:
    with Office.open(tmp_path / "new", create=True) as office:
        assert database_path(tmp_path / "new").is_file()
        assert not office.has_office_key and office.key_on_file is None
        with pytest.raises(OfficeKeyMissing) as missing:
            office.audit  # noqa: B018 - the property is what is tested
        assert "office.key" in missing.value.message.id
        assert "office.key" in missing.value.message.en


def test_the_office_key_is_read_once_and_every_store_shares_one_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = _office_folder(tmp_path)
    reads = _counting_reads(monkeypatch)
    with Office.open(data_dir) as office:
        assert office.office_key == KEY and office.key_on_file == ("PLU", KEY)
        officer = office.officers().find("kepala")
        assert officer is not None
        office.audit.append(f"officer:{officer.id}", "login", "officer", str(officer.id))
        assert office.interviews.list_drafts(str(office.settings.get("workstation_id"))) == []
        assert office.scripts.active() is None
        assert office.audit is office.audit and office.interviews is office.interviews
        assert office.audit.verify().ok
    assert reads == [data_dir]


def test_closing_closes_the_database(tmp_path: Path) -> None:
    data_dir = _office_folder(tmp_path)
    office = Office.open(data_dir)
    with office:
        office.settings.get("office_code")
    with pytest.raises(sqlite3.ProgrammingError):
        office.database.conn.execute("SELECT 1")


def test_an_unreadable_key_file_opens_the_folder_and_is_named_when_the_key_is_needed(
    tmp_path: Path,
) -> None:
    data_dir = _office_folder(tmp_path)
    office_key_path(data_dir).write_text("{ broken", encoding="utf-8")
    with Office.open(data_dir) as office:
        assert office.settings.get("workstation_id")  # the folder opened and reads
        with pytest.raises(OfficeKeyError):
            office.office_key  # noqa: B018
        with pytest.raises(OfficeKeyError):
            office.install_office_key("PLU")  # never written over a file it could not read
    assert office_key_path(data_dir).read_text(encoding="utf-8") == "{ broken"


def test_installing_a_key_keeps_the_one_of_this_office_and_refuses_another_office(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "office"
    save_office_key(data_dir, "PLU", KEY)
    with Office.open(data_dir, create=True) as office:
        assert office.install_office_key("plu") == KEY
        with pytest.raises(OfficeKeyError) as refused:
            office.install_office_key("JKT")
        assert "PLU" in refused.value.message.id and "JKT" in refused.value.message.en
    with Office.open(tmp_path / "fresh", create=True) as office:
        made = office.install_office_key("JKT")
        assert len(made) == 32 and office.office_key == made
        assert office.audit.append("system", "setup").seq == 1
