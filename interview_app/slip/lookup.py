"""Checking a slip code against this office: genuine or not, and the matching record's key facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from interview_app.slip.render import office_key
from interview_app.slip.verify import VerifyResult, verify_payload
from interview_app.storage.audit import AuditLog
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.office import Office
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.settings import OFFICE_CODE
from interview_app.storage.slips import SlipLedger, SlipRow
from interview_app.text import Message


@dataclass(frozen=True)
class Fact:
    label: Message
    value: str


@dataclass(frozen=True)
class OfficeCheck:
    """The verdict, the record's key facts when this workstation issued the slip, and warnings
    (the interview was voided or corrected after the slip, the code does not fit the record)."""

    result: VerifyResult
    facts: tuple[Fact, ...] = ()
    warnings: tuple[Message, ...] = field(default=())

    @property
    def genuine(self) -> bool:
        return self.result.genuine and not any(w is _MISMATCH for w in self.warnings)


_MISMATCH = Message(
    "Isi kode tidak sama dengan catatan slip ini di basis data.",
    "The code's fields differ from this slip's record in the database.",
)


def check_slip_code(database: Database, text: str) -> OfficeCheck:
    """Verify `text` with this office's key; on a genuine code, look the slip up."""
    key_office, key = office_key(database)
    office_code = str(Office.of(database).settings.get(OFFICE_CODE) or key_office)
    result = verify_payload(text, key, office_code)
    if not result.genuine or result.facts is None:
        return OfficeCheck(result)
    row = SlipLedger(database).by_number(result.facts.slip_no)
    if row is None:
        return OfficeCheck(
            result,
            warnings=(
                Message(
                    "Slip ini tidak tercatat di komputer ini (mungkin dicetak di loket lain "
                    "kantor ini); keasliannya tetap terbukti oleh kunci kantor.",
                    "This slip is not recorded on this computer (perhaps printed at another "
                    "counter of this office); it is still proven genuine by the office key.",
                ),
            ),
        )
    audit = AuditLog(database, key)
    warnings: list[Message] = []
    if row.payload.strip() != text.strip():
        warnings.append(_MISMATCH)
    try:
        record = InterviewRepository(database, audit).get(row.interview_uuid)
    except NotFound:
        warnings.append(
            Message(
                "Wawancara slip ini sudah tidak ada di basis data (dihapus masa retensi).",
                "This slip's interview is no longer in the database (purged at retention).",
            )
        )
        return OfficeCheck(result, _slip_facts(row), tuple(warnings))
    if record.status == "voided":
        warnings.append(
            Message(
                f"Wawancara {record.ref_no} telah dibatalkan setelah slip ini dicetak.",
                f"Interview {record.ref_no} was voided after this slip was printed.",
            )
        )
    elif record.revision != row.revision:
        warnings.append(
            Message(
                f"Wawancara {record.ref_no} telah dikoreksi (revisi {record.revision}) setelah "
                "slip ini dicetak; pakai slip yang terbaru.",
                f"Interview {record.ref_no} was corrected (revision {record.revision}) after "
                "this slip was printed; use the newest slip.",
            )
        )
    officer = ""
    if record.officer_id is not None:
        try:
            found = OfficerRepository(database, audit).get(record.officer_id)
            officer = f"{found.full_name} (NIP {found.nip or '—'})"
        except NotFound:
            officer = f"#{record.officer_id}"
    facts = _slip_facts(row) + (
        Fact(
            Message("No. wawancara", "Interview no."), f"{record.ref_no} (revisi {record.revision})"
        ),
        Fact(Message("Nama pemohon", "Applicant"), record.full_name or "—"),
        Fact(Message("NIK", "NIK"), "…" + (record.nik or "")[-4:]),
        Fact(Message("Petugas", "Officer"), officer or "—"),
        Fact(Message("Status wawancara", "Interview status"), record.status),
    )
    return OfficeCheck(result, facts, tuple(warnings))


def _slip_facts(row: SlipRow) -> tuple[Fact, ...]:
    return (
        Fact(Message("No. slip", "Slip no."), row.slip_no),
        Fact(Message("Jenis", "Kind"), row.kind),
        Fact(Message("Tanggal slip", "Slip date"), row.issued_on.isoformat()),
        Fact(Message("Keputusan", "Outcome"), row.outcome),
        Fact(
            Message("Dicetak", "Printed"),
            f"{row.prints}x, terakhir / last {row.last_printed_at or '—'}",
        ),
    )
