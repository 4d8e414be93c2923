"""Suite-wide fixtures: every test runs offscreen with its own data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Password hashing at full strength costs ~0.8 s a hash; tests use a cheaper scrypt cost.
os.environ.setdefault("INTERVIEW_APP_SCRYPT_N", "1024")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCRIPT = ROOT / "questionnaires" / "tppo_default.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the real application-data folder."""
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(tmp_path_factory.mktemp("data")))
