"""The plain settings store."""

from __future__ import annotations

from interview_app.storage.database import Database
from interview_app.storage.settings import SettingsStore


def test_json_values(database: Database) -> None:
    store = SettingsStore(database)
    assert store.get("missing", "fallback") == "fallback"
    store.set("outcome_codes", ["TERBIT", "TUNDA_RUJUK_BP3MI"])
    store.set("retention_days", 1825)
    store.set("letterhead", {"line1": "Kantor Imigrasi Kelas I TPI Palu"})
    assert store.get("outcome_codes") == ["TERBIT", "TUNDA_RUJUK_BP3MI"]
    assert store.get("retention_days") == 1825
    store.set("retention_days", 365)
    everything = store.all()
    assert everything["retention_days"] == 365
    assert {"office_code", "office_name", "workstation_id"} <= set(everything)
    store.delete("retention_days")
    assert store.get("retention_days") is None
