"""Child process for test_crash_safety: saves answers forever, printing "acked N" after each."""

from __future__ import annotations

import sys
from pathlib import Path

from interview_app.storage.audit import AuditLog
from interview_app.storage.database import open_database
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keys import load_or_create_office_key
from interview_app.storage.settings import SettingsStore


def main(data_dir: Path) -> None:
    database = open_database(data_dir)
    settings = SettingsStore(database)
    if settings.get("office_code") is None:
        settings.set("office_code", "PLU")
    repo = InterviewRepository(
        database, AuditLog(database, load_or_create_office_key(data_dir, "PLU"))
    )
    record = repo.create_draft(
        officer_id=1,
        questionnaire_id="tppo",
        questionnaire_version=1,
        questionnaire_hash="a" * 64,
        language="id",
    )
    print(f"draft {record.uuid}", flush=True)
    n = 0
    while True:
        n += 1
        identity = {"full_name": f"Nama {n}", "phone": str(n)} if n % 3 == 0 else None
        repo.save_answer(
            record.uuid,
            f"q{n}",
            {"n": n, "text": "x" * (n % 50)},
            current_question=f"q{n + 1}",
            identity=identity,
            score=float(n),
        )
        print(f"acked {n}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
