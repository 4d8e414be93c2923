"""The office key file (sealed under a passphrase) and setting up a workstation from it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.storage.keys import office_key_path
from interview_app.storage.keyslots import KeySlots, keyslots_path
from interview_app.storage.office import Office
from interview_app.storage.paths import database_path
from interview_app.sync.errors import KeyFileError, SyncNotConfigured
from interview_app.sync.keyfile import (
    OpenedKeyFile,
    export_key_file,
    key_file_needs_passphrase,
    read_key_file,
)
from interview_app.sync.workstation import (
    FirstSupervisor,
    setup_workstation,
    station_code_from_name,
)
from tests.sync.factory import Station, add_interviews, clear_key_file, content_digest

PASSPHRASE = "kopi pagi di loket dua"
SUPERVISOR = FirstSupervisor("kasi", "Rahmat Hidayat", "kepala seksi palu")


def test_key_file_round_trip_keeps_the_key_out_of_sight(station_a: Station, tmp_path: Path) -> None:
    out = export_key_file(
        Office.of(station_a.database), tmp_path / "office.key", passphrase=PASSPHRASE
    )
    opened = read_key_file(out, PASSPHRASE)
    assert opened == OpenedKeyFile("PLU", "Kantor Imigrasi Palu", station_a.key, in_clear=False)
    text = out.read_text()
    content = json.loads(text)
    # a person sees which office the file is for, never the key
    assert (content["version"], content["office_code"]) == (2, "PLU")
    assert content["office_name"] == "Kantor Imigrasi Palu" and content["created"]
    assert "RAHASIA" in text and "key" not in content and "fingerprint" not in content
    for form in (station_a.key.hex(), station_a.key.hex().upper(), base64.b64encode(station_a.key)):
        assert (form if isinstance(form, str) else form.decode()) not in text
    assert station_a.key not in out.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))
    assert key_file_needs_passphrase(out)


def test_a_short_passphrase_is_refused_and_nothing_is_written(
    station_a: Station, tmp_path: Path
) -> None:
    for short in ("", "pendek", "x" * 11):
        with pytest.raises(KeyFileError) as caught:
            export_key_file(Office.of(station_a.database), tmp_path / "k", passphrase=short)
        assert "minimal 12 karakter" in caught.value.message.id
        assert "at least 12 characters" in caught.value.message.en
    assert not (tmp_path / "k").exists()
    export_key_file(Office.of(station_a.database), tmp_path / "k", passphrase="x" * 12)


def test_a_wrong_or_missing_passphrase_gives_one_clear_message(
    station_a: Station, tmp_path: Path
) -> None:
    out = export_key_file(
        Office.of(station_a.database), tmp_path / "office.key", passphrase=PASSPHRASE
    )
    for wrong in ("kopi pagi di loket tiga", PASSPHRASE.upper(), PASSPHRASE + " "):
        with pytest.raises(KeyFileError) as caught:
            read_key_file(out, wrong)
        assert "Frasa sandi berkas kunci" in caught.value.message.id
        assert "passphrase of the key file" in caught.value.message.en
        assert "wrong" in caught.value.message.en
    for missing in (None, ""):
        with pytest.raises(KeyFileError, match="protected by a passphrase"):
            read_key_file(out, missing)


def test_the_sealed_key_is_bound_to_its_office_and_cost(station_a: Station, tmp_path: Path) -> None:
    good = json.loads(
        export_key_file(
            Office.of(station_a.database), tmp_path / "k", passphrase=PASSPHRASE
        ).read_text()
    )
    sealed = good["wrapped_key"]
    changed = tmp_path / "changed.key"
    for change, reason in [
        ({"office_code": "MKS"}, "wrong"),  # the key of PLU presented as another office's
        ({"wrapped_key": {**sealed, "n": sealed["n"] * 2}}, "wrong"),  # a cost edited
        ({"wrapped_key": {**sealed, "n": 2}}, "damaged"),  # a cost below the floor
        ({"wrapped_key": {**sealed, "salt": base64.b64encode(bytes(16)).decode()}}, "wrong"),
        ({"wrapped_key": {**sealed, "salt": sealed["nonce"]}}, "damaged"),  # too short
        ({"wrapped_key": {**sealed, "wrapped": "AAAA"}}, "wrong"),
        ({"wrapped_key": {**sealed, "nonce": "!!"}}, "damaged"),
        ({"wrapped_key": "x"}, "damaged"),
        ({"version": 3}, "unknown version"),
        ({"office_code": ""}, "office code"),
    ]:
        changed.write_text(json.dumps({**good, **change}))
        with pytest.raises(KeyFileError, match=reason):
            read_key_file(changed, PASSPHRASE)
    broken = {k: v for k, v in good.items() if k != "wrapped_key"}
    changed.write_text(json.dumps(broken))
    with pytest.raises(KeyFileError, match="damaged"):
        read_key_file(changed, PASSPHRASE)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a key file"),
        (b"\xff\xfe", "not a key file"),
        (b"[1, 2]", "not a key file"),
        (json.dumps({"format": "other"}).encode(), "not a key file"),
        (b"x" * 70000, "not a key file"),
    ],
)
def test_unusable_key_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match=reason):
        read_key_file(path, PASSPHRASE)
    with pytest.raises(KeyFileError, match=reason):
        key_file_needs_passphrase(path)  # said before a passphrase is asked for


def test_an_old_clear_key_file_is_still_read_and_marked_for_destruction(
    station_a: Station, tmp_path: Path
) -> None:
    old = clear_key_file(tmp_path / "lama.key", "PLU", "Kantor Imigrasi Palu", station_a.key)
    assert not key_file_needs_passphrase(old)
    assert read_key_file(old) == ("PLU", "Kantor Imigrasi Palu", station_a.key, True)
    assert read_key_file(old, "any passphrase at all").in_clear
    good = json.loads(old.read_text())
    for change, reason in [
        ({"office_code": ""}, "office code"),
        ({"key": "zz"}, "damaged"),
        ({"key": good["key"][:-2]}, "damaged"),
        ({"fingerprint": "0" * 16}, "fingerprint"),
    ]:
        path = tmp_path / "changed.key"
        path.write_text(json.dumps({**good, **change}))
        with pytest.raises(KeyFileError, match=reason):
            read_key_file(path)
    with pytest.raises(KeyFileError, match="does not exist"):
        read_key_file(tmp_path / "missing.key")


def test_no_key_no_export(tmp_path: Path) -> None:
    with pytest.raises(SyncNotConfigured):
        with Office.open(tmp_path / "new", create=True) as office:  # a folder without a key
            export_key_file(office, tmp_path / "k", passphrase=PASSPHRASE)


def test_setup_makes_the_first_supervisor_and_the_recovery_code(
    station_a: Station, tmp_path: Path
) -> None:
    key_file = export_key_file(
        Office.of(station_a.database), tmp_path / "office.key", passphrase=PASSPHRASE
    )
    new = tmp_path / "loket2"
    result = setup_workstation(
        new, station_name="Loket 2", key_file=key_file, passphrase=PASSPHRASE, supervisor=SUPERVISOR
    )
    assert (result.office_code, result.workstation_code) == ("PLU", "LOKET2")
    assert result.recovery_code is not None and not result.key_file_in_clear
    slots = KeySlots(new)
    assert slots.accounts() == ["kasi"] and slots.has_recovery
    assert slots.unlock_recovery(result.recovery_code) == station_a.key
    assert slots.unlock_account("kasi", SUPERVISOR.password) == station_a.key


def test_setup_refuses_before_anything_is_made(station_a: Station, tmp_path: Path) -> None:
    key_file = export_key_file(
        Office.of(station_a.database), tmp_path / "office.key", passphrase=PASSPHRASE
    )
    new = tmp_path / "loket2"
    attempts: list[tuple[dict[str, object], str]] = [
        ({"passphrase": "kopi pagi di loket tiga", "supervisor": SUPERVISOR}, "wrong"),
        ({"passphrase": None, "supervisor": SUPERVISOR}, "protected by a passphrase"),
        ({"passphrase": PASSPHRASE, "supervisor": None}, "needs its first supervisor"),
    ]
    for arguments, reason in attempts:
        with pytest.raises(KnownError, match=reason):
            setup_workstation(new, station_name="Loket 2", key_file=key_file, **arguments)  # type: ignore[arg-type]
        assert not new.exists()
    for supervisor, reason in [
        (FirstSupervisor("kasi", "Rahmat", "pendek"), "too short"),
        (FirstSupervisor("kasi", " ", "kepala seksi palu"), "full name are required"),
    ]:
        with pytest.raises(KnownError, match=reason):
            setup_workstation(
                new,
                station_name="Loket 2",
                key_file=key_file,
                passphrase=PASSPHRASE,
                supervisor=supervisor,
            )
        assert not keyslots_path(new).exists() and not office_key_path(new).exists()
    setup_workstation(
        new, station_name="Loket 2", key_file=key_file, passphrase=PASSPHRASE, supervisor=SUPERVISOR
    )
    assert database_path(new).exists() and KeySlots(new).accounts() == ["kasi"]


def test_setup_from_an_old_clear_key_file_warns(station_a: Station, tmp_path: Path) -> None:
    old = clear_key_file(tmp_path / "lama.key", "PLU", "Kantor Imigrasi Palu", station_a.key)
    result = setup_workstation(
        tmp_path / "loket2", station_name="Loket 2", key_file=old, supervisor=SUPERVISOR
    )
    assert result.key_file_in_clear and result.recovery_code is not None


def test_setup_again_renames_and_opens_with_the_key_files_key(
    station_a: Station, tmp_path: Path
) -> None:
    add_interviews(station_a, 2)
    key_file = export_key_file(
        Office.of(station_a.database), tmp_path / "office.key", passphrase=PASSPHRASE
    )
    station_a.database.close()
    result = setup_workstation(
        station_a.data_dir,
        station_name="Loket Satu",
        key_file=key_file,
        passphrase=PASSPHRASE,
        supervisor=SUPERVISOR,
    )
    assert result.workstation_code == "LOKETSATU"
    assert result.recovery_code is not None  # the station had no recovery slot yet
    again = setup_workstation(
        station_a.data_dir, station_name="Loket 1", key_file=key_file, passphrase=PASSPHRASE
    )
    assert again.recovery_code is None  # the folder has its supervisor and slots already
    assert again.workstation_code == "LOKET1"
    assert not office_key_path(station_a.data_dir).exists()
    assert KeySlots(station_a.data_dir).unlock_recovery(result.recovery_code) == station_a.key


def test_setup_refuses_another_key_once_data_exists(station_a: Station, tmp_path: Path) -> None:
    add_interviews(station_a, 2)
    other_key = bytes(32)
    key_file = clear_key_file(tmp_path / "office.key", "PLU", "Kantor Imigrasi Palu", other_key)
    before = content_digest(station_a.data_dir)
    with pytest.raises(KeyFileError, match="another office key"):
        setup_workstation(
            station_a.data_dir, station_name="Loket 1", key_file=key_file, supervisor=SUPERVISOR
        )
    assert content_digest(station_a.data_dir) == before
    assert not office_key_path(station_a.data_dir).exists()
    assert not keyslots_path(station_a.data_dir).exists()


def test_station_codes() -> None:
    assert station_code_from_name("Loket 2") == "LOKET2"
    assert station_code_from_name("Ruang Supervisor Utama") == "RUANGSUPERVI"
