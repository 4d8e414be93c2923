"""The syntax of the expression language: its messages, tokenizer, syntax tree and parser."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, NamedTuple

from interview_app.questionnaire.valuetypes import ValueType
from interview_app.text import Message

CONTEXTS = ("answer", "self", "choice", "outcome")
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
# Limits that keep parser, checker and evaluation far from Python's recursion limit.
MAX_NESTING = 64  # brackets, calls and prefix operators inside each other
MAX_DEPTH = 200  # depth of the syntax tree (a chain `a + b + c ...` is one level per operator)
MAX_NUMBER_CHARS = 40

_V = ValueType
COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
# Every message, Indonesian and English. Arguments given as (id, en) pairs are picked per language.
# fmt: off
_TEXTS: dict[str, tuple[str, str]] = {
    "long_number": ("angka terlalu panjang", "number too long"),
    "open_text": ("teks tidak ditutup dengan {quote}", "text not closed with {quote}"),
    "bad_char": ("karakter tidak dikenal '{char}'", "unexpected character '{char}'"),
    "empty": ("ekspresi kosong", "empty expression"),
    "early_end": ("ekspresi berakhir terlalu cepat", "expression ends too early"),
    "unexpected": ("{token} tidak diharapkan di sini", "unexpected {token}"),
    "missing": ("kurung tutup '{close}' tidak ada", "missing '{close}'"),
    "comma": ("diharapkan ',' atau '{close}', bukan {token}", "expected ',' or '{close}', found {token}"),
    "nested": ("ekspresi terlalu dalam bersarang", "expression nested too deeply"),
    "complex": ("ekspresi terlalu panjang atau rumit", "expression too long or complex"),
    "chained": ("perbandingan tidak bisa dirangkai; pakai 'and'", "comparisons cannot be chained; use 'and'"),
    "self_ctx": ("'.' hanya boleh di constraint dan warning", "'.' is only allowed in constraint and warning"),
    "at_name": ("'{name}' tidak dikenal; yang ada @value dan @group", "unknown '{name}'; there are @value and @group"),
    "only_in": ("'{name}' hanya boleh di {where}", "'{name}' is only allowed in {where}"),
    "flagged_arg": ("flagged() perlu satu id aturan dalam tanda kutip", "flagged() needs one rule id in quotes"),
    "unknown_name": ("nama '{name}' tidak dikenal", "unknown name '{name}'"),
    "is_function": ("'{name}' adalah fungsi; tulis {name}(...)", "'{name}' is a function; write {name}(...)"),
    "unknown_function": ("fungsi '{name}' tidak dikenal", "unknown function '{name}'"),
    "needs": ("'{op}' perlu {want}{side}, bukan {got}", "'{op}' needs {want}{side}, not {got}"),
    "compare": ("tidak bisa membandingkan {a} dengan {b}", "cannot compare {a} with {b}"),
    "no_equal": ("'{op}' tidak bisa dipakai pada {kind}; pakai selected() atau 'in'", "'{op}' cannot be used on {kind}; use selected() or 'in'"),
    "no_order": ("'{op}' tidak bisa dipakai pada ya/tidak", "'{op}' cannot be used on true/false"),
    "mixed_list": ("daftar berisi nilai yang berbeda jenis", "list mixes values of different kinds"),
    "not_choice": ("'{value}' bukan pilihan {subject}", "'{value}' is not a choice of {subject}"),
    "const_not_choice": (
        "daftar {const} memuat '{value}' yang bukan pilihan {subject}",
        "list {const} holds '{value}', which is not a choice of {subject}",
    ),
    "in_left": ("di kiri '{op}' harus satu nilai, bukan {kind}", "the left of '{op}' must be one value, not {kind}"),
    "in_right": ("'{op}' perlu daftar di kanan, bukan {kind}", "'{op}' needs a list on the right, not {kind}"),
    "in_kind": ("tidak bisa mencari {item} di daftar {inner}", "cannot look for {item} in a list of {inner}"),
    "arity": ("{func}() perlu {want} argumen, ada {got}", "{func}() takes {want} argument(s), got {got}"),
    "argument": ("argumen ke-{index} {func}() harus {want}, bukan {got}", "argument {index} of {func}() must be {want}, not {got}"),
    "multiple": ("{func}() perlu pertanyaan pilihan ganda; {subject} adalah {got}", "{func}() needs a multiple-choice question; {subject} is {got}"),
    "bad_date": ("tanggal tidak sah '{text}'; tulis YYYY-MM-DD", "invalid date '{text}'; write YYYY-MM-DD"),
    "branches": ("kedua cabang if() harus sejenis, bukan {a} dan {b}", "both branches of if() must be of one kind, not {a} and {b}"),
    "result": ("ekspresi harus menghasilkan {want}, bukan {got}", "the expression must give {want}, not {got}"),
}
# fmt: on
KIND_NAMES: dict[ValueType, tuple[str, str]] = {
    _V.BOOL: ("ya/tidak", "true/false"),
    _V.NUMBER: ("angka", "a number"),
    _V.TEXT: ("teks", "text"),
    _V.DATE: ("tanggal", "a date"),
    _V.CHOICE: ("pilihan", "a choice"),
    _V.CHOICES: ("pilihan ganda", "a multiple choice"),
    _V.LIST: ("daftar", "a list"),
    _V.ANY: ("nilai", "a value"),
}


def expression_message(key: str, column: int | None = None, **args: object) -> Message:
    texts = []
    for language, template in enumerate(_TEXTS[key]):
        picked = {k: v[language] if isinstance(v, tuple) else v for k, v in args.items()}
        texts.append(template.format(**picked))
    if column is not None:
        texts = [f"{texts[0]} (kolom {column})", f"{texts[1]} (column {column})"]
    return Message(texts[0], texts[1])


# -- messages and errors ---------------------------------------------------------------------------
class ExpressionError(Exception):
    """A syntax error in an expression, with a two-language message and a 1-based column."""

    def __init__(self, message: Message, column: int) -> None:
        super().__init__(str(message))
        self.message = message
        self.column = column


def _fail(key: str, column: int, **args: object) -> ExpressionError:
    return ExpressionError(expression_message(key, column, **args), column)


# -- tokenizer ----------------------------------------------------------------------------------
class _Token(NamedTuple):
    kind: str  # num, str, name, kw, op, dot, at, end
    text: str
    value: Any
    col: int


_DIGITS = frozenset(string.digits)
_NAME_START = frozenset(string.ascii_letters + "_")
_NAME_CHARS = _NAME_START | _DIGITS
_OPS_2 = frozenset({"==", "!=", "<=", ">="})
_OPS_1 = frozenset("=<>+-*/()[],")


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(source)
    while i < n:
        c, col = source[i], i + 1
        if c.isspace():
            i += 1
        elif c in _DIGITS or (c == "." and i + 1 < n and source[i + 1] in _DIGITS):
            j = i
            while j < n and source[j] in _DIGITS:
                j += 1
            fraction = j + 1 < n and source[j] == "." and source[j + 1] in _DIGITS
            if fraction:
                j += 1
                while j < n and source[j] in _DIGITS:
                    j += 1
            text = source[i:j]
            if len(text) > MAX_NUMBER_CHARS:
                raise _fail("long_number", col)
            tokens.append(_Token("num", text, float(text) if fraction else int(text), col))
            i = j
        elif c in "'\"":
            j, chars = i + 1, []
            while j < n and source[j] != c:
                if source[j] == "\\" and j + 1 < n:  # \' \" \\ : the next character as is
                    j += 1
                chars.append(source[j])
                j += 1
            if j >= n:
                raise _fail("open_text", col, quote=c)
            tokens.append(_Token("str", source[i : j + 1], "".join(chars), col))
            i = j + 1
        elif c in _NAME_START or c == "@":
            j = i + 1
            while j < n and source[j] in _NAME_CHARS:
                j += 1
            word = source[i:j]
            kind = "at" if c == "@" else "kw" if word in KEYWORDS else "name"
            tokens.append(_Token(kind, word, word[1:] if c == "@" else word, col))
            i = j
        elif c == ".":
            tokens.append(_Token("dot", ".", None, col))
            i += 1
        elif source[i : i + 2] in _OPS_2:
            tokens.append(_Token("op", source[i : i + 2], None, col))
            i += 2
        elif c in _OPS_1:
            tokens.append(_Token("op", c, None, col))
            i += 1
        else:
            raise _fail("bad_char", col, char=c if c.isprintable() else f"U+{ord(c):04X}")
    tokens.append(_Token("end", "", None, n + 1))
    return tokens


# -- syntax tree --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Literal:
    value: bool | int | float | str
    col: int


@dataclass(frozen=True)
class Ref:
    """A value looked up at evaluation time."""

    kind: str  # "name" (answer or constant), "self" ('.'), "choice" (@value, @group), "outcome"
    name: str  # the id; "." for self; "value"/"group"; "score"/"hard_flag"
    col: int


@dataclass(frozen=True)
class ListExpr:
    items: tuple[Node, ...]
    col: int


@dataclass(frozen=True)
class Unary:
    op: str  # "not" or "-"
    operand: Node
    col: int


@dataclass(frozen=True)
class Binary:
    op: str  # and, or, in, not in, = (also for ==), !=, <, <=, >, >=, +, -, *, /
    left: Node
    right: Node
    col: int


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]
    col: int


Node = Literal | Ref | ListExpr | Unary | Binary | Call


def children(node: Node) -> tuple[Node, ...]:
    match node:
        case ListExpr(items=items) | Call(args=items):
            return items
        case Unary(operand=operand):
            return (operand,)
        case Binary(left=left, right=right):
            return (left, right)
    return ()


# -- parser (Pratt) -----------------------------------------------------------------------------
_BINDING = {"or": 10, "and": 20, "in": 40, "+": 50, "-": 50, "*": 60, "/": 60}
_BINDING.update(dict.fromkeys(COMPARISONS | {"=="}, 40))
_NOT_BINDING = 30  # `not a = b` is `not (a = b)`; `not a and b` is `(not a) and b`
_MINUS_BINDING = 70


def _shown(token: _Token) -> str:
    return token.text if token.kind == "str" else f"'{token.text}'"


class _Parser:
    def __init__(self, source: str, context: str) -> None:
        self.tokens = _tokenize(source)
        self.pos = 0
        self.nesting = 0
        self.context = context

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.peek()
        self.pos += 1
        return token

    def at_op(self, text: str) -> bool:
        return self.peek().kind == "op" and self.peek().text == text

    def unexpected(self, token: _Token) -> ExpressionError:
        if token.kind == "end":
            return _fail("early_end", token.col)
        return _fail("unexpected", token.col, token=_shown(token))

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ExpressionError(expression_message("empty"), 1)
        node = self.expr(0)
        if self.peek().kind != "end":
            raise self.unexpected(self.peek())
        return node

    def binding(self, token: _Token) -> int:
        if token.kind == "kw" and token.text == "not":  # infix only as `not in`
            return 40 if self.peek(1).kind == "kw" and self.peek(1).text == "in" else 0
        return _BINDING.get(token.text, 0) if token.kind in ("op", "kw") else 0

    def expr(self, rbp: int) -> Node:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise _fail("nested", self.peek().col)
        left = self.prefix(self.advance())
        while self.binding(self.peek()) > rbp:
            left = self.infix(self.advance(), left)
        self.nesting -= 1
        return left

    def prefix(self, token: _Token) -> Node:
        kind, text, col = token.kind, token.text, token.col
        if kind in ("num", "str"):
            return Literal(token.value, col)
        if kind == "kw" and text in ("true", "false"):
            return Literal(text == "true", col)
        if kind == "kw" and text == "not":
            return Unary("not", self.expr(_NOT_BINDING), col)
        if kind == "op" and text == "-":
            return Unary("-", self.expr(_MINUS_BINDING), col)
        if kind == "op" and text == "(":
            node = self.expr(0)
            if not self.at_op(")"):
                raise _fail("missing", self.peek().col, close=")")
            self.advance()
            return node
        if kind == "op" and text == "[":
            return ListExpr(self.sequence("]"), col)
        if kind == "dot":
            if self.context != "self":
                raise _fail("self_ctx", col)
            return Ref("self", ".", col)
        if kind == "at":
            if token.value not in ("value", "group"):
                raise _fail("at_name", col, name=text)
            if self.context != "choice":
                raise _fail("only_in", col, name=text, where="choice_filter")
            return Ref("choice", token.value, col)
        if kind == "name":
            return self.name(text, col)
        raise self.unexpected(token)

    def name(self, text: str, col: int) -> Node:
        if self.at_op("("):
            self.advance()
            args = self.sequence(")")
            if text == "flagged":
                if self.context != "outcome":
                    raise _fail("only_in", col, name="flagged()", where="outcome_rules")
                if (
                    len(args) != 1
                    or not isinstance(args[0], Literal)
                    or not isinstance(args[0].value, str)
                ):
                    raise _fail("flagged_arg", col)
            return Call(text, args, col)
        if text in ("score", "hard_flag"):
            if self.context != "outcome":
                raise _fail("only_in", col, name=text, where="outcome_rules")
            return Ref("outcome", text, col)
        return Ref("name", text, col)

    def sequence(self, close: str) -> tuple[Node, ...]:
        """Comma-separated expressions up to `close` (the opening bracket is consumed already)."""
        items: list[Node] = []
        while not self.at_op(close) and self.peek().kind != "end":
            items.append(self.expr(0))
            if not self.at_op(","):
                break
            self.advance()
        if not self.at_op(close):
            token = self.peek()
            if token.kind == "end":
                raise _fail("missing", token.col, close=close)
            raise _fail("comma", token.col, close=close, token=_shown(token))
        self.advance()
        return tuple(items)

    def infix(self, token: _Token, left: Node) -> Node:
        op, col = token.text, token.col
        if op in ("and", "or", "+", "-", "*", "/"):
            return Binary(op, left, self.expr(_BINDING[op]), col)
        if op == "not":
            self.advance()  # the `in` of `not in`
            op = "not in"
        node = Binary("=" if op == "==" else op, left, self.expr(40), col)
        if self.binding(self.peek()) == 40:
            raise _fail("chained", self.peek().col)
        return node


def _depth(root: Node) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children(node))
    return deepest


def syntax_tree(source: str, context: str) -> Node:
    """The tree of `source`; ExpressionError for bad syntax, a name used outside its context,
    or a tree too deep to check and evaluate safely."""
    if context not in CONTEXTS:
        raise ValueError(f"unknown expression context {context!r}")
    node = _Parser(source, context).parse()
    if _depth(node) > MAX_DEPTH:
        raise _fail("complex", 1)
    return node
