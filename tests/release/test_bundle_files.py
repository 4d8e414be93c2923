"""The bundle's contents as build/bundle_files.py decides them: data files, Qt trimming, version."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.release.conftest import ROOT, load_build_module

bundle_files = load_build_module("bundle_files")


def test_every_required_data_file_is_listed() -> None:
    pairs = bundle_files.data_files(ROOT)
    bundled = {(Path(source).relative_to(ROOT).as_posix(), folder) for source, folder in pairs}
    assert ("questionnaires/tppo_default.yaml", "questionnaires") in bundled
    assert ("resources/regions.json", "resources") in bundled
    assert (
        "resources/LICENSE-regions.md",
        "resources",
    ) in bundled  # its ODbL notice travels with it
    assert ("resources/countries.json", "resources") in bundled
    assert ("resources/fonts/DejaVuSans.ttf", "resources/fonts") in bundled
    # Each file lands where interview_app.resources_path looks for it.
    for source, folder in pairs:
        relative = Path(source).relative_to(ROOT)
        assert relative.parent.as_posix() == folder


def test_no_shipped_file_is_left_out_by_accident() -> None:
    unlisted = bundle_files.unlisted_files(ROOT)
    assert unlisted == [], (
        "add these to DATA_FILES (bundled) or NOT_BUNDLED in build/bundle_files.py: "
        + ", ".join(unlisted)
    )


def test_a_missing_required_file_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "questionnaires").mkdir()
    with pytest.raises(SystemExit, match="required data files missing"):
        bundle_files.data_files(tmp_path)


def test_new_files_need_a_decision(tmp_path: Path) -> None:
    for name in (
        "resources/fonts/X.ttf",
        "resources/logo.png",
        "resources/i18n/x_en.ts",
        "resources/i18n/x_en.qm",
        "questionnaires/a.yaml",
        "resources/slip/README.md",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert bundle_files.unlisted_files(tmp_path) == ["resources/logo.png"]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/imageformats/qico.dll", True),
        ("PySide6/Qt/plugins/imageformats/qtiff.dll", False),
        ("PySide6/Qt/plugins/tls/qopensslbackend.dll", False),
        ("PySide6/Qt/plugins/sqldrivers/qsqlite.dll", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6\\Qt\\plugins\\printsupport\\libcupsprintersupport.so", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_zh_TW.qm", False),
        ("PySide6/Qt6Network.dll", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("libQt6Network.so.6", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/Qt6PrintSupport.dll", True),
        ("cryptography/hazmat/bindings/_rust.pyd", True),
        ("resources/fonts/DejaVuSans.ttf", True),
    ],
)
def test_what_is_kept(dest: str, kept: bool) -> None:
    assert bundle_files.keep(dest) is kept


def test_prune_drops_what_only_dropped_plugins_needed(tmp_path: Path) -> None:
    files = {
        name: tmp_path / name
        for name in ("gtk.so", "cairo.so", "glib.so", "ext.so", "theme.so", "loaded.so")
    }
    for path in files.values():
        path.write_bytes(b"\x7fELF")
    links = {
        files["theme.so"]: [files["gtk.so"]],
        files["gtk.so"]: [files["cairo.so"], files["glib.so"]],
        files["ext.so"]: [files["glib.so"]],
    }

    def imports(path: str) -> list[str]:
        return [str(p) for p in links.get(Path(path), [])]

    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", str(files["theme.so"]), "BINARY"),
        ("libgtk-3.so.0", str(files["gtk.so"]), "BINARY"),
        ("libcairo.so.2", str(files["cairo.so"]), "BINARY"),
        ("libglib-2.0.so.0", str(files["glib.so"]), "BINARY"),
        ("QtGui.abi3.so", str(files["ext.so"]), "EXTENSION"),
        ("libloaded-at-run-time.so", str(files["loaded.so"]), "BINARY"),
        ("libcairo-link.so", "libcairo.so.2", "SYMLINK"),
        ("libglib-link.so", "libglib-2.0.so.0", "SYMLINK"),
    ]
    datas = [
        ("PySide6/Qt/translations/qtbase_fr.qm", "x", "DATA"),
        ("resources/a.json", "y", "DATA"),
    ]
    kept_binaries, kept_datas = bundle_files.prune(binaries, datas, imports)
    assert [e[0] for e in kept_binaries] == [
        "libglib-2.0.so.0",
        "QtGui.abi3.so",
        "libloaded-at-run-time.so",
        "libglib-link.so",
    ]
    assert [e[0] for e in kept_datas] == ["resources/a.json"]


def _qt_modules_imported() -> set[str]:
    found = set()
    for path in (ROOT / "interview_app").rglob("*.py"):
        if "bench_programs" in path.parts:
            continue  # run by the benchmark in processes of their own; not in the bundle
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found.update(n.split(".")[1] for n in names if n.startswith("PySide6."))
    return found


def test_no_module_of_ours_uses_an_excluded_qt_module() -> None:
    used = _qt_modules_imported() & set(bundle_files.EXCLUDED_QT_MODULES)
    assert not used, f"remove {sorted(used)} from EXCLUDED_QT_MODULES in build/bundle_files.py"


def test_no_runtime_dependency_is_excluded() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {
        dep.split(">")[0].split("=")[0].split("[")[0].strip().lower()
        for dep in project["dependencies"]
    }
    excluded = {name.lower() for name in bundle_files.EXCLUDED_MODULES}
    assert not runtime & excluded


def _guarded(node: ast.Try) -> bool:
    """A try whose handlers catch ImportError: an optional import, fine when absent."""
    names = {"ImportError", "ModuleNotFoundError", "Exception"}
    for handler in node.handlers:
        caught = handler.type
        types = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if caught is None or any(isinstance(t, ast.Name) and t.id in names for t in types):
            return True
    return False


def _modules_imported() -> set[str]:
    """Modules our package imports outright (not inside a try that catches ImportError)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Try) and _guarded(node):
            for child in node.handlers + node.orelse + node.finalbody:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    for path in (ROOT / "interview_app").rglob("*.py"):
        visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_no_module_of_ours_imports_an_excluded_python_module() -> None:
    # e.g. yaml.CSafeLoader would need yaml._yaml, a breakpoint() left in would need pdb.
    excluded = set(bundle_files.EXCLUDED_MODULES)
    used = {
        name
        for name in _modules_imported()
        if any(name == ex or name.startswith(f"{ex}.") for ex in excluded)
    }
    assert not used, f"take {sorted(used)} off EXCLUDED_MODULES in build/bundle_files.py"


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 1)),
        ("1.2.3.4", (1, 2, 3, 4)),
    ],
)
def test_version_tuple(version: str, numbers: tuple[int, ...]) -> None:
    assert bundle_files.version_tuple(version) == numbers


def test_the_version_resource_is_a_vsversioninfo_expression() -> None:
    # PyInstaller reads this file as one Python expression (its reader only runs on Windows).
    tree = ast.parse(bundle_files.version_resource("1.2.3"), mode="eval")
    assert isinstance(tree.body, ast.Call) and ast.unparse(tree.body.func) == "VSVersionInfo"
    strings = {
        node.args[0].value: node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "StringStruct"
    }
    assert strings["ProductVersion"] == "1.2.3" and strings["FileVersion"] == "1.2.3.0"
    assert strings["OriginalFilename"] == "AsistenWawancara.exe"
    fixed = next(n for n in ast.walk(tree) if isinstance(n, ast.keyword) and n.arg == "filevers")
    assert ast.literal_eval(fixed.value) == (1, 2, 3, 0)


def test_the_version_comes_from_the_package() -> None:
    from interview_app import __version__

    assert bundle_files.read_version(ROOT) == __version__


def test_translations_build_py_compiled_are_bundled_where_the_app_looks(tmp_path: Path) -> None:
    (tmp_path / "asisten_wawancara_en.qm").write_bytes(b"qm")
    pairs = bundle_files.data_files(ROOT, tmp_path)
    assert (str(tmp_path / "asisten_wawancara_en.qm"), "resources/i18n") in pairs


def test_only_the_listed_binaries_lose_their_debug_symbols(tmp_path: Path) -> None:
    stripped: list[tuple[str, str]] = []

    def strip(source: str, target: str) -> None:
        stripped.append((source, target))
        Path(target).write_bytes(b"code only")

    binaries = [
        (
            "sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so",
            "/venv/sqlcipher3/_s.so",
            "EXTENSION",
        ),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/venv/qt/libQt6Core.so.6", "BINARY"),
    ]
    result = bundle_files.without_debug_symbols(binaries, tmp_path, strip)
    assert stripped == [("/venv/sqlcipher3/_s.so", str(tmp_path / binaries[0][0]))]
    assert result[0] == (binaries[0][0], str(tmp_path / binaries[0][0]), "EXTENSION")
    assert result[1] == binaries[1]
    assert bundle_files.without_debug_symbols(binaries, tmp_path, None) == binaries
