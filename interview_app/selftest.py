"""The self-test: a temporary office, a scripted interview, a slip, a sync round trip and checks."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import platform
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from interview_app import __version__
from interview_app.demo import install_default_script
from interview_app.errors import KnownError
from interview_app.interview.engine import InterviewSession
from interview_app.questionnaire.model import Questionnaire
from interview_app.resources_path import resource_path
from interview_app.storage.cipher import looks_encrypted
from interview_app.storage.database import Database
from interview_app.storage.drive_encryption import bitlocker_status
from interview_app.storage.errors import DatabaseKeyError
from interview_app.storage.folder_access import CommandRunner, read_folder_access, run_command
from interview_app.storage.interviews import FlagRecord, InterviewRecord, InterviewRepository
from interview_app.storage.maintenance import backup, check
from interview_app.storage.office import Office
from interview_app.storage.paths import database_path
from interview_app.storage.settings import (
    OFFICE_CODE,
    OFFICE_NAME,
    WORKSTATION_ID,
    WORKSTATION_NAME,
)
from interview_app.storage.unlock import folder_is_encrypted

OK = "ok"
FAILED = "failed"
SKIPPED = "skipped"
ADVICE = "advice"  # something for IT to look at; the run still passes
LABELS = {OK: "OK", FAILED: "GAGAL", SKIPPED: "LEWAT", ADVICE: "SARAN"}
# How the protection steps run Windows' commands and whether they ask Windows (tests replace
# both to play a Windows PC).
SYSTEM_COMMANDS: CommandRunner = run_command
ON_WINDOWS = os.name == "nt"

OFFICE = "UJI"
OFFICE_FULL_NAME = "Kantor Uji Mandiri (SELF-TEST)"
OFFICE_PROVINCE = "72"
STATION_A = "Loket Uji A"
STATION_B = "Loket Uji B"
LOG_FILE = "self-test.log"
LOGO = resource_path("icons", "app.png")
SLIP_MODULE = "interview_app.slip"
SYNC_MODULE = "interview_app.sync"


@dataclass(frozen=True)
class StepResult:
    """One step of the self-test: `status` is OK, FAILED, SKIPPED (the part is not built) or
    ADVICE (something for IT to change; not a failure)."""

    step: str
    status: str
    detail: str
    seconds: float = 0.0

    def line(self) -> str:
        return f"{LABELS[self.status]} {self.step} — {self.detail} ({self.seconds:.1f} s)"


@dataclass
class SelfTestReport:
    """Every step's result; `workdir` is kept (with its log) when a step failed."""

    workdir: Path
    steps: list[StepResult] = field(default_factory=list)
    kept: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.status != FAILED for step in self.steps)

    def header(self) -> list[str]:
        frozen = "beku / frozen" if getattr(sys, "frozen", False) else "sumber / source"
        return [
            f"Asisten Wawancara {__version__} — uji mandiri / self-test",
            f"Python {platform.python_version()}, {platform.platform()}, {frozen}, "
            f"utf8_mode={sys.flags.utf8_mode}",
            f"Folder uji / test folder: {self.workdir}",
        ]

    def footer(self) -> list[str]:
        lines = list(self.notes)
        if self.kept:
            lines.append(f"Folder uji disimpan / test folder kept: {self.workdir}")
        lines.append("HASIL: BAIK / RESULT: OK" if self.ok else "HASIL: GAGAL / RESULT: FAILED")
        return lines


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which (Indonesian / English)."""


class _Advice(Exception):
    """The step found something IT should change (advice, not a failure); the message says
    what (Indonesian / English)."""


class _NotBuilt(Exception):
    """The optional part this step exercises is not in this build."""


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def module_present(name: str) -> bool:
    """Whether the package `name` exists as a real package (an `__init__`), frozen or not."""
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return False
    return spec is not None and spec.origin is not None


def _optional(name: str) -> ModuleType:
    if not module_present(name):
        raise _NotBuilt(f"{name} belum ada di versi ini / is not in this build yet")
    return importlib.import_module(name)


def scripted_answers(today: dt.date) -> dict[str, Any]:
    """A young woman from Palu on a tourist visa who means to work on a Malaysian plantation,
    recruited through a family friend, with debts at home: the default script refers her to
    BP3MI. Dates are relative to `today` so the NIK, age and departure checks always hold."""
    birth = dt.date(today.year - 27, 3, 12)
    nik = f"727101{birth.day + 40:02d}{birth.month:02d}{birth.year % 100:02d}0002"
    return {
        "nik": nik,
        "full_name": "Uji Mandiri Lasahido",
        "birth_place": "Palu",
        "birth_date": birth.isoformat(),
        "sex": "P",
        "phone": "+62 852 4411 2233",
        "passport_application_no": f"UJI{today.year}000001",
        "address": "Jl. Kemiri No. 5, Kel. Kamonji, Palu Barat, Palu",
        "home_regency": "7271",
        "marital_status": "single",
        "education": "junior_secondary",
        "occupation": "odd_jobs",
        "had_passport": False,
        "travelled_before": False,
        "purpose": "wisata",
        "intends_work": True,
        "destination": "MY",
        "address_abroad_known": False,
        "stay_length_days": 30,
        "departure_date": (today + dt.timedelta(days=22)).isoformat(),
        "return_ticket": False,
        "route": "via_nunukan",
        "payer": "self",
        "funds_proof": False,
        "travel_with": "friends",
        "job_type": "plantation",
        "employer_name_known": False,
        "promised_salary": 1800,
        "salary_currency": "MYR",
        "contract_signed": "no",
        "visa_type": "kunjungan_wisata",
        "disnaker_registered": False,
        "medical_check": False,
        "competency_training": False,
        "bpjs": False,
        "family_permission": True,
        "offer_source": "family_friend",
        "recruited_by_individual": False,
        "visited_recruiter_office": False,
        "paid_recruiter": False,
        "debt_deduction": False,
        "told_to_claim_tourism": False,
        "documents_held_by_others": False,
        "holding_dormitory": False,
        "worked_abroad_before": False,
        "deported_or_overstay": False,
        "family_aware": True,
        "emergency_contact": "Marlina (ibu) 0812 4000 1122",
        "urgent_debts": True,
        "foreign_partner_online": False,
        "knows_official_channels": False,
        "obs_inconsistent": False,
        "obs_accompanied_nonfamily": False,
        "obs_nervous_notes": False,
        "officer_notes": "Uji mandiri: data buatan, bukan pemohon sungguhan.",
    }


@dataclass
class _Office:
    """What the steps share: the two stations' folders and station A's open database."""

    workdir: Path
    today: dt.date
    data_dir: Path  # the real data folder (only its protection is looked at)
    station_a: Path
    station_b: Path
    stick: Path
    database: Database | None = None
    questionnaire: Questionnaire | None = None
    digest: str = ""
    officer_id: int = 0
    office_key: bytes = b""
    interview: InterviewRecord | None = None
    folder: Office | None = None  # station A's data folder, open
    open_folders: list[Office] = field(default_factory=list)

    def open(self, data_dir: Path) -> Office:
        """A station's folder: made encrypted (Office.create) the first time, as the app makes
        an office; opened again with the office key held in memory, as after a sign-in."""
        if database_path(data_dir).exists():
            key = (OFFICE, self.office_key) if folder_is_encrypted(data_dir) else None
            folder = Office.open(data_dir, key=key)
        else:
            folder = Office.create(data_dir, OFFICE)
        self.open_folders.append(folder)
        return folder

    def close(self, folder: Office) -> None:
        folder.close()
        if folder in self.open_folders:
            self.open_folders.remove(folder)

    def close_all(self) -> None:
        for folder in list(self.open_folders):
            self.close(folder)
        self.database = None
        self.folder = None

    def open_station_a(self) -> Office:
        self.folder = self.open(self.station_a)
        self.database = self.folder.database
        return self.folder

    def repository(self) -> InterviewRepository:
        if self.folder is None:
            raise StepFailed(
                "tidak dijalankan: kantor uji tidak siap / not run: the test office is not set up"
            )
        return self.folder.interviews

    def need(self) -> tuple[Database, Questionnaire]:
        if self.database is None or self.questionnaire is None:
            raise StepFailed(
                "tidak dijalankan: kantor uji tidak siap / not run: the test office is not set up"
            )
        return self.database, self.questionnaire

    def need_interview(self) -> InterviewRecord:
        if self.interview is None:
            raise StepFailed(
                "tidak dijalankan: wawancara uji tidak selesai / not run: the test interview "
                "did not complete"
            )
        return self.interview


def _step_office(office: _Office) -> str:
    folder = office.open_station_a()
    database = folder.database
    settings = folder.settings
    with database.transaction():
        settings.set(OFFICE_CODE, OFFICE)
        settings.set(OFFICE_NAME, OFFICE_FULL_NAME)
        settings.set(WORKSTATION_NAME, STATION_A)
        settings.set("workstation_code", "UJIA")
        settings.set("office_province", OFFICE_PROVINCE)
        if LOGO.is_file():  # the slip's letterhead logo goes through reportlab and Pillow
            settings.set("office_logo", str(LOGO))
    office.office_key = folder.install_office_key(OFFICE)
    audit = folder.audit
    officer = folder.officers().create(
        "petugas-uji",
        "Petugas Uji Mandiri",
        "199001012020121001",
        "officer",
        secrets.token_urlsafe(18),
    )
    office.officer_id = officer.id
    office.digest, office.questionnaire = install_default_script(database, audit)
    q = office.questionnaire
    return (
        f"kantor {OFFICE} dengan 1 petugas, naskah {q.id} v{q.version} ({office.digest[:8]}) "
        f"aktif / office set up, script active"
    )


def _walk(session: InterviewSession, answers: dict[str, Any], start: str | None) -> Iterator[str]:
    """The ids of the questions the officer reaches from `start` on, answering as it goes."""
    current = session.next_question(start)
    while current is not None:
        if current.takes_answer and current.id in answers:
            result = session.answer(current.id, answers[current.id], confirm_warnings=True)
            problems = "; ".join(m.en for m in result.errors)
            _expect(result.saved, f"jawaban {current.id} ditolak / answer refused: {problems}")
            yield current.id
        current = session.next_question(current.id)


def _step_interview(office: _Office) -> str:
    database, questionnaire = office.need()
    answers = scripted_answers(office.today)
    session = InterviewSession(questionnaire, today=office.today, office_province=OFFICE_PROVINCE)
    repository = office.repository()
    draft = repository.create_draft(
        officer_id=office.officer_id,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_hash=office.digest,
        language="id",
    )
    saved = 0
    last: str | None = None
    half = len(answers) // 2
    for question_id in _walk(session, answers, None):
        repository.save_answer(
            draft.uuid,
            question_id,
            session.stored_answers()[question_id],
            current_question=question_id,
            identity=session.identity_fields(),
            score=session.score,
            hard_flag=session.hard_flag,
            suggested_outcome=session.suggestion.code,
        )
        saved += 1
        last = question_id
        if saved >= half:
            break
    # A restart halfway: every answer must come back from the file alone.
    assert office.folder is not None
    office.close(office.folder)
    folder = office.open_station_a()
    repository = office.repository()
    workstation = str(folder.settings.get(WORKSTATION_ID))
    drafts = [d.uuid for d in repository.list_drafts(workstation)]
    _expect(
        drafts == [draft.uuid],
        f"draf tidak ditemukan setelah buka ulang / draft not found after reopening: {drafts}",
    )
    stored = repository.get(draft.uuid)
    _expect(
        stored.answers == session.stored_answers() and stored.current_question == last,
        "jawaban tersimpan berbeda setelah buka ulang / saved answers differ after reopening",
    )
    session = InterviewSession.from_stored(
        questionnaire, stored.answers, today=office.today, office_province=OFFICE_PROVINCE
    )
    for question_id in _walk(session, answers, last):
        repository.save_answer(
            draft.uuid,
            question_id,
            session.stored_answers()[question_id],
            current_question=question_id,
            identity=session.identity_fields(),
            score=session.score,
            hard_flag=session.hard_flag,
            suggested_outcome=session.suggestion.code,
        )
        saved += 1
    missing = [q.id for q in session.missing_required()]
    _expect(not missing, f"jawaban wajib kurang / required answers missing: {missing}")
    suggestion = session.suggestion
    _expect(
        suggestion.refers_bp3mi,
        f"saran {suggestion.code} bukan rujukan BP3MI / suggestion does not refer to BP3MI",
    )
    flags = [
        FlagRecord(f.rule_id, f.weight, f.hard, f.reason.id, f.reason.en) for f in session.flags
    ]
    repository.complete(
        draft.uuid,
        chosen_outcome=suggestion.code,
        override_reason=None,
        flags=flags,
        score=session.score,
        hard_flag=session.hard_flag,
        suggested_outcome=suggestion.code,
        consent_bp3mi=True,
        officer_id=office.officer_id,
    )
    record = repository.get(draft.ref_no)
    again = InterviewSession.from_stored(
        questionnaire, record.answers, today=office.today, office_province=OFFICE_PROVINCE
    )
    _expect(record.status == "completed", f"status {record.status}, bukan / not completed")
    _expect(
        record.answers == session.stored_answers() and record.flags == flags,
        "jawaban atau bendera tersimpan berbeda / stored answers or flags differ",
    )
    _expect(
        again.score == record.score == session.score
        and again.suggestion.code == record.suggested_outcome,
        "skor atau saran berbeda setelah dibaca ulang / score or suggestion differ when read back",
    )
    office.interview = record
    return (
        f"{record.ref_no}: {saved} jawaban disimpan satu per satu, dilanjutkan setelah buka "
        f"ulang; skor {record.score:g}, {len(record.flags)} bendera, {record.chosen_outcome} / "
        "answers autosaved, resumed after reopening, completed"
    )


def _step_slip(office: _Office) -> str:
    _optional(SLIP_MODULE)
    from interview_app.slip.render import render_slip
    from interview_app.slip.verify import payload_from_pdf, verify_payload

    database, _ = office.need()
    record = office.need_interview()
    out = office.workdir / f"slip {record.ref_no}.pdf"
    slip = render_slip(database, record.ref_no, out, actor="self-test")
    _expect(out.is_file(), f"{out.name} tidak tertulis / was not written")
    data = out.read_bytes()
    _expect(
        data.startswith(b"%PDF") and b"%%EOF" in data[-1024:],
        f"{out.name} bukan PDF utuh / is not a whole PDF",
    )
    logo = ""
    if LOGO.is_file():
        from reportlab.lib.utils import ImageReader

        width, height = ImageReader(str(LOGO)).getSize()  # the slip drops a logo it cannot read
        _expect(
            b"/Subtype /Image" in data, "logo kantor tidak tercetak / the office logo is missing"
        )
        logo = f", logo {width}x{height}"
    verdict = verify_payload(payload_from_pdf(out), office.office_key, OFFICE)
    _expect(
        verdict.genuine,
        f"kode QR slip ditolak / the slip's QR code is refused: {verdict.reason.en}",
    )
    return (
        f"slip {slip.slip_no}, {len(data):,} bita / bytes{logo}, kode QR diperiksa asli / QR "
        "code verified genuine"
    )


def _step_sync(office: _Office) -> str:
    _optional(SYNC_MODULE)
    from interview_app.sync.export import export_package
    from interview_app.sync.importer import apply_package, inspect_package
    from interview_app.sync.keyfile import export_key_file
    from interview_app.sync.workstation import FirstSupervisor, setup_workstation

    database, _ = office.need()
    record = office.need_interview()
    key_file = office.workdir / "kunci kantor uji.json"
    passphrase = secrets.token_urlsafe(16)
    supervisor = FirstSupervisor("uji-supervisor", "Supervisor Uji", secrets.token_urlsafe(16))
    try:
        export_key_file(Office.of(database), key_file, passphrase=passphrase)
        setup_workstation(
            office.station_b,
            station_name=STATION_B,
            key_file=key_file,
            passphrase=passphrase,
            supervisor=supervisor,
        )
    finally:
        key_file.unlink(missing_ok=True)
    exported = export_package(database, office.station_a, office.stick, actor="self-test")
    _expect(
        exported.path is not None and exported.interviews == 1,
        f"ekspor berisi {exported.interviews} wawancara, bukan 1 / the package holds "
        f"{exported.interviews} interviews, not 1",
    )
    assert exported.path is not None
    other = office.open(office.station_b)
    plan = inspect_package(other.database, office.station_b, exported.path)
    _expect(plan.new == 1, f"rencana impor / import plan: {plan.summary().en}")
    result = apply_package(
        other.database, office.station_b, exported.path, plan=plan, actor="self-test"
    )
    _expect(result.new == 1, f"impor / import: {result.summary().en}")
    copy = other.interviews.get(record.uuid)
    _expect(
        copy.content_hash == record.content_hash and copy.answers == record.answers,
        "isi wawancara berbeda di loket B / the interview differs at station B",
    )
    again = apply_package(other.database, office.station_b, exported.path, actor="self-test")
    _expect(again.already_imported, "impor kedua mengubah data / a second import changed data")
    office.close(other)
    return (
        f"{exported.path.name} ({exported.size:,} bita / bytes) diekspor dari A, diimpor ke B "
        "(1 baru), impor ulang tidak mengubah apa pun / exported, imported, re-import idempotent"
    )


def _step_database(office: _Office) -> str:
    database, _ = office.need()
    copy = backup(database, office.workdir / "cadangan uji.sqlite3")
    key, office_key = database.key, (OFFICE, office.office_key)
    reports = [
        check(office.station_a, key=key, office_key=office_key),
        check(office.station_a, database_file=copy, key=key, office_key=office_key),
    ]
    if (office.station_b / "interviews.sqlite3").exists():
        reports.append(check(office.station_b, key=key, office_key=office_key))
    for report in reports:
        _expect(report.ok, f"{report.path.name}: " + "; ".join(p.en for p in report.problems))
    _expect_encrypted(office.station_a, copy)
    return (
        f"{len(reports)} berkas (A, cadangan A{', B' if len(reports) > 2 else ''}): integritas, "
        "kunci asing, skema, rantai audit baik; terenkripsi, tanpa kunci tidak terbuka / files "
        "checked: integrity, foreign keys, schema, audit chain ok; encrypted, nothing opens "
        "without the key"
    )


def _expect_encrypted(data_dir: Path, *files: Path) -> None:
    """The database and its copies are encrypted (whole SQLCipher pages, no SQLite header),
    the app refuses the folder without a sign-in, and no office.key lies in clear."""
    for path in (database_path(data_dir), *files):
        _expect(looks_encrypted(path), f"{path.name} tidak terenkripsi / is not encrypted")
    try:
        Office.open(data_dir).close()
        refused = False
    except DatabaseKeyError:
        refused = True
    _expect(refused, "folder terbuka tanpa masuk / the folder opened without a sign-in")
    _expect(
        not (data_dir / "office.key").exists(),
        "office.key tersimpan tanpa enkripsi / office.key is kept in clear",
    )


def _step_folder_access(office: _Office) -> str:
    """Who may open the real data folder (POSIX mode, Windows ACL): advice when others may."""
    access = read_folder_access(office.data_dir, runner=SYSTEM_COMMANDS, windows=ON_WINDOWS)
    detail = f"{office.data_dir}: {access.detail}"
    if access.advice is not None:
        raise _Advice(f"{detail}. {access.advice}")
    return detail


def _step_bitlocker(office: _Office) -> str:
    """BitLocker on the system drive (Windows): advice when it is off or cannot be told."""
    found = bitlocker_status(runner=SYSTEM_COMMANDS, windows=ON_WINDOWS)
    if found.advice is not None:
        raise _Advice(f"{found.detail}. {found.advice}")
    return str(found.detail)


Step = Callable[[_Office], str]
STEPS: tuple[tuple[str, Step], ...] = (
    ("kantor", _step_office),
    ("wawancara", _step_interview),
    ("slip", _step_slip),
    ("sinkron", _step_sync),
    ("basis-data", _step_database),
    ("akses-folder", _step_folder_access),
    ("bitlocker", _step_bitlocker),
)
# A check the caller adds (the command line adds the Qt ones, which the core may not import):
# it gets the test folder and returns its detail line, or raises.
ExtraCheck = Callable[[Path], str]


@contextmanager
def _log_file(workdir: Path) -> Iterator[Callable[[str], None]]:
    with open(workdir / LOG_FILE, "a", encoding="utf-8") as handle:

        def write(text: str) -> None:
            handle.write(text if text.endswith("\n") else text + "\n")
            handle.flush()

        yield write


def _run_step(name: str, step: Step, office: _Office, log: Callable[[str], None]) -> StepResult:
    start = time.perf_counter()
    try:
        detail = step(office)
        status = OK
    except _NotBuilt as exc:
        status, detail = SKIPPED, str(exc)
    except _Advice as exc:
        status, detail = ADVICE, str(exc)
    except StepFailed as exc:
        status, detail = FAILED, str(exc)
    except KnownError as exc:
        status, detail = FAILED, f"{exc.message.id} / {exc.message.en}"
        log(traceback.format_exc())
    except Exception as exc:  # a bug or a missing piece of the build: report it, go on
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        status, detail = FAILED, f"{type(exc).__name__}: {first}"[:400]
        log(traceback.format_exc())
    result = StepResult(name, status, detail, time.perf_counter() - start)
    log(result.line())
    return result


def _extra_step(check: ExtraCheck) -> Step:
    return lambda office: check(office.workdir)


def _remove_tree(path: Path) -> bool:
    """Remove the test folder, retrying while Windows (antivirus, indexer) holds a file."""
    for delay in (0.0, 0.2, 0.5, 1.0, 2.0):
        time.sleep(delay)
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return True
    return False


def run_self_test(
    data_dir: Path,
    *,
    keep: bool = False,
    extra: Sequence[tuple[str, ExtraCheck]] = (),
    today: dt.date | None = None,
    on_start: Callable[[SelfTestReport], None] | None = None,
    on_step: Callable[[StepResult], None] | None = None,
) -> SelfTestReport:
    """Run every step in a new folder inside `data_dir` (the real database there is never
    touched). The folder is removed afterwards unless `keep` or a step failed; then it holds
    `self-test.log` with the tracebacks. `extra` checks run after the core steps."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="self-test-", dir=data_dir))
    office = _Office(
        workdir=workdir,
        today=today or dt.date.today(),
        data_dir=data_dir,
        station_a=workdir / STATION_A,
        station_b=workdir / STATION_B,
        stick=workdir / "Flashdisk Uji",
    )
    office.stick.mkdir()
    report = SelfTestReport(workdir)
    if on_start is not None:
        on_start(report)
    try:
        with _log_file(workdir) as log:
            for line in report.header():
                log(line)
            steps = [*STEPS, *((name, _extra_step(check)) for name, check in extra)]
            for name, step in steps:
                result = _run_step(name, step, office, log)
                report.steps.append(result)
                if on_step is not None:
                    on_step(result)
    finally:
        office.close_all()
    if keep or not report.ok:
        report.kept = True
    elif not _remove_tree(workdir):
        report.notes.append(
            f"Folder uji tidak dapat dihapus (berkas dikunci?) / the test folder could not be "
            f"removed (a file held open?): {workdir}"
        )
    return report
