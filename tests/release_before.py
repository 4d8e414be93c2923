"""A data folder as the release before encryption kept it: the database in clear with office.key
beside it. The app no longer makes one; the tests of the upgrade (encryption in place, the first
sign-in converting a folder) start from it."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from interview_app.demo import create_demo_office
from interview_app.storage.cipher import database_key
from interview_app.storage.cleartext_twin import export_in_clear
from interview_app.storage.keys import save_office_key
from interview_app.storage.paths import database_path
from tests import keyring


def plaintext_demo_office(data_dir: Path, *, count: int, today: dt.date) -> None:
    """The demo office of `count` interviews in `data_dir`, in clear (made encrypted beside it,
    then exported to a plaintext file); its audit head file and office.key as they were."""
    data_dir = Path(data_dir)
    made = data_dir.with_name(data_dir.name + ".encrypted")
    create_demo_office(made, count=count, today=today)
    code, key = keyring.key_of(made)
    data_dir.mkdir(parents=True)
    export_in_clear(database_path(made), database_key(key), database_path(data_dir))
    clear = sqlite3.connect(database_path(data_dir))
    try:
        clear.execute("PRAGMA journal_mode = WAL")  # as the app kept every database
    finally:
        clear.close()
    if (made / "audit.head").exists():
        shutil.copy2(made / "audit.head", data_dir / "audit.head")
    save_office_key(data_dir, code, key)
    shutil.rmtree(made)
