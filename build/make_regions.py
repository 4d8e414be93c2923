"""Write resources/regions.json from the CSV files of the idn-area-data package (ODbL data).

The app ships the provinces and regencies/cities of the current Kemendagri code list (the codes
inside NIK and KK numbers). idn-area-data keeps a machine-readable copy of that list; it is not a
dependency of the app: this script is run by hand when the list changes, and its output is
committed. How to run it (the package is published on the npm registry):

    npm pack idn-area-data@4.0.1            # or a newer version
    tar xzf idn-area-data-4.0.1.tgz         # gives package/data/*.csv and package/data/LICENSE.md
    python build/make_regions.py package/data --version 4.0.1

It reads provinces.csv (code,name) and regencies.csv (code,province_code,name; codes written
"72.71"), checks them, adds the former codes of the regencies that moved to the Papua provinces
created in 2022 (older NIKs keep them), and replaces resources/regions.json in one step.
resources/LICENSE-regions.md carries the attribution the ODbL asks for.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "regions.json"

NOTE = (
    "Kemendagri region codes (the ones inside NIK and KK numbers), not the statistics bureau (BPS) "
    "numbering, which differs for Papua (BPS: 91 Papua Barat, 92 Papua Barat Daya, 94 Papua, "
    "95-97 the other new provinces). Kemendagri: 91 Papua and 92 Papua Barat are the long-standing "
    "codes; the provinces created in 2022 got 93 Papua Selatan, 94 Papua Tengah, 95 Papua "
    "Pegunungan and 96 Papua Barat Daya. A NIK never changes, so one issued before 2022 to someone "
    "from today's Papua Selatan, Papua Tengah or Papua Pegunungan starts with 91, and one from "
    "today's Papua Barat Daya with 92: 'former_regencies' maps those older regency codes to "
    "today's. Split-off regencies: older NIKs may carry the parent regency's code, which is still "
    "in the list. Written by build/make_regions.py; see 'source' and resources/LICENSE-regions.md."
)

# Regency codes in use before the 2022 Papua split (Kemendagri numbering of Papua 91 and Papua
# Barat 92) for the regencies that moved to the new provinces, by their name in the current list.
# The script finds each name's current code, so a renamed or missing regency stops it.
FORMER_PAPUA_CODES: dict[str, str] = {
    "9101": "Kabupaten Merauke",
    "9102": "Kabupaten Jayawijaya",
    "9104": "Kabupaten Nabire",
    "9107": "Kabupaten Puncak Jaya",
    "9108": "Kabupaten Paniai",
    "9109": "Kabupaten Mimika",
    "9112": "Kabupaten Pegunungan Bintang",
    "9113": "Kabupaten Yahukimo",
    "9114": "Kabupaten Tolikara",
    "9116": "Kabupaten Boven Digoel",
    "9117": "Kabupaten Mappi",
    "9118": "Kabupaten Asmat",
    "9121": "Kabupaten Mamberamo Tengah",
    "9122": "Kabupaten Yalimo",
    "9123": "Kabupaten Lanny Jaya",
    "9124": "Kabupaten Nduga",
    "9125": "Kabupaten Puncak",
    "9126": "Kabupaten Dogiyai",
    "9127": "Kabupaten Intan Jaya",
    "9128": "Kabupaten Deiyai",
    "9201": "Kabupaten Sorong",
    "9204": "Kabupaten Sorong Selatan",
    "9205": "Kabupaten Raja Ampat",
    "9209": "Kabupaten Tambrauw",
    "9210": "Kabupaten Maybrat",
    "9271": "Kota Sorong",
}

_PROVINCE_CODE = re.compile(r"[1-9][0-9]")
_REGENCY_CODE = re.compile(r"([1-9][0-9])\.([0-9]{2})")


def _rows(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            raise SystemExit(f"{path}: expected the columns {columns}, found {reader.fieldnames}")
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def convert(data_dir: Path, version: str) -> dict[str, object]:
    """The content of regions.json, checked: codes well-formed and unique, names present."""
    provinces: dict[str, str] = {}
    for row in _rows(data_dir / "provinces.csv", ["code", "name"]):
        code, name = row["code"], row["name"]
        if not _PROVINCE_CODE.fullmatch(code) or not name or code in provinces:
            raise SystemExit(f"provinces.csv: bad or repeated row {row}")
        provinces[code] = name
    regencies: dict[str, str] = {}
    for row in _rows(data_dir / "regencies.csv", ["code", "province_code", "name"]):
        match = _REGENCY_CODE.fullmatch(row["code"])
        if match is None or match[1] != row["province_code"] or match[1] not in provinces:
            raise SystemExit(f"regencies.csv: bad code or province in {row}")
        code = match[1] + match[2]
        if code in regencies or not row["name"] or match[2] == "00":
            raise SystemExit(f"regencies.csv: bad or repeated row {row}")
        regencies[code] = row["name"]
    by_name = {name.casefold(): code for code, name in regencies.items()}
    if len(by_name) != len(regencies):
        raise SystemExit("regencies.csv: two regencies share a name")
    former: dict[str, str] = {}
    for old, name in FORMER_PAPUA_CODES.items():
        current = by_name.get(name.casefold())
        if current is None or old in regencies:
            raise SystemExit(f"former code {old} ({name}): not found, or still in use")
        former[old] = current
    return {
        "note": NOTE,
        "source": {
            "name": "idn-area-data",
            "version": version,
            "url": "https://github.com/fityannugroho/idn-area-data",
            "licence": "Open Database License (ODbL) v1.0",
            "attribution": "Contains data from idn-area-data by Fityan, made available under the "
            "ODbL (resources/LICENSE-regions.md).",
        },
        "provinces": dict(sorted(provinces.items())),
        "regencies": dict(sorted(regencies.items())),
        "former_regencies": former,
    }


def write_atomically(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(prefix=".regions-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="idn-area-data's data/ folder")
    parser.add_argument("--version", required=True, help="the idn-area-data version read")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    content = convert(args.data_dir, args.version)
    write_atomically(args.out, json.dumps(content, ensure_ascii=False, indent=1) + "\n")
    print(
        f"{args.out}: {len(content['provinces'])} provinces, "  # type: ignore[arg-type]
        f"{len(content['regencies'])} regencies/cities"  # type: ignore[arg-type]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
