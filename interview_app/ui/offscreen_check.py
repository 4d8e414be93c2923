"""The self-test's Qt checks: a widget rendered to an image offscreen, and a page printed to PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets

SAMPLE_TEXT = "Asisten Wawancara — uji tampilan: Ñoño Wïdyâ, Rp 1.800.000"
_BACKGROUND = QtGui.QColor(255, 255, 255)
_MIN_DRAWN_PIXELS = 200  # text and a button's frame draw about a thousand; a blank image none


def application(platform: str = "offscreen") -> QtWidgets.QApplication:
    """The running QApplication, or a new one on `platform` (offscreen: no display needed;
    "windows" on a Windows desktop checks the real platform plugin).

    A QApplication exists once per process, so an existing one (the app's own, or pytest-qt's)
    is reused whatever its platform; rendering to an image works on every platform."""
    existing = QtCore.QCoreApplication.instance()
    if existing is None:
        return QtWidgets.QApplication(["interview-app-self-test", "-platform", platform])
    if not isinstance(existing, QtWidgets.QApplication):
        raise RuntimeError("a QCoreApplication without widgets is running already")
    return existing


def _load_font(font_file: Path | None) -> QtGui.QFont | None:
    if font_file is None:
        return None
    font_id = QtGui.QFontDatabase.addApplicationFont(str(font_file))
    families = QtGui.QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"Qt cannot load the font {font_file}")
    return QtGui.QFont(families[0], 11)


def render_widget_check(font_file: Path | None = None, platform: str = "offscreen") -> str:
    """Build a small form, render it into an image and count the pixels it drew.

    Returns a one-line description (Qt version, platform, size, drawn pixels, screen scale);
    raises RuntimeError when nothing was drawn."""
    app = application(platform)
    font = _load_font(font_file)
    widget = QtWidgets.QWidget()
    try:
        layout = QtWidgets.QVBoxLayout(widget)
        label = QtWidgets.QLabel(SAMPLE_TEXT)
        button = QtWidgets.QPushButton("Lanjut / Next")
        if font is not None:
            label.setFont(font)
            button.setFont(font)
        layout.addWidget(label)
        layout.addWidget(button)
        widget.resize(520, 120)
        image = QtGui.QImage(widget.size(), QtGui.QImage.Format.Format_ARGB32)
        image.fill(_BACKGROUND)
        widget.render(image)
        background = image.pixel(1, 1)  # the window colour the widget filled itself with
        drawn = sum(
            1
            for y in range(0, image.height(), 2)
            for x in range(0, image.width(), 2)
            if image.pixel(x, y) != background
        )
    finally:
        widget.deleteLater()
    if drawn < _MIN_DRAWN_PIXELS:
        raise RuntimeError(f"the rendered image is blank ({drawn} pixels drawn)")
    screen = app.primaryScreen()
    scale = screen.devicePixelRatio() if screen is not None else 1.0
    family = font.family() if font is not None else app.font().family()
    return (
        f"Qt {QtCore.qVersion()} ({app.platformName()}), {image.width()}x{image.height()}, "
        f"{drawn} titik tergambar / pixels drawn, huruf / font {family}, skala layar / "
        f"screen scale {scale:g}"
    )


def print_to_pdf_check(out_file: Path, platform: str = "offscreen") -> str:
    """Print one A4 page to a PDF file through QPrinter (the path the slip's print dialog uses
    when "save as PDF" is chosen) and name the default printer, if any."""
    application(platform)
    printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out_file))
    printer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    painter = QtGui.QPainter()
    if not painter.begin(printer):
        raise RuntimeError(f"QPrinter cannot write {out_file}")
    try:
        painter.drawText(QtCore.QPointF(200, 200), SAMPLE_TEXT)
    finally:
        painter.end()
    data = Path(out_file).read_bytes()
    if not data.startswith(b"%PDF"):
        raise RuntimeError(f"{out_file} is not a PDF")
    default = QtPrintSupport.QPrinterInfo.defaultPrinterName() or "-"
    count = len(QtPrintSupport.QPrinterInfo.availablePrinterNames())
    return (
        f"PDF A4 {len(data)} bita / bytes; printer terpasang / installed printers {count}, "
        f"bawaan / default {default}"
    )
