"""Benchmark figures of the desktop app: start-up time and peak memory against a bare PySide6 window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from interview_app.bench.harness import BenchContext, Figure, figure, paired_median_seconds
from interview_app.bench.storage_figures import TODAY, _fill_interviews
from interview_app.demo import create_demo_office

# The Qt programs the figures run live with the Qt code, in interview_app/ui/bench_programs/
# (read when a figure runs: a checkout's files). The baseline, bare_window.py: a bare PySide6
# main window, shown; the process ends when the loop is idle.
PROGRAMS = Path(__file__).resolve().parents[1] / "ui" / "bench_programs"


def program(name: str) -> str:
    return (PROGRAMS / name).read_text(encoding="utf-8")


# The gui command's handler called directly: the same start without building the parser.
APP_ONLY = (
    "import argparse\n"
    "from interview_app.commands.gui import run\n"
    "options = argparse.Namespace(data_dir={data_dir!r}, demo=False, no_crash_dialog=True,\n"
    "    script=None, quit_when_idle=True)\n"
    "raise SystemExit(run(options))\n"
)


def _answers() -> dict[str, object]:
    """The self-test's referred applicant (tourist visa, plantation work), dated from today;
    the officer's notes are left out (a free-text box the keyboard walk does not fill)."""
    import datetime as dt

    from interview_app.selftest import scripted_answers

    answers = scripted_answers(dt.date.today())
    answers.pop("officer_notes", None)
    return answers


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""),
        INTERVIEW_APP_SCRYPT_N=os.environ.get("INTERVIEW_APP_SCRYPT_N", ""),
    )


def _office(context: BenchContext, rows: int) -> Path:
    data_dir = context.workdir.parent / f"ui-office-{rows}"
    marker = data_dir / "filled"
    if not marker.exists():
        create_demo_office(data_dir, count=0, today=TODAY)
        if rows:
            _fill_interviews(data_dir, rows)
        marker.write_text("ok", encoding="utf-8")
    return data_dir


def _run(arguments: list[str], env_changes: dict[str, str | None] | None = None) -> str:
    env = _env()
    if not env["INTERVIEW_APP_SCRYPT_N"]:
        env.pop("INTERVIEW_APP_SCRYPT_N")
    for name, value in (env_changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    result = subprocess.run(
        arguments, capture_output=True, text=True, env=env, timeout=300, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{arguments[:4]} failed: {result.stderr[-2000:]}")
    return result.stdout


def _app(data_dir: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "interview_app",
        "gui",
        "--data-dir",
        str(data_dir),
        "--no-crash-dialog",
        *extra,
    ]


@figure("startup_ratio")
def startup_ratio(context: BenchContext) -> Figure:
    """Whole process: start to the login window shown with the event loop idle, then exit;
    against a bare PySide6 window process, timed alternately."""
    data_dir = _office(context, 0)
    repeat = 3 if context.quick else 7
    # Both processes read compiled bytecode, as an installed app does (pip and the PyInstaller
    # build ship it; the bare window's PySide6 has it in site-packages). A checkout run under
    # PYTHONDONTWRITEBYTECODE would otherwise compile the app's modules from source at every
    # start, which no officer waits for; the warm-up run fills this cache. That cost is
    # measured apart and named in the note.
    cached = {
        "PYTHONDONTWRITEBYTECODE": None,
        "PYTHONPYCACHEPREFIX": str(context.workdir / "pycache"),
    }
    bare_window = [sys.executable, "-c", program("bare_window.py")]
    ours, bare = paired_median_seconds(
        lambda: _run(_app(data_dir, "--quit-when-idle"), cached),
        lambda: _run(bare_window, cached),
        repeat=repeat,
        warmup=1,
    )
    # The same start without the command-line parser: how much of the figure is the window.
    direct = APP_ONLY.format(data_dir=str(data_dir))
    app_only, bare_again = paired_median_seconds(
        lambda: _run([sys.executable, "-c", direct], cached),
        lambda: _run(bare_window, cached),
        repeat=repeat,
        warmup=1,
    )
    # Under PYTHONDONTWRITEBYTECODE and no cache prefix: a checkout without __pycache__
    # folders compiles its own modules at every start (installed packages keep theirs).
    uncached = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": None}
    compiling, bare_compiling = paired_median_seconds(
        lambda: _run(_app(data_dir, "--quit-when-idle"), uncached),
        lambda: _run(bare_window, uncached),
        repeat=repeat,
        warmup=1,
    )
    return Figure(
        "startup_ratio",
        ours,
        bare,
        "s",
        1.5,
        "`python -m interview_app gui` start to login window idle, then exit, offscreen, "
        f"bytecode cached; without the CLI parser {app_only:.3f} s vs bare {bare_again:.3f} s "
        f"(ratio {app_only / bare_again:.2f}); with PYTHONDONTWRITEBYTECODE=1 (a checkout "
        f"without __pycache__ compiles its modules at each start) {compiling:.3f} s vs bare "
        f"{bare_compiling:.3f} s (ratio {compiling / bare_compiling:.2f})",
    )


def _rss_kb(output: str) -> int:
    for line in output.splitlines():
        if line.startswith("rss "):
            return int(line.split()[1])
    raise RuntimeError(f"no rss line in {output!r}")


@figure("rss_ratio")
def rss_ratio(context: BenchContext) -> Figure:
    """Peak resident memory after a whole interview by keyboard on a database of 100,000
    interviews (quick: 10,000), against the bare window process."""
    rows = 10_000 if context.quick else 100_000
    data_dir = _office(context, rows)
    context.workdir.mkdir(parents=True, exist_ok=True)
    script = context.workdir / "full_interview.py"
    script.write_text(
        "import json\nANSWERS_JSON = "
        + repr(json.dumps(_answers()))
        + "\n"
        + program("full_interview.py"),
        encoding="utf-8",
    )
    output = _run(_app(data_dir, "--script", str(script)))
    if "completed 1" not in output:
        raise RuntimeError(f"the interview did not complete: {output!r}")
    ours = _rss_kb(output)
    bare = _rss_kb(_run([sys.executable, "-c", program("bare_window.py")]))
    return Figure(
        "rss_ratio",
        ours / 1024,
        bare / 1024,
        "MiB",
        1.5,
        f"peak RSS after a full interview, {rows:,} interviews in the database",
    )
