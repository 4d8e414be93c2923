"""Benchmark figure of the release: our bundle's size against a bare PySide6 window's bundle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from interview_app.bench.harness import BenchContext, Figure, figure

CHECKOUT = Path(__file__).resolve().parent.parent.parent
SPEC = CHECKOUT / "build" / "interview_app.spec"
BUNDLE_NAME = "AsistenWawancara"

# A bare PySide6 window, the baseline bundle: interview_app/ui/bench_programs/hello_window.py.
HELLO_WORLD = CHECKOUT / "interview_app" / "ui" / "bench_programs" / "hello_window.py"


def folder_bytes(folder: Path) -> int:
    """Bytes of every file in `folder` (symlinks count as links, not as their targets)."""
    return sum(
        Path(parent, name).lstat().st_size for parent, _, names in os.walk(folder) for name in names
    )


def _pyinstaller(
    arguments: list[str], workdir: Path, log_name: str, env: dict[str, str] | None = None
) -> float:
    """Run PyInstaller with this interpreter; its wall time in seconds."""
    log = workdir / log_name
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *arguments],
            cwd=workdir,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed; see {log}")
    return time.perf_counter() - start


def build_bare_window(workdir: Path) -> Path:
    """A hello-world window bundled one-folder with PyInstaller's defaults."""
    script = workdir / "hello_window.py"
    script.write_text(HELLO_WORLD.read_text(encoding="utf-8"), encoding="utf-8")
    _pyinstaller(
        [
            "--onedir",
            "--windowed",
            "--distpath",
            str(workdir / "dist-bare"),
            "--workpath",
            str(workdir / "work-bare"),
            "--specpath",
            str(workdir),
            str(script),
        ],
        workdir,
        "pyinstaller-bare.log",
    )
    return workdir / "dist-bare" / "hello_window"


def _compiled_translations(workdir: Path) -> Path:
    """The .qm files the bundle ships (as build.py makes them), so both measure one bundle."""
    out = workdir / "i18n"
    out.mkdir(parents=True, exist_ok=True)
    name = "pyside6-lrelease.exe" if sys.platform == "win32" else "pyside6-lrelease"
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name(name))
    for source in sorted((CHECKOUT / "resources" / "i18n").glob("*.ts")):
        subprocess.run(
            [tool, "-silent", str(source), "-qm", str(out / source.with_suffix(".qm").name)],
            capture_output=True,
            check=True,
        )
    return out


def build_ours(workdir: Path) -> Path:
    """Our bundle from build/interview_app.spec, written under `workdir` (not build/dist)."""
    if not SPEC.is_file():
        raise RuntimeError(f"{SPEC} is missing: this figure runs from a source checkout")
    _pyinstaller(
        [
            "--distpath",
            str(workdir / "dist-ours"),
            "--workpath",
            str(workdir / "work-ours"),
            str(SPEC),
        ],
        workdir,
        "pyinstaller-ours.log",
        dict(os.environ, INTERVIEW_APP_QM_DIR=str(_compiled_translations(workdir))),
    )
    return workdir / "dist-ours" / BUNDLE_NAME


@figure("bundle_size_ratio", slow=True)
def bundle_size_ratio(context: BenchContext) -> Figure:
    """Both bundles are built in this run by the same PyInstaller and Python, so the ratio
    shows what the app adds (and trims) over Qt's own floor. `--quick` changes nothing."""
    context.workdir.mkdir(parents=True, exist_ok=True)
    try:
        import PyInstaller  # noqa: F401  (only to fail early with a clear message)
    except ImportError as exc:
        raise RuntimeError("bundle_size_ratio needs PyInstaller: pip install -e .[build]") from exc
    start = time.perf_counter()
    ours = folder_bytes(build_ours(context.workdir))
    bare = folder_bytes(build_bare_window(context.workdir))
    seconds = time.perf_counter() - start
    return Figure(
        "bundle_size_ratio",
        value=ours / 2**20,
        baseline=bare / 2**20,
        unit="MiB",
        goal=1.2,
        detail=f"one-folder bundles, both built in this run ({seconds:.0f} s)",
    )
