"""A damaged database at start: offer the newest sound snapshot, put it back on the officer's
yes (the damaged file is kept in backups/), and say what happened in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets

from interview_app.errors import KnownError
from interview_app.storage.cipher import database_key
from interview_app.storage.maintenance import newest_sound_snapshot, restore_snapshot

Ask = Callable[[QtWidgets.QWidget | None, str], bool]


def ask_yes_no(parent: QtWidgets.QWidget | None, text: str) -> bool:
    answer = QtWidgets.QMessageBox.question(parent, "Asisten Wawancara", text)
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


def _when(snapshot: Path) -> str:
    """'daily-20261127T020000000000Z.sqlite3' -> '2026-11-27 02:00 UTC'."""
    stamp = snapshot.name.split("-", 1)[-1].split(".", 1)[0]
    if "-" in stamp:  # pre-import-<stamp>
        stamp = stamp.rsplit("-", 1)[-1]
    if len(stamp) < 14:
        return snapshot.name
    return f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]} UTC"


def offer_snapshot(
    data_dir: Path,
    parent: QtWidgets.QWidget | None,
    close_database: Callable[[], None],
    ask: Ask = ask_yes_no,
    *,
    office_key: tuple[str, bytes] | None = None,
) -> KnownError:
    """Called with the damaged database still open; returns the message to show the officer
    (what was done, or why not). `close_database` is called before the file is replaced.
    `office_key`: (office code, key) of an encrypted folder, which a sign-in unwrapped (its
    snapshots open only with it); a plaintext folder of the release before needs none."""
    key = None if office_key is None else database_key(office_key[1])
    found = newest_sound_snapshot(data_dir, key=key)
    if found is None:
        return KnownError(
            "Berkas basis data rusak dan tidak ada snapshot yang utuh untuk dipulihkan. Jangan "
            "hapus apa pun; hubungi admin TI ('interview-app db check').",
            "The database file is damaged and there is no sound snapshot to restore. Delete "
            "nothing; call the IT admin ('interview-app db check').",
        )
    when = _when(found)
    question = (
        f"Berkas basis data rusak. Pulihkan dari snapshot {when}?\n"
        "Yang dicatat sesudah waktu itu tidak ada di snapshot; berkas yang rusak disimpan di "
        "folder 'backups' untuk admin TI.\n\n"
        f"The database file is damaged. Restore the snapshot of {when}?\n"
        "What was recorded after that time is not in it; the damaged file is kept in the "
        "'backups' folder for the IT admin."
    )
    if not ask(parent, question):
        return KnownError(
            "Basis data rusak; tidak ada yang diubah. Pemulihan dapat dilakukan nanti "
            "('interview-app db restore') atau oleh admin TI.",
            "The database is damaged; nothing was changed. It can be restored later "
            "('interview-app db restore') or by the IT admin.",
        )
    close_database()
    try:
        kept = restore_snapshot(data_dir, found, key=key, office_key=office_key)
    except KnownError as error:
        return error
    return KnownError(
        f"Dipulihkan dari snapshot {when}. Berkas yang rusak disimpan sebagai {kept.name}. "
        "Periksa wawancara sesudah waktu itu.",
        f"Restored from the snapshot of {when}. The damaged file was kept as {kept.name}. "
        "Check the interviews after that time.",
    )
