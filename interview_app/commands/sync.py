"""`interview-app export|import|sync-key export|setup`: USB sync packages and the office key."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from interview_app.commands.admin import new_password_argument
from interview_app.commands.arguments import data_dir_argument
from interview_app.commands.credentials import (
    credential_arguments,
    gives_credentials,
    not_signed_in,
    open_office,
    show_new_recovery_code,
)
from interview_app.commands.data_folder import existing_data_dir
from interview_app.commands.secret_input import (
    ENV_KEY_PASSPHRASE,
    ENV_NEW_PASSWORD,
    KEY_PASSPHRASE,
    read_secret,
)
from interview_app.commands.supervisor_signin import must_change_password_first
from interview_app.errors import KnownError, PermissionDenied
from interview_app.storage.app_lock import writer_lock
from interview_app.storage.office import Office
from interview_app.storage.paths import chosen_data_dir, resolve_data_dir
from interview_app.sync.export import export_package
from interview_app.sync.importer import ImportPlan, import_packages
from interview_app.sync.keyfile import (
    CLEAR_KEY_FILE_WARNING,
    MIN_PASSPHRASE_LENGTH,
    check_passphrase,
    export_key_file,
    key_file_needs_passphrase,
)
from interview_app.sync.workstation import (
    FirstSupervisor,
    check_setup,
    require_supervisor_for_new_folder,
    set_up_checked,
)

ENV_SYNC_KEY_FILE = "INTERVIEW_APP_SYNC_KEY_FILE"

# Packages carry personal data out of and into the folder: any active account may export and
# import (as the app's sync menu allows every signed-in officer), never the recovery code,
# which opens the folder only to reset passwords.
RECOVERY_CODE_CANNOT_SYNC = KnownError(
    "Kode pemulihan hanya membuka folder untuk mengatur ulang kata sandi, bukan untuk ekspor "
    "atau impor. Masuk dengan akun Anda (--as USERNAME dan --password-file). Tidak ada yang "
    "diubah.",
    "The recovery code opens the folder only to reset passwords, not to export or import. "
    "Sign in with your account (--as USERNAME and --password-file). Nothing was changed.",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="ekspor paket sinkron / export a sync package")
    data_dir_argument(export)
    credential_arguments(export, recovery=False)
    export.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder tujuan (flashdisk) / destination folder (stick)",
    )
    export.add_argument(
        "--full",
        action="store_true",
        help="semua wawancara, bukan hanya yang baru / everything, not only new",
    )
    export.set_defaults(handler=run_export)

    imp = subparsers.add_parser("import", help="impor paket sinkron / import sync packages")
    data_dir_argument(imp)
    credential_arguments(imp, recovery=False)
    imp.add_argument("packages", nargs="+", metavar="PACKAGE")
    imp.set_defaults(handler=run_import)

    key = subparsers.add_parser("sync-key", help="kunci kantor / office key")
    actions = key.add_subparsers(dest="action", metavar="ACTION", required=True)
    key_export = actions.add_parser("export", help="tulis berkas kunci / write the key file")
    data_dir_argument(key_export)
    credential_arguments(key_export)
    key_export.add_argument("--out", required=True, metavar="FILE")
    _passphrase_argument(
        key_export,
        f"frasa sandi baru, minimal {MIN_PASSPHRASE_LENGTH} karakter / the new passphrase, "
        f"at least {MIN_PASSPHRASE_LENGTH} characters",
    )
    key_export.add_argument(
        "--overwrite",
        action="store_true",
        help="timpa berkas yang sudah ada / replace an existing file",
    )
    key_export.set_defaults(handler=run_key_export)

    setup = subparsers.add_parser(
        "setup", help="pasang komputer baru di kantor yang sama / set up another workstation"
    )
    data_dir_argument(setup)
    setup.add_argument(
        "--station", required=True, metavar="NAME", help="nama loket/komputer / workstation name"
    )
    setup.add_argument(
        "--sync-key-file",
        default=os.environ.get(ENV_SYNC_KEY_FILE),
        required=not os.environ.get(ENV_SYNC_KEY_FILE),
        metavar="FILE",
        help=f"berkas kunci kantor / office key file (or {ENV_SYNC_KEY_FILE})",
    )
    _passphrase_argument(setup, "frasa sandi berkas kunci / the key file's passphrase")
    setup.add_argument(
        "--supervisor",
        metavar="USERNAME",
        help="supervisor pertama komputer ini / this workstation's first supervisor",
    )
    setup.add_argument(
        "--name", metavar="NAME", help="nama lengkap supervisor itu / that supervisor's full name"
    )
    new_password_argument(setup)
    setup.add_argument("--office-name", metavar="NAME")
    setup.add_argument(
        "--station-code",
        metavar="CODE",
        help="kode loket untuk nomor referensi / code in reference numbers",
    )
    setup.set_defaults(handler=run_setup)


def _passphrase_argument(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument(
        "--passphrase-file", metavar="FILE", help=f"{text} (or {ENV_KEY_PASSPHRASE})"
    )


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    return read_secret(
        args.passphrase_file,
        ENV_KEY_PASSPHRASE,
        "Frasa sandi berkas kunci / key file passphrase: ",
        what=KEY_PASSPHRASE,
        confirm=confirm,
    )


def _out_folder(value: str) -> Path:
    """The destination folder as given; an empty value is refused (it would mean the folder
    the command happens to run in)."""
    if not value.strip():
        raise KnownError(
            "Folder tujuan (--out) kosong. Sebutkan folder flashdisk tujuan.",
            "The destination folder (--out) is empty. Name the stick's folder.",
        )
    return Path(value)


def _signed_in(args: argparse.Namespace, data_dir: Path) -> tuple[Office, str]:
    """The data folder opened by the account the command signs in as, and that account's
    username (the actor in the sync history and the audit log). Refused, with nothing opened,
    without an account; refused for an account that must change its password first."""
    office = open_office(args, data_dir=data_dir, recovery_refused=RECOVERY_CODE_CANNOT_SYNC)
    officer = office.signed_in
    if officer is None or officer.must_change_password:
        office.close()
        raise RECOVERY_CODE_CANNOT_SYNC if officer is None else must_change_password_first()
    return office, officer.username


def _require_credentials(args: argparse.Namespace) -> None:
    """Before the folder is locked or anything is read: nobody named, nothing touched."""
    if not gives_credentials(args):
        raise not_signed_in(recovery=False)


def run_export(args: argparse.Namespace) -> int:
    data_dir = existing_data_dir(args.data_dir)
    out = _out_folder(args.out)
    _require_credentials(args)
    with writer_lock(data_dir, "export"):
        office, actor = _signed_in(args, data_dir)
        with office:
            result = export_package(office.database, data_dir, out, full=args.full, actor=actor)
    print(result.message().id)
    print(result.message().en)
    if result.path is not None:
        counts = ", ".join(f"{name} {value}" for name, value in result.counts.items())
        print(f"{result.path}\n{counts}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    data_dir = existing_data_dir(args.data_dir)

    def show(plan: ImportPlan) -> None:
        print(plan.summary().id)
        print(plan.summary().en, flush=True)

    _require_credentials(args)
    with writer_lock(data_dir, "import"):
        office, actor = _signed_in(args, data_dir)
        with office:
            outcomes = import_packages(
                office.database,
                data_dir,
                [Path(p) for p in args.packages],
                actor=actor,
                on_plan=show,
            )
    refused = 0
    for outcome in outcomes:
        if outcome.error is not None:
            refused += 1
            sys.stderr.write(
                f"{outcome.path}: DITOLAK / REFUSED\n"
                f"{outcome.error.message.id}\n{outcome.error.message.en}\n"
            )
        elif outcome.result is not None:
            print(outcome.result.summary().id)
            print(outcome.result.summary().en)
    return 1 if refused else 0


def _require_supervisor(office: Office) -> None:
    """The office key file opens every package of the office: a supervisor exports it (or the
    office recovery code, kept by one)."""
    officer = office.signed_in
    if officer is not None and not officer.is_supervisor:
        raise PermissionDenied(
            "Hanya supervisor yang dapat mengekspor kunci kantor.",
            "Only a supervisor can export the office key.",
        )


def run_key_export(args: argparse.Namespace) -> int:
    data_dir = existing_data_dir(args.data_dir)
    passphrase = _passphrase(args, confirm=True)
    check_passphrase(passphrase)  # before anyone signs in
    with open_office(args, data_dir=data_dir) as office:
        _require_supervisor(office)
        out = export_key_file(
            office, Path(args.out), passphrase=passphrase, overwrite=args.overwrite
        )
    print(f"Berkas kunci kantor tersimpan / office key file written: {out}")
    print(
        "Simpan terpisah dari flashdisk data; sampaikan frasa sandinya terpisah dari berkas. / "
        "Keep it apart from data sticks; give its passphrase separately from the file."
    )
    return 0


def _first_supervisor(args: argparse.Namespace) -> FirstSupervisor | None:
    """--supervisor, --name and the new password; None when neither name is given (setting up
    a workstation again); one without the other is refused."""
    if args.supervisor is None and args.name is None:
        return None
    if not (args.supervisor or "").strip() or not (args.name or "").strip():
        raise KnownError(
            'Supervisor pertama: berikan --supervisor NAMA_PENGGUNA dan --name "NAMA LENGKAP" '
            "bersama-sama. Tidak ada yang dibuat.",
            'The first supervisor: give --supervisor USERNAME and --name "FULL NAME" '
            "together. Nothing was created.",
        )
    password = read_secret(
        args.new_password_file,
        ENV_NEW_PASSWORD,
        f"Kata sandi baru / new password {args.supervisor}: ",
        what=("kata sandi baru", "new password", "--new-password-file"),
        confirm=True,
    )
    return FirstSupervisor(args.supervisor.strip(), args.name.strip(), password)


def run_setup(args: argparse.Namespace) -> int:
    # Everything is checked before the data folder is made: a wrong passphrase or a missing
    # supervisor leaves nothing behind.
    key_file = Path(args.sync_key_file)
    passphrase = _passphrase(args) if key_file_needs_passphrase(key_file) else None
    supervisor = _first_supervisor(args)
    require_supervisor_for_new_folder(chosen_data_dir(args.data_dir).expanduser(), supervisor)
    checked = check_setup(args.station, key_file, passphrase, args.station_code)
    data_dir = resolve_data_dir(args.data_dir)
    with writer_lock(data_dir, "setup"):
        result = set_up_checked(
            data_dir, checked, supervisor=supervisor, office_name=args.office_name
        )
    print(f"Kantor / office: {result.office_code} ({result.office_name})")
    print(
        f"Komputer / workstation: {result.workstation_name} [{result.workstation_code}]"
        f" id {result.workstation_id}"
    )
    if supervisor is not None:
        print(f"Supervisor: {supervisor.username} ({supervisor.full_name})")
    if result.recovery_code is not None:
        show_new_recovery_code(result.recovery_code)
    if result.key_file_in_clear:
        sys.stderr.write(f"{CLEAR_KEY_FILE_WARNING.id}\n{CLEAR_KEY_FILE_WARNING.en}\n")
    return 0
