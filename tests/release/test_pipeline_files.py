"""build.py's verdict on a frozen self-test, and the installer and CI files it relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from interview_app import selftest
from tests.release.conftest import BUILD, ROOT, load_build_module

build = load_build_module("build")

PASSED = """Asisten Wawancara 0.1.0 — uji mandiri / self-test
OK kantor — kantor UJI (0.1 s)
OK wawancara — REF (0.1 s)
OK slip — slip.pdf (0.1 s)
OK sinkron — paket (0.1 s)
OK basis-data — baik (0.1 s)
OK akses-folder — hanya pemiliknya (0.1 s)
SARAN bitlocker — BitLocker tidak aktif di C: (0.1 s)
OK qt — Qt 6 (0.1 s)
OK cetak — PDF (0.1 s)
HASIL: BAIK / RESULT: OK
"""


def test_build_expects_the_steps_the_self_test_runs() -> None:
    core = [name for name, _ in selftest.STEPS]
    assert list(build.SELF_TEST_STEPS) == [*core, "qt", "cetak"]


def test_a_full_pass_is_accepted_with_advice_for_it() -> None:
    statuses = build.parse_self_test(PASSED)
    assert statuses["bitlocker"] == "SARAN"
    assert build.judge_self_test(statuses) == []


def test_a_failed_or_missing_step_is_refused() -> None:
    statuses = build.parse_self_test(
        PASSED.replace("OK qt", "GAGAL qt").replace("OK cetak — PDF (0.1 s)\n", "")
    )
    assert build.judge_self_test(statuses) == ["step qt failed", "step cetak did not report"]


def test_a_skip_is_accepted_only_while_the_part_is_absent_from_the_source(tmp_path: Path) -> None:
    statuses = build.parse_self_test(
        PASSED.replace("OK slip", "LEWAT slip").replace("OK qt", "LEWAT qt")
    )
    assert build.judge_self_test(statuses, root=tmp_path) == [
        "step qt was skipped, but its part is in the source tree"
    ]
    (tmp_path / "interview_app" / "slip").mkdir(parents=True)
    (tmp_path / "interview_app" / "slip" / "__init__.py").write_text("", encoding="utf-8")
    assert "step slip was skipped, but its part is in the source tree" in build.judge_self_test(
        statuses, root=tmp_path
    )


def test_the_frozen_app_never_sees_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(ROOT))
    env = build._clean_env()
    assert "PYTHONPATH" not in env and "INTERVIEW_APP_DATA_DIR" not in env


def test_installer_script() -> None:
    text = (BUILD / "installer.iss").read_text(encoding="utf-8")
    assert text.isascii()  # Inno Setup reads a script without a BOM in the ANSI code page
    for line in (
        "PrivilegesRequired=admin",
        "DefaultDirName={autopf}\\AsistenWawancara",
        'Name: "id"; MessagesFile: "{#IndonesianMessages}"',
        'Name: "en"; MessagesFile: "compiler:Default.isl"',
        'Name: "{autoprograms}\\{#AppName}"',
        "OutputBaseFilename=AsistenWawancara-{#AppVersion}-setup",
    ):
        assert line in text
    assert "runasoriginaluser" in text
    # The uninstaller may delete only inside the program folder, never the data folder.
    delete_lines = [line for line in text.splitlines() if line.startswith("Type: ")]
    assert delete_lines and all('Name: "{app}' in line for line in delete_lines)
    assert "localappdata" not in text.lower().replace("%localappdata%\\asistenwawancara", "")
    assert (
        f"{build.bundle_files.APP_NAME}.exe" in text
        and f"{build.bundle_files.CLI_NAME}.exe" in text
    )


def test_installer_name_matches_what_build_py_looks_for() -> None:
    text = (BUILD / "installer.iss").read_text(encoding="utf-8")
    assert f"OutputBaseFilename={build.bundle_files.APP_NAME}-{{#AppVersion}}-setup" in text


def test_windows_workflow_runs_the_whole_pipeline() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "windows-release.yml").read_text(encoding="utf-8")
    )
    (job,) = workflow["jobs"].values()
    assert job["runs-on"].startswith("windows")
    steps = job["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/setup-python") for u in uses)
    assert (
        next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))["with"][
            "python-version"
        ]
        == "3.11"
    )
    for command in (
        'pip install -e ".[test,build]"',
        "pytest",
        "choco install innosetup",
        "python build/build.py",
        "--self-test",
        "unins000.exe",
    ):
        assert command in runs
    assert any(u.startswith("actions/upload-artifact") for u in uses)


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context><name>Uji</name><message><source>Simpan</source><translation>Save</translation></message></context>
</TS>
"""


def test_translations_are_compiled_before_bundling(tmp_path: Path) -> None:
    if build.find_lrelease() is None:
        pytest.skip("pyside6-lrelease is not installed here")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "asisten_wawancara_en.ts").write_text(TS, encoding="utf-8")
    out = build.compile_translations(tmp_path / "src", tmp_path / "out")
    (qm,) = out.iterdir()
    assert qm.name == "asisten_wawancara_en.qm" and qm.stat().st_size > 0


def test_no_translation_sources_means_nothing_to_compile(tmp_path: Path) -> None:
    out = build.compile_translations(tmp_path, tmp_path / "out")
    assert list(out.iterdir()) == []
