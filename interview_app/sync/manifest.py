"""The manifest: what a package claims to hold, carried encrypted as the body's last line."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from interview_app.sync.errors import manifest_mismatch, tampered

# The body format; the container header carries the same number. Format 2 added supervisors'
# review marks (R lines, a "reviews" count and part); format 3 changed the container's header
# (it ends with a digest of itself) and added the referral follow-up steps (F lines, a
# "referrals" count and part); format 4 added supervisors' settlements of sync conflicts (C
# lines, a "resolutions" count and part). Formats 1 to 3 still import.
MANIFEST_VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)
RESOLUTIONS_FROM = 4

# Parts whose lines are hashed one by one (SHA-256 over the exact line bytes, in order).
PARTS = ("interviews", "questionnaires", "officers", "audit", "reviews", "referrals", "resolutions")
# Record counts the reader re-counts after decryption.
COUNTS = (
    "interviews",
    "answers",
    "flags",
    "revisions",
    "slips",
    "questionnaires",
    "officers",
    "audit",
    "reviews",
    "referrals",
    "resolutions",
)
_PARTS_OF = {1: PARTS[:4], 2: PARTS[:5], 3: PARTS[:6]}
_COUNTS_OF = {1: COUNTS[:8], 2: COUNTS[:9], 3: COUNTS[:10]}


def parts_of(version: int) -> tuple[str, ...]:
    """The parts a manifest of body format `version` checksums."""
    return _PARTS_OF.get(version, PARTS)


def counts_of(version: int) -> tuple[str, ...]:
    """The counts a manifest of body format `version` carries."""
    return _COUNTS_OF.get(version, COUNTS)


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Manifest:
    format_version: int
    package_id: str
    office_code: str
    source_workstation: str
    source_workstation_name: str
    created_at: str
    sequence: int
    full: bool
    schema_version: int
    app_version: str
    counts: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)
    audit_head: tuple[int, str] | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["audit_head"] = list(self.audit_head) if self.audit_head else None
        return data

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        """Validate types strictly; anything unexpected is a damaged package."""
        try:
            if not isinstance(data, dict):
                raise TypeError("manifest is not an object")
            version = data.get("format_version")
            if type(version) is not int or version not in READABLE_VERSIONS:
                raise TypeError("manifest version")
            strings = (
                "package_id",
                "office_code",
                "source_workstation",
                "source_workstation_name",
                "created_at",
                "app_version",
            )
            for name in strings:
                if not isinstance(data[name], str):
                    raise TypeError(name)
            for name in ("sequence", "schema_version"):
                if type(data[name]) is not int or data[name] < 0:
                    raise TypeError(name)
            if not isinstance(data["full"], bool):
                raise TypeError("full")
            counts = data["counts"]
            if not isinstance(counts, dict) or set(counts) != set(counts_of(version)):
                raise TypeError("counts")
            if any(type(value) is not int or value < 0 for value in counts.values()):
                raise TypeError("counts")
            checksums = data["checksums"]
            if not isinstance(checksums, dict) or set(checksums) != set(parts_of(version)):
                raise TypeError("checksums")
            if any(not isinstance(v, str) or not _HEX64.match(v) for v in checksums.values()):
                raise TypeError("checksums")
            head = data["audit_head"]
            audit_head: tuple[int, str] | None = None
            if head is not None:
                if (
                    not isinstance(head, list)
                    or len(head) != 2
                    or type(head[0]) is not int
                    or not isinstance(head[1], str)
                    or not _HEX64.match(head[1])
                ):
                    raise TypeError("audit_head")
                audit_head = (head[0], head[1])
            return cls(
                format_version=version,
                package_id=data["package_id"],
                office_code=data["office_code"],
                source_workstation=data["source_workstation"],
                source_workstation_name=data["source_workstation_name"],
                created_at=data["created_at"],
                sequence=data["sequence"],
                full=data["full"],
                schema_version=data["schema_version"],
                app_version=data["app_version"],
                counts=dict(counts),
                checksums=dict(checksums),
                audit_head=audit_head,
            )
        except (KeyError, TypeError):
            raise tampered("manifes tidak sah", "invalid manifest") from None

    def check_against(self, counts: dict[str, int], checksums: dict[str, str]) -> None:
        """The counts and per-part checksums found after decryption must be the claimed ones."""
        for name in counts_of(self.format_version):
            if counts.get(name, 0) != self.counts[name]:
                raise manifest_mismatch(
                    f"jumlah {name}: manifes {self.counts[name]}, isi {counts.get(name, 0)}",
                    f"{name} count: manifest {self.counts[name]}, content {counts.get(name, 0)}",
                )
        for name in parts_of(self.format_version):
            if checksums.get(name) != self.checksums[name]:
                raise manifest_mismatch(f"checksum {name}", f"{name} checksum")
