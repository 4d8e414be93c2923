"""`slip render` and `slip verify` through the command line: exit codes and bilingual reasons."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.slip.payload import legacy_payload
from interview_app.slip.verify import SlipFacts, make_payload, payload_from_pdf
from tests.slip.conftest import REFERRAL_ANSWERS, Office
from tests.slip.pdftools import qr_codes


def _render(office: Office, ref: str, out: Path, *extra: str) -> int:
    return main(
        [
            "slip",
            "render",
            "--data-dir",
            str(office.data_dir),
            "--interview",
            ref,
            "--out",
            str(out),
            *extra,
        ]
    )


def test_render_then_verify_the_file_and_the_scanned_code(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    out = tmp_path / "slip.pdf"
    assert _render(office, record.ref_no, out) == 0
    assert "Surat Pengantar Rujukan PLU-GR.02.06-0001/" in capsys.readouterr().out
    assert main(["slip", "verify", str(out), "--data-dir", str(office.data_dir)]) == 0
    shown = capsys.readouterr().out
    assert "ASLI" in shown and "GENUINE" in shown
    assert record.ref_no in shown and "Fitriani Labolo" in shown and "…0006" in shown
    assert "7271015208990006" not in shown  # the whole NIK is not echoed
    scanned = qr_codes(out, tmp_path)
    assert (
        main(["slip", "verify", "--payload", scanned[0], "--data-dir", str(office.data_dir)]) == 0
    )


def test_a_second_print_needs_reprint_and_is_a_copy(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    assert _render(office, record.ref_no, tmp_path / "a.pdf") == 0
    assert _render(office, record.ref_no, tmp_path / "b.pdf") == 1
    err = capsys.readouterr().err
    assert "--reprint" in err and "sudah dicetak" in err
    assert _render(office, record.ref_no, tmp_path / "b.pdf", "--reprint") == 0
    assert "SALINAN ke-2" in capsys.readouterr().out


def test_tampered_and_foreign_codes_exit_1_with_a_bilingual_reason(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = office.complete(REFERRAL_ANSWERS)
    out = tmp_path / "slip.pdf"
    assert _render(office, record.ref_no, out) == 0
    payload = payload_from_pdf(out)
    capsys.readouterr()
    tampered = payload.replace("TUNDA_RUJUK_BP3MI", "TERBIT")
    assert main(["slip", "verify", "--payload", tampered, "--data-dir", str(office.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "DITOLAK" in err and "REFUSED" in err
    issued_on = dt.date.fromisoformat(payload.split("|")[3])
    facts = SlipFacts("JKT/BP3MI/2025/00001", issued_on, "TUNDA_RUJUK_BP3MI", "0006")
    foreign = make_payload(facts, secrets.token_bytes(32))
    assert main(["slip", "verify", "--payload", foreign, "--data-dir", str(office.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "bukan kunci yang dipegang di sini" in err and "not a key held here" in err
    old_foreign = legacy_payload(facts, secrets.token_bytes(32))  # an AW1 code names its office
    assert (
        main(["slip", "verify", "--payload", old_foreign, "--data-dir", str(office.data_dir)]) == 1
    )
    err = capsys.readouterr().err
    assert "kantor JKT" in err and "office JKT" in err
    assert (
        main(["slip", "verify", "--payload", "not a slip", "--data-dir", str(office.data_dir)]) == 1
    )


def test_usage_errors(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slip", "verify", "--data-dir", str(office.data_dir)]) == 2
    assert (
        main(["slip", "verify", "x.pdf", "--payload", "y", "--data-dir", str(office.data_dir)]) == 2
    )
    assert "usage error" in capsys.readouterr().err


def test_render_refuses_a_draft_and_an_unknown_interview(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = office.complete(REFERRAL_ANSWERS, draft=True)
    assert _render(office, draft.ref_no, tmp_path / "a.pdf") == 1
    err = capsys.readouterr().err
    assert "belum selesai" in err and "not finished" in err
    assert _render(office, "PLU-2025-999999", tmp_path / "a.pdf") == 1
    assert "tidak ditemukan" in capsys.readouterr().err
