"""The slip's wording: a sandboxed jinja2 template (shipped, or the office's copy) to markup blocks."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from interview_app.resources_path import resource_path
from interview_app.settings_spec import SLIP_TEMPLATE, SUMMARY_TEMPLATE  # the office's copies
from interview_app.slip.content import REFERRAL, SlipContent, long_date
from interview_app.slip.markup import SlipDocument, TemplateProblem, parse

SHIPPED = {
    REFERRAL: "rujukan_bp3mi.txt.j2",
    "ringkasan": "ringkasan.txt.j2",
    "pemohon": "pemohon.txt.j2",
    "aph": "aph.txt.j2",
}
SETTING_FOR_KIND = {REFERRAL: SLIP_TEMPLATE, "ringkasan": SUMMARY_TEMPLATE}

DASH = "—"


def tanggal(value: dt.date | None) -> str:
    """6 Januari 2025."""
    return DASH if value is None else long_date(value)


def tgl(value: dt.date | None) -> str:
    """06-01-2025."""
    return DASH if value is None else value.strftime("%d-%m-%Y")


def dash(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if text.strip() else DASH


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    """Sandboxed and immutable (an office template can neither reach Python internals nor
    change the slip's data), no HTML escaping (the output is our line markup), StrictUndefined
    (a misspelt name is an error, not a blank)."""
    env = ImmutableSandboxedEnvironment(
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(tanggal=tanggal, tgl=tgl, dash=dash)
    return env


def template_source(
    kind: str, settings: dict[str, Any] | None = None, data_dir: Path | None = None
) -> tuple[str, str]:
    """(source text, where it came from): the office's file when the setting names one, else
    the shipped template. A relative setting is taken from the data folder."""
    configured = str((settings or {}).get(SETTING_FOR_KIND.get(kind, ""), "") or "").strip()
    if configured:
        path = Path(configured).expanduser()
        if not path.is_absolute() and data_dir is not None:
            path = Path(data_dir) / path
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateProblem(
                str(path),
                0,
                f"berkas tidak dapat dibaca ({exc}). Perbaiki pengaturan 'Templat slip' atau kosongkan untuk memakai templat bawaan.",
                f"the file cannot be read ({exc}). Fix the 'Slip template' setting or clear it to use the shipped template.",
            ) from exc
    path = resource_path("slip", SHIPPED[kind])
    return path.read_text(encoding="utf-8"), f"resources/slip/{SHIPPED[kind]}"


@functools.lru_cache(maxsize=16)
def _compiled(source: str, where: str) -> jinja2.Template:
    try:
        return environment().from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            where, exc.lineno or 0, f"salah tulis: {exc.message}", f"syntax error: {exc.message}"
        ) from exc


def render_markup(content: SlipContent, source: str, where: str) -> str:
    """The template's output: the slip in line markup."""
    template = _compiled(source, where)
    try:
        return template.render(slip=content)
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            where,
            _line_of(exc),
            f"nama tidak dikenal: {exc.message}",
            f"unknown name: {exc.message}",
        ) from exc
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateProblem(
            where, _line_of(exc), f"tidak diizinkan: {exc}", f"not allowed: {exc}"
        ) from exc
    except jinja2.TemplateError as exc:
        raise TemplateProblem(where, _line_of(exc), str(exc), str(exc)) from exc


def render_document(content: SlipContent, source: str, where: str) -> SlipDocument:
    return parse(render_markup(content, source, where), where)


def _line_of(exc: BaseException) -> int:
    """The template line an error was raised from (jinja2 maps it into the traceback)."""
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
