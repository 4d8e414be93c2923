"""The benchmark's plaintext twin of an encrypted data folder: the same database in clear with
`office.key` beside it, as the release before encryption kept a folder. Only `interview-app
bench` makes one, in its own work folder, to measure the encrypted folder against plain SQLite
on the same rows; the application never writes a database in clear."""

from __future__ import annotations

import shutil
from pathlib import Path

from interview_app.storage.cipher import connect_keyed, database_key
from interview_app.storage.keys import save_office_key
from interview_app.storage.keyslots import keyslots_path
from interview_app.storage.paths import database_path

# What the twin leaves out: the key slots and lockout file (a plaintext folder has none), and
# the copies (snapshots, backups) that no figure reads.
_LEFT_OUT = ("keyslots.json", "lockout.json", ".lockout.lock", "snapshots", "backups")


def export_in_clear(source: Path, page_key: bytes, target: Path) -> None:
    """The encrypted database file `source` written in clear to `target` (a new file), its
    schema version with it (sqlcipher_export does not copy that)."""
    conn = connect_keyed(Path(source), page_key)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ATTACH DATABASE ? AS clear KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('clear')").fetchall()
        conn.execute(f"PRAGMA clear.user_version = {version}")
        conn.execute("DETACH DATABASE clear")
    finally:
        conn.close()


def make_cleartext_twin(data_dir: Path, office_key: tuple[str, bytes], where: Path) -> Path:
    """`where` (which must not exist): the encrypted folder `data_dir` in clear."""
    data_dir, where = Path(data_dir), Path(where)
    source = database_path(data_dir)
    shutil.copytree(
        data_dir,
        where,
        ignore=shutil.ignore_patterns(*_LEFT_OUT, f"{source.name}*"),
    )
    assert not keyslots_path(where).exists()
    export_in_clear(source, database_key(office_key[1]), database_path(where))
    save_office_key(where, office_key[0], office_key[1])
    return where
