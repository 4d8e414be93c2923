"""`interview-app --self-test`: every step, its report lines, its folder, and its failures."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from interview_app import selftest
from interview_app.cli import main
from interview_app.errors import KnownError
from interview_app.selftest import SLIP_MODULE, module_present
from interview_app.storage.folder_access import CommandResult

STEP_NAMES = [
    "kantor",
    "wawancara",
    "slip",
    "sinkron",
    "basis-data",
    "akses-folder",
    "bitlocker",
    "qt",
    "cetak",
]


def step_lines(out: str) -> dict[str, str]:
    lines = {}
    for line in out.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("OK", "GAGAL", "LEWAT", "SARAN"):
            lines[rest.split(" — ")[0]] = line
    return lines


@pytest.fixture(scope="module")
def passed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One full run (Qt included) in a data folder with spaces and non-ASCII letters."""
    data_dir = tmp_path_factory.mktemp("selftest") / "Data Pengguna" / "Ñoño Wïdyâ"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["--self-test", "--data-dir", str(data_dir)])
    assert code == 0, buffer.getvalue()
    return data_dir, buffer.getvalue()


def test_every_step_holds_and_prints_one_line(passed_run: tuple[Path, str]) -> None:
    _, out = passed_run
    lines = step_lines(out)
    assert list(lines) == STEP_NAMES
    for name, line in lines.items():
        expected = "LEWAT" if name == "slip" and not module_present(SLIP_MODULE) else "OK"
        assert line.startswith(f"{expected} {name} — "), line
    assert out.rstrip().endswith("HASIL: BAIK / RESULT: OK")


def test_the_interview_is_referred_and_the_package_round_trips(
    passed_run: tuple[Path, str],
) -> None:
    lines = step_lines(passed_run[1])
    assert "TUNDA_RUJUK_BP3MI" in lines["wawancara"]
    assert "dilanjutkan setelah buka ulang" in lines["wawancara"]
    assert "1 baru" in lines["sinkron"] and "idempotent" in lines["sinkron"]


def test_the_test_office_is_encrypted_and_refuses_to_open_without_a_key(
    passed_run: tuple[Path, str],
) -> None:
    line = step_lines(passed_run[1])["basis-data"]
    assert "terenkripsi, tanpa kunci tidak terbuka" in line
    assert "encrypted, nothing opens without the key" in line


def test_a_plaintext_test_database_fails_the_database_step(tmp_path: Path) -> None:
    """The step's encryption check can fail: a plaintext copy of the database is named."""
    from interview_app.selftest import StepFailed, _expect_encrypted

    (tmp_path / "interviews.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(4080))
    with pytest.raises(StepFailed, match="is not encrypted"):
        _expect_encrypted(tmp_path)


def test_a_passed_run_leaves_the_data_folder_as_it_was(passed_run: tuple[Path, str]) -> None:
    data_dir, _ = passed_run
    assert list(data_dir.iterdir()) == []  # no test folder left, no real database made


def test_the_flag_form_and_the_subcommand_are_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["self-test", "--no-qt", "--data-dir", str(tmp_path)]) == 0
    first = list(step_lines(capsys.readouterr().out))
    assert main(["--data-dir", str(tmp_path), "--no-qt", "--self-test"]) == 0
    second = list(step_lines(capsys.readouterr().out))
    assert first == second == [n for n in STEP_NAMES if n not in ("qt", "cetak")]


def test_report_file_holds_the_same_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "laporan uji" / "hasil.txt"
    assert (
        main(
            [
                "--self-test",
                "--no-qt",
                "--keep",
                "--data-dir",
                str(tmp_path / "d"),
                "--report",
                str(report),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert report.read_text(encoding="utf-8") == out
    kept = [p for p in (tmp_path / "d").iterdir() if p.name.startswith("self-test-")]
    assert len(kept) == 1 and (kept[0] / selftest.LOG_FILE).is_file()
    assert f"Folder uji disimpan / test folder kept: {kept[0]}" in out


def test_a_failing_step_fails_the_run_and_keeps_the_folder_with_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(office: object) -> str:
        raise ZeroDivisionError("pembagian dengan nol")

    steps = tuple((name, broken if name == "wawancara" else step) for name, step in selftest.STEPS)
    monkeypatch.setattr(selftest, "STEPS", steps)
    assert main(["--self-test", "--no-qt", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    lines = step_lines(out)
    assert lines["kantor"].startswith("OK ")
    assert lines["wawancara"].startswith(
        "GAGAL wawancara — ZeroDivisionError: pembagian dengan nol"
    )
    # The steps that need the interview say why they did not run; the others still run.
    assert lines["sinkron"].startswith("GAGAL sinkron — tidak dijalankan")
    assert lines["basis-data"].startswith("OK ")
    assert out.rstrip().endswith("HASIL: GAGAL / RESULT: FAILED")
    (kept,) = [p for p in tmp_path.iterdir() if p.name.startswith("self-test-")]
    log = (kept / selftest.LOG_FILE).read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError" in log


def test_an_environment_error_is_reported_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(office: object) -> str:
        raise KnownError("Disk penuh.", "The disk is full.")

    steps = tuple(
        (name, full_disk if name == "basis-data" else step) for name, step in selftest.STEPS
    )
    monkeypatch.setattr(selftest, "STEPS", steps)
    assert main(["--self-test", "--no-qt", "--data-dir", str(tmp_path)]) == 1
    lines = step_lines(capsys.readouterr().out)
    assert lines["basis-data"].startswith("GAGAL basis-data — Disk penuh. / The disk is full.")


def test_a_missing_optional_part_is_skipped_not_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = selftest.module_present
    monkeypatch.setattr(
        selftest, "module_present", lambda name: False if name == SLIP_MODULE else real(name)
    )
    assert main(["--self-test", "--no-qt", "--data-dir", str(tmp_path)]) == 0
    lines = step_lines(capsys.readouterr().out)
    assert lines["slip"].startswith("LEWAT slip — interview_app.slip belum ada")


def test_an_empty_folder_named_like_the_package_does_not_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kosong_pkg").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert not module_present("kosong_pkg")
    assert not module_present("tidak_ada_sama_sekali.anak")
    assert module_present("interview_app.sync")


def test_a_build_without_a_working_qt_fails_only_the_qt_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "interview_app.ui.offscreen_check", None)  # import fails
    assert main(["--self-test", "--data-dir", str(tmp_path)]) == 1
    lines = step_lines(capsys.readouterr().out)
    assert lines["qt"].startswith("GAGAL qt — ModuleNotFoundError")
    assert lines["cetak"].startswith("GAGAL cetak — ModuleNotFoundError")
    assert all(lines[name].startswith(("OK ", "LEWAT ")) for name in STEP_NAMES[:7])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_data_folder_and_bitlocker_are_reported_outside_windows(
    passed_run: tuple[Path, str],
) -> None:
    data_dir, out = passed_run
    lines = step_lines(out)
    assert lines["akses-folder"].startswith(f"OK akses-folder — {data_dir}: ")
    assert "only its owner can open the data folder (mode 0700)" in lines["akses-folder"]
    assert "BitLocker does not apply outside Windows" in lines["bitlocker"]


class _WindowsPC:
    """whoami, PowerShell (the folder's ACL, BitLocker's shell property) and manage-bde of a PC
    whose data folder inherits its parent's ACL and whose BitLocker is off."""

    sid = "S-1-5-21-1004336348-1177238915-682003330-1001"

    def __call__(self, args: Sequence[str]) -> CommandResult:
        if args[0] == "whoami":
            return CommandResult(0, f'"pc\\budi","{self.sid}"\r\n')
        if args[0] == "powershell" and "Get-Acl" in args[-1]:
            return CommandResult(0, f"O:{self.sid}D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BU)\r\n")
        if args[0] == "powershell":
            return CommandResult(0, "2\r\n")
        raise FileNotFoundError(args[0])


def test_an_open_folder_and_bitlocker_off_are_advice_and_the_run_still_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "ON_WINDOWS", True)
    monkeypatch.setattr(selftest, "SYSTEM_COMMANDS", _WindowsPC())
    assert main(["--self-test", "--no-qt", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = step_lines(out)
    assert lines["akses-folder"].startswith("SARAN akses-folder — ")
    assert "inherited from its parent" in lines["akses-folder"]
    assert "other accounts may open it: BU" in lines["akses-folder"]
    assert "/inheritance:r" in lines["akses-folder"]
    assert lines["bitlocker"].startswith("SARAN bitlocker — BitLocker tidak aktif di C:")
    assert "BitLocker is off: ask IT to switch it on." in lines["bitlocker"]
    assert out.rstrip().endswith("HASIL: BAIK / RESULT: OK")
