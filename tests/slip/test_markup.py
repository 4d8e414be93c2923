"""The slip's line markup: every kind of line, grouping by blank lines, refusals with line numbers."""

from __future__ import annotations

import pytest

from interview_app.slip import markup


def test_every_kind_of_line() -> None:
    doc = markup.parse(
        "@head KEMENTERIAN\n@address Jl. Kartini 1\n@running Slip No. 7\n@mark SALINAN ke-2\n"
        "@title SLIP\n@subtitle Nomor 7\n# A. Identitas\nNama | Budi | anak\nNIK |\n\n"
        "Baris satu\nbaris dua\n\n- satu\n- dua\n[x] sudah\n[ ] belum\n"
        "@sign Petugas | Siti | NIP 1\n@sign Pemohon | Budi\n@note kecil\n@space\n"
        "\\# bukan judul\n@cut potong\n@title TANDA TERIMA\nNo | 7\n"
    )
    assert [h.text for h in doc.head] == ["KEMENTERIAN", "Jl. Kartini 1"]
    assert doc.head[1].small and not doc.head[0].small
    assert (doc.running, doc.mark, doc.cut) == ("Slip No. 7", "SALINAN ke-2", "potong")
    body = doc.body
    assert body[0] == markup.Title("SLIP") and body[1] == markup.Title("Nomor 7", subtitle=True)
    assert body[2] == markup.Heading("A. Identitas")
    # Only the first " |" splits: a value may hold a bar itself.
    assert body[3] == markup.Rows((("Nama", "Budi | anak"), ("NIK", "")))
    assert body[4] == markup.Paragraph("Baris satu baris dua")
    assert body[5] == markup.Bullets(
        (
            markup.Bullet("satu"),
            markup.Bullet("dua"),
            markup.Bullet("sudah", "x"),
            markup.Bullet("belum", " "),
        )
    )
    assert body[6] == markup.Signatures(
        (markup.SignBox("Petugas", "Siti", "NIP 1"), markup.SignBox("Pemohon", "Budi"))
    )
    assert body[7] == markup.Paragraph("kecil", small=True)
    assert body[8] == markup.Space()
    assert body[9] == markup.Paragraph("# bukan judul")
    assert doc.receipt == (markup.Title("TANDA TERIMA"), markup.Rows((("No", "7"),)))


def test_a_blank_line_starts_a_new_table_and_list() -> None:
    doc = markup.parse("a | 1\n\nb | 2\n- x\n\n- y\n")
    assert doc.body == (
        markup.Rows((("a", "1"),)),
        markup.Rows((("b", "2"),)),
        markup.Bullets((markup.Bullet("x"),)),
        markup.Bullets((markup.Bullet("y"),)),
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [("ok\n@frobnicate x\n", 2), ("@cut a\n@cut b\n", 2), ("\n\n@sign\n", 3)],
)
def test_bad_lines_are_refused_with_their_line(text: str, line: int) -> None:
    with pytest.raises(markup.TemplateProblem) as caught:
        markup.parse(text, "kantor.txt.j2")
    assert caught.value.line == line
    assert f"kantor.txt.j2:{line}" in caught.value.message.id
