"""The office recovery code: 120 random bits written as six groups of five characters, each
group ending in a check character, so that a typo is caught and its group named.

Shown once at set-up for the supervisor to print and keep in the safe; it opens the recovery
key slot (storage.keyslots), from which a supervisor resets every password. The alphabet is
Crockford's base 32 (digits and capitals without I, L, O, U): on reading back, O is taken for
0 and I or L for 1, case, spaces and dashes do not matter. The check character of a group is
Luhn's mod-32 check over its four characters: it catches every single wrong character and
every swap of two neighbours.
"""

from __future__ import annotations

import secrets

from interview_app.storage.errors import RecoveryCodeInvalid

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 6
DATA_PER_GROUP = 4
GROUP_LENGTH = DATA_PER_GROUP + 1
CODE_BITS = GROUPS * DATA_PER_GROUP * 5  # 120
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def _check_character(data: str) -> str:
    """Luhn mod N over `data` (N = 32): the character that makes the group's sum come out 0."""
    base = len(ALPHABET)
    total = 0
    factor = 2
    for char in reversed(data):
        addend = factor * ALPHABET.index(char)
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def generate_recovery_code() -> str:
    """A new code, e.g. `7KQ2M-0ZP9D-...` (six groups of five)."""
    groups = []
    for _ in range(GROUPS):
        data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_PER_GROUP))
        groups.append(data + _check_character(data))
    return "-".join(groups)


def _invalid(detail_id: str, detail_en: str) -> RecoveryCodeInvalid:
    return RecoveryCodeInvalid(
        f"Kode pemulihan tidak sah: {detail_id}. Periksa lagi kode yang tercetak (enam kelompok "
        "lima karakter).",
        f"The recovery code is not valid: {detail_en}. Check the printed code again (six "
        "groups of five characters).",
    )


def normalize_recovery_code(text: str) -> str:
    """The canonical spelling of a typed code (capitals, groups joined by dashes); a code of
    the wrong length, with a character outside the alphabet, or with a failing group check is
    refused with the group(s) to look at."""
    compact = "".join(text.split()).replace("-", "").upper()
    compact = "".join(_READ_AS.get(char, char) for char in compact)
    foreign = sorted({char for char in compact if char not in ALPHABET})
    if foreign:
        shown = " ".join(foreign)
        raise _invalid(f"karakter {shown} tidak dipakai", f"the character(s) {shown} are not used")
    if len(compact) != GROUPS * GROUP_LENGTH:
        raise _invalid(
            f"{len(compact)} karakter, seharusnya {GROUPS * GROUP_LENGTH}",
            f"{len(compact)} characters, it has {GROUPS * GROUP_LENGTH}",
        )
    groups = [compact[i : i + GROUP_LENGTH] for i in range(0, len(compact), GROUP_LENGTH)]
    wrong = [
        str(number)
        for number, group in enumerate(groups, start=1)
        if _check_character(group[:DATA_PER_GROUP]) != group[DATA_PER_GROUP]
    ]
    if wrong:
        which = ", ".join(wrong)
        raise _invalid(f"salah ketik di kelompok ke-{which}", f"a typo in group {which}")
    return "-".join(groups)
