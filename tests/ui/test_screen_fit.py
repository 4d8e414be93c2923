"""Every window and dialog fits the counter's screen: 1366x768 at 100%, 125% and 150% scaling
and 1920x1080, each under a 40-pixel taskbar, run as a child process per screen (the screen's
size and scale are fixed when Qt starts)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.offices import OfficeBuilder

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("screen_fit_child.py")
TASKBAR = 40  # logical pixels, as on Windows 10/11
SCREENS = {
    "1366x768-100": (1366, 768, 1.0),
    "1366x768-125": (1366, 768, 1.25),
    "1366x768-150": (1366, 768, 1.5),
    "1920x1080-100": (1920, 1080, 1.0),
}

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_office(offices: OfficeBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return offices.copy("demo-40", tmp_path_factory.mktemp("fit") / "demo")


def screen_file(folder: Path, width: int, height: int, scale: float) -> Path:
    """An offscreen screen of `width` x `height` physical pixels; its logical DPI makes Qt
    scale by `scale`, as Windows display scaling does. The taskbar's height is taken off."""
    path = folder / "screen.json"
    screen = {
        "name": "counter",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height - round(TASKBAR * scale),
        "logicalDpi": 96 * scale,
        "logicalBaseDpi": 96,
        "dpr": 1.0,
    }
    path.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", SCREENS)
def test_every_window_fits(name: str, demo_office: Path, tmp_path: Path) -> None:
    width, height, scale = SCREENS[name]
    data_dir = tmp_path / "office"
    shutil.copytree(demo_office, data_dir)
    config = screen_file(tmp_path, width, height, scale)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        PYTHONPATH=str(ROOT),
        QT_ENABLE_HIGHDPI_SCALING="1",
    )
    env.pop("QT_SCALE_FACTOR", None)
    result = subprocess.run(
        [sys.executable, str(CHILD), str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    expected = [round(width / scale), round((height - TASKBAR * scale) / scale)]
    assert abs(report["screen"][0] - expected[0]) <= 1, report["screen"]
    assert abs(report["screen"][1] - expected[1]) <= 1, report["screen"]
    assert "slip" in report["visited"] and "supervisor-tab-0" in report["visited"]
    assert "recovery-code" in report["visited"] and "encryption-progress" in report["visited"]
    assert report["problems"] == [], "\n".join(report["problems"])
