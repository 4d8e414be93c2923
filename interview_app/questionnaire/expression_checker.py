"""The type checker of the expression language: every problem of an expression at once."""

from __future__ import annotations

from collections.abc import Mapping

from interview_app.questionnaire.expression_runtime import FUNCTIONS, Expression, parse_date
from interview_app.questionnaire.expression_syntax import (
    COMPARISONS,
    KIND_NAMES,
    Binary,
    Call,
    ListExpr,
    Literal,
    Node,
    Ref,
    Unary,
    expression_message,
)
from interview_app.questionnaire.valuetypes import Symbol, ValueType
from interview_app.text import Message

_V = ValueType

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
        self.problems.append(expression_message(key, col, **args))

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
            case Binary(op=op) if op in COMPARISONS:
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
                want=KIND_NAMES[want],
                side=_SIDES[side],
                got=KIND_NAMES[got.type],
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
            self.add("no_equal", node.col, op=node.op, kind=KIND_NAMES[collections.pop()])
        elif a != b:
            self.add("compare", node.col, a=KIND_NAMES[lt.type], b=KIND_NAMES[rt.type])
        elif a == _V.BOOL and node.op not in ("=", "!="):
            self.add("no_order", node.col, op=node.op)
        self.choice_literal(lt, node.left, node.right)
        self.choice_literal(rt, node.right, node.left)
        return _BOOL

    def member(self, node: Binary) -> Symbol:
        item, container = self.visit(node.left), self.visit(node.right)
        ik, ck = _kind(item.type), _kind(container.type)
        if ik in (_V.CHOICES, _V.LIST):
            self.add("in_left", node.col, op=node.op, kind=KIND_NAMES[ik])
        if ck not in (_V.LIST, _V.CHOICES, _V.ANY):
            self.add("in_right", node.col, op=node.op, kind=KIND_NAMES[container.type])
        else:
            inner = _V.TEXT if ck == _V.CHOICES else _kind(container.item_type or _V.ANY)
            if _V.ANY not in (ik, inner, ck) and ik not in (_V.CHOICES, _V.LIST) and ik != inner:
                self.add("in_kind", node.col, item=KIND_NAMES[ik], inner=KIND_NAMES[inner])
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
                    got=KIND_NAMES[got.type],
                )
                continue
            ordered = sorted(allowed, key=lambda k: k.value)
            want = tuple(
                joiner.join(KIND_NAMES[k][i] for k in ordered)
                for i, joiner in enumerate((" atau ", " or "))
            )
            self.add(
                "argument", node.col, index=index, func=func, want=want, got=KIND_NAMES[got.type]
            )
        first = args[0] if args else None
        if func == "selected":
            self.choice_literal(types[0], args[0], args[1])
        elif func == "date" and isinstance(first, Literal) and isinstance(first.value, str):
            if parse_date(first.value) is None:
                self.add("bad_date", first.col, text=first.value)
        elif func == "if":
            return self.branches(types[1], types[2], node.col)
        return result

    def branches(self, a: Symbol, b: Symbol, col: int) -> Symbol:
        ka, kb = _kind(a.type), _kind(b.type)
        if _V.ANY in (ka, kb):
            return b if ka == _V.ANY else a
        if ka != kb:
            self.add("branches", col, a=KIND_NAMES[a.type], b=KIND_NAMES[b.type])
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
            expression_message("result", want=KIND_NAMES[want], got=KIND_NAMES[result.type])
        )
    return result.type, checker.problems
