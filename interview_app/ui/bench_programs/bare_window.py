"""The benchmark's baseline process: a bare PySide6 main window, shown; the process reports its
own memory (resident and peak, from the operating system's counters for this process) and
ends when the event loop is idle ("idle" is printed then, as the app does). Run as a program (`python -c` of this text)."""

import sys

from PySide6 import QtCore, QtWidgets

from interview_app.bench.memory import own_memory

app = QtWidgets.QApplication(sys.argv)
window = QtWidgets.QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 720)
window.show()


def idle() -> None:
    sys.stdout.write("idle\n" + own_memory().line() + "\n")
    app.quit()


QtCore.QTimer.singleShot(0, idle)
app.exec()
