"""Reference tables every floor may read: Kemendagri regions and ISO 3166-1 countries, as shipped
in resources/ (regions.json, countries.json), each read once on first use."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from interview_app.resources_path import resource_path

# The script's question ids that recaps, exports and the supervisor's review read by name.
DESTINATION_QUESTION = "destination"  # the destination country
PURPOSE_QUESTION = "purpose"  # the declared purpose of travel


@dataclass(frozen=True)
class Regions:
    """Kemendagri region codes: provinces by 2-digit code, regencies/cities by 4-digit code.

    `former` maps regency codes that older NIKs still carry (the regencies moved to the Papua
    provinces created in 2022) to today's code.
    """

    provinces: Mapping[str, str]
    regencies: Mapping[str, str]
    note: str = ""
    former: Mapping[str, str] = field(default_factory=dict)
    attribution: str = ""

    def province_name(self, code: str) -> str | None:
        return self.provinces.get(code)

    def current_regency_code(self, code: str) -> str | None:
        """Today's code for a regency code (itself, or the one a former code became); None if
        the code is unknown."""
        if code in self.regencies:
            return code
        return self.former.get(code)

    def regency_name(self, code: str) -> str | None:
        """The regency or city of a 4-digit code, former codes included ("9101": Merauke)."""
        current = self.current_regency_code(code)
        return None if current is None else self.regencies[current]

    def regency_place(self, code: str) -> str | None:
        """ "Kota Surabaya, Jawa Timur": the regency with today's province; None if unknown."""
        current = self.current_regency_code(code)
        if current is None:
            return None
        return f"{self.regencies[current]}, {self.provinces.get(current[:2], current[:2])}"

    def has_regency_list(self, province_code: str) -> bool:
        """True when regions.json lists the regencies of this province (so unknown ones stand out)."""
        return province_code in self._listed_provinces

    @functools.cached_property
    def _listed_provinces(self) -> frozenset[str]:
        # On the per-answer path (every NIK and KK check): one set look-up, not 514 prefixes.
        return frozenset(code[:2] for code in self.regencies)

    def province_code(self, code_or_name: str) -> str | None:
        """The 2-digit code for a code or a province name (case-insensitive); None if unknown."""
        text = code_or_name.strip()
        if text in self.provinces:
            return text
        wanted = text.casefold()
        for code, name in self.provinces.items():
            if name.casefold() == wanted:
                return code
        return None


@dataclass(frozen=True)
class Country:
    """An ISO 3166-1 alpha-2 country with its Indonesian (`id`) and English (`en`) name."""

    code: str
    id: str
    en: str

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.id


@functools.cache
def load_regions() -> Regions:
    """The region table shipped in resources/regions.json (about 20 kB; read once, on first use).

    Made from idn-area-data (ODbL) by build/make_regions.py; see resources/LICENSE-regions.md.
    """
    with resource_path("regions.json").open(encoding="utf-8") as f:
        data = json.load(f)
    return Regions(
        provinces=MappingProxyType(dict(data["provinces"])),
        regencies=MappingProxyType(dict(data["regencies"])),
        note=data.get("note", ""),
        former=MappingProxyType(dict(data.get("former_regencies", {}))),
        attribution=data.get("source", {}).get("attribution", ""),
    )


@functools.cache
def _countries() -> tuple[Country, ...]:
    with resource_path("countries.json").open(encoding="utf-8") as f:
        data = json.load(f)
    return tuple(Country(code=c["code"], id=c["id"], en=c["en"]) for c in data)


def load_countries() -> list[Country]:
    """The country list shipped in resources/countries.json, sorted by code (file read once)."""
    return list(_countries())
