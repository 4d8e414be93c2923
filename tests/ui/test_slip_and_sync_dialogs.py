"""Slip preview (save as PDF, print counted, reprint marked) and the USB sync dialog (export, import, refusal)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtPrintSupport, QtWidgets

from interview_app.slip.verify import payload_from_pdf, verify_payload
from interview_app.storage.clock import FixedClock
from interview_app.sync.keyfile import export_key_file, read_key_file
from interview_app.ui import slip_dialog as slip_module
from interview_app.ui import sync_dialog as sync_module
from interview_app.ui.slip_dialog import SlipDialog
from interview_app.ui.sync_dialog import SyncDialog
from interview_app.workflow.counter import CounterSession
from tests import keyring
from tests.offices import SUPERVISOR, OfficeBuilder

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
TODAY = dt.date(2026, 11, 27)
PASSPHRASE = "kopi pagi di loket dua"


@contextmanager
def _reading(data_dir: Path) -> Iterator[Any]:
    """The folder's database read beside the window's (opened with its key, as a sign-in)."""
    with keyring.open_office(data_dir) as office:
        yield office.database.conn


def _join_second_station(counter: CounterSession, tmp_path: Path) -> CounterSession:
    """Station b: another workstation of the office, set up on its first run from the key
    file a supervisor exported (made here from the key the signed-in window holds)."""
    key = export_key_file(counter.storage, tmp_path / "office.awkey", passphrase=PASSPHRASE)
    other = CounterSession.open(tmp_path / "b")
    other.join_office(
        key_file=str(key),
        passphrase=PASSPHRASE,
        workstation_name="Loket 2",
        username="kasi",
        full_name="Rahmat Hidayat",
        password="kepala seksi palu",
    )
    other.recovery_code_shown()
    return other


def _referral_uuid(data_dir: Path) -> str:
    with _reading(data_dir) as conn:
        row = conn.execute(
            "SELECT uuid FROM interviews WHERE status = 'completed'"
            " AND chosen_outcome LIKE '%BP3MI%' ORDER BY ref_no LIMIT 1"
        ).fetchone()
    conn.close()
    assert row is not None
    return str(row[0])


def _interview_count(data_dir: Path) -> int:
    with _reading(data_dir) as conn:
        count = int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    conn.close()
    return count


@pytest.fixture
def demo(offices: OfficeBuilder, tmp_path: Path) -> Path:
    return offices.copy("demo-12-late", tmp_path / "a")


@pytest.fixture
def counter(demo: Path) -> Iterator[CounterSession]:
    session = CounterSession.open(
        demo, clock=FixedClock(dt.datetime(2026, 11, 28, 2, tzinfo=dt.UTC))
    )
    session.login("petugas1", "loket-satu-demo")  # the encrypted folder opens at the sign-in
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
    office = counter.storage.key_on_file
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


def test_the_applicants_notice_is_chosen_from_the_keyboard(
    qtbot: Any, counter: CounterSession
) -> None:
    """A referral prints the letter to BP3MI and the applicant's notice; the officer picks
    the notice in the document list with the keyboard and sees it, without the red flags."""
    from PySide6 import QtCore

    dialog = SlipDialog(counter, _referral_uuid(counter.data_dir))
    qtbot.addWidget(dialog)
    assert dialog.load()
    items = [dialog.documents.itemText(i) for i in range(dialog.documents.count())]
    assert items[0] == "Surat Pengantar Rujukan" and "Pemberitahuan untuk Pemohon" in items
    assert dialog.heading.text().startswith("Surat Pengantar Rujukan")
    dialog.show()
    dialog.documents.setFocus()
    qtbot.keyClick(dialog.documents, QtCore.Qt.Key.Key_Down)
    assert dialog.slip is not None and dialog.slip.kind == "pemohon"
    assert dialog.heading.text().startswith("Pemberitahuan untuk Pemohon")
    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(dialog.slip.pdf)).pages)
    assert "PEMBERITAHUAN UNTUK PEMOHON" in text and "Tanda bahaya" not in text


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

    station_b = tmp_path / "b"
    other = _join_second_station(counter, tmp_path)
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


def test_the_office_key_is_exported_under_a_passphrase_typed_twice(
    qtbot: Any, counter: CounterSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kunci-kantor.awkey"
    chosen: list[str] = []

    def save_as(*args: Any, **kwargs: Any) -> tuple[str, str]:
        chosen.append(str(target))
        return str(target), ""

    monkeypatch.setattr(sync_module, "removable_drives", lambda: [])
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", staticmethod(save_as))
    counter.login(SUPERVISOR.username, SUPERVISOR.password)  # the key tab is a supervisor's
    dialog = SyncDialog(counter)
    qtbot.addWidget(dialog)
    dialog.key_passphrase.setText(PASSPHRASE)
    dialog.key_passphrase_again.setText(PASSPHRASE + "x")
    dialog.key_button.click()
    assert "Kedua frasa sandi berbeda" in dialog.key_result.text()
    assert dialog.key_passphrase_again.text() == "" and not chosen
    dialog.key_passphrase.setText("pendek")
    dialog.key_passphrase_again.setText("pendek")
    dialog.key_button.click()
    assert "minimal 12 karakter" in dialog.key_result.text()
    assert "at least" not in dialog.key_result.text()  # one language at a time
    assert not chosen and not target.exists()
    dialog.key_passphrase.setText(PASSPHRASE)
    dialog.key_passphrase_again.setText(PASSPHRASE)
    dialog.key_button.click()
    assert chosen and str(target) in dialog.key_result.text()
    assert dialog.key_passphrase.text() == dialog.key_passphrase_again.text() == ""
    assert read_key_file(target, PASSPHRASE).key == counter.storage.office_key
    dialog.close()


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

    station_b = tmp_path / "b"
    other = _join_second_station(counter, tmp_path)
    before = _interview_count(station_b)
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
    assert before == 0


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


def test_referral_follow_up_from_the_keyboard(qtbot: Any, counter: CounterSession) -> None:
    """The officer types the referral's reference, Enter, ticks what BP3MI marked, types the
    complaint number, Ctrl+Enter; then records the applicant's return; the overdue list shows the
    referrals nobody has brought back."""
    from PySide6 import QtCore

    from interview_app.ui.referral_dialog import ReferralDialog

    counter.login("petugas1", "loket-satu-demo")
    uuid = _referral_uuid(counter.data_dir)
    with _reading(counter.data_dir) as conn:
        ref_no = conn.execute("SELECT ref_no FROM interviews WHERE uuid = ?", (uuid,)).fetchone()[0]
    conn.close()
    dialog = ReferralDialog(counter)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.query.setFocus()

    def key(code: QtCore.Qt.Key, modifier: Any = QtCore.Qt.KeyboardModifier.NoModifier) -> None:
        focused = QtWidgets.QApplication.focusWidget()
        assert focused is not None, "nothing has the keyboard focus"
        qtbot.keyClick(focused, code, modifier)

    qtbot.keyClicks(dialog.query, ref_no)
    qtbot.keyClick(dialog.query, QtCore.Qt.Key.Key_Return)
    assert dialog.list.count() == 1 and "menunggu tanda terima" in dialog.list.item(0).text()
    assert dialog.step.currentData() == "receipt"
    dialog.counselling.setFocus()  # Tab order: step, the two boxes, complaint number, date
    key(QtCore.Qt.Key.Key_Space)
    key(QtCore.Qt.Key.Key_Tab)
    key(QtCore.Qt.Key.Key_Tab)
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), "ADU-5/2026")
    key(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert "tanda terima kembali" in dialog.list.item(0).text(), dialog.status.text()
    assert dialog.step.currentData() == "came_back"
    key(QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert "pemohon datang kembali" in dialog.list.item(0).text()
    with _reading(counter.data_dir) as conn:
        audit = conn.execute(
            "SELECT actor, action FROM audit_log WHERE action LIKE 'referral.%' ORDER BY seq"
        ).fetchall()
        complaint = conn.execute(
            "SELECT complaint_no, counselling FROM referral_steps WHERE step = 'receipt'"
        ).fetchone()
    conn.close()
    assert audit == [("petugas1", "referral.receipt"), ("petugas1", "referral.came_back")]
    assert complaint == ("ADU-5/2026", 1)
    key(QtCore.Qt.Key.Key_F3)
    shown = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    expected = dialog.follow.overdue()
    assert len(shown) == len(expected)
    assert all("LEWAT BATAS" in line for line in shown)
    assert not any(ref_no in line for line in shown)
    if not expected:
        assert "Tidak ada rujukan yang lewat batas" in dialog.status.text()


def test_the_repeat_panel_shows_an_earlier_referral_and_its_status(
    qtbot: Any, counter: CounterSession
) -> None:
    from interview_app.slip.followup import FollowUp
    from interview_app.storage.referrals import RECEIPT
    from interview_app.ui.side_panels import RepeatPanel

    counter.login("petugas1", "loket-satu-demo")
    uuid = _referral_uuid(counter.data_dir)
    ref_no = counter.interviews().get(uuid).ref_no
    status = counter._referral_status(uuid)
    assert status is not None and "menunggu tanda terima" in status.id
    follow = FollowUp.open(counter.database, counter.data_dir, counter.clock)
    follow.record(ref_no, RECEIPT, actor="petugas1")

    def line(interview_uuid: str) -> str:
        found = counter._referral_status(interview_uuid)
        return found.id if found is not None else ""

    earlier = [row for row in counter.search(ref_no) if row.uuid == uuid]
    assert earlier
    panel = RepeatPanel(lambda _: None, lambda ids: list(ids), referral=line)
    qtbot.addWidget(panel)
    panel.show_results(earlier)
    text = panel.list.item(0).text()
    assert "↪ Rujukan: " in text and "tanda terima kembali" in text and ref_no in text


def test_overdue_referrals_on_the_supervisors_home(qtbot: Any, counter: CounterSession) -> None:
    from interview_app.slip.followup import FollowUp
    from interview_app.storage.referrals import RECEIPT
    from interview_app.ui.home_page import HomePage

    follow = FollowUp.open(counter.database, counter.data_dir, counter.clock)
    overdue = follow.overdue()
    assert overdue  # the demo's referrals of September and October are past 14 days
    counter.login("petugas1", "loket-satu-demo")
    assert counter.home().overdue_referrals == ()  # an officer's home stays as it was
    counter.logout()
    counter.login("supervisor", "kepala-seksi-demo")
    home = counter.home()
    assert len(home.overdue_referrals) == len(overdue)
    page = HomePage()
    qtbot.addWidget(page)
    page.show_home("Selamat bekerja", home)
    page.show()
    assert page.overdue.isVisible()
    assert f"Rujukan lewat batas: {len(overdue)}" in page.overdue.text()
    assert "LEWAT BATAS" in page.overdue.text()
    # Signing out closed the folder: the follow-up is read again over the supervisor's.
    follow = FollowUp.open(counter.database, counter.data_dir, counter.clock)
    follow.record(overdue[0].ref_no, RECEIPT, actor="supervisor")
    assert len(counter.home().overdue_referrals) == len(overdue) - 1
