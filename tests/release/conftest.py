"""Loads build/ scripts (not a package) for the release tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD = ROOT / "build"


def load_build_module(name: str) -> ModuleType:
    """build/<name>.py as a module (build/ is a folder of scripts, and `build` is also a
    package on PyPI, so it is never imported by that name)."""
    key = f"aw_release_{name}"  # never shadows a real package named like the script
    if key in sys.modules:
        return sys.modules[key]
    if str(BUILD) not in sys.path:
        sys.path.append(str(BUILD))  # build.py imports bundle_files from beside itself
    spec = importlib.util.spec_from_file_location(key, BUILD / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
