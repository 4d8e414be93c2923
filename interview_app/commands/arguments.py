"""What every command shares: the exit codes and the --data-dir argument."""

from __future__ import annotations

import argparse
import os

EXIT_OK = 0
EXIT_REFUSED = 1  # the input was refused (the reason on stderr, in Indonesian and English)
EXIT_USAGE = 2


def data_dir_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """--data-dir, defaulting to INTERVIEW_APP_DATA_DIR (resolved by the storage layer)."""
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("INTERVIEW_APP_DATA_DIR"),
        required=required and not os.environ.get("INTERVIEW_APP_DATA_DIR"),
        help="folder data / data folder (or INTERVIEW_APP_DATA_DIR)",
    )
