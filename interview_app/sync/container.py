"""The .awsync container: clear header, zlib stream sealed in AES-256-GCM chunks (STREAM)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import struct
import uuid as uuid_module
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from interview_app.storage.keys import PURPOSE_SYNC_PACKAGE, derive_key
from interview_app.sync.errors import (
    not_a_package,
    tampered,
    truncated,
    unsupported_version,
    wrong_office,
)

MAGIC = b"AWSYNC"
# The package format. 2: review marks in the body (the container itself is as in 1); older
# applications refuse a version-2 package as "format version 2, update this application".
# 3: the clear header ends with a digest of itself, so that a damaged salt, key check or
# version byte is reported as damage, not as "another office" or "update the application".
# From 3 on the header keeps this layout whatever the version, so a reader can tell a newer
# package from a damaged one before it gives up. 4: supervisors' settlements of sync conflicts
# in the body (the container is as in 3).
FORMAT_VERSION = 4
HEADER_DIGEST_FROM = 3
HEADER_DIGEST_SIZE = 16
CHUNK_SIZE = 64 * 1024  # plaintext bytes of the compressed stream per sealed chunk
TAG_SIZE = 16
SALT_SIZE = 32
KEY_CHECK_LABEL = b"awsync key check v1"
MAX_NAME_BYTES = 128
LAST_CHUNK_FLAG = 1 << 95
MAX_COUNTER = LAST_CHUNK_FLAG - 1
# Output of one decompress call: a small authenticated input never becomes a huge buffer.
DECOMPRESS_BLOCK = 1024 * 1024

_FIXED = struct.Struct(">6sH32s16sQ")  # magic, version, salt, package id, sequence
_FRAME = struct.Struct(">I")  # length of one sealed chunk (ciphertext + tag)


@dataclass(frozen=True)
class PackageHeader:
    """What anyone can read without the key; `raw` is bound to every chunk as associated data."""

    version: int
    salt: bytes
    package_id: str
    sequence: int
    office_code: str
    source_workstation: str
    key_check: bytes
    raw: bytes


@dataclass(frozen=True)
class PackageKeys:
    seal: bytes
    check: bytes


def package_keys(office_key: bytes, salt: bytes) -> PackageKeys:
    """HKDF-SHA256(office key, salt, info="sync-package v1"): 32 bytes to seal, 32 to check."""
    material = derive_key(office_key, PURPOSE_SYNC_PACKAGE, salt=salt, length=64)
    return PackageKeys(seal=material[:32], check=material[32:])


def key_check_value(keys: PackageKeys) -> bytes:
    return hmac.new(keys.check, KEY_CHECK_LABEL, hashlib.sha256).digest()


def chunk_nonce(counter: int, last: bool) -> bytes:
    if counter > MAX_COUNTER:
        raise OverflowError("too many chunks")
    return (counter | (LAST_CHUNK_FLAG if last else 0)).to_bytes(12, "big")


def _name_field(text: str) -> bytes:
    data = text.encode("utf-8")
    if not 1 <= len(data) <= MAX_NAME_BYTES:
        raise ValueError(f"header names are 1..{MAX_NAME_BYTES} bytes of UTF-8")
    return bytes([len(data)]) + data


def encode_header(
    *,
    salt: bytes,
    package_id: str,
    sequence: int,
    office_code: str,
    source_workstation: str,
    key_check: bytes,
    version: int = FORMAT_VERSION,
) -> bytes:
    fixed = _FIXED.pack(MAGIC, version, salt, uuid_module.UUID(package_id).bytes, sequence)
    header = fixed + _name_field(office_code) + _name_field(source_workstation) + key_check
    if version >= HEADER_DIGEST_FROM:
        header += header_digest(header)
    return header


def header_digest(header: bytes) -> bytes:
    """An unkeyed check of the clear header (its keyed protection is the chunks' associated
    data): it tells damage apart from a wrong key, which the keyed check alone cannot."""
    return hashlib.sha256(b"awsync header v3" + header).digest()[:HEADER_DIGEST_SIZE]


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    parts: list[bytes] = []
    remaining = size
    while remaining:
        data = stream.read(remaining)
        if not data:
            break
        parts.append(data)
        remaining -= len(data)
    return b"".join(parts)


def read_header(stream: BinaryIO) -> PackageHeader:
    """Parse the clear header; no key needed. NotAPackage, truncated, damaged (the header's
    digest fails), unsupported version (a whole header of a newer format)."""
    fixed = _read_exactly(stream, _FIXED.size)
    if fixed[: len(MAGIC)] != MAGIC[: len(fixed)]:
        if (
            len(fixed) >= len(MAGIC)
            and sum(a != b for a, b in zip(fixed, MAGIC, strict=False)) == 1
        ):
            raise tampered("kepala paket", "package header")  # one byte of the mark changed
        raise not_a_package()
    version = 0
    if len(fixed) >= len(MAGIC) + 2:
        version = int.from_bytes(fixed[len(MAGIC) : len(MAGIC) + 2], "big")
        if version < 1:
            raise tampered("kepala paket", "package header")
    if len(fixed) < _FIXED.size:
        raise truncated()
    _, version, salt, package_bytes, sequence = _FIXED.unpack(fixed)
    raw = bytearray(fixed)
    names: list[bytes] = []
    for _ in range(2):
        length_byte = _read_exactly(stream, 1)
        if not length_byte:
            raise truncated()
        data = _read_exactly(stream, length_byte[0])
        if len(data) < length_byte[0]:
            raise truncated()
        raw += length_byte + data
        names.append(data)
    key_check = _read_exactly(stream, 32)
    if len(key_check) < 32:
        raise truncated()
    raw += key_check
    if version >= HEADER_DIGEST_FROM:
        digest = _read_exactly(stream, HEADER_DIGEST_SIZE)
        if len(digest) < HEADER_DIGEST_SIZE:
            raise truncated()
        if not hmac.compare_digest(digest, header_digest(bytes(raw))):
            raise tampered("kepala paket", "package header")
        raw += digest
    if version > FORMAT_VERSION:
        raise unsupported_version(version, FORMAT_VERSION)
    texts: list[str] = []
    for data in names:
        try:
            name = data.decode("utf-8")
        except UnicodeDecodeError:
            raise tampered("kepala paket", "package header") from None
        if not name or not name.isprintable():
            raise tampered("kepala paket", "package header")
        texts.append(name)
    return PackageHeader(
        version=version,
        salt=salt,
        package_id=str(uuid_module.UUID(bytes=package_bytes)),
        sequence=sequence,
        office_code=texts[0],
        source_workstation=texts[1],
        key_check=key_check,
        raw=bytes(raw),
    )


class PackageWriter:
    """Compresses and seals what is written into `stream`; `close()` seals the last chunk.
    Holds at most one chunk of compressed data; never the whole package."""

    def __init__(
        self,
        stream: BinaryIO,
        office_key: bytes,
        *,
        package_id: str,
        sequence: int,
        office_code: str,
        source_workstation: str,
        salt: bytes | None = None,
        chunk_size: int = CHUNK_SIZE,
        level: int = 1,
        version: int = FORMAT_VERSION,
    ) -> None:
        if not 1 <= chunk_size <= CHUNK_SIZE:
            raise ValueError(f"chunk_size must be 1..{CHUNK_SIZE}")
        self._stream = stream
        salt = salt if salt is not None else secrets.token_bytes(SALT_SIZE)
        keys = package_keys(office_key, salt)
        self.header = encode_header(
            salt=salt,
            package_id=package_id,
            sequence=sequence,
            office_code=office_code,
            source_workstation=source_workstation,
            key_check=key_check_value(keys),
            version=version,
        )
        self._aead = AESGCM(keys.seal)
        self._chunk_size = chunk_size
        self._compressor = zlib.compressobj(level)
        self._pending = bytearray()
        self._counter = 0
        self._closed = False
        self.size = 0  # bytes handed to the stream so far
        self._emit(self.header)

    def _emit(self, data: bytes) -> None:
        self._stream.write(data)
        self.size += len(data)

    def _seal(self, plaintext: bytes, last: bool) -> None:
        sealed = self._aead.encrypt(chunk_nonce(self._counter, last), plaintext, self.header)
        self._emit(_FRAME.pack(len(sealed)) + sealed)
        self._counter += 1

    def _drain(self) -> None:
        # Keep at least one byte back: the chunk that ends the stream must carry the last flag.
        size = self._chunk_size
        while len(self._pending) > size:
            self._seal(bytes(self._pending[:size]), last=False)
            del self._pending[:size]

    def write(self, data: bytes) -> None:
        if self._closed:
            raise ValueError("package writer is closed")
        self._pending += self._compressor.compress(data)
        self._drain()

    def close(self) -> None:
        if self._closed:
            return
        self._pending += self._compressor.flush()
        self._drain()
        self._seal(bytes(self._pending), last=True)
        self._pending.clear()
        self._closed = True


class PackageReader:
    """Reads a package from `stream`: header, office and key check, then the decompressed
    body as verified blocks. Every failure is a PackageError; no unverified byte comes out."""

    def __init__(
        self, stream: BinaryIO, office_key: bytes, *, expected_office: str | None = None
    ) -> None:
        self._stream = stream
        self.header = read_header(stream)
        if expected_office is not None and (
            self.header.office_code.casefold() != expected_office.casefold()
        ):
            raise wrong_office(self.header.office_code, expected_office)
        keys = package_keys(office_key, self.header.salt)
        if not hmac.compare_digest(key_check_value(keys), self.header.key_check):
            raise wrong_office(self.header.office_code, None)
        self._aead = AESGCM(keys.seal)

    def _open(self, sealed: bytes, counter: int, last: bool) -> bytes | None:
        try:
            return self._aead.decrypt(chunk_nonce(counter, last), sealed, self.header.raw)
        except InvalidTag:
            return None

    def chunks(self) -> Iterator[bytes]:
        """The decrypted chunks of the compressed stream, in order, each authenticated."""
        stream = self._stream
        counter = 0
        prefix = _read_exactly(stream, _FRAME.size)
        while True:
            if len(prefix) < _FRAME.size:
                raise truncated()
            (length,) = _FRAME.unpack(prefix)
            if not TAG_SIZE <= length <= CHUNK_SIZE + TAG_SIZE:
                raise tampered("panjang bagian", "chunk length")
            sealed = _read_exactly(stream, length)
            if len(sealed) < length:
                raise truncated()
            if counter > MAX_COUNTER:
                raise tampered()
            prefix = _read_exactly(stream, _FRAME.size)
            at_end = not prefix
            plain = self._open(sealed, counter, last=at_end)
            if plain is None:
                plain = self._open(sealed, counter, last=not at_end)
                if plain is None:
                    raise tampered()
                if at_end:  # a whole chunk that is not the last one, then nothing: cut short
                    raise truncated()
                raise tampered("data setelah akhir paket", "data after the end of the package")
            yield plain
            if at_end:
                return
            counter += 1

    def blocks(self) -> Iterator[bytes]:
        """The decompressed body in blocks of at most DECOMPRESS_BLOCK bytes."""
        inflater = zlib.decompressobj()
        try:
            for chunk in self.chunks():
                if inflater.eof:
                    raise tampered("data setelah akhir isi", "data after the end of the body")
                data = inflater.decompress(chunk, DECOMPRESS_BLOCK)
                if data:
                    yield data
                while inflater.unconsumed_tail and not inflater.eof:
                    data = inflater.decompress(inflater.unconsumed_tail, DECOMPRESS_BLOCK)
                    if data:
                        yield data
            if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
                raise tampered("isi tidak lengkap", "incomplete body")
        except zlib.error:
            raise tampered("isi tidak dapat dibuka", "body cannot be decompressed") from None
