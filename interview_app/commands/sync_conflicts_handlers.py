"""The work behind `interview-app sync conflicts`: list, show both versions, keep one."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from interview_app.commands.supervisor_signin import as_supervisor
from interview_app.supervision.conflicts import ConflictDesk, kind_text, ref_no_of
from interview_app.supervision.session import SupervisorSession
from interview_app.text import Message


def _both(message: Message) -> str:
    """Both languages on one line, once when they are the same."""
    return message.id if message.id == message.en else f"{message.id} / {message.en}"


def _list(session: SupervisorSession, args: argparse.Namespace) -> int:
    rows = ConflictDesk(session).list(include_resolved=args.all)
    if not rows:
        print("Tidak ada konflik yang menunggu. / No conflicts waiting.")
        return 0
    print("No.   Terdeteksi/Detected         Wawancara/Interview    Status")
    for row in rows:
        status = "menunggu / waiting" if row.resolved_at is None else "selesai / resolved"
        print(
            f"#{row.id:<4} {row.detected_at[:19]:<27} {ref_no_of(row):<22} {status}"
            f"  {_both(kind_text(row.kind))}"
        )
    return 0


def _show(session: SupervisorSession, args: argparse.Namespace) -> int:
    detail = ConflictDesk(session).show(args.id)
    c = detail.conflict
    print(f"Konflik / Conflict #{c.id}: {_both(kind_text(c.kind))}")
    print(f"Wawancara / Interview: {detail.ref_no} ({c.interview_uuid})")
    print(f"Dari loket / From workstation: {c.source_workstation}")
    print(f"Terdeteksi / Detected: {c.detected_at}")
    if detail.resolution is not None:
        r = detail.resolution
        kept = "di sini / local" if r.keep == "local" else "masuk / incoming"
        print(f"Diselesaikan / Resolved: {r.at} ({c.resolved_by}); dipertahankan / kept: {kept}")
        print(f"Alasan / Reason: {r.reason}")
    elif c.resolved_at is not None:
        print(f"Diselesaikan / Resolved: {c.resolved_at} ({c.resolved_by})")
    else:
        print("Status: menunggu supervisor / waiting for a supervisor")
    print(f"{len(detail.differing)} isian berbeda (*) / fields differ (*)")
    print("")
    print("  Isian / Field | Versi di sini / Local version | Versi masuk / Incoming version")
    same = [field for field in detail.fields if not field.differs]
    for field in [*detail.differing, *same]:  # the differing ones first
        mark = "*" if field.differs else " "
        print(f"{mark} {_both(field.label)} | {_both(field.local)} | {_both(field.incoming)}")
    return 0


def _resolve(session: SupervisorSession, args: argparse.Namespace) -> int:
    from interview_app.storage.app_lock import writer_lock

    desk = ConflictDesk(session)
    with writer_lock(session.database.data_dir, "sync conflicts resolve"):
        resolution = desk.resolve(args.id, args.keep, args.reason)
    kept_id = "versi di sini" if resolution.keep == "local" else "versi masuk"
    kept_en = "the local version" if resolution.keep == "local" else "the incoming version"
    print(
        f"Konflik #{args.id} diselesaikan: {kept_id} dipertahankan. Penyelesaian ini ikut paket "
        "ekspor berikutnya ke loket lain."
    )
    print(
        f"Conflict #{args.id} resolved: {kept_en} kept. The resolution travels in the next "
        "export package to the other workstations."
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": as_supervisor(_list),
    "show": as_supervisor(_show),
    "resolve": as_supervisor(_resolve),
}
