"""A scan of every byte of every file under some folders for given strings (NIKs, names, phone
numbers), in UTF-8 and in both UTF-16 byte orders: the proof that nothing personal is written
in clear. One pass per file with one pattern of all the strings, shaped as a trie of their bytes
(a flat alternation of thousands of strings makes Python's regex engine try each one at every
byte: 1,000 applicants' strings scanned a 20 MB file in half a minute; as a trie, in 0.2 s)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


@dataclass(frozen=True)
class Hit:
    text: str
    encoding: str
    path: Path
    offset: int


def scan_files(roots: Iterable[Path], texts: Iterable[str]) -> list[Hit]:
    """Every place under `roots` (all files, hidden ones too, recursively) where one of `texts`
    occurs, in any of ENCODINGS. Strings shorter than 4 characters are refused: they would be
    found by chance in random bytes."""
    wanted: dict[bytes, tuple[str, str]] = {}
    for text in set(texts):
        if len(text) < 4:
            raise ValueError(f"too short to scan for: {text!r}")
        for encoding in ENCODINGS:
            wanted.setdefault(text.encode(encoding), (text, encoding))
    if not wanted:
        return []
    pattern = _trie_pattern(wanted)
    hits: list[Hit] = []
    for root in roots:
        for path in sorted(Path(root).rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            data = path.read_bytes()
            for match in pattern.finditer(data):
                text, encoding = wanted[match.group()]
                hits.append(Hit(text, encoding, path, match.start()))
    return hits


def _trie_pattern(words: Iterable[bytes]) -> re.Pattern[bytes]:
    """One regex matching any of `words`, the longest one where several start at a byte (so
    that a string that contains another is reported as itself)."""
    trie: dict[int | None, dict] = {}
    for word in words:
        node = trie
        for byte in word:
            node = node.setdefault(byte, {})
        node[None] = {}

    def branch(node: dict[int | None, dict]) -> bytes:
        ends = None in node
        ways = [
            re.escape(bytes([b])) + branch(node[b])
            for b in sorted(k for k in node if k is not None)
        ]
        if not ways:
            return b""
        body = ways[0] if len(ways) == 1 and not ends else b"(?:" + b"|".join(ways) + b")"
        return body + b"?" if ends else body

    return re.compile(branch(trie))


def found_texts(roots: Iterable[Path], texts: Iterable[str]) -> set[str]:
    return {hit.text for hit in scan_files(roots, texts)}
