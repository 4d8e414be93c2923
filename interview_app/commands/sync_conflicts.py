"""`interview-app sync conflicts list|show|resolve`: the versions imports set aside, for an IT
admin or a supervisor at the command line (the Supervisor menu shows the same)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from interview_app.errors import KnownError
from interview_app.sync.review import Conflict, conflicts, mark_resolved, version_differences

if TYPE_CHECKING:
    from interview_app.supervision.session import SupervisorSession

KINDS = {
    "content_differs": "isi berbeda pada revisi yang sama / other content in the same revision",
    "owner_differs": "milik loket lain di sini / owned by another workstation here",
    "ref_no_taken": "nomor referensi sudah dipakai / reference number already used",
}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from interview_app.commands.admin import supervisor_arguments

    sync = subparsers.add_parser("sync", help="sinkronisasi / sync")
    what = sync.add_subparsers(dest="sync_command", metavar="WHAT", required=True)
    found = what.add_parser("conflicts", help="konflik sinkronisasi / sync conflicts")
    actions = found.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="daftar / list")
    supervisor_arguments(listing)
    listing.add_argument(
        "--all", action="store_true", help="juga yang sudah ditangani / resolved ones too"
    )
    listing.set_defaults(handler=_as_supervisor(run_list))
    show = actions.add_parser("show", help="kedua versi / both versions")
    supervisor_arguments(show)
    show.add_argument("id", type=int)
    show.set_defaults(handler=_as_supervisor(run_show))
    resolve = actions.add_parser("resolve", help="tandai sudah ditangani / mark as dealt with")
    supervisor_arguments(resolve)
    resolve.add_argument("id", type=int)
    resolve.add_argument("--reason", required=True, help="alasan / reason (audit log)")
    resolve.set_defaults(handler=_as_supervisor(run_resolve))


def _as_supervisor(
    handler: Callable[[SupervisorSession, argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Run `handler` with the --as supervisor signed in (its password from a file or the
    environment, as the other supervisor commands)."""

    def run(args: argparse.Namespace) -> int:
        from interview_app.supervision.admin_cli import supervisor_session

        with supervisor_session(args) as session:
            return handler(session, args)

    return run


def _find(found: list[Conflict], conflict_id: int) -> Conflict:
    for conflict in found:
        if conflict.id == conflict_id:
            return conflict
    raise KnownError(
        f"Konflik #{conflict_id} tidak ada.", f"Conflict #{conflict_id} does not exist."
    )


def run_list(session: SupervisorSession, args: argparse.Namespace) -> int:
    found = conflicts(session.database, include_resolved=args.all)
    for conflict in found:
        state = f"ditangani / resolved {conflict.resolved_at}" if conflict.resolved_at else ""
        print(
            f"#{conflict.id}\t{conflict.detected_at}\t{conflict.source_workstation}\t"
            f"{conflict.interview_uuid}\t{KINDS.get(conflict.kind, conflict.kind)}\t{state}"
        )
    print(f"{len(found)} konflik / conflict(s)")
    return 0


def run_show(session: SupervisorSession, args: argparse.Namespace) -> int:
    conflict = _find(conflicts(session.database, include_resolved=True), args.id)
    print(f"#{conflict.id} {KINDS.get(conflict.kind, conflict.kind)}")
    print(f"paket / package {conflict.package_id} dari / from {conflict.source_workstation}")
    print("isian / field\tdi sini / here\tmasuk / incoming")
    for name, left, right, differs in version_differences(
        conflict.local_version, conflict.incoming_version
    ):
        print(f"{'≠ ' if differs else '  '}{name}\t{left}\t{right}")
    return 0


def run_resolve(session: SupervisorSession, args: argparse.Namespace) -> int:
    reason = args.reason.strip()
    if not reason:
        raise KnownError("Alasan wajib diisi.", "A reason is required.")
    mark_resolved(
        session.database, session.audit, args.id, session.actor, session.clock, reason=reason
    )
    print(
        f"Konflik #{args.id} ditandai sudah ditangani. / Conflict #{args.id} marked as dealt with."
    )
    return 0
