"""The office key file and the keys derived from it."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from interview_app.storage.errors import OfficeKeyError
from interview_app.storage.keys import (
    PURPOSE_AUDIT_CHAIN,
    PURPOSE_SLIP_QR,
    PURPOSE_SYNC_PACKAGE,
    PURPOSES,
    derive_key,
    load_or_create_office_key,
)


def test_created_once_then_loaded(data_dir: Path) -> None:
    key = load_or_create_office_key(data_dir, "PLU")
    assert len(key) == 32
    assert load_or_create_office_key(data_dir, "plu") == key
    content = json.loads((data_dir / "office.key").read_text())
    assert content == {"format": 1, "office_code": "PLU", "key": key.hex()}
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_readable_by_owner_only(data_dir: Path) -> None:
    load_or_create_office_key(data_dir, "PLU")
    assert stat.S_IMODE((data_dir / "office.key").stat().st_mode) == 0o600


def test_other_office_refused(data_dir: Path) -> None:
    load_or_create_office_key(data_dir, "PLU")
    with pytest.raises(OfficeKeyError) as caught:
        load_or_create_office_key(data_dir, "LWK")
    assert "LWK" in caught.value.message.en


@pytest.mark.parametrize(
    "content",
    [b"garbage", b'{"format": 1, "office_code": "PLU", "key": "abcd"}', b'{"format": 7}'],
)
def test_damaged_file_refused(data_dir: Path, content: bytes) -> None:
    (data_dir / "office.key").write_bytes(content)
    with pytest.raises(OfficeKeyError):
        load_or_create_office_key(data_dir, "PLU")


def test_purposes_give_different_keys() -> None:
    office_key = bytes(range(32))
    derived = {
        p: derive_key(office_key, p)
        for p in (PURPOSE_AUDIT_CHAIN, PURPOSE_SLIP_QR, PURPOSE_SYNC_PACKAGE)
    }
    assert len(set(derived.values())) == 3
    assert all(len(k) == 32 and k != office_key for k in derived.values())
    assert derive_key(office_key, PURPOSE_SLIP_QR) == derived[PURPOSE_SLIP_QR]
    salted = derive_key(office_key, PURPOSE_SYNC_PACKAGE, salt=b"s" * 16)
    assert salted != derived[PURPOSE_SYNC_PACKAGE]
    with pytest.raises(ValueError):
        derive_key(office_key, "something else")


@pytest.mark.parametrize("salt", [None, b"", bytes(16), bytes(range(32)), b"s" * 80])
@pytest.mark.parametrize("length", [16, 32, 33, 64, 100])
def test_derived_keys_equal_the_cryptography_librarys_hkdf(salt: bytes | None, length: int) -> None:
    """The standard-library HKDF gives exactly the bytes `cryptography`'s HKDF gives, so keys
    derived before (audit chain, packages, slip QR) stay the same."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    office_key = bytes(range(7, 39))
    for purpose in PURPOSES:
        expected = HKDF(
            algorithm=hashes.SHA256(), length=length, salt=salt, info=purpose.encode("ascii")
        ).derive(office_key)
        assert derive_key(office_key, purpose, salt=salt, length=length) == expected
