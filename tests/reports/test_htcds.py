"""`report --format htcds`: referred cases with consent, in HTCDS field names only, redacted
unless --full, supervisor only, audit-logged; the mapping table is the documented one."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.reports.htcds import HTCDS_FIELDS
from tests import keyed_connection
from tests.offices import SUPERVISOR, OfficeBuilder, sign_in_args

TODAY = dt.date(2026, 11, 27)
ROOT = Path(__file__).resolve().parents[2]
# Field names from "HTCDS Field Reference.md" (UNMigration/HTCDS): the tables the export uses.
HTCDS_REFERENCE = frozenset(
    {
        f"cas_{n}"
        for n in (
            "Status",
            "ReferringOrganisation",
            "IncomingReferralDate",
            "ReferringPrimaryCaseWorker",
            "ReasonForIncomingReferral",
            "IncomingReferralDetails",
            "ReferredOrganisation",
            "ReferredPrimaryCaseWorker",
            "ReasonForOutgoingReferral",
            "OutgoingReferralDate",
            "OutgoingReferralDetails",
            "ReasonForCaseClosure",
        )
    }
    | {
        f"prs_{n}"
        for n in (
            "Salutation",
            "FirstName",
            "MiddleName",
            "SecondName",
            "Birthdate",
            "Gender",
            "Deceased",
            "Nationality",
            "Title",
            "Email",
            "HomePhone",
            "MobilePhone",
            "MailingCity",
            "MailingCountry",
            "MailingState",
            "MailingStreet",
            "MailingPostalCode",
            "MailingLongitude",
            "MailingLatitude",
        )
    }
    | {
        f"vic_{n}"
        for n in (
            "AgreementToManagePersonalData",
            "RecruitmentWebsitesAndApps",
            "MethodOfRecruitment",
            "LocationOfRecruitment",
            "MethodsOfControl",
            "TypeOfLabourExploitation",
            "TypeOfSexExploitation",
            "LocationOfExploitation",
            "ExploitationWebsitesAndApps",
            "Vulnerabilities",
            "DetailsOfVulnerabilities",
        )
    }
)


@pytest.fixture(scope="module")
def demo(offices: OfficeBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return offices.copy("demo-60-late-seed5", tmp_path_factory.mktemp("htcds") / "office")


def _export(
    demo: Path,
    out: Path,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
    user: str = SUPERVISOR.username,
    password: str = SUPERVISOR.password,
) -> tuple[int, str]:
    code = main(
        ["report", "--data-dir", str(demo), *sign_in_args(out.parent, user, password)]
        + ["--from", "2026-01-01", "--to", str(TODAY), "--format", "htcds", "--out", str(out)]
        + list(extra)
    )
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _referred_with_consent(demo: Path) -> list[tuple[str, str, str]]:
    with keyed_connection.connect(demo) as conn:
        rows = conn.execute(
            "SELECT full_name, phone, nik FROM interviews WHERE status = 'completed'"
            " AND chosen_outcome IN ('TUNDA_RUJUK_BP3MI', 'RUJUK_APH') AND consent_bp3mi = 1"
            " AND created_at >= '2026-01-01' ORDER BY created_at"
        ).fetchall()
    conn.close()
    return rows


def test_every_column_is_an_htcds_field_and_documented() -> None:
    names = [field.name for field in HTCDS_FIELDS]
    assert len(names) == len(set(names))
    assert set(names) <= HTCDS_REFERENCE
    documented = (ROOT / "docs" / "htcds.md").read_text(encoding="utf-8")
    assert re.findall(r"^\| `(\w+)` \|", documented, re.M) == names


def test_redacted_by_default_full_on_request(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _referred_with_consent(demo)
    assert expected
    code, said = _export(demo, tmp_path / "h.csv", capsys)
    assert code == 0 and f"{len(expected)} kasus dirujuk" in said and "redacted" in said
    rows = _rows(tmp_path / "h.csv")
    assert list(rows[0]) == [field.name for field in HTCDS_FIELDS]
    assert len(rows) == len(expected)
    text = (tmp_path / "h.csv").read_text(encoding="utf-8-sig")
    for name, phone, nik in expected:
        assert name not in text and nik not in text
        assert not phone or phone[-8:] not in text
    assert all(row["prs_Birthdate"] == "" and row["prs_MobilePhone"] == "" for row in rows)
    assert all(re.fullmatch(r"(\w\. ?)*", row["prs_FirstName"]) for row in rows)
    assert {row["vic_AgreementToManagePersonalData"] for row in rows} == {"true"}
    assert {row["cas_Status"] for row in rows} == {"ClosedReferred"}
    assert {row["prs_Gender"] for row in rows} <= {"Male", "Female"}

    code, said = _export(demo, tmp_path / "full.csv", capsys, "--full")
    assert code == 0 and "full" in said
    full = _rows(tmp_path / "full.csv")
    assert [f"{r['prs_FirstName']} {r['prs_SecondName']}".strip() for r in full] == [
        name for name, _, _ in expected
    ]
    # In CSV a leading + gets an apostrophe (formula protection); the XLSX keeps it plain.
    assert all(re.fullmatch(r"('\+62\d{8,13})?", r["prs_MobilePhone"]) for r in full)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["prs_Birthdate"]) for r in full)


def test_xlsx_officer_refused_and_audit_logged(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    code, _ = _export(demo, tmp_path / "h.xlsx", capsys)
    assert code == 0
    sheet = load_workbook(tmp_path / "h.xlsx").active
    assert [cell.value for cell in next(sheet.iter_rows())] == [f.name for f in HTCDS_FIELDS]
    code, said = _export(
        demo, tmp_path / "o.csv", capsys, "--full", user="petugas1", password="loket-satu-demo"
    )
    assert code == 1 and not (tmp_path / "o.csv").exists() and "supervisor" in said.lower()
    code, said = _export(demo, tmp_path / "h.pdf", capsys)
    assert code == 1 and ".csv" in said and not (tmp_path / "h.pdf").exists()
    with keyed_connection.connect(demo) as conn:
        details = [
            row[0]
            for row in conn.execute("SELECT details FROM audit_log WHERE action = 'report.export'")
        ]
    conn.close()
    assert any("htcds-xlsx" in d for d in details) and any("htcds-csv" in d for d in details)
