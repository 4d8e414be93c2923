"""The supervisor session a command runs in: the data folder opened with the command's
credentials (commands.credentials), the role and a forced change checked."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from interview_app.commands.credentials import open_office
from interview_app.commands.data_folder import existing_data_dir
from interview_app.errors import KnownError
from interview_app.storage.office import Office
from interview_app.storage.office_settings import officer_repository
from interview_app.storage.officers import OfficerRepository
from interview_app.supervision.session import SupervisorSession

Handler = Callable[[SupervisorSession, argparse.Namespace], int]


def officers(office: Office) -> OfficerRepository:
    """Accounts with the lockout limits from the office settings (as at the counter)."""
    return officer_repository(office.database, office.audit, office.clock)


RECOVERY_ONLY_RESETS = KnownError(
    "Kode pemulihan hanya membuka folder untuk mengatur ulang kata sandi ('account "
    "reset-password'). Untuk perintah ini, masuk sebagai supervisor (--as).",
    "The recovery code opens the folder only to reset passwords ('account reset-password'). "
    "For this command, sign in as a supervisor (--as).",
)


def must_change_password_first() -> KnownError:
    return KnownError(
        "Kata sandi akun ini harus diganti dulu ('interview-app account change-password').",
        "This account's password must be changed first ('interview-app account change-password').",
    )


def supervisor_of(office: Office) -> SupervisorSession:
    """The session of the supervisor who opened `office`. An officer's account gets
    PermissionDenied; a supervisor who must change the password is sent to do that first."""
    officer = office.signed_in
    if officer is None:
        raise RECOVERY_ONLY_RESETS
    session = SupervisorSession.open(office, officer.id)
    session.require()
    if officer.must_change_password:
        raise must_change_password_first()
    return session


@contextmanager
def supervisor_session(args: argparse.Namespace) -> Iterator[SupervisorSession]:
    """Open the data folder signed in as the --as account; refused unless it is a supervisor."""
    with open_office(args) as office:
        yield supervisor_of(office)


def as_supervisor(handler: Handler) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with supervisor_session(args) as session:
            return handler(session, args)

    return run


def locked(
    command: str, run: Callable[[argparse.Namespace], int]
) -> Callable[[argparse.Namespace], int]:
    """`run` under the data folder's writer lock, taken before anything is read or signed in:
    a second writer is refused with nothing changed, not even a sign-in logged."""

    def run_locked(args: argparse.Namespace) -> int:
        from interview_app.storage.app_lock import writer_lock

        with writer_lock(existing_data_dir(args.data_dir), command):
            return run(args)

    return run_locked
