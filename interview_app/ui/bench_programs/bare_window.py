"""The benchmark's baseline process: a bare PySide6 main window, shown; the process reports its
peak memory and ends when the event loop is idle. Run as a program (`python -c` of this text)."""

import resource
import sys

from PySide6 import QtCore, QtWidgets

app = QtWidgets.QApplication(sys.argv)
window = QtWidgets.QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 720)
window.show()


def idle() -> None:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(f"rss {kb}\n")
    app.quit()


QtCore.QTimer.singleShot(0, idle)
app.exec()
