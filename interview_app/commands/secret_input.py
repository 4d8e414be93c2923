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
ENV_KEY_PASSPHRASE = "INTERVIEW_APP_KEY_PASSPHRASE"

PASSWORD = ("kata sandi", "password", "--…-password-file")
KEY_PASSPHRASE = ("frasa sandi berkas kunci", "key file passphrase", "--passphrase-file")


def read_secret(
    file_name: str | None,
    env_name: str,
    prompt: str,
    *,
    what: tuple[str, str, str] = PASSWORD,
    confirm: bool = False,
) -> str:
    """From the file, else the environment variable, else a hidden prompt on a terminal (typed
    twice when `confirm`: a secret that cannot be read back later). Scripts never prompt:
    without a terminal a missing secret is refused. `what`: its name in Indonesian and English
    and the option that gives its file, for the messages."""
    name_id, name_en, option = what
    if file_name:
        try:
            text = Path(file_name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnownError(
                f"Berkas {name_id} {file_name} tidak dapat dibaca.",
                f"The {name_en} file {file_name} cannot be read.",
            ) from exc
        return text.rstrip("\r\n")
    value = os.environ.get(env_name)
    if value:
        return value
    if sys.stdin.isatty() and sys.stderr.isatty():
        typed = getpass.getpass(prompt)
        if confirm and getpass.getpass("Ulangi / again: ") != typed:
            raise KnownError(
                f"Kedua ketikan {name_id} berbeda; tidak ada yang diubah.",
                f"The two {name_en} entries differ; nothing was changed.",
            )
        return typed
    raise KnownError(
        f"{name_id.capitalize()} tidak diberikan: pakai berkas ({option} BERKAS) atau variabel "
        f"{env_name}.",
        f"No {name_en} given: use a file ({option} FILE) or the variable {env_name}.",
    )
