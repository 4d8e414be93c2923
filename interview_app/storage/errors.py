"""The storage layer's KnownError kinds: what the environment or the input did wrong."""

from __future__ import annotations

from interview_app.errors import KnownError


class StorageLocationError(KnownError):
    """The data folder is on a network share or cannot be created."""


class DatabaseLocked(KnownError):
    """Another program holds the database past the busy timeout."""


class DiskFull(KnownError):
    """The disk (or the database's size limit) is full."""


class ReadOnlyStorage(KnownError):
    """The database or the folder cannot be written."""


class StorageIOError(KnownError):
    """The disk reported a read or write error (a failing disk, a removed drive)."""


class DatabaseCorrupt(KnownError):
    """The database file fails its check or is not a database."""


class SchemaTooNew(KnownError):
    """The database was written by a newer version of the application."""


class NotFound(KnownError):
    """The interview, officer or questionnaire asked for does not exist."""


class InvalidState(KnownError):
    """The operation does not fit the record's state (e.g. editing a completed interview)."""


class OfficeNotConfigured(KnownError):
    """The office code is missing from the settings."""


class OfficeKeyError(KnownError):
    """The office key file is unreadable or belongs to another office."""


class AuthenticationFailed(KnownError):
    """Unknown user or wrong password (one message for both)."""


class AccountLocked(KnownError):
    """Too many failed logins; the account waits or needs a supervisor."""


class AccountInactive(KnownError):
    """The account was deactivated."""


class PasswordRejected(KnownError):
    """A new password does not meet the policy."""


class QuestionnaireConflict(KnownError):
    """A script with the same id and version but other content is installed already."""


class DatabaseKeyError(KnownError):
    """The database is encrypted under another key (another office's, or a damaged first page),
    or is encrypted and was opened without one."""


class KeySlotError(KnownError):
    """The key slots file is missing, unreadable, or holds no slot for the account."""


class RecoveryCodeInvalid(KnownError):
    """A recovery code that is mistyped (its checksum fails) or does not open the slot."""
