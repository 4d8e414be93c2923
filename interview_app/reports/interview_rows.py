"""One row per interview of a period for the CSV and XLSX exports, masked when redacted."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interview_app.reference import load_countries, load_regions
from interview_app.reports import redaction
from interview_app.reports.recap import Period
from interview_app.storage.database import Database
from interview_app.storage.office_settings import OfficeSettings
from interview_app.supervision.review import DESTINATION_QUESTION, OfficerKey, officer_names
from interview_app.text import Message

PURPOSE_QUESTION = "purpose"


@dataclass(frozen=True)
class Column:
    key: str
    label: Message
    # Applied to the value in a redacted export; None: the value is not personal data.
    redact: Callable[[Any], str] | None = None

    @property
    def header(self) -> str:
        return f"{self.label.id} / {self.label.en}"


COLUMNS: tuple[Column, ...] = (
    Column("ref_no", Message("No. referensi", "Reference no.")),
    Column("status", Message("Status", "Status")),
    Column("created_at", Message("Mulai", "Started")),
    Column("completed_at", Message("Selesai", "Completed")),
    Column("officer", Message("Petugas", "Officer")),
    Column("nik", Message("NIK", "NIK"), redaction.mask_nik),
    Column("full_name", Message("Nama", "Name"), redaction.initials),
    Column("sex", Message("Jenis kelamin", "Sex")),
    Column("birth_date", Message("Tanggal lahir", "Date of birth"), redaction.birth_year),
    Column("home_regency", Message("Kode kab./kota", "Regency code")),
    Column("home_regency_name", Message("Kabupaten/kota", "Regency")),
    Column("phone", Message("Telepon", "Phone"), redaction.mask_phone),
    Column("passport_no", Message("No. paspor", "Passport no."), redaction.mask_passport),
    Column("purpose", Message("Tujuan perjalanan", "Purpose of travel")),
    Column("destination", Message("Kode negara tujuan", "Destination code")),
    Column("destination_name", Message("Negara tujuan", "Destination")),
    Column("score", Message("Skor", "Score")),
    Column("hard_flag", Message("Tanda bahaya berat", "Hard red flag")),
    Column("flags", Message("Tanda bahaya", "Red flags")),
    Column("suggested_outcome", Message("Saran hasil", "Suggested outcome")),
    Column("chosen_outcome", Message("Hasil", "Outcome")),
    Column("outcome_label", Message("Keterangan hasil", "Outcome meaning")),
    Column(
        "override_reason", Message("Alasan beda dari saran", "Override reason"), redaction.free_text
    ),
    Column("consent_bp3mi", Message("Setuju data ke BP3MI", "Consents to BP3MI sharing")),
    Column("revision", Message("Revisi", "Revision")),
)

_SQL = (
    "SELECT i.ref_no, i.status, i.created_at, i.completed_at, i.workstation_id, i.officer_id,"
    " i.nik, i.full_name, i.sex, i.birth_date, i.home_regency, i.phone, i.passport_no,"
    " (SELECT a.value FROM answers a WHERE a.interview_uuid = i.uuid AND a.question_id = ?),"
    " (SELECT a.value FROM answers a WHERE a.interview_uuid = i.uuid AND a.question_id = ?),"
    " i.score, i.hard_flag,"
    " (SELECT group_concat(f.rule_id, ' ') FROM"
    "  (SELECT rule_id FROM flags WHERE interview_uuid = i.uuid ORDER BY position) f),"
    " i.suggested_outcome, i.chosen_outcome, i.override_reason, i.consent_bp3mi, i.revision"
    " FROM interviews i WHERE i.created_at >= ? AND i.created_at < ?"
    " ORDER BY i.created_at, i.ref_no"
)


def _local(value: str | None, period: Period) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(period.tz).strftime("%Y-%m-%d %H:%M")


def _answer(value: str | None) -> str:
    if value is None:
        return ""
    loaded = json.loads(value)
    if isinstance(loaded, list):
        return " ".join(str(item) for item in loaded)
    return str(loaded)


def _yes_no(value: Any) -> str:
    return "" if value is None else ("ya/yes" if value else "tidak/no")


def export_rows(database: Database, period: Period, *, redacted: bool) -> list[dict[str, Any]]:
    """Every interview started in the period (all statuses), oldest first, as {column: value}."""
    labels = {label.code: label.label.id for label in OfficeSettings(database).outcome_labels()}
    names = officer_names(database.conn)
    regions = load_regions()
    countries = {c.code: c for c in load_countries()}
    start, end = period.bounds
    rows: list[dict[str, Any]] = []
    for (
        ref_no,
        status,
        created,
        completed,
        workstation,
        officer_id,
        nik,
        full_name,
        sex,
        birth_date,
        regency,
        phone,
        passport_no,
        purpose,
        destination,
        score,
        hard,
        flags,
        suggested,
        chosen,
        override,
        consent,
        revision,
    ) in database.conn.execute(_SQL, (PURPOSE_QUESTION, DESTINATION_QUESTION, start, end)):
        destination_code = _answer(destination)
        country = countries.get(destination_code)
        outcome = chosen or suggested
        row: dict[str, Any] = {
            "ref_no": ref_no,
            "status": status,
            "created_at": _local(created, period),
            "completed_at": _local(completed, period),
            "officer": (
                names.get(OfficerKey(workstation, int(officer_id)), f"#{officer_id}")
                if officer_id is not None
                else ""
            ),
            "nik": nik or "",
            "full_name": full_name or "",
            "sex": sex or "",
            "birth_date": birth_date or "",
            "home_regency": regency or "",
            "home_regency_name": (regions.regency_name(regency) or "") if regency else "",
            "phone": phone or "",
            "passport_no": passport_no or "",
            "purpose": _answer(purpose),
            "destination": destination_code,
            "destination_name": country.id if country else "",
            "score": score if score is not None else "",
            "hard_flag": _yes_no(hard),
            "flags": flags or "",
            "suggested_outcome": suggested or "",
            "chosen_outcome": chosen or "",
            "outcome_label": labels.get(outcome, outcome) if outcome else "",
            "override_reason": override or "",
            "consent_bp3mi": _yes_no(consent),
            "revision": revision,
        }
        if redacted:
            for column in COLUMNS:
                if column.redact is not None:
                    row[column.key] = column.redact(row[column.key])
        rows.append(row)
    return rows
