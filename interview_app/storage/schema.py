"""The database schema as an ordered list of sqlite-utils migrations; version = steps applied."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # sqlite-utils is imported when migrations are built (Schema.migrations), not when the
    # schema is declared: opening an up-to-date database never loads it (start-up time).
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "interview_app"
# The table sqlite-utils' Migrations records applied steps in (Migrations.migrations_table; a
# test keeps the two equal): the start-up check reads it with plain SQL.
MIGRATIONS_TABLE = "_sqlite_migrations"

StepFunction = Callable[["sqlite_utils.Database"], None]


class Schema:
    """Migration steps in order. Step n also sets PRAGMA user_version = n in its transaction,
    so the file says which schema it holds even to a reader that knows nothing of
    sqlite-utils."""

    def __init__(self, name: str = MIGRATION_SET, steps: Sequence[tuple[str, StepFunction]] = ()):
        self.name = name
        self.steps: list[tuple[str, StepFunction]] = list(steps)

    def step(self, fn: StepFunction) -> StepFunction:
        self.steps.append((fn.__name__, fn))
        return fn

    @property
    def version(self) -> int:
        return len(self.steps)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.steps]

    def with_step(self, fn: StepFunction, name: str | None = None) -> Schema:
        """A copy with one more step (tests use this to play a future upgrade)."""
        return Schema(self.name, [*self.steps, (name or fn.__name__, fn)])

    def migrations(self) -> Migrations:
        from sqlite_utils.migrations import Migrations

        migrations = Migrations(self.name)
        for number, (name, fn) in enumerate(self.steps, start=1):
            migrations(name=name)(_versioned(fn, number))
        return migrations


def _versioned(fn: StepFunction, number: int) -> StepFunction:
    def run(db: sqlite_utils.Database) -> None:
        fn(db)
        db.conn.execute(f"PRAGMA user_version = {int(number)}")

    run.__name__ = fn.__name__
    return run


def _run(db: sqlite_utils.Database, statements: Sequence[str]) -> None:
    for statement in statements:
        db.conn.execute(statement)


SCHEMA = Schema()

# JSON columns (settings.value, answers.value, interview_revisions.snapshot, audit_log.details)
# carry no json_valid() CHECK: with trusted_schema=OFF, SQLite 3.40 refuses non-innocuous
# functions in the schema. The code writes them through json.dumps only.

_IDENTITY_COLUMNS_SQL = """
    nik TEXT,
    kk TEXT,
    passport_no TEXT COLLATE NOCASE,
    passport_application_no TEXT,
    full_name TEXT,
    birth_date TEXT,
    birth_place TEXT,
    sex TEXT,
    home_regency TEXT,
    phone TEXT,
    address TEXT,
    emergency_contact TEXT,"""


@SCHEMA.step
def m001_initial(db: sqlite_utils.Database) -> None:
    _run(
        db,
        [
            """CREATE TABLE settings (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) STRICT""",
            """CREATE TABLE questionnaires (
                hash TEXT PRIMARY KEY NOT NULL CHECK (length(hash) = 64),
                id TEXT NOT NULL,
                version INTEGER NOT NULL,
                source TEXT NOT NULL,
                installed_at TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
                UNIQUE (id, version)
            ) STRICT""",
            "CREATE UNIQUE INDEX questionnaires_one_active ON questionnaires(active) "
            "WHERE active = 1",
            f"""CREATE TABLE interviews (
                uuid TEXT PRIMARY KEY NOT NULL,
                ref_no TEXT NOT NULL UNIQUE,
                office_code TEXT NOT NULL,
                workstation_id TEXT NOT NULL,
                questionnaire_id TEXT NOT NULL,
                questionnaire_version INTEGER NOT NULL,
                questionnaire_hash TEXT NOT NULL,
                officer_id INTEGER,
                status TEXT NOT NULL CHECK (status IN ('draft', 'completed', 'voided')),
                revision INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                completed_at TEXT,
                language TEXT NOT NULL,
                current_question TEXT,{_IDENTITY_COLUMNS_SQL}
                score REAL,
                hard_flag INTEGER CHECK (hard_flag IN (0, 1)),
                suggested_outcome TEXT,
                chosen_outcome TEXT,
                override_reason TEXT,
                notes TEXT,
                consent_bp3mi INTEGER CHECK (consent_bp3mi IN (0, 1)),
                content_hash TEXT,
                voided_at TEXT,
                void_reason TEXT
            ) STRICT""",
            "CREATE INDEX interviews_nik ON interviews(nik)",
            "CREATE INDEX interviews_passport_no ON interviews(passport_no)",
            "CREATE INDEX interviews_full_name ON interviews(full_name COLLATE NOCASE)",
            "CREATE INDEX interviews_created_at ON interviews(created_at)",
            "CREATE INDEX interviews_status ON interviews(status)",
            "CREATE INDEX interviews_workstation_created ON interviews(workstation_id, created_at)",
            """CREATE TABLE answers (
                interview_uuid TEXT NOT NULL REFERENCES interviews(uuid) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                value TEXT NOT NULL,
                answered_at TEXT NOT NULL,
                PRIMARY KEY (interview_uuid, question_id)
            ) STRICT, WITHOUT ROWID""",
            """CREATE TABLE flags (
                interview_uuid TEXT NOT NULL REFERENCES interviews(uuid) ON DELETE CASCADE,
                rule_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                weight REAL NOT NULL,
                hard INTEGER NOT NULL CHECK (hard IN (0, 1)),
                reason_id TEXT NOT NULL,
                reason_en TEXT NOT NULL,
                PRIMARY KEY (interview_uuid, rule_id)
            ) STRICT, WITHOUT ROWID""",
            """CREATE TABLE interview_revisions (
                interview_uuid TEXT NOT NULL REFERENCES interviews(uuid) ON DELETE CASCADE,
                revision INTEGER NOT NULL,
                snapshot TEXT NOT NULL,
                reason TEXT NOT NULL,
                revised_by INTEGER,
                revised_at TEXT NOT NULL,
                PRIMARY KEY (interview_uuid, revision)
            ) STRICT""",
            """CREATE TABLE officers (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                full_name TEXT NOT NULL,
                nip TEXT,
                role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor')),
                password_hash TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                must_change_password INTEGER NOT NULL DEFAULT 0
                    CHECK (must_change_password IN (0, 1)),
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                created_at TEXT NOT NULL
            ) STRICT""",
            """CREATE TABLE ref_counters (
                office_code TEXT NOT NULL,
                year INTEGER NOT NULL,
                last INTEGER NOT NULL,
                PRIMARY KEY (office_code, year)
            ) STRICT, WITHOUT ROWID""",
            """CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                object_type TEXT,
                object_id TEXT,
                details TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            ) STRICT""",
            """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'audit_log is append-only');
            END""",
            """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'audit_log is append-only');
            END""",
        ],
    )


# Supervisors' review marks. `uuid` names a mark on every workstation it reaches (marks travel
# in sync packages); `workstation_id` is where it was made: `by_officer` is an officer id
# numbered there. Marks are never changed once written.
REVIEWS_TABLE_SQL = """CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    interview_uuid TEXT NOT NULL REFERENCES interviews(uuid) ON DELETE CASCADE,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    action TEXT NOT NULL CHECK (action IN ('reviewed', 'returned')),
    comment TEXT,
    workstation_id TEXT NOT NULL,
    by_officer INTEGER NOT NULL,
    at TEXT NOT NULL
) STRICT"""
REVIEWS_INDEX_SQL = "CREATE INDEX reviews_interview ON reviews(interview_uuid, revision, at)"


@SCHEMA.step
def m002_reviews(db: sqlite_utils.Database) -> None:
    """The reviews table joins the schema. Before, the supervisor tools created it at first
    use without `uuid` and `workstation_id`: such a table is rebuilt with its rows kept, each
    given a new uuid and this workstation as the place it was made."""
    import uuid

    conn = db.conn
    lazy = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reviews'"
    ).fetchone()
    if lazy is None:
        _run(db, [REVIEWS_TABLE_SQL, REVIEWS_INDEX_SQL])
        return
    conn.execute("ALTER TABLE reviews RENAME TO reviews_before_m002")
    conn.execute(REVIEWS_TABLE_SQL)
    row = conn.execute("SELECT value FROM settings WHERE key = 'workstation_id'").fetchone()
    if row is None:  # the opening code would add it right after; the rows need it now
        workstation = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('workstation_id', ?)",
            (json.dumps(workstation),),
        )
    else:
        workstation = str(json.loads(row[0]))
    old = conn.execute(
        "SELECT id, interview_uuid, revision, action, comment, by_officer, at"
        " FROM reviews_before_m002 ORDER BY id"
    ).fetchall()
    conn.executemany(
        "INSERT INTO reviews (id, uuid, interview_uuid, revision, action, comment,"
        " workstation_id, by_officer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (id_, str(uuid.uuid4()), interview, revision, action, comment, workstation, by, at)
            for id_, interview, revision, action, comment, by, at in old
        ],
    )
    _run(db, ["DROP TABLE reviews_before_m002", REVIEWS_INDEX_SQL])


# The recruiter's look-up keys (interview/recruiters.py writes them): the counter finds the
# office's other interviews that name the same recruiter through these two indexes. Partial
# indexes: most interviews name no recruiter, and `key = ?` implies `key IS NOT NULL`.
RECRUITER_KEY_INDEXES_SQL = (
    "CREATE INDEX interviews_recruiter_phone ON interviews(recruiter_phone_key)"
    " WHERE recruiter_phone_key IS NOT NULL",
    "CREATE INDEX interviews_recruiter_name ON interviews(recruiter_name_key)"
    " WHERE recruiter_name_key IS NOT NULL",
)
# Every script shipped before the keys existed held the recruiter in these two answers.
_RECRUITER_ANSWERS_BEFORE_M003 = {"recruiter_phone": "phone", "recruiter_name": "name"}


@SCHEMA.step
def m003_recruiter_keys(db: sqlite_utils.Database) -> None:
    """The recruiter look-up keys join the interviews, filled in from the answers already kept."""
    conn = db.conn
    _run(
        db,
        [
            "ALTER TABLE interviews ADD COLUMN recruiter_phone_key TEXT",
            "ALTER TABLE interviews ADD COLUMN recruiter_name_key TEXT",
            *RECRUITER_KEY_INDEXES_SQL,
        ],
    )
    rows = conn.execute(
        "SELECT interview_uuid, question_id, value FROM answers WHERE question_id IN (?, ?)",
        tuple(_RECRUITER_ANSWERS_BEFORE_M003),
    ).fetchall()
    if not rows:  # a new database (or no recruiter ever named): nothing to import or fill in
        return
    from interview_app.interview.recruiters import name_key, phone_key

    for uuid, question_id, value in rows:
        try:
            text = json.loads(value)
        except ValueError:
            continue
        if not isinstance(text, str):
            continue
        if _RECRUITER_ANSWERS_BEFORE_M003[question_id] == "phone":
            conn.execute(
                "UPDATE interviews SET recruiter_phone_key = ? WHERE uuid = ?",
                (phone_key(text), uuid),
            )
        else:
            conn.execute(
                "UPDATE interviews SET recruiter_name_key = ? WHERE uuid = ?",
                (name_key(text), uuid),
            )


@SCHEMA.step
def m004_suspected_purpose(db: sqlite_utils.Database) -> None:
    """The suspected purpose the officer confirmed or chose at review, kept with the decision
    (the id of one of the script's suspected purposes, or 'as_stated'); empty for interviews
    decided before the script declared suspected purposes."""
    _run(db, ["ALTER TABLE interviews ADD COLUMN suspected_purpose TEXT"])


REFERRAL_STEPS_TABLE_SQL = """CREATE TABLE referral_steps (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    interview_uuid TEXT NOT NULL REFERENCES interviews(uuid) ON DELETE CASCADE,
    step TEXT NOT NULL CHECK (step IN ('receipt', 'came_back', 'continued', 'refused')),
    on_date TEXT NOT NULL,
    counselling INTEGER NOT NULL DEFAULT 0,
    siskop2mi_checked INTEGER NOT NULL DEFAULT 0,
    complaint_no TEXT,
    workstation_id TEXT NOT NULL,
    by_officer INTEGER,
    at TEXT NOT NULL,
    UNIQUE (interview_uuid, step)
) STRICT"""


@SCHEMA.step
def m005_referral_steps(db: sqlite_utils.Database) -> None:
    """What happened after a referral to BP3MI: the receipt came back (with what BP3MI did),
    the applicant came back to the counter, the passport was continued or refused. A referral
    itself is a completed interview whose outcome refers to BP3MI; each later step is a row."""
    _run(
        db,
        [
            REFERRAL_STEPS_TABLE_SQL,
            "CREATE INDEX referral_steps_interview ON referral_steps(interview_uuid, at)",
        ],
    )


# The sync package's tables. Before m006 the sync code created them at its first write (CREATE
# TABLE IF NOT EXISTS, in these shapes: tables were only ever added, never altered), so a
# database made before may hold all, some or none of them, with rows. IF NOT EXISTS keeps those
# there as they are.
SYNC_TABLES_SQL = (
    # Every successful export and import (refused packages change nothing, so are not here).
    """CREATE TABLE IF NOT EXISTS sync_history (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('export', 'import')),
        package_id TEXT NOT NULL,
        office_code TEXT NOT NULL,
        source_workstation TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        file_name TEXT NOT NULL,
        destination TEXT,
        full INTEGER NOT NULL DEFAULT 0,
        counts TEXT NOT NULL,
        UNIQUE (kind, package_id)
    ) STRICT""",
    # Per export destination, what went there last (uuid -> content hash sent).
    """CREATE TABLE IF NOT EXISTS sync_sent (
        destination TEXT NOT NULL,
        uuid TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        PRIMARY KEY (destination, uuid)
    ) STRICT, WITHOUT ROWID""",
    # Per export destination, the review marks sent there (marks never change once made).
    """CREATE TABLE IF NOT EXISTS sync_sent_reviews (
        destination TEXT NOT NULL,
        review_uuid TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        PRIMARY KEY (destination, review_uuid)
    ) STRICT, WITHOUT ROWID""",
    # Per export destination, the referral follow-up steps sent there (steps never change).
    """CREATE TABLE IF NOT EXISTS sync_sent_referrals (
        destination TEXT NOT NULL,
        step_uuid TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        PRIMARY KEY (destination, step_uuid)
    ) STRICT, WITHOUT ROWID""",
    # Same uuid and revision with other content, an owner mismatch, a reference number taken:
    # both versions kept for a supervisor; nothing overwritten.
    """CREATE TABLE IF NOT EXISTS sync_conflicts (
        id INTEGER PRIMARY KEY,
        detected_at TEXT NOT NULL,
        package_id TEXT NOT NULL,
        source_workstation TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        kind TEXT NOT NULL,
        local_uuid TEXT,
        local_revision INTEGER,
        local_content_hash TEXT,
        incoming_revision INTEGER NOT NULL,
        incoming_content_hash TEXT NOT NULL,
        local_version TEXT,
        incoming_version TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        UNIQUE (interview_uuid, kind, incoming_revision, incoming_content_hash)
    ) STRICT""",
    # A supervisor's settlement of a conflict: which version is kept (its content hash and the
    # whole version), which is dropped, and why. Made once, never changed; travels in packages
    # (C lines) so that every workstation keeps the same version. `subject_uuid` names the
    # interview or review mark the two versions are of.
    """CREATE TABLE IF NOT EXISTS sync_resolutions (
        uuid TEXT PRIMARY KEY,
        interview_uuid TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject_uuid TEXT NOT NULL,
        revision INTEGER NOT NULL,
        keep TEXT NOT NULL CHECK (keep IN ('local', 'incoming')),
        kept_hash TEXT NOT NULL,
        dropped_hash TEXT NOT NULL,
        kept_version TEXT NOT NULL,
        reason TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        by_officer INTEGER NOT NULL,
        at TEXT NOT NULL
    ) STRICT""",
    # Per export destination, the resolutions sent there.
    """CREATE TABLE IF NOT EXISTS sync_sent_resolutions (
        destination TEXT NOT NULL,
        resolution_uuid TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        PRIMARY KEY (destination, resolution_uuid)
    ) STRICT, WITHOUT ROWID""",
    # The source's audit chain head as carried by each package: an outside anchor.
    """CREATE TABLE IF NOT EXISTS sync_anchors (
        source_workstation TEXT NOT NULL,
        audit_seq INTEGER NOT NULL,
        audit_hash TEXT NOT NULL,
        package_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (source_workstation, audit_seq)
    ) STRICT""",
    # Who the officer ids of other workstations' interviews are (names only, never passwords).
    """CREATE TABLE IF NOT EXISTS sync_officers (
        workstation_id TEXT NOT NULL,
        officer_id INTEGER NOT NULL,
        username TEXT NOT NULL,
        full_name TEXT NOT NULL,
        nip TEXT,
        role TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (workstation_id, officer_id)
    ) STRICT""",
    # Audit entries of other workstations about the interviews they sent (their own chain).
    """CREATE TABLE IF NOT EXISTS sync_foreign_audit (
        source_workstation TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        object_type TEXT,
        object_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (source_workstation, seq)
    ) STRICT""",
    # Every export number handed out, committed before the package is written: a number is
    # never given twice, even when an export is killed after its rename or two run at once.
    """CREATE TABLE IF NOT EXISTS sync_export_numbers (
        sequence INTEGER PRIMARY KEY,
        reserved_at TEXT NOT NULL
    ) STRICT""",
    "CREATE INDEX IF NOT EXISTS sync_foreign_audit_object"
    " ON sync_foreign_audit(object_type, object_id)",
    "CREATE INDEX IF NOT EXISTS sync_conflicts_open ON sync_conflicts(resolved_at)",
    "CREATE INDEX IF NOT EXISTS sync_resolutions_subject ON sync_resolutions(subject_uuid)",
)


@SCHEMA.step
def m006_sync_tables(db: sqlite_utils.Database) -> None:
    """The sync tables join the schema: made where missing, kept with their rows where the
    sync code of an earlier release had made them already."""
    _run(db, SYNC_TABLES_SQL)


# The slip ledger (storage/slips.py): numbers never reused, payloads and print counts. The
# release before m007 made these two tables at the first slip printed, with this same SQL; such
# a database keeps them as they are, rows and all.
SLIP_LEDGER_SQL = (
    """CREATE TABLE IF NOT EXISTS slip_counters (
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (prefix, year)
    ) STRICT, WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS slips (
        slip_no TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        revision INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        outcome TEXT NOT NULL,
        payload TEXT NOT NULL,
        prints INTEGER NOT NULL DEFAULT 0,
        last_printed_at TEXT,
        UNIQUE (interview_uuid, revision, kind)
    ) STRICT""",
    "CREATE INDEX IF NOT EXISTS slips_interview ON slips(interview_uuid)",
)

# What the officer typed but did not save yet (storage/unsaved_input.py), one row per interview
# and kind: 'typing', the text of one field that is not a valid answer yet, as JSON
# [question_id, text]; 'correction', a completed interview's correction not saved as a revision,
# as JSON {"answers": {...}, "notes": ...}. The rows go with their interview (retention).
UNSAVED_INPUT_TABLE_SQL = """CREATE TABLE unsaved_input (
    interview_uuid TEXT NOT NULL REFERENCES interviews(uuid) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('typing', 'correction')),
    value TEXT NOT NULL,
    PRIMARY KEY (interview_uuid, kind)
) STRICT, WITHOUT ROWID"""
# Where the release before m007 kept the same values: the settings table, key '<kind>:<uuid>'.
_UNSAVED_INPUT_SETTING_PREFIXES = {"typing": "typing:", "correction": "correction:"}


@SCHEMA.step
def m007_slip_ledger_and_unsaved_input(db: sqlite_utils.Database) -> None:
    """The slip ledger joins the schema (kept as it is where the first print made it), and the
    officer's unsaved input moves out of the settings table into a table of its own. A value
    whose interview is gone (purged while the value stayed behind in the settings) is dropped:
    retention had already removed everything else of that person."""
    conn = db.conn
    _run(db, [*SLIP_LEDGER_SQL, UNSAVED_INPUT_TABLE_SQL])
    for kind, prefix in _UNSAVED_INPUT_SETTING_PREFIXES.items():
        pattern = prefix + "*"
        conn.execute(
            "INSERT INTO unsaved_input (interview_uuid, kind, value)"
            " SELECT substr(s.key, ?), ?, s.value FROM settings AS s"
            " JOIN interviews AS i ON i.uuid = substr(s.key, ?)"
            " WHERE s.key GLOB ?",
            (len(prefix) + 1, kind, len(prefix) + 1, pattern),
        )
        conn.execute("DELETE FROM settings WHERE key GLOB ?", (pattern,))
