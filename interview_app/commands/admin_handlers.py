"""The work behind the supervisor commands (each handler); commands/admin.py only declares
their arguments, so that starting the app does not load reports and charts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from interview_app.commands.credentials import (
    as_user,
    credentials_from,
    open_office,
    show_new_recovery_code,
)
from interview_app.commands.data_folder import existing_data_dir
from interview_app.commands.secret_input import ENV_NEW_PASSWORD, read_secret
from interview_app.commands.supervisor_signin import (
    as_supervisor,
    locked,
    officers,
    supervisor_of,
)
from interview_app.errors import KnownError
from interview_app.settings_spec import SETTINGS, spec_for
from interview_app.storage.office import Office
from interview_app.storage.unlock import PasswordCredentials
from interview_app.supervision.accounts import AccountAdmin
from interview_app.supervision.audit_view import AuditFilter, AuditViewer
from interview_app.supervision.recovery_codes import replace_recovery_code
from interview_app.supervision.retention import Retention
from interview_app.supervision.scripts import ScriptAdmin, diff
from interview_app.supervision.session import SupervisorSession


def _new_password(args: argparse.Namespace) -> str:
    return read_secret(args.new_password_file, ENV_NEW_PASSWORD, "Kata sandi baru / new password: ")


def _say(id_text: str, en_text: str) -> None:
    print(id_text)
    print(en_text)


# -- account ------------------------------------------------------------------------------------


def _account_list(session: SupervisorSession, args: argparse.Namespace) -> int:
    for info in AccountAdmin(session).list():
        o = info.officer
        print(f"{o.username:<16} {o.role:<10} {info.status_text:<40} {o.full_name}")
    return 0


def _account_create(args: argparse.Namespace) -> int:
    """Needs a supervisor, except for the very first supervisor of a new office."""
    if as_user(args):
        return as_supervisor(_account_create_as)(args)
    with Office.open(existing_data_dir(args.data_dir)) as office:
        accounts = officers(office)
        if accounts.any_supervisor() or args.role != "supervisor":
            raise KnownError(
                "Sebutkan akun supervisor yang membuat akun ini (--as).",
                "Name the supervisor account creating this account (--as).",
            )
        officer = accounts.create(
            args.username,
            args.name,
            args.nip,
            "supervisor",
            _new_password(args),
            must_change_password=False,
        )
    _say(
        f"Supervisor pertama dibuat: {officer.username}",
        f"First supervisor created: {officer.username}",
    )
    return 0


def _account_create_as(session: SupervisorSession, args: argparse.Namespace) -> int:
    officer = AccountAdmin(session).create(
        args.username, args.name, args.nip, args.role, _new_password(args)
    )
    _say(
        f"Akun dibuat: {officer.username} ({officer.role}); kata sandi wajib diganti saat masuk.",
        f"Account created: {officer.username} ({officer.role}); the password must be changed "
        "at first login.",
    )
    return 0


def _target(session: SupervisorSession, args: argparse.Namespace) -> int:
    return AccountAdmin(session).find(args.username).id


def _account_deactivate(session: SupervisorSession, args: argparse.Namespace) -> int:
    AccountAdmin(session).deactivate(_target(session, args))
    _say(f"Akun {args.username} dinonaktifkan.", f"Account {args.username} deactivated.")
    return 0


def _account_activate(session: SupervisorSession, args: argparse.Namespace) -> int:
    can_sign_in = AccountAdmin(session).activate(_target(session, args))
    _say(f"Akun {args.username} diaktifkan.", f"Account {args.username} activated.")
    if not can_sign_in:
        _say(
            f"Atur ulang kata sandinya ('account reset-password {args.username}') agar akun itu "
            "dapat masuk lagi.",
            f"Reset its password ('account reset-password {args.username}') so that it can "
            "sign in again.",
        )
    return 0


def _account_reset(args: argparse.Namespace) -> int:
    """A supervisor's reset; or, with the office recovery code (every supervisor's password
    forgotten), the one thing that code opens the folder for."""
    with open_office(args) as office:
        if office.via_recovery_code:
            accounts = officers(office)
            target = accounts.find(args.username)
            if target is None:
                raise KnownError(
                    f"Akun {args.username} tidak ada.", f"There is no account {args.username}."
                )
            accounts.reset_password(None, target.id, _new_password(args))
        else:
            session = supervisor_of(office)
            AccountAdmin(session).reset_password(_target(session, args), _new_password(args))
    _say(
        f"Kata sandi {args.username} diatur ulang; wajib diganti saat masuk berikutnya.",
        f"Password of {args.username} reset; it must be changed at the next login.",
    )
    return 0


def _account_unlock(session: SupervisorSession, args: argparse.Namespace) -> int:
    AccountAdmin(session).unlock(_target(session, args))
    _say(f"Akun {args.username} dibuka kuncinya.", f"Account {args.username} unlocked.")
    return 0


def _account_change_password(args: argparse.Namespace) -> int:
    """Any account's own change (also the forced one after a reset)."""
    credentials = credentials_from(args)
    if not isinstance(credentials, PasswordCredentials):
        raise KnownError(
            "Kata sandi sendiri diganti dengan --as dan kata sandi sekarang, bukan kode pemulihan.",
            "One's own password is changed with --as and the current password, not the "
            "recovery code.",
        )
    with Office.open(existing_data_dir(args.data_dir), credentials=credentials) as office:
        assert office.signed_in is not None
        officers(office).change_password(
            office.signed_in.id, credentials.password, _new_password(args)
        )
    name = credentials.username
    _say(f"Kata sandi {name} diganti.", f"Password of {name} changed.")
    return 0


def _account_new_recovery_code(session: SupervisorSession, args: argparse.Namespace) -> int:
    """A new office recovery code (the one in the safe was lost or seen): the old stops working."""
    show_new_recovery_code(replace_recovery_code(session))
    return 0


# -- script -------------------------------------------------------------------------------------


def _script_list(session: SupervisorSession, args: argparse.Namespace) -> int:
    for info in ScriptAdmin(session).list():
        mark = "*" if info.active else " "
        print(
            f"{mark} {info.hash[:16]}  {info.script_id} v{info.version}  {info.installed_at[:19]}"
        )
    return 0


def _script_install(session: SupervisorSession, args: argparse.Namespace) -> int:
    result = ScriptAdmin(session).install_file(Path(args.file))
    q = result.questionnaire
    if result.already_installed:
        _say(
            f"Sudah terpasang: {q.id} v{q.version} {result.hash[:16]}",
            f"Installed already: {q.id} v{q.version} {result.hash[:16]}",
        )
    else:
        _say(
            f"Terpasang (belum aktif): {q.id} v{q.version} {result.hash[:16]}",
            f"Installed (not active): {q.id} v{q.version} {result.hash[:16]}",
        )
    if result.diff is not None:
        print("\n".join(result.diff.lines("id")))
    print(f"interview-app script activate {result.hash[:16]}")
    return 0


def _script_diff(session: SupervisorSession, args: argparse.Namespace) -> int:
    admin = ScriptAdmin(session)
    checked = admin.check_file(Path(args.file))
    if checked.questionnaire is None:
        for problem in checked.problems:
            sys.stderr.write(f"{problem}\n")
        raise KnownError("Naskah baru tidak sah.", "The new script is not valid.")
    old = admin.load(args.against) if args.against else admin.active()
    if old is None:
        raise KnownError("Belum ada naskah aktif.", "No script is active yet.")
    changes = diff(old, checked.questionnaire)
    print("\n".join(changes.lines("id")))
    print()
    print("\n".join(changes.lines("en")))
    return 0


def _script_activate(session: SupervisorSession, args: argparse.Namespace) -> int:
    result = ScriptAdmin(session).activate(args.hash)
    _say(
        f"Aktif: {result.script_id} v{result.version} {result.hash[:16]}",
        f"Active: {result.script_id} v{result.version} {result.hash[:16]}",
    )
    if result.outcome_codes_added:
        codes = ", ".join(result.outcome_codes_added)
        _say(
            f"Kode hasil baru ditambahkan ke pengaturan: {codes}",
            f"New outcome codes added to the settings: {codes}",
        )
    return 0


# -- settings -----------------------------------------------------------------------------------


def _settings_list(session: SupervisorSession, args: argparse.Namespace) -> int:
    session.require()
    settings = session.settings
    for spec in SETTINGS:
        print(f"{spec.key:<34} {spec.show(settings.get(spec.key))}")
    return 0


def _settings_get(session: SupervisorSession, args: argparse.Namespace) -> int:
    session.require()
    spec = spec_for(args.key)
    print(spec.show(session.settings.get(spec.key)))
    return 0


def _settings_set(session: SupervisorSession, args: argparse.Namespace) -> int:
    spec = spec_for(args.key)
    changed = session.settings.set(session, spec.key, spec.parse(args.value))
    if changed:
        _say(f"Tersimpan: {spec.key}", f"Saved: {spec.key}")
    else:
        _say(f"Tidak berubah: {spec.key}", f"Unchanged: {spec.key}")
    return 0


# -- audit --------------------------------------------------------------------------------------


def _audit_list(session: SupervisorSession, args: argparse.Namespace) -> int:
    rows = AuditViewer(session).list(
        AuditFilter(
            date_from=args.date_from,
            date_to=args.date_to,
            action=args.action_filter,
            actor=args.actor,
            limit=args.limit,
        )
    )
    for row in rows:
        e = row.entry
        target = f"{e.object_type or ''}:{e.object_id or ''}".strip(":")
        print(
            f"{e.seq:>7} {e.at[:19]} {row.actor_name:<24} {e.action:<24} {target} {row.details_text}"
        )
    return 0


def _audit_check(session: SupervisorSession, args: argparse.Namespace) -> int:
    result = AuditViewer(session).check()
    _say(result.message.id, result.message.en)
    return 0 if result.ok else 1


# -- retention ----------------------------------------------------------------------------------


def _retention_dry_run(session: SupervisorSession, args: argparse.Namespace) -> int:
    plan = Retention(session).plan()
    for candidate in plan.candidates:
        print(f"{candidate.ref_no}  {candidate.created_at[:10]}  {candidate.status}")
    _say(
        f"{plan.count} wawancara dibuat sebelum {plan.cutoff[:10]} (masa simpan "
        f"{plan.retention_years} tahun) akan dihapus.",
        f"{plan.count} interview(s) created before {plan.cutoff[:10]} (retention "
        f"{plan.retention_years} years) would be deleted.",
    )
    return 0


def _retention_purge(session: SupervisorSession, args: argparse.Namespace) -> int:
    retention = Retention(session)
    plan = retention.plan()
    if not args.yes:
        raise KnownError(
            f"{plan.count} wawancara akan dihapus permanen. Jalankan 'retention dry-run' dulu, "
            "lalu ulangi dengan --yes.",
            f"{plan.count} interview(s) would be deleted for good. Run 'retention dry-run' "
            "first, then repeat with --yes.",
        )
    result = retention.purge(plan)
    _say(result.message().id, result.message().en)
    return 0


# The commands by name ("account list", ...), each taking the parsed arguments.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "account list": as_supervisor(_account_list),
    "account create": _account_create,
    "account deactivate": as_supervisor(_account_deactivate),
    "account activate": as_supervisor(_account_activate),
    "account unlock": as_supervisor(_account_unlock),
    "account reset-password": _account_reset,
    "account new-recovery-code": as_supervisor(_account_new_recovery_code),
    "account change-password": _account_change_password,
    "script list": as_supervisor(_script_list),
    "script install": as_supervisor(_script_install),
    "script diff": as_supervisor(_script_diff),
    "script activate": as_supervisor(_script_activate),
    "settings list": as_supervisor(_settings_list),
    "settings get": as_supervisor(_settings_get),
    "settings set": as_supervisor(_settings_set),
    "audit list": as_supervisor(_audit_list),
    "audit check": as_supervisor(_audit_check),
    "retention dry-run": as_supervisor(_retention_dry_run),
    "retention purge": locked("retention purge", as_supervisor(_retention_purge)),
}
