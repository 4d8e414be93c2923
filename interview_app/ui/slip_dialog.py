"""Slip preview for a completed interview: the verified PDF's pages, printed or saved exactly as they are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets

from interview_app.errors import KnownError
from interview_app.slip.content import APH, APPLICANT, REFERRAL, SUMMARY
from interview_app.slip.render import (
    TITLES,
    PreparedSlip,
    documents_for_interview,
    prepare_slip,
    record_print,
)
from interview_app.storage.writefiles import write_file_atomically
from interview_app.ui.messages import calmly, known_error_text
from interview_app.ui.screen_fit import fit_window

if TYPE_CHECKING:
    from interview_app.workflow.counter import CounterSession

PREVIEW_DPI = 96.0
MAX_PRINT_DPI = 600.0  # more adds nothing on paper and costs memory per page


def _no_renderer() -> KnownError:
    return KnownError(
        "Pratinjau dan cetak slip tidak tersedia: komponen PDF (pypdfium2) tidak terpasang. "
        "Simpan sebagai PDF lalu cetak dari pembaca PDF.",
        "Slip preview and printing are unavailable: the PDF component (pypdfium2) is not "
        "installed. Save as PDF and print it from a PDF reader.",
    )


def _bad_pdf(exc: Exception) -> KnownError:
    return KnownError(
        f"Slip tidak dapat ditampilkan ({exc}). Simpan sebagai PDF lalu periksa berkasnya.",
        f"The slip cannot be shown ({exc}). Save it as PDF and check the file.",
    )


def _pages_pdfium(pdf: bytes, dpi: float) -> list[QtGui.QImage]:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    images: list[QtGui.QImage] = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72.0, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx)
                try:
                    image = QtGui.QImage(
                        bitmap.buffer,
                        bitmap.width,
                        bitmap.height,
                        bitmap.stride,
                        QtGui.QImage.Format.Format_RGB32,
                    ).copy()  # own the pixels before PDFium frees its buffer
                finally:
                    bitmap.close()
            finally:
                page.close()
            images.append(image)
    finally:
        document.close()
    return images


def _pages_qtpdf(pdf: bytes, dpi: float) -> list[QtGui.QImage]:
    from PySide6.QtPdf import QPdfDocument  # PySide6-Addons; used only when installed

    buffer = QtCore.QBuffer()
    buffer.setData(QtCore.QByteArray(pdf))
    buffer.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    images = []
    for index in range(document.pageCount()):
        size = document.pagePointSize(index) * (dpi / 72.0)
        images.append(document.render(index, size.toSize()))
    document.close()
    return images


def render_pages(pdf: bytes, dpi: float) -> list[QtGui.QImage]:
    """The PDF's pages as images at `dpi`: PDFium (pypdfium2, a few MB) or, if the bundle has
    it, QtPdf. KnownError when neither is there or the PDF cannot be read."""
    renderers: list[Callable[[bytes, float], list[QtGui.QImage]]] = []
    try:
        import pypdfium2  # noqa: F401

        renderers.append(_pages_pdfium)
    except ImportError:
        pass
    try:
        from PySide6 import QtPdf  # noqa: F401

        renderers.append(_pages_qtpdf)
    except ImportError:
        pass
    if not renderers:
        raise _no_renderer()
    try:
        images = renderers[0](pdf, dpi)
    except KnownError:
        raise
    except Exception as exc:  # a renderer's own error about the bytes
        raise _bad_pdf(exc) from exc
    if not images or any(image.isNull() for image in images):
        raise _bad_pdf(ValueError("no pages"))
    return images


class SlipDialog(QtWidgets.QDialog):
    """Shows the slip that prepare_slip made; a print or a save is counted with record_print,
    and the next copy is prepared as a reprint ("SALINAN ke-N")."""

    printed = QtCore.Signal(int)  # copy number just counted

    def __init__(
        self,
        counter: CounterSession,
        interview_uuid: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slipDialog")
        self.counter = counter
        self.interview_uuid = interview_uuid
        self.slip: PreparedSlip | None = None
        self.kind: str | None = None  # None: the outcome's main document
        self._documents_connected = False
        self.pages: list[QtGui.QImage] = []
        fit_window(self, 880, 1000)
        layout = QtWidgets.QVBoxLayout(self)
        self.heading = QtWidgets.QLabel()
        self.heading.setObjectName("slipHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        # An outcome may print several documents: the letter to BP3MI, the applicant's notice
        # (never the red flags), the letter to law enforcement.
        chooser = QtWidgets.QHBoxLayout()
        self.document_label = QtWidgets.QLabel("Dokumen / Document:")
        self.documents = QtWidgets.QComboBox()
        self.documents.setObjectName("slipDocuments")
        self.document_label.setBuddy(self.documents)
        chooser.addWidget(self.document_label)
        chooser.addWidget(self.documents, 1)
        layout.addLayout(chooser)
        self.scroll_area = QtWidgets.QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.page_box = QtWidgets.QWidget()
        self.page_layout = QtWidgets.QVBoxLayout(self.page_box)
        self.page_layout.setAlignment(QtCore.Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setWidget(self.page_box)
        layout.addWidget(self.scroll_area, 1)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("slipStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QtWidgets.QHBoxLayout()
        self.print_button = QtWidgets.QPushButton(self.tr("&Cetak…"))
        self.print_button.setObjectName("slipPrint")
        self.print_button.clicked.connect(self.print_slip)
        self.save_button = QtWidgets.QPushButton(self.tr("&Simpan PDF…"))
        self.save_button.setObjectName("slipSave")
        self.save_button.clicked.connect(self.save_pdf)
        close = QtWidgets.QPushButton(self.tr("&Tutup"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    # -- preparing ----------------------------------------------------------------------------
    def _prepare(self) -> PreparedSlip:
        """The original while none was printed, else the next copy (a reprint)."""
        database, clock = self.counter.database, self.counter.clock
        kind = self.kind
        try:
            return prepare_slip(database, self.interview_uuid, kind=kind, clock=clock)
        except KnownError as first:
            try:
                return prepare_slip(
                    database, self.interview_uuid, reprint=True, kind=kind, clock=clock
                )
            except KnownError:
                raise first from None

    def load(self) -> bool:
        """Prepare and show the slip; False (with the reason shown) when it cannot be."""
        with calmly(self) as attempt:
            slip = self._prepare()
        if attempt.error is not None:
            self._disable(attempt.error)
            return False
        self.slip = slip
        self._fill_documents(slip.kind)
        title = self._title(slip.kind)
        copy = (
            self.tr("asli")
            if slip.copy_number == 1
            else self.tr("SALINAN ke-%1").replace("%1", str(slip.copy_number))
        )
        self.setWindowTitle(f"{title} · {slip.slip_no}")
        self.heading.setText(f"{title} · {slip.slip_no} · {slip.interview_ref} · {copy}")
        with calmly(self.status.setText) as attempt:
            self.pages = render_pages(slip.pdf, PREVIEW_DPI * self.devicePixelRatioF())
        if attempt.failed:
            self.pages = []
            self.print_button.setEnabled(False)  # saving the PDF still works
            self._show_pages()
            return True
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._show_pages()
        return True

    def _fill_documents(self, current: str) -> None:
        """The documents this outcome prints, the one shown selected."""
        try:
            kinds = documents_for_interview(self.counter.database, self.interview_uuid)
        except KnownError:
            kinds = (current,)
        self.documents.blockSignals(True)
        self.documents.clear()
        for kind in kinds:
            self.documents.addItem(self._title(kind), kind)
        self.documents.setCurrentIndex(max(0, self.documents.findData(current)))
        self.documents.setEnabled(len(kinds) > 1)
        self.documents.blockSignals(False)
        if not self._documents_connected:
            self.documents.currentIndexChanged.connect(self._choose_document)
            self._documents_connected = True

    def _title(self, kind: str) -> str:
        """The document's name in the display language (the paper itself is Indonesian)."""
        titles = {
            REFERRAL: self.tr("Surat Pengantar Rujukan"),
            SUMMARY: self.tr("Ringkasan Hasil Wawancara"),
            APPLICANT: self.tr("Pemberitahuan untuk Pemohon"),
            APH: self.tr("Surat Pemberitahuan kepada Aparat Penegak Hukum"),
        }
        return titles.get(kind, TITLES.get(kind, kind))

    def _choose_document(self, index: int) -> None:
        kind = self.documents.itemData(index)
        if kind and (self.slip is None or kind != self.slip.kind):
            self.kind = str(kind)
            self.load()

    def _disable(self, error: KnownError) -> None:
        self.slip = None
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(known_error_text(error))

    def _show_pages(self) -> None:
        while self.page_layout.count():
            item = self.page_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        ratio = self.devicePixelRatioF()
        for number, image in enumerate(self.pages, start=1):
            pixmap = QtGui.QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label = QtWidgets.QLabel()
            label.setObjectName(f"slipPage{number}")
            label.setPixmap(pixmap)
            label.setFrameShape(QtWidgets.QFrame.Shape.Box)
            self.page_layout.addWidget(label)

    # -- printing and saving ------------------------------------------------------------------
    def _actor(self) -> str:
        officer = self.counter.officer
        return officer.username if officer is not None else "system"

    def _count(self, slip: PreparedSlip, done: str) -> None:
        with calmly(self) as attempt:
            record_print(
                self.counter.database,
                slip,
                actor=self._actor(),
                clock=self.counter.clock,
            )
        if attempt.failed:
            self.load()
            return
        self.printed.emit(slip.copy_number)
        self.load()  # the next print is the next copy
        self.status.setText(done)

    def save_pdf(self) -> None:
        slip = self.slip
        if slip is None:
            return
        start = Path.home() / f"{slip.slip_no.replace('/', '-')}.pdf"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Simpan slip sebagai PDF"), str(start), "PDF (*.pdf)"
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        with calmly(self) as attempt:
            write_file_atomically(path, slip.pdf)
        if attempt.failed:
            return
        self._count(
            slip,
            self.tr("Tersimpan: %1 (salinan ke-%2).")
            .replace("%1", str(path))
            .replace("%2", str(slip.copy_number)),
        )

    def print_slip(self) -> None:
        slip = self.slip
        if slip is None:
            return
        printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
        printer.setFullPage(True)
        printer.setDocName(slip.slip_no)
        dialog = QtPrintSupport.QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak slip"))
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        with calmly(self) as attempt:
            self.paint_pages(printer, slip.pdf)
        if attempt.failed:
            return
        self._count(
            slip,
            self.tr("Dikirim ke printer (salinan ke-%1).").replace("%1", str(slip.copy_number)),
        )

    @staticmethod
    def paint_pages(printer: QtPrintSupport.QPrinter, pdf: bytes) -> int:
        """Draw each PDF page onto `printer` at its resolution, fitted to the paper; the number
        of pages drawn."""
        dpi = float(min(max(printer.resolution(), 72), MAX_PRINT_DPI))
        pages = render_pages(pdf, dpi)
        painter = QtGui.QPainter()
        if not painter.begin(printer):
            raise KnownError(
                "Printer tidak dapat dibuka. Periksa printer (menyala, kertas, kabel) lalu coba lagi.",
                "The printer cannot be opened. Check the printer (power, paper, cable) and try again.",
            )
        try:
            for index, image in enumerate(pages):
                if index:
                    printer.newPage()
                target = QtCore.QRectF(painter.viewport())
                size = QtCore.QSizeF(image.size()).scaled(
                    target.size(), QtCore.Qt.AspectRatioMode.KeepAspectRatio
                )
                painter.drawImage(QtCore.QRectF(target.topLeft(), size), image)
        finally:
            painter.end()
        return len(pages)


def open_slip_dialog(
    counter: CounterSession, interview_uuid: str, parent: QtWidgets.QWidget | None = None
) -> SlipDialog | None:
    """Build, load and show the preview (non-modal); None when the slip cannot be made."""
    dialog = SlipDialog(counter, interview_uuid, parent)
    if not dialog.load():
        dialog.deleteLater()
        return None
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
