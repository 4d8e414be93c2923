"""Password hashing with scrypt, parameters in the stored string."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.storage import passwords
from interview_app.storage.passwords import hash_password, needs_rehash, verify_password


def test_round_trip_and_format() -> None:
    stored = hash_password("kalimat sandi yang panjang")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "1024", "8", "1")  # the tests' cheap cost
    assert len(salt) == 24 and len(digest) == 44  # base64 of 16 and 32 bytes
    assert verify_password("kalimat sandi yang panjang", stored)
    assert not verify_password("kalimat sandi yang panjanG", stored)
    assert hash_password("same") != hash_password("same")  # fresh salt


def test_the_shipped_cost_is_full_strength_and_no_environment_lowers_it() -> None:
    """What ships: n=2**17, read from nothing a workstation can set (defect 12: an environment
    variable used to lower it)."""
    import subprocess
    import sys

    code = (
        "from interview_app.storage import passwords\n"
        "print(passwords.SCRYPT_N, passwords.hash_password('x' * 10).split('$')[1])\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "INTERVIEW_APP_SCRYPT_N": "16",  # the old switch: ignored now
        "PYTHONPATH": "",  # no test seam in this process
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == [str(2**17), str(2**17)]
    assert "INTERVIEW_APP_SCRYPT_N" not in Path(passwords.__file__).read_text(encoding="utf-8")


def test_needs_rehash_only_upwards(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = hash_password("x" * 10)
    assert not needs_rehash(stored)
    monkeypatch.setattr(passwords, "SCRYPT_N", 2048)
    assert needs_rehash(stored)  # a stronger cost today: rehash at the next login
    assert verify_password("x" * 10, stored)  # old parameters still verify
    stronger = hash_password("x" * 10)
    monkeypatch.setattr(passwords, "SCRYPT_N", 1024)
    assert not needs_rehash(stronger)  # a lower cost today never rehashes weaker
    short_salt = "scrypt$1024$8$1$AAAAAAAA$" + "A" * 43 + "="
    assert needs_rehash(short_salt)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain",
        "scrypt$abc$8$1$AA==$AA==",
        "scrypt$1000$8$1$AA==$AA==",
        "bcrypt$1$2$3$4$5",
        "scrypt$1024$8$1$!!$AA==",
    ],
)
def test_malformed_hash_never_verifies(stored: str) -> None:
    assert not verify_password("anything", stored)
    assert needs_rehash(stored)
