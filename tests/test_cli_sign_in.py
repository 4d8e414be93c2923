"""Commands that open personal data sign in first: without an account (or the recovery code,
where it serves) each is refused in both languages with nothing changed in the data folder and
nothing written where it was asked to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.commands.credentials import ENV_RECOVERY_CODE
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from tests import keyring
from tests.offices import OFFICER, OfficeBuilder, sign_in_args
from tests.sync.factory import files_of as folder_state

# Each command line: {data} is the data folder, {out} a file it would write.
REFUSED_WITHOUT_SIGN_IN = {
    "slip render": "slip render --interview 1 --out {out}",
    "slip verify": "slip verify --payload AW1.x.y",
    "slip public-key": "slip public-key --out {out}",
    "slip verifier": "slip verifier --out {out}",
    "slip referral find": "slip referral find 7271015208990006",
    "slip referral overdue": "slip referral overdue",
    "slip referral receipt": "slip referral receipt PLU-2026-000001",
    "slip referral came-back": "slip referral came-back PLU-2026-000001",
    "slip referral close": "slip referral close PLU-2026-000001 --refused",
    "db snapshots": "db snapshots",
    "db restore": "db restore",
    "report (recap PDF)": "report --from 2026-01-01 --to 2026-03-02 --out {out}",
    "report (HTCDS export)": "report --from 2026-01-01 --to 2026-03-02 --out {out} --format htcds",
}


@pytest.fixture
def folder(offices: OfficeBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (ENV_USER, ENV_PASSWORD, ENV_RECOVERY_CODE):
        monkeypatch.delenv(name, raising=False)
    return offices.copy("demo-8", tmp_path / "office")


def _run(line: str, folder: Path, out: Path, *extra: str) -> int:
    words = line.format(out=out).split()
    return main([*words, "--data-dir", str(folder), *extra])


@pytest.mark.parametrize("command", sorted(REFUSED_WITHOUT_SIGN_IN))
def test_without_a_sign_in_the_command_is_refused_and_changes_nothing(
    command: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = folder_state(folder)
    out = tmp_path / "out.file"
    assert _run(REFUSED_WITHOUT_SIGN_IN[command], folder, out) == 1
    captured = capsys.readouterr()
    assert "Perintah ini membuka data pribadi: masuk dengan --as USERNAME" in captured.err
    assert "This command opens personal data: sign in with --as USERNAME" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert folder_state(folder) == before
    assert not out.exists()


@pytest.mark.parametrize("command", ["slip render", "slip public-key", "slip referral overdue"])
def test_the_recovery_code_opens_no_slip_or_referral(
    command: str,
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with keyring.open_office(folder) as office:
        monkeypatch.setenv(ENV_RECOVERY_CODE, office.make_recovery_code())
    before = folder_state(folder)
    out = tmp_path / "out.file"
    assert _run(REFUSED_WITHOUT_SIGN_IN[command], folder, out) == 1
    err = capsys.readouterr().err
    assert "Kode pemulihan hanya membuka folder untuk mengatur ulang kata sandi" in err
    assert "The recovery code opens the folder only to reset passwords" in err
    assert not out.exists()
    assert folder_state(folder) == before  # refused before the folder was opened


def test_a_wrong_password_is_refused_and_the_slip_is_not_written(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "public.json"
    args = sign_in_args(tmp_path, OFFICER.username, "not-the-password")
    assert _run("slip public-key --out {out}", folder, out, *args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    assert not out.exists()
    good = sign_in_args(tmp_path, OFFICER.username, OFFICER.password)
    assert _run("slip public-key --out {out}", folder, out, *good) == 0
    assert out.exists()
