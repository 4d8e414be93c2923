"""USB sync: export to a stick, import packages after showing what they will do, history, office key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets

from interview_app.errors import KnownError
from interview_app.storage.office import Office
from interview_app.sync.drives import removable_drives
from interview_app.sync.export import PACKAGE_SUFFIX, ExportResult, export_package
from interview_app.sync.history import history
from interview_app.sync.importer import ImportPlan, ImportResult, apply_package, inspect_package
from interview_app.sync.keyfile import MIN_PASSPHRASE_LENGTH, check_passphrase, export_key_file
from interview_app.ui.background import BackgroundWork, Progress
from interview_app.ui.i18n import current_language
from interview_app.ui.messages import calmly, known_error_text, say, show_refusal
from interview_app.ui.screen_fit import fit_window

if TYPE_CHECKING:
    from interview_app.workflow.counter import CounterSession


def _size(free: int) -> str:
    """A drive's free space, with the decimal comma in Indonesian."""
    gib = free / 1024**3
    text = f"{gib:.1f} GB" if gib >= 1 else f"{free / 1024**2:.0f} MB"
    return text.replace(".", ",") if current_language() == "id" else text


@dataclass(frozen=True)
class PackageRow:
    """One chosen package: its plan, or why it is refused; after applying, its result."""

    path: Path
    plan: ImportPlan | None = None
    error: KnownError | None = None
    result: ImportResult | None = None

    def text(self) -> str:
        if self.error is not None:
            return f"✖ {self.path.name}: {QtCore.QCoreApplication.translate('SyncDialog', 'DITOLAK')}\n{known_error_text(self.error)}"
        if self.result is not None:
            return f"✔ {self.path.name}\n{say(self.result.summary())}"
        assert self.plan is not None
        return f"• {say(self.plan.summary())}"


class SyncDialog(QtWidgets.QDialog):
    """Export, import and history tabs (and the office key for a supervisor). Long work runs on
    a thread of its own (BackgroundWork): the dialog keeps answering, `busy` is True meanwhile
    and `finished_work` is emitted at the end. A refusal (a bad package, a full stick) is said
    calmly; a bug goes to the crash path."""

    def __init__(self, counter: CounterSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.counter = counter
        self.setWindowTitle(self.tr("Sinkronisasi flashdisk"))
        fit_window(self, 760, 560)
        self.work = BackgroundWork(self)
        self.work.started.connect(self._work_started)
        self.work.progress.connect(self._progress)
        self.work.finished_work.connect(self._work_finished)
        self.finished_work = self.work.finished_work
        self.rows: list[PackageRow] = []
        layout = QtWidgets.QVBoxLayout(self)
        self.tabs = QtWidgets.QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._export_tab(), self.tr("&Ekspor"))
        self.tabs.addTab(self._import_tab(), self.tr("&Impor"))
        self.tabs.addTab(self._history_tab(), self.tr("&Riwayat"))
        officer = counter.officer
        if officer is not None and officer.is_supervisor:
            self.tabs.addTab(self._key_tab(), self.tr("&Kunci kantor"))
        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh_drives()
        self.refresh_history()

    # -- tabs ---------------------------------------------------------------------------------
    def _export_tab(self) -> QtWidgets.QWidget:
        tab = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(tab)
        self.drives = QtWidgets.QListWidget()
        destination = QtWidgets.QLabel(self.tr("&Tujuan (flashdisk):"))
        destination.setBuddy(self.drives)
        layout.addWidget(destination)
        self.drives.setObjectName("syncDrives")
        self.drives.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.drives, 1)
        row = QtWidgets.QHBoxLayout()
        refresh = QtWidgets.QPushButton(self.tr("Se&garkan"))
        refresh.clicked.connect(self.refresh_drives)
        other = QtWidgets.QPushButton(self.tr("Pilih &folder lain…"))
        other.setObjectName("syncOtherFolder")
        other.clicked.connect(self.choose_folder)
        row.addWidget(refresh)
        row.addWidget(other)
        row.addStretch(1)
        layout.addLayout(row)
        self.full = QtWidgets.QCheckBox(self.tr("Semua data (&penuh)"))
        self.full.setObjectName("syncFull")
        self.full.setToolTip(
            self.tr(
                "Tanpa centang: hanya wawancara baru atau berubah sejak ekspor terakhir ke tujuan ini."
            )
        )
        layout.addWidget(self.full)
        self.export_button = QtWidgets.QPushButton(self.tr("Ekspor &sekarang"))
        self.export_button.setObjectName("syncExport")
        self.export_button.clicked.connect(self.start_export)
        layout.addWidget(self.export_button)
        self.export_result = QtWidgets.QLabel()
        self.export_result.setObjectName("syncExportResult")
        self.export_result.setWordWrap(True)
        layout.addWidget(self.export_result)
        return tab

    def _import_tab(self) -> QtWidgets.QWidget:
        tab = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(tab)
        choose = QtWidgets.QPushButton(self.tr("Pilih &paket…"))
        choose.setObjectName("syncChoosePackages")
        choose.clicked.connect(self.choose_packages)
        layout.addWidget(choose)
        layout.addWidget(
            QtWidgets.QLabel(
                self.tr("Paket diperiksa dulu; belum ada yang diubah sampai 'Impor sekarang'.")
            )
        )
        self.plans = QtWidgets.QListWidget()
        self.plans.setObjectName("syncPlans")
        self.plans.setWordWrap(True)
        layout.addWidget(self.plans, 1)
        self.import_button = QtWidgets.QPushButton(self.tr("Impor s&ekarang"))
        self.import_button.setObjectName("syncImport")
        self.import_button.clicked.connect(self.start_import)
        layout.addWidget(self.import_button)
        self.import_result = QtWidgets.QLabel()
        self.import_result.setObjectName("syncImportResult")
        self.import_result.setWordWrap(True)
        layout.addWidget(self.import_result)
        return tab

    def _history_tab(self) -> QtWidgets.QWidget:
        self.history = QtWidgets.QTableWidget(0, 6)
        self.history.setObjectName("syncHistory")
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Waktu"),
                self.tr("Jenis"),
                self.tr("Berkas"),
                self.tr("No."),
                self.tr("Wawancara"),
                self.tr("Oleh"),
            ]
        )
        self.history.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        return self.history

    def _key_tab(self) -> QtWidgets.QWidget:
        tab = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(tab)
        warning = QtWidgets.QLabel(
            self.tr(
                "PENTING: berkas kunci kantor membuka semua paket data kantor ini. Bawa dan "
                "simpan TERPISAH dari flashdisk data; jangan dikirim lewat surel atau pesan."
            )
        )
        warning.setObjectName("keyWarning")
        warning.setProperty("level", "error")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        form = QtWidgets.QFormLayout()
        self.key_passphrase = QtWidgets.QLineEdit()
        self.key_passphrase_again = QtWidgets.QLineEdit()
        for field, name in (
            (self.key_passphrase, "syncKeyPassphrase"),
            (self.key_passphrase_again, "syncKeyPassphraseAgain"),
        ):
            field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
            field.setObjectName(name)
        self.key_passphrase.returnPressed.connect(self.key_passphrase_again.setFocus)
        self.key_passphrase_again.returnPressed.connect(self.export_key)
        form.addRow(
            self.tr("Frasa sandi berkas (min. %1 karakter)").replace(
                "%1", str(MIN_PASSPHRASE_LENGTH)
            ),
            self.key_passphrase,
        )
        form.addRow(self.tr("Ulangi frasa sandi"), self.key_passphrase_again)
        layout.addLayout(form)
        self.key_button = QtWidgets.QPushButton(self.tr("Ekspor &kunci kantor…"))
        self.key_button.setObjectName("syncExportKey")
        self.key_button.clicked.connect(self.export_key)
        layout.addWidget(self.key_button)
        self.key_result = QtWidgets.QLabel()
        self.key_result.setObjectName("syncKeyResult")
        self.key_result.setWordWrap(True)
        layout.addWidget(self.key_result)
        layout.addStretch(1)
        return tab

    # -- export -------------------------------------------------------------------------------
    def refresh_drives(self) -> None:
        chosen = self.destination()
        self.drives.clear()
        for drive in removable_drives():
            self._add_destination(
                drive.path,
                f"{drive.path}  {drive.label}  ·  "
                + self.tr("%1 bebas").replace("%1", _size(drive.free_bytes)),
            )
        if self.drives.count() == 0:
            placeholder = QtWidgets.QListWidgetItem(
                self.tr(
                    "Tidak ada flashdisk terpasang. Pasang flashdisk lalu 'Segarkan', atau pilih "
                    "folder lain."
                )
            )
            placeholder.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
            self.drives.addItem(placeholder)
        if chosen is not None:
            self.set_destination(chosen)
        self._update_buttons()

    def _add_destination(self, path: Path, text: str) -> QtWidgets.QListWidgetItem:
        item = QtWidgets.QListWidgetItem(text)
        item.setData(QtCore.Qt.ItemDataRole.UserRole, str(path))
        self.drives.addItem(item)
        return item

    def set_destination(self, path: Path) -> None:
        """Select `path` in the list, adding it as an 'other folder' when it is not a drive."""
        for index in range(self.drives.count()):
            item = self.drives.item(index)
            if item.data(QtCore.Qt.ItemDataRole.UserRole) == str(path):
                self.drives.setCurrentItem(item)
                return
        for index in reversed(range(self.drives.count())):
            if not self.drives.item(index).data(QtCore.Qt.ItemDataRole.UserRole):
                self.drives.takeItem(index)  # the 'no stick' placeholder
        other = self.tr("folder lain")
        item = self._add_destination(path, f"{path}  ({other})")
        self.drives.setCurrentItem(item)

    def destination(self) -> Path | None:
        item = self.drives.currentItem()
        value = item.data(QtCore.Qt.ItemDataRole.UserRole) if item is not None else None
        return Path(value) if value else None

    def choose_folder(self) -> None:
        name = QtWidgets.QFileDialog.getExistingDirectory(
            self, self.tr("Folder tujuan ekspor"), str(Path.home())
        )
        if name:
            self.set_destination(Path(name))

    def start_export(self) -> None:
        out_dir = self.destination()
        if out_dir is None or self.busy:
            return
        full = self.full.isChecked()
        counter = self.counter
        actor = counter.officer.username if counter.officer is not None else "system"
        self.export_result.clear()

        def job(office: Office, progress: Progress) -> ExportResult:
            return export_package(
                office.database,
                counter.data_dir,
                out_dir,
                full=full,
                clock=counter.clock,
                actor=actor,
                progress=progress,
            )

        self.work.start(counter.storage, job, self._exported, self._export_failed, counter.clock)

    def _exported(self, result: ExportResult) -> None:
        self.export_result.setText(say(result.message()))
        self.refresh_history()

    def _export_failed(self, error: KnownError) -> None:
        self.export_result.setText(known_error_text(error))
        show_refusal(self, error)

    # -- import -------------------------------------------------------------------------------
    def choose_packages(self) -> None:
        names, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self,
            self.tr("Pilih paket sinkronisasi"),
            str(Path.home()),
            self.tr("Paket sinkronisasi (*%1);;Semua berkas (*)").replace("%1", PACKAGE_SUFFIX),
        )
        if names:
            self.inspect([Path(name) for name in names])

    def inspect(self, paths: list[Path]) -> None:
        """Check every package (reads only) and list what each would do, or why it is refused."""
        if self.busy:
            return
        data_dir = self.counter.data_dir
        self.import_result.clear()
        self.rows = []
        self._show_rows()

        def job(office: Office, progress: Progress) -> list[PackageRow]:
            rows = []
            for path in paths:
                try:
                    plan = inspect_package(office.database, data_dir, path, progress=progress)
                except KnownError as error:
                    rows.append(PackageRow(path, error=error))
                else:
                    rows.append(PackageRow(path, plan=plan))
            return rows

        self.work.start(self.counter.storage, job, self._inspected, self._import_failed)

    def _inspected(self, rows: list[PackageRow]) -> None:
        self.rows = rows
        self._show_rows()
        usable = sum(1 for row in self.rows if row.plan is not None)
        refused = len(self.rows) - usable
        self.import_result.setText(
            self.tr("%1 paket siap diimpor, %2 ditolak. Periksa lalu tekan 'Impor sekarang'.")
            .replace("%1", str(usable))
            .replace("%2", str(refused))
        )

    def start_import(self) -> None:
        todo = [row for row in self.rows if row.plan is not None and row.result is None]
        if not todo or self.busy:
            return
        counter = self.counter
        actor = counter.officer.username if counter.officer is not None else "system"
        rows = list(self.rows)

        def job(office: Office, progress: Progress) -> list[PackageRow]:
            out = []
            for row in rows:
                if row.plan is None or row.result is not None:
                    out.append(row)
                    continue
                try:
                    result = apply_package(
                        office.database,
                        counter.data_dir,
                        row.path,
                        plan=row.plan,
                        clock=counter.clock,
                        actor=actor,
                        progress=progress,
                    )
                except KnownError as error:
                    out.append(PackageRow(row.path, row.plan, error=error))
                else:
                    out.append(PackageRow(row.path, row.plan, result=result))
            return out

        self.work.start(counter.storage, job, self._imported, self._import_failed, counter.clock)

    def _imported(self, rows: list[PackageRow]) -> None:
        self.rows = rows
        self._show_rows()
        done = sum(1 for row in rows if row.result is not None)
        refused = sum(1 for row in rows if row.error is not None)
        new = sum(row.result.new for row in rows if row.result is not None)
        self.import_result.setText(
            self.tr("Selesai: %1 paket diimpor (%2 wawancara baru), %3 ditolak.")
            .replace("%1", str(done))
            .replace("%2", str(new))
            .replace("%3", str(refused))
        )
        self.refresh_history()

    def _import_failed(self, error: KnownError) -> None:
        self.import_result.setText(known_error_text(error))
        show_refusal(self, error)

    def _show_rows(self) -> None:
        self.plans.clear()
        for row in self.rows:
            item = QtWidgets.QListWidgetItem(row.text())
            if row.error is not None:
                item.setForeground(QtCore.Qt.GlobalColor.darkRed)
            self.plans.addItem(item)
        self._update_buttons()

    def plan_texts(self) -> list[str]:
        return [self.plans.item(i).text() for i in range(self.plans.count())]

    # -- history and key ----------------------------------------------------------------------
    def refresh_history(self) -> None:
        with calmly(self) as attempt:
            entries = history(self.counter.database)
        if attempt.failed:
            return
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            kind = self.tr("Ekspor") if entry.kind == "export" else self.tr("Impor")
            if entry.full:
                kind += " (" + self.tr("penuh") + ")"
            interviews = entry.counts.get("interviews", entry.counts.get("new", ""))
            values: list[Any] = [
                entry.at[:19].replace("T", " "),
                kind,
                entry.file_name,
                entry.sequence,
                interviews,
                entry.actor,
            ]
            for column, value in enumerate(values):
                self.history.setItem(row, column, QtWidgets.QTableWidgetItem(str(value)))
        self.history.resizeColumnsToContents()

    def export_key(self) -> None:
        passphrase = self.key_passphrase.text()
        if passphrase != self.key_passphrase_again.text():
            self.key_result.setText(
                self.tr("Kedua frasa sandi berbeda. Ketik ulang; berkas belum ditulis.")
            )
            self.key_passphrase_again.clear()
            self.key_passphrase_again.setFocus()
            return
        with calmly(self) as attempt:
            check_passphrase(passphrase)  # before the file is chosen
        if attempt.error is not None:
            self.key_result.setText(known_error_text(attempt.error))
            self.key_passphrase.setFocus()
            return
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan kunci kantor (terpisah dari flashdisk data)"),
            str(Path.home() / "kunci-kantor.awkey"),
            self.tr("Berkas kunci (*.awkey);;Semua berkas (*)"),
        )
        if not name:
            return
        with calmly(self) as attempt:
            # the save dialog has asked before replacing a file; the data folder stays refused
            path = export_key_file(
                self.counter.storage, Path(name), passphrase=passphrase, overwrite=True
            )
        if attempt.error is not None:
            self.key_result.setText(known_error_text(attempt.error))
            return
        self.key_passphrase.clear()
        self.key_passphrase_again.clear()
        self.key_result.setText(
            self.tr(
                "Kunci kantor tersimpan: %1. Bawa TERPISAH dari flashdisk data, dan sampaikan "
                "frasa sandinya terpisah dari berkas."
            ).replace("%1", str(path))
        )

    # -- running ------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        self.export_button.setEnabled(not self.busy and self.destination() is not None)
        self.import_button.setEnabled(
            not self.busy
            and any(row.plan is not None and row.result is None for row in self.rows)
            and all(row.result is None for row in self.rows if row.plan is not None)
        )

    @property
    def busy(self) -> bool:
        return self.work.busy

    def _work_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._update_buttons()

    def _work_finished(self) -> None:
        self.progress.setVisible(False)
        self._update_buttons()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for a running task's thread (closing the dialog, tests)."""
        return self.work.wait(msecs)

    def done(self, result: int) -> None:  # noqa: D102 - closing waits for a running task
        self.work.wait(-1)
        super().done(result)


def open_sync_dialog(
    counter: CounterSession, parent: QtWidgets.QWidget | None = None
) -> SyncDialog:
    dialog = SyncDialog(counter, parent)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
