"""The bench's fast-built offices (storage/bulk.py) hold what the repositories read, and its
plain-SQL baselines (storage/baselines.py) do the work they stand for."""

from __future__ import annotations

from pathlib import Path

from interview_app.storage import baselines
from interview_app.storage.bulk import (
    BareInterview,
    created_at_rank,
    insert_bare_interviews,
    most_flagged_referral,
    password_scheme,
    replicate_exported_interviews,
)
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.maintenance import check
from interview_app.storage.office import Office
from tests import keyed_connection, keyring
from tests.offices import SUPERVISOR, OfficeBuilder


def _count(data_dir: Path, sql: str) -> int:
    conn = keyed_connection.connect(data_dir)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_bare_interviews_are_found_by_the_counters_look_ups(
    offices: OfficeBuilder, tmp_path: Path
) -> None:
    with offices.opened("demo-0", tmp_path / "office") as office:
        insert_bare_interviews(
            office.database,
            (
                BareInterview(
                    f"00000000-0000-4000-8000-{n:012d}",
                    f"PLU-B-2024-{n:07d}",
                    f"2024-01-01T00:{n:02d}:00.000000+00:00",
                    "7271015208990006" if n % 2 else f"72710152089{n:05d}",
                    f"Siti Lamato {n}",
                    f"X{n:07d}",
                    1.0,
                )
                for n in range(20)
            ),
        )
        repository = InterviewRepository(office.database, office.audit, office.clock)
        assert len(repository.repeat_applicants(nik="7271015208990006")) == 10
        assert len(repository.search("siti lam")) == 20
        key = office.database.key
        assert created_at_rank(office.data_dir, 5, key) == "2024-01-01T00:05:00.000000+00:00"
    conn = baselines.open_plain(office.data_dir, key)
    try:
        baselines.nik_rows(conn, "7271015208990006")
        baselines.search_box_rows(conn, "Siti")
        baselines.search_box_rows(conn, "727101")
    finally:
        conn.close()


def test_replicated_interviews_keep_db_check_clean_and_a_bare_copy_carries_them(
    offices: OfficeBuilder, tmp_path: Path
) -> None:
    exported = "SELECT count(*) FROM interviews WHERE status IN ('completed', 'voided')"
    with offices.opened("demo-40", tmp_path / "office") as office:
        originals = _count(office.data_dir, exported)
        copies = replicate_exported_interviews(office.database, office.audit, originals * 3)
        assert copies == 2
        assert most_flagged_referral(office.database) is not None
        key = office.database.key
    assert _count(office.data_dir, exported) == originals * 3
    report = check(office.data_dir, key=key, office_key=keyring.key_of(office.data_dir))
    assert report.ok, report.summary("en")
    scheme, n, r, p = password_scheme(office.data_dir, SUPERVISOR.username, key)
    assert scheme == "scrypt" and n > 1 and r > 0 and p > 0

    empty = tmp_path / "empty"  # a second station of the office: the same key
    Office.create(empty, "PLU", key=keyring.key_of(office.data_dir)[1]).close()
    keyring.copied(office.data_dir, empty)
    baselines.copy_package_rows(office.data_dir, empty, key)
    assert _count(empty, exported) == originals * 3
    assert _count(empty, "SELECT count(*) FROM answers") == _count(
        office.data_dir,
        "SELECT count(*) FROM answers a JOIN interviews i ON i.uuid = a.interview_uuid"
        " WHERE i.status IN ('completed', 'voided')",
    )
    baselines.integrity_check(empty, key)
    baselines.delete_interviews_before(empty, "9999", key)
    assert _count(empty, "SELECT count(*) FROM answers") == 0
