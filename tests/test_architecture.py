"""House rules that keep the layers apart and script text away from Python's evaluator."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "interview_app"
QT_ALLOWED = ("ui", "printing")

# The floors of the design's map (DESIGN.md, "The parts"), top to bottom: a module may import
# its own floor and the floors below it, never one above. Each entry names top-level packages
# or modules of interview_app ("__init__" is the package itself, for __version__).
FLOORS: tuple[tuple[str, ...], ...] = (
    ("cli", "__main__"),  # puts the commands together
    ("commands",),
    ("ui",),
    ("bench",),
    # Not drawn on the map: the demo office and the self-test run the use cases below them
    # and are run by the commands, the window and the bench above them.
    ("demo", "selftest"),
    ("workflow",),
    ("supervision",),
    ("sync", "reports", "slip"),
    ("storage",),
    ("interview",),
    ("questionnaire",),
    # Ground floor: words every layer needs (bilingual messages, country and region tables,
    # the office settings declaration, month names), error types, where resources are.
    (
        "text",
        "reference",
        "settings_spec",
        "errors",
        "calendar_names",
        "resources_path",
        "__init__",
    ),
)

# Upward imports that are tolerated: none (issue 14 moved the last ones' SQL into storage/).
UPWARD_ALLOWED: frozenset[tuple[str, str]] = frozenset()

# Cycles between modules of one package that are left for now: open_database installs the
# content recorder, which reads the audit chain, which takes a Database (storage/database.py
# imports storage/content.py inside open_database). Must shrink to nothing.
MODULE_CYCLES_ALLOWED: frozenset[frozenset[str]] = frozenset(
    {
        frozenset(
            {
                "interview_app.storage.audit",
                "interview_app.storage.content",
                "interview_app.storage.database",
            }
        ),
    }
)

# SQL outside storage/ (calls of execute/executemany/executescript, sqlite3.connect, and string
# literals that read as SQL), per file: none is allowed since issue 14 moved the last of it.
SQL_OUTSIDE_STORAGE_ALLOWED: dict[str, int] = {}


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in python_files()}


def _import_targets(module: str, path: Path) -> Iterator[str]:
    """Every interview_app module `module` imports: at the top, inside functions, under
    TYPE_CHECKING, relative or absolute, and by name as a string (importlib.import_module)."""
    modules = all_modules()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                yield submodule if submodule in modules else source
        elif isinstance(node, ast.Constant) and node.value in modules:
            yield str(node.value)


@functools.cache
def import_graph() -> dict[str, frozenset[str]]:
    """Module -> the package's modules it imports (itself left out)."""
    modules = all_modules()
    return {
        module: frozenset(
            target
            for target in _import_targets(module, path)
            if target in modules and target != module
        )
        for module, path in modules.items()
    }


def top_name(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def floor_of(module: str) -> int:
    top = top_name(module)
    return next(index for index, names in enumerate(FLOORS) if top in names)


def strongly_connected(graph: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The cycles of `graph` as its strongly connected parts of more than one node (Tarjan,
    iterative: the package has a few hundred modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.add(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(frozenset(part))
    return found


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


def test_every_package_and_module_has_a_floor() -> None:
    """A new package or top-level module is placed on the map before it is used."""
    placed = {name for names in FLOORS for name in names}
    assert sorted({top_name(module) for module in all_modules()} - placed) == []


def test_the_floors_are_in_the_order_of_the_map() -> None:
    order = [name for names in FLOORS for name in names]
    for upper, lower in (
        ("commands", "ui"),
        ("ui", "bench"),
        ("bench", "workflow"),
        ("workflow", "supervision"),
        ("supervision", "sync"),
        ("reports", "storage"),
        ("storage", "interview"),
        ("interview", "questionnaire"),
        ("questionnaire", "text"),
    ):
        assert order.index(upper) < order.index(lower), (upper, lower)
    assert floor_of("interview_app.sync") == floor_of("interview_app.slip")
    assert floor_of("interview_app.reports") == floor_of("interview_app.slip")
    for ground in ("text", "reference", "errors", "settings_spec"):
        assert floor_of(f"interview_app.{ground}") == len(FLOORS) - 1


def _upward_imports() -> set[tuple[str, str]]:
    return {
        (module, target)
        for module, targets in import_graph().items()
        for target in targets
        if floor_of(target) < floor_of(module)
    }


def test_nothing_imports_a_floor_above_its_own() -> None:
    """Arrows point down only, function-level and type-checking imports included."""
    upward = _upward_imports()
    assert sorted(upward - UPWARD_ALLOWED) == []
    assert sorted(UPWARD_ALLOWED - upward) == [], "no longer needed: take it off UPWARD_ALLOWED"


def test_no_import_cycles_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        for target in targets:
            if (module, target) not in UPWARD_ALLOWED and top_name(module) != top_name(target):
                graph.setdefault(top_name(module), set()).add(top_name(target))
    assert strongly_connected({k: frozenset(v) for k, v in graph.items()}) == []


def test_no_import_cycles_between_modules() -> None:
    cycles = set(strongly_connected(dict(import_graph())))
    assert sorted(sorted(cycle) for cycle in cycles - MODULE_CYCLES_ALLOWED) == []
    assert sorted(sorted(c) for c in MODULE_CYCLES_ALLOWED - cycles) == [], (
        "no longer a cycle: take it off MODULE_CYCLES_ALLOWED"
    )


def test_the_cycles_once_named_in_issue_14_stay_gone() -> None:
    graph = import_graph()
    commands = [module for module in graph if module.startswith("interview_app.commands.")]
    for a, b in [
        ("interview_app.supervision.session", "interview_app.storage.office_settings"),
        ("interview_app.ui.app", "interview_app.ui.main_window"),
        *(("interview_app.cli", command) for command in commands),
    ]:
        assert not (a in graph[b] and b in graph[a]), (a, b)
    assert all("interview_app.cli" not in graph[command] for command in commands)


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    assert strongly_connected(graph) == [frozenset({"a", "b", "c"})]
    assert strongly_connected({"a": frozenset({"b"}), "b": frozenset()}) == []


_SQL_TEXT = re.compile(
    r"\b(?:SELECT\b[\s\S]*\bFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET"
    r"|DELETE\s+FROM|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)"
    r"|DROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)|ALTER\s+TABLE|PRAGMA\s+\w+)\b"
)
_SQL_CALLS = ("execute", "executemany", "executescript")


def sql_sites(path: Path) -> list[str]:
    """Where a module runs or writes SQL: execute-like calls, sqlite3.connect, SQL text."""
    sites = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            if node.func.attr in _SQL_CALLS or (
                node.func.attr == "connect"
                and isinstance(receiver, ast.Name)
                and receiver.id == "sqlite3"
            ):
                sites.append(f"{node.lineno}: {node.func.attr}()")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _SQL_TEXT.search(node.value):
                sites.append(f"{node.lineno}: {node.value[:40]!r}")
    return sites


def test_sql_only_in_storage() -> None:
    found = {}
    for path in python_files():
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "storage":
            continue
        sites = sql_sites(path)
        if sites:
            found[relative.as_posix()] = sites
    over = {
        name: sites
        for name, sites in found.items()
        if len(sites) > SQL_OUTSIDE_STORAGE_ALLOWED.get(name, 0)
    }
    assert over == {}, "SQL belongs in storage/ (a repository method returning records)"
    shrunk = {
        name: (allowed, len(found.get(name, ())))
        for name, allowed in SQL_OUTSIDE_STORAGE_ALLOWED.items()
        if len(found.get(name, ())) < allowed
    }
    assert shrunk == {}, "less SQL than allowed: lower SQL_OUTSIDE_STORAGE_ALLOWED to match"


def test_the_sql_finder_sees_sql() -> None:
    assert _SQL_TEXT.search("SELECT id, name\nFROM officers WHERE id = ?")
    assert _SQL_TEXT.search("INSERT OR IGNORE INTO sync_seen (id) VALUES (?)")
    assert _SQL_TEXT.search("CREATE TABLE IF NOT EXISTS x (id INTEGER)")
    assert not _SQL_TEXT.search("Pilih kantor dari daftar / select an office from the list")
    assert not _SQL_TEXT.search("Update the settings")
