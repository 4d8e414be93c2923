"""BP3MI's side: with only the office's public key file, in a folder with no data folder, a
genuine letter (PDF or the QR as zbar reads it) is accepted and anything else refused; the HTML
verifier does the same in a real headless Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.slip.render import render_slip
from interview_app.slip.signing import public_key_of
from interview_app.slip.verify import SlipFacts, make_payload, payload_from_pdf
from tests.slip.conftest import REFERRAL_ANSWERS, Office
from tests.slip.pdftools import qr_codes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def issued(office: Office, tmp_path: Path) -> tuple[Path, Path, str]:
    """(letter PDF, public key file, payload) of one referral, the key written by the CLI."""
    record = office.complete(REFERRAL_ANSWERS)
    pdf = tmp_path / "surat.pdf"
    render_slip(office.database, record.ref_no, pdf, clock=office.clock)
    public = tmp_path / "kunci-publik-PLU.json"
    assert (
        main(["slip", "public-key", "--data-dir", str(office.data_dir), "--out", str(public)]) == 0
    )
    return pdf, public, payload_from_pdf(pdf)


def _cli_elsewhere(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as BP3MI runs it: another folder, another home, no data folder anywhere."""
    workdir.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_APP_DATA_DIR"}
    env.update(HOME=str(workdir), XDG_DATA_HOME=str(workdir / "xdg"), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "interview_app", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_public_key_file_names_the_office_and_its_fingerprint(
    office: Office, issued: tuple[Path, Path, str]
) -> None:
    _, public, payload = issued
    content = json.loads(public.read_text(encoding="utf-8"))
    expected = public_key_of(office.key, "PLU")
    assert content["algorithm"] == "Ed25519" and content["office_code"] == "PLU"
    assert content["fingerprint"] == expected.fingerprint_groups
    assert content["outcomes"]["TUNDA_RUJUK_BP3MI"] == "Ditunda dan dirujuk ke BP3MI"
    assert payload.split("|")[1] == expected.key_id
    assert office.key.hex() not in public.read_text()


def test_verify_with_only_the_public_key_in_a_fresh_folder(
    office: Office, issued: tuple[Path, Path, str], tmp_path: Path
) -> None:
    pdf, public, payload = issued
    desk = tmp_path / "meja-bp3mi"
    by_file = _cli_elsewhere(desk, "slip", "verify", "--public-key", str(public), str(pdf))
    assert by_file.returncode == 0, by_file.stderr
    assert "ASLI" in by_file.stdout and "GENUINE" in by_file.stdout
    assert "Ditunda dan dirujuk ke BP3MI" in by_file.stdout and "…0006" in by_file.stdout
    scanned = qr_codes(pdf, tmp_path)
    assert scanned == [payload]
    by_qr = _cli_elsewhere(
        desk, "slip", "verify", "--public-key", str(public), "--payload", scanned[0]
    )
    assert by_qr.returncode == 0, by_qr.stderr
    assert sorted(p.name for p in desk.iterdir()) == []  # no data folder was made

    other_office = make_payload(
        SlipFacts("JKT/BP3MI/2026/00001", office.clock().date(), "TUNDA_RUJUK_BP3MI", "0006"),
        os.urandom(32),
    )
    for refused, words in (
        (payload.replace("|0006|", "|0007|"), "tidak cocok"),
        (payload.replace(f"|{office.clock().date().isoformat()}|", "|20250106|"), "baku"),
        (other_office, "bukan kunci"),
    ):
        done = _cli_elsewhere(
            desk, "slip", "verify", "--public-key", str(public), "--payload", refused
        )
        assert done.returncode == 1, (refused, done.stdout)
        assert "DITOLAK" in done.stderr and "REFUSED" in done.stderr and words in done.stderr


def test_a_damaged_public_key_file_is_refused_with_a_message(
    issued: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, public, payload = issued
    content = json.loads(public.read_text(encoding="utf-8"))
    content["public_key"] = content["public_key"][:-4] + "AAA="
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(content), encoding="utf-8")
    capsys.readouterr()
    assert main(["slip", "verify", "--public-key", str(damaged), "--payload", payload]) == 1
    err = capsys.readouterr().err
    assert "kunci publik" in err and "public key" in err
    assert (
        main(["slip", "verify", "--public-key", str(tmp_path / "none.json"), "--payload", payload])
        == 1
    )
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_the_html_verifier_in_headless_chromium(
    office: Office, issued: tuple[Path, Path, str], tmp_path: Path
) -> None:
    from tests.slip.browser import open_page, paste_and_read

    pdf, _, payload = issued
    page = tmp_path / "pemeriksa.html"
    assert main(["slip", "verifier", "--data-dir", str(office.data_dir), "--out", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<script src" not in html
    assert public_key_of(office.key, "PLU").fingerprint_groups in html
    scanned = qr_codes(pdf, tmp_path)[0]
    browser = open_page(page)
    try:
        verdict, reason, facts = paste_and_read(browser, scanned)
        assert verdict == "ASLI", reason
        assert "3 Desember" not in facts  # the test office's clock is January 2025
        assert "6 Januari 2025" in facts and "Ditunda dan dirujuk ke BP3MI" in facts
        assert "…0006" in facts
        verdict, reason, facts = paste_and_read(browser, payload.replace("|0006|", "|0007|"))
        assert verdict == "DITOLAK" and "tidak cocok" in reason and facts == ""
        verdict, reason, _ = paste_and_read(browser, payload.replace("2025-01-06", "20250106"))
        assert verdict == "DITOLAK" and "tanggal" in reason
        foreign = make_payload(
            SlipFacts("JKT/BP3MI/2025/00001", office.clock().date(), "TERBIT", "0006"),
            os.urandom(32),
        )
        verdict, reason, _ = paste_and_read(browser, foreign)
        assert verdict == "DITOLAK" and "bukan kunci kantor ini" in reason
        verdict, _, _ = paste_and_read(browser, "halo")
        assert verdict == "DITOLAK"
        verdict, reason, _ = paste_and_read(browser, "  " + payload + "\n")
        assert verdict == "ASLI", reason
    finally:
        browser.close()


def test_after_a_key_change_older_letters_still_verify_with_the_older_key(
    office: Office, issued: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """Key rotation: a letter signed under the office's earlier key carries that key's id; the
    desk that holds both public keys (CLI or HTML page) accepts both letters."""
    from interview_app.slip.signing import write_public_key_file
    from tests.slip.browser import open_page, paste_and_read

    _, current, payload = issued
    earlier_key = os.urandom(32)
    earlier = public_key_of(earlier_key, "PLU", "Kantor Imigrasi Palu")
    earlier_file = tmp_path / "kunci-lama.json"
    write_public_key_file(earlier_file, earlier, office.clock().date())
    old_letter = make_payload(
        SlipFacts("PLU-GR.02.06-0099/XII/2024", office.clock().date(), "TUNDA_RUJUK_BP3MI", "0006"),
        earlier_key,
    )
    desk = tmp_path / "desk"
    only_current = _cli_elsewhere(
        desk, "slip", "verify", "--public-key", str(current), "--payload", old_letter
    )
    assert only_current.returncode == 1 and earlier.key_id in only_current.stderr
    for text in (old_letter, payload):
        both = _cli_elsewhere(
            desk,
            "slip",
            "verify",
            "--public-key",
            str(current),
            "--public-key",
            str(earlier_file),
            "--payload",
            text,
        )
        assert both.returncode == 0, both.stderr
    page = tmp_path / "pemeriksa.html"
    assert (
        main(
            ["slip", "verifier", "--data-dir", str(office.data_dir), "--out", str(page)]
            + ["--older-key", str(earlier_file)]
        )
        == 0
    )
    assert earlier.fingerprint_groups in page.read_text(encoding="utf-8")
    browser = open_page(page)
    try:
        assert paste_and_read(browser, old_letter)[0] == "ASLI"
        assert paste_and_read(browser, payload)[0] == "ASLI"
        assert paste_and_read(browser, old_letter.replace("0099", "0098"))[0] == "DITOLAK"
    finally:
        browser.close()


def test_key_and_page_files_need_a_place_to_go(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for action, target in (
        ("public-key", tmp_path / "missing" / "k.json"),
        ("verifier", tmp_path / "missing" / "v.html"),
        ("public-key", tmp_path),
    ):
        code = main(["slip", action, "--data-dir", str(office.data_dir), "--out", str(target)])
        err = capsys.readouterr().err
        assert code == 1 and "nama berkas" in err and "file name" in err
    assert not (tmp_path / "missing").exists()
    empty = tmp_path / "no-office"
    code = main(["slip", "public-key", "--data-dir", str(empty), "--out", str(tmp_path / "k.json")])
    assert code == 1 and not (tmp_path / "k.json").exists()
