"""The autosave path costs about what a bare audited commit costs: one row and a log record,
committed. Since issue 15 every save also records its rows' keyed hashes in the audit chain in
the same transaction (about 70 us of CPU and one more page in the WAL): measured here 1.2-1.7x
that bare commit, so the goal is 2x (it was 1.5x a single-row commit before the chain covered
the data). `interview-app bench` keeps the figure against a single-row commit."""

from __future__ import annotations

import statistics
import time

import pytest

from interview_app.storage.database import Database, connect
from interview_app.storage.interviews import InterviewRepository

from .conftest import new_draft

SAVES = 200
GOAL = 2.0


def _ratio(database: Database, interviews: InterviewRepository) -> tuple[float, float, float]:
    record = new_draft(interviews)
    # The bare commits go through a connection of their own: the app's connection records
    # every change it makes in the audit chain, and a bare commit is what it is compared with.
    conn = connect(database.path)
    bare: list[float] = []
    autosave: list[float] = []
    for n in range(SAVES):  # interleaved, so both see the same disk weather
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench (value) VALUES (?)", ("x",))
        conn.execute("INSERT INTO bench_log (value) VALUES (?)", ("y" * 200,))
        conn.execute("COMMIT")
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        interviews.save_answer(
            record.uuid,
            f"q{n % 40}",
            {"n": n},
            current_question=f"q{n}",
            identity={"full_name": f"Nama {n}"} if n % 5 == 0 else None,
            score=float(n),
        )
        autosave.append(time.perf_counter() - started)
    conn.close()
    p50_bare, p50_save = statistics.median(bare), statistics.median(autosave)
    return p50_save / p50_bare, p50_bare, p50_save


@pytest.mark.slow
def test_autosave_close_to_a_bare_commit(
    database: Database, interviews: InterviewRepository
) -> None:
    bench = connect(database.path)
    bench.execute("CREATE TABLE bench (id INTEGER PRIMARY KEY, value TEXT)")
    bench.execute("CREATE TABLE bench_log (id INTEGER PRIMARY KEY, value TEXT)")
    bench.close()
    # Best of three runs: a shared test machine has noisy neighbours; the code path does not.
    results = [_ratio(database, interviews) for _ in range(3)]
    ratio, bare, save = min(results)
    print(
        f"autosave p50 {save * 1e6:.0f} us, bare commit p50 {bare * 1e6:.0f} us, ratio {ratio:.2f}"
    )
    assert ratio <= GOAL, results
