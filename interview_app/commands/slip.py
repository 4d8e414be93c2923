"""`interview-app slip render|verify|public-key|verifier|referral`: print an interview's letter
to PDF; check a letter's QR code (at the office, or anywhere with the office's public key); hand
out the public key and the HTML verifier; follow a referral up.

Every sub-command that opens the data folder signs in with an account (commands.credentials):
the letters and referrals hold personal data, and the slip key (checking a printed code, the
public key) is the office key, which only a sign-in unwraps. Only `verify --public-key` works
without a data folder, so without a sign-in."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from interview_app.commands.arguments import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, data_dir_argument
from interview_app.commands.credentials import credential_arguments, open_office
from interview_app.errors import KnownError
from interview_app.storage.office import Office

if TYPE_CHECKING:
    from interview_app.slip.signing import PublicKey


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("slip", help="slip rujukan BP3MI / BP3MI referral slip")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    render = actions.add_parser("render", help="cetak slip ke PDF / write the slip as PDF")
    _signed_in_arguments(render)
    render.add_argument("--interview", required=True, metavar="REF_OR_UUID")
    render.add_argument("--out", required=True, metavar="FILE.pdf")
    render.add_argument(
        "--reprint",
        action="store_true",
        help="cetak ulang, ditandai SALINAN ke-N / reprint, marked as copy N",
    )
    render.add_argument(
        "--summary",
        action="store_true",
        help="ringkasan wawancara, bukan slip rujukan / interview summary, not the referral slip",
    )
    render.add_argument(
        "--kind",
        choices=("rujukan", "pemohon", "aph", "ringkasan"),
        help=(
            "dokumen: rujukan (surat ke BP3MI), pemohon (pemberitahuan untuk pemohon, tanpa "
            "tanda bahaya), aph (surat ke aparat penegak hukum), ringkasan / the document: "
            "rujukan (letter to BP3MI), pemohon (the applicant's notice, no red flags), aph "
            "(letter to law enforcement), ringkasan (summary)"
        ),
    )
    render.set_defaults(handler=run_render)
    verify = actions.add_parser("verify", help="periksa keaslian slip / check a slip is genuine")
    verify.add_argument("file", nargs="?", metavar="FILE.pdf")
    verify.add_argument("--payload", metavar="TEXT", help="teks dari pemindai QR / QR reader text")
    verify.add_argument(
        "--public-key",
        action="append",
        metavar="FILE",
        help=(
            "berkas kunci publik kantor; tanpa folder data (boleh diulang untuk beberapa kunci) / "
            "the office's public key file; no data folder needed (repeat for several keys)"
        ),
    )
    _signed_in_arguments(verify)
    verify.set_defaults(handler=run_verify)
    public = actions.add_parser(
        "public-key",
        help="tulis kunci publik slip kantor / write the office's slip public key",
    )
    _signed_in_arguments(public)
    public.add_argument("--out", required=True, metavar="FILE")
    public.set_defaults(handler=run_public_key)
    verifier = actions.add_parser(
        "verifier",
        help=(
            "tulis halaman HTML pemeriksa surat untuk BP3MI / write the HTML letter verifier "
            "for BP3MI"
        ),
    )
    _signed_in_arguments(verifier)
    verifier.add_argument("--out", required=True, metavar="FILE.html")
    verifier.add_argument(
        "--older-key",
        action="append",
        default=[],
        metavar="FILE",
        help=(
            "kunci publik lama yang suratnya masih berlaku (setelah kunci kantor diganti) / an "
            "older public key whose letters are still valid (after the office key changed)"
        ),
    )
    verifier.set_defaults(handler=run_verifier)
    _register_referral(actions)


def _register_referral(actions: argparse._SubParsersAction) -> None:
    referral = actions.add_parser(
        "referral",
        help="tindak lanjut rujukan BP3MI / BP3MI referral follow-up",
    )
    steps = referral.add_subparsers(dest="referral_action", metavar="STEP", required=True)
    where = "nomor surat, NIK, nomor wawancara atau teks QR / letter no., NIK, reference or QR text"
    find = steps.add_parser("find", help="cari rujukan dan statusnya / find a referral's status")
    find.add_argument("text", metavar="TEXT", help=where)
    overdue = steps.add_parser(
        "overdue", help="rujukan lewat batas waktu / referrals past the deadline"
    )
    receipt = steps.add_parser(
        "receipt", help="tanda terima kembali dari BP3MI / the receipt came back from BP3MI"
    )
    receipt.add_argument("text", metavar="TEXT", help=where)
    receipt.add_argument(
        "--counselling", action="store_true", help="konseling diberikan / counselling given"
    )
    receipt.add_argument(
        "--siskop2mi",
        action="store_true",
        help="registrasi/perusahaan dicek di SISKOP2MI / checked in SISKOP2MI",
    )
    receipt.add_argument("--complaint", metavar="NO", help="nomor pengaduan / complaint number")
    came_back = steps.add_parser(
        "came-back", help="pemohon datang kembali / the applicant came back"
    )
    came_back.add_argument("text", metavar="TEXT", help=where)
    close = steps.add_parser(
        "close", help="paspor dilanjutkan atau ditolak / passport continued or refused"
    )
    close.add_argument("text", metavar="TEXT", help=where)
    decision = close.add_mutually_exclusive_group(required=True)
    decision.add_argument("--continued", action="store_true")
    decision.add_argument("--refused", action="store_true")
    for parser in (find, overdue, receipt, came_back, close):
        _signed_in_arguments(parser)
    for parser in (receipt, came_back, close):
        parser.add_argument(
            "--on",
            metavar="YYYY-MM-DD",
            type=_day,
            help="tanggal kejadian (bawaan: hari ini) / the day it happened (default: today)",
        )
    referral.set_defaults(handler=run_referral)


def _signed_in_arguments(parser: argparse.ArgumentParser) -> None:
    data_dir_argument(parser)
    credential_arguments(parser, recovery=False)


RECOVERY_CODE_REFUSED = KnownError(
    "Kode pemulihan hanya membuka folder untuk mengatur ulang kata sandi. Untuk slip dan "
    "rujukan, masuk dengan akun Anda (--as).",
    "The recovery code opens the folder only to reset passwords. For slips and referrals, sign "
    "in with your account (--as).",
)


def _signed_in(args: argparse.Namespace) -> tuple[Office, str]:
    """The data folder opened by the command's account, and the account's name (the actor in
    the audit log). The recovery code is refused: it is no one's account."""
    office = open_office(args, recovery_refused=RECOVERY_CODE_REFUSED)
    return office, office.signed_in.username if office.signed_in is not None else "cli"


def run_render(args: argparse.Namespace) -> int:
    from interview_app.slip.content import SUMMARY
    from interview_app.slip.render import TITLES, render_slip

    office, actor = _signed_in(args)
    with office:
        slip = render_slip(
            office.database,
            args.interview,
            Path(args.out),
            reprint=args.reprint,
            kind=SUMMARY if args.summary else args.kind,
            actor=actor,
        )
    copy = f" (SALINAN ke-{slip.copy_number})" if slip.copy_number > 1 else ""
    print(f"{TITLES[slip.kind]} {slip.slip_no}{copy} tersimpan / written: {args.out}")
    return EXIT_OK


def _office_public_key(args: argparse.Namespace) -> PublicKey:
    """This office's slip public key with its name and outcome labels (for a verifier's words)."""
    from interview_app.settings_spec import OFFICE_NAME
    from interview_app.slip.render import office_key
    from interview_app.slip.signing import public_key_of

    office, _ = _signed_in(args)
    with office:
        code, key = office_key(office.database)
        settings = office.office_settings
        name = str(settings.get(OFFICE_NAME) or "")
        outcomes = tuple((label.code, label.label.id) for label in settings.outcome_labels())
    return public_key_of(key, code, name, outcomes)


def _out_path(value: str) -> Path:
    out = Path(value)
    if not value.strip() or out.is_dir() or not out.parent.is_dir():
        raise KnownError(
            f"Tidak dapat menulis ke {value!r}: sebutkan nama berkas di folder yang ada.",
            f"Cannot write to {value!r}: give a file name in an existing folder.",
        )
    return out


def run_public_key(args: argparse.Namespace) -> int:
    from interview_app.slip.signing import write_public_key_file

    out = _out_path(args.out)
    key = _office_public_key(args)
    write_public_key_file(out, key, dt.date.today())
    print(
        f"Kunci publik slip kantor {key.office_code} (sidik {key.fingerprint_groups}) tersimpan "
        f"/ written: {out}"
    )
    return EXIT_OK


def run_verifier(args: argparse.Namespace) -> int:
    from interview_app.slip.signing import read_public_key_file
    from interview_app.slip.verifier import write_verifier

    out = _out_path(args.out)
    older = [read_public_key_file(Path(name)) for name in args.older_key]
    key = _office_public_key(args)
    write_verifier(out, key, [k for k in older if k.key_id != key.key_id])
    print(
        f"Pemeriksa HTML kantor {key.office_code} (sidik {key.fingerprint_groups}) tersimpan "
        f"/ written: {out}"
    )
    return EXIT_OK


def _verify_with_public_keys(text: str, files: list[str]) -> int:
    from interview_app.slip.signing import read_public_key_file
    from interview_app.slip.verify import verify_with_public_keys

    keys = [read_public_key_file(Path(name)) for name in files]
    result = verify_with_public_keys(text, keys)
    if not result.genuine or result.facts is None or result.key is None:
        sys.stderr.write(f"{result.reason.id}\n{result.reason.en}\n")
        return EXIT_REFUSED
    facts, key = result.facts, result.key
    print(result.reason.id)
    print(result.reason.en)
    label = key.outcome_label(facts.outcome)
    for label_id, label_en, value in (
        ("Nomor surat", "Letter no.", facts.slip_no),
        ("Tanggal surat", "Letter date", facts.issued_on.isoformat()),
        ("Keputusan", "Outcome", label if label == facts.outcome else f"{label} ({facts.outcome})"),
        ("NIK (4 angka terakhir)", "NIK (last 4 digits)", "…" + facts.nik_last4),
        ("Kantor", "Office", key.office_name or key.office_code),
        ("Sidik kunci", "Key fingerprint", key.fingerprint_groups),
    ):
        print(f"  {label_id} / {label_en}: {value}")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from interview_app.slip.lookup import check_slip_code
    from interview_app.slip.verify import payload_from_pdf

    if bool(args.file) == bool(args.payload):
        sys.stderr.write(
            "kesalahan penggunaan / usage error: sebutkan FILE.pdf atau --payload TEXT (salah "
            "satu) / give FILE.pdf or --payload TEXT (one of them)\n"
        )
        return EXIT_USAGE
    text = args.payload if args.payload else payload_from_pdf(Path(args.file))
    if args.public_key:
        return _verify_with_public_keys(text, args.public_key)
    office, _ = _signed_in(args)
    with office:
        outcome = check_slip_code(office.database, text)
    if not outcome.genuine:
        sys.stderr.write(f"{outcome.result.reason.id}\n{outcome.result.reason.en}\n")
        for warning in outcome.warnings:
            sys.stderr.write(f"{warning.id}\n{warning.en}\n")
        return EXIT_REFUSED
    print(outcome.result.reason.id)
    print(outcome.result.reason.en)
    for fact in outcome.facts:
        print(f"  {fact.label.id} / {fact.label.en}: {fact.value}")
    for warning in outcome.warnings:
        print(f"! {warning.id}")
        print(f"! {warning.en}")
    return EXIT_OK


def _day(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal harus TTTT-BB-HH / the date must be YYYY-MM-DD: {text!r}"
        ) from None
    if value.isoformat() != text:
        raise argparse.ArgumentTypeError(
            f"tanggal harus TTTT-BB-HH / the date must be YYYY-MM-DD: {text!r}"
        )
    return value


def run_referral(args: argparse.Namespace) -> int:
    from interview_app.slip.followup import FollowUp
    from interview_app.storage.referrals import CAME_BACK, CONTINUED, RECEIPT, REFUSED, Receipt

    office, actor = _signed_in(args)
    with office:
        follow = FollowUp.open(office.database, office.data_dir)
        action = args.referral_action
        if action in ("find", "overdue"):
            found = follow.find(args.text) if action == "find" else follow.overdue()
            if not found and action == "find":
                sys.stderr.write(
                    f"Tidak ada rujukan untuk '{args.text}'.\nNo referral for '{args.text}'.\n"
                )
                return EXIT_REFUSED
            if not found:
                print("Tidak ada rujukan lewat batas. / No overdue referrals.")
            for referral in found:
                line = follow.describe(referral)
                print(line.id)
                print(f"  {line.en}")
            return EXIT_OK
        step = {"receipt": RECEIPT, "came-back": CAME_BACK}.get(action)
        if action == "close":
            step = CONTINUED if args.continued else REFUSED
        assert step is not None
        receipt = None
        if step == RECEIPT:
            receipt = Receipt(args.counselling, args.siskop2mi, args.complaint)
        referral = follow.record(args.text, step, on_date=args.on, receipt=receipt, actor=actor)
        line = follow.describe(referral)
        print(f"Tercatat / recorded: {line.id}")
        print(f"  {line.en}")
        return EXIT_OK
