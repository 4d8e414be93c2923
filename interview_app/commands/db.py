"""`interview-app db check|backup|snapshots|restore`: integrity, schema version and audit chain;
online backups; the automatic snapshots and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from interview_app.commands.arguments import data_dir_argument
from interview_app.commands.credentials import (
    credential_arguments,
    credentials_from,
    gives_credentials,
    open_office,
)
from interview_app.commands.data_folder import existing_data_dir
from interview_app.errors import KnownError
from interview_app.storage.app_lock import writer_lock
from interview_app.storage.cipher import database_key, is_plaintext_database, looks_encrypted
from interview_app.storage.keyslots import keyslots_path
from interview_app.storage.maintenance import (
    backup,
    check,
    list_snapshots,
    newest_sound_snapshot,
    remove_leftover_copies,
    restore_snapshot,
)
from interview_app.storage.office import Office
from interview_app.storage.paths import database_path, resolve_data_dir
from interview_app.storage.raw_copy import backup_encrypted, keyslots_copy_path
from interview_app.storage.shape_check import check_shape
from interview_app.storage.unlock import folder_is_encrypted, unlock


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="basis data / database")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check_parser = actions.add_parser("check", help="periksa integritas / check integrity")
    data_dir_argument(check_parser)
    check_parser.add_argument(
        "--file", metavar="FILE", help="periksa berkas cadangan ini / check this backup file"
    )
    check_parser.add_argument(
        "--anchors-from",
        metavar="DIR",
        help="folder data loket lain yang pernah mengimpor paket loket ini: log audit dicek "
        "terhadap jangkar terbaru di sana / another workstation's data folder that imported "
        "this one's packages: the audit chain is checked against the newest anchor held there",
    )
    credential_arguments(check_parser)
    check_parser.set_defaults(handler=run_check)
    backup_parser = actions.add_parser("backup", help="cadangkan / back up")
    data_dir_argument(backup_parser)
    backup_parser.add_argument("--out", required=True, metavar="FILE")
    backup_parser.add_argument(
        "--overwrite",
        action="store_true",
        help="timpa berkas cadangan yang sudah ada / replace an existing backup file",
    )
    credential_arguments(backup_parser)
    backup_parser.set_defaults(handler=run_backup)
    list_parser = actions.add_parser(
        "snapshots", help="daftar snapshot otomatis / list the automatic snapshots"
    )
    data_dir_argument(list_parser)
    credential_arguments(list_parser)
    list_parser.set_defaults(handler=run_snapshots)
    restore_parser = actions.add_parser(
        "restore",
        help="pulihkan dari snapshot (aplikasi harus ditutup) / restore a snapshot (the app "
        "must be closed)",
    )
    data_dir_argument(restore_parser)
    restore_parser.add_argument(
        "--snapshot",
        metavar="FILE",
        help="snapshot yang dipulihkan; bawaan: yang terbaru yang utuh / the snapshot to "
        "restore; default: the newest sound one",
    )
    credential_arguments(restore_parser)
    restore_parser.set_defaults(handler=run_restore)


def _anchor(args: argparse.Namespace, checked: Path) -> tuple[int, str] | None:
    """The outside anchor for the checked database's own chain, when --anchors-from is given."""
    if not args.anchors_from:
        return None
    from interview_app.sync.outside_anchor import newest_anchor, workstation_of

    workstation = workstation_of(checked)
    if workstation is None:
        raise KnownError(
            f"{checked} tidak menyebut loketnya; jangkar tidak dapat dicari.",
            f"{checked} does not name its workstation; no anchor can be looked up.",
        )
    anchor = newest_anchor(Path(args.anchors_from), workstation)
    if anchor is None:
        print(
            f"Tidak ada jangkar untuk loket {workstation} di {args.anchors_from} (belum pernah "
            f"mengimpor paketnya) / no anchor for workstation {workstation} in "
            f"{args.anchors_from} (none of its packages was imported there)"
        )
    else:
        print(f"Jangkar / anchor: entri #{anchor[0]} dari / from {args.anchors_from}")
    return anchor


PageKey = bytes | None
OfficeKey = tuple[str, bytes] | None


def _signed_in_keys(args: argparse.Namespace, data_dir: Path) -> tuple[PageKey, OfficeKey]:
    """The folder's page key and (office code, office key), unwrapped by the command's
    credentials (commands.credentials): the account's key slot, its lockout counted in
    lockout.json, or the recovery code. The database is not opened for it: these commands
    check, copy or replace the file and write nothing into it, not even a sign-in (a check
    must find the file as it was; a damaged audit log must not stop the check that reports
    it). An encrypted folder without credentials is refused, nothing changed. A plaintext
    folder of the release before opens as before (office.key lies beside it), or, given
    credentials, signs in and is converted by a supervisor (commands.credentials)."""
    if folder_is_encrypted(data_dir):
        unlocked = unlock(data_dir, credentials_from(args))
        return database_key(unlocked.key), (unlocked.office_code, unlocked.key)
    if not gives_credentials(args):
        return None, None
    with open_office(args, data_dir=data_dir) as office:
        return office.database.key, office.key_on_file


def run_check(args: argparse.Namespace) -> int:
    if args.file:
        if not Path(args.file).is_file():
            raise KnownError(f"Berkas {args.file} tidak ada.", f"There is no file {args.file}.")
        data_dir = resolve_data_dir(args.data_dir)
        checked = Path(args.file)
    else:
        data_dir = existing_data_dir(args.data_dir)
        checked = database_path(data_dir)
    if not gives_credentials(args) and _encrypted_file(data_dir, checked):
        return _check_without_key(data_dir, checked)
    key, office_key = _signed_in_keys(args, data_dir)
    report = check(
        data_dir,
        database_file=checked,
        expected_head=_anchor(args, checked),
        key=key,
        office_key=office_key,
    )
    print(report.summary("id"))
    print(report.summary("en"))
    return 0 if report.ok else 1


def _encrypted_file(data_dir: Path, checked: Path) -> bool:
    """An encrypted database file, or one beside key slots that is no plaintext SQLite (an
    encrypted file cut short: the shape check names what is wrong with it)."""
    if looks_encrypted(checked):
        return True
    own = checked == database_path(data_dir)
    slots = keyslots_path(data_dir) if own else keyslots_copy_path(checked)
    return slots.exists() and checked.stat().st_size > 0 and not is_plaintext_database(checked)


def _check_without_key(data_dir: Path, checked: Path) -> int:
    """What can be checked without the key (storage.shape_check), and what could not."""
    if checked == database_path(data_dir):
        report = check_shape(
            checked, keyslots_file=keyslots_path(data_dir), lockout_folder=data_dir
        )
    else:  # a backup: the key slots copied beside it, when they were
        slots = keyslots_copy_path(checked)
        report = check_shape(checked, keyslots_file=slots if slots.exists() else None)
    print(report.summary("id"))
    print(report.summary("en"))
    return 0 if report.ok else 1


def _backup_without_key(data_dir: Path, args: argparse.Namespace) -> int:
    """The encrypted pages copied as they are (storage.raw_copy): no password needed."""
    done = backup_encrypted(data_dir, Path(args.out), overwrite=args.overwrite)
    print(f"Cadangan tersimpan / backup written: {done.database} ({done.size:,} bita / bytes)")
    print(f"Slot kunci / key slots: {done.keyslots}")
    if done.wal_frames:
        print(
            f"{done.wal_frames} bingkai WAL yang sudah di-commit ikut disalin / committed WAL "
            "frames folded in"
        )
    if done.note is not None:
        print(done.note)
    print(
        "Salinan terenkripsi halaman demi halaman; hanya terbuka dengan kata sandi akun (slot "
        "kuncinya ada di berkas slot kunci di atas) atau kode pemulihan kantor. Simpan kedua "
        "berkas bersama. / The copy is encrypted page by page; it opens only with an account's "
        "password (its key slot is in the key slots file above) or the office recovery code. "
        "Keep both files together."
    )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    data_dir = existing_data_dir(args.data_dir)
    if not gives_credentials(args) and folder_is_encrypted(data_dir):
        return _backup_without_key(data_dir, args)
    _, office_key = _signed_in_keys(args, data_dir)
    with Office.open(data_dir, key=office_key) as office:
        written = backup(office.database, Path(args.out), overwrite=args.overwrite)
    print(f"Cadangan tersimpan / backup written: {written}")
    return 0


def run_snapshots(args: argparse.Namespace) -> int:
    data_dir = existing_data_dir(args.data_dir)
    _signed_in_keys(args, data_dir)  # the snapshots hold personal data: only for who may open
    found = list_snapshots(data_dir)
    if not found:
        print("Belum ada snapshot. / No snapshots yet.")
        return 0
    for path in found:
        size = path.stat().st_size / (1024 * 1024)
        print(f"{path.name}  {size:.1f} MiB")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Put a snapshot in place of the database; the replaced file goes to backups/."""
    data_dir = resolve_data_dir(args.data_dir)
    with writer_lock(data_dir, "db restore"):
        key, office_key = _signed_in_keys(args, data_dir)
        remove_leftover_copies(data_dir)
        return _restore(data_dir, args, key, office_key)


def _restore(data_dir: Path, args: argparse.Namespace, key: PageKey, office_key: OfficeKey) -> int:
    if args.snapshot:
        chosen = Path(args.snapshot)
    else:
        found = newest_sound_snapshot(data_dir, key=key)
        if found is None:
            raise KnownError(
                f"Tidak ada snapshot yang utuh di {data_dir}.",
                f"There is no sound snapshot in {data_dir}.",
            )
        chosen = found
    aside = restore_snapshot(data_dir, chosen, key=key, office_key=office_key)
    print(f"Dipulihkan dari / restored from: {chosen.name}")
    print(f"Berkas lama disimpan di / the replaced file was kept as: {aside}")
    return 0
