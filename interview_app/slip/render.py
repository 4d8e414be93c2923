"""Issuing a slip for a stored interview: number, content, PDF written whole, print counted and logged."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app.errors import KnownError
from interview_app.questionnaire.loader import load_text
from interview_app.questionnaire.model import Questionnaire
from interview_app.settings_spec import LETTER_NUMBER_PATTERN
from interview_app.slip.content import (
    APH,
    APPLICANT,
    LETTER_KINDS,
    POSTPONED_FOR_DOCUMENTS,
    REFERRAL,
    SUMMARY,
    SlipContent,
    aph_codes,
    build_slip_content,
    outcome_label,
)
from interview_app.slip.layout import PdfInfo, build_pdf
from interview_app.slip.numbering import DEFAULT_PATTERN, letter_number, slip_prefix
from interview_app.slip.signing import public_key_of
from interview_app.slip.template import render_document, template_source
from interview_app.slip.verify import SlipFacts, make_payload
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound, OfficeKeyError
from interview_app.storage.interviews import WORKSTATION_CODE, InterviewRecord, InterviewRepository
from interview_app.storage.office import Office
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.settings import OFFICE_CODE
from interview_app.storage.slips import SlipLedger, SlipRow
from interview_app.storage.writefiles import write_file_atomically

AUDIT_ACTION = "print"
TITLES = {
    REFERRAL: "Surat Pengantar Rujukan",
    SUMMARY: "Ringkasan Hasil Wawancara",
    APPLICANT: "Pemberitahuan untuk Pemohon",
    APH: "Surat Pemberitahuan kepada Aparat Penegak Hukum",
}


@dataclass(frozen=True)
class PreparedSlip:
    """A slip ready to print or save; `copy_number` 1 is the original."""

    pdf: bytes
    content: SlipContent
    slip_no: str
    kind: str
    copy_number: int
    payload: str
    interview_uuid: str
    interview_ref: str
    revision: int


def office_key(database: Database) -> tuple[str, bytes]:
    """(office code, key) of the folder `database` belongs to, read once by its Office."""
    found = Office.of(database).key_on_file
    if found is None:
        raise OfficeKeyError(
            "Kunci kantor belum dipasang di komputer ini (office.key di folder data); slip tidak "
            "dapat ditandai. Minta supervisor memasang kunci kantor.",
            "The office key is not set up on this computer (office.key in the data folder); "
            "the slip cannot be signed. Ask a supervisor to set up the office key.",
        )
    return found


@functools.lru_cache(maxsize=8)
def _questionnaire(source: str, name: str) -> Questionnaire:
    return load_text(source, name)


def _check_printable(record: InterviewRecord) -> None:
    if record.status == "completed":
        return
    if record.status == "voided":
        raise KnownError(
            f"Wawancara {record.ref_no} telah dibatalkan; slip tidak dapat dicetak.",
            f"Interview {record.ref_no} was voided; no slip can be printed.",
        )
    raise KnownError(
        f"Wawancara {record.ref_no} belum selesai ({record.status}); slip hanya dicetak untuk "
        "wawancara yang sudah diputuskan petugas.",
        f"Interview {record.ref_no} is not finished ({record.status}); a slip is printed only "
        "for an interview the officer has decided.",
    )


def _officer(database: Database, audit: AuditLog, officer_id: int | None) -> Officer | None:
    if officer_id is None:
        return None
    try:
        return OfficerRepository(database, audit).get(officer_id)
    except NotFound:
        return None


def _check_kind(kind: str, code: str, label: str, refers: bool, settings: dict[str, Any]) -> None:
    """Each document only for the outcomes it belongs to."""
    if kind == REFERRAL and not refers:
        raise KnownError(
            f"Keputusan '{label}' tidak merujuk ke BP3MI; cetak ringkasan wawancara.",
            f"The decision '{label}' does not refer to BP3MI; print the interview summary.",
        )
    if kind == APH and code not in aph_codes(settings):
        raise KnownError(
            f"Keputusan '{label}' tidak dilaporkan ke aparat penegak hukum; surat APH tidak "
            "dicetak.",
            f"The decision '{label}' is not reported to law enforcement; no letter for them.",
        )
    if kind == APPLICANT and not (refers or code == POSTPONED_FOR_DOCUMENTS):
        raise KnownError(
            f"Keputusan '{label}' tidak memerlukan pemberitahuan untuk pemohon (hanya penundaan "
            "dan rujukan).",
            f"The decision '{label}' needs no notice for the applicant (only postponements "
            "and referrals).",
        )


def documents_for(code: str, refers: bool, settings: dict[str, Any]) -> tuple[str, ...]:
    """The documents an outcome prints, in the order they are handed out."""
    kinds: list[str] = [REFERRAL] if refers else [SUMMARY]
    if code in aph_codes(settings):
        kinds.append(APH)
    if refers or code == POSTPONED_FOR_DOCUMENTS:
        kinds.append(APPLICANT)
    return tuple(kinds)


def documents_for_interview(database: Database, interview_ref_or_uuid: str) -> tuple[str, ...]:
    """The documents the interview's outcome prints (the dialog offers each)."""
    office = Office.of(database)
    office_key(database)  # refused without a key, as printing is
    record = office.interviews.get(interview_ref_or_uuid)
    settings: dict[str, Any] = office.settings.all()
    questionnaire = _questionnaire(
        QuestionnaireStore(database).get(record.questionnaire_hash),
        f"{record.questionnaire_id} v{record.questionnaire_version}",
    )
    code = record.chosen_outcome or record.suggested_outcome or ""
    _, refers = outcome_label(code, questionnaire, settings)
    return documents_for(code, refers, settings)


def _check_reprint(row: SlipRow | None, reprint: bool, ref_no: str) -> None:
    prints = row.prints if row else 0
    if prints and not reprint:
        assert row is not None
        raise KnownError(
            f"Slip {row.slip_no} untuk wawancara {ref_no} sudah dicetak {prints} kali. Pilih "
            f"'cetak ulang' (--reprint): salinan ditandai 'SALINAN ke-{prints + 1}'.",
            f"Slip {row.slip_no} for interview {ref_no} was printed {prints} time(s) already. "
            f"Choose 'reprint' (--reprint): the copy is marked 'SALINAN ke-{prints + 1}'.",
        )
    if reprint and not prints:
        raise KnownError(
            f"Slip untuk wawancara {ref_no} belum pernah dicetak; cetak aslinya dulu.",
            f"No slip was printed yet for interview {ref_no}; print the original first.",
        )


def prepare_slip(
    database: Database,
    interview_ref_or_uuid: str,
    *,
    reprint: bool = False,
    kind: str | None = None,
    clock: Clock | None = None,
) -> PreparedSlip:
    """The PDF for the interview's slip, without counting a print (a preview shows this; call
    record_print once it was printed or saved). The first call takes the slip's number."""
    clock = clock or SystemClock()
    office_code_of_key, key = office_key(database)
    audit = AuditLog(database, key, clock)
    settings_store = Office.of(database).settings
    settings: dict[str, Any] = settings_store.all()
    record = InterviewRepository(database, audit, clock).get(interview_ref_or_uuid)
    _check_printable(record)
    questionnaire = _questionnaire(
        QuestionnaireStore(database).get(record.questionnaire_hash),
        f"{record.questionnaire_id} v{record.questionnaire_version}",
    )
    code = record.chosen_outcome or record.suggested_outcome or ""
    label, refers = outcome_label(code, questionnaire, settings)
    kind = kind or (REFERRAL if refers else SUMMARY)
    _check_kind(kind, code, label, refers, settings)
    officer = _officer(database, audit, record.officer_id)
    now = clock()
    nik4 = _nik_last4(record.nik)
    office_code = str(settings.get(OFFICE_CODE) or office_code_of_key)
    ledger = SlipLedger(database)
    with database.transaction():
        row = ledger.find(record.uuid, record.revision, kind)
        _check_reprint(row, reprint, record.ref_no)
        if row is None:
            issued_on = now.astimezone().date()
            station = settings.get(WORKSTATION_CODE)
            pattern = str(settings.get(LETTER_NUMBER_PATTERN) or DEFAULT_PATTERN)
            row = ledger.issue(
                prefix=slip_prefix(office_code, station, kind),
                number_for=(
                    (lambda seq: letter_number(pattern, seq, issued_on, office_code, station))
                    if kind in LETTER_KINDS
                    else None
                ),
                kind=kind,
                interview_uuid=record.uuid,
                revision=record.revision,
                issued_at=to_iso(now),
                issued_on=issued_on,
                outcome=code,
                payload_for=lambda slip_no: make_payload(
                    SlipFacts(slip_no, issued_on, code, nik4), key, office_code
                ),
            )
    copy_number = row.prints + 1
    fingerprint = public_key_of(key, office_code).fingerprint_groups
    content = build_slip_content(
        record,
        questionnaire,
        officer,
        settings,
        copy_number,
        slip_no=row.slip_no,
        issued_on=row.issued_on,
        printed_on=now.astimezone().date(),
        kind=kind,
        key_fingerprint=fingerprint,
    )
    source, where = template_source(kind, settings, database.data_dir)
    document = render_document(content, source, where)
    pdf = build_pdf(
        document,
        PdfInfo(
            title=f"{TITLES[kind]} {row.slip_no}",
            author=content.letterhead.office_name,
            subject=f"Wawancara {record.ref_no}",
            payload=row.payload,
            logo_path=content.letterhead.logo_path,
            fingerprint=fingerprint,
        ),
    )
    return PreparedSlip(
        pdf,
        content,
        row.slip_no,
        kind,
        copy_number,
        row.payload,
        record.uuid,
        record.ref_no,
        record.revision,
    )


def record_print(
    database: Database,
    slip: PreparedSlip,
    *,
    actor: str = "system",
    clock: Clock | None = None,
) -> None:
    """Count the print and log it (ids only: interview uuid, slip number, copy number)."""
    clock = clock or SystemClock()
    _, key = office_key(database)
    audit = AuditLog(database, key, clock)
    with database.transaction():
        if not SlipLedger(database).count_print(
            slip.slip_no, slip.copy_number - 1, to_iso(clock())
        ):
            raise KnownError(
                f"Slip {slip.slip_no} baru saja dicetak dari jendela lain; buka lagi lalu cetak ulang.",
                f"Slip {slip.slip_no} was just printed from another window; open it again and reprint.",
            )
        audit.append(
            actor,
            AUDIT_ACTION,
            "interview",
            slip.interview_uuid,
            {
                "slip_no": slip.slip_no,
                "kind": slip.kind,
                "copy": slip.copy_number,
                "revision": slip.revision,
            },
        )


def render_slip(
    database: Database,
    interview_ref_or_uuid: str,
    out_path: Path,
    *,
    reprint: bool = False,
    kind: str | None = None,
    actor: str = "system",
    clock: Clock | None = None,
) -> PreparedSlip:
    """Write the slip's PDF to `out_path` whole (temporary name, fsync, rename), then count the
    print and log it. KnownError for an unfinished or voided interview, or a print that should
    have been a reprint (and the other way round)."""
    slip = prepare_slip(database, interview_ref_or_uuid, reprint=reprint, kind=kind, clock=clock)
    out = Path(out_path)
    if not out.parent.is_dir():
        raise KnownError(
            f"Folder {out.parent} tidak ada; pilih folder lain untuk menyimpan slip.",
            f"The folder {out.parent} does not exist; choose another folder for the slip.",
        )
    write_file_atomically(out, slip.pdf)
    record_print(database, slip, actor=actor, clock=clock)
    return slip


def _nik_last4(nik: str | None) -> str:
    digits = "".join(ch for ch in (nik or "") if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else "----"
