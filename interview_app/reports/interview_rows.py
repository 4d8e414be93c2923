"""One row per interview of a period for the CSV and XLSX exports, masked when redacted."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interview_app.reference import (
    DESTINATION_QUESTION,
    PURPOSE_QUESTION,
    load_countries,
    load_regions,
)
from interview_app.reports import redaction
from interview_app.reports.recap import Period
from interview_app.storage.database import Database
from interview_app.storage.export_rows import ExportRows
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.officer_names import OfficerKey, OfficerNames
from interview_app.text import Message


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
    names = OfficerNames(database).all()
    regions = load_regions()
    countries = {c.code: c for c in load_countries()}
    start, end = period.bounds
    rows: list[dict[str, Any]] = []
    for stored in ExportRows(database).created_between(
        start,
        end,
        purpose_question=PURPOSE_QUESTION,
        destination_question=DESTINATION_QUESTION,
    ):
        destination_code = _answer(stored.destination)
        country = countries.get(destination_code)
        chosen, suggested, regency = (
            stored.chosen_outcome,
            stored.suggested_outcome,
            stored.home_regency,
        )
        outcome = chosen or suggested
        officer_id = stored.officer_id
        row: dict[str, Any] = {
            "ref_no": stored.ref_no,
            "status": stored.status,
            "created_at": _local(stored.created_at, period),
            "completed_at": _local(stored.completed_at, period),
            "officer": (
                names.get(OfficerKey(stored.workstation_id, int(officer_id)), f"#{officer_id}")
                if officer_id is not None
                else ""
            ),
            "nik": stored.nik or "",
            "full_name": stored.full_name or "",
            "sex": stored.sex or "",
            "birth_date": stored.birth_date or "",
            "home_regency": regency or "",
            "home_regency_name": (regions.regency_name(regency) or "") if regency else "",
            "phone": stored.phone or "",
            "passport_no": stored.passport_no or "",
            "purpose": _answer(stored.purpose),
            "destination": destination_code,
            "destination_name": country.id if country else "",
            "score": stored.score if stored.score is not None else "",
            "hard_flag": _yes_no(stored.hard_flag),
            "flags": stored.flags or "",
            "suggested_outcome": suggested or "",
            "chosen_outcome": chosen or "",
            "outcome_label": labels.get(outcome, outcome) if outcome else "",
            "override_reason": stored.override_reason or "",
            "consent_bp3mi": _yes_no(stored.consent_bp3mi),
            "revision": stored.revision,
        }
        if redacted:
            for column in COLUMNS:
                if column.redact is not None:
                    row[column.key] = column.redact(row[column.key])
        rows.append(row)
    return rows
