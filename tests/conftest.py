"""Suite-wide fixtures: every test runs offscreen with its own data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.storage import passwords
from tests.offices import OfficeBuilder
from tests.sync.factory import Station, opened_pair

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
# Password hashing at full strength costs ~0.8 s a hash; tests use a cheaper scrypt cost by
# setting the module constant (the application has no switch for it). Processes the tests start
# get the same through tests/seams/sitecustomize.py, found on PYTHONPATH.
TEST_SCRYPT_N = 1024
SEAMS = Path(__file__).resolve().parent / "seams"
passwords.SCRYPT_N = TEST_SCRYPT_N
os.environ["PYTHONPATH"] = os.pathsep.join(
    part for part in (str(SEAMS), os.environ.get("PYTHONPATH", "")) if part
)
DEFAULT_SCRIPT = ROOT / "questionnaires" / "tppo_default.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the real application-data folder."""
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="session")
def offices(tmp_path_factory: pytest.TempPathFactory) -> OfficeBuilder:
    """Every kind of test office, each built once per session; tests copy them."""
    return OfficeBuilder(tmp_path_factory.mktemp("offices"))


@pytest.fixture
def stations(offices: OfficeBuilder, tmp_path: Path) -> Iterator[tuple[Station, Station]]:
    """Two workstations of one office (one key, no interviews yet): Loket 1 and Loket 2."""
    with opened_pair(offices.copy("stations", tmp_path / "stations")) as pair:
        yield pair
