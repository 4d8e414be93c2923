"""Child process of test_screen_fit: the whole window tour on one simulated screen, every problem
printed as JSON. Run with QT_QPA_PLATFORM=offscreen:configfile=<screen.json> (a screen of the
given physical size whose logical DPI gives the scale factor, as Windows scaling does)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6 import QtWidgets

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from interview_app.ui.screen_fit import with_frame  # noqa: E402
from interview_app.ui.style import STYLE  # noqa: E402
from tests.ui.window_tour import open_demo_window, tour  # noqa: E402


def _inside_scroll_area(widget: QtWidgets.QWidget, top: QtWidgets.QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent.parentWidget(), QtWidgets.QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()  # type: ignore[union-attr]
        ):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QtWidgets.QWidget) -> str:
    text = ""
    for getter in ("text", "title", "windowTitle"):
        value = getattr(widget, getter, None)
        if callable(value):
            try:
                text = str(value())
            except TypeError:
                continue
            if text:
                break
    return f"{type(widget).__name__}#{widget.objectName()} {text[:40]!r}"


def problems(name: str, top: QtWidgets.QWidget) -> list[str]:
    found: list[str] = []
    screen = top.screen() or QtWidgets.QApplication.primaryScreen()
    room = screen.availableGeometry()
    # The size with its frame must fit; the place is Qt's (QDialog::adjustPosition keeps a window
    # that fits inside the screen, frame included, once the platform reports its frame).
    outer = with_frame(top.geometry())
    if (
        outer.width() > room.width()
        or outer.height() > room.height()
        or not room.contains(top.geometry())
    ):
        found.append(
            f"{name}: window {top.width()}x{top.height()} at {top.x()},{top.y()} (with its frame)"
            f" is not inside the screen's {room.width()}x{room.height()}"
        )
    box = top.rect()
    for widget in top.findChildren(QtWidgets.QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        if isinstance(widget, QtWidgets.QScrollArea) and widget.horizontalScrollBar().maximum() > 0:
            found.append(f"{name}: {_describe(widget)} scrolls sideways")
            if os.environ.get("FIT_DEBUG"):  # what is too wide, when looking into a failure
                inner = widget.widget()
                wide = [
                    (type(c).__name__, c.objectName(), c.minimumSizeHint().width(), c.width())
                    for c in inner.findChildren(QtWidgets.QWidget)
                    if c.isVisible()
                    and c.minimumSizeHint().width() > widget.viewport().width() - 40
                ]
                found.append(
                    f"DEBUG viewport {widget.viewport().width()} inner {inner.minimumSizeHint().width()} {wide}"
                )
        if _inside_scroll_area(widget, top):
            continue
        if isinstance(widget, QtWidgets.QSizeGrip):
            # The corner grip is placed by its status bar or dialog once that is laid out; the
            # offscreen platform sometimes shows it first at its default 100x30 at x=0. It holds
            # no content that could be cut off.
            continue
        rect = widget.rect().translated(widget.mapTo(top, widget.rect().topLeft()))
        if widget.width() > 0 and not box.contains(rect):
            found.append(f"{name}: {_describe(widget)} at {rect.getRect()} lies outside the window")
        if isinstance(widget, QtWidgets.QLabel) and not widget.wordWrap() and widget.text():
            if widget.width() + 2 < widget.minimumSizeHint().width():
                found.append(f"{name}: {_describe(widget)} is cut off")
        if isinstance(widget, QtWidgets.QLabel) and widget.wordWrap() and widget.text():
            if widget.height() + 2 < widget.heightForWidth(widget.width()):
                found.append(f"{name}: {_describe(widget)} is squeezed (lines overlap)")
        if isinstance(widget, QtWidgets.QAbstractButton) and widget.text():
            if widget.width() + 2 < widget.minimumSizeHint().width():
                found.append(f"{name}: {_describe(widget)} is cut off")
    return found


def main() -> int:
    data_dir = Path(sys.argv[1])
    app = QtWidgets.QApplication([sys.argv[0]])
    app.setStyleSheet(STYLE)
    window = open_demo_window(data_dir)
    found: list[str] = []
    names = tour(window, lambda name, top: found.extend(problems(name, top)))
    screen = app.primaryScreen()
    print(
        json.dumps(
            {
                "screen": [screen.availableGeometry().width(), screen.availableGeometry().height()],
                "scale": screen.devicePixelRatio(),
                "visited": names,
                "problems": found,
            }
        )
    )
    window.close()
    window.counter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
