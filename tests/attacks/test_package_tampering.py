"""Damaged packages through `interview-app import`: every header byte flipped, each chunk
boundary flipped, 30 truncation points, chunks reordered, repeated and spliced in from another
package. Each is refused with exit 1 and the reason that fits, in both languages; the
receiving database is unchanged and `db check` is clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.attacks.conftest import Office, record, run_cli
from tests.sync.packages import chunk_spans, swap_chunks

pytestmark = pytest.mark.attack

DAMAGED = ("Paket rusak atau telah diubah", "The package is damaged or was altered")
TRUNCATED = ("Paket terpotong", "The package is truncated")
NOT_A_PACKAGE = ("bukan paket sinkronisasi", "is not an Asisten Wawancara sync package")
NOTHING_CHANGED = ("Tidak ada data yang diubah", "No data was changed")
# What a damaged package must never be called.
WRONG_CAUSES = ("kantor lain", "another office", "Perbarui aplikasi", "Update this application")


def attempt_all(
    office: Office, tmp_path: Path, variants: list[tuple[str, bytes]], expected: Callable[..., bool]
) -> tuple[int, int]:
    """Import each damaged variant; (tried, refused as expected). The database's content
    hash is compared after every attempt."""
    before = office.digest()
    refused = 0
    for name, data in variants:
        path = tmp_path / f"{name}.awsync"
        path.write_bytes(data)
        result = run_cli("import", "--data-dir", office.receiver, path)
        ok = expected(result, name) and not any(wrong in result.err for wrong in WRONG_CAUSES)
        assert ok, (name, result.code, result.err)
        refused += ok
        assert office.digest() == before, name
        path.unlink()
    office.check_clean()
    return len(variants), refused


def flip(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x5A
    return bytes(changed)


def test_every_header_byte_flipped(office: Office, tmp_path: Path) -> None:
    data = office.package.read_bytes()
    header_end, _ = chunk_spans(data)
    variants = [(f"header-{i}", flip(data, i)) for i in range(header_end)]

    def expected(result: object, name: str) -> bool:
        offset = int(name.split("-")[1])
        if offset < 6:  # the "AWSYNC" mark: one changed byte is damage
            return result.refused(*DAMAGED, *NOTHING_CHANGED)  # type: ignore[attr-defined]
        return result.refused(*DAMAGED) or result.refused(*TRUNCATED)  # type: ignore[attr-defined]

    tried, refused = attempt_all(office, tmp_path, variants, expected)
    assert tried == header_end > 100
    record("Package header: every byte flipped", tried, refused, 0)


def test_each_chunk_boundary_flipped(office: Office, tmp_path: Path) -> None:
    data = office.package.read_bytes()
    _, spans = chunk_spans(data)
    assert len(spans) >= 4  # small chunks: several boundaries to attack
    offsets: list[int] = []
    for start, length in spans:
        # the length prefix (both ends), the first sealed byte, the last tag byte
        offsets += [start, start + 3, start + 4, start + length - 1]
    variants = [(f"boundary-{i}", flip(data, i)) for i in offsets]
    tried, refused = attempt_all(
        office,
        tmp_path,
        variants,
        lambda result, name: result.refused(*DAMAGED) or result.refused(*TRUNCATED),
    )
    record("Package chunk boundaries flipped", tried, refused, 0)


def test_thirty_truncation_points(office: Office, tmp_path: Path) -> None:
    data = office.package.read_bytes()
    cuts = sorted({len(data) * i // 31 for i in range(1, 31)})
    assert len(cuts) == 30
    variants = [(f"cut-{cut}", data[:cut]) for cut in cuts]
    tried, refused = attempt_all(
        office,
        tmp_path,
        variants,
        lambda result, name: result.refused(*TRUNCATED, *NOTHING_CHANGED),
    )
    record("Package truncated at 30 points", tried, refused, 0)


def test_chunks_reordered_repeated_and_spliced(office: Office, tmp_path: Path) -> None:
    data = office.package.read_bytes()
    other = office.other_package.read_bytes()
    header_end, spans = chunk_spans(data)
    _, other_spans = chunk_spans(other)
    chunks = [data[start : start + length] for start, length in spans]
    foreign = [other[start : start + length] for start, length in other_spans]
    n = len(chunks)
    header = data[:header_end]
    variants = [(f"swap-{i}-{i + 1}", swap_chunks(data, i, i + 1)) for i in range(n - 1)]
    variants.append(("swap-first-last", swap_chunks(data, 0, n - 1)))
    variants += [
        (f"repeat-{i}", header + b"".join(chunks[: i + 1] + chunks[i:])) for i in range(n - 1)
    ]
    variants += [
        (f"drop-{i}", header + b"".join(chunks[:i] + chunks[i + 1 :])) for i in range(n - 1)
    ]
    # Chunks of another genuine package of the same office, sealed under its own key.
    variants += [
        (f"splice-{i}", header + b"".join(chunks[:i] + [foreign[i]] + chunks[i + 1 :]))
        for i in range(min(n, len(foreign)))
    ]
    variants.append(("other-header", other[: chunk_spans(other)[0]] + b"".join(chunks)))
    variants.append(("tail-appended", data + foreign[-1]))
    tried, refused = attempt_all(
        office,
        tmp_path,
        variants,
        lambda result, name: result.refused(*DAMAGED) or result.refused(*TRUNCATED),
    )
    record("Package chunks reordered, repeated, dropped or spliced", tried, refused, 0)


def test_a_genuine_package_still_imports(office: Office) -> None:
    """The control: the undamaged package goes in, so the refusals above are the damage."""
    result = run_cli("import", "--data-dir", office.receiver, office.package)
    assert result.code == 0, result.err
    assert "Diimpor" in result.out
    office.check_clean()


def test_not_a_package_at_all(office: Office, tmp_path: Path) -> None:
    path = tmp_path / "foto.awsync"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    before = office.digest()
    result = run_cli("import", "--data-dir", office.receiver, path)
    assert result.refused(*NOT_A_PACKAGE)
    assert office.digest() == before
