"""Bilingual words every floor shows: a user-visible message in Indonesian and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A user-visible message in Indonesian and English."""

    id: str
    en: str

    def __str__(self) -> str:
        return f"{self.id} / {self.en}"

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.id
