"""Key slots: the office key wrapped once per account under its password, and once under the
office recovery code, in `keyslots.json` beside the database. Signing in is unwrapping a slot.

Each slot: scrypt (the cost of storage.passwords at the time of wrapping, never lower than
its floor, 16-byte salt) stretches the secret to a 32-byte wrapping key; AES-256-GCM seals the
office key under it with a fresh nonce, the associated data naming the file format, the office,
the slot and its KDF parameters (so a slot copied to another account's name, or to another
office's file, or with its cost edited, fails its tag). The file is written whole (temporary
name, fsync, rename), readable by its owner only. A wrong password and an account without a
slot give the same message: no one learns which accounts exist from it.
"""

from __future__ import annotations

import base64
import hmac
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app.storage import passwords
from interview_app.storage.clock import Clock
from interview_app.storage.errors import AuthenticationFailed, KeySlotError, RecoveryCodeInvalid
from interview_app.storage.keys import OFFICE_KEY_BYTES
from interview_app.storage.lockout_file import LOGIN_FAILED, LockoutFile, locked_error
from interview_app.storage.recovery_code import generate_recovery_code, normalize_recovery_code
from interview_app.storage.writefiles import (
    JSON_FILE_ERRORS,
    known_os_errors,
    read_json_file,
    write_file_atomically,
)

KEYSLOTS_FILE = "keyslots.json"
KEYSLOTS_FORMAT = 1
RECOVERY_SLOT = "recovery"
NONCE_BYTES = 12
MAX_FILE_BYTES = 1024 * 1024  # one slot is about 250 bytes
_MIN_N = 2**10  # the floor of a stored cost that is still accepted (the tests' cost)
_MAX_N = 2**20


def keyslots_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEYSLOTS_FILE


def account_slot(username: str) -> str:
    return f"account:{username}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the office key."""

    n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes
    wrapped: bytes
    # Made at the upgrade from the account's stored password hash (its salt and cost), not
    # from the password itself: the next sign-in, which knows the password, wraps it afresh.
    from_hash: bool = False

    def as_json(self) -> dict[str, object]:
        content: dict[str, object] = {
            "kdf": "scrypt",
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }
        if self.from_hash:
            content["from_hash"] = True
        return content

    @classmethod
    def from_json(cls, data: Any) -> Slot:
        if not isinstance(data, dict) or data.get("kdf") != "scrypt":
            raise ValueError("unknown slot")
        n, r, p = data["n"], data["r"], data["p"]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
            raise ValueError("bad cost")
        if n < _MIN_N or n > _MAX_N or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
            raise ValueError("cost out of range")
        slot = cls(
            n,
            r,
            p,
            _unb64(data["salt"]),
            _unb64(data["nonce"]),
            _unb64(data["wrapped"]),
            data.get("from_hash") is True,
        )
        if len(slot.salt) < passwords.SALT_BYTES or len(slot.nonce) != NONCE_BYTES:
            raise ValueError("bad salt or nonce")
        return slot


def _associated_data(context: Sequence[object], n: int, r: int, p: int) -> bytes:
    return json.dumps([*context, "scrypt", n, r, p], separators=(",", ":")).encode("utf-8")


def _aesgcm(wrapping_key: bytes) -> Any:
    # Loaded here: cryptography costs the counter's start several MiB, needed only at sign-in.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(wrapping_key)


def wrap_key(secret: str, key: bytes, context: Sequence[object]) -> Slot:
    """`key` sealed under `secret`: scrypt at today's cost with a fresh salt, AES-256-GCM with a
    fresh nonce; the associated data is `context` (what the sealed key is for: a file format,
    the office, a slot name) followed by the KDF and its cost, so that a copy moved to another
    context, or with its cost edited, fails its tag. Key slots and the office key file."""
    n, r, p = passwords.SCRYPT_N, passwords.SCRYPT_R, passwords.SCRYPT_P
    salt = secrets.token_bytes(passwords.SALT_BYTES)
    wrapping_key = passwords.stretch(secret, salt, n, r, p)
    return _seal((n, r, p, salt), wrapping_key, key, context)


def _seal(
    cost: tuple[int, int, int, bytes],
    wrapping_key: bytes,
    key: bytes,
    context: Sequence[object],
    *,
    from_hash: bool = False,
) -> Slot:
    n, r, p, salt = cost
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = _aesgcm(wrapping_key).encrypt(nonce, key, _associated_data(context, n, r, p))
    return Slot(n, r, p, salt, nonce, sealed, from_hash)


def unwrap_key(secret: str, slot: Slot, context: Sequence[object]) -> bytes | None:
    """The office key sealed in `slot` by wrap_key under `secret` and `context`; None when the
    secret or the context is wrong, or the slot was changed."""
    from cryptography.exceptions import InvalidTag

    wrapping_key = passwords.stretch(secret, slot.salt, slot.n, slot.r, slot.p)
    try:
        key = _aesgcm(wrapping_key).decrypt(
            slot.nonce, slot.wrapped, _associated_data(context, slot.n, slot.r, slot.p)
        )
    except InvalidTag:
        return None
    return key if len(key) == OFFICE_KEY_BYTES else None


def _slot_context(office_code: str, name: str) -> tuple[object, ...]:
    return (KEYSLOTS_FORMAT, office_code.casefold(), name)


def _wrap(office_code: str, name: str, secret: str, office_key: bytes) -> Slot:
    return wrap_key(secret, office_key, _slot_context(office_code, name))


def _unwrap(office_code: str, name: str, secret: str, slot: Slot) -> bytes | None:
    return unwrap_key(secret, slot, _slot_context(office_code, name))


def _key_check(key: bytes | None) -> bytes:
    """16 bytes that tell whether a key is the one in the slots (an HMAC of a fixed label)."""
    if key is None:
        raise ValueError("a new key slots file is written with its key")
    return hmac.digest(key, b"keyslots key check v1", "sha256")[:16]


def _wrong_password() -> AuthenticationFailed:
    return AuthenticationFailed(*LOGIN_FAILED)


def _unreadable(path: Path, detail: str) -> KeySlotError:
    return KeySlotError(
        f"Berkas slot kunci {path} tidak dapat dibaca ({detail}). Pulihkan berkas itu dari "
        "cadangan, atau buka dengan kode pemulihan kantor.",
        f"The key slots file {path} cannot be read ({detail}). Restore it from a backup, or "
        "open with the office's recovery code.",
    )


class KeySlots:
    """The key slots of one data folder. Reads the file when made; each change rewrites it."""

    def __init__(self, data_dir: Path, *, path: Path | None = None) -> None:
        # `path`: a slots file elsewhere (one copied beside a backup by storage.raw_copy).
        self.path = keyslots_path(data_dir) if path is None else Path(path)
        self.office_code: str | None = None
        self._check: bytes | None = None
        self._slots: dict[str, Slot] = {}
        self._read()

    def _read(self) -> None:
        content = read_json_file(
            self.path,
            max_bytes=MAX_FILE_BYTES,
            format_version=KEYSLOTS_FORMAT,
            unreadable=_unreadable,
        )
        if content is None:
            return
        try:
            office_code = content["office_code"]
            if not isinstance(office_code, str) or not office_code:
                raise ValueError("no office code")
            slots = {str(name): Slot.from_json(data) for name, data in content["slots"].items()}
            check = _unb64(content["key_check"])
        except JSON_FILE_ERRORS:
            raise _unreadable(self.path, "isi tidak sah / invalid content") from None
        self.office_code = office_code
        self._check = check
        self._slots = slots

    @property
    def exists(self) -> bool:
        return self.office_code is not None

    def accounts(self) -> list[str]:
        """The usernames that have a slot, sorted."""
        prefix = account_slot("")
        return sorted(name[len(prefix) :] for name in self._slots if name.startswith(prefix))

    @property
    def has_recovery(self) -> bool:
        return RECOVERY_SLOT in self._slots

    # Unwrapping ------------------------------------------------------------------------

    def unlock_account(self, username: str, password: str) -> bytes:
        """The office key from the account's slot; a wrong password or an account without a
        slot raise the same AuthenticationFailed (after the same scrypt work)."""
        name = account_slot(username)
        slot = self._slots.get(name)
        if slot is None or self.office_code is None:
            # The same cost as a real attempt: the time taken does not tell who has a slot.
            passwords.stretch(password, bytes(passwords.SALT_BYTES), passwords.SCRYPT_N, 8, 1)
            raise _wrong_password()
        key = _unwrap(self.office_code, name, password, slot)
        if key is None:
            raise _wrong_password()
        return key

    def unlock_recovery(self, code: str) -> bytes:
        """The office key from the recovery slot. A mistyped code is refused before any work,
        naming the group; a well-formed code that is not this office's fails the tag."""
        canonical = normalize_recovery_code(code)
        slot = self._slots.get(RECOVERY_SLOT)
        if slot is None or self.office_code is None:
            raise KeySlotError(
                "Folder data ini tidak punya slot kode pemulihan.",
                "This data folder has no recovery code slot.",
            )
        key = _unwrap(self.office_code, RECOVERY_SLOT, canonical, slot)
        if key is None:
            raise RecoveryCodeInvalid(
                "Kode pemulihan ini bukan milik kantor ini (atau sudah diganti).",
                "This recovery code does not belong to this office (or it was replaced).",
            )
        return key

    def needs_rewrap(self, username: str) -> bool:
        """True when the account's slot was wrapped at a lower cost than today's: the next
        sign-in, which knows the password, rewraps it."""
        slot = self._slots.get(account_slot(username))
        return slot is not None and (
            slot.from_hash
            or slot.n * slot.r * slot.p
            < (passwords.SCRYPT_N * passwords.SCRYPT_R * passwords.SCRYPT_P)
        )

    # Changing --------------------------------------------------------------------------

    def set_account(self, office_code: str, username: str, password: str, key: bytes) -> None:
        """Add or rewrite the account's slot (a new account, a password change or reset)."""
        self._set(office_code, account_slot(username), password, key)

    def set_account_from_hash(
        self, office_code: str, username: str, password_hash: str, key: bytes
    ) -> bool:
        """The upgrade of a plaintext folder: a slot for an account whose password nobody here
        knows, made from its stored scrypt hash (the hash's salt and cost; the stored digest is
        the wrapping key the password stretches to). The hash itself is then only inside the
        encrypted database. False (nothing written) when the hash is not one we can use."""
        parsed = passwords.parse_hash(password_hash)
        if parsed is None:
            return False
        n, r, p, salt, digest = parsed
        if len(digest) != passwords.HASH_BYTES or n < _MIN_N or n > _MAX_N:
            return False
        name = account_slot(username)
        self._prepare(office_code, key)
        slots = dict(self._slots)
        slots[name] = _seal(
            (n, r, p, salt), digest, key, _slot_context(office_code, name), from_hash=True
        )
        self._write(self.office_code or office_code, slots, key)
        return True

    def set_recovery(self, office_code: str, code: str, key: bytes) -> None:
        """Put the office key under `code` (a new code replaces the old one's slot)."""
        self._set(office_code, RECOVERY_SLOT, normalize_recovery_code(code), key)

    def new_recovery_code(self, office_code: str, key: bytes) -> str:
        """Make a recovery code, wrap the key under it, and return it to be shown once."""
        code = generate_recovery_code()
        self.set_recovery(office_code, code, key)
        return code

    def remove_account(self, username: str) -> bool:
        """Remove the account's slot (the account was deactivated); False when it had none."""
        name = account_slot(username)
        if name not in self._slots:
            return False
        slots = dict(self._slots)
        del slots[name]
        self._write(self.office_code or "", slots)
        return True

    def _set(self, office_code: str, name: str, secret: str, key: bytes) -> None:
        self._prepare(office_code, key)
        slots = dict(self._slots)
        slots[name] = _wrap(office_code, name, secret, key)
        self._write(self.office_code or office_code, slots, key)

    def _prepare(self, office_code: str, key: bytes) -> None:
        """Refuse a change that would mix offices or keys in one file."""
        if len(key) != OFFICE_KEY_BYTES:
            raise ValueError("the office key is 32 bytes")
        if self.office_code is not None and self.office_code.casefold() != office_code.casefold():
            raise KeySlotError(
                f"Slot kunci di folder ini milik kantor {self.office_code}, bukan {office_code}.",
                f"The key slots in this folder belong to office {self.office_code}, not "
                f"{office_code}.",
            )
        self._check_same_key(key)

    def _check_same_key(self, key: bytes) -> None:
        """Every slot holds the same office key: a slot for another key (a caller's mistake)
        is refused, by the file's key check value."""
        if self._check is not None and not hmac.compare_digest(self._check, _key_check(key)):
            raise KeySlotError(
                "Kunci yang akan disimpan bukan kunci kantor di slot yang ada; tidak ada yang "
                "diubah.",
                "The key to be stored is not the office key in the existing slots; nothing was "
                "changed.",
            )

    def _write(self, office_code: str, slots: dict[str, Slot], key: bytes | None = None) -> None:
        content = {
            "format": KEYSLOTS_FORMAT,
            "office_code": office_code,
            "key_check": _b64(self._check or _key_check(key)),
            "slots": {name: slot.as_json() for name, slot in sorted(slots.items())},
        }
        with known_os_errors(self.path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(content, indent=1).encode("utf-8") + b"\n"
        write_file_atomically(self.path, data, mode=0o600)
        self.office_code = office_code
        self._check = self._check or _key_check(key)
        self._slots = slots


def create_office_slots(
    data_dir: Path, office_code: str, key: bytes, username: str, password: str
) -> str:
    """Set-up: the first supervisor's slot and the recovery slot, in a folder that has none.
    Returns the recovery code, to be shown once."""
    slots = KeySlots(data_dir)
    if slots.exists:
        raise KeySlotError(
            "Folder data ini sudah punya slot kunci; tidak ada yang diubah.",
            "This data folder has key slots already; nothing was changed.",
        )
    slots.set_account(office_code, username, password, key)
    return slots.new_recovery_code(office_code, key)


def unlock_with_password(
    data_dir: Path,
    username: str,
    password: str,
    *,
    clock: Clock | None = None,
) -> bytes:
    """Signing in on an encrypted data folder: the lockout check, the account's key slot, the
    count of a failure (which may lock), the reset on success. Returns the office key."""
    lockout = LockoutFile(data_dir, clock)
    lockout.check(username)
    slots = KeySlots(data_dir)
    try:
        key = slots.unlock_account(username, password)
    except AuthenticationFailed:
        until = lockout.record_failure(username)
        if until is not None:
            raise locked_error(until) from None
        raise
    lockout.record_success(username)
    return key
