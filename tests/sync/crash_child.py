"""Child process for test_crash: exports (over and over) or imports until it is killed."""

from __future__ import annotations

import sys
from pathlib import Path

from interview_app.storage.database import open_database
from interview_app.sync.export import export_package
from interview_app.sync.importer import apply_package


def main(mode: str, data_dir: Path, target: Path) -> None:
    database = open_database(data_dir)
    print("open", flush=True)
    if mode == "export":
        while True:
            result = export_package(database, data_dir, target, full=True)
            print(f"exported {result.path}", flush=True)
    else:
        result = apply_package(database, data_dir, target)
        print(f"imported {result.new}", flush=True)
    database.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
