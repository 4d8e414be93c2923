"""Running expressions: what an evaluation sees (Env), the run-time semantics of every operator
and function, and the compiled Expression object that `parse` returns."""

from __future__ import annotations

import datetime
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from interview_app.questionnaire.expression_syntax import (
    MAX_NUMBER_CHARS,
    Binary,
    Call,
    ListExpr,
    Literal,
    Node,
    Ref,
    Unary,
    children,
    syntax_tree,
)

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER_RE = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


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


def parse_date(text: str) -> datetime.date | None:
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
    return parse_date(value) if isinstance(value, str) else _scalar(value, "date")


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
        fixed = parse_date(literal) if isinstance(literal, str) else None
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
            stack.extend(children(current))
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
    return Expression(source, context, syntax_tree(source, context))
