#!/usr/bin/env python3
"""The release pipeline: version resource, PyInstaller, frozen self-test, size, then the installer.

    python build/build.py                 build, smoke-test, report (and on Windows: installer)
    python build/build.py --skip-build    smoke-test and measure the bundle already in build/dist
    python build/build.py --no-installer  stop before Inno Setup (Windows)

Run it with the Python that has the project's dependencies and PyInstaller
(`pip install -e .[test,build]`). Everything it writes is under build/dist and build/work.
Exit 0 only when the bundle was built and its frozen self-test passed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BUILD = Path(__file__).resolve().parent
ROOT = BUILD.parent
DIST = BUILD / "dist"
WORK = BUILD / "work"
SPEC = BUILD / "interview_app.spec"
INSTALLER_SCRIPT = BUILD / "installer.iss"
REPORT = DIST / "build-report.json"
WINDOWS = sys.platform == "win32"
PYINSTALLER_REQUIREMENT = "pyinstaller==6.22.3"

sys.path.insert(0, str(BUILD))
import bundle_files  # noqa: E402

# The frozen self-test's steps, in order; a step of an optional part may say LEWAT (skipped)
# only while that part is absent from the source tree too.
SELF_TEST_STEPS = (
    "kantor",
    "wawancara",
    "slip",
    "sinkron",
    "basis-data",
    "akses-folder",
    "bitlocker",
    "qt",
    "cetak",
)
OPTIONAL_PARTS = {
    "slip": "interview_app/slip/__init__.py",
    "sinkron": "interview_app/sync/__init__.py",
}
# Environment variables that would let the frozen app see the source tree or another data
# folder instead of its own bundle.
SCRUBBED_ENV = (
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "INTERVIEW_APP_DATA_DIR",
    "VIRTUAL_ENV",
)


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


class BuildFailed(Exception):
    """A stage failed; the message says which and where its log is."""


def check_prerequisites() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (build.py may be started by an older python)
        raise BuildFailed("Python 3.11 or newer is needed")
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildFailed(
            f"PyInstaller is not installed in {sys.executable}; install it with "
            f"`{sys.executable} -m pip install -e .[build]` (or `{PYINSTALLER_REQUIREMENT}`)"
        )


def write_version_file(version: str) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "file_version_info.txt"
    path.write_text(bundle_files.version_resource(version), encoding="utf-8")
    return path


def find_lrelease() -> str | None:
    """Qt's translation compiler as PySide6 installs it (a script beside this Python, or the
    binary inside the PySide6 package)."""
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    beside = Path(sys.executable).with_name(
        "pyside6-lrelease.exe" if WINDOWS else "pyside6-lrelease"
    )
    if beside.is_file():
        return str(beside)
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        inside = Path(spec.origin).with_name("lrelease.exe" if WINDOWS else "lrelease")
        if inside.is_file():
            return str(inside)
    return None


def compile_translations(
    source_dir: Path = ROOT / bundle_files.TRANSLATIONS_DIR, out: Path = WORK / "i18n"
) -> Path:
    """resources/i18n/*.ts -> build/work/i18n/*.qm (the bundle ships the .qm files only)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    sources = sorted(source_dir.glob("*.ts"))
    if not sources:
        return out
    tool = find_lrelease()
    if tool is None:
        raise BuildFailed("pyside6-lrelease not found; it comes with PySide6-Essentials")
    for source in sources:
        target = out / source.with_suffix(".qm").name
        result = subprocess.run(
            [tool, "-silent", str(source), "-qm", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not target.is_file():
            raise BuildFailed(f"lrelease failed on {source.name}: {result.stderr.strip()}")
    say(f"translations compiled: {', '.join(p.name for p in sorted(out.glob('*.qm')))}")
    return out


def make_icon() -> Path | None:
    """The .exe and installer icon: resources/icons/app.ico, or one made from app.png (Pillow
    comes with reportlab). None when neither exists: the executables keep PyInstaller's icon."""
    icons = ROOT / "resources" / "icons"
    if (icons / "app.ico").is_file():
        return icons / "app.ico"
    if not (icons / "app.png").is_file() or importlib.util.find_spec("PIL") is None:
        say("no resources/icons/app.ico or app.png: the .exe keeps the default icon")
        return None
    from PIL import Image

    WORK.mkdir(parents=True, exist_ok=True)
    target = WORK / "app.ico"
    sizes = [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    with Image.open(icons / "app.png") as image:
        image.convert("RGBA").save(target, format="ICO", sizes=sizes)
    return target


def run_pyinstaller(version_file: Path, icon: Path | None, translations: Path) -> None:
    log = WORK / "pyinstaller.log"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK / "pyinstaller"),
        str(SPEC),
    ]
    env = dict(
        os.environ,
        INTERVIEW_APP_VERSION_FILE=str(version_file),
        INTERVIEW_APP_QM_DIR=str(translations),
        INTERVIEW_APP_ICON=str(icon) if icon else "",
    )
    say(f"PyInstaller ({log.relative_to(ROOT)})")
    with open(log, "w", encoding="utf-8") as handle:
        result = subprocess.run(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        raise BuildFailed("PyInstaller failed:\n" + "\n".join(tail))


def executable(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if WINDOWS else name)


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test picks the offscreen platform itself
    return env


def parse_self_test(report: str) -> dict[str, str]:
    """{step: 'OK' | 'GAGAL' | 'LEWAT' | 'SARAN'} from the self-test's lines (SARAN: advice
    for IT, such as BitLocker off on the build machine; not a failure)."""
    found = {}
    for line in report.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("OK", "GAGAL", "LEWAT", "SARAN") and " — " in rest:
            found[rest.split(" — ")[0]] = word
    return found


def judge_self_test(statuses: dict[str, str], root: Path = ROOT) -> list[str]:
    """What is wrong with a frozen self-test's result (empty when it passed)."""
    problems = []
    for step in SELF_TEST_STEPS:
        status = statuses.get(step)
        optional = OPTIONAL_PARTS.get(step)
        if status is None:
            problems.append(f"step {step} did not report")
        elif status == "GAGAL":
            problems.append(f"step {step} failed")
        elif status == "LEWAT" and (optional is None or (root / optional).is_file()):
            problems.append(f"step {step} was skipped, but its part is in the source tree")
    return problems


def frozen_self_test(bundle: Path, name: str, *, keep: bool = False) -> tuple[str, float]:
    """Run `<bundle>/<name> --self-test` from a temporary folder (never the checkout), with a
    data folder whose path has spaces and non-ASCII letters, as a user's profile may."""
    exe = executable(bundle, name)
    if not exe.is_file():
        raise BuildFailed(f"{exe} does not exist; build first")
    temp = Path(tempfile.mkdtemp(prefix="aw-frozen-"))
    data_dir = temp / "Data Pengguna" / "Ñoño Wïdyâ"
    report_file = temp / "laporan uji.txt"
    command = [str(exe), "--self-test", "--data-dir", str(data_dir), "--report", str(report_file)]
    start = time.perf_counter()
    try:
        result = subprocess.run(
            command,
            cwd=temp,
            env=_clean_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=900,
            check=False,
        )
        seconds = time.perf_counter() - start
        output = result.stdout.decode("utf-8", errors="replace")
        report = report_file.read_text(encoding="utf-8") if report_file.is_file() else ""
        problems = judge_self_test(parse_self_test(report))
        if result.returncode != 0:
            problems.insert(0, f"exit code {result.returncode}")
        if problems:
            keep = True  # the test folder and its self-test.log are the evidence
            raise BuildFailed(
                f"frozen self-test of {exe.name} failed: {'; '.join(problems)}\n"
                f"--- report ---\n{report}--- output ---\n{output[-4000:]}"
                f"--- kept for inspection: {temp}"
            )
        return report, seconds
    finally:
        if not keep:
            shutil.rmtree(temp, ignore_errors=True)


def frozen_app_start(bundle: Path) -> float:
    """Start the windowed app itself on the offscreen platform with a demo office and let it
    quit once idle: every page's module loads in the bundle, not only the self-test's."""
    exe = executable(bundle, bundle_files.APP_NAME)
    temp = Path(tempfile.mkdtemp(prefix="aw-frozen-app-"))
    data_dir = temp / "Data Pengguna" / "Ñoño Wïdyâ"
    command = [str(exe), "gui", "--demo", "--data-dir", str(data_dir), "--no-crash-dialog",
               "--quit-when-idle"]  # fmt: skip
    start = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=temp,
        env=dict(_clean_env(), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0 or not (data_dir / "interviews.sqlite3").is_file():
        output = result.stdout.decode("utf-8", errors="replace")
        raise BuildFailed(
            f"the frozen app did not start and quit cleanly (exit {result.returncode}):\n"
            f"{output[-4000:]}--- kept for inspection: {temp}"
        )
    shutil.rmtree(temp, ignore_errors=True)
    return seconds


def bundle_size(bundle: Path) -> tuple[int, int, list[tuple[str, int]]]:
    """(bytes, files, the ten largest parts) of a one-folder bundle; symlinks count once."""
    total = files = 0
    parts: Counter[str] = Counter()
    internal = bundle / "_internal"
    for folder, _, names in os.walk(bundle):
        for file_name in names:
            path = Path(folder, file_name)
            size = path.lstat().st_size
            total += size
            files += 1
            relative = path.relative_to(internal if internal in path.parents else bundle)
            key = (
                "/".join(relative.parts[:3])
                if relative.parts[0] == "PySide6"
                else relative.parts[0]
            )
            parts[key] += size
    return total, files, parts.most_common(10)


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return Path(base) / "Inno Setup 6" / "ISCC.exe"
    return None


def build_installer(bundle: Path, version: str, icon: Path | None) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise BuildFailed("Inno Setup's ISCC.exe was not found (choco install innosetup)")
    command = [
        str(iscc),
        f"/DAppVersion={version}",
        "/DAppNumericVersion=" + ".".join(str(n) for n in bundle_files.version_tuple(version)),
        f"/DSourceDir={bundle}",
        f"/DOutputDir={DIST}",
        *([f"/DAppIcon={icon}"] if icon else []),
        str(INSTALLER_SCRIPT),
    ]
    log = WORK / "iscc.log"
    with open(log, "w", encoding="utf-8") as handle:
        result = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0:
        raise BuildFailed(f"Inno Setup failed; see {log}")
    installer = DIST / f"{bundle_files.APP_NAME}-{version}-setup.exe"
    if not installer.is_file():
        raise BuildFailed(f"Inno Setup finished but {installer} is missing")
    return installer


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="reuse build/dist as it is")
    parser.add_argument("--no-installer", action="store_true", help="no Inno Setup step")
    parser.add_argument("--keep-temp", action="store_true", help="keep the self-test folders")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    version = bundle_files.read_version(ROOT)
    bundle = DIST / bundle_files.APP_NAME
    say(f"Asisten Wawancara {version} on {platform.platform()}, Python {platform.python_version()}")
    try:
        check_prerequisites()
        if not args.skip_build:
            unlisted = bundle_files.unlisted_files(ROOT)
            if unlisted:
                say("not in build/bundle_files.py, so not bundled: " + ", ".join(unlisted))
            stage = time.perf_counter()
            icon = make_icon()
            run_pyinstaller(write_version_file(version), icon, compile_translations())
            timings["pyinstaller_s"] = round(time.perf_counter() - stage, 1)
            say(f"bundle built in {timings['pyinstaller_s']} s: {bundle.relative_to(ROOT)}")
        report, seconds = frozen_self_test(bundle, bundle_files.CLI_NAME, keep=args.keep_temp)
        timings["self_test_s"] = round(seconds, 1)
        say(f"frozen self-test of {bundle_files.CLI_NAME} passed in {seconds:.1f} s:")
        print(report, end="", flush=True)
        seconds = frozen_app_start(bundle)
        timings["app_start_s"] = round(seconds, 1)
        say(f"frozen app {bundle_files.APP_NAME} started a demo office and quit in {seconds:.1f} s")
        if WINDOWS:  # the windowed .exe has no stdout: its report file is the proof
            _, seconds = frozen_self_test(bundle, bundle_files.APP_NAME, keep=args.keep_temp)
            timings["self_test_gui_s"] = round(seconds, 1)
            say(f"frozen self-test of {bundle_files.APP_NAME} (windowed) passed")
        size, files, largest = bundle_size(bundle)
        say(f"bundle size {mib(size)} in {files} files; largest parts:")
        for part, part_size in largest:
            print(f"    {mib(part_size):>10}  {part}")
        installer = None
        if WINDOWS and not args.no_installer:
            stage = time.perf_counter()
            installer = build_installer(bundle, version, make_icon())
            timings["installer_s"] = round(time.perf_counter() - stage, 1)
            say(f"installer {installer.name}, {mib(installer.stat().st_size)}")
        elif not WINDOWS:
            say("installer: skipped (Inno Setup runs on Windows only)")
    except BuildFailed as failure:
        say(f"FAILED: {failure}")
        return 1
    timings["total_s"] = round(time.perf_counter() - started, 1)
    REPORT.write_text(
        json.dumps(
            {
                "version": version,
                "platform": platform.platform(),
                "bundle": str(bundle),
                "bundle_bytes": size,
                "bundle_files": files,
                "largest_parts": dict(largest),
                "installer": str(installer) if installer else None,
                **timings,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    say(f"done in {timings['total_s']} s ({REPORT.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
