"""Tests of the identity checks (NIK, KK, passport, phone) and the shipped region and country tables."""

from __future__ import annotations

import json
from datetime import date

import pytest

from interview_app.interview.identity import (
    IdentityIssue,
    check_kk,
    check_nik,
    check_passport,
    check_phone,
    normalise_nik,
    normalise_passport,
    normalise_phone,
    parse_nik,
)
from interview_app.reference import load_countries, load_regions
from interview_app.resources_path import questionnaire_path, resource_path

TODAY = date(2025, 6, 1)

# Kota Palu (7271), district 01, born 15-07-1985, serial 0001 / 0002.
MALE_NIK = "7271011507850001"
FEMALE_NIK = "7271015507850002"  # day 15 + 40 = 55
MALE_BORN = date(1985, 7, 15)


def _both_languages(issues: list[IdentityIssue]) -> None:
    for issue in issues:
        assert issue.severity in ("error", "warning")
        assert issue.field in ("nik", "kk", "passport_no", "phone", "birth_date", "sex")
        assert issue.message.id.strip() and issue.message.en.strip()
        assert issue.message.id != issue.message.en


def _errors(issues: list[IdentityIssue]) -> list[IdentityIssue]:
    _both_languages(issues)
    return [i for i in issues if i.severity == "error"]


def _warnings(issues: list[IdentityIssue]) -> list[IdentityIssue]:
    _both_languages(issues)
    return [i for i in issues if i.severity == "warning"]


# --- reference tables --------------------------------------------------------------------

PROVINCE_CODES = (
    "11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 "
    "71 72 73 74 75 76 81 82 91 92 93 94 95 96"
).split()
SULTENG = {
    "7201": "Kabupaten Banggai",
    "7202": "Kabupaten Poso",
    "7203": "Kabupaten Donggala",
    "7204": "Kabupaten Toli-Toli",
    "7205": "Kabupaten Buol",
    "7206": "Kabupaten Morowali",
    "7207": "Kabupaten Banggai Kepulauan",
    "7208": "Kabupaten Parigi Moutong",
    "7209": "Kabupaten Tojo Una Una",
    "7210": "Kabupaten Sigi",
    "7211": "Kabupaten Banggai Laut",
    "7212": "Kabupaten Morowali Utara",
    "7271": "Kota Palu",
}


def test_regions_has_all_38_provinces_and_all_regencies() -> None:
    regions = load_regions()
    assert len(PROVINCE_CODES) == 38
    assert set(regions.provinces) == set(PROVINCE_CODES)
    assert regions.provinces["72"] == "Sulawesi Tengah"
    assert regions.provinces["96"] == "Papua Barat Daya"
    assert {k: v for k, v in regions.regencies.items() if k.startswith("72")} == SULTENG
    # The Kemendagri list of 2025: 416 regencies and 98 cities in 38 provinces.
    assert len(regions.regencies) == 514
    assert sum(name.startswith("Kota ") for name in regions.regencies.values()) == 98
    assert all(regions.has_regency_list(code) for code in PROVINCE_CODES)
    assert all(len(c) == 4 and c[:2] in regions.provinces for c in regions.regencies)
    assert regions.regency_name("3578") == "Kota Surabaya"
    assert regions.regency_name("1101") == "Kabupaten Aceh Selatan"
    assert regions.regency_name("9671") == "Kota Sorong"
    assert regions.note
    assert "ODbL" in regions.attribution
    assert regions.province_code("sulawesi tengah") == "72"
    assert load_regions() is regions  # cached


def test_regions_json_says_where_it_comes_from_and_under_which_licence() -> None:
    data = json.loads(resource_path("regions.json").read_text(encoding="utf-8"))
    assert data["source"]["name"] == "idn-area-data"
    assert "ODbL" in data["source"]["licence"]
    notice = resource_path("LICENSE-regions.md").read_text(encoding="utf-8")
    assert "idn-area-data" in notice and "Open Database License" in notice


@pytest.mark.parametrize(
    ("former", "current", "name"),
    [
        ("9101", "9301", "Kabupaten Merauke"),  # Papua -> Papua Selatan
        ("9109", "9404", "Kabupaten Mimika"),  # Papua -> Papua Tengah
        ("9102", "9501", "Kabupaten Jayawijaya"),  # Papua -> Papua Pegunungan
        ("9271", "9671", "Kota Sorong"),  # Papua Barat -> Papua Barat Daya
    ],
)
def test_older_papua_nik_codes_name_todays_regency(former: str, current: str, name: str) -> None:
    regions = load_regions()
    assert former not in regions.regencies
    assert regions.current_regency_code(former) == current
    assert regions.regency_name(former) == name
    nik = f"{former}011507850001"
    assert check_nik(nik, today=TODAY) == []  # no "not in the list" warning
    info = parse_nik(nik, today=TODAY)
    assert info is not None and info.regency_name == name


def test_a_regency_from_every_province_is_named_by_its_nik() -> None:
    regions = load_regions()
    for province in PROVINCE_CODES:
        code = min(c for c in regions.regencies if c.startswith(province))
        info = parse_nik(f"{code}011507850001", today=TODAY)
        assert info is not None
        assert info.regency_name == regions.regencies[code], code
        assert info.province_name == regions.provinces[province]
        assert check_nik(f"{code}011507850001", today=TODAY) == [], code


def test_countries_json_is_complete_and_unique() -> None:
    countries = load_countries()
    codes = [c.code for c in countries]
    assert len(codes) >= 240
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 2 and c.isupper() for c in codes)
    by_code = {c.code: c for c in countries}
    expected = {
        "KH": "Kamboja",
        "MY": "Malaysia",
        "SA": "Arab Saudi",
        "JP": "Jepang",
        "KR": "Korea Selatan",
        "PH": "Filipina",
        "SG": "Singapura",
        "TR": "Turki",
        "AE": "Uni Emirat Arab",
        "TL": "Timor Leste",
        "HK": "Hong Kong",
        "TW": "Taiwan",
        "BN": "Brunei Darussalam",
    }
    for code, name in expected.items():
        assert by_code[code].id == name
    assert by_code["KH"].en == "Cambodia"
    assert by_code["KH"].name("en") == "Cambodia"
    assert all(c.id and c.en for c in countries)


def test_resource_paths_point_at_the_checkout_folders() -> None:
    assert resource_path("regions.json").is_file()
    assert resource_path().name == "resources"
    assert questionnaire_path().name == "questionnaires"
    assert questionnaire_path().parent == resource_path().parent


def test_resource_path_uses_the_pyinstaller_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resource_path("countries.json") == tmp_path / "resources" / "countries.json"
    assert questionnaire_path("a", "b.yaml") == tmp_path / "questionnaires" / "a" / "b.yaml"


def test_shipped_json_is_utf8_and_sorted_by_code() -> None:
    data = json.loads(resource_path("countries.json").read_text(encoding="utf-8"))
    codes = [c["code"] for c in data]
    assert codes == sorted(codes)


# --- NIK ---------------------------------------------------------------------------------


def test_parse_valid_male_and_female_nik() -> None:
    male = parse_nik("7271 0115 0785 0001", today=TODAY)
    assert male is not None
    assert (male.province_code, male.province_name) == ("72", "Sulawesi Tengah")
    assert (male.regency_code, male.regency_name) == ("7271", "Kota Palu")
    assert male.district_code == "727101"
    assert male.birth_date == MALE_BORN
    assert male.sex == "L"
    assert male.serial == "0001"

    female = parse_nik("72.7101.550785.0002", today=TODAY)
    assert female is not None
    assert female.sex == "P"
    assert female.birth_date == MALE_BORN


@pytest.mark.parametrize(
    ("nik", "sex", "born"),
    [
        (MALE_NIK, "L", MALE_BORN),
        (FEMALE_NIK, "P", MALE_BORN),
        ("7203014101900003", "P", date(1990, 1, 1)),  # day 41 = 1st
        ("7203017101900004", "P", date(1990, 1, 31)),  # day 71 = 31st
        ("7203010101900005", "L", date(1990, 1, 1)),
        ("7203013112990006", "L", date(1999, 12, 31)),
        ("3578016902000007", "P", date(2000, 2, 29)),  # leap day, 2000 not 1900
    ],
)
def test_valid_nik_has_no_issue(nik: str, sex: str, born: date) -> None:
    assert check_nik(nik, birth_date=born, sex=sex, today=TODAY) == []
    assert check_nik(nik, today=TODAY) == []


def test_nik_accepts_separators_and_other_sex_spellings() -> None:
    assert normalise_nik(" 7271-0115.0785 0001 ") == MALE_NIK
    assert check_nik("7271-0115-0785-0001", sex="m", birth_date=MALE_BORN, today=TODAY) == []
    assert check_nik(FEMALE_NIK, sex="Perempuan", today=TODAY) == []
    with pytest.raises(ValueError):
        check_nik(MALE_NIK, sex="X")


@pytest.mark.parametrize(
    "nik",
    ["727101150785000", "72710115078500011", "7271011507850O01", "72710115078500A1", "NIK"],
)
def test_wrong_length_or_letters_is_one_error(nik: str) -> None:
    issues = check_nik(nik, today=TODAY)
    assert len(_errors(issues)) == 1 and len(issues) == 1
    assert "16" in issues[0].message.id and "16" in issues[0].message.en
    assert parse_nik(nik) is None


def test_blank_nik_has_no_issue() -> None:
    assert check_nik("  ") == []


@pytest.mark.parametrize(
    ("nik", "fragment"),
    [
        ("7271013207850001", "32"),  # day 32
        ("7271010007850001", "00"),  # day 00
        ("7271017207850001", "72"),  # day 72 (= 32 + 40)
        ("7271014007850001", "40"),  # day 40 (= 0 + 40)
    ],
)
def test_impossible_birth_day_is_an_error(nik: str, fragment: str) -> None:
    issues = check_nik(nik, today=TODAY)
    errors = _errors(issues)
    assert len(errors) == 1
    assert fragment in errors[0].message.id
    info = parse_nik(nik)
    assert info is not None and info.sex is None and info.birth_date is None


@pytest.mark.parametrize(
    "nik",
    [
        "7271013102850001",  # 31 Feb
        "7271017102850001",  # 31 Feb, woman
        "7271012902010001",  # 29 Feb 2001
        "7271011513850001",  # month 13
        "7271011500850001",  # month 00
    ],
)
def test_date_that_does_not_exist_is_an_error(nik: str) -> None:
    errors = _errors(check_nik(nik, today=TODAY))
    assert len(errors) == 1
    assert "bukan tanggal" in errors[0].message.id
    assert "not a real date" in errors[0].message.en


def test_serial_0000_is_an_error() -> None:
    errors = _errors(check_nik("7271011507850000", today=TODAY))
    assert len(errors) == 1
    assert "0000" in errors[0].message.id


@pytest.mark.parametrize("nik", ["0071011507850001", "9971011507850001", "9771011507850001"])
def test_unknown_province_is_an_error(nik: str) -> None:
    errors = _errors(check_nik(nik, today=TODAY))
    assert len(errors) == 1
    assert nik[:2] in errors[0].message.id
    info = parse_nik(nik)
    assert info is not None and info.province_name is None


def test_region_code_00_is_an_error_and_an_unknown_regency_a_warning() -> None:
    assert len(_errors(check_nik("7200011507850001", today=TODAY))) == 1
    assert len(_errors(check_nik("7271001507850001", today=TODAY))) == 1
    issues = check_nik("7299011507850001", today=TODAY)
    assert _errors(issues) == []
    assert len(_warnings(issues)) == 1 and "7299" in issues[0].message.id
    # Every province's regencies are listed: a known one is fine, an unknown one is questioned.
    assert check_nik("3578011507850001", today=TODAY) == []
    (warning,) = _warnings(check_nik("3599011507850001", today=TODAY))
    assert "3599" in warning.message.id and "Jawa Timur" in warning.message.en


def test_disagreeing_birth_date_is_an_error_on_birth_date() -> None:
    for stated in (date(1985, 7, 16), date(1985, 8, 15), date(1986, 7, 15), date(1995, 7, 15)):
        issues = check_nik(MALE_NIK, birth_date=stated, today=TODAY)
        errors = _errors(issues)
        assert [e.field for e in errors] == ["birth_date"], stated
        assert stated.strftime("%d-%m-%Y") in errors[0].message.id


def test_only_the_two_digit_year_is_compared() -> None:
    # The NIK holds no century: a stated 1885 birth date matches "85".
    assert check_nik(MALE_NIK, birth_date=date(1885, 7, 15), today=TODAY) == []
    info = parse_nik(MALE_NIK, birth_date=date(1885, 7, 15), today=TODAY)
    assert info is not None and info.birth_date == date(1885, 7, 15)


def test_century_without_stated_date_is_not_in_the_future() -> None:
    info = parse_nik("7271011505250001", today=TODAY)  # 15-05-25
    assert info is not None and info.birth_date == date(2025, 5, 15)
    info = parse_nik("7271011507250001", today=TODAY)  # 15-07-25 would be after TODAY
    assert info is not None and info.birth_date == date(1925, 7, 15)
    info = parse_nik("7271011507300001", today=TODAY)
    assert info is not None and info.birth_date == date(1930, 7, 15)
    info = parse_nik("7271010106250001", today=TODAY)  # today itself
    assert info is not None and info.birth_date == TODAY


@pytest.mark.parametrize(("nik", "stated"), [(MALE_NIK, "P"), (FEMALE_NIK, "L")])
def test_disagreeing_sex_is_an_error_on_sex(nik: str, stated: str) -> None:
    errors = _errors(check_nik(nik, sex=stated, birth_date=MALE_BORN, today=TODAY))
    assert [e.field for e in errors] == ["sex"]
    assert "40" in errors[0].message.id and "40" in errors[0].message.en


def test_sex_is_still_compared_when_the_date_is_impossible() -> None:
    issues = check_nik("7271017102850001", sex="L", today=TODAY)  # 31 Feb, woman
    assert sorted(i.field for i in _errors(issues)) == ["nik", "sex"]


def test_several_errors_are_all_reported() -> None:
    issues = check_nik("9971013102850000", sex="P", today=TODAY)
    # Unknown province, 31 Feb, sex, serial 0000.
    assert len(_errors(issues)) == 4


def test_nik_outside_office_province_is_only_a_warning() -> None:
    nik = "3578011507850001"  # Surabaya, Jawa Timur
    issues = check_nik(nik, birth_date=MALE_BORN, sex="L", office_province="72", today=TODAY)
    assert _errors(issues) == []
    (warning,) = _warnings(issues)
    assert warning.field == "nik"
    assert "NIK terdaftar di luar provinsi kantor (Sulawesi Tengah)" in warning.message.id
    assert "Jawa Timur" in warning.message.id and "Jawa Timur" in warning.message.en
    assert "Kota Surabaya, Jawa Timur" in warning.message.id  # the regency is named
    assert "Kota Surabaya, Jawa Timur" in warning.message.en
    assert check_nik(nik, office_province="Jawa Timur", today=TODAY) == []
    assert check_nik(MALE_NIK, office_province="Sulawesi Tengah", today=TODAY) == []
    with pytest.raises(ValueError):
        check_nik(MALE_NIK, office_province="Atlantis")


def test_new_papua_province_codes_are_known() -> None:
    for code in ("91", "92", "93", "94", "95", "96"):
        nik = f"{code}01011507850001"
        assert check_nik(nik, today=TODAY) == [], code


# --- KK ----------------------------------------------------------------------------------


def test_kk_checks_length_and_region_only() -> None:
    assert check_kk("7271 0112 0318 0005") == []
    assert check_kk("7271019999990000") == []  # date and serial are not checked
    assert len(_errors(check_kk("72710112031800"))) == 1
    assert len(_errors(check_kk("72710112031800051"))) == 1
    assert len(_errors(check_kk("72710112031800O5"))) == 1
    assert len(_errors(check_kk("0071011203180005"))) == 1
    assert len(_errors(check_kk("7200011203180005"))) == 1
    assert check_kk("") == []
    issues = check_kk("3578011203180005", office_province="72")
    assert _errors(issues) == []
    (warning,) = _warnings(issues)
    assert warning.field == "kk" and "Sulawesi Tengah" in warning.message.en


# --- passport ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [("c 1234567", "C1234567"), ("x123456", "X123456"), ("AB 123 4567", "AB1234567")],
)
def test_passport_usual_format_has_no_issue(text: str, normal: str) -> None:
    assert normalise_passport(text) == normal
    assert check_passport(text) == []


@pytest.mark.parametrize("text", ["12345678", "ABC123456", "A12345", "A12345678", "A-12#456"])
def test_passport_odd_format_is_only_a_warning(text: str) -> None:
    issues = check_passport(text)
    assert _errors(issues) == []
    assert len(_warnings(issues)) == 1 and issues[0].field == "passport_no"


def test_blank_passport_has_no_issue() -> None:
    assert check_passport("  ") == []


# --- phone -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0812-3456-7890",
        "0812 3456 7890",
        "081234567890",
        "62812 3456 7890",
        "+62 812-3456-7890",
        "+62 (0)812 3456 7890",
        "0062 812 3456 7890",
        "+62.812.3456.7890",
    ],
)
def test_phone_forms_normalise_to_plus_62(text: str) -> None:
    assert normalise_phone(text) == "+6281234567890"
    assert check_phone(text) == []


def test_phone_lengths() -> None:
    assert normalise_phone("0812-3456-789") == "+628123456789"
    assert check_phone("0812-3456-789") == []  # 11 digits
    assert check_phone("0812345678") == []  # 10 digits
    assert check_phone("0812345678901") == []  # 13 digits
    for odd in ("081234567", "08123456789012"):
        issues = check_phone(odd)
        assert _errors(issues) == [] and len(_warnings(issues)) == 1, odd
    assert check_phone("(0451) 421234") == []  # Palu landline


def test_foreign_phone_is_kept_with_a_warning() -> None:
    assert normalise_phone("+60 12-345 6789") == "+60123456789"
    issues = check_phone("+60 12-345 6789")
    assert _errors(issues) == [] and len(_warnings(issues)) == 1


@pytest.mark.parametrize("text", ["abc", "812345678", "08123abc456", "0812", "+", "+0812345678"])
def test_unrecognised_phone_is_an_error(text: str) -> None:
    assert normalise_phone(text) is None
    issues = check_phone(text)
    assert len(_errors(issues)) == 1 and issues[0].field == "phone"


def test_blank_phone_has_no_issue() -> None:
    assert check_phone(" ") == []
