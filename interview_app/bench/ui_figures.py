"""Benchmark figures of the desktop app: start-up time and memory against a bare PySide6 window.

Every program starts the app as an officer does, `python -m interview_app gui ...` (the
command line's own parser and the gui command's handler), never with options built by hand.
Memory is read by the measured process itself (interview_app.bench.memory); on POSIX each
child runs under a small launcher that also reports the child's peak as its parent sees it."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from interview_app.bench.harness import BenchContext, Figure, figure, page_key
from interview_app.bench.memory import OwnMemory, parse_line
from interview_app.bench.storage_figures import TODAY, fill_bare_interviews
from interview_app.demo import create_demo_office
from interview_app.storage.bulk import password_scheme

# The Qt programs the figures run live with the Qt code, in interview_app/ui/bench_programs/
# (read when a figure runs: a checkout's files). The baseline, bare_window.py: a bare PySide6
# main window, shown; the process ends when the loop is idle.
PROGRAMS = Path(__file__).resolve().parents[1] / "ui" / "bench_programs"


def program(name: str) -> str:
    return (PROGRAMS / name).read_text(encoding="utf-8")


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
    )


def _office(context: BenchContext, rows: int) -> Path:
    """The demo office's accounts and script with `rows` bare interviews (a cached template)."""

    def build(data_dir: Path) -> None:
        create_demo_office(data_dir, count=0, today=TODAY)
        if rows:
            fill_bare_interviews(data_dir, rows, key=page_key(data_dir))

    return context.dataset(f"ui-office-{rows}", build)


# A small parent (POSIX): runs the child, passes its output through, then reports the child's
# peak as the kernel gives it to a parent (ru_maxrss of the waited-for children, KiB on Linux).
# The bench process itself is large; a child's ru_maxrss would otherwise start at its size.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "print('parent_peak', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)\n"
    "raise SystemExit(done.returncode)\n"
)


def _launched(arguments: list[str]) -> list[str]:
    if sys.platform == "win32":
        return arguments
    return [sys.executable, "-c", LAUNCHER, *arguments]


def _parent_peak_kib(output: str) -> int | None:
    for line in output.splitlines():
        if line.startswith("parent_peak "):
            return int(line.split()[1])
    return None


def _environment(env_changes: dict[str, str | None] | None) -> dict[str, str]:
    env = _env()
    for name, value in (env_changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _run(arguments: list[str], env_changes: dict[str, str | None] | None = None) -> str:
    result = subprocess.run(
        arguments,
        capture_output=True,
        text=True,
        env=_environment(env_changes),
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{arguments[:4]} failed: {result.stderr[-2000:]}")
    return result.stdout


def _time_to_idle(arguments: list[str], env_changes: dict[str, str | None]) -> float:
    """Seconds from starting the process to its "idle" line (its window shown and answering),
    as the parent reads it; the process then ends on its own and must succeed."""
    start = time.perf_counter()
    with subprocess.Popen(
        arguments,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(env_changes),
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        seen = None
        for line in process.stdout:
            if line.startswith("idle"):
                seen = time.perf_counter() - start
                break
        rest, errors = process.communicate(timeout=600)
    if process.returncode != 0 or seen is None:
        raise RuntimeError(f"{arguments[:4]} failed ({process.returncode}): {errors[-2000:]}")
    return seen


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


def _paired_starts(
    app: list[str],
    bare_window: list[str],
    env_changes: dict[str, str | None],
    repeat: int,
    warmup: int,
) -> tuple[float, float]:
    """Medians of the time to idle of the app and of the bare window, started alternately."""
    samples: tuple[list[float], list[float]] = ([], [])
    for index in range(warmup + repeat):
        for kind, arguments in enumerate((app, bare_window)):
            seconds = _time_to_idle(arguments, env_changes)
            if index >= warmup:
                samples[kind].append(seconds)
    return statistics.median(samples[0]), statistics.median(samples[1])


def _startup(context: BenchContext, rows: int, name: str) -> Figure:
    """Whole process: start to the login window shown with the event loop idle, then exit;
    against a bare PySide6 window process, timed alternately."""
    data_dir = context.copy_of(_office(context, rows), "office")
    repeat = context.repeat(7, 3)
    # Both processes read compiled bytecode, as an installed app does (pip and the PyInstaller
    # build ship it; the bare window's PySide6 has it in site-packages). A checkout run under
    # PYTHONDONTWRITEBYTECODE would otherwise compile the app's modules from source at every
    # start, which no officer waits for; the warm-up run fills this cache. That cost is
    # measured apart (full and quick runs) and named in the detail.
    cached = {
        "PYTHONDONTWRITEBYTECODE": None,
        "PYTHONPYCACHEPREFIX": str(context.workdir / "pycache"),
    }
    bare_window = [sys.executable, "-c", program("bare_window.py")]
    app = _app(data_dir, "--quit-when-idle")
    if context.smoke:
        _run(app, cached)  # the bytecode cache; the one timed pair below reads it
    ours, bare = _paired_starts(app, bare_window, cached, repeat, context.warmup(1))
    detail = (
        f"`python -m interview_app gui --quit-when-idle`, {rows:,} interviews in the office: "
        "from starting the process to the login window shown and idle (its 'idle' line read "
        "by the parent), against the same for a bare window; offscreen, bytecode cached; the "
        "database's quick_check runs on its own thread and does not hold the window"
    )
    if not context.smoke:
        # Under PYTHONDONTWRITEBYTECODE and no cache prefix: a checkout without __pycache__
        # folders compiles its own modules at every start (installed packages keep theirs).
        uncached = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": None}
        compiling, bare_compiling = _paired_starts(app, bare_window, uncached, repeat, 1)
        detail += (
            f"; with PYTHONDONTWRITEBYTECODE=1 (a checkout without __pycache__ compiles its "
            f"modules at each start) {compiling:.3f} s vs bare {bare_compiling:.3f} s (ratio "
            f"{compiling / bare_compiling:.2f})"
        )
    return Figure(name, ours, bare, "s", 1.5, detail, sizes={"interviews": rows})


@figure("startup_ratio")
def startup_ratio(context: BenchContext) -> Figure:
    """Start-up on an office with no interviews."""
    return _startup(context, 0, "startup_ratio")


@figure("startup_large_office_ratio")
def startup_large_office_ratio(context: BenchContext) -> Figure:
    """Start-up on an office of 100,000 interviews (quick: 10,000): the window must not wait
    for the database's size."""
    return _startup(context, context.size(100_000, 10_000, 300), "startup_large_office_ratio")


def _kdf_memory_kib(data_dir: Path, username: str) -> tuple[int, str]:
    """scrypt's documented working memory, 128 * r * n bytes, for the parameters stored with
    the account's password hash (what signing in costs)."""
    scheme, n, r, p = password_scheme(data_dir, username, page_key(data_dir))
    return 128 * r * n // 1024, f"{scheme} n={n} r={r} p={p}"


_INTERVIEW_RUNS: dict[Path, tuple[int, str, OwnMemory, OwnMemory, int | None]] = {}


def _interview_memory(
    context: BenchContext,
) -> tuple[int, str, OwnMemory, OwnMemory, int | None]:
    """One whole interview by keyboard in the app (once per run, for both memory figures):
    rows in the office, output, memory at the idle login window, after the interview, and the
    peak as a small parent saw it."""
    rows = context.size(100_000, 10_000, 300)
    key = context.workdir.parent / f"interview-{rows}"
    if key in _INTERVIEW_RUNS:
        return _INTERVIEW_RUNS[key]
    data_dir = context.copy_of(_office(context, rows), "office")
    context.workdir.mkdir(parents=True, exist_ok=True)
    script = context.workdir / "full_interview.py"
    script.write_text(
        "import json\nANSWERS_JSON = "
        + repr(json.dumps(_answers()))
        + "\n"
        + program("full_interview.py"),
        encoding="utf-8",
    )
    output = _run(_launched(_app(data_dir, "--script", str(script))))
    if "completed 1" not in output:
        raise RuntimeError(f"the interview did not complete: {output!r}")
    login_line = next(line for line in output.splitlines() if line.startswith("login memory "))
    result = (
        rows,
        output,
        parse_line(login_line.removeprefix("login ")),
        parse_line(output),
        _parent_peak_kib(output),
    )
    _INTERVIEW_RUNS[key] = result
    return result


def _bare_memory() -> tuple[OwnMemory, int | None]:
    output = _run(_launched([sys.executable, "-c", program("bare_window.py")]))
    return parse_line(output), _parent_peak_kib(output)


def _mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.1f} MiB"


@figure("rss_ratio")
def rss_ratio(context: BenchContext) -> Figure:
    """Resident memory after a whole interview by keyboard on an office of 100,000 interviews
    (quick: 10,000), against the bare window's resident memory when idle."""
    rows, _, login, after, _ = _interview_memory(context)
    bare, _ = _bare_memory()
    return Figure(
        "rss_ratio",
        after.resident_kib / 1024,
        bare.resident_kib / 1024,
        "MiB",
        1.5,
        f"resident (VmRSS / working set, read by the process itself) after a whole interview, "
        f"{rows:,} interviews in the office; the app at its idle login window "
        f"{_mib(login.resident_kib)}",
        sizes={"interviews": rows},
    )


@figure("rss_peak_ratio")
def rss_peak_ratio(context: BenchContext) -> Figure:
    """Peak memory of the same run, less the password KDF's documented memory (signing in is
    deliberately memory-hard), against the bare window's peak."""
    rows, _, login, after, parent_peak = _interview_memory(context)
    bare, bare_parent_peak = _bare_memory()
    kdf_kib, kdf = _kdf_memory_kib(_office(context, rows), "petugas1")
    return Figure(
        "rss_peak_ratio",
        (after.peak_kib - kdf_kib) / 1024,
        bare.peak_kib / 1024,
        "MiB",
        1.5,
        f"peak (VmHWM / peak working set, read by the process itself) {_mib(after.peak_kib)} "
        f"less the KDF's memory {_mib(kdf_kib)} ({kdf}: 128 * r * n bytes); peak at the idle "
        f"login window {_mib(login.peak_kib)}; bare window peak {_mib(bare.peak_kib)}; "
        f"seen from a small parent (ru_maxrss of its child): app {_mib(parent_peak)}, bare "
        f"{_mib(bare_parent_peak)}",
        sizes={"interviews": rows},
    )
