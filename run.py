#!/usr/bin/env python3
"""Set up and run Asisten Wawancara from a source checkout: `python3 run.py app` or `python3 run.py test`.

Each command prepares what a fresh Debian machine lacks: a virtual environment in .venv with the
Python dependencies, and (when run as root) Qt's system libraries and the tools the tests use,
through apt-get. Without root it names exactly what to install and stops.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("INTERVIEW_APP_VENV", ROOT / ".venv"))
STAMP = VENV / ".installed-deps"

# Shared libraries Qt (PySide6) loads, and the Debian package that ships each.
QT_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
}
# Programs the tests call (PDF to image and page count, QR decoding, the HTML slip verifier in a
# real browser), and their Debian packages.
TEST_PROGRAMS = {
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "zbarimg": "zbar-tools",
    "chromium": "chromium",
}


def say(text: str) -> None:
    print(f"[run.py] {text}", flush=True)


def missing_libraries() -> list[str]:
    try:
        listing = subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        listing = ""
    return sorted({pkg for lib, pkg in QT_LIBRARIES.items() if lib not in listing})


def missing_programs() -> list[str]:
    return sorted({pkg for prog, pkg in TEST_PROGRAMS.items() if shutil.which(prog) is None})


def apt_install(packages: list[str], why: str) -> None:
    if not packages:
        return
    command = "apt-get install -y " + " ".join(packages)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing {why}: {' '.join(packages)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
            check=True,
            env=env,
        )
        return
    sys.exit(
        f"[run.py] {why} missing. Please install them first (as root):\n  sudo {command}\n"
        f"[run.py] {why} belum terpasang. Pasang dahulu (sebagai root):\n  sudo {command}"
    )


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        say(f"creating the virtual environment in {VENV}")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=False)
        if result.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            version = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
            apt_install([version], "Python's venv module")
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        say("installing the Python dependencies (pip install -e .[test,build])")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=False)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test,build]"], check=True
        )
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if sys.version_info < (3, 11):  # noqa: UP036 (run.py may be started by an older python3)
        sys.exit("[run.py] Python 3.11 or newer is needed / diperlukan Python 3.11 atau lebih baru")
    if sys.platform.startswith("linux"):
        apt_install(missing_libraries(), "Qt's system libraries")
        if command == "test":
            apt_install(missing_programs(), "the tools the tests use")
    python = ensure_venv()
    os.chdir(ROOT)
    if command == "app":
        # Bare `run.py app` on a machine where no office is set up opens the demo office (in
        # its own folder); once the data folder holds an office, that office opens.
        return subprocess.call(
            [str(python), "-m", "interview_app", *(rest or ["gui", "--demo-if-new"])]
        )
    return subprocess.call([str(python), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
