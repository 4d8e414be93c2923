"""The counter session: what the officer's window works on, over one open data folder.

First-run set-up lives in workflow.office_setup, sign-in and the lock in workflow.sign_in; this
module keeps the officer's interviews and corrections and puts the three together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from interview_app.errors import KnownError
from interview_app.settings_spec import OFFICE_PROVINCE, UI_LANGUAGE
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock
from interview_app.storage.database import Database
from interview_app.storage.encrypt_in_place import Progress
from interview_app.storage.errors import DatabaseCorrupt
from interview_app.storage.interviews import InterviewRepository, InterviewSummary
from interview_app.storage.office import Office
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.paths import database_path
from interview_app.storage.settings import (
    OFFICE_NAME,
    WORKSTATION_ID,
    WORKSTATION_NAME,
    SettingsStore,
)
from interview_app.storage.sign_in_screen import (
    SignInScreen,
    read_sign_in_screen,
    write_sign_in_screen,
)
from interview_app.storage.unlock import PasswordCredentials, folder_is_encrypted
from interview_app.text import Message
from interview_app.workflow import office_setup
from interview_app.workflow.sign_in import (
    DEFAULT_IDLE_LOCK_MINUTES,
    IDLE_LOCK_MINUTES,
    LOCKED,
    LOCKOUT_MINUTES,
    MAX_FAILED_LOGINS,
    NOT_SIGNED_IN,
    PASSWORD_CHANGE_REQUIRED,
    CounterSignIn,
)
from interview_app.workflow.views import (
    FlagView,
    HomeView,
    OfficeInfo,
    RecordView,
    ReturnedView,
    SignedIn,
)

if TYPE_CHECKING:
    # Loaded when the first interview starts, not before the login window (start-up time).
    from interview_app.interview.engine import InterviewSession
    from interview_app.questionnaire.model import Questionnaire
    from interview_app.workflow.interview import Correction, InterviewController

__all__ = [
    "DEFAULT_IDLE_LOCK_MINUTES",
    "IDLE_LOCK_MINUTES",
    "LOCKED",
    "LOCKOUT_MINUTES",
    "MAX_FAILED_LOGINS",
    "NOT_SIGNED_IN",
    "OFFICE_PROVINCE",
    "PASSWORD_CHANGE_REQUIRED",
    "UI_LANGUAGE",
    "CounterSession",
    "DamagedAtSignIn",
]


class DamagedAtSignIn(DatabaseCorrupt):
    """The account's password was right but the database file is damaged. `office_key`
    (office code, key) opens the folder's snapshots and checks their audit chain (None for a
    plaintext folder), so the newest sound one can be offered once the person has signed in."""

    def __init__(self, id_text: str, en_text: str, *, office_key: tuple[str, bytes] | None) -> None:
        super().__init__(id_text, en_text)
        self.office_key = office_key


class CounterSession:
    """Everything the officer's window works on. Holds no widgets; every method returns data
    or raises a KnownError with a message in both languages.

    The data folder's database is open only while someone may work: an encrypted folder is
    opened by a sign-in (the account's key slot unwraps the office key) and closed by the
    sign-out, so the key leaves memory with the officer; the idle lock keeps it open. A new
    folder stays empty until the first run's set-up makes the office. A plaintext folder of the
    release before is open from the start (it has no key to guard); a supervisor's sign-in
    encrypts it."""

    def __init__(
        self,
        data_dir: Path,
        office: Office | None = None,
        *,
        clock: Clock | None = None,
    ) -> None:
        self._data_dir = Path(data_dir)
        self._clock = clock
        self._office = office
        self.sign_in = CounterSignIn(lambda: self.storage)
        self._questionnaires: dict[str, Questionnaire] = {}
        # Made by the first run or by a supervisor's sign-in that encrypted an old folder:
        # the office recovery code, for the window to show once (then `recovery_code_shown`).
        self.new_recovery_code: str | None = None
        # The display language chosen on the sign-in screen (no database open): kept in the
        # office settings at the next sign-in.
        self._language_chosen: str | None = None

    @classmethod
    def open(
        cls, data_dir: Path, *, clock: Clock | None = None, defer_integrity_check: bool = False
    ) -> CounterSession:
        """The counter over `data_dir`. Nothing is opened (or made) for a new folder or an
        encrypted one: that waits for the first run's set-up or a sign-in. A plaintext folder
        of the release before is opened (see Office.open)."""
        data_dir = Path(data_dir)
        if database_path(data_dir).exists() and not folder_is_encrypted(data_dir):
            if database_path(data_dir).stat().st_size > 0:
                office = Office.open(
                    data_dir, clock=clock, defer_integrity_check=defer_integrity_check
                )
                return cls(data_dir, office, clock=clock)
        return cls(data_dir, clock=clock)

    def close(self) -> None:
        if self._office is not None:
            self._office.close()

    @property
    def is_open(self) -> bool:
        """True while the database is open (someone signed in, or an old plaintext folder)."""
        return self._office is not None

    @property
    def storage(self) -> Office:
        """The open data folder; NOT_SIGNED_IN while an encrypted one waits for a sign-in."""
        if self._office is None:
            raise NOT_SIGNED_IN
        return self._office

    @property
    def database(self) -> Database:
        return self.storage.database

    @property
    def data_dir(self) -> Path:
        return self._data_dir

    @property
    def clock(self) -> Clock:
        if self._office is not None:
            return self._office.clock
        if self._clock is None:
            self._clock = SystemClock()
        return self._clock

    @property
    def settings(self) -> SettingsStore:
        return self.storage.settings

    # -- office: first run (workflow.office_setup) -------------------------------------------
    def office(self) -> OfficeInfo:
        return office_setup.office_info(self._data_dir, self._office)

    def setup_office(
        self,
        *,
        office_code: str,
        office_name: str,
        workstation_name: str,
        username: str,
        full_name: str,
        password: str,
        nip: str | None = None,
    ) -> SignedIn:
        """First run: the encrypted office (settings, the default script, the first supervisor
        and its key slot), who is then signed in; `new_recovery_code` is the code to show."""
        if self.office().configured or self._office is not None:
            raise office_setup.ALREADY_SET_UP
        made = office_setup.set_up_office(
            self._data_dir,
            office_code=office_code,
            office_name=office_name,
            workstation_name=workstation_name,
            username=username,
            full_name=full_name,
            password=password,
            nip=nip,
            clock=self._clock,
        )
        return self._after_first_run(made)

    def join_office(
        self,
        *,
        key_file: str,
        workstation_name: str,
        username: str,
        full_name: str,
        password: str,
        passphrase: str = "",
        nip: str | None = None,
    ) -> tuple[SignedIn, Message | None]:
        """First run of another workstation of an office that exists (the office key file a
        supervisor exported, and its passphrase); its first supervisor is then signed in. The
        message, if any, is a warning to show (an old key file to destroy)."""
        if self.office().configured or self._office is not None:
            raise office_setup.ALREADY_SET_UP
        made = office_setup.join_office(
            self._data_dir,
            key_file=key_file,
            passphrase=passphrase,
            workstation_name=workstation_name,
            username=username,
            full_name=full_name,
            password=password,
            nip=nip,
            clock=self._clock,
        )
        return self._after_first_run(made), made.warning

    def _after_first_run(self, made: office_setup.NewOffice) -> SignedIn:
        self._office = made.office
        self.new_recovery_code = made.recovery_code
        self.active_questionnaire()
        made.office.audit.append(
            f"officer:{made.supervisor.id}", "login", "officer", str(made.supervisor.id)
        )
        signed_in = self.sign_in.sign_in(made.supervisor)
        self._keep_sign_in_screen()
        return signed_in

    def recovery_code_shown(self) -> None:
        """The window showed the new recovery code and the supervisor confirmed writing it
        down: it leaves memory (and the audit log says when)."""
        if self.new_recovery_code is None:
            return
        self.new_recovery_code = None
        officer = self.officer
        self.storage.audit.append(
            f"officer:{officer.officer_id}" if officer else "counter",
            "recovery_code.shown",
            "office",
            None,
        )

    def audit(self) -> AuditLog:
        return self.storage.audit

    def interviews(self) -> InterviewRepository:
        return self.storage.interviews

    @property
    def ui_language(self) -> str:
        if self._office is None:
            return read_sign_in_screen(self._data_dir).ui_language
        return "en" if self.settings.get(UI_LANGUAGE, "id") == "en" else "id"

    def set_ui_language(self, language: str) -> None:
        language = "en" if language == "en" else "id"
        if self._office is not None:
            self.settings.set(UI_LANGUAGE, language)
            self._keep_sign_in_screen()
        elif folder_is_encrypted(self._data_dir):
            self._language_chosen = language
            screen = read_sign_in_screen(self._data_dir)
            write_sign_in_screen(
                self._data_dir,
                SignInScreen(screen.office_name, screen.workstation_name, language),
            )

    def _keep_sign_in_screen(self) -> None:
        """The names and the display language the sign-in screen shows while the encrypted
        database is closed (storage.sign_in_screen: no personal data)."""
        office = self._office
        if office is None or not office.encrypted:
            return
        settings = office.settings
        write_sign_in_screen(
            self._data_dir,
            SignInScreen(
                str(settings.get(OFFICE_NAME) or ""),
                str(settings.get(WORKSTATION_NAME) or ""),
                self.ui_language,
            ),
        )

    def today(self) -> dt.date:
        return self.clock().astimezone().date()

    # -- sign-in and lock (workflow.sign_in) --------------------------------------------------
    @property
    def officer(self) -> SignedIn | None:
        return self.sign_in.officer

    @property
    def locked(self) -> bool:
        return self.sign_in.locked

    @locked.setter
    def locked(self, value: bool) -> None:
        self.sign_in.locked = value

    @property
    def idle_lock_seconds(self) -> int:
        return self.sign_in.idle_lock_seconds

    def _officers(self) -> OfficerRepository:
        return self.sign_in.officers()

    def converts_at_sign_in(self, username: str) -> bool:
        """True when `username`'s sign-in will encrypt this folder (a plaintext folder of the
        release before, and an active supervisor's account): the window shows progress."""
        office = self._office
        if office is None or office.encrypted:
            return False
        found = office.officers().find(username.strip())
        return found is not None and found.active and found.is_supervisor

    def login(self, username: str, password: str, *, progress: Progress | None = None) -> SignedIn:
        """Sign in: the account's key slot opens the encrypted folder (a wrong password is
        counted in the lockout file and nothing opens). On a plaintext folder of the release
        before, an officer's password is checked against the stored hash; a supervisor's
        encrypts the folder (`progress` follows the files) and `new_recovery_code` is set."""
        self._close_for_sign_in()
        credentials = PasswordCredentials(username, password)
        try:
            office = Office.open(
                self._data_dir, credentials=credentials, clock=self._clock, progress=progress
            )
        except DatabaseCorrupt as error:
            self._reopen_plaintext()
            raise self._damaged(error, credentials) from error
        except BaseException:
            self._reopen_plaintext()
            raise
        self._office = office
        self.new_recovery_code = office.new_recovery_code
        if self._language_chosen is not None:
            self.settings.set(UI_LANGUAGE, self._language_chosen)
            self._language_chosen = None
        assert office.signed_in is not None
        signed_in = self.sign_in.sign_in(office.signed_in)
        self._keep_sign_in_screen()
        return signed_in

    def _close_for_sign_in(self) -> None:
        """A sign-in opens the folder afresh (with the account's credentials)."""
        if self._office is not None:
            self.sign_in.officer = None
            self.sign_in.locked = False
            if not self._office.encrypted:
                self._office.database.finish_integrity_check()  # the start's check, if running
            self._office.close()
            self._office = None

    def _reopen_plaintext(self) -> None:
        """A plaintext folder of the release before stays open between sign-ins."""
        if self._office is None:
            reopened = CounterSession.open(self._data_dir, clock=self._clock)
            self._office = reopened._office

    def _damaged(self, error: DatabaseCorrupt, credentials: PasswordCredentials) -> DamagedAtSignIn:
        """The password was right but the database is damaged: the office key, for the window
        to offer the newest sound snapshot (which opens only with it)."""
        from interview_app.storage.unlock import unlock

        office_key: tuple[str, bytes] | None = None
        if folder_is_encrypted(self._data_dir):
            unlocked = unlock(self._data_dir, credentials, clock=self._clock)
            office_key = (unlocked.office_code, unlocked.key)
        return DamagedAtSignIn(error.message.id, error.message.en, office_key=office_key)

    def change_password(self, current: str, new: str, repeated: str) -> SignedIn:
        return self.sign_in.change_password(current, new, repeated)

    def logout(self) -> None:
        """Sign out: on an encrypted folder the database closes and the key leaves memory."""
        if self._office is None:
            self.sign_in.officer = None
            return
        self._keep_sign_in_screen()
        self.sign_in.logout()
        if self._office.encrypted:
            self._office.close()
            self._office = None
            self._questionnaires.clear()

    def lock(self) -> None:
        self.sign_in.lock()

    def unlock(self, password: str) -> SignedIn:
        return self.sign_in.unlock(password)

    def require(self) -> SignedIn:
        return self.sign_in.require()

    def daily_snapshot(self) -> Path | None:
        """The day's first sign-in copies the database into snapshots/ (checked, whole or
        absent; the newest seven are kept); later ones that day do nothing."""
        from interview_app.storage.maintenance import snapshot_daily_if_due

        return snapshot_daily_if_due(self.database, now=self.clock())

    # -- scripts ----------------------------------------------------------------------------
    def active_questionnaire(self) -> tuple[str, Questionnaire]:
        """The active script; the shipped default is installed and activated on first use, and
        replaces an earlier shipped default still in use unchanged."""
        from interview_app.workflow.default_script import ensure_default_script

        digest, text = ensure_default_script(self.storage.scripts)
        return digest, self.questionnaire(digest, text)

    def questionnaire(self, digest: str, text: str | None = None) -> Questionnaire:
        """The script with this content hash (loaded once per session)."""
        from interview_app.questionnaire.loader import load_text

        cached = self._questionnaires.get(digest)
        if cached is None:
            if text is None:
                text = self.storage.scripts.get(digest)
            cached = load_text(text, f"naskah {digest[:12]}")
            self._questionnaires[digest] = cached
        return cached

    # -- home -------------------------------------------------------------------------------
    def workstation_id(self) -> str:
        return str(self.settings.get(WORKSTATION_ID))

    def home(self) -> HomeView:
        self.require()
        repository = self.interviews()
        today = repository.list_today(self.workstation_id(), self.today())
        drafts = repository.list_drafts(self.workstation_id())
        corrections = repository.summaries(self.storage.unsaved_corrections.pending())
        from interview_app.supervision.retention import purge_due
        from interview_app.supervision.review_desk import returned_interviews

        assert self.officer is not None
        returned = tuple(
            ReturnedView(r.uuid, r.ref_no, r.comment, r.returned_at, r.returned_by)
            for r in returned_interviews(self.database, self.officer.officer_id)
        )
        due = purge_due(self.database, self.clock)
        overdue: tuple[Message, ...] = ()
        if self.officer.is_supervisor:
            from interview_app.slip.followup import FollowUp

            follow = FollowUp.open(self.database, self.data_dir, self.clock)
            overdue = tuple(follow.describe(r) for r in follow.overdue())
        return HomeView(
            tuple(today),
            tuple(drafts),
            returned,
            due.message() if due else None,
            tuple(corrections),
            overdue,
        )

    def search(self, text: str, limit: int = 50) -> tuple[InterviewSummary, ...]:
        self.require()
        return tuple(self.interviews().search(text, limit))

    # -- interviews -------------------------------------------------------------------------
    def _session(
        self, questionnaire: Questionnaire, stored: dict[str, object] | None
    ) -> InterviewSession:
        from interview_app.interview.engine import InterviewSession

        province = self.settings.get(OFFICE_PROVINCE)
        return InterviewSession.from_stored(
            questionnaire,
            stored or {},
            today=self.today(),
            office_province=str(province) if province else None,
            office_settings={key: self.settings.get(key) for key in questionnaire.office_settings},
        )

    def start_interview(self, language: str = "id") -> InterviewController:
        officer = self.require()
        digest, questionnaire = self.active_questionnaire()
        record = self.interviews().create_draft(
            officer_id=officer.officer_id,
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            questionnaire_hash=digest,
            language=language,
        )
        first = questionnaire.sections[0].questions[0].id
        return self._controller(questionnaire, record.uuid, record.ref_no, language, first, {}, "")

    def resume(self, uuid: str) -> InterviewController:
        """An unfinished interview, under the script version it was started with, at the
        question where it stopped."""
        self.require()
        record = self.interviews().get(uuid)
        if record.status == "completed" and self.storage.unsaved_corrections.load(uuid):
            return self.start_correction(uuid)  # a correction a crash left unsaved
        if record.status != "draft":
            raise KnownError(
                f"Wawancara {record.ref_no} sudah selesai; buka sebagai arsip.",
                f"Interview {record.ref_no} is completed; open it read-only.",
            )
        questionnaire = self.questionnaire(record.questionnaire_hash)
        return self._controller(
            questionnaire,
            record.uuid,
            record.ref_no,
            record.language or "id",
            record.current_question,
            record.answers,
            record.notes or "",
        )

    def start_correction(self, uuid: str) -> InterviewController:
        """A completed interview of this workstation opened for correction under its own
        script: answers change in memory, and saving makes one new revision with a reason."""
        from interview_app.workflow.interview import Correction

        officer = self.require()
        repository = self.interviews()
        record = repository.get(uuid)
        if record.status != "completed":
            raise KnownError(
                f"Hanya wawancara yang sudah selesai yang dikoreksi; {record.ref_no} berstatus "
                f"'{record.status}'.",
                f"Only a completed interview is corrected; {record.ref_no} is '{record.status}'.",
            )
        if record.workstation_id != self.workstation_id():
            raise KnownError(
                f"Wawancara {record.ref_no} diambil di loket lain; koreksi dibuat di loket itu "
                "lalu disinkronkan.",
                f"Interview {record.ref_no} was taken at another workstation; correct it there "
                "and sync.",
            )
        questionnaire = self.questionnaire(record.questionnaire_hash)
        repository.record_view(record.uuid, officer.officer_id)
        # A correction left unsaved by a crash goes on where it stopped.
        kept = self.storage.unsaved_corrections.load(record.uuid)
        answers = dict(record.answers)
        notes = record.notes or ""
        if kept is not None:
            for question_id, value in kept[0].items():
                if value is None:
                    answers.pop(question_id, None)
                else:
                    answers[question_id] = value
            notes = kept[1] if kept[1] is not None else notes
        controller = self._controller(
            questionnaire,
            record.uuid,
            record.ref_no,
            record.language or "id",
            None,
            answers,
            notes,
            Correction(
                record.chosen_outcome,
                record.override_reason,
                bool(record.consent_bp3mi),
                record.suspected_purpose,
            ),
        )
        if kept is not None:
            controller.changed = set(kept[0]) | ({"notes"} if kept[1] is not None else set())
        first = controller.session.first_question()
        controller.current = first.id if first is not None else None
        return controller

    def _controller(
        self,
        questionnaire: Questionnaire,
        uuid: str,
        ref_no: str,
        language: str,
        current: str | None,
        stored: dict[str, object],
        notes: str,
        correction: Correction | None = None,
    ) -> InterviewController:
        from interview_app.workflow.interview import InterviewController

        assert self.officer is not None
        repository = self.interviews()
        session = self._session(questionnaire, stored)
        if current is not None and not session.is_relevant(current):
            current = None
        if current is None and not session.missing_required():
            pass  # every answer is in: the officer stopped at the review
        elif current is None:
            point = session.resume_point()
            current = point.id if point is not None else None
        return InterviewController(
            session=session,
            repository=repository,
            uuid=uuid,
            ref_no=ref_no,
            officer_id=self.officer.officer_id,
            language=language,
            current_question=current,
            notes=notes,
            repeat_lookup=lambda nik, passport, exclude: repository.repeat_applicants(
                nik=nik, passport_no=passport, exclude_uuid=exclude
            ),
            typing_store=self.storage.half_typed,
            correction=correction,
            correction_store=self.storage.unsaved_corrections,
            recruiter_lookup=repository.same_recruiter,
            referral_lookup=self._referral_status,
        )

    def _referral_status(self, interview_uuid: str) -> Message | None:
        """An earlier interview's referral and its status (the repeat panel's line), or None
        when that interview was no referral to BP3MI."""
        from interview_app.slip.followup import FollowUp

        follow = FollowUp.open(self.database, self.data_dir, self.clock)
        found = follow.find_by_interview(interview_uuid)
        return follow.describe(found) if found is not None else None

    def correct(
        self,
        uuid: str,
        *,
        reason: str,
        changes: dict[str, object],
        chosen_outcome: str | None = None,
        override_reason: str | None = None,
    ) -> RecordView:
        """A completed interview corrected: the changed answers go through the engine of the
        interview's own script (its checks, flags, score and suggestion), and storage keeps the
        earlier revision with the reason. The outcome stays unless another is chosen."""
        from interview_app.workflow.interview import identity_keys
        from interview_app.workflow.recruiter import flags_to_keep, recruiter_signal

        officer = self.require()
        repository = self.interviews()
        record = repository.get(uuid)
        questionnaire = self.questionnaire(record.questionnaire_hash)
        session = self._session(questionnaire, record.answers)
        for question_id, raw in changes.items():
            result = session.answer(question_id, raw, confirm_warnings=True)
            if not result.saved:
                problems = "; ".join(m.id for m in result.errors)
                problems_en = "; ".join(m.en for m in result.errors)
                raise KnownError(
                    f"Jawaban {question_id} ditolak: {problems}",
                    f"The answer to {question_id} was refused: {problems_en}",
                )
        outcome = chosen_outcome or record.chosen_outcome or session.suggestion.code
        identity = session.identity_fields()
        recruiter = recruiter_signal(session, repository.same_recruiter, record.uuid)
        updated = repository.correct(
            record.uuid,
            reason=reason,
            officer_id=officer.officer_id,
            answers=session.stored_answers(),
            flags=flags_to_keep(session, recruiter),
            score=session.score,
            hard_flag=session.hard_flag,
            suggested_outcome=session.suggestion.code,
            chosen_outcome=outcome,
            override_reason=(override_reason or record.override_reason)
            if outcome != session.suggestion.code
            else None,
            identity={
                **{k: identity.get(k) for k in identity_keys(questionnaire)},
                **recruiter.keys.columns(),
            },
        )
        return self.open_record(updated.uuid)

    def repeat_applicants(
        self, nik: str, exclude_uuid: str | None = None
    ) -> tuple[InterviewSummary, ...]:
        self.require()
        return tuple(self.interviews().repeat_applicants(nik=nik, exclude_uuid=exclude_uuid))

    def open_record(self, uuid: str, language: str = "id") -> RecordView:
        """A stored interview, read-only, under its own script; the view is audit-logged."""
        officer = self.require()
        repository = self.interviews()
        record = repository.get(uuid)
        repository.record_view(record.uuid, officer.officer_id)
        from interview_app.workflow.decision_view import build_review

        try:
            questionnaire = self.questionnaire(record.questionnaire_hash)
            sections = build_review(self._session(questionnaire, record.answers), language).sections
        except KnownError:
            sections = ()  # a script synced from another office and not installed here
        flags = tuple(
            FlagView(f.rule_id, f.weight, f.hard, Message(f.reason_id, f.reason_en))
            for f in record.flags
        )
        return RecordView(
            record.uuid,
            record.ref_no,
            record.status,
            record.created_at,
            record.office_code,
            record.full_name,
            record.outcome,
            record.score,
            flags,
            sections,
            record.status == "completed" and record.workstation_id == self.workstation_id(),
        )
