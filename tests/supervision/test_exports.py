"""CSV and XLSX exports: a redacted file holds no full NIK, name or phone number of anyone in the
database; formulas never run; the export is logged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from interview_app.errors import KnownError
from interview_app.reports import redaction
from interview_app.reports.recap import Period
from interview_app.storage.interviews import InterviewRepository
from interview_app.supervision.report_export import write_report
from tests.offices import TODAY, Office

PERSONAL = "SELECT nik, full_name, phone, passport_no FROM interviews"


def _period() -> Period:
    return Period.of(TODAY - dt.timedelta(days=90), TODAY)


def _scan(text: str, office: Office) -> None:
    rows = list(office.database.conn.execute(PERSONAL))
    assert len(rows) == 1000
    for nik, name, phone, passport in rows:
        for value in (nik, name, phone, passport):
            if value:
                assert value not in text
    assert not re.search(r"\d{9,}", text)  # no long digit run survives anywhere


def test_redacted_csv_holds_no_full_nik_name_or_phone(big_office: Office, tmp_path: Path) -> None:
    out = tmp_path / "wawancara.csv"
    result = write_report(big_office.session(), _period(), out, redacted=True)
    assert result.rows == 1000 and result.redacted
    text = out.read_text(encoding="utf-8-sig")
    _scan(text, big_office)
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    nik, name, phone = (
        header.index("NIK / NIK"),
        header.index("Nama / Name"),
        header.index("Telepon / Phone"),
    )
    assert all(re.fullmatch(r"\*{12}\d{4}", row[nik]) for row in body if row[nik])
    assert all(re.fullmatch(r"([A-Z]\. ?)+", row[name]) for row in body if row[name])
    assert all(re.fullmatch(r"\*+\d{3}", row[phone]) for row in body if row[phone])
    entry = big_office.audit.entries(limit=1)[0]
    assert entry.action == "report.export"
    assert entry.details == {
        "format": "csv",
        "from": "2025-12-02",
        "to": "2026-03-02",
        "interviews": 1000,
        "redacted": True,
    }


def test_redacted_xlsx_holds_no_full_nik_name_or_phone(big_office: Office, tmp_path: Path) -> None:
    out = tmp_path / "wawancara.xlsx"
    write_report(big_office.session(), _period(), out, redacted=True)
    workbook = openpyxl.load_workbook(out, read_only=True)
    try:
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        assert workbook.sheetnames == ["Wawancara", "Ringkasan"]
    finally:
        workbook.close()
    _scan("\n".join(cells), big_office)


def test_unredacted_export_keeps_values_and_defuses_formulas(
    office: Office, tmp_path: Path
) -> None:
    repository = InterviewRepository(office.database, office.audit, office.clock)
    draft = repository.create_draft(
        officer_id=2,
        questionnaire_id="tppo-default",
        questionnaire_version=1,
        questionnaire_hash="a" * 64,
        language="id",
    )
    repository.save_answer(
        draft.uuid,
        "full_name",
        '=HYPERLINK("http://x")',
        current_question="full_name",
        identity={"full_name": '=HYPERLINK("http://x")', "nik": "7271014501900001"},
    )
    period = Period.of(TODAY - dt.timedelta(days=120), TODAY)
    write_report(office.session(), period, tmp_path / "a.csv")
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "7271014501900001" in text and "'=HYPERLINK" in text
    write_report(office.session(), period, tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "a.xlsx")
    try:
        cells = [
            c
            for row in workbook["Wawancara"].iter_rows()
            for c in row
            if c.value == '=HYPERLINK("http://x")'
        ]
        assert cells and all(c.data_type == "s" for c in cells)
    finally:
        workbook.close()


def test_masks() -> None:
    assert redaction.mask_nik("7202072001070001") == "************0001"
    assert redaction.mask_phone("+6282622175294") == "***********294"
    assert redaction.mask_phone("12") == "**"
    assert redaction.initials("Siti Nurhaliza Lamato") == "S. N. L."
    assert redaction.initials("Moh. Rizal") == "M. R."
    assert redaction.birth_year("1990-01-05") == "1990"


def test_unknown_format_and_folder_are_refused(office: Office, tmp_path: Path) -> None:
    with pytest.raises(KnownError):
        write_report(office.session(), _period(), tmp_path / "rekap.docx")
    with pytest.raises(KnownError):
        write_report(office.session(), _period(), tmp_path / "missing" / "rekap.pdf")
    with pytest.raises(KnownError):
        Period.of(TODAY, TODAY - dt.timedelta(days=1))
