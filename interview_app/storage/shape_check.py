"""`db check` without signing in, on an encrypted data folder: what can be checked without the
key. The database is not plaintext SQLite and is whole 4096-byte pages; its -wal, if any, is a
log SQLite reads (header, page size, committed frames); keyslots.json and lockout.json read.
The pages' contents (SQLCipher's per-page HMAC), the integrity check, foreign keys, schema
version and audit chain all need the key: the report says so in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.cipher import CIPHER_PAGE_SIZE, is_plaintext_database
from interview_app.storage.errors import NotFound
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.lockout_file import LOCKOUT_FILE, LockoutFile
from interview_app.storage.wal_file import WalShapeError, read_wal
from interview_app.text import Message

NOT_CHECKED = Message(
    "Tidak diperiksa tanpa masuk: isi dan keutuhan halaman (HMAC tiap halaman), integritas, "
    "kunci asing, versi skema dan rantai log audit. Untuk itu jalankan 'db check' dengan --as "
    "atau --recovery-code-file.",
    "Not checked without signing in: the pages' contents and integrity (each page's HMAC), "
    "the integrity check, foreign keys, schema version and the audit chain. For those, run "
    "'db check' with --as or --recovery-code-file.",
)


@dataclass(frozen=True)
class ShapeReport:
    """What could be seen of an encrypted database without its key. `findings`: what held;
    `problems`: what needs a person's attention."""

    path: Path
    findings: list[Message] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, language: str = "id") -> str:
        lines = [str(self.path)]
        lines += [finding.text(language) for finding in self.findings]
        lines += [problem.text(language) for problem in self.problems]
        lines.append(NOT_CHECKED.text(language))
        verdict = (
            Message(
                "HASIL: BENTUK BAIK (isi tidak diperiksa)", "RESULT: SHAPE OK (content not checked)"
            )
            if self.ok
            else Message("HASIL: ADA MASALAH", "RESULT: PROBLEMS FOUND")
        )
        lines.append(verdict.text(language))
        return "\n".join(lines)


def check_shape(
    database_file: Path, *, keyslots_file: Path | None, lockout_folder: Path | None = None
) -> ShapeReport:
    """The shape of an encrypted database file, its -wal, its key slots file (None: none is
    expected beside it, said as a note) and the lockout file in `lockout_folder`."""
    path = Path(database_file)
    if not path.is_file():
        raise NotFound(f"Basis data {path} tidak ada.", f"There is no database at {path}.")
    report = ShapeReport(path)
    _database_file(path, report)
    _wal(path.with_name(path.name + "-wal"), report)
    if keyslots_file is not None:
        _key_slots(Path(keyslots_file), report)
    if lockout_folder is not None:
        _lockout(Path(lockout_folder), report)
    return report


def _database_file(path: Path, report: ShapeReport) -> None:
    size = path.stat().st_size
    if is_plaintext_database(path):
        report.problems.append(
            Message(
                f"{path.name} belum terenkripsi: isinya terbaca siapa pun yang menyalinnya. "
                "Masuk sebagai supervisor agar enkripsinya diselesaikan.",
                f"{path.name} is not encrypted: anyone who copies it can read it. Sign in as "
                "a supervisor so that its encryption is completed.",
            )
        )
    elif size == 0 or size % CIPHER_PAGE_SIZE:
        report.problems.append(
            Message(
                f"Panjang {path.name} ({size:,} bita) bukan kelipatan halaman {CIPHER_PAGE_SIZE} "
                "bita: berkas terpotong atau rusak. Pulihkan snapshot atau cadangan yang baik.",
                f"The length of {path.name} ({size:,} bytes) is not a whole number of "
                f"{CIPHER_PAGE_SIZE}-byte pages: the file is cut short or damaged. Restore a "
                "good snapshot or backup.",
            )
        )
    else:
        pages = size // CIPHER_PAGE_SIZE
        report.findings.append(
            Message(
                f"Berkas terenkripsi: {pages:,} halaman utuh ({size:,} bita), bukan SQLite polos",
                f"Encrypted file: {pages:,} whole pages ({size:,} bytes), not plaintext SQLite",
            )
        )


def _wal(wal: Path, report: ShapeReport) -> None:
    try:
        if wal.stat().st_size == 0:
            return
        log = read_wal(wal)
    except FileNotFoundError:
        return
    except OSError as exc:
        report.problems.append(
            Message(
                f"{wal.name} tidak dapat dibaca ({exc.strerror}).",
                f"{wal.name} cannot be read ({exc.strerror}).",
            )
        )
        return
    except WalShapeError as exc:
        report.problems.append(
            Message(
                f"{wal.name} bukan log WAL yang sah ({exc}): perubahan yang tercatat di sana "
                "tidak akan terbaca.",
                f"{wal.name} is not a valid WAL ({exc}): the changes recorded in it will not "
                "be read.",
            )
        )
        return
    if log.page_size != CIPHER_PAGE_SIZE:
        report.problems.append(
            Message(
                f"{wal.name} memakai halaman {log.page_size} bita, bukan {CIPHER_PAGE_SIZE}.",
                f"{wal.name} uses {log.page_size}-byte pages, not {CIPHER_PAGE_SIZE}.",
            )
        )
        return
    left = log.frames - log.committed_frames
    tail_id = f"; {left} bingkai sesudah commit terakhir diabaikan SQLite" if left else ""
    tail_en = f"; {left} frames after the last commit are ignored by SQLite" if left else ""
    if log.trailing_bytes:
        tail_id += f"; {log.trailing_bytes} bita sisa di ujung (tulisan terpotong)"
        tail_en += f"; {log.trailing_bytes} bytes left at the end (a cut-off write)"
    report.findings.append(
        Message(
            f"WAL: kepala sah, {log.committed_frames} bingkai ter-commit{tail_id}",
            f"WAL: valid header, {log.committed_frames} committed frames{tail_en}",
        )
    )


def _key_slots(path: Path, report: ShapeReport) -> None:
    try:
        slots = KeySlots(path.parent, path=path)
    except KnownError as exc:
        report.problems.append(exc.message)
        return
    if not slots.exists:
        report.problems.append(
            Message(
                f"Berkas slot kunci {path} tidak ada: basis data tidak dapat dibuka dengan kata "
                "sandi mana pun atau kode pemulihan. Pulihkan berkas itu dari cadangan.",
                f"The key slots file {path} is missing: the database cannot be opened with "
                "any password or the recovery code. Restore the file from a backup.",
            )
        )
        return
    accounts = len(slots.accounts())
    report.findings.append(
        Message(
            f"{path.name}: terbaca, kantor {slots.office_code}, {accounts} slot akun"
            + (", slot kode pemulihan" if slots.has_recovery else ""),
            f"{path.name}: readable, office {slots.office_code}, {accounts} account slots"
            + (", a recovery code slot" if slots.has_recovery else ""),
        )
    )
    if not slots.has_recovery:
        report.problems.append(
            Message(
                f"{path.name} tidak punya slot kode pemulihan: bila semua kata sandi hilang, "
                "data tidak dapat dibuka lagi. Buat kode pemulihan baru (supervisor).",
                f"{path.name} has no recovery code slot: if every password is lost, the data "
                "cannot be opened again. Make a new recovery code (supervisor).",
            )
        )


def _lockout(folder: Path, report: ShapeReport) -> None:
    lockout = LockoutFile(folder)
    if not lockout.path.exists():
        return
    try:
        _, accounts = lockout.read()
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OSError) as exc:
        report.problems.append(
            Message(
                f"{LOCKOUT_FILE} tidak dapat dibaca ({type(exc).__name__}): hitungan gagal "
                "masuk dimulai lagi dari nol. Hapus berkas itu bila masalah ini tetap ada.",
                f"{LOCKOUT_FILE} cannot be read ({type(exc).__name__}): the failed sign-in "
                "counts start again from zero. Delete the file if this persists.",
            )
        )
        return
    report.findings.append(
        Message(
            f"{LOCKOUT_FILE}: terbaca, {len(accounts)} akun tercatat",
            f"{LOCKOUT_FILE}: readable, {len(accounts)} accounts counted",
        )
    )
