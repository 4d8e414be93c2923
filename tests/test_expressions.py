"""Tests of the expression language: parsing, evaluation, type checking and robustness."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_app.questionnaire.expression_checker import check
from interview_app.questionnaire.expression_runtime import Env, Expression, parse
from interview_app.questionnaire.expression_syntax import (
    CONTEXTS,
    MAX_NESTING,
    Binary,
    Call,
    ExpressionError,
    ListExpr,
    Literal,
    Node,
    Ref,
    Unary,
)
from interview_app.questionnaire.valuetypes import Symbol, ValueType
from interview_app.text import Message

V = ValueType
TODAY = datetime.date(2024, 6, 15)

SYMBOLS: dict[str, Symbol] = {
    "age": Symbol(V.NUMBER),
    "income": Symbol(V.NUMBER),
    "birth_date": Symbol(V.DATE),
    "passport_expiry": Symbol(V.DATE),
    "full_name": Symbol(V.TEXT),
    "intends_work": Symbol(V.BOOL),
    "purpose": Symbol(V.CHOICE, frozenset({"kerja", "wisata", "umroh"})),
    "country": Symbol(V.CHOICE, None),
    "docs": Symbol(V.CHOICES, frozenset({"ktp", "kk", "paspor"})),
    "scam_countries": Symbol(V.LIST, item_type=V.TEXT),
    "adult_age": Symbol(V.NUMBER),
}


def sexp(node: Node) -> str:
    """A compact rendering of a syntax tree, for precedence tests."""
    match node:
        case Literal(value=value):
            return repr(value)
        case Ref(name=name):
            return name
        case ListExpr(items=items):
            return "[" + " ".join(sexp(i) for i in items) + "]"
        case Unary(op=op, operand=operand):
            return f"({op} {sexp(operand)})"
        case Binary(op=op, left=left, right=right):
            return f"({op} {sexp(left)} {sexp(right)})"
        case Call(func=func, args=args):
            return f"{func}(" + " ".join(sexp(a) for a in args) + ")"
    raise AssertionError(node)


def ev(source: str, context: str = "answer", **values: Any) -> Any:
    return parse(source, context=context).evaluate(Env(values, TODAY))


def problems(source: str, context: str = "answer", **kwargs: Any) -> list[str]:
    _, found = check(parse(source, context=context), SYMBOLS, **kwargs)
    return [m.en for m in found]


# -- parsing ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "tree"),
    [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("-a * b", "(* (- a) b)"),
        ("- - a", "(- (- a))"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("not a and b", "(and (not a) b)"),
        ("not a = b", "(not (= a b))"),
        ("not not a", "(not (not a))"),
        ("a + 1 < b * 2", "(< (+ a 1) (* b 2))"),
        ("a == 1", "(= a 1)"),
        ("a != 'x'", "(!= a 'x')"),
        ("a >= 1 and a <= 2", "(and (>= a 1) (<= a 2))"),
        ("x in ['a', \"b\"]", "(in x ['a' 'b'])"),
        ("x not in lst or y", "(or (not in x lst) y)"),
        ("not x in lst", "(not (in x lst))"),
        ("if(a, 1, 2.5) + 1", "(+ if(a 1 2.5) 1)"),
        ("count(q) >= 2", "(>= count(q) 2)"),
        ("[1, 2,]", "[1 2]"),
        ("[]", "[]"),
        ("today()", "today()"),
        ("true and false", "(and True False)"),
        ("'it\\'s'", '"it\'s"'),
        ("a\n  and\tb", "(and a b)"),
        (".5 + 3.25", "(+ 0.5 3.25)"),
        ("_x1 = 007", "(= _x1 7)"),
    ],
)
def test_precedence_and_shapes(source: str, tree: str) -> None:
    assert sexp(parse(source).node) == tree


@pytest.mark.parametrize(
    ("source", "column", "english"),
    [
        ("", 1, "empty expression"),
        ("   ", 1, "empty expression"),
        ("(1 + 2", 7, "missing ')'"),
        ("len(full_name", 14, "missing ')'"),
        ("[1, 2", 6, "missing ']'"),
        ("f(a b)", 5, "expected ',' or ')', found 'b'"),
        ("a b", 3, "unexpected 'b'"),
        ("a = 'x' 'y'", 9, "unexpected 'y'"),
        ("1 +", 4, "expression ends too early"),
        ("'abc", 1, "text not closed with '"),
        ('a = "abc', 5, 'text not closed with "'),
        ("a # b", 3, "unexpected character '#'"),
        ("a ! b", 3, "unexpected character '!'"),
        ("a < b < c", 7, "comparisons cannot be chained"),
        ("a = b in c", 7, "comparisons cannot be chained"),
        ("a not b", 3, "unexpected 'not'"),
        ("and a", 1, "unexpected 'and'"),
        ("1" * 50, 1, "number too long"),
        ("@foo = 1", 1, "unknown '@foo'"),
        ("3.", 2, "unexpected '.'"),
        (
            "(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1),
            MAX_NESTING + 1,
            "nested too deeply",
        ),
        (" + ".join(["a"] * 300), 1, "too long or complex"),
        ("(a)(b)", 4, "unexpected '('"),
        ("a = \u00e9", 5, "unexpected character 'é'"),
        ("a = \x01", 5, "unexpected character 'U+0001'"),
    ],
)
def test_syntax_errors(source: str, column: int, english: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert info.value.column == column
    assert english in info.value.message.en
    assert f"(column {column})" in info.value.message.en or column == 1 and "empty" in english
    assert info.value.message.id and info.value.message.id != info.value.message.en


def test_error_message_is_bilingual() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("purpose = (1 + 2")
    assert info.value.message == Message(
        "kurung tutup ')' tidak ada (kolom 17)", "missing ')' (column 17)"
    )
    assert str(info.value) == str(info.value.message)


def test_keywords_are_lowercase_and_case_sensitive() -> None:
    assert parse("AND = 1").names == {"AND"}
    assert parse("True").evaluate(Env({"True": 5}, TODAY)) == 5


def test_unknown_context_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse("1", context="bogus")


# -- contexts -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "allowed"),
    [
        (". > 1", "self"),
        ("len(.) >= 3", "self"),
        ("@value = 'x'", "choice"),
        ("@group = '72'", "choice"),
        ("score >= 8", "outcome"),
        ("hard_flag", "outcome"),
        ("flagged('told_to_lie')", "outcome"),
    ],
)
def test_context_specific_names(source: str, allowed: str) -> None:
    assert parse(source, context=allowed).source == source
    for context in CONTEXTS:
        if context != allowed:
            with pytest.raises(ExpressionError):
                parse(source, context=context)


@pytest.mark.parametrize("source", ["flagged()", "flagged(x)", "flagged('a', 'b')", "flagged(1)"])
def test_flagged_needs_one_quoted_rule_id(source: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source, context="outcome")
    assert "rule id in quotes" in info.value.message.en


def test_names_flag_refs_and_self() -> None:
    expr = parse(
        "flagged('a') or (score > 2 and age_years(birth_date) < adult_age) or flagged('b')",
        context="outcome",
    )
    assert expr.names == {"birth_date", "adult_age"}
    assert expr.flag_refs == {"a", "b"}
    assert not expr.uses_self
    own = parse("len(.) >= min_len and . != other", context="self")
    assert own.uses_self and own.names == {"min_len", "other"} and own.flag_refs == frozenset()
    choice = parse("@group = province", context="choice")
    assert choice.names == {"province"} and not choice.uses_self


def test_expression_equality_and_repr() -> None:
    assert parse("a = 1") == parse("a = 1")
    assert parse("a = 1") != parse("a = 1", context="self")
    assert len({parse("a = 1"), parse("a = 1")}) == 1
    assert parse("a = 1") != "a = 1"
    assert "a = 1" in repr(parse("a = 1"))


# -- evaluation ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("1 + 2 * 3", {}, 7),
        ("7 / 2", {}, 3.5),
        ("-a + 10", {"a": 4}, 6),
        ("a = 2", {"a": 2.0}, True),
        ("a == 2.5", {"a": 2.5}, True),
        ("a != 3", {"a": 2}, True),
        ("a = 1", {"a": True}, None),  # true/false is never a number
        ("a < 18", {"a": 17}, True),
        ("a >= 18", {"a": 18}, True),
        ("t < 'b'", {"t": "a"}, True),
        ("a = 'x'", {"a": 1}, None),
        ("a < b", {"a": True, "b": False}, None),
        ("a + 1", {"a": "1"}, None),
        ("a / 0", {"a": 1}, None),
        ("a * 2", {"a": 1e308}, float("inf")),
        ("a + 1", {"a": 10**400}, 10**400 + 1),
        ("a / 3", {"a": 10**400}, None),  # overflow
        ("x in ['a', 'b']", {"x": "a"}, True),
        ("x in ['a', 'b']", {"x": "c"}, False),
        ("x not in ['a', 'b']", {"x": "c"}, True),
        ("x in [1, 2]", {"x": 2.0}, True),
        ("x in [1, 2]", {"x": True}, False),
        ("x in lst", {"x": "KH", "lst": ["KH", "MM"]}, True),
        ("x in lst", {"x": "KH", "lst": frozenset({"MM"})}, False),
        ("'ktp' in docs", {"docs": frozenset({"ktp"})}, True),
        ("x in 'abc'", {"x": "a"}, None),
        ("true and 1", {}, True),
        ("a and b", {"a": True, "b": 0}, False),
        ("a or b", {"a": False, "b": "x"}, True),
        ("not a", {"a": False}, True),
        ("not a", {"a": ""}, True),
        ("d = date('2024-06-15')", {"d": datetime.date(2024, 6, 15)}, True),
        ("d = today()", {"d": datetime.datetime(2024, 6, 15, 10, 30)}, True),
        ("d < today()", {"d": datetime.datetime(2024, 6, 14, 23, 59)}, True),
        ("if(a, 'ya', 'tidak')", {"a": True}, "ya"),
        ("if(a, 'ya', 'tidak')", {"a": False}, "tidak"),
        ("if(a, 1, 2)", {}, 2),
        ("if(a, 1, 1 / 0)", {"a": False}, None),
        ("[a, 1]", {"a": 2}, [2, 1]),
    ],
)
def test_evaluate(source: str, values: dict[str, Any], expected: Any) -> None:
    assert ev(source, **values) == expected


@pytest.mark.parametrize(
    "source",
    [
        "a < 18",
        "a = 'x'",
        "a != 'x'",
        "a + 1",
        "-a",
        "a in ['x']",
        "a not in ['x']",
        "'x' in a",
        "not a",
        "not (a < 18)",
        "len(a)",
        "count(a)",
        "selected(a, 'x')",
        "age_years(a)",
        "days_until(a)",
        "years_between(a, today())",
        "days_between(today(), a)",
        "number(a)",
        "date(a)",
        "a = a",
    ],
)
def test_no_value_propagates(source: str) -> None:
    expr = parse(source)
    env = Env({"a": None}, TODAY)
    assert expr.evaluate(env) is None
    assert expr.truthy(env) is False
    assert expr.evaluate(Env({}, TODAY)) is None  # a missing name is unanswered too


def test_and_or_treat_no_value_as_false() -> None:
    assert ev("a and true") is False
    assert ev("a or true") is True
    assert ev("a or false") is False
    assert ev("not (a and true)") is True  # documented: and/or always give true or false
    assert ev("answered(a) or a < 18") is False
    assert ev("not answered(a)") is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("  ", False),
        ("x", True),
        (0, True),
        (False, True),
        (frozenset(), False),
        (frozenset({"a"}), True),
        ([], False),
        (TODAY, True),
    ],
)
def test_answered(value: Any, expected: bool) -> None:
    assert ev("answered(q)", q=value) is expected


def test_multiple_choice_functions() -> None:
    for picked in (frozenset({"ktp", "kk"}), ["ktp", "kk"]):
        assert ev("selected(docs, 'ktp')", docs=picked) is True
        assert ev("selected(docs, 'paspor')", docs=picked) is False
        assert ev("count(docs)", docs=picked) == 2
    assert ev("count(docs)", docs="ktp") is None
    assert ev("selected(docs, 1)", docs=["1"]) is None


def test_text_and_number_functions() -> None:
    assert ev("len(t)", t="Siti") == 4
    assert ev("len(t)", t=1234) is None
    assert ev("number(t)", t=" 12 ") == 12
    assert ev("number(t)", t="-1,5") == -1.5
    assert ev("number(t)", t="2.25") == 2.25
    assert ev("number(t)", t=7.5) == 7.5
    for bad in ("", "abc", "1e5", "nan", "inf", "1_000", "1.2.3", "٣", "9" * 100, True):
        assert ev("number(t)", t=bad) is None


@pytest.mark.parametrize(
    ("birth", "today", "years"),
    [
        ("2000-06-15", "2024-06-15", 24),  # birthday today
        ("2000-06-16", "2024-06-15", 23),  # birthday tomorrow
        ("2000-06-14", "2024-06-15", 24),
        ("2006-12-31", "2024-12-30", 17),
        ("2006-12-31", "2024-12-31", 18),
        ("2000-02-29", "2023-02-28", 22),  # leap-day birthday: older on 1 March
        ("2000-02-29", "2023-03-01", 23),
        ("2000-02-29", "2024-02-29", 24),
        ("2024-06-15", "2024-06-15", 0),
        ("2025-06-16", "2024-06-15", -1),  # a date in the future
    ],
)
def test_age_years_across_birthdays(birth: str, today: str, years: int) -> None:
    env = Env({"b": datetime.date.fromisoformat(birth)}, datetime.date.fromisoformat(today))
    assert parse("age_years(b)").evaluate(env) == years
    assert parse(f"years_between(b, date('{today}'))").evaluate(env) == years


def test_date_functions() -> None:
    assert ev("today()") == TODAY
    assert ev("date('2024-02-29')") == datetime.date(2024, 2, 29)
    assert ev("date('2023-02-29')") is None
    assert ev("date(t)", t="2024-01-31") == datetime.date(2024, 1, 31)
    assert ev("date(t)", t="20240131") is None
    assert ev("days_until(d)", d=datetime.date(2024, 6, 25)) == 10
    assert ev("days_until(d)", d=datetime.date(2024, 6, 5)) == -10
    assert ev("days_between(date('2024-01-01'), date('2024-03-01'))") == 60
    assert ev("years_between(date('2024-01-01'), date('2020-01-02'))") == -3
    assert ev("d < date('2025-01-01')", d=datetime.date(2024, 12, 31)) is True
    assert ev("d = 5", d=TODAY) is None


def test_context_values() -> None:
    env = Env({"lim": 3}, TODAY, self_value="abcd")
    assert parse("len(.) > lim", context="self").truthy(env)
    env = Env({"province": "72"}, TODAY, choice_value="7201", choice_group="72")
    assert parse("@group = province and @value != '7202'", context="choice").truthy(env)
    outcome = parse("flagged('x') or hard_flag or score >= 8", context="outcome")
    assert not outcome.truthy(Env({}, TODAY))
    assert outcome.truthy(Env({}, TODAY, flags=frozenset({"x"})))
    assert outcome.truthy(Env({}, TODAY, hard_flag=True))
    assert outcome.truthy(Env({}, TODAY, score=8.0))
    assert not outcome.truthy(Env({}, TODAY, score=7.5))


# -- type checking ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "source",
    [
        "age >= adult_age and intends_work",
        "purpose = 'kerja' and country in scam_countries",
        "purpose in ['kerja', 'umroh']",
        "'kerja' = purpose",
        "selected(docs, 'ktp') and count(docs) >= 2",
        "'kk' in docs",
        "age_years(birth_date) < 18 or days_until(passport_expiry) < 180",
        "days_between(birth_date, today()) > 0 and years_between(birth_date, date('2024-01-01')) > 1",
        "number(full_name) > 1 and number(age) > 1",
        "len(full_name) >= 3 and len(purpose) > 0",
        "full_name = purpose",
        "if(intends_work, age, 0) > 1",
        "not answered(birth_date)",
        "answered(docs)",
        "income / 2 - -age * 3 > 0",
        "intends_work = true",
        "country = 'XX'",  # country without a known choice list: any code is fine
    ],
)
def test_check_accepts_good_expressions(source: str) -> None:
    assert problems(source) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("zz = 1", ["unknown name 'zz' (column 1)"]),
        ("zz = 1 or yy", ["unknown name 'zz' (column 1)", "unknown name 'yy' (column 11)"]),
        ("today = birth_date", ["'today' is a function; write today(...) (column 1)"]),
        ("birth_date < 3", ["cannot compare a date with a number (column 12)"]),
        ("full_name = 1", ["cannot compare text with a number (column 11)"]),
        ("intends_work = 'ya'", ["cannot compare true/false with text (column 14)"]),
        ("purpose = age", ["cannot compare a choice with a number (column 9)"]),
        ("intends_work < true", ["'<' cannot be used on true/false (column 14)"]),
        (
            "docs = 'ktp'",
            ["'=' cannot be used on a multiple choice; use selected() or 'in' (column 6)"],
        ),
        (
            "scam_countries != ['KH']",
            ["'!=' cannot be used on a list; use selected() or 'in' (column 16)"],
        ),
        ("full_name + 1 > 2", ["'+' needs a number on the left, not text (column 11)"]),
        ("1 * birth_date > 2", ["'*' needs a number on the right, not a date (column 3)"]),
        ("-full_name > 2", ["'-' needs a number, not text (column 1)"]),
        ("not age", ["'not' needs true/false, not a number (column 1)"]),
        ("age and intends_work", ["'and' needs true/false on the left, not a number (column 5)"]),
        ("intends_work or full_name", ["'or' needs true/false on the right, not text (column 14)"]),
        ("age in 5", ["'in' needs a list on the right, not a number (column 5)"]),
        ("age in full_name", ["'in' needs a list on the right, not text (column 5)"]),
        ("age in scam_countries", ["cannot look for a number in a list of text (column 5)"]),
        ("age not in ['a', 'b']", ["cannot look for a number in a list of text (column 5)"]),
        ("1 in docs", ["cannot look for a number in a list of text (column 3)"]),
        ("docs in ['a']", ["the left of 'in' must be one value, not a multiple choice (column 6)"]),
        ("age in [1, 'a']", ["list mixes values of different kinds (column 8)"]),
        (
            "selected(purpose, 'kerja')",
            ["selected() needs a multiple-choice question; 'purpose' is a choice (column 1)"],
        ),
        (
            "count(full_name) > 1",
            ["count() needs a multiple-choice question; 'full_name' is text (column 1)"],
        ),
        ("selected(docs, 1)", ["argument 2 of selected() must be text, not a number (column 1)"]),
        (
            "age_years(age) > 1",
            ["argument 1 of age_years() must be a date, not a number (column 1)"],
        ),
        (
            "number(birth_date) > 1",
            ["argument 1 of number() must be a number or text, not a date (column 1)"],
        ),
        ("if(age, 1, 2) > 0", ["argument 1 of if() must be true/false, not a number (column 1)"]),
        ("len(full_name, 2) > 1", ["len() takes 1 argument(s), got 2 (column 1)"]),
        ("today(1) < birth_date", ["today() takes 0 argument(s), got 1 (column 1)"]),
        ("answered()", ["answered() takes 1 argument(s), got 0 (column 1)"]),
        ("foo(age) > 1", ["unknown function 'foo' (column 1)"]),
        (
            "birth_date < date('2024-13-01')",
            ["invalid date '2024-13-01'; write YYYY-MM-DD (column 19)"],
        ),
        (
            "birth_date < date('1/2/2024')",
            ["invalid date '1/2/2024'; write YYYY-MM-DD (column 19)"],
        ),
        (
            "if(intends_work, 1, 'a') = 1",
            ["both branches of if() must be of one kind, not a number and text (column 1)"],
        ),
        ("age + 1", ["the expression must give true/false, not a number"]),
        ("purpose", ["the expression must give true/false, not a choice"]),
    ],
)
def test_check_problems(source: str, expected: list[str]) -> None:
    assert problems(source) == expected


def test_check_reports_every_problem_and_both_languages() -> None:
    expr = parse("zz = 1 and birth_date < 3 and purpose = 'kerjaa' and age_years(5) > 'x'")
    value_type, found = check(expr, SYMBOLS)
    assert value_type is V.BOOL
    assert [m.en for m in found] == [
        "unknown name 'zz' (column 1)",
        "cannot compare a date with a number (column 23)",
        "'kerjaa' is not a choice of 'purpose' (column 41)",
        "argument 1 of age_years() must be a date, not a number (column 54)",
        "cannot compare a number with text (column 67)",
    ]
    assert found[0] == Message("nama 'zz' tidak dikenal (kolom 1)", "unknown name 'zz' (column 1)")
    assert all(m.id != m.en and "kolom" in m.id for m in found)


@pytest.mark.parametrize(
    ("source", "literal"),
    [
        ("purpose = 'kerjaa'", "kerjaa"),
        ("purpose != 'Kerja'", "Kerja"),
        ("'x' = purpose", "x"),
        ("purpose == 'x'", "x"),
        ("purpose in ['kerja', 'x']", "x"),
        ("purpose not in ['x']", "x"),
        ("selected(docs, 'sim')", "sim"),
        ("'sim' in docs", "sim"),
        ("'sim' not in docs", "sim"),
    ],
)
def test_choice_literals_must_be_choices(source: str, literal: str) -> None:
    subject = "purpose" if "purpose" in source else "docs"
    found = problems(source)
    assert len(found) == 1
    assert found[0].startswith(f"'{literal}' is not a choice of '{subject}'")


def test_choice_literal_of_self_and_choice_filter() -> None:
    own = Symbol(V.CHOICE, frozenset({"a", "b"}))
    _, found = check(parse(". != 'c'", context="self"), SYMBOLS, self_symbol=own)
    assert [m.en for m in found] == ["'c' is not a choice of '.' (column 6)"]
    assert check(parse(". != 'a'", context="self"), SYMBOLS, self_symbol=own)[1] == []
    assert check(parse(". > 1", context="self"), SYMBOLS)[1] == []  # no self symbol: anything goes
    # @value compared with literals is free; it is text.
    assert problems("@value in ['x', 'y'] and @group = '72'", context="choice") == []
    assert problems("@value = 1", context="choice") == [
        "cannot compare text with a number (column 8)"
    ]


def test_outcome_names_are_typed() -> None:
    assert problems("hard_flag or score >= 8 or flagged('x')", context="outcome") == []
    assert problems("score", context="outcome") == [
        "the expression must give true/false, not a number"
    ]
    assert problems("hard_flag > 1", context="outcome") == [
        "cannot compare true/false with a number (column 11)"
    ]


@pytest.mark.parametrize(
    ("source", "expect", "result"),
    [
        ("age + 1", V.NUMBER, V.NUMBER),
        ("age_years(birth_date)", None, V.NUMBER),
        ("full_name", V.TEXT, V.TEXT),
        ("purpose", V.TEXT, V.CHOICE),
        ("if(intends_work, purpose, 'x')", V.TEXT, V.TEXT),
        ("if(intends_work, purpose, purpose)", None, V.CHOICE),
        ("if(intends_work, zz, 1)", None, V.NUMBER),
        ("date('2024-01-01')", V.DATE, V.DATE),
        ("docs", V.CHOICES, V.CHOICES),
        ("['a', 'b']", None, V.LIST),
        ("zz", V.BOOL, V.ANY),
    ],
)
def test_result_types(source: str, expect: ValueType | None, result: ValueType) -> None:
    value_type, found = check(parse(source), SYMBOLS, expect=expect)
    assert value_type is result
    assert all("unknown name" in m.en for m in found)


def test_check_wrong_expectation() -> None:
    _, found = check(parse("age > 1"), SYMBOLS, expect=V.NUMBER)
    assert [m.en for m in found] == ["the expression must give a number, not true/false"]


# -- robustness ---------------------------------------------------------------------------------
TOKENS = [
    "a",
    "b",
    "c",
    "d",
    "1",
    "0",
    "2.5",
    "'x'",
    "'KH'",
    "true",
    "false",
    "(",
    ")",
    "[",
    "]",
    ",",
    "and",
    "or",
    "not",
    "in",
    "=",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "+",
    "-",
    "*",
    "/",
    ".",
    "@value",
    "@group",
    "score",
    "hard_flag",
    "flagged('r')",
    "today()",
    "date('2024-02-29')",
    "answered(",
    "selected(",
    "count(",
    "len(",
    "date(",
    "age_years(",
    "years_between(",
    "days_between(",
    "days_until(",
    "number(",
    "if(",
    "foo(",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.dates(),
    st.datetimes(),
    st.frozensets(st.sampled_from(["x", "KH", "a"])),
    st.lists(st.one_of(st.text(max_size=2), st.integers(), st.none()), max_size=3),
)
ENVS = st.builds(
    Env,
    values=st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), VALUES),
    today=st.dates(),
    self_value=VALUES,
    choice_value=st.one_of(st.none(), st.text(max_size=3)),
    choice_group=st.one_of(st.none(), st.text(max_size=3)),
    score=st.floats(allow_nan=False),
    hard_flag=st.booleans(),
    flags=st.frozensets(st.sampled_from(["r", "s"])),
)
RANDOM_SYMBOLS = st.dictionaries(
    st.sampled_from(["a", "b", "c"]),
    st.builds(
        Symbol,
        st.sampled_from(list(ValueType)),
        st.one_of(st.none(), st.frozensets(st.sampled_from(["x", "KH"]))),
        st.one_of(st.none(), st.sampled_from(list(ValueType))),
    ),
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_none(source: str, context: str) -> Expression | None:
    try:
        return parse(source, context=context)
    except ExpressionError as exc:
        assert exc.column >= 1 and exc.message.id and exc.message.en
        return None


@FAST
@given(st.text(), st.sampled_from(CONTEXTS))
def test_parse_of_any_text_only_raises_expression_error(source: str, context: str) -> None:
    _parse_or_none(source, context)


@FAST
@given(
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14),
    st.sampled_from(CONTEXTS),
    ENVS,
    RANDOM_SYMBOLS,
)
def test_token_soup_parses_checks_and_evaluates_safely(
    tokens: list[str], context: str, env: Env, symbols: dict[str, Symbol]
) -> None:
    expr = _parse_or_none(" ".join(tokens), context)
    if expr is None:
        return
    expr.evaluate(env)
    assert isinstance(expr.truthy(env), bool)
    value_type, found = check(expr, symbols, self_symbol=symbols.get("a"))
    assert isinstance(value_type, ValueType)
    assert all(isinstance(m, Message) for m in found)


def _expressions() -> st.SearchStrategy[str]:
    atoms = st.sampled_from(
        ["a", "b", "c", "1", "2.5", "'x'", "true", "today()", "date('2024-01-31')"]
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(
            inner,
            st.sampled_from(
                ["and", "or", "=", "!=", "<", ">=", "+", "-", "*", "/", "in", "not in"]
            ),
            inner,
        )
        calls = st.tuples(
            st.sampled_from(
                ["answered", "len", "count", "age_years", "days_until", "number", "date"]
            ),
            inner,
        )
        return st.one_of(
            binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda s: f"not {s}"),
            inner.map(lambda s: f"-{s}"),
            calls.map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"selected({t[0]}, {t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"years_between({t[0]}, {t[1]})"),
            st.tuples(inner, inner, inner).map(lambda t: f"if({t[0]}, {t[1]}, {t[2]})"),
            st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        )

    return st.recursive(atoms, extend, max_leaves=12)


@FAST
@given(_expressions(), ENVS, RANDOM_SYMBOLS)
def test_generated_expressions_always_parse_and_never_raise(
    source: str, env: Env, symbols: dict[str, Symbol]
) -> None:
    expr = parse(source)
    expr.evaluate(env)
    expr.truthy(env)
    check(expr, symbols, expect=None)
