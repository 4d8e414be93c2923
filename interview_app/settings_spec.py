"""Every office setting declared once: key, kind, default, labels, help, topic and validation."""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app.errors import KnownError
from interview_app.reference import load_regions
from interview_app.text import Message


class Kind(enum.Enum):
    TEXT = "text"
    MULTILINE = "multiline"
    INTEGER = "integer"
    BOOL = "bool"
    CHOICE = "choice"
    PATH = "path"  # a file on this computer; empty means "the shipped default"
    OUTCOME_CODES = "outcome_codes"  # a list of {code, label_id, label_en, refers_bp3mi}


@dataclass(frozen=True)
class Group:
    """A topic: one page of the settings dialog."""

    id: str
    title: Message
    help: Message


@dataclass(frozen=True)
class OutcomeLabel:
    """An outcome code as the office names it (the script's rules name only the code)."""

    code: str
    label: Message
    refers_bp3mi: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label_id": self.label.id,
            "label_en": self.label.en,
            "refers_bp3mi": self.refers_bp3mi,
        }


class SettingsInvalid(KnownError):
    """One or more values were refused; `problems` names each (nothing was saved)."""

    def __init__(self, problems: Sequence[Message]) -> None:
        count = len(problems)
        super().__init__(
            f"Pengaturan tidak disimpan: {count} nilai tidak sah.",
            f"Settings not saved: {count} invalid value(s).",
        )
        self.problems = list(problems)


_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")
_TRUE = frozenset({"1", "true", "yes", "ya", "y", "on", "benar"})
_FALSE = frozenset({"0", "false", "no", "tidak", "n", "off", "salah", ""})


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: Kind
    default: Any
    label: Message
    help: Message
    group: str
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 200
    pattern: str | None = None
    pattern_message: Message | None = None
    choices: tuple[tuple[str, Message], ...] = ()
    file_suffixes: tuple[str, ...] = ()
    # Shown but not editable once stored (changing it needs the set-up procedure).
    fixed_once_set: bool = False

    def problem(self, id_text: str, en_text: str) -> Message:
        return Message(f"{self.label.id}: {id_text}", f"{self.label.en}: {en_text}")

    def validate(self, value: Any) -> Any:
        """The value in its stored form, or SettingsInvalid naming what is wrong."""
        checker = _VALIDATORS[self.kind]
        return checker(self, value)

    def parse(self, text: str) -> Any:
        """A value typed on the command line, in its stored form (validated)."""
        if self.kind is Kind.INTEGER:
            try:
                return self.validate(int(text.strip()))
            except ValueError:
                raise SettingsInvalid(
                    [self.problem("harus bilangan bulat", "must be a whole number")]
                ) from None
        if self.kind is Kind.BOOL:
            folded = text.strip().casefold()
            if folded in _TRUE:
                return True
            if folded in _FALSE:
                return False
            raise SettingsInvalid([self.problem("harus ya/tidak", "must be yes/no")])
        if self.kind is Kind.OUTCOME_CODES:
            try:
                return self.validate(json.loads(text))
            except ValueError:
                raise SettingsInvalid(
                    [self.problem("harus daftar JSON", "must be a JSON list")]
                ) from None
        return self.validate(text)

    def show(self, value: Any, language: str = "id") -> str:
        """The value as one line of text (command line, lists)."""
        if self.kind is Kind.BOOL:
            return ("ya" if value else "tidak") if language == "id" else ("yes" if value else "no")
        if self.kind is Kind.OUTCOME_CODES:
            return json.dumps(value, ensure_ascii=False)
        return "" if value is None else str(value)


def _text(spec: SettingSpec, value: Any) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise SettingsInvalid([spec.problem("harus teks", "must be text")])
    value = value.strip()
    if spec.kind is Kind.TEXT and ("\n" in value or "\r" in value):
        raise SettingsInvalid([spec.problem("harus satu baris", "must be a single line")])
    if spec.required and not value:
        raise SettingsInvalid([spec.problem("wajib diisi", "is required")])
    if len(value) > spec.max_length:
        raise SettingsInvalid(
            [
                spec.problem(
                    f"terlalu panjang (maksimal {spec.max_length} karakter)",
                    f"too long (at most {spec.max_length} characters)",
                )
            ]
        )
    if value and spec.pattern and not re.fullmatch(spec.pattern, value):
        message = spec.pattern_message or Message("bentuknya tidak sah", "invalid form")
        raise SettingsInvalid([spec.problem(message.id, message.en)])
    return str(value)


def _integer(spec: SettingSpec, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise SettingsInvalid([spec.problem("harus bilangan bulat", "must be a whole number")])
    low, high = spec.minimum, spec.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise SettingsInvalid(
            [spec.problem(f"harus antara {low} dan {high}", f"must be between {low} and {high}")]
        )
    return int(value)


def _bool(spec: SettingSpec, value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingsInvalid([spec.problem("harus ya/tidak", "must be yes/no")])
    return value


def _choice(spec: SettingSpec, value: Any) -> str:
    allowed = [code for code, _ in spec.choices]
    text = "" if value is None else str(value).strip()
    if not text and not spec.required:
        return ""
    if text not in allowed:
        raise SettingsInvalid(
            [spec.problem("pilihan tidak dikenal: " + text, "unknown choice: " + text)]
        )
    return text


def _path(spec: SettingSpec, value: Any) -> str:
    text = _text(spec, value)
    if not text:
        return ""
    path = Path(text).expanduser()
    if not path.is_file():
        raise SettingsInvalid([spec.problem(f"berkas {text} tidak ada", f"no file {text}")])
    if spec.file_suffixes and path.suffix.lower() not in spec.file_suffixes:
        kinds = ", ".join(spec.file_suffixes)
        raise SettingsInvalid(
            [spec.problem(f"jenis berkas harus {kinds}", f"the file type must be {kinds}")]
        )
    return str(path)


def _outcome_codes(spec: SettingSpec, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise SettingsInvalid([spec.problem("harus daftar", "must be a list")])
    problems: list[Message] = []
    seen: set[str] = set()
    stored: list[dict[str, Any]] = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, OutcomeLabel):
            item = item.to_json()
        if not isinstance(item, dict):
            problems.append(spec.problem(f"butir {number} tidak sah", f"item {number} is invalid"))
            continue
        code = str(item.get("code", "")).strip().upper()
        label_id = str(item.get("label_id", "")).strip()
        label_en = str(item.get("label_en", "")).strip()
        if not _CODE.match(code):
            problems.append(
                spec.problem(
                    f"kode '{code}' tidak sah (huruf besar, angka, garis bawah)",
                    f"code '{code}' is invalid (capitals, digits, underscore)",
                )
            )
        elif code in seen:
            problems.append(spec.problem(f"kode {code} ganda", f"code {code} appears twice"))
        seen.add(code)
        if not label_id or not label_en:
            problems.append(
                spec.problem(
                    f"kode {code} perlu label Indonesia dan Inggris",
                    f"code {code} needs an Indonesian and an English label",
                )
            )
        stored.append(
            {
                "code": code,
                "label_id": label_id,
                "label_en": label_en,
                "refers_bp3mi": bool(item.get("refers_bp3mi", False)),
            }
        )
    if not stored:
        problems.append(spec.problem("minimal satu kode", "at least one code"))
    if problems:
        raise SettingsInvalid(problems)
    return stored


_VALIDATORS = {
    Kind.TEXT: _text,
    Kind.MULTILINE: _text,
    Kind.INTEGER: _integer,
    Kind.BOOL: _bool,
    Kind.CHOICE: _choice,
    Kind.PATH: _path,
    Kind.OUTCOME_CODES: _outcome_codes,
}


def _m(id_text: str, en_text: str) -> Message:
    return Message(id_text, en_text)


def _province_choices() -> tuple[tuple[str, Message], ...]:
    provinces = load_regions().provinces
    return tuple(
        (code, Message(f"{code} {name}", f"{code} {name}"))
        for code, name in sorted(provinces.items())
    )


GROUPS: tuple[Group, ...] = (
    Group(
        "office",
        _m("Kantor dan kop surat", "Office and letterhead"),
        _m(
            "Identitas kantor yang tercetak pada slip dan rekap.",
            "The office identity printed on slips and recaps.",
        ),
    ),
    Group(
        "bp3mi",
        _m("BP3MI", "BP3MI"),
        _m(
            "Alamat dan telepon BP3MI tujuan rujukan (tercetak pada slip).",
            "Address and phone of the BP3MI office referrals go to (printed on the slip).",
        ),
    ),
    Group(
        "letter",
        _m("Surat rujukan", "Referral letter"),
        _m(
            "Nomor surat, tempat, dasar hukum, penandatangan, tembusan, batas waktu dan "
            "persetujuan pada surat pengantar rujukan.",
            "Letter number, place, legal basis, signatories, copies, deadlines and consent on "
            "the referral letter.",
        ),
    ),
    Group(
        "aph",
        _m("Aparat penegak hukum", "Law enforcement"),
        _m(
            "Tujuan surat untuk aparat penegak hukum (Polres/Polda atau Satgas TPPO).",
            "Where the law-enforcement letter goes (district or provincial police, TPPO task "
            "force).",
        ),
    ),
    Group(
        "outcomes",
        _m("Kode hasil", "Outcome codes"),
        _m(
            "Nama hasil wawancara yang dipakai kantor ini. Kode yang dipakai naskah aktif "
            "tidak boleh dihapus.",
            "The names this office uses for interview outcomes. Codes the active script uses "
            "cannot be removed.",
        ),
    ),
    Group(
        "security",
        _m("Keamanan akun", "Account security"),
        _m(
            "Kunci layar, batas gagal masuk dan aturan kata sandi.",
            "Screen lock, failed-login limit and password rules.",
        ),
    ),
    Group(
        "retention",
        _m("Masa simpan data", "Data retention"),
        _m(
            "UU 27/2022 Pasal 42-44: data pribadi dihapus setelah masa simpan berakhir.",
            "UU 27/2022 art. 42-44: personal data is deleted when the retention period ends.",
        ),
    ),
    Group(
        "procedure",
        _m("Slip dan prosedur", "Slip and procedure"),
        _m(
            "Templat slip rujukan dan aturan prosedur kantor.",
            "The referral slip template and the office's procedure rules.",
        ),
    ),
    Group(
        "interface",
        _m("Tampilan", "Interface"),
        _m("Bahasa tampilan aplikasi.", "The application's display language."),
    ),
)

OFFICE_CODE = "office_code"
OFFICE_NAME = "office_name"
WORKSTATION_NAME = "workstation_name"
OFFICE_ADDRESS = "office_address"
OFFICE_PROVINCE = "office_province"
OFFICE_LOGO = "office_logo"
BP3MI_NAME = "bp3mi_name"
BP3MI_ADDRESS = "bp3mi_address"
BP3MI_PHONE = "bp3mi_phone"
OUTCOME_CODES = "outcome_codes"
IDLE_LOCK_MINUTES = "idle_lock_minutes"
MAX_FAILED_LOGINS = "max_failed_logins"
LOCKOUT_MINUTES = "lockout_minutes"
PASSWORD_MIN_LENGTH = "password_min_length"  # read by storage.officers under this name
RETENTION_YEARS = "retention_years"
SLIP_TEMPLATE = "slip_template"
SUMMARY_TEMPLATE = "summary_template"  # read by slip.template under this name
DISNAKER_RECOMMENDATION_REQUIRED = "disnaker_recommendation_required"  # scripts read these two
NO_RECOMMENDATION_OUTCOME = "no_recommendation_outcome"  # (questionnaire/office_settings.py)
UI_LANGUAGE = "ui_language"
# The referral letter (read by slip.content under these names).
BP3MI_HELPDESK = "bp3mi_helpdesk"
LETTER_NUMBER_PATTERN = "letter_number_pattern"
LETTER_PLACE = "letter_place"
LEGAL_BASIS = "legal_basis"
OFFICER_POSITION = "officer_position"
SECTION_HEAD_NAME = "section_head_name"
SECTION_HEAD_POSITION = "section_head_position"
SECTION_HEAD_NIP = "section_head_nip"
LETTER_COPIES_TO = "letter_copies_to"
REFERRAL_DAYS = "referral_days"
DOCUMENTS_DAYS = "documents_days"
DOCUMENTS_TO_BRING = "documents_to_bring"
DATA_CONTROLLER = "data_controller"
APH_OUTCOMES = "aph_outcomes"
APH_NAME = "aph_name"
APH_ADDRESS = "aph_address"

LETTER_PLACEHOLDERS = ("kantor", "loket", "nomor", "bulan", "tahun")
_LETTER_PATTERN = (
    r"(?=.*\{nomor\})(?=.*\{tahun\})"
    r"(?:[A-Za-z0-9/_.\-]|\{(?:" + "|".join(LETTER_PLACEHOLDERS) + r")\})+"
)
DEFAULT_LEGAL_BASIS = "\n".join(
    (
        "Surat Edaran Direktur Jenderal Imigrasi Nomor IMI-0277.GR.02.06 Tahun 2017",
        "Undang-Undang Nomor 18 Tahun 2017 tentang Pelindungan Pekerja Migran Indonesia",
        "Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang",
        "Nota Kesepahaman Kementerian Pelindungan Pekerja Migran Indonesia dan Kementerian "
        "Imigrasi dan Pemasyarakatan Tahun 2025",
    )
)
DEFAULT_DOCUMENTS = "\n".join(
    (
        "KTP dan Kartu Keluarga (asli)",
        "Akta kelahiran atau ijazah",
        "Surat izin suami/istri/orang tua/wali yang diketahui kepala desa/lurah",
        "Perjanjian kerja dan visa kerja, bila sudah ada",
        "Bukti pendaftaran di SIAPkerja/SISKOP2MI, bila sudah ada",
    )
)

_PHONE_PATTERN = r"[0-9+()\-\s./]{5,40}"
_PHONE_MESSAGE = _m("hanya angka, spasi dan + ( ) - / .", "digits, spaces and + ( ) - / . only")

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        OFFICE_CODE,
        Kind.TEXT,
        "",
        _m("Kode kantor", "Office code"),
        _m(
            "Kode singkat kantor pada nomor referensi (mis. PLU). Diatur saat pemasangan dan "
            "terikat pada kunci kantor; tidak dapat diubah di sini.",
            "The office's short code in reference numbers (e.g. PLU). Set at installation and "
            "bound to the office key; it cannot be changed here.",
        ),
        "office",
        required=True,
        max_length=10,
        pattern=r"[A-Z0-9]{2,10}",
        pattern_message=_m("2-10 huruf besar atau angka", "2-10 capitals or digits"),
        fixed_once_set=True,
    ),
    SettingSpec(
        OFFICE_NAME,
        Kind.TEXT,
        "",
        _m("Nama kantor", "Office name"),
        _m(
            "Nama lengkap kantor imigrasi pada kop slip dan rekap.",
            "The immigration office's full name on the slip and recap letterhead.",
        ),
        "office",
        required=True,
        max_length=120,
    ),
    SettingSpec(
        OFFICE_ADDRESS,
        Kind.MULTILINE,
        "",
        _m("Alamat kantor", "Office address"),
        _m("Alamat pada kop surat.", "The address in the letterhead."),
        "office",
        max_length=300,
    ),
    SettingSpec(
        OFFICE_PROVINCE,
        Kind.CHOICE,
        "",
        _m("Provinsi kantor", "Office province"),
        _m(
            "Dipakai pemeriksaan NIK: pemohon dari luar provinsi ditandai.",
            "Used by the NIK check: applicants from outside the province are pointed out.",
        ),
        "office",
        choices=_province_choices(),
    ),
    SettingSpec(
        OFFICE_LOGO,
        Kind.PATH,
        "",
        _m("Logo kop surat", "Letterhead logo"),
        _m(
            "Gambar PNG atau JPEG untuk kop slip dan rekap; kosong: tanpa logo.",
            "A PNG or JPEG image for the slip and recap letterhead; empty: no logo.",
        ),
        "office",
        max_length=500,
        file_suffixes=(".png", ".jpg", ".jpeg"),
    ),
    SettingSpec(
        WORKSTATION_NAME,
        Kind.TEXT,
        "",
        _m("Nama komputer/loket", "Workstation name"),
        _m(
            "Nama komputer ini (mis. Loket 1), tampil pada paket sinkron.",
            "This computer's name (e.g. Counter 1), shown on sync packages.",
        ),
        "office",
        max_length=60,
    ),
    SettingSpec(
        BP3MI_NAME,
        Kind.TEXT,
        "",
        _m("Nama BP3MI", "BP3MI name"),
        _m("Mis. BP3MI Sulawesi Tengah.", "E.g. BP3MI Sulawesi Tengah."),
        "bp3mi",
        max_length=120,
    ),
    SettingSpec(
        BP3MI_ADDRESS,
        Kind.MULTILINE,
        "",
        _m("Alamat BP3MI", "BP3MI address"),
        _m("Alamat yang tercetak pada slip rujukan.", "The address printed on referral slips."),
        "bp3mi",
        max_length=300,
    ),
    SettingSpec(
        BP3MI_PHONE,
        Kind.TEXT,
        "",
        _m("Telepon BP3MI", "BP3MI phone"),
        _m("Nomor yang dapat dihubungi pemohon.", "A number the applicant can call."),
        "bp3mi",
        max_length=40,
        pattern=_PHONE_PATTERN,
        pattern_message=_PHONE_MESSAGE,
    ),
    SettingSpec(
        BP3MI_HELPDESK,
        Kind.TEXT,
        "",
        _m("Layanan pengaduan BP3MI", "BP3MI helpdesk"),
        _m(
            "Nomor atau kanal pengaduan yang tercetak untuk pemohon (mis. WhatsApp/hotline).",
            "The complaint line printed for the applicant (e.g. WhatsApp or hotline).",
        ),
        "bp3mi",
        max_length=120,
    ),
    SettingSpec(
        LETTER_NUMBER_PATTERN,
        Kind.TEXT,
        "{kantor}-GR.02.06-{nomor}/{bulan}/{tahun}",
        _m("Pola nomor surat", "Letter number pattern"),
        _m(
            "Kode unit dan klasifikasi dengan {nomor} (urut per tahun, 4 angka), {bulan} (angka "
            "Romawi), {tahun}, {kantor} (kode kantor) dan {loket} (kode loket). Contoh: "
            "W.23.IMI.IMI.1-GR.02.06-{nomor}/{bulan}/{tahun} menjadi "
            "W.23.IMI.IMI.1-GR.02.06-0017/XII/2026.",
            "Unit and classification codes with {nomor} (sequence per year, 4 digits), {bulan} "
            "(month in Roman numerals), {tahun} (year), {kantor} (office code) and {loket} "
            "(workstation code). E.g. W.23.IMI.IMI.1-GR.02.06-{nomor}/{bulan}/{tahun} gives "
            "W.23.IMI.IMI.1-GR.02.06-0017/XII/2026.",
        ),
        "letter",
        required=True,
        max_length=60,  # filled in it stays within the QR code's 80 characters
        pattern=_LETTER_PATTERN,
        pattern_message=_m(
            "harus memuat {nomor} dan {tahun}; selain penanda hanya huruf, angka, / . - _",
            "must hold {nomor} and {tahun}; besides the placeholders only letters, digits, / . - _",
        ),
    ),
    SettingSpec(
        LETTER_PLACE,
        Kind.TEXT,
        "",
        _m("Tempat surat", "Place of the letter"),
        _m(
            'Kota di atas tanda tangan ("Palu, 3 Desember 2026").',
            'The town above the signatures ("Palu, 3 Desember 2026").',
        ),
        "letter",
        max_length=60,
    ),
    SettingSpec(
        LEGAL_BASIS,
        Kind.MULTILINE,
        DEFAULT_LEGAL_BASIS,
        _m("Dasar hukum", "Legal basis"),
        _m(
            "Satu dasar per baris; tercetak bernomor pada surat rujukan.",
            "One basis per line; printed numbered on the referral letter.",
        ),
        "letter",
        max_length=1500,
    ),
    SettingSpec(
        OFFICER_POSITION,
        Kind.TEXT,
        "Pemeriksa Keimigrasian",
        _m("Jabatan petugas pemeriksa", "Examining officer's position"),
        _m(
            "Tercetak di bawah nama petugas yang menandatangani surat.",
            "Printed under the name of the officer who signs the letter.",
        ),
        "letter",
        max_length=120,
    ),
    SettingSpec(
        SECTION_HEAD_NAME,
        Kind.TEXT,
        "",
        _m("Nama kepala seksi (Mengetahui)", "Section head's name (acknowledging)"),
        _m(
            'Pejabat yang menandatangani bagian "Mengetahui"; kosong: baris nama dibiarkan '
            "untuk diisi tangan.",
            'The official who signs under "Mengetahui"; empty: the name line is left to be '
            "filled in by hand.",
        ),
        "letter",
        max_length=120,
    ),
    SettingSpec(
        SECTION_HEAD_POSITION,
        Kind.TEXT,
        "Kepala Seksi Lalu Lintas Keimigrasian",
        _m("Jabatan kepala seksi", "Section head's position"),
        _m('Jabatan pada bagian "Mengetahui".', 'The position under "Mengetahui".'),
        "letter",
        max_length=120,
    ),
    SettingSpec(
        SECTION_HEAD_NIP,
        Kind.TEXT,
        "",
        _m("NIP kepala seksi", "Section head's NIP"),
        _m("Nomor induk pegawai, 18 angka.", "Civil-servant number, 18 digits."),
        "letter",
        max_length=21,
        pattern=r"[0-9 ]{18,21}",
        pattern_message=_m("18 angka", "18 digits"),
    ),
    SettingSpec(
        LETTER_COPIES_TO,
        Kind.MULTILINE,
        "Kepala Kantor Imigrasi (sebagai laporan)\nArsip",
        _m("Tembusan", "Copies to (Tembusan)"),
        _m("Satu penerima tembusan per baris.", "One recipient of a copy per line."),
        "letter",
        max_length=600,
    ),
    SettingSpec(
        REFERRAL_DAYS,
        Kind.INTEGER,
        14,
        _m("Batas datang ke BP3MI (hari)", "Days to reach BP3MI"),
        _m(
            "Pemohon yang dirujuk datang ke BP3MI dalam sekian hari sejak tanggal surat; "
            "tercetak sebagai tanggal batas.",
            "A referred applicant goes to BP3MI within this many days of the letter's date; "
            "printed as a deadline date.",
        ),
        "letter",
        minimum=1,
        maximum=90,
    ),
    SettingSpec(
        DOCUMENTS_DAYS,
        Kind.INTEGER,
        30,
        _m("Batas melengkapi dokumen (hari)", "Days to complete documents"),
        _m(
            "Permohonan yang ditunda untuk melengkapi dokumen: batas kembali ke kantor.",
            "An application postponed for documents: the deadline to come back.",
        ),
        "letter",
        minimum=1,
        maximum=180,
    ),
    SettingSpec(
        DOCUMENTS_TO_BRING,
        Kind.MULTILINE,
        DEFAULT_DOCUMENTS,
        _m("Dokumen yang dibawa pemohon", "Documents the applicant brings"),
        _m(
            "Satu dokumen per baris; tercetak pada salinan pemohon.",
            "One document per line; printed on the applicant's copy.",
        ),
        "letter",
        max_length=1500,
    ),
    SettingSpec(
        DATA_CONTROLLER,
        Kind.MULTILINE,
        "",
        _m("Kontak pengendali data", "Data controller's contact"),
        _m(
            "UU 27/2022: siapa yang dihubungi tentang data pribadi pemohon; kosong: nama dan "
            "alamat kantor.",
            "UU 27/2022: whom to contact about the applicant's personal data; empty: the "
            "office's name and address.",
        ),
        "letter",
        max_length=300,
    ),
    SettingSpec(
        APH_OUTCOMES,
        Kind.TEXT,
        "RUJUK_APH",
        _m("Kode hasil yang dilaporkan ke APH", "Outcome codes reported to law enforcement"),
        _m(
            "Kode hasil (dipisah koma) yang juga mencetak surat kepada aparat penegak hukum.",
            "Outcome codes (comma-separated) that also print a letter to law enforcement.",
        ),
        "aph",
        max_length=200,
        pattern=r"[A-Z][A-Z0-9_]*(\s*,\s*[A-Z][A-Z0-9_]*)*",
        pattern_message=_m("kode dipisah koma", "codes separated by commas"),
    ),
    SettingSpec(
        APH_NAME,
        Kind.TEXT,
        "Satgas TPPO Kepolisian Resor",
        _m("Tujuan surat APH", "Law-enforcement addressee"),
        _m(
            "Mis. Kepala Kepolisian Resor Kota Palu u.p. Satgas TPPO.",
            "E.g. the Palu city police chief, attn. the TPPO task force.",
        ),
        "aph",
        max_length=160,
    ),
    SettingSpec(
        APH_ADDRESS,
        Kind.MULTILINE,
        "",
        _m("Alamat APH", "Law-enforcement address"),
        _m("Alamat yang tercetak pada surat APH.", "The address printed on the letter."),
        "aph",
        max_length=300,
    ),
    SettingSpec(
        OUTCOME_CODES,
        Kind.OUTCOME_CODES,
        None,  # default: the active script's outcome codes
        _m("Kode hasil wawancara", "Interview outcome codes"),
        _m(
            "Kode, label Indonesia dan Inggris, dan apakah hasil ini merujuk ke BP3MI. "
            "Bawaan: kode dari naskah aktif.",
            "Code, Indonesian and English label, and whether the outcome refers to BP3MI. "
            "Default: the active script's codes.",
        ),
        "outcomes",
    ),
    SettingSpec(
        IDLE_LOCK_MINUTES,
        Kind.INTEGER,
        5,
        _m("Kunci layar setelah diam (menit)", "Lock the screen after idle (minutes)"),
        _m(
            "Loket bersifat publik: layar terkunci sendiri bila tidak dipakai. OWASP: 2-5 menit.",
            "The counter is public: the screen locks itself when idle. OWASP: 2-5 minutes.",
        ),
        "security",
        minimum=1,
        maximum=30,
    ),
    SettingSpec(
        MAX_FAILED_LOGINS,
        Kind.INTEGER,
        5,
        _m("Batas gagal masuk", "Failed logins before lock"),
        _m(
            "Akun terkunci setelah sekian kali gagal masuk berturut-turut.",
            "The account locks after this many failed logins in a row.",
        ),
        "security",
        minimum=3,
        maximum=20,
    ),
    SettingSpec(
        LOCKOUT_MINUTES,
        Kind.INTEGER,
        15,
        _m("Lama akun terkunci (menit)", "Lockout time (minutes)"),
        _m(
            "Setelah waktu ini akun dapat dicoba lagi; supervisor dapat membuka lebih cepat.",
            "After this time the account can be tried again; a supervisor can unlock sooner.",
        ),
        "security",
        minimum=1,
        maximum=1440,
    ),
    SettingSpec(
        PASSWORD_MIN_LENGTH,
        Kind.INTEGER,
        8,
        _m("Panjang minimal kata sandi", "Minimum password length"),
        _m(
            "NIST 800-63B: panjang minimal tanpa aturan komposisi; kalimat panjang dianjurkan.",
            "NIST 800-63B: a minimum length without composition rules; long phrases are best.",
        ),
        "security",
        minimum=8,
        maximum=64,
    ),
    SettingSpec(
        RETENTION_YEARS,
        Kind.INTEGER,
        5,
        _m("Masa simpan wawancara (tahun)", "Interview retention (years)"),
        _m(
            "Wawancara yang dibuat lebih lama dari ini dihapus saat pembersihan (dengan uji "
            "coba dulu). Log audit tidak pernah dihapus.",
            "Interviews created longer ago than this are deleted by the purge (after a dry "
            "run). The audit log is never deleted.",
        ),
        "retention",
        minimum=1,
        maximum=30,
    ),
    SettingSpec(
        SLIP_TEMPLATE,
        Kind.PATH,
        "",
        _m("Templat slip", "Slip template"),
        _m(
            "Berkas templat jinja2 slip rujukan; kosong: templat bawaan.",
            "The referral slip's jinja2 template file; empty: the shipped template.",
        ),
        "procedure",
        max_length=500,
    ),
    SettingSpec(
        SUMMARY_TEMPLATE,
        Kind.PATH,
        "",
        _m("Templat ringkasan wawancara", "Interview summary template"),
        _m(
            "Berkas templat jinja2 ringkasan wawancara (keputusan selain rujukan BP3MI); "
            "kosong: templat bawaan.",
            "The jinja2 template file of the interview summary (outcomes that do not refer "
            "to BP3MI); empty: the shipped template.",
        ),
        "procedure",
        max_length=500,
    ),
    SettingSpec(
        DISNAKER_RECOMMENDATION_REQUIRED,
        Kind.BOOL,
        False,
        _m("Wajib rekomendasi Disnaker", "Disnaker recommendation required"),
        _m(
            "Apakah kantor ini masih meminta surat rekomendasi Disnaker dari CPMI "
            "(berbeda antar kantor sejak SE IMI-GR.01.01-0252/2023). Naskah wawancara membaca "
            "pengaturan ini: pemohon yang akan bekerja tanpa rekomendasi mendapat saran "
            "sesuai pengaturan berikutnya.",
            "Whether this office still asks prospective migrant workers (CPMI) for a Disnaker "
            "recommendation letter (differs between offices since circular 0252/2023). The "
            "interview script reads it: an applicant going to work without the recommendation "
            "gets the suggestion set below.",
        ),
        "procedure",
    ),
    SettingSpec(
        NO_RECOMMENDATION_OUTCOME,
        Kind.CHOICE,
        "TUNDA_LENGKAPI",
        _m("Tanpa rekomendasi Disnaker", "No Disnaker recommendation"),
        _m(
            "Bila rekomendasi Disnaker wajib dan pemohon yang akan bekerja belum membawanya: "
            "ditunda sampai dilengkapi, atau ditolak (SE IMI-0277.GR.02.06/2017). Tanda "
            "bahaya lain tetap dapat menghasilkan rujukan.",
            "When a Disnaker recommendation is required and an applicant going to work has "
            "none: postpone until it is brought, or refuse (circular IMI-0277.GR.02.06/2017). "
            "Other red flags can still lead to a referral.",
        ),
        "procedure",
        required=True,
        choices=(
            ("TUNDA_LENGKAPI", _m("Tunda, lengkapi dokumen", "Postpone, complete documents")),
            ("TOLAK", _m("Tolak", "Refuse")),
        ),
    ),
    SettingSpec(
        UI_LANGUAGE,
        Kind.CHOICE,
        "id",
        _m("Bahasa tampilan", "Display language"),
        _m(
            "Bahasa menu dan layar; wawancara dapat berganti bahasa kapan saja.",
            "The language of menus and screens; an interview can switch language at any time.",
        ),
        "interface",
        required=True,
        choices=(("id", _m("Bahasa Indonesia", "Indonesian")), ("en", _m("English", "English"))),
    ),
)

SETTINGS_BY_KEY: dict[str, SettingSpec] = {spec.key: spec for spec in SETTINGS}
GROUPS_BY_ID: dict[str, Group] = {group.id: group for group in GROUPS}


def spec_for(key: str) -> SettingSpec:
    try:
        return SETTINGS_BY_KEY[key]
    except KeyError:
        raise KnownError(
            f"Pengaturan '{key}' tidak dikenal.", f"Unknown setting '{key}'."
        ) from None


def settings_in(group_id: str) -> list[SettingSpec]:
    return [spec for spec in SETTINGS if spec.group == group_id]
