"""A bare PySide6 window: the baseline bundle of bundle_size_ratio (PyInstaller builds it)."""

import sys

from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
window = QLabel("Halo, dunia")
window.show()
sys.exit(app.exec())
