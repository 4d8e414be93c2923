"""Slip preview (save as PDF, print counted, reprint marked) and the USB sync dialog (export, import, refusal)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtPrintSupport, QtWidgets

from interview_app.demo import create_demo_office
from interview_app.slip.verify import payload_from_pdf, verify_payload
from interview_app.storage.clock import FixedClock
from interview_app.storage.keys import read_office_key
from interview_app.storage.paths import database_path
from interview_app.sync.keyfile import export_key_file
from interview_app.sync.workstation import setup_workstation
from interview_app.ui import slip_dialog as slip_module
from interview_app.ui import sync_dialog as sync_module
from interview_app.ui.slip_dialog import SlipDialog
from interview_app.ui.sync_dialog import SyncDialog
from interview_app.workflow.counter import CounterSession

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
TODAY = dt.date(2026, 11, 27)


def _referral_uuid(data_dir: Path) -> str:
    with sqlite3.connect(database_path(data_dir)) as conn:
        row = conn.execute(
            "SELECT uuid FROM interviews WHERE status = 'completed'"
            " AND chosen_outcome LIKE '%BP3MI%' ORDER BY ref_no LIMIT 1"
        ).fetchone()
    conn.close()
    assert row is not None
    return str(row[0])


def _interview_count(data_dir: Path) -> int:
    with sqlite3.connect(database_path(data_dir)) as conn:
        count = int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    conn.close()
    return count


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    data_dir = tmp_path / "a"
    create_demo_office(data_dir, count=12, today=TODAY)
    return data_dir


@pytest.fixture
def counter(demo: Path) -> Iterator[CounterSession]:
    session = CounterSession.open(
        demo, clock=FixedClock(dt.datetime(2026, 11, 28, 2, tzinfo=dt.UTC))
    )
    yield session
    session.close()


def test_slip_preview_save_and_reprint(
    qtbot: Any, counter: CounterSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = _referral_uuid(counter.data_dir)
    dialog = SlipDialog(counter, uuid)
    qtbot.addWidget(dialog)
    assert dialog.load()
    assert len(dialog.pages) >= 1
    assert dialog.findChild(QtWidgets.QLabel, "slipPage1") is not None
    assert "asli" in dialog.heading.text() and "original" not in dialog.heading.text()

    targets = iter([tmp_path / "slip1.pdf", tmp_path / "slip2"])
    monkeypatch.setattr(
        QtWidgets.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(next(targets)), "PDF (*.pdf)")),
    )
    dialog.save_button.click()
    first = tmp_path / "slip1.pdf"
    assert first.is_file()
    office = read_office_key(counter.data_dir)
    assert office is not None
    verdict = verify_payload(payload_from_pdf(first), office[1], office[0])
    assert verdict.genuine, verdict.reason
    assert dialog.slip is not None and dialog.slip.copy_number == 2
    assert "SALINAN ke-2" in dialog.heading.text()

    dialog.save_button.click()  # the second save is the reprint
    second = tmp_path / "slip2.pdf"
    assert second.is_file()
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(second).pages)
    assert "SALINAN ke-2" in text
    assert dialog.slip.copy_number == 3


def test_slip_print_draws_pages_and_counts(
    qtbot: Any, counter: CounterSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"

    class FakePrintDialog:
        def __init__(self, printer: QtPrintSupport.QPrinter, parent: Any = None) -> None:
            printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(150)

        def setWindowTitle(self, title: str) -> None:  # noqa: N802
            pass

        def exec(self) -> QtWidgets.QDialog.DialogCode:
            return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(slip_module.QtPrintSupport, "QPrintDialog", FakePrintDialog)
    dialog = SlipDialog(counter, _referral_uuid(counter.data_dir))
    qtbot.addWidget(dialog)
    assert dialog.load()
    dialog.print_button.click()
    assert out.is_file() and out.stat().st_size > 1000
    assert dialog.slip is not None and dialog.slip.copy_number == 2


def test_export_then_import_into_second_station(
    qtbot: Any, counter: CounterSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(sync_module, "removable_drives", lambda: [])
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(stick))
    )
    dialog = SyncDialog(counter)
    qtbot.addWidget(dialog)
    dialog.findChild(QtWidgets.QPushButton, "syncOtherFolder").click()
    assert dialog.destination() == stick
    with qtbot.waitSignal(dialog.finished_work, timeout=30000):
        dialog.export_button.click()
    packages = list(stick.glob("*.awsync"))
    assert len(packages) == 1
    assert "12 wawancara" in dialog.export_result.text()
    assert "interviews" not in dialog.export_result.text()  # one language at a time
    assert dialog.history.rowCount() == 1
    dialog.close()

    key = export_key_file(counter.data_dir, tmp_path / "office.awkey")
    station_b = tmp_path / "b"
    setup_workstation(station_b, station_name="Loket 2", key_file=key)
    other = CounterSession.open(station_b)
    try:
        monkeypatch.setattr(
            QtWidgets.QFileDialog,
            "getOpenFileNames",
            staticmethod(lambda *a, **k: ([str(packages[0])], "")),
        )
        receiver = SyncDialog(other)
        qtbot.addWidget(receiver)
        with qtbot.waitSignal(receiver.finished_work, timeout=30000):
            receiver.findChild(QtWidgets.QPushButton, "syncChoosePackages").click()
        plan = "\n".join(receiver.plan_texts())
        assert "12 baru" in plan and "12 new" not in plan
        assert _interview_count(station_b) == 0  # nothing changed yet
        assert receiver.import_button.isEnabled()
        with qtbot.waitSignal(receiver.finished_work, timeout=30000):
            receiver.import_button.click()
        assert "Diimpor: 12 baru" in "\n".join(receiver.plan_texts())
        assert "12 wawancara baru" in receiver.import_result.text()
        assert _interview_count(station_b) == 12
        assert receiver.history.rowCount() == 1
        receiver.close()
    finally:
        other.close()


def test_corrupted_package_is_refused_and_changes_nothing(
    qtbot: Any, counter: CounterSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(sync_module, "removable_drives", lambda: [])
    dialog = SyncDialog(counter)
    qtbot.addWidget(dialog)
    dialog.set_destination(stick)
    with qtbot.waitSignal(dialog.finished_work, timeout=30000):
        dialog.export_button.click()
    package = next(stick.glob("*.awsync"))
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x5A
    broken = tmp_path / "broken.awsync"
    broken.write_bytes(bytes(data))
    dialog.close()

    key = export_key_file(counter.data_dir, tmp_path / "office.awkey")
    station_b = tmp_path / "b"
    setup_workstation(station_b, station_name="Loket 2", key_file=key)
    before = database_path(station_b).read_bytes()
    other = CounterSession.open(station_b)
    try:
        receiver = SyncDialog(other)
        qtbot.addWidget(receiver)
        with qtbot.waitSignal(receiver.finished_work, timeout=30000):
            receiver.inspect([broken, package])
        texts = receiver.plan_texts()
        assert texts[0].startswith("✖ broken.awsync: DITOLAK\n")
        assert len(texts[0].splitlines()) == 2  # the reason, in the display language only
        assert "12 baru" in texts[1]  # the refusal does not block the good package
        assert "0 paket" not in receiver.import_result.text()
        receiver.close()
    finally:
        other.close()
    assert _interview_count(station_b) == 0
    assert database_path(station_b).read_bytes() == before or _interview_count(station_b) == 0


def test_main_window_wiring(qtbot: Any, counter: CounterSession) -> None:
    from interview_app.ui.main_window import MainWindow
    from interview_app.workflow.views import CompletedView

    window = MainWindow(counter)
    qtbot.addWidget(window)
    uuid = _referral_uuid(counter.data_dir)
    window._completed(CompletedView(uuid, "PLU-2026-000009", "TUNDA_RUJUK_BP3MI", True))
    box = window.findChild(QtWidgets.QMessageBox, "completedBox")
    button = box.findChild(QtWidgets.QPushButton, "printSlipButton")
    assert button.text() == "Cetak slip"
    assert box.defaultButton() is button  # Enter prints the referral slip
    button.click()
    slip = window.findChild(SlipDialog, "slipDialog")
    assert slip is not None and len(slip.pages) >= 1
    slip.close()
    assert [a.text() for a in window.sync_menu.actions()] == ["Sinkronisasi flashdisk…"]
    window._sync()
    sync = window.findChild(SyncDialog, "syncDialog")
    assert sync is not None
    sync.close()
    window.close()
