"""Password hashes: scrypt with its parameters stored in the string, compared in constant time.

The cost is the module constant SCRYPT_N (n=2**17, about 0.8 s a hash). Nothing a workstation
can set lowers it: no environment variable, no setting. The test suite, which cannot pay 0.8 s
per hash, lowers the constant itself (tests/conftest.py, and tests/seams/sitecustomize.py for
the processes the tests start); that file never ships. A login rehashes a stored password only
to make it stronger (`needs_rehash`), never weaker.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
_SCHEME = "scrypt"


def _maxmem(n: int, r: int, p: int) -> int:
    return max(2**28, 128 * r * (n + p + 2) + 2**20)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=_maxmem(n, r, p),
        dklen=HASH_BYTES,
    )


def stretch(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The 32-byte scrypt output of `secret` (a password, a recovery code) at the given cost:
    the key slots' wrapping keys (storage.keyslots)."""
    return _scrypt(secret, salt, n, r, p)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt_b64$hash_b64` with a fresh 16-byte salt."""
    n = SCRYPT_N
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P)
    return f"{_SCHEME}${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    """(n, r, p, salt, digest) of a stored hash; None when it is not one of ours."""
    return _parse(stored)


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or n > 2**20 or r > 64 or p > 16 or not digest:
        return None
    return n, r, p, salt, digest


def verify_password(password: str, stored: str) -> bool:
    parsed = _parse(stored)
    if parsed is None:
        return False
    n, r, p, salt, digest = parsed
    candidate = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=_maxmem(n, r, p),
        dklen=len(digest),
    )
    return hmac.compare_digest(candidate, digest)


def needs_rehash(stored: str) -> bool:
    """True when the stored hash is weaker than one made today (a lower cost, a shorter salt
    or digest), or unreadable. A stronger stored hash is kept: rehashing never weakens."""
    parsed = _parse(stored)
    if parsed is None:
        return True
    n, r, p, salt, digest = parsed
    return (
        n * r * p < SCRYPT_N * SCRYPT_R * SCRYPT_P
        or n < SCRYPT_N
        or len(salt) < SALT_BYTES
        or len(digest) < HASH_BYTES
    )
