"""Error types shared by the core: environment/input errors the user can act on, in two languages."""

from __future__ import annotations

from interview_app.text import Message


class KnownError(Exception):
    """An error caused by the environment or the input (disk full, locked file, bad package,
    bad script, wrong password), not by a bug. The UI shows `message` calmly; the CLI prints it
    to stderr and exits 1."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(f"{message_id} / {message_en}")
        self.message = Message(message_id, message_en)

    def text(self, language: str = "id") -> str:
        return self.message.text(language)


class PermissionDenied(KnownError):
    """The signed-in account's role does not allow the operation."""
