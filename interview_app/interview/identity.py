"""Checks of identity numbers (NIK, KK, passport, phone) against the region table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from interview_app.reference import load_regions
from interview_app.text import Message

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class IdentityIssue:
    """One problem found in an identity answer; an "error" blocks, a "warning" does not."""

    field: str  # "nik", "kk", "passport_no", "phone", "birth_date", "sex"
    severity: str  # ERROR or WARNING
    message: Message


@dataclass(frozen=True)
class NikInfo:
    """What a 16-digit NIK says about its holder. Names and dates are None when unknown or invalid."""

    province_code: str  # 2 digits, e.g. "72"
    province_name: str | None
    regency_code: str  # 4 digits, e.g. "7271"
    regency_name: str | None  # None for a code that is not in regions.json
    district_code: str  # 6 digits, e.g. "727101"
    birth_date: date | None  # None when DDMMYY is not a real date
    sex: str | None  # "L" (day 01-31) or "P" (day 41-71); None for any other day
    serial: str  # 4 digits


# --- NIK and KK ---------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s.\-]+")

_SEX_ALIASES = {
    "l": "L",
    "m": "L",
    "laki-laki": "L",
    "laki_laki": "L",
    "male": "L",
    "p": "P",
    "f": "P",
    "perempuan": "P",
    "female": "P",
}
_SEX_WORDS = {"L": ("laki-laki", "male"), "P": ("perempuan", "female")}


def normalise_nik(text: str) -> str:
    """The NIK (or KK number) without spaces, dots and dashes; other characters are kept."""
    return _SEPARATORS.sub("", text)


def _normalise_sex(sex: str) -> str:
    value = _SEX_ALIASES.get(sex.strip().casefold())
    if value is None:
        raise ValueError(f"unknown sex value {sex!r} (expected 'L' or 'P')")
    return value


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nik_year(yy: int, month: int, day: int, stated: date | None, today: date) -> int:
    """The 4-digit year: the stated birth date's when its last two digits match, otherwise the
    latest year ending in `yy` whose date is not after `today`."""
    if stated is not None and stated.year % 100 == yy:
        return stated.year
    year = today.year - today.year % 100 + yy
    candidate = _real_date(year, month, day)
    if year > today.year or (candidate is not None and candidate > today):
        year -= 100
    return year


def parse_nik(
    nik: str, *, birth_date: date | None = None, today: date | None = None
) -> NikInfo | None:
    """Split a NIK into its parts; None unless it is 16 digits after `normalise_nik`.

    The century of the birth date comes from `birth_date` (the stated one) when its two-digit year
    matches, otherwise it is chosen so that the date is not after `today` (default: the real today).
    """
    digits = normalise_nik(nik)
    if len(digits) != 16 or not digits.isascii() or not digits.isdigit():
        return None
    regions = load_regions()
    province = digits[:2]
    regency = digits[:4]
    raw_day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if 1 <= raw_day <= 31:
        sex: str | None = "L"
        day = raw_day
    elif 41 <= raw_day <= 71:
        sex = "P"
        day = raw_day - 40
    else:
        sex = None
        day = 0
    born: date | None = None
    if sex is not None and 1 <= month <= 12:
        year = _nik_year(yy, month, day, birth_date, today or date.today())
        born = _real_date(year, month, day)
    return NikInfo(
        province_code=province,
        province_name=regions.province_name(province),
        regency_code=regency,
        regency_name=regions.regency_name(regency),
        district_code=digits[:6],
        birth_date=born,
        sex=sex,
        serial=digits[12:],
    )


def _resolve_office_province(office_province: str | None) -> str | None:
    if office_province is None:
        return None
    code = load_regions().province_code(office_province)
    if code is None:
        raise ValueError(f"unknown office province {office_province!r}")
    return code


def _length_issue(field: str, label: str, digits: str) -> IdentityIssue | None:
    if digits.isascii() and digits.isdigit():
        if len(digits) == 16:
            return None
        return IdentityIssue(
            field,
            ERROR,
            Message(
                f"Nomor {label} harus 16 angka, yang diisi {len(digits)} angka.",
                f"The {label} number must have 16 digits; {len(digits)} were entered.",
            ),
        )
    return IdentityIssue(
        field,
        ERROR,
        Message(
            f"Nomor {label} hanya boleh berisi angka (16 angka).",
            f"The {label} number may contain digits only (16 digits).",
        ),
    )


def _region_issues(
    field: str, label: str, digits: str, office_code: str | None
) -> list[IdentityIssue]:
    """Province known, regency and district not 00, regency known where the table lists them,
    and a warning when the province is not the office's."""
    regions = load_regions()
    province = digits[:2]
    province_name = regions.province_name(province)
    if province_name is None:
        return [
            IdentityIssue(
                field,
                ERROR,
                Message(
                    f"Kode provinsi {province} pada nomor {label} tidak dikenal.",
                    f"The province code {province} in the {label} number is not a known code.",
                ),
            )
        ]
    issues: list[IdentityIssue] = []
    if digits[2:4] == "00" or digits[4:6] == "00":
        issues.append(
            IdentityIssue(
                field,
                ERROR,
                Message(
                    f"Kode wilayah {digits[:6]} pada nomor {label} tidak mungkin "
                    "(kabupaten/kota dan kecamatan tidak boleh 00).",
                    f"The region code {digits[:6]} in the {label} number is impossible "
                    "(regency/city and district cannot be 00).",
                ),
            )
        )
    elif regions.has_regency_list(province) and regions.current_regency_code(digits[:4]) is None:
        issues.append(
            IdentityIssue(
                field,
                WARNING,
                Message(
                    f"Kode kabupaten/kota {digits[:4]} pada nomor {label} tidak ada dalam daftar "
                    f"{province_name}; periksa kembali.",
                    f"The regency/city code {digits[:4]} in the {label} number is not in the list "
                    f"for {province_name}; please check it.",
                ),
            )
        )
    if office_code is not None and province != office_code:
        office_name = regions.province_name(office_code)
        place = province_name
        regency = regions.regency_name(digits[:4])
        if regency is not None:
            place = f"{regency}, {province_name}"
        issues.append(
            IdentityIssue(
                field,
                WARNING,
                Message(
                    f"{label} terdaftar di luar provinsi kantor ({office_name}): {place}.",
                    f"The {label} is registered outside the office's province ({office_name}): "
                    f"{place}.",
                ),
            )
        )
    return issues


def check_nik(
    nik: str,
    *,
    birth_date: date | None = None,
    sex: str | None = None,
    office_province: str | None = None,
    today: date | None = None,
) -> list[IdentityIssue]:
    """Check a NIK against its own structure and against the stated birth date and sex.

    `sex` is "L" or "P" (also accepted: "M"/"F", "laki-laki"/"perempuan", "male"/"female").
    `office_province` is a province code ("72") or name ("Sulawesi Tengah"); a NIK from another
    province only gets a warning. A blank NIK gives no issue: whether it is required is the
    questionnaire's business. Raises ValueError for an unknown `sex` or `office_province` value.
    """
    stated_sex = _normalise_sex(sex) if sex is not None else None
    office_code = _resolve_office_province(office_province)
    digits = normalise_nik(nik)
    if not digits:
        return []
    length_issue = _length_issue("nik", "NIK", digits)
    if length_issue is not None:
        return [length_issue]
    info = parse_nik(digits, birth_date=birth_date, today=today)
    assert info is not None  # 16 digits were checked above
    issues = _region_issues("nik", "NIK", digits, office_code)

    ddmmyy = f"{digits[6:8]}-{digits[8:10]}-{digits[10:12]}"
    if info.sex is None:
        issues.append(
            IdentityIssue(
                "nik",
                ERROR,
                Message(
                    f"Tanggal lahir pada NIK ({digits[6:8]}) tidak mungkin: harus 01-31 "
                    "(laki-laki) atau 41-71 (perempuan).",
                    f"The birth day in the NIK ({digits[6:8]}) is impossible: it must be 01-31 "
                    "(male) or 41-71 (female).",
                ),
            )
        )
    elif info.birth_date is None:
        issues.append(
            IdentityIssue(
                "nik",
                ERROR,
                Message(
                    f"Tanggal lahir pada NIK ({ddmmyy}) bukan tanggal yang ada.",
                    f"The birth date in the NIK ({ddmmyy}) is not a real date.",
                ),
            )
        )
    else:
        nik_born = info.birth_date
        if birth_date is not None and (
            (nik_born.day, nik_born.month, nik_born.year % 100)
            != (birth_date.day, birth_date.month, birth_date.year % 100)
        ):
            nik_text = f"{nik_born.day:02d}-{nik_born.month:02d}-{nik_born.year % 100:02d}"
            stated_text = birth_date.strftime("%d-%m-%Y")
            issues.append(
                IdentityIssue(
                    "birth_date",
                    ERROR,
                    Message(
                        f"Tanggal lahir pada NIK ({nik_text}) tidak sama dengan tanggal lahir "
                        f"yang dinyatakan ({stated_text}).",
                        f"The birth date in the NIK ({nik_text}) differs from the stated birth "
                        f"date ({stated_text}).",
                    ),
                )
            )
    if info.sex is not None and stated_sex is not None and info.sex != stated_sex:
        nik_id, nik_en = _SEX_WORDS[info.sex]
        stated_id, stated_en = _SEX_WORDS[stated_sex]
        issues.append(
            IdentityIssue(
                "sex",
                ERROR,
                Message(
                    f"NIK menunjukkan {nik_id} (tanggal lahir perempuan ditambah 40), tetapi "
                    f"jenis kelamin yang dinyatakan {stated_id}.",
                    f"The NIK indicates {nik_en} (a woman's birth day has 40 added), but the "
                    f"stated sex is {stated_en}.",
                ),
            )
        )
    if info.serial == "0000":
        issues.append(
            IdentityIssue(
                "nik",
                ERROR,
                Message(
                    "Nomor urut NIK (4 angka terakhir) tidak boleh 0000.",
                    "The NIK serial number (last 4 digits) cannot be 0000.",
                ),
            )
        )
    return issues


def check_kk(kk: str, *, office_province: str | None = None) -> list[IdentityIssue]:
    """Check a family card (KK) number: 16 digits and a known issuing region, nothing more.

    A blank number gives no issue. Raises ValueError for an unknown `office_province`.
    """
    office_code = _resolve_office_province(office_province)
    digits = normalise_nik(kk)
    if not digits:
        return []
    length_issue = _length_issue("kk", "KK", digits)
    if length_issue is not None:
        return [length_issue]
    return _region_issues("kk", "KK", digits, office_code)


# --- Passport -----------------------------------------------------------------------------

_PASSPORT = re.compile(r"[A-Z]{1,2}[0-9]{6,7}")


def normalise_passport(text: str) -> str:
    """Upper-case, without spaces (and without dashes, which are never part of the number)."""
    return re.sub(r"[\s\-]+", "", text).upper()


def check_passport(text: str) -> list[IdentityIssue]:
    """Soft check only: a warning unless 1-2 letters followed by 6-7 digits; never an error.

    A blank number gives no issue.
    """
    number = normalise_passport(text)
    if not number or _PASSPORT.fullmatch(number):
        return []
    return [
        IdentityIssue(
            "passport_no",
            WARNING,
            Message(
                f"Format nomor paspor {number} tidak biasa (biasanya 1-2 huruf lalu 6-7 angka); "
                "periksa kembali.",
                f"The passport number {number} has an unusual format (usually 1-2 letters and "
                "6-7 digits); please check it.",
            ),
        )
    ]


# --- Phone --------------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-/()]+")


def normalise_phone(text: str) -> str | None:
    """The number in +<country><number> form, e.g. "0812-3456-789" -> "+628123456789".

    Accepted: a national number starting with 0, or an international one starting with +, 00 or 62
    ("+62 (0)812..." drops the 0). Numbers of other countries keep their own code. None when the
    text is not a phone number (letters, wrong start, fewer than 7 or more than 15 digits).
    """
    compact = _PHONE_SEPARATORS.sub("", text)
    if compact.startswith("+"):
        digits = compact[1:]
    elif compact.startswith("00"):
        digits = compact[2:]
    elif compact.startswith("62"):
        digits = compact
    elif compact.startswith("0"):
        digits = "62" + compact[1:]
    else:
        return None
    if not digits.isascii() or not digits.isdigit() or digits.startswith("0"):
        return None
    if digits.startswith("620"):  # "+62 (0)812 ..."
        digits = "62" + digits[3:]
    if not 7 <= len(digits) <= 15:
        return None
    return "+" + digits


def check_phone(text: str) -> list[IdentityIssue]:
    """Error when the number cannot be normalised; warning when its length is unusual or it is not
    Indonesian. Indonesian mobile numbers (08...) have 10-13 digits including the leading 0,
    landlines 9-12. A blank number gives no issue."""
    if not text.strip():
        return []
    number = normalise_phone(text)
    if number is None:
        return [
            IdentityIssue(
                "phone",
                ERROR,
                Message(
                    "Nomor telepon tidak dikenali. Tulis seperti 0812-3456-7890 atau "
                    "+62 812 3456 7890.",
                    "The phone number is not recognised. Write it like 0812-3456-7890 or "
                    "+62 812 3456 7890.",
                ),
            )
        ]
    if not number.startswith("+62"):
        return [
            IdentityIssue(
                "phone",
                WARNING,
                Message(
                    f"Nomor telepon {number} bukan nomor Indonesia; pastikan pemohon dapat "
                    "dihubungi.",
                    f"The phone number {number} is not an Indonesian number; make sure the "
                    "applicant can be reached.",
                ),
            )
        ]
    national = "0" + number[3:]
    mobile = national.startswith("08")
    low, high = (10, 13) if mobile else (9, 12)
    if low <= len(national) <= high:
        return []
    kind_id, kind_en = ("seluler", "mobile") if mobile else ("telepon rumah/kantor", "landline")
    return [
        IdentityIssue(
            "phone",
            WARNING,
            Message(
                f"Panjang nomor {kind_id} {national} tidak biasa ({len(national)} angka, biasanya "
                f"{low}-{high}); periksa kembali.",
                f"The {kind_en} number {national} has an unusual length ({len(national)} digits, "
                f"usually {low}-{high}); please check it.",
            ),
        )
    ]
