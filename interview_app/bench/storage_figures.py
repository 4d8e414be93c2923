"""Benchmark figures of the interview core: autosave, repeat-applicant lookup, name search."""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuid_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interview_app.bench.harness import (
    BenchContext,
    Figure,
    figure,
    median_seconds,
    office_key,
    open_bench_database,
    page_key,
    paired_median_seconds,
)
from interview_app.demo import create_demo_office
from interview_app.interview.engine import InterviewSession
from interview_app.interview.values import to_json
from interview_app.questionnaire.loader import load_text
from interview_app.storage.audit import AuditLog
from interview_app.storage.baselines import (
    name_prefix_rows,
    nik_rows,
    open_plain,
    search_box_rows,
    single_row_commits,
)
from interview_app.storage.bulk import BareInterview, insert_bare_interviews
from interview_app.storage.database import open_database
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.questionnaires import QuestionnaireStore

TODAY = dt.date(2026, 11, 28)
FAMILY = (
    "Lamato",
    "Lasahido",
    "Tombolotutu",
    "Pakamundi",
    "Saleh",
    "Towoko",
    "Labolo",
    "Hamzah",
    "Rusdi",
    "Bantilan",
)
GIVEN = (
    "Siti",
    "Nur",
    "Moh",
    "Arif",
    "Dewi",
    "Fadli",
    "Sri",
    "Rahmat",
    "Ayu",
    "Hendra",
    "Yusuf",
    "Irfan",
)

# Answers walked over and over in the autosave figure: section B and C of the default script,
# a mix of choices, numbers, dates and text as at a real counter.
AUTOSAVE_ANSWERS: tuple[tuple[str, Any], ...] = (
    ("purpose", "kerja"),
    ("destination", "MY"),
    ("address_abroad_known", True),
    ("stay_length_days", 365),
    ("departure_date", "2026-12-20"),
    ("return_ticket", False),
    ("route", "direct"),
    ("payer", "self"),
    ("funds_proof", True),
    ("travel_with", "alone"),
    ("job_type", "factory"),
    ("employer_name_known", True),
    ("employer_name", "Tan Industrial Sdn Bhd"),
    ("promised_salary", "9.500.000"),
    ("salary_currency", "IDR"),
    ("contract_signed", "yes_understood"),
    ("visa_type", "kerja"),
    ("disnaker_registered", True),
)


@figure("autosave_ratio")
def autosave(context: BenchContext) -> Figure:
    data_dir = context.workdir / "station"
    create_demo_office(data_dir, count=0, today=TODAY)
    repeat = context.repeat(600, 200)
    database = open_bench_database(data_dir)
    try:
        found = office_key(data_dir)
        audit = AuditLog(database, found[1])
        repository = InterviewRepository(database, audit)
        digest, source = QuestionnaireStore(database).active() or ("", "")
        questionnaire = load_text(source)
        record = repository.create_draft(
            officer_id=None,
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            questionnaire_hash=digest,
            language="id",
        )
        session = InterviewSession(questionnaire, today=TODAY, office_province="72")
        steps = iter(range(10**9))

        def answer_one() -> None:
            question_id, value = AUTOSAVE_ANSWERS[next(steps) % len(AUTOSAVE_ANSWERS)]
            result = session.answer(question_id, value, confirm_warnings=True)
            assert result.saved, (question_id, result.errors)
            identity = None
            question = questionnaire.questions[question_id]
            if question.identity:
                identity = {question.identity: session.identity_fields().get(question.identity)}
            next_question = session.next_question(question_id)
            repository.save_answer(
                record.uuid,
                question_id,
                to_json(result.value),
                current_question=next_question.id if next_question else question_id,
                identity=identity,
                score=session.score,
                hard_flag=session.hard_flag,
                suggested_outcome=session.suggestion.code,
            )

        bare_conn, bare_commit = single_row_commits(context.workdir / "bare.sqlite3")
        try:
            value, baseline = paired_median_seconds(
                answer_one, bare_commit, repeat=repeat, warmup=context.warmup(20)
            )
        finally:
            bare_conn.close()
        engine_only = median_seconds(
            lambda: session.answer("destination", "MY", confirm_warnings=True),
            repeat=repeat,
            warmup=context.warmup(3),
        )
    finally:
        database.close()
    return Figure(
        "autosave_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail=f"engine recompute alone {engine_only * 1e6:.0f} µs per answer",
        sizes={"answers": repeat},
    )


def fill_bare_interviews(
    data_dir: Path, rows: int, seed: int = 11, key: bytes | None = None
) -> tuple[list[str], list[str]]:
    """`rows` bare completed interviews written straight into the schema (for look-ups only):
    about three per person, one a minute from 2024 (`key`: the page key of an encrypted
    folder). Returns some NIKs that occur and some name prefixes."""
    rng = random.Random(seed)
    niks: list[str] = []
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    people = max(rows // 3, 1)

    def interviews() -> Iterator[BareInterview]:
        for n in range(rows):
            person = rng.randrange(people)
            nik = f"72{person % 13 + 1:02d}01{(person % 28) + 1:02d}0{person % 9 + 1}9{person % 10}{person % 9999 + 1:04d}"
            if n % 1000 == 0:
                niks.append(nik)
            when = (start + dt.timedelta(minutes=n)).isoformat(timespec="microseconds")
            name = f"{GIVEN[person % len(GIVEN)]} {FAMILY[(person // len(GIVEN)) % len(FAMILY)]} {person}"
            yield BareInterview(
                str(uuid_module.UUID(int=rng.getrandbits(128))),
                f"PLU-B-2024-{n:07d}",
                when,
                nik,
                name,
                f"X{person:07d}",
                float(person % 9),
            )

    database = open_database(data_dir, key=key)
    try:
        insert_bare_interviews(database, interviews())
    finally:
        database.close()
    return niks, [f"{g} {f}"[:5] for g in GIVEN[:3] for f in FAMILY[:2]]


LOOKUPS_FILE = "bench-lookups.txt"


def lookup_office(context: BenchContext, rows: int) -> tuple[Path, list[str], list[str]]:
    """A demo office's accounts and script with `rows` bare completed interviews (cached);
    with some NIKs that occur in it and some name prefixes."""

    def build(data_dir: Path) -> None:
        create_demo_office(data_dir, count=0, today=TODAY)
        niks, prefixes = fill_bare_interviews(data_dir, rows, key=page_key(data_dir))
        (data_dir / LOOKUPS_FILE).write_text(
            "\n".join(niks) + "\n--\n" + "\n".join(prefixes), encoding="utf-8"
        )

    data_dir = context.dataset(f"lookup-{rows}", build)
    niks_text, prefixes_text = (data_dir / LOOKUPS_FILE).read_text(encoding="utf-8").split("\n--\n")
    return data_dir, niks_text.split(), prefixes_text.splitlines()


def _lookup_database(context: BenchContext) -> tuple[Path, list[str], list[str], int]:
    rows = context.size(1_000_000, 100_000, 500)
    data_dir, niks, prefixes = lookup_office(context, rows)
    return data_dir, niks, prefixes, rows


@figure("nik_lookup_ratio")
def nik_lookup(context: BenchContext) -> Figure:
    data_dir, niks, _, rows = _lookup_database(context)
    database = open_bench_database(data_dir)
    try:
        found = office_key(data_dir)
        repository = InterviewRepository(database, AuditLog(database, found[1]))
        cycle = iter(range(10**9))

        def lookup() -> None:
            repository.repeat_applicants(nik=niks[next(cycle) % len(niks)])

        value = median_seconds(lookup, repeat=context.repeat(500, 500), warmup=context.warmup(3))
        conn = open_plain(data_dir, page_key(data_dir))
        try:
            baseline = median_seconds(
                lambda: nik_rows(conn, niks[next(cycle) % len(niks)]),
                repeat=context.repeat(500, 500),
                warmup=context.warmup(3),
            )
        finally:
            conn.close()
    finally:
        database.close()
    return Figure(
        "nik_lookup_ratio",
        value * 1e6,
        baseline * 1e6,
        "µs",
        goal=3.0,
        detail=f"{rows:,} interviews stored; baseline: indexed point look-up of the same columns",
        sizes={"interviews": rows},
    )


@figure("name_search_ratio")
def name_search(context: BenchContext) -> Figure:
    data_dir, _, prefixes, rows = _lookup_database(context)
    database = open_bench_database(data_dir)
    try:
        found = office_key(data_dir)
        repository = InterviewRepository(database, AuditLog(database, found[1]))
        cycle = iter(range(10**9))

        def search() -> None:
            repository.search(prefixes[next(cycle) % len(prefixes)], limit=50)

        value = median_seconds(search, repeat=context.repeat(300, 300), warmup=context.warmup(3))
        conn = open_plain(data_dir, page_key(data_dir))
        try:
            baseline = median_seconds(
                lambda: name_prefix_rows(conn, prefixes[next(cycle) % len(prefixes)]),
                repeat=context.repeat(300, 300),
                warmup=context.warmup(3),
            )
        finally:
            conn.close()
    finally:
        database.close()
    return Figure(
        "name_search_ratio",
        value * 1e6,
        baseline * 1e6,
        "µs",
        goal=3.0,
        detail=f"{rows:,} interviews stored; 50 results; baseline: NOCASE index range scan of the same columns",
        sizes={"interviews": rows},
    )


def _keystrokes(prefix: str, nik: str) -> list[str]:
    """What the home search box holds after each keystroke of an officer typing a name, then
    (after clearing the box) a NIK."""
    return [prefix[:n] for n in range(1, len(prefix) + 1)] + [
        nik[:n] for n in range(1, len(nik) + 1)
    ]


@figure("home_search_ratio")
def home_search(context: BenchContext) -> Figure:
    """The home screen's search box: one look-up per keystroke (the window searches as the
    officer types), through the signed-in counter session, typing a name and then a NIK."""
    from interview_app.demo import DEMO_ACCOUNTS
    from interview_app.workflow.counter import CounterSession

    rows = context.size(1_000_000, 100_000, 500)
    data_dir, niks, _ = lookup_office(context, rows)
    typed = [
        text for name in ("Siti Lamato", "Moh Lasahido") for text in _keystrokes(name, niks[0])
    ]
    counter = CounterSession.open(data_dir)
    try:
        officer = next(a for a in DEMO_ACCOUNTS if a.role == "officer")
        counter.login(officer.username, officer.password)
        cycle = iter(range(10**9))
        conn = open_plain(data_dir, page_key(data_dir))
        try:
            value, baseline = paired_median_seconds(
                lambda: counter.search(typed[next(cycle) % len(typed)]),
                lambda: search_box_rows(conn, typed[next(cycle) % len(typed)]),
                repeat=context.repeat(400, 200),
                warmup=context.warmup(len(typed)),
            )
        finally:
            conn.close()
    finally:
        counter.close()
    return Figure(
        "home_search_ratio",
        value * 1e6,
        baseline * 1e6,
        "µs",
        goal=3.0,
        detail=f"{rows:,} interviews stored; median per keystroke over {len(typed)} keystrokes "
        "(names letter by letter, a NIK digit by digit; up to 50 results); baseline: the same "
        "range or point look-up of the result columns in plain SQL",
        sizes={"interviews": rows},
    )
