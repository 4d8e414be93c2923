"""The slip's line markup (what a template produces) parsed into typed blocks for the layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview_app.errors import KnownError

# One line, one meaning (leading and trailing spaces are ignored):
#   @head TEXT            letterhead line in bold        @address TEXT   letterhead line, small
#   @running TEXT         header repeated on every page  @mark TEXT      copy mark ("SALINAN ke-2")
#   @title TEXT           the document's title           @subtitle TEXT  line under the title
#   # TEXT                section heading                @note TEXT      small print (grey)
#   @small TEXT           small print in black (a long list that must stay on the page)
#   KEY | VALUE           a row of a two-column table (consecutive rows make one table;
#                         a blank line ends a table, a list or a row of signature boxes)
#   - TEXT                bullet                         [ ] TEXT, [x] TEXT   checkbox line
#   N. TEXT               numbered item (1. to 99.)
#   @sign LABEL | NAME | DETAIL [| STAMP]   a signature box (consecutive boxes stand side by
#                         side); a backslash-n in LABEL breaks the line; STAMP marks the stamp's place
#   @cut TEXT             dashed tear-off line; everything after it is the receipt
#   @space                a little vertical space
#   other text            a paragraph (consecutive lines join; a blank line ends it)
#   \TEXT                 a paragraph line taken literally (e.g. "\# 1 not a heading")


class TemplateProblem(KnownError):
    """The slip template (an office's own copy, usually) cannot be used."""

    def __init__(self, where: str, line: int, message_id: str, message_en: str) -> None:
        place = f"{where}:{line}" if line else where
        super().__init__(
            f"Templat slip {place}: {message_id}", f"Slip template {place}: {message_en}"
        )
        self.where = where
        self.line = line


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False  # small grey print (@note)
    compact: bool = False  # small black print (@small): long lists that must stay on the page


@dataclass(frozen=True)
class Rows:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullet:
    text: str
    check: str | None = None  # None: a bullet; "x": ticked box; " ": empty box
    number: str | None = None  # "1." for a numbered item


@dataclass(frozen=True)
class Bullets:
    items: tuple[Bullet, ...]


@dataclass(frozen=True)
class SignBox:
    label: str
    name: str = ""
    detail: str = ""
    stamp: str = ""  # text in the stamp's circle; empty: no stamp place

    @property
    def label_lines(self) -> tuple[str, ...]:
        return tuple(self.label.split("\\n"))


@dataclass(frozen=True)
class Signatures:
    boxes: tuple[SignBox, ...]


@dataclass(frozen=True)
class Space:
    pass


Block = Heading | Title | Paragraph | Rows | Bullets | Signatures | Space


@dataclass(frozen=True)
class HeadLine:
    text: str
    small: bool = False


@dataclass(frozen=True)
class SlipDocument:
    head: tuple[HeadLine, ...] = ()
    running: str = ""
    mark: str = ""
    body: tuple[Block, ...] = ()
    cut: str | None = None  # the tear-off line's text; None: no receipt
    receipt: tuple[Block, ...] = ()

    def text_lines(self) -> list[str]:
        """Every text in reading order (tests and previews compare against this)."""
        lines = [h.text for h in self.head] + [self.running, self.mark]
        for block in (*self.body, *self.receipt):
            lines.extend(_block_texts(block))
        return [line for line in lines if line]


def _block_texts(block: Block) -> list[str]:
    if isinstance(block, Heading | Title | Paragraph):
        return [block.text]
    if isinstance(block, Rows):
        return [text for row in block.rows for text in row]
    if isinstance(block, Bullets):
        return [item.text for item in block.items]
    if isinstance(block, Signatures):
        return [text for box in block.boxes for text in (*box.label_lines, box.name, box.detail)]
    return []


_NUMBERED = re.compile(r"^([1-9][0-9]?)\.\s+(\S.*)$")
_DIRECTIVES = frozenset(
    {
        "head",
        "address",
        "running",
        "mark",
        "title",
        "subtitle",
        "note",
        "small",
        "sign",
        "cut",
        "space",
    }
)


@dataclass
class _Builder:
    where: str
    head: list[HeadLine] = field(default_factory=list)
    running: str = ""
    mark: str = ""
    body: list[Block] = field(default_factory=list)
    receipt: list[Block] = field(default_factory=list)
    cut: str | None = None
    paragraph: list[str] = field(default_factory=list)
    joinable: bool = False  # false after a blank line: the next row or bullet starts anew

    @property
    def blocks(self) -> list[Block]:
        return self.body if self.cut is None else self.receipt

    def flush(self) -> None:
        if self.paragraph:
            self.blocks.append(Paragraph(" ".join(self.paragraph)))
            self.paragraph = []
            self.joinable = False

    def blank(self) -> None:
        self.flush()
        self.joinable = False

    def add(self, block: Block) -> None:
        """Append, merging rows, bullets and signature boxes with a block of the same kind."""
        self.flush()
        blocks = self.blocks
        last = blocks[-1] if blocks and self.joinable else None
        self.joinable = True
        if isinstance(block, Rows) and isinstance(last, Rows):
            blocks[-1] = Rows(last.rows + block.rows)
        elif isinstance(block, Bullets) and isinstance(last, Bullets):
            blocks[-1] = Bullets(last.items + block.items)
        elif isinstance(block, Signatures) and isinstance(last, Signatures):
            blocks[-1] = Signatures(last.boxes + block.boxes)
        else:
            blocks.append(block)

    def directive(self, number: int, name: str, text: str) -> None:
        if name not in _DIRECTIVES:
            raise TemplateProblem(
                self.where,
                number,
                f"perintah '@{name}' tidak dikenal",
                f"unknown directive '@{name}'",
            )
        if name in ("head", "address"):
            self.flush()
            self.head.append(HeadLine(text, small=name == "address"))
        elif name == "running":
            self.running = text
        elif name == "mark":
            self.mark = text
        elif name in ("title", "subtitle"):
            self.add(Title(text, subtitle=name == "subtitle"))
        elif name == "note":
            self.add(Paragraph(text, small=True))
        elif name == "small":
            self.add(Paragraph(text, compact=True))
        elif name == "space":
            self.add(Space())
        elif name == "sign":
            parts = [part.strip() for part in text.split("|")]
            if not parts[0] or len(parts) > 4:
                raise TemplateProblem(
                    self.where,
                    number,
                    "tulis '@sign LABEL | NAMA | KETERANGAN [| CAP]'",
                    "write '@sign LABEL | NAME | DETAIL [| STAMP]'",
                )
            self.add(Signatures((SignBox(*parts),)))
        elif name == "cut":
            if self.cut is not None:
                raise TemplateProblem(
                    self.where, number, "hanya satu '@cut' per slip", "only one '@cut' per slip"
                )
            self.blank()
            self.cut = text


def parse(text: str, where: str = "<templat>") -> SlipDocument:
    """Parse the markup; TemplateProblem (with the line number) for a line it cannot read."""
    builder = _Builder(where)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            builder.blank()
        elif line.startswith("\\"):
            builder.paragraph.append(line[1:])
        elif line.startswith("@"):
            name, _, rest = line[1:].partition(" ")
            builder.directive(number, name.strip().lower(), rest.strip())
        elif line.startswith("# ") or line == "#":
            builder.add(Heading(line[1:].strip()))
        elif line.startswith("- ") or line == "-":
            builder.add(Bullets((Bullet(line[1:].strip()),)))
        elif _NUMBERED.match(line):
            found = _NUMBERED.match(line)
            assert found is not None
            builder.add(Bullets((Bullet(found.group(2).strip(), number=found.group(1) + "."),)))
        elif line[:3].lower() in ("[ ]", "[x]"):
            builder.add(Bullets((Bullet(line[3:].strip(), check=line[1].lower()),)))
        elif " | " in line or line.endswith(" |"):
            key, _, value = line.partition(" |")
            builder.add(Rows(((key.strip(), value.strip()),)))
        else:
            builder.paragraph.append(line)
    builder.flush()
    return SlipDocument(
        head=tuple(builder.head),
        running=builder.running,
        mark=builder.mark,
        body=tuple(builder.body),
        cut=builder.cut,
        receipt=tuple(builder.receipt),
    )
