"""Closing the case: a referral found by letter number, NIK, reference or QR text; its steps
recorded in order and audit-logged; overdue ones listed; the recap's funnel by month equals
direct SQL counts on a 1,000-interview demo office."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.errors import KnownError
from interview_app.slip.followup import FollowUp
from interview_app.slip.render import render_slip
from interview_app.storage.referrals import (
    CAME_BACK,
    CONTINUED,
    RECEIPT,
    REFERRED,
    REFUSED,
    Receipt,
)
from tests import keyed_connection, keyring
from tests.offices import OfficeBuilder
from tests.slip.conftest import REFERRAL_ANSWERS, TOURIST_ANSWERS, Office


def _audit_actions(office: Office) -> list[str]:
    return [
        row[0]
        for row in office.database.conn.execute(
            "SELECT action FROM audit_log WHERE action LIKE 'referral.%' ORDER BY seq"
        )
    ]


def test_a_referral_goes_from_referred_to_closed_in_order(office: Office, tmp_path: Path) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    slip = render_slip(office.database, record.ref_no, tmp_path / "s.pdf", clock=office.clock)
    follow = FollowUp.open(office.database, office.data_dir, office.clock)
    for text in (
        slip.slip_no,
        slip.slip_no.lower(),
        "7271015208990006",
        record.ref_no,
        slip.payload,
    ):
        found = follow.find(text)
        assert [r.interview_uuid for r in found] == [record.uuid], text
    referral = found[0]
    assert referral.status == REFERRED and referral.letter_no == slip.slip_no
    assert referral.deadline(follow.days) == dt.date(2025, 1, 20)

    with pytest.raises(KnownError, match="Urutannya"):
        follow.record(slip.slip_no, CAME_BACK, actor="petugas1")
    office.clock.advance(days=5)
    done = follow.record(
        slip.payload,
        RECEIPT,
        receipt=Receipt(counselling=True, siskop2mi_checked=True, complaint_no="ADU-77/2025"),
        actor="petugas1",
    )
    assert done.status == RECEIPT and done.receipt is not None
    assert done.receipt.complaint_no == "ADU-77/2025" and done.receipt.counselling
    with pytest.raises(KnownError, match="sudah dicatat"):
        follow.record(slip.slip_no, RECEIPT, actor="petugas1")
    with pytest.raises(KnownError, match="tidak mungkin"):
        follow.record(slip.slip_no, CAME_BACK, on_date=dt.date(2030, 1, 1), actor="petugas1")
    assert follow.record(slip.slip_no, CAME_BACK, actor="petugas1").status == CAME_BACK
    assert follow.record(slip.slip_no, CONTINUED, actor="petugas1").status == CONTINUED
    with pytest.raises(KnownError, match="sudah ditutup"):
        follow.record(slip.slip_no, REFUSED, actor="petugas1")
    assert _audit_actions(office) == [
        "referral.receipt",
        "referral.came_back",
        "referral.continued",
    ]
    details = office.database.conn.execute(
        "SELECT details FROM audit_log WHERE action = 'referral.receipt'"
    ).fetchone()[0]
    assert "7271015208990006" not in details and slip.slip_no in details


def test_forged_codes_and_non_referrals_find_nothing(office: Office, tmp_path: Path) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    slip = render_slip(office.database, record.ref_no, tmp_path / "s.pdf", clock=office.clock)
    tourist = office.complete(TOURIST_ANSWERS)
    follow = FollowUp.open(office.database, office.data_dir, office.clock)
    with pytest.raises(KnownError, match="DITOLAK"):
        follow.find(slip.payload.replace("|0006|", "|0007|"))
    assert follow.find(tourist.ref_no) == []
    with pytest.raises(KnownError, match="Tidak ada rujukan"):
        follow.record(tourist.ref_no, RECEIPT, actor="x")
    assert _audit_actions(office) == []


def test_overdue_after_the_offices_deadline(office: Office) -> None:
    office.settings.set("referral_days", 10)
    first = office.complete(REFERRAL_ANSWERS)
    follow = FollowUp.open(office.database, office.data_dir, office.clock)
    office.clock.advance(days=10)
    assert follow.overdue() == []  # the tenth day is still in time
    office.clock.advance(days=1)
    assert [r.interview_uuid for r in follow.overdue()] == [first.uuid]
    follow.record(first.ref_no, RECEIPT, actor="x")
    assert follow.overdue() == []


def test_the_command_line_follow_up(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    data = ["--data-dir", str(office.data_dir)]
    assert main(["slip", "referral", "find", record.ref_no, *data]) == 0
    assert "menunggu tanda terima" in capsys.readouterr().out
    on = office.clock().date().isoformat()
    assert (
        main(["slip", "referral", "receipt", record.ref_no, "--counselling", "--on", on, *data])
        == 0
    )
    assert "tanda terima kembali" in capsys.readouterr().out
    assert main(["slip", "referral", "close", record.ref_no, "--refused", "--on", on, *data]) == 1
    err = capsys.readouterr().err
    assert "Urutannya" in err and "The order is" in err
    with pytest.raises(SystemExit) as usage:  # one date spelling on the command line too
        main(["slip", "referral", "came-back", record.ref_no, "--on", "20250106", *data])
    assert usage.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["slip", "referral", "came-back", record.ref_no, "--on", on, *data]) == 0
    assert main(["slip", "referral", "close", record.ref_no, "--refused", "--on", on, *data]) == 0
    assert "paspor ditolak" in capsys.readouterr().out
    assert main(["slip", "referral", "find", "PLU-2025-999999", *data]) == 1
    assert main(["slip", "referral", "overdue", *data]) == 0


@pytest.fixture(scope="module")
def big_office(offices: OfficeBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return offices.copy("demo-1000-late-seed13", tmp_path_factory.mktemp("funnel") / "office")


def test_the_recap_funnel_equals_direct_sql_counts(big_office: Path) -> None:
    from interview_app.reports.recap import Period, build_recap
    from interview_app.storage.clock import FixedClock

    clock = FixedClock(dt.datetime(2026, 11, 28, 3, tzinfo=dt.UTC))
    database = keyring.open_office(big_office).database
    try:
        follow = FollowUp.open(database, big_office, clock)
        referrals = follow._repository().all()
        assert len(referrals) > 50
        for index, referral in enumerate(referrals):
            steps = [RECEIPT] * (index % 2 == 0) + [CAME_BACK] * (index % 4 == 0)
            steps += [CONTINUED if index % 8 == 0 else REFUSED] * (index % 8 in (0, 4))
            for step in steps:
                follow.record(referral.ref_no, step, on_date=clock().date(), actor="bench")
        recap = build_recap(
            database,
            Period.of(dt.date(2026, 1, 1), dt.date(2026, 11, 27)),
            today=clock().date(),
        )
        days = follow.days
    finally:
        database.close()
    conn = keyed_connection.connect(big_office)
    try:
        codes = "('TUNDA_RUJUK_BP3MI', 'RUJUK_APH')"
        base = (
            "FROM interviews i WHERE i.status = 'completed' AND coalesce(i.chosen_outcome,"
            f" i.suggested_outcome) IN {codes}"
            " AND date(i.completed_at, 'localtime') BETWEEN '2026-01-01' AND '2026-11-27'"
        )
        month = "strftime('%Y-%m', i.completed_at, 'localtime')"

        def by_month(extra: str) -> dict[str, int]:
            return dict(conn.execute(f"SELECT {month}, count(*) {base}{extra} GROUP BY 1"))

        def has(steps: str) -> str:
            return (
                " AND EXISTS (SELECT 1 FROM referral_steps s WHERE s.interview_uuid = i.uuid"
                f" AND s.step IN {steps})"
            )

        referred = by_month("")
        receipts = by_month(has("('receipt')"))
        came_back = by_month(has("('came_back')"))
        closed = by_month(has("('continued', 'refused')"))
        overdue = by_month(
            " AND NOT EXISTS (SELECT 1 FROM referral_steps s WHERE s.interview_uuid = i.uuid)"
            f" AND date(i.completed_at, 'localtime', '+{days} days') < '2026-11-28'"
        )
    finally:
        conn.close()
    assert [m.month for m in recap.referrals] == sorted(referred)
    for row in recap.referrals:
        assert row.referred == referred[row.month]
        assert row.receipts == receipts.get(row.month, 0)
        assert row.came_back == came_back.get(row.month, 0)
        assert row.closed == closed.get(row.month, 0)
        assert row.overdue == overdue.get(row.month, 0)
    assert sum(r.receipts for r in recap.referrals) > 0
    assert sum(r.overdue for r in recap.referrals) > 0
