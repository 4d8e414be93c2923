"""Secrets for the command line: from a file, else an environment variable, else a terminal prompt."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from interview_app.errors import KnownError

ENV_USER = "INTERVIEW_APP_USER"
ENV_PASSWORD = "INTERVIEW_APP_PASSWORD"
ENV_NEW_PASSWORD = "INTERVIEW_APP_NEW_PASSWORD"


def read_secret(file_name: str | None, env_name: str, prompt: str) -> str:
    """From the file, else the environment variable, else a hidden prompt on a terminal.
    Scripts never prompt: without a terminal a missing secret is refused."""
    if file_name:
        try:
            text = Path(file_name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnownError(
                f"Berkas kata sandi {file_name} tidak dapat dibaca.",
                f"The password file {file_name} cannot be read.",
            ) from exc
        return text.rstrip("\r\n")
    value = os.environ.get(env_name)
    if value:
        return value
    if sys.stdin.isatty() and sys.stderr.isatty():
        return getpass.getpass(prompt)
    raise KnownError(
        f"Kata sandi tidak diberikan: pakai berkas (--…-password-file) atau variabel {env_name}.",
        f"No password given: use a file (--…-password-file) or the variable {env_name}.",
    )
