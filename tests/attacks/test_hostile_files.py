"""Hostile files handed to the command line: YAML scripts built to explode (aliases, merge keys,
recursion, nesting, sheer size), key files and office.key built to choke the JSON reader, and
packages sealed with the right key whose content is hostile. Each is refused with exit 1 and
a message in both languages, quickly, and nothing changes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from interview_app.storage.keyslots import keyslots_path
from interview_app.sync.container import read_header
from tests import keyed_connection
from tests.attacks.conftest import SUPERVISOR_PASSWORD, Office, Run, record, run_cli
from tests.sync.packages import body_lines, reseal, write_raw

pytestmark = pytest.mark.attack

# CPU seconds of this process (the command runs in it), so a loaded machine does not count: far
# above what a refusal takes; the attacks used to take minutes of CPU or hang.
SECONDS = 5.0


def billion_laughs(levels: int) -> str:
    text = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for level in range(1, levels + 1):
        text += f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]\n"
    return text


def merge_bomb(levels: int) -> str:
    text = "m0: &m0 {k0: 1, k1: 2, k2: 3, k3: 4}\n"
    for level in range(1, levels + 1):
        refs = ", ".join([f"*m{level - 1}"] * 8)
        text += f"m{level}: &m{level}\n  <<: [{refs}]\n  own{level}: 1\n"
    return text


def nested_mapping(depth: int) -> str:
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "x\n"


HOSTILE_SCRIPTS: dict[str, tuple[str, tuple[str, str]]] = {
    "billion-laughs-7": (billion_laughs(7), ("alias YAML", "YAML aliases")),
    "billion-laughs-12": (billion_laughs(12), ("alias YAML", "YAML aliases")),
    "merge-key-bomb": (merge_bomb(9), ("alias YAML", "YAML aliases")),
    "recursive-alias": ("a: &a [1, *a]\n", ("merujuk dirinya", "refers to itself")),
    "recursive-mapping": ("a: &a {b: *a}\n", ("merujuk dirinya", "refers to itself")),
    "deep-flow-list": ("[" * 5000 + "]" * 5000, ("terlalu dalam", "nested too deeply")),
    "deep-flow-map": ("{a: " * 3000 + "1" + "}" * 3000, ("terlalu dalam", "nested too deeply")),
    "deep-block-map": (nested_mapping(120), ("terlalu dalam", "nested too deeply")),
    "two-megabytes": ("# padding\n" * 210_000, ("terlalu besar", "too large")),
    "sixty-megabytes": ("#" * 60_000_000 + "\n", ("terlalu besar", "too large")),
}


KEYSLOTS_UNREADABLE = (
    "Berkas slot kunci",
    "tidak dapat dibaca",
    "The key slots file",
    "cannot be read",
)


def refused_quickly(run: Run, started: float, needles: tuple[str, ...]) -> bool:
    return run.refused(*needles) and time.process_time() - started < SECONDS


def scripts(office: Office) -> list[tuple[object, ...]]:
    conn = keyed_connection.connect(office.receiver)
    try:
        return sorted(conn.execute("SELECT * FROM questionnaires").fetchall(), key=repr)
    finally:
        conn.close()


def test_hostile_yaml_scripts(office: Office, tmp_path: Path) -> None:
    before = scripts(office)
    tried = refused = 0
    for name, (text, needles) in HOSTILE_SCRIPTS.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        started = time.process_time()
        result = run_cli("questionnaire", "check", path)
        tried += 1
        ok = refused_quickly(result, started, needles) and "Traceback" not in result.err
        assert ok, (name, result.code, result.err[-500:], time.process_time() - started)
        refused += ok
        path.unlink()
    # Installing one through the supervisor's command: the same refusal, nothing stored.
    password = tmp_path / "password"
    password.write_text(SUPERVISOR_PASSWORD, encoding="utf-8")
    bomb = tmp_path / "naskah.yaml"
    bomb.write_text(billion_laughs(9), encoding="utf-8")
    started = time.process_time()
    result = run_cli(
        "script", "install", bomb, "--data-dir", office.receiver, "--as", "kasi",
        "--password-file", password,
    )  # fmt: skip
    tried += 1
    ok = refused_quickly(result, started, ("alias YAML", "YAML aliases"))
    assert ok, result.err
    refused += ok
    assert scripts(office) == before  # only the sign-in was logged
    office.check_clean()
    record("Hostile YAML scripts", tried, refused, 0)


def test_hostile_key_files_and_office_key(office: Office, tmp_path: Path) -> None:
    tried = refused = 0
    deep = "[" * 100_000 + "]" * 100_000
    fake_key = {"format": "asisten-wawancara-office-key", "version": 1, "office_code": "PLU"}
    key_files = {
        "deep.key": deep[:60_000],
        "deep-object.key": '{"a":' * 20_000 + "1" + "}" * 20_000,
        "huge.key": json.dumps({**fake_key, "office_name": "x" * 10_000_000}),
        "binary.key": "\udcff" * 10,
    }
    new_station = tmp_path / "new-station"
    for name, text in key_files.items():
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        started = time.process_time()
        result = run_cli(
            "setup", "--data-dir", new_station, "--station", "Loket 9", "--sync-key-file", path
        )
        tried += 1
        ok = (
            refused_quickly(result, started, ("tidak dapat dipakai", "cannot be used"))
            and "Traceback" not in result.err
        )
        assert ok, (name, result.err[-400:])
        refused += ok
    # The key slots (the wrapped office key) replaced by something hostile: every command that
    # signs in refuses.
    before = office.digest()
    for name, content in {"deep": deep.encode(), "huge": b" " * 10_000_000 + b"{}"}.items():
        keyslots_path(office.receiver).write_bytes(content)
        started = time.process_time()
        stick = tmp_path / f"stick-{name}"
        stick.mkdir()
        result = run_cli("export", "--data-dir", office.receiver, "--out", stick)
        tried += 1
        ok = refused_quickly(result, started, KEYSLOTS_UNREADABLE)
        assert ok, (name, result.err[-400:])
        refused += ok
        assert list(stick.iterdir()) == []
    assert office.digest() == before
    record("Hostile key files and JSON", tried, refused, 0)


def test_hostile_package_content(office: Office, tmp_path: Path) -> None:
    """Content only a holder of the office key could seal: still checked before it is used."""
    lines = body_lines(office.package, office.key)
    interview = next(line for line in lines if line.startswith(b'["I"'))
    uuid = json.loads(interview.split(b"\t", 1)[0])[1].encode()
    key_part, record_part = interview.split(b"\t", 1)
    variants = {
        "path-as-uuid": interview.replace(uuid, b"../../etc/passwd"),
        "sql-as-uuid": interview.replace(uuid, b"x' OR '1'='1"),
        "upper-case-uuid": interview.replace(uuid, uuid.upper()),
        "deep-record": key_part + b"\t" + b"[" * 50_000 + b"]" * 50_000 + b"\n",
        "deep-key": b"[" * 50_000 + b"]" * 50_000 + b"\t{}\n",
        "record-not-object": key_part + b'\t"just text"\n',
    }
    with open(office.package, "rb") as handle:
        header = read_header(handle)
    before = office.digest()
    tried = refused = 0
    for name, changed in variants.items():
        body = [changed if line == interview else line for line in lines]
        path = tmp_path / f"{name}.awsync"
        if name.startswith("deep-key"):  # no manifest can be counted over it: sealed as is
            write_raw(path, office.key, b"".join(body), workstation=header.source_workstation)
        else:
            reseal(office.package, office.key, body, path)
        started = time.process_time()
        result = run_cli("import", "--data-dir", office.receiver, path)
        tried += 1
        ok = refused_quickly(
            result, started, ("Paket rusak atau telah diubah", "is damaged or was altered")
        ) or refused_quickly(result, started, ("tidak sesuai dengan manifesnya", "does not match"))
        assert ok, (name, result.code, result.err[-400:])
        refused += ok
        assert office.digest() == before, name
    office.check_clean()
    record("Hostile package content (sealed with the right key)", tried, refused, 0)


def test_absurd_arguments(office: Office, tmp_path: Path) -> None:
    """A demo office of 10^20 interviews and an export to "" (the current folder)."""
    started = time.process_time()
    result = run_cli("demo-data", "--data-dir", tmp_path / "demo", "--count", str(10**20))
    assert refused_quickly(result, started, ("--count harus antara", "--count must be between"))
    before = office.digest()
    result = run_cli("export", "--data-dir", office.source, "--out", "")
    assert result.refused("Folder tujuan (--out) kosong", "The destination folder (--out) is empty")
    assert office.digest() == before
