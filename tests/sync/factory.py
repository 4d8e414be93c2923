"""Test stations of one office and realistic interviews written through the repository."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database
from interview_app.storage.interviews import FlagRecord, InterviewRepository
from interview_app.storage.maintenance import DbCheckReport, check
from interview_app.storage.office import Office
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.settings import SettingsStore
from interview_app.sync.keyfile import key_fingerprint
from tests import keyed_connection, keyring

OFFICE = "PLU"
OFFICE_NAME = "Kantor Imigrasi Palu"
START = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
NAMES = (
    "Siti Nurhaliza",
    "Moh. Rizal",
    "Dewi Lestari",
    "Arif Lamato",
    'Nur\'aini "Ani"',
    "Ni Komang Ayu",
    "Gede Putu",
    "Yusuf Hamzah",
)
# The account a command signs in as on a station (made on first use by `sign_in`); one of
# tests/keyring.py's known accounts.
STATION_OFFICER = ("petugas1", "loket satu palu")


@dataclass
class Station:
    data_dir: Path
    database: Database
    key: bytes
    clock: FixedClock

    @property
    def audit(self) -> AuditLog:
        return AuditLog(self.database, self.key, self.clock)

    @property
    def repository(self) -> InterviewRepository:
        return InterviewRepository(self.database, self.audit, self.clock)

    @property
    def workstation_id(self) -> str:
        return str(SettingsStore(self.database).get("workstation_id"))

    @property
    def officers(self) -> OfficerRepository:
        """The station's accounts; each password also writes the account's key slot, as the
        app's do, so that the account can sign in to the encrypted folder."""
        slots = Office.of(self.database).account_slots
        return OfficerRepository(self.database, self.audit, self.clock, slots=slots)

    def check(self, expected_head: tuple[int, str] | None = None) -> DbCheckReport:
        """`db check` of the station's database as its signed-in session runs it (with the
        office key for the audit chain)."""
        return check(
            self.data_dir,
            expected_head=expected_head,
            key=self.database.key,
            office_key=keyring.key_of(self.data_dir),
        )

    def sign_in(self, folder: Path) -> list[str]:
        """`--as` and `--password-file` (a file in `folder`, never in the data folder) of the
        station's officer, whose account is made on first use."""
        username, password = STATION_OFFICER
        if self.officers.find(username) is None:
            self.officers.create(username, "Siti Nurhaliza", None, "officer", password)
        secret = Path(folder) / f"{username}.pw"
        secret.write_text(password, encoding="utf-8")
        return ["--as", username, "--password-file", str(secret)]


def make_station(
    data_dir: Path,
    name: str,
    *,
    office: str = OFFICE,
    key: bytes | None = None,
    code: str | None = None,
) -> Station:
    """A workstation of `office`, its database encrypted under `key` (new when None)."""
    opened = Office.create(data_dir, office, key=key)
    key = opened.office_key
    keyring.remember(data_dir, office, key)
    database = opened.database
    settings = SettingsStore(database)
    settings.set("office_code", office)
    settings.set("office_name", OFFICE_NAME)
    settings.set("workstation_name", name)
    settings.set("workstation_code", code or name.replace(" ", "").upper())
    return Station(data_dir, database, key, FixedClock(START))


def open_station(data_dir: Path) -> Station:
    """A station that `make_station` made (or a copy of one), opened on the start clock."""
    opened = keyring.open_office(data_dir)
    return Station(data_dir, opened.database, opened.office_key, FixedClock(START))


@contextmanager
def opened_pair(folder: Path) -> Iterator[tuple[Station, Station]]:
    """The two stations of a `make_station_pair` folder (or a copy of one), open for the
    length of the `with` block."""
    a, b = open_station(folder / "a"), open_station(folder / "b")
    try:
        yield a, b
    finally:
        a.database.close()
        b.database.close()


def make_station_pair(folder: Path) -> None:
    """Two workstations of one office (one key), closed: `folder/a` (Loket 1) and `folder/b`
    (Loket 2)."""
    a = make_station(folder / "a", "Loket 1")
    b = make_station(folder / "b", "Loket 2", key=a.key)
    a.database.close()
    b.database.close()


def make_big_station_pair(folder: Path) -> None:
    """A station pair whose station A holds about 11,000 interviews (an export takes a while)."""
    make_station_pair(folder)
    with opened_pair(folder) as (a, _):
        add_interviews(a, 40)
        multiply_interviews(a, 300)


def add_interviews(station: Station, count: int, *, seed: int = 1) -> list[str]:
    """`count` interviews: mostly completed, some corrected (revisions), a few voided and a
    few left as drafts (drafts are not exported)."""
    rng = random.Random(seed)
    repo = station.repository
    uuids = []
    with station.database.transaction():
        for index in range(count):
            station.clock.advance(minutes=rng.randint(3, 30))
            uuids.append(_one(repo, rng, index))
    return uuids


def _one(repo: InterviewRepository, rng: random.Random, index: int) -> str:
    record = repo.create_draft(
        officer_id=1 + index % 3,
        questionnaire_id="tppo",
        questionnaire_version=1,
        questionnaire_hash="a" * 64,
        language=rng.choice(["id", "en"]),
    )
    answers: dict[str, Any] = {
        "purpose": rng.choice(["kerja", "wisata", "umrah_haji"]),
        "destination": rng.choice(["MY", "SA", "KH", "JP"]),
        "stay_length_days": rng.randint(3, 900),
        "promised_salary": rng.random() * 1e7,
        "return_ticket": rng.random() < 0.5,
        "departure_date": f"2025-0{rng.randint(4, 9)}-1{rng.randint(0, 9)}",
        "notes_text": rng.choice(["", 'kata "majikan" — ✓', "tab\there\nnewline", "ümlaut ñ"]),
        "companions": rng.sample(["family", "friends", "agent", "none"], rng.randint(0, 3)),
    }
    identity = {
        "nik": f"72{rng.randint(10**13, 10**14 - 1)}",
        "full_name": rng.choice(NAMES),
        "passport_no": f"C{rng.randint(1000000, 9999999)}",
        "birth_date": f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "phone": f"+62812{rng.randint(1000000, 9999999)}",
    }
    items = list(answers.items())
    for position, (question, value) in enumerate(items):
        last = position == len(items) - 1
        repo.save_answer(
            record.uuid,
            question,
            value,
            current_question=question,
            identity=identity if last else None,
            score=rng.random() * 10 if last else None,
            hard_flag=rng.random() < 0.1 if last else None,
            suggested_outcome="TERBIT" if last else None,
        )
    if index % 23 == 22:
        return record.uuid  # a draft
    flags = [
        FlagRecord(f"rule_{n}", rng.random() * 3, rng.random() < 0.2, f"alasan {n}", f"reason {n}")
        for n in range(rng.randint(0, 4))
    ]
    repo.complete(
        record.uuid,
        chosen_outcome="TERBIT",
        override_reason=None,
        flags=flags,
        score=rng.random() * 10,
        hard_flag=False,
        suggested_outcome="TERBIT",
        consent_bp3mi=rng.random() < 0.3,
        officer_id=1,
    )
    if index % 7 == 3:
        repo.correct(
            record.uuid,
            reason="Salah ketik nama",
            officer_id=2,
            answers={**answers, "purpose": "wisata"},
            flags=flags[:1],
            score=1.5,
            hard_flag=False,
            suggested_outcome="TERBIT",
            chosen_outcome="TERBIT",
            override_reason=None,
            identity={"full_name": "Nama Dikoreksi"},
        )
    if index % 17 == 5:
        repo.void(record.uuid, "Pemohon mundur", officer_id=1)
    return record.uuid


def raw_connection(data_dir: Path) -> Any:
    """A connection of its own to the station's encrypted database (its key from the tests'
    keyring), as a SQLite tool with the key would open it: no checks, no migrations."""
    return keyed_connection.connect(data_dir)


def files_of(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) and a digest of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def content_digest(data_dir: Path, exclude: tuple[str, ...] = ()) -> str:
    """SHA-256 over every row of every table but `exclude` (sorted), read through a fresh
    connection."""
    conn = raw_connection(data_dir)
    try:
        digest = hashlib.sha256()
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            if table in exclude:
                continue
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            if not rows:
                continue  # an empty table created on first use holds no content
            digest.update(table.encode())
            for row in sorted(json.dumps(list(r), default=repr) for r in rows):
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        conn.close()


def later(station: Station, **delta: float) -> None:
    station.clock.advance(timedelta(**delta))


def multiply_interviews(station: Station, times: int) -> None:
    """Copies of the completed interviews under new uuids and reference numbers, written with
    plain SQL: a big database in a second (content hashes are copied, not recomputed)."""
    conn = station.database.conn
    cursor = conn.execute("SELECT * FROM interviews WHERE status = 'completed'")
    names = [c[0] for c in cursor.description]
    originals = cursor.fetchall()
    answers = {
        uuid: conn.execute(
            "SELECT question_id, value, answered_at FROM answers WHERE interview_uuid = ?",
            (uuid,),
        ).fetchall()
        for uuid in (row[0] for row in originals)
    }
    columns = ", ".join(names)
    marks = ", ".join("?" for _ in names)
    with station.database.transaction():
        for n in range(times):
            for row in originals:
                values = dict(zip(names, row, strict=True))
                old = values["uuid"]
                values["uuid"] = f"{old[:-6]}{n:06d}"
                values["ref_no"] = f"{values['ref_no']}X{n}"
                conn.execute(
                    f"INSERT INTO interviews ({columns}) VALUES ({marks})", list(values.values())
                )
                conn.executemany(
                    "INSERT INTO answers (interview_uuid, question_id, value, answered_at)"
                    " VALUES (?, ?, ?, ?)",
                    [(values["uuid"], *a) for a in answers[old]],
                )


def clear_key_file(path: Path, office_code: str, office_name: str, key: bytes) -> Path:
    """A key file as the old release wrote it: version 1, the key in clear."""
    content = {
        "format": "asisten-wawancara-office-key",
        "version": 1,
        "office_code": office_code,
        "office_name": office_name,
        "key": key.hex(),
        "fingerprint": key_fingerprint(key),
        "created": "2026-11-02T08:00:00Z",
    }
    path.write_text(json.dumps(content), encoding="utf-8")
    return path
