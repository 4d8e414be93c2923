"""Signing an account in for the command line: --as and the password, the role, a forced
change; the open data folder and the supervisor session the handlers run in."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from interview_app.commands.data_folder import existing_data_dir
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER, read_secret
from interview_app.errors import KnownError
from interview_app.storage.office import Office
from interview_app.storage.office_settings import officer_repository
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.supervision.session import SupervisorSession

Handler = Callable[[SupervisorSession, argparse.Namespace], int]


def as_user(args: argparse.Namespace) -> str | None:
    """The account named by --as or INTERVIEW_APP_USER, if any."""
    return args.as_user or os.environ.get(ENV_USER) or None


def username(args: argparse.Namespace) -> str:
    found = as_user(args)
    if not found:
        raise KnownError(
            f"Sebutkan akun supervisor dengan --as atau {ENV_USER}.",
            f"Name the supervisor account with --as or {ENV_USER}.",
        )
    return found


def password(args: argparse.Namespace, name: str) -> str:
    return read_secret(args.password_file, ENV_PASSWORD, f"Kata sandi / password {name}: ")


def officers(office: Office) -> OfficerRepository:
    """Accounts with the lockout limits from the office settings (as at the counter)."""
    return officer_repository(office.database, office.audit, office.clock)


def authenticate(office: Office, name: str, secret: str) -> Officer:
    """Any account, with the lockout limits from the settings; logged like a login."""
    return officers(office).authenticate(name, secret)


def sign_in_supervisor(office: Office, name: str, secret: str) -> SupervisorSession:
    """A session for a supervisor whose password is right. An officer's account gets
    PermissionDenied; a supervisor who must change the password is sent to do that first."""
    officer = authenticate(office, name, secret)
    session = SupervisorSession.open(office, officer.id)
    session.require()
    if officer.must_change_password:
        raise KnownError(
            "Kata sandi akun ini harus diganti dulu ('interview-app account change-password').",
            "This account's password must be changed first "
            "('interview-app account change-password').",
        )
    return session


@contextmanager
def supervisor_session(args: argparse.Namespace) -> Iterator[SupervisorSession]:
    """Open the data folder and sign the --as account in; refused unless it is a supervisor."""
    name = username(args)
    with Office.open(existing_data_dir(args.data_dir)) as office:
        yield sign_in_supervisor(office, name, password(args, name))


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
