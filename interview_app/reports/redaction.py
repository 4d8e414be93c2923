"""Masking personal data for redacted exports: NIK, names, phone and passport numbers."""

from __future__ import annotations

import re

MASK = "*"
REDACTED_TEXT = "[disamarkan / redacted]"


def keep_last(value: str | None, keep: int) -> str:
    """All but the last `keep` characters replaced: '7202072001070001' -> '************0001'.
    A value no longer than `keep` is masked whole, so a short one never shows in full."""
    if not value:
        return ""
    text = re.sub(r"\s+", "", str(value))
    if len(text) <= keep:
        return MASK * len(text)
    return MASK * (len(text) - keep) + text[-keep:]


def mask_nik(value: str | None) -> str:
    return keep_last(value, 4)


def mask_phone(value: str | None) -> str:
    return keep_last(value, 3)


def mask_passport(value: str | None) -> str:
    return keep_last(value, 3)


def initials(name: str | None) -> str:
    """'Siti Nurhaliza Lamato' -> 'S. N. L.' (letters only; titles and dots are words too)."""
    if not name:
        return ""
    words = [w for w in re.split(r"[\s.,]+", str(name)) if w]
    return " ".join(f"{next((ch for ch in w if ch.isalnum()), w[0]).upper()}." for w in words)


def birth_year(value: str | None) -> str:
    return str(value)[:4] if value else ""


def free_text(value: str | None) -> str:
    """Free text may name anyone: kept only as the fact that there was some."""
    return REDACTED_TEXT if value and str(value).strip() else ""
