"""The safe expression language of interview scripts: tokenizer, parser, type checker, compiler."""

from __future__ import annotations

import datetime
import operator
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from interview_app.questionnaire.valuetypes import Symbol, ValueType
from interview_app.text import Message

CONTEXTS = ("answer", "self", "choice", "outcome")
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
# Limits that keep parser, checker and evaluation far from Python's recursion limit.
MAX_NESTING = 64  # brackets, calls and prefix operators inside each other
MAX_DEPTH = 200  # depth of the syntax tree (a chain `a + b + c ...` is one level per operator)
MAX_NUMBER_CHARS = 40

_V = ValueType
_COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER_RE = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")

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
_KIND_NAMES: dict[ValueType, tuple[str, str]] = {
    _V.BOOL: ("ya/tidak", "true/false"),
    _V.NUMBER: ("angka", "a number"),
    _V.TEXT: ("teks", "text"),
    _V.DATE: ("tanggal", "a date"),
    _V.CHOICE: ("pilihan", "a choice"),
    _V.CHOICES: ("pilihan ganda", "a multiple choice"),
    _V.LIST: ("daftar", "a list"),
    _V.ANY: ("nilai", "a value"),
}


def _message(key: str, column: int | None = None, **args: object) -> Message:
    texts = []
    for language, template in enumerate(_TEXTS[key]):
        picked = {k: v[language] if isinstance(v, tuple) else v for k, v in args.items()}
        texts.append(template.format(**picked))
    if column is not None:
        texts = [f"{texts[0]} (kolom {column})", f"{texts[1]} (column {column})"]
    return Message(texts[0], texts[1])


# -- errors and environment ---------------------------------------------------------------------
class ExpressionError(Exception):
    """A syntax error in an expression, with a two-language message and a 1-based column."""

    def __init__(self, message: Message, column: int) -> None:
        super().__init__(str(message))
        self.message = message
        self.column = column


def _fail(key: str, column: int, **args: object) -> ExpressionError:
    return ExpressionError(_message(key, column, **args), column)


@dataclass(frozen=True)
class Env:
    """What an evaluation sees: answers and constants by name, the interview's date, context values."""

    values: Mapping[str, Any]
    today: datetime.date
    self_value: Any = None
    choice_value: str | None = None
    choice_group: str | None = None
    score: float = 0
    hard_flag: bool = False
    flags: frozenset[str] = frozenset()


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


def _children(node: Node) -> tuple[Node, ...]:
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
_BINDING.update(dict.fromkeys(_COMPARISONS | {"=="}, 40))
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
            raise ExpressionError(_message("empty"), 1)
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
        stack.extend((child, depth + 1) for child in _children(node))
    return deepest


# -- runtime helpers ----------------------------------------------------------------------------
_KINDS: dict[type, str] = {
    bool: "bool",
    int: "number",
    float: "number",
    str: "text",
    datetime.date: "date",
}
_COLLECTIONS = (list, tuple, set, frozenset)


def _norm(value: Any) -> tuple[str, Any] | None:
    """(kind, value) of a scalar; None for no value and for anything that is not a scalar."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind, value
    if isinstance(value, bool):
        return "bool", bool(value)
    if isinstance(value, datetime.datetime):
        return "date", value.date()
    if isinstance(value, datetime.date):
        return "date", value
    if isinstance(value, int | float):
        return "number", value
    if isinstance(value, str):
        return "text", str(value)
    return None


def _scalar(value: Any, kind: str) -> Any:
    norm = _norm(value)
    return norm[1] if norm is not None and norm[0] == kind else None


def _truth(value: Any) -> bool:
    if value is None or value is False:
        return False
    return value is True or bool(value)


def _negate(value: bool | None) -> bool | None:
    return None if value is None else not value


def _equal(a: Any, b: Any) -> bool | None:
    na, nb = _norm(a), _norm(b)
    if na is None or nb is None or na[0] != nb[0]:
        return None
    return bool(na[1] == nb[1])


def _ordering(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool | None]:
    def run(a: Any, b: Any) -> bool | None:
        na, nb = _norm(a), _norm(b)
        if na is None or nb is None or na[0] != nb[0] or na[0] == "bool":
            return None
        return bool(compare(na[1], nb[1]))

    return run


def _arithmetic(compute: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def run(a: Any, b: Any) -> Any:
        x, y = _scalar(a, "number"), _scalar(b, "number")
        if x is None or y is None:
            return None
        try:
            return compute(x, y)
        except ArithmeticError:  # division by zero, float overflow
            return None

    return run


def _contains(container: Any, item: Any) -> bool | None:
    if not isinstance(container, _COLLECTIONS) or _norm(item) is None:
        return None
    if type(item) is str:
        return item in container
    return any(_equal(item, element) for element in container)


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "=": _equal,
    "!=": lambda a, b: _negate(_equal(a, b)),
    "<": _ordering(operator.lt),
    "<=": _ordering(operator.le),
    ">": _ordering(operator.gt),
    ">=": _ordering(operator.ge),
    "+": _arithmetic(operator.add),
    "-": _arithmetic(operator.sub),
    "*": _arithmetic(operator.mul),
    "/": _arithmetic(operator.truediv),
    "in": lambda a, b: _contains(b, a),
    "not in": lambda a, b: _negate(_contains(b, a)),
}


def _parse_date(text: str) -> datetime.date | None:
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def years_between(a: datetime.date, b: datetime.date) -> int:
    """Whole years from a to b, birthday-aware (born 29 Feb: a year older on 1 Mar in other years)."""
    if b < a:
        return -years_between(b, a)
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def _rt_answered(env: Env, value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, _COLLECTIONS):
        return bool(value)
    return value is not None


def _rt_selected(env: Env, picked: Any, value: Any) -> bool | None:
    return value in picked if isinstance(picked, _COLLECTIONS) and isinstance(value, str) else None


def _rt_count(env: Env, picked: Any) -> int | None:
    return len(picked) if isinstance(picked, _COLLECTIONS) else None


def _rt_len(env: Env, text: Any) -> int | None:
    return len(text) if isinstance(text, str) else None


def _rt_date(env: Env, value: Any) -> datetime.date | None:
    return _parse_date(value) if isinstance(value, str) else _scalar(value, "date")


def _rt_age_years(env: Env, value: Any) -> int | None:
    return _rt_years_between(env, value, env.today)


def _rt_years_between(env: Env, a: Any, b: Any) -> int | None:
    x, y = _scalar(a, "date"), _scalar(b, "date")
    return None if x is None or y is None else years_between(x, y)


def _rt_days_between(env: Env, a: Any, b: Any) -> int | None:
    x, y = _scalar(a, "date"), _scalar(b, "date")
    return None if x is None or y is None else (y - x).days


def _rt_days_until(env: Env, value: Any) -> int | None:
    return _rt_days_between(env, env.today, value)


def _rt_number(env: Env, value: Any) -> int | float | None:
    if not isinstance(value, str):
        return _scalar(value, "number")
    text = value.strip()
    if len(text) > MAX_NUMBER_CHARS or not _NUMBER_RE.fullmatch(text):
        return None
    return float(text.replace(",", ".")) if "." in text or "," in text else int(text)


_RUNTIME: dict[str, tuple[int, Callable[..., Any]]] = {
    "answered": (1, _rt_answered),
    "selected": (2, _rt_selected),
    "count": (1, _rt_count),
    "len": (1, _rt_len),
    "date": (1, _rt_date),
    "age_years": (1, _rt_age_years),
    "years_between": (2, _rt_years_between),
    "days_between": (2, _rt_days_between),
    "days_until": (1, _rt_days_until),
    "number": (1, _rt_number),
}
FUNCTIONS = frozenset(_RUNTIME) | {"today", "if", "flagged"}


# -- compiler: syntax tree to closures ----------------------------------------------------------
_Fn = Callable[[Env], Any]
_ENV_FIELDS = {
    ("self", "."): "self_value",
    ("choice", "value"): "choice_value",
    ("choice", "group"): "choice_group",
    ("outcome", "score"): "score",
    ("outcome", "hard_flag"): "hard_flag",
}


def _compile(node: Node) -> _Fn:
    match node:
        case Literal(value=value):
            return lambda env: value
        case Ref(kind="name", name=name):
            return lambda env: env.values.get(name)
        case Ref(kind=kind, name=name):
            return operator.attrgetter(_ENV_FIELDS[kind, name])
        case ListExpr(items=items):
            fns = tuple(_compile(item) for item in items)
            return lambda env: [f(env) for f in fns]
        case Unary(op="not", operand=operand):
            f = _compile(operand)
            return lambda env: _negate(None if (v := f(env)) is None else _truth(v))
        case Unary(operand=operand):
            f = _compile(operand)
            return lambda env: None if (v := _scalar(f(env), "number")) is None else -v
        case Binary(op="and", left=left, right=right):
            lf, rf = _compile(left), _compile(right)
            return lambda env: _truth(lf(env)) and _truth(rf(env))
        case Binary(op="or", left=left, right=right):
            lf, rf = _compile(left), _compile(right)
            return lambda env: _truth(lf(env)) or _truth(rf(env))
        case Binary(op=op, left=left, right=right):
            fn, lf, rf = _BINARY[op], _compile(left), _compile(right)
            return lambda env: fn(lf(env), rf(env))
        case Call():
            return _compile_call(node)
    raise AssertionError(f"unknown node {node!r}")  # pragma: no cover


def _compile_call(node: Call) -> _Fn:
    func, args = node.func, node.args
    fns = tuple(_compile(arg) for arg in args)
    literal = args[0].value if len(args) == 1 and isinstance(args[0], Literal) else None
    if func == "today" and not args:
        return operator.attrgetter("today")
    if func == "flagged" and isinstance(literal, str):
        return lambda env: literal in env.flags
    if func == "date" and literal is not None:
        fixed = _parse_date(literal) if isinstance(literal, str) else None
        return lambda env: fixed
    if func == "if" and len(fns) == 3:
        cond, then, other = fns
        return lambda env: then(env) if _truth(cond(env)) else other(env)
    arity, impl = _RUNTIME.get(func, (-1, None))
    if impl is None or arity != len(fns):
        return lambda env: None  # reported by check()
    if arity == 1:
        (f,) = fns
        return lambda env: impl(env, f(env))
    f, g = fns
    return lambda env: impl(env, f(env), g(env))


# -- the expression object ----------------------------------------------------------------------
class Expression:
    """A parsed, compiled expression.

    Semantics: no value (None, an unanswered question) propagates: a comparison, arithmetic,
    `in`/`not in` or function with None gives None, and so does a value of the wrong kind at
    run time (a date compared with a number, text in arithmetic), division by zero and overflow.
    `and`/`or` judge each operand with truthy() (None counts as false) and always give true or
    false; `not None` is None, so `not (age < 18)` is false too while the age is unknown.
    `=` compares numbers numerically (1 = 1.0) but never a number with true/false.
    `if(c, a, b)` gives `b` when `c` is None. answered() is false for None, blank text and an
    empty selection.
    """

    __slots__ = ("source", "context", "node", "names", "flag_refs", "uses_self", "_fn")

    source: str
    context: str
    node: Node
    names: frozenset[str]
    flag_refs: frozenset[str]
    uses_self: bool

    def __init__(self, source: str, context: str, node: Node) -> None:
        self.source, self.context, self.node = source, context, node
        names: set[str] = set()
        flags: set[str] = set()
        uses_self = False
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, Ref):
                if current.kind == "name":
                    names.add(current.name)
                uses_self = uses_self or current.kind == "self"
            elif isinstance(current, Call) and current.func == "flagged" and current.args:
                first = current.args[0]
                if isinstance(first, Literal) and isinstance(first.value, str):
                    flags.add(first.value)
            stack.extend(_children(current))
        self.names, self.flag_refs, self.uses_self = frozenset(names), frozenset(flags), uses_self
        self._fn = _compile(node)

    def evaluate(self, env: Env) -> Any:
        return self._fn(env)

    def truthy(self, env: Env) -> bool:
        return _truth(self._fn(env))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Expression):
            return NotImplemented
        return (self.source, self.context) == (other.source, other.context)

    def __hash__(self) -> int:
        return hash((self.source, self.context))

    def __repr__(self) -> str:
        return f"Expression({self.source!r}, context={self.context!r})"


def parse(source: str, *, context: str = "answer") -> Expression:
    """Parse `source`; raise ExpressionError for bad syntax or a name used outside its context."""
    if context not in CONTEXTS:
        raise ValueError(f"unknown expression context {context!r}")
    node = _Parser(source, context).parse()
    if _depth(node) > MAX_DEPTH:
        raise _fail("complex", 1)
    return Expression(source, context, node)


# -- type checker -------------------------------------------------------------------------------
_ANY, _BOOL, _NUMBER = Symbol(_V.ANY), Symbol(_V.BOOL), Symbol(_V.NUMBER)
_TEXT, _DATE = Symbol(_V.TEXT), Symbol(_V.DATE)
_OUTCOME_SYMBOLS = {"score": _NUMBER, "hard_flag": _BOOL}
_SIDES = (("", ""), (" di sisi kiri", " on the left"), (" di sisi kanan", " on the right"))


def _kinds(*types: ValueType) -> frozenset[ValueType]:
    return frozenset(types)


# Argument kinds (None: anything) and the result of every function.
_SIGNATURES: dict[str, tuple[tuple[frozenset[ValueType] | None, ...], Symbol]] = {
    "answered": ((None,), _BOOL),
    "selected": ((_kinds(_V.CHOICES), _kinds(_V.TEXT)), _BOOL),
    "count": ((_kinds(_V.CHOICES),), _NUMBER),
    "len": ((_kinds(_V.TEXT),), _NUMBER),
    "today": ((), _DATE),
    "date": ((_kinds(_V.TEXT),), _DATE),
    "age_years": ((_kinds(_V.DATE),), _NUMBER),
    "years_between": ((_kinds(_V.DATE), _kinds(_V.DATE)), _NUMBER),
    "days_between": ((_kinds(_V.DATE), _kinds(_V.DATE)), _NUMBER),
    "days_until": ((_kinds(_V.DATE),), _NUMBER),
    "number": ((_kinds(_V.TEXT, _V.NUMBER),), _NUMBER),
    "if": ((_kinds(_V.BOOL), None, None), _ANY),  # result: the kind of the branches
    "flagged": ((_kinds(_V.TEXT),), _BOOL),
}


def _kind(value_type: ValueType) -> ValueType:
    """The kind used for compatibility: a single choice is text."""
    return _V.TEXT if value_type == _V.CHOICE else value_type


def _describe(node: Node) -> str:
    return f"'{node.name}'" if isinstance(node, Ref) else "?"


class _Checker:
    def __init__(self, symbols: Mapping[str, Symbol], self_symbol: Symbol | None) -> None:
        self.symbols = symbols
        self.self_symbol = self_symbol or _ANY
        self.problems: list[Message] = []

    def add(self, key: str, col: int, **args: object) -> None:
        self.problems.append(_message(key, col, **args))

    def visit(self, node: Node) -> Symbol:
        match node:
            case Literal(value=bool()):
                return _BOOL
            case Literal(value=str()):
                return _TEXT
            case Literal():
                return _NUMBER
            case Ref(kind="name"):
                return self.name(node)
            case Ref(kind="self"):
                return self.self_symbol
            case Ref(kind="choice"):
                return _TEXT
            case Ref(name=name):
                return _OUTCOME_SYMBOLS[name]
            case ListExpr():
                return self.list_expr(node)
            case Unary(op=op, operand=operand):
                result = _BOOL if op == "not" else _NUMBER
                self.want(self.visit(operand), result.type, op, 0, node.col)
                return result
            case Binary(op=op) if op in _COMPARISONS:
                return self.compare(node)
            case Binary(op="in" | "not in"):
                return self.member(node)
            case Binary(op=op, left=left, right=right):
                result = _BOOL if op in ("and", "or") else _NUMBER
                self.want(self.visit(left), result.type, op, 1, node.col)
                self.want(self.visit(right), result.type, op, 2, node.col)
                return result
            case Call():
                return self.call(node)
        raise AssertionError(f"unknown node {node!r}")  # pragma: no cover

    def want(self, got: Symbol, want: ValueType, op: str, side: int, col: int) -> None:
        if _kind(got.type) not in (want, _V.ANY):
            self.add(
                "needs",
                col,
                op=op,
                want=_KIND_NAMES[want],
                side=_SIDES[side],
                got=_KIND_NAMES[got.type],
            )

    def name(self, node: Ref) -> Symbol:
        symbol = self.symbols.get(node.name)
        if symbol is None:
            self.add(
                "is_function" if node.name in FUNCTIONS else "unknown_name",
                node.col,
                name=node.name,
            )
        return symbol or _ANY

    def list_expr(self, node: ListExpr) -> Symbol:
        kinds = {_kind(self.visit(item).type) for item in node.items} - {_V.ANY}
        if len(kinds) > 1:
            self.add("mixed_list", node.col)
        return Symbol(_V.LIST, item_type=kinds.pop() if len(kinds) == 1 else _V.ANY)

    def choice_literal(self, symbol: Symbol, subject: Node, literal: Node) -> None:
        """Report a text literal that is not among the choices of the question it is used with."""
        if (
            symbol.type in (_V.CHOICE, _V.CHOICES)
            and symbol.choices is not None
            and isinstance(literal, Literal)
            and isinstance(literal.value, str)
            and literal.value not in symbol.choices
        ):
            self.add("not_choice", literal.col, value=literal.value, subject=_describe(subject))

    def compare(self, node: Binary) -> Symbol:
        lt, rt = self.visit(node.left), self.visit(node.right)
        a, b = _kind(lt.type), _kind(rt.type)
        collections = {_V.CHOICES, _V.LIST} & {a, b}
        if _V.ANY in (a, b):
            pass
        elif collections:
            self.add("no_equal", node.col, op=node.op, kind=_KIND_NAMES[collections.pop()])
        elif a != b:
            self.add("compare", node.col, a=_KIND_NAMES[lt.type], b=_KIND_NAMES[rt.type])
        elif a == _V.BOOL and node.op not in ("=", "!="):
            self.add("no_order", node.col, op=node.op)
        self.choice_literal(lt, node.left, node.right)
        self.choice_literal(rt, node.right, node.left)
        return _BOOL

    def member(self, node: Binary) -> Symbol:
        item, container = self.visit(node.left), self.visit(node.right)
        ik, ck = _kind(item.type), _kind(container.type)
        if ik in (_V.CHOICES, _V.LIST):
            self.add("in_left", node.col, op=node.op, kind=_KIND_NAMES[ik])
        if ck not in (_V.LIST, _V.CHOICES, _V.ANY):
            self.add("in_right", node.col, op=node.op, kind=_KIND_NAMES[container.type])
        else:
            inner = _V.TEXT if ck == _V.CHOICES else _kind(container.item_type or _V.ANY)
            if _V.ANY not in (ik, inner, ck) and ik not in (_V.CHOICES, _V.LIST) and ik != inner:
                self.add("in_kind", node.col, item=_KIND_NAMES[ik], inner=_KIND_NAMES[inner])
        if isinstance(node.right, ListExpr) and item.type == _V.CHOICE:
            for element in node.right.items:
                self.choice_literal(item, node.left, element)
        if (
            isinstance(node.right, Ref)
            and item.type == _V.CHOICE
            and item.choices is not None
            and container.type == _V.LIST
            and container.choices is not None
        ):
            # A list constant (e.g. a supervisor's country list) checked against the question's
            # choices, so a mistyped code is reported instead of never matching.
            for value in sorted(container.choices - item.choices):
                self.add(
                    "const_not_choice",
                    node.right.col,
                    const=_describe(node.right),
                    value=value,
                    subject=_describe(node.left),
                )
        self.choice_literal(container, node.right, node.left)
        return _BOOL

    def call(self, node: Call) -> Symbol:
        func, args = node.func, node.args
        types = [self.visit(arg) for arg in args]
        if func not in _SIGNATURES:
            self.add("unknown_function", node.col, name=func)
            return _ANY
        params, result = _SIGNATURES[func]
        if len(args) != len(params):
            self.add("arity", node.col, func=func, want=len(params), got=len(args))
            return result
        for index, (arg, got, allowed) in enumerate(zip(args, types, params, strict=True), start=1):
            if allowed is None or _kind(got.type) in allowed | {_V.ANY}:
                continue
            if func in ("selected", "count") and index == 1:
                self.add(
                    "multiple",
                    node.col,
                    func=func,
                    subject=_describe(arg),
                    got=_KIND_NAMES[got.type],
                )
                continue
            ordered = sorted(allowed, key=lambda k: k.value)
            want = tuple(
                joiner.join(_KIND_NAMES[k][i] for k in ordered)
                for i, joiner in enumerate((" atau ", " or "))
            )
            self.add(
                "argument", node.col, index=index, func=func, want=want, got=_KIND_NAMES[got.type]
            )
        first = args[0] if args else None
        if func == "selected":
            self.choice_literal(types[0], args[0], args[1])
        elif func == "date" and isinstance(first, Literal) and isinstance(first.value, str):
            if _parse_date(first.value) is None:
                self.add("bad_date", first.col, text=first.value)
        elif func == "if":
            return self.branches(types[1], types[2], node.col)
        return result

    def branches(self, a: Symbol, b: Symbol, col: int) -> Symbol:
        ka, kb = _kind(a.type), _kind(b.type)
        if _V.ANY in (ka, kb):
            return b if ka == _V.ANY else a
        if ka != kb:
            self.add("branches", col, a=_KIND_NAMES[a.type], b=_KIND_NAMES[b.type])
            return _ANY
        if a.type == b.type == _V.CHOICE:
            both = a.choices is not None and b.choices is not None
            return Symbol(
                _V.CHOICE, (a.choices or frozenset()) | (b.choices or frozenset()) if both else None
            )
        return a if a.type == b.type else Symbol(ka)


def check(
    expr: Expression,
    symbols: Mapping[str, Symbol],
    *,
    self_symbol: Symbol | None = None,
    expect: ValueType | None = ValueType.BOOL,
) -> tuple[ValueType, list[Message]]:
    """Type-check `expr` against the known names; return its result type and every problem found."""
    checker = _Checker(symbols, self_symbol)
    result = checker.visit(expr.node)
    got, want = _kind(result.type), _kind(expect or _V.ANY)
    if _V.ANY not in (got, want) and got != want:
        checker.problems.append(
            _message("result", want=_KIND_NAMES[want], got=_KIND_NAMES[result.type])
        )
    return result.type, checker.problems
