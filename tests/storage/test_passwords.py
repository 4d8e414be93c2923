"""Password hashing with scrypt, parameters in the stored string."""

from __future__ import annotations

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


def test_production_cost_without_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTERVIEW_APP_SCRYPT_N")
    assert passwords._target_n() == 2**17
    cheap = "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "="
    assert needs_rehash(cheap)


def test_needs_rehash(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = hash_password("x" * 10)
    assert not needs_rehash(stored)
    monkeypatch.setenv("INTERVIEW_APP_SCRYPT_N", "2048")
    assert needs_rehash(stored)
    assert verify_password("x" * 10, stored)  # old parameters still verify


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


def test_bad_override_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_APP_SCRYPT_N", "1000")
    with pytest.raises(ValueError):
        hash_password("whatever")
