"""Who a command acts as: `--as USERNAME` with `--password-file FILE` (or INTERVIEW_APP_USER and
INTERVIEW_APP_PASSWORD), or the office recovery code (`--recovery-code-file FILE`). Every command
that reads or writes personal data opens the data folder through here, because an encrypted
folder opens only with one of them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from interview_app.commands.data_folder import existing_data_dir
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER, read_secret
from interview_app.errors import KnownError
from interview_app.storage.office import Office
from interview_app.storage.unlock import (
    Credentials,
    PasswordCredentials,
    RecoveryCredentials,
)

ENV_RECOVERY_CODE = "INTERVIEW_APP_RECOVERY_CODE"


def credential_arguments(parser: argparse.ArgumentParser, *, recovery: bool = True) -> None:
    """--as, --password-file and (unless `recovery` is False) --recovery-code-file."""
    parser.add_argument(
        "--as",
        dest="as_user",
        default=None,
        metavar="USERNAME",
        help=f"akun yang masuk / the account that signs in (or {ENV_USER})",
    )
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        help=f"kata sandi akun itu / that account's password (or {ENV_PASSWORD})",
    )
    if recovery:
        parser.add_argument(
            "--recovery-code-file",
            metavar="FILE",
            help="kode pemulihan kantor, bukan akun / the office recovery code, instead of an "
            f"account (or {ENV_RECOVERY_CODE})",
        )


def as_user(args: argparse.Namespace) -> str | None:
    """The account named by --as or INTERVIEW_APP_USER, if any."""
    return getattr(args, "as_user", None) or os.environ.get(ENV_USER) or None


def gives_credentials(args: argparse.Namespace) -> bool:
    """Whether the command was given anyone to sign in as (without asking on a terminal)."""
    return bool(
        getattr(args, "recovery_code_file", None) or os.environ.get(ENV_RECOVERY_CODE)
    ) or bool(as_user(args))


def _recovery_code(args: argparse.Namespace) -> str | None:
    file_name = getattr(args, "recovery_code_file", None)
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8-sig").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise KnownError(
                f"Berkas kode pemulihan {file_name} tidak dapat dibaca.",
                f"The recovery code file {file_name} cannot be read.",
            ) from exc
    return os.environ.get(ENV_RECOVERY_CODE) or None


def not_signed_in() -> KnownError:
    return KnownError(
        f"Perintah ini membuka data pribadi: masuk dengan --as USERNAME dan --password-file "
        f"(atau {ENV_USER} dan {ENV_PASSWORD}), atau beri --recovery-code-file.",
        f"This command opens personal data: sign in with --as USERNAME and --password-file (or "
        f"{ENV_USER} and {ENV_PASSWORD}), or give --recovery-code-file.",
    )


def credentials_from(args: argparse.Namespace) -> Credentials:
    """The recovery code when one is given, else the account and its password (asked on a
    terminal when neither file nor variable gives it); refused when nobody is named."""
    code = _recovery_code(args)
    if code:
        return RecoveryCredentials(code)
    name = as_user(args)
    if not name:
        raise not_signed_in()
    secret = read_secret(
        getattr(args, "password_file", None), ENV_PASSWORD, f"Kata sandi / password {name}: "
    )
    return PasswordCredentials(name, secret)


def _progress(done: int, total: int, path: Path) -> None:
    if done < total:
        print(
            f"Mengenkripsi / encrypting {done + 1}/{total}: {path.name}",
            file=sys.stderr,
            flush=True,
        )


def show_new_recovery_code(code: str) -> None:
    """The recovery code, printed once: the supervisor prints it and keeps it in the safe."""
    print(
        "KODE PEMULIHAN KANTOR / OFFICE RECOVERY CODE (ditampilkan sekali saja / shown only "
        f"once):\n\n    {code}\n\n"
        "Cetak atau tulis kode ini dan simpan di brankas kantor. Tanpa kode ini dan tanpa "
        "kata sandi akun, data di komputer ini tidak dapat dibuka oleh siapa pun.\n"
        "Print or write down this code and keep it in the office safe. Without it and without "
        "an account's password, nobody can open the data on this workstation.",
        flush=True,
    )


def open_office(
    args: argparse.Namespace,
    *,
    data_dir: Path | None = None,
    recovery_refused: KnownError | None = None,
) -> Office:
    """The data folder (--data-dir) opened as the command's credentials allow. A plaintext
    folder of the release before is converted when a supervisor signs in (progress on stderr,
    the new recovery code on stdout). `recovery_refused`: the command needs an account, and
    the recovery code is refused with this message before anything is opened."""
    folder = existing_data_dir(getattr(args, "data_dir", None)) if data_dir is None else data_dir
    credentials = credentials_from(args)
    if recovery_refused is not None and isinstance(credentials, RecoveryCredentials):
        raise recovery_refused
    office = Office.open(folder, credentials=credentials, progress=_progress)
    if office.new_recovery_code is not None:
        show_new_recovery_code(office.new_recovery_code)
    return office
