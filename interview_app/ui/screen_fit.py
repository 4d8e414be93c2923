"""Windows sized to the screen they open on: 1366x768 at 150% scaling leaves 911x472 logical
pixels under the taskbar, and every window, title bar included, must fit there."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

# The title bar and borders Windows adds around a window (logical pixels); Qt knows the real
# frame only after the window is shown, so sizes leave this room beforehand.
FRAME_ALLOWANCE = QtCore.QSize(16, 40)
_SIDE = FRAME_ALLOWANCE.width() // 2
_BOTTOM = 8
_TOP = FRAME_ALLOWANCE.height() - _BOTTOM


def with_frame(inside: QtCore.QRect) -> QtCore.QRect:
    """The outer rectangle of a window whose inside is `inside`, title bar and borders included."""
    return inside.adjusted(-_SIDE, -_TOP, _SIDE, _BOTTOM)


def available_room(widget: QtWidgets.QWidget | None = None) -> QtCore.QRect:
    """The part of the screen a window's inside may use: the screen's available area (without
    the taskbar) less the window frame."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window() if parent is not None else widget).screen()
    screen = screen or QtGui.QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else QtCore.QRect(0, 0, 1280, 720)
    return area.adjusted(_SIDE, _TOP, -_SIDE, -_BOTTOM)


def fit_window(widget: QtWidgets.QWidget, width: int, height: int) -> None:
    """Resize to `width` x `height` where the screen allows, smaller where it does not, and
    place the window inside the screen (centred on its parent when it has one)."""
    room = available_room(widget)
    size = QtCore.QSize(min(width, room.width()), min(height, room.height()))
    widget.resize(size)
    parent = widget.parentWidget()
    centre = parent.window().geometry().center() if parent is not None else room.center()
    rect = QtCore.QRect(QtCore.QPoint(0, 0), size)
    rect.moveCenter(centre)
    rect.moveLeft(max(room.left(), min(rect.left(), room.right() - size.width() + 1)))
    rect.moveTop(max(room.top(), min(rect.top(), room.bottom() - size.height() + 1)))
    widget.move(rect.topLeft())
