"""The self-contained HTML page that checks a slip code in any current browser, offline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup

from interview_app.resources_path import resource_path
from interview_app.slip.signing import PublicKey
from interview_app.storage.writefiles import write_file_atomically

TEMPLATE = "verifier.html.j2"


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (no `</script>` or `<!--` can close it)."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def verifier_html(key: PublicKey, older: Sequence[PublicKey] = ()) -> str:
    """One HTML file: the office's public key inside (and any older keys its letters may still
    carry, after a key change), WebCrypto's Ed25519 checks the payload."""
    source = resource_path("slip", TEMPLATE).read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(source)
    keys = [k.to_json() for k in (key, *older)]
    return template.render(key=key, older=older, keys_json=Markup(_script_json(keys)))


def write_verifier(path: Path, key: PublicKey, older: Sequence[PublicKey] = ()) -> None:
    write_file_atomically(Path(path), verifier_html(key, older).encode("utf-8"))
