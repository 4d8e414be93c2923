"""Two stations of one office holding two versions of one interview, through real packages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from interview_app.storage.interviews import content_hash
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.supervision.conflicts import ConflictDesk
from interview_app.supervision.session import SupervisorSession
from interview_app.sync.export import ExportResult, export_package
from interview_app.sync.importer import ImportResult, apply_package
from tests.sync.factory import Station, add_interviews

PASSWORD = "pagi-cerah-di-teluk-palu"
REASON = "Versi loket asal dicek ulang dengan berkas pemohon"
SCRIPT = Path(__file__).resolve().parents[2] / "questionnaires" / "tppo_default.yaml"


def account(station: Station, username: str, role: str) -> int:
    return station.officers.create(username, username.title(), None, role, PASSWORD).id


def desk_of(station: Station, officer_id: int) -> ConflictDesk:
    session = SupervisorSession(station.database, officer_id, station.audit, station.clock)
    return ConflictDesk(session)


def export(station: Station, folder: Path, *, full: bool = False) -> ExportResult:
    folder.mkdir(exist_ok=True)
    return export_package(
        station.database, station.data_dir, folder, full=full, clock=station.clock
    )


def move(result: ExportResult, to: Station) -> ImportResult:
    assert result.path is not None
    return apply_package(to.database, to.data_dir, result.path, clock=to.clock)


def interview_state(station: Station, uuid: str) -> tuple[Any, ...]:
    conn = station.database.conn
    row = conn.execute(
        "SELECT revision, content_hash, notes FROM interviews WHERE uuid = ?", (uuid,)
    ).fetchone()
    answers = conn.execute(
        "SELECT question_id, value FROM answers WHERE interview_uuid = ? ORDER BY question_id",
        (uuid,),
    ).fetchall()
    return (tuple(row), tuple(map(tuple, answers)))


def rewrite(station: Station, uuid: str, purpose: str, notes: str) -> str:
    """What must never happen and does after a restored backup: the owning station holds
    other content under the same revision. The content hash is the real one of the new
    content."""
    conn = station.database.conn
    with station.database.transaction():
        conn.execute(
            "UPDATE answers SET value = ? WHERE interview_uuid = ? AND question_id = 'purpose'",
            (json.dumps(purpose), uuid),
        )
        conn.execute("UPDATE interviews SET notes = ? WHERE uuid = ?", (notes, uuid))
        digest = content_hash(station.repository.get(uuid))
        conn.execute("UPDATE interviews SET content_hash = ? WHERE uuid = ?", (digest, uuid))
    return digest


def on_default_script(station: Station, uuid: str) -> None:
    """The interview was taken with the default script (its labels show in the comparison)."""
    digest = QuestionnaireStore(station.database).install(
        SCRIPT.read_text(encoding="utf-8"), "tppo-default", 1
    )
    conn = station.database.conn
    with station.database.transaction():
        conn.execute("UPDATE interviews SET questionnaire_hash = ? WHERE uuid = ?", (digest, uuid))
        record = station.repository.get(uuid)
        conn.execute(
            "UPDATE interviews SET content_hash = ? WHERE uuid = ?", (content_hash(record), uuid)
        )


def make_conflict(station_a: Station, station_b: Station, tmp_path: Path) -> tuple[str, str, str]:
    """A (the owner) and B each hold their own version of interview X, revision 1, and each
    has the other's set aside as a conflict. Returns (X, A's hash, B's hash)."""
    uuids = add_interviews(station_a, 6)
    target = next(
        u
        for u in uuids
        if station_a.repository.get(u).status == "completed"
        and station_a.repository.get(u).revision == 1
    )
    on_default_script(station_a, target)
    rewrite(station_a, target, "wisata", "catatan awal")
    b_hash = str(station_a.repository.get(target).content_hash)
    move(export(station_a, tmp_path / "s1"), station_b)
    a_hash = rewrite(station_a, target, "kerja", "diubah setelah pemulihan cadangan")
    assert move(export(station_a, tmp_path / "s2"), station_b).conflicts == 1
    assert move(export(station_b, tmp_path / "s3", full=True), station_a).conflicts == 1
    return target, a_hash, b_hash
