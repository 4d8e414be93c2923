"""Every module that holds figures, imported so that each registers its own (@figure)."""

from __future__ import annotations

import importlib

from interview_app.bench.harness import Measure, registered_so_far

# Named here rather than in harness.py, which each of them imports for @figure.
FIGURE_MODULES = (
    "interview_app.bench.storage_figures",
    "interview_app.bench.sync_figures",
    "interview_app.bench.slip_figures",
    "interview_app.bench.office_figures",
    "interview_app.bench.ui_figures",
    "interview_app.bench.release_figures",
    "interview_app.bench.cipher_figures",
)


def registered() -> dict[str, Measure]:
    """Every figure of the bench by name."""
    for module in FIGURE_MODULES:
        importlib.import_module(module)
    return registered_so_far()
