"""The sync package's refusals: every one a KnownError with an Indonesian and English reason."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.writefiles import known_os_errors


class SyncError(KnownError):
    """Export or import refused for a reason the user can act on."""


class PackageError(SyncError):
    """The package file itself is unusable; nothing was changed."""


class NotAPackage(PackageError):
    """The file is not a sync package at all."""


class PackageTruncated(PackageError):
    """The file ends before its last chunk (a stick pulled out, a copy cut short)."""


class PackageTampered(PackageError):
    """A chunk fails authentication: changed bytes, chunks reordered, swapped or spliced."""


class WrongOffice(PackageError):
    """The package was made for another office (or with another office key)."""


class UnsupportedVersion(PackageError):
    """The package was written by a newer format or application version."""


class ManifestMismatch(PackageError):
    """The decrypted content does not match what its manifest says."""


class PackageFromThisWorkstation(SyncError):
    """The package was exported by this very workstation."""


class PackageTooLarge(SyncError):
    """The package would not fit on the stick (FAT32 file size or free space)."""


class SyncNotConfigured(SyncError):
    """The office code, workstation id or office key is missing."""


class KeyFileError(SyncError):
    """An office key file is missing, unreadable, damaged or for another office."""


def truncated() -> PackageTruncated:
    return PackageTruncated(
        "Paket terpotong: berkas berakhir sebelum selesai (mungkin flashdisk dicabut saat "
        "menyalin). Ekspor ulang paket di komputer asal. Tidak ada data yang diubah.",
        "The package is truncated: the file ends before it is complete (perhaps the stick was "
        "removed while copying). Export the package again at its source. No data was changed.",
    )


def tampered(detail_id: str = "", detail_en: str = "") -> PackageTampered:
    extra_id = f" ({detail_id})" if detail_id else ""
    extra_en = f" ({detail_en})" if detail_en else ""
    return PackageTampered(
        f"Paket rusak atau telah diubah{extra_id}: isinya tidak lolos pemeriksaan keaslian "
        "(bagian diubah, tertukar, atau disisipkan). Ekspor ulang paket di komputer asal. "
        "Tidak ada data yang diubah.",
        f"The package is damaged or was altered{extra_en}: its content fails the authenticity "
        "check (parts changed, reordered or inserted). Export the package again at its source. "
        "No data was changed.",
    )


def wrong_office(package_office: str, our_office: str | None) -> WrongOffice:
    if our_office is not None and package_office.casefold() != our_office.casefold():
        return WrongOffice(
            f"Paket ini dari kantor lain ({package_office}), bukan {our_office}. Paket tidak "
            "diimpor; tidak ada data yang diubah.",
            f"The package belongs to another office ({package_office}), not {our_office}. It "
            "was not imported; no data was changed.",
        )
    return WrongOffice(
        "Paket ini dari kantor lain: kunci kantor di komputer ini tidak cocok dengan kunci "
        "pembuat paket. Pasang berkas kunci kantor yang benar (sync-key). Tidak ada data yang "
        "diubah.",
        "The package belongs to another office: this workstation's office key does not match "
        "the key it was made with. Install the right office key file (sync-key). No data was "
        "changed.",
    )


def not_a_package() -> NotAPackage:
    return NotAPackage(
        "Berkas ini bukan paket sinkronisasi Asisten Wawancara (.awsync).",
        "This file is not an Asisten Wawancara sync package (.awsync).",
    )


def unsupported_version(found: int, known: int) -> UnsupportedVersion:
    return UnsupportedVersion(
        f"Paket dibuat dengan format versi {found}; aplikasi ini mengenal sampai versi {known}. "
        "Perbarui aplikasi ini lalu impor lagi. Tidak ada data yang diubah.",
        f"The package uses format version {found}; this application knows up to version "
        f"{known}. Update this application and import again. No data was changed.",
    )


def manifest_mismatch(what_id: str, what_en: str) -> ManifestMismatch:
    return ManifestMismatch(
        f"Isi paket tidak sesuai dengan manifesnya ({what_id}). Paket tidak diimpor; tidak ada "
        "data yang diubah. Ekspor ulang paket di komputer asal.",
        f"The package content does not match its manifest ({what_en}). It was not imported; "
        "no data was changed. Export the package again at its source.",
    )


def newer_application() -> UnsupportedVersion:
    return UnsupportedVersion(
        "Paket dibuat oleh versi aplikasi yang lebih baru (ada data yang belum dikenal versi "
        "ini). Perbarui aplikasi ini lalu impor lagi. Tidak ada data yang diubah.",
        "The package was made by a newer version of the application (it holds data this "
        "version does not know). Update this application and import again. No data was "
        "changed.",
    )


@contextmanager
def file_errors(path: Path) -> Iterator[None]:
    """A full or read-only disk as storage reports it; any other OS error on a package file
    (a stick pulled out, a failing sector, a locked file) as a SyncError naming the file."""
    try:
        with known_os_errors(path):
            yield
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise SyncError(
            f"Berkas {path} tidak dapat dibaca atau ditulis ({detail}). Periksa flashdisk "
            "(masih terpasang?) lalu coba lagi. Data di komputer ini tidak berubah.",
            f"The file {path} cannot be read or written ({detail}). Check the stick (still "
            "plugged in?) and try again. The data on this workstation is unchanged.",
        ) from exc
