"""House rules that keep the layers apart and script text away from Python's evaluator."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "interview_app"
QT_ALLOWED = ("ui", "printing")


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = []
    for path in python_files():
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in QT_ALLOWED:
            continue
        if any(name.split(".")[0] == "PySide6" for name in imported_modules(path)):
            offenders.append(str(relative))
    assert offenders == []


def test_core_never_imports_the_ui() -> None:
    offenders = []
    for path in python_files():
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("ui", "commands") or relative.name in ("cli.py", "__main__.py"):
            continue
        if any(name.startswith("interview_app.ui") for name in imported_modules(path)):
            offenders.append(str(relative))
    assert offenders == []


def test_no_eval_or_exec_anywhere_in_the_package() -> None:
    offenders = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("eval", "exec")
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_no_grab_bag_modules() -> None:
    assert not [p for p in python_files() if p.name in ("utils.py", "helpers.py", "misc.py")]


def test_every_command_has_its_owner_module_listed() -> None:
    """The CLI imports only the module that owns the command it runs; the table must be whole."""
    import argparse

    from interview_app.cli import COMMAND_MODULES, COMMAND_OWNERS, build_parser

    subparsers = next(
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    )
    assert set(subparsers.choices) == set(COMMAND_OWNERS)
    assert set(COMMAND_OWNERS.values()) == set(COMMAND_MODULES)
    for name, module in COMMAND_OWNERS.items():
        only = next(
            a for a in build_parser((module,))._actions if isinstance(a, argparse._SubParsersAction)
        )
        assert name in only.choices
