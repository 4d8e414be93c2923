"""What goes into the bundle: data files listed one by one, and what is left out of Python and Qt."""

from __future__ import annotations

import fnmatch
import glob
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

APP_NAME = "AsistenWawancara"  # the windowed app, and the bundle folder's name
CLI_NAME = "interview-app-cli"  # the console twin for IT admins' scripts

# (source glob relative to the repository, folder inside the bundle, required). The app finds
# them through interview_app.resources_path, which looks under sys._MEIPASS by these names.
DATA_FILES: tuple[tuple[str, str, bool], ...] = (
    ("questionnaires/*.yaml", "questionnaires", True),  # the shipped interview scripts
    # Earlier versions of the shipped default, to recognise an untouched office and upgrade it.
    ("questionnaires/history/*.yaml", "questionnaires/history", True),
    ("questionnaires/README.md", "questionnaires", True),  # the script format, for supervisors
    ("resources/regions.json", "resources", True),  # provinces and regencies (NIK checks)
    ("resources/LICENSE-regions.md", "resources", True),  # regions.json's source (ODbL)
    ("resources/countries.json", "resources", True),  # the country list
    ("resources/fonts/*.ttf", "resources/fonts", True),  # DejaVu Sans for the slip and the UI
    ("resources/fonts/LICENSE-*.txt", "resources/fonts", True),
    ("resources/slip/*", "resources/slip", False),  # slip templates (jinja2) and images
    ("resources/icons/*", "resources/icons", False),  # window and toolbar icons, app.ico
    ("resources/images/*", "resources/images", False),  # logo, letterhead art
    ("resources/i18n/*.qm", "resources/i18n", False),  # translations compiled in the checkout
    ("resources/*.qss", "resources", False),  # style sheets
)
# Files in resources/ and questionnaires/ that stay out of the bundle on purpose.
NOT_BUNDLED: tuple[str, ...] = (
    # Translation sources: build.py compiles them (pyside6-lrelease) and bundles the .qm files
    # under resources/i18n; the app loads a shipped .qm only while no newer .ts sits beside it.
    "resources/i18n/*.ts",
    "resources/**/README.md",
    "questionnaires/drafts/*",
)

# Python packages the app never imports at run time: tests, tools, other GUI toolkits.
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "turtle",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "ruff",
    "mypy",
    "pip",
    "setuptools",
    "pkg_resources",
    "PyInstaller",
    "IPython",
    "numpy",
    "lib2to3",
    "pydoc_data",
    # The debugger and the test runners (reportlab imports doctest and unittest only in its
    # own self-tests), and readline with them (libreadline, libtinfo): no console to edit in.
    "pdb",
    "pydoc",
    "doctest",
    "unittest",
    "readline",
    # PyYAML's libyaml binding (2.6 MiB): the script loader is yaml.SafeLoader, the pure-Python
    # one, which keeps the line numbers; PyYAML falls back to it when _yaml is absent.
    "yaml._yaml",
    "yaml.cyaml",
    "_yaml",
    # reportlab guesses a text's encoding with it only for an XMP metadata file and the
    # legacy platypus.para parser; the app uses neither.
    "charset_normalizer",
    # decimal's C accelerator (1.6 MiB): the app computes with floats; openpyxl and
    # sqlite-utils only name decimal.Decimal in type checks, and decimal then runs on
    # _pydecimal, the same module in pure Python (still bundled).
    "_decimal",
    # Pillow stays (reportlab reads the office logo through it: PNG, JPEG, GIF, BMP), without
    # its AVIF, WebP, colour-management and Tk parts, which bring 6 MiB of libraries.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    # The app never goes online: no TLS (urllib and http.client import ssl optionally).
    "ssl",
    "_ssl",
    # Chinese and Korean codecs (loaded only when such a codec is asked for). The Japanese
    # ones stay: reportlab's QR encoder tries Shift-JIS (kanji mode) on every text.
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_kr",
    "_codecs_tw",
)
# Qt modules the app does not use (tests/release checks that no module of ours imports one).
EXCLUDED_QT_MODULES: tuple[str, ...] = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtWebEngineQuick",
    "QtWebSockets",
    "QtXml",
)
# Qt plugins kept, by plugin folder; a folder not named here is left out whole.
QT_PLUGINS_KEPT: dict[str, tuple[str, ...]] = {
    # windows: the real screen; offscreen: the self-test and support; xcb/cocoa: dev machines
    "platforms": (
        "*qwindows*",
        "*qoffscreen*",
        "*qminimal.*",
        "*qminimal.dll",
        "*qxcb*",
        "*qcocoa*",
    ),
    "imageformats": ("*qico*", "*qsvg*", "*qjpeg*", "*qgif*"),
    "iconengines": ("*qsvgicon*",),
    "styles": ("*",),  # the Windows 11 / Vista styles
    "printsupport": ("*",),  # CUPS on Linux; Windows printing is built into QtPrintSupport
    "platforminputcontexts": ("*compose*",),
    "xcbglintegrations": ("*",),
}
# Qt's own translations kept (the built-in dialogs); Qt ships none for Indonesian yet, so a
# qtbase_id.qm of our own would live in resources/translations.
QT_TRANSLATION_LANGUAGES: tuple[str, ...] = ("id", "en")
# Qt libraries only the plugins and modules left out above need.
QT_LIBRARIES_DROPPED: tuple[str, ...] = (
    "*Qt6Qml*",
    "*Qt6Quick*",
    "*Qt6Network*",
    "*Qt6WaylandClient*",
    "*Qt6WaylandEgl*",
    "*Qt6Wl*",
    "*Qt6EglFs*",
    "*Qt6EglFSDeviceIntegration*",
    "*Qt6OpenGL.*",
    "*Qt6OpenGLWidgets*",
    "*Qt6Pdf*",
    "*Qt6VirtualKeyboard*",
)


def _posix(path: str) -> str:
    return path.replace("\\", "/")


TRANSLATIONS_DIR = "resources/i18n"  # where interview_app.ui.i18n looks for <catalogue>_<lang>.qm


def data_files(root: Path, compiled_translations: Path | None = None) -> list[tuple[str, str]]:
    """The (source file, bundle folder) pairs for PyInstaller's `datas`, plus the .qm files
    build.py compiled into `compiled_translations`. A required entry that matches nothing
    stops the build: a bundle without its script or tables is no bundle."""
    pairs: list[tuple[str, str]] = []
    if compiled_translations is not None:
        pairs += [(str(qm), TRANSLATIONS_DIR) for qm in sorted(compiled_translations.glob("*.qm"))]
    missing = []
    for pattern, destination, required in DATA_FILES:
        found = sorted(p for p in glob.glob(str(root / pattern)) if Path(p).is_file())
        if required and not found:
            missing.append(pattern)
        pairs += [(path, destination) for path in found]
    if missing:
        raise SystemExit(f"bundle_files: required data files missing: {', '.join(missing)}")
    return pairs


def _matches(relative: str, pattern: str) -> bool:
    if "**/" in pattern:
        head, tail = pattern.split("**/", 1)
        return relative.startswith(head) and fnmatch.fnmatch(PurePosixPath(relative).name, tail)
    return fnmatch.fnmatch(relative, pattern) and relative.count("/") == pattern.count("/")


def unlisted_files(root: Path) -> list[str]:
    """Files under resources/ and questionnaires/ that neither DATA_FILES nor NOT_BUNDLED name:
    each needs a decision, so that nothing the app needs is silently missing from the bundle."""
    patterns = [pattern for pattern, _, _ in DATA_FILES] + list(NOT_BUNDLED)
    unlisted = []
    for top in ("resources", "questionnaires"):
        for path in sorted((root / top).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(root).as_posix()
            if not any(_matches(relative, pattern) for pattern in patterns):
                unlisted.append(relative)
    return unlisted


def _qt_part(dest: str) -> tuple[str, str] | None:
    """('plugins/<folder>', name) or ('translations', name) for a file of PySide6's Qt tree."""
    match = re.search(r"PySide6/Qt/(plugins/[^/]+|translations)/([^/]+)$", _posix(dest))
    return (match.group(1), match.group(2)) if match else None


def keep(dest: str) -> bool:
    """Whether a collected file (by its place in the bundle) stays: the Qt plugins named in
    QT_PLUGINS_KEPT, Qt translations of our languages, and no library of QT_LIBRARIES_DROPPED."""
    name = PurePosixPath(_posix(dest)).name
    part = _qt_part(dest)
    if part is not None and part[0].startswith("plugins/"):
        kept = QT_PLUGINS_KEPT.get(part[0].removeprefix("plugins/"), ())
        return any(fnmatch.fnmatch(name, pattern) for pattern in kept)
    if part is not None and part[0] == "translations":
        language = re.search(r"_([a-z]{2})(?:_[A-Z]{2})?\.qm$", name)
        return language is not None and language.group(1) in QT_TRANSLATION_LANGUAGES
    return not any(fnmatch.fnmatch(name, pattern) for pattern in QT_LIBRARIES_DROPPED)


Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (place in bundle, source, type code)
Imports = Callable[[str], Iterable[str]]  # a binary's linked libraries, as resolved paths


def _closure(starts: Iterable[str], imports: Imports) -> set[str]:
    seen: set[str] = set()
    stack = [os.path.realpath(path) for path in starts]
    while stack:
        path = stack.pop()
        if path not in seen:
            seen.add(path)
            stack += [os.path.realpath(found) for found in imports(path) if found]
    return seen


def prune(
    binaries: list[Entry], datas: list[Entry], imports: Imports
) -> tuple[list[Entry], list[Entry]]:
    """Apply `keep`, then drop the libraries that only the dropped files linked to (on Linux
    the GTK theme plugin alone brings cairo, pango and GLib's I/O), then the symlinks whose
    target went. A library nobody links to (loaded by name at run time) is never dropped."""
    dropped = [e for e in binaries + datas if e[2] != "SYMLINK" and not keep(e[0])]
    kept_binaries = [e for e in binaries if keep(e[0])]
    kept_datas = [e for e in datas if keep(e[0])]
    reached_from_dropped = _closure((src for _, src, _ in dropped), imports)
    candidates = {
        e[0]
        for e in kept_binaries
        if e[2] != "SYMLINK" and os.path.realpath(e[1]) in reached_from_dropped
    }
    roots = [e[1] for e in kept_binaries if e[2] != "SYMLINK" and e[0] not in candidates]
    needed = _closure(roots, imports)
    orphans = {
        e[0] for e in kept_binaries if e[0] in candidates and os.path.realpath(e[1]) not in needed
    }
    kept_binaries = [e for e in kept_binaries if e[0] not in orphans]
    present = {_posix(e[0]) for e in kept_binaries + kept_datas if e[2] != "SYMLINK"}

    def target_present(entry: Entry) -> bool:
        if entry[2] != "SYMLINK":
            return True
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(_posix(entry[0])), _posix(entry[1]))
        )
        return target in present

    return (
        [e for e in kept_binaries if target_present(e)],
        [e for e in kept_datas if target_present(e)],
    )


# Binaries whose wheels ship debug symbols (sqlcipher3's Linux extension: 21 MiB, 8 MiB without
# them); their symbols go, their code is untouched. Windows .pyd files carry none.
STRIP_DEBUG_SYMBOLS: tuple[str, ...] = ("sqlcipher3/_sqlite3*",)


def without_debug_symbols(
    binaries: list[Entry], workdir: Path, strip: Callable[[str, str], None] | None
) -> list[Entry]:
    """`binaries` with those in STRIP_DEBUG_SYMBOLS replaced by copies without debug symbols
    made in `workdir` by `strip(source, target)`; unchanged where there is no strip tool."""
    if strip is None:
        return binaries
    result = []
    for dest, src, kind in binaries:
        if kind != "SYMLINK" and any(fnmatch.fnmatch(_posix(dest), p) for p in STRIP_DEBUG_SYMBOLS):
            target = Path(workdir) / _posix(dest)
            target.parent.mkdir(parents=True, exist_ok=True)
            strip(src, str(target))
            src = str(target)
        result.append((dest, src, kind))
    return result


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); a pre-release suffix ('1.2.0rc1') is dropped."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def read_version(root: Path) -> str:
    """The package version from interview_app/__init__.py, without importing the package."""
    text = (root / "interview_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("bundle_files: no __version__ in interview_app/__init__.py")
    return match.group(1)


def version_resource(version: str, *, company: str = "Direktorat Jenderal Imigrasi") -> str:
    """The text of a PyInstaller VSVersionInfo file (the Windows "Details" tab of the .exe)."""
    numbers = version_tuple(version)
    dotted = ".".join(str(n) for n in numbers)
    strings = {
        "CompanyName": company,
        "FileDescription": "Asisten Wawancara — asisten wawancara mendalam pemohon paspor",
        "FileVersion": dotted,
        "InternalName": APP_NAME,
        "LegalCopyright": "Proprietary",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": "Asisten Wawancara",
        "ProductVersion": version,
    }
    entries = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
# Written by build/build.py from interview_app.__version__ = {version!r}; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '042104b0',
        [
{entries}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0421, 1200, 0x0409, 1200])])
  ]
)
"""
