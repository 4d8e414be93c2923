"""Password hashes: scrypt with its parameters stored in the string, compared in constant time.

INTERVIEW_APP_SCRYPT_N lowers the scrypt cost (a power of two >= 16) FOR TESTS ONLY: the real
cost (n=2**17, about 0.8 s) would make the suite slow. Never set it on a workstation; hashes
made with a lower n are flagged by `needs_rehash` once the variable is gone, and rehashed at
the next login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
ENV_SCRYPT_N = "INTERVIEW_APP_SCRYPT_N"
_SCHEME = "scrypt"


def _target_n() -> int:
    override = os.environ.get(ENV_SCRYPT_N)
    if not override:
        return SCRYPT_N
    n = int(override)
    if n < 16 or n & (n - 1):
        raise ValueError(f"{ENV_SCRYPT_N} must be a power of two >= 16")
    return n


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


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt_b64$hash_b64` with a fresh 16-byte salt."""
    n = _target_n()
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P)
    return f"{_SCHEME}${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


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
    """True when the stored hash was made with other parameters than today's."""
    parsed = _parse(stored)
    if parsed is None:
        return True
    n, r, p, salt, digest = parsed
    return (n, r, p, len(salt), len(digest)) != (
        _target_n(),
        SCRYPT_R,
        SCRYPT_P,
        SALT_BYTES,
        HASH_BYTES,
    )
