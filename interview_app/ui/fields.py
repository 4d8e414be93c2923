"""One widget per question type, keyboard-first: keys pick choices, Enter goes on, text autosaves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from interview_app.questionnaire.model import Choice, Question
    from interview_app.text import Message

CHOICE_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
MAX_KEYED_CHOICES = len(CHOICE_KEYS)
AUTOSAVE_DELAY_MS = 1500  # within the two seconds the reliability notes allow

# commit(question_id, raw, advance, quiet): quiet saves (debounce, leaving) show no errors.
Commit = Callable[[str, object, bool, bool], None]


class FieldFrame(QtWidgets.QFrame):
    """Label, hint, the input and a line of live messages for one question."""

    def __init__(self, question: Question, label: str, hint: str, required: bool) -> None:
        super().__init__()
        self.question = question
        self.setObjectName(f"field_{question.id}")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        self.title = QtWidgets.QLabel(label + (" *" if required else ""))
        self.title.setWordWrap(True)
        self.title.setObjectName("fieldTitle")
        layout.addWidget(self.title)
        self.hint = QtWidgets.QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("fieldHint")
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.body = QtWidgets.QVBoxLayout()
        layout.addLayout(self.body)
        self.message = QtWidgets.QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("fieldMessage")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.input: QtWidgets.QWidget | None = None

    def show_messages(
        self, errors: Sequence[Message], warnings: Sequence[Message], language: str, extra: str = ""
    ) -> None:
        parts = [f"✖ {m.text(language)}" for m in errors] + [
            f"⚠ {m.text(language)}" for m in warnings
        ]
        if extra:
            parts.append(extra)
        self.message.setText("\n".join(parts))
        self.message.setProperty("level", "error" if errors else "warning")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(parts))

    def set_current(self, current: bool) -> None:
        self.setProperty("current", current)
        self.style().unpolish(self)
        self.style().polish(self)

    def focus_input(self) -> None:
        if self.input is not None:
            self.input.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def pending(self) -> object | None:
        """Text typed but not yet saved (flushed before a lock or a page change)."""
        return None


class ChoiceLabel(QtWidgets.QLabel):
    """One choice of a picker: a click on it picks it."""

    pressed = QtCore.Signal()

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        self.pressed.emit()


class ChoicePicker(QtWidgets.QFrame):
    """A focusable list of choices: 1-9 then a-z pick, arrows move, Enter goes on."""

    picked = QtCore.Signal(object)
    advance = QtCore.Signal()

    def __init__(
        self, choices: Sequence[tuple[str, str]], multiple: bool, selected: object
    ) -> None:
        super().__init__()
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setObjectName("choicePicker")
        self.multiple = multiple
        self.values = [value for value, _ in choices]
        self.labels: list[QtWidgets.QLabel] = []
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setContentsMargins(4, 2, 4, 2)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(1)
        self.most_columns = 1 if len(choices) <= 4 else 2 if len(choices) <= 12 else 3
        for index, (_, text) in enumerate(choices):
            label = ChoiceLabel(f"{CHOICE_KEYS[index]}  {text}")
            label.setObjectName("choice")
            label.pressed.connect(partial(self._pick, index))
            self.labels.append(label)
        # The width a choice needs in bold (the selected look), so picking one never widens it.
        bold = QtGui.QFont(self.font())
        bold.setBold(True)
        metrics = QtGui.QFontMetrics(bold)
        self.choice_width = max(
            (metrics.horizontalAdvance(label.text()) + 16 for label in self.labels), default=0
        )
        self.columns = 0
        self.arrange(None)
        if multiple:
            self.selected: list[str] = list(selected) if isinstance(selected, list) else []
        else:
            self.selected = [str(selected)] if selected is not None else []
        self.cursor_index = (
            self.values.index(self.selected[0])
            if self.selected and self.selected[0] in self.values
            else 0
        )
        self._paint()

    def arrange(self, width: int | None) -> None:
        """Lay the choices out in as many columns (up to three) as `width` holds without
        cutting a label; a choice too long for one column wraps. None: as many as wanted."""
        spacing = self.grid.horizontalSpacing()
        inner = None if width is None else width - 8
        if inner is None:
            columns = self.most_columns
        else:
            columns = max(
                1, min(self.most_columns, (inner + spacing) // (self.choice_width + spacing))
            )
        wrap = inner is not None and self.choice_width > inner
        if columns == self.columns and all(label.wordWrap() == wrap for label in self.labels):
            return
        self.columns = columns
        for label in self.labels:
            self.grid.removeWidget(label)
        rows = (len(self.labels) + columns - 1) // columns
        for index, label in enumerate(self.labels):
            label.setWordWrap(wrap)
            label.setMinimumWidth(0 if wrap else self.choice_width)
            self.grid.addWidget(label, index % rows, index // rows)
        self.updateGeometry()

    def _paint(self) -> None:
        for index, label in enumerate(self.labels):
            label.setProperty("selected", self.values[index] in self.selected)
            label.setProperty(
                "cursor", self.multiple and index == self.cursor_index and self.hasFocus()
            )
            label.style().unpolish(label)
            label.style().polish(label)

    def _pick(self, index: int) -> None:
        value = self.values[index]
        self.cursor_index = index
        if self.multiple:
            if value in self.selected:
                self.selected.remove(value)
            else:
                self.selected.append(value)
            self.picked.emit(list(self.selected))
        else:
            self.selected = [value]
            self.picked.emit(value)
        self._paint()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        text = event.text().lower()
        modifiers = event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier
        if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and not modifiers:
            self.advance.emit()
            return
        if (
            text
            and text in CHOICE_KEYS
            and not (modifiers & ~QtCore.Qt.KeyboardModifier.ShiftModifier)
        ):
            index = CHOICE_KEYS.index(text)
            if index < len(self.values):
                self._pick(index)
                return
        if key in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up) and self.values:
            step = 1 if key == QtCore.Qt.Key.Key_Down else -1
            if self.multiple:
                self.cursor_index = (self.cursor_index + step) % len(self.values)
                self._paint()
            else:
                current = self.values.index(self.selected[0]) if self.selected else -1
                self._pick((current + step) % len(self.values))
            return
        if key == QtCore.Qt.Key.Key_Space and self.multiple and self.values:
            self._pick(self.cursor_index)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._paint()

    def focusOutEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._paint()


class ChoiceField(FieldFrame):
    def __init__(
        self,
        question: Question,
        label: str,
        hint: str,
        required: bool,
        choices: Sequence[tuple[str, str]],
        selected: object,
        commit: Commit,
    ) -> None:
        super().__init__(question, label, hint, required)
        multiple = question.type == "multiple"
        self.picker = ChoicePicker(choices, multiple, selected)
        self.picker.setAccessibleName(label)
        self.input = self.picker
        self.body.addWidget(self.picker)
        qid = question.id
        if multiple:
            self.picker.picked.connect(lambda value: commit(qid, value, False, False))
            self.picker.advance.connect(
                lambda: commit(qid, list(self.picker.selected), True, False)
            )
        else:
            self.picker.picked.connect(lambda value: commit(qid, value, False, False))
            self.picker.advance.connect(
                lambda: commit(
                    qid, self.picker.selected[0] if self.picker.selected else None, True, False
                )
            )


class EnterLineEdit(QtWidgets.QLineEdit):
    """A line edit whose Enter is handled by the field, not by a default button."""

    entered = QtCore.Signal()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
            completer = self.completer()
            popup = completer.popup() if completer is not None else None
            if completer is not None and popup is not None and popup.isVisible():
                index = popup.currentIndex()
                if index.isValid():  # the highlighted completion is the answer
                    self.setText(str(index.data()))
                elif completer.completionCount() == 1:  # the only one left
                    self.setText(completer.currentCompletion())
                popup.hide()
            self.entered.emit()
            return
        super().keyPressEvent(event)


class EnterTextEdit(QtWidgets.QPlainTextEdit):
    """Long text: Enter goes on, Shift+Enter starts a new line."""

    entered = QtCore.Signal()
    left = QtCore.Signal()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and not (
            event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier
        ):
            self.entered.emit()
            return
        if event.key() == QtCore.Qt.Key.Key_Tab:
            self.focusNextChild()
            return
        if event.key() == QtCore.Qt.Key.Key_Backtab:
            self.focusPreviousChild()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.left.emit()


class TextField(FieldFrame):
    """Text, numbers, dates, phone, country: saved on Enter, on leaving and after a pause."""

    def __init__(
        self,
        question: Question,
        label: str,
        hint: str,
        required: bool,
        text: str,
        commit: Commit,
        completions: Sequence[str] = (),
        placeholder: str = "",
    ) -> None:
        super().__init__(question, label, hint, required)
        self._commit = commit
        self._saved_text = text
        editor: EnterTextEdit | EnterLineEdit
        if question.type == "long_text":
            editor = EnterTextEdit()
            editor.setPlainText(text)
            editor.setFixedHeight(58)
            editor.setTabChangesFocus(True)
            editor.textChanged.connect(self._typed)
            editor.left.connect(self._left)
            self._text = editor.toPlainText
        else:
            line = EnterLineEdit(text)
            line.setPlaceholderText(placeholder)
            line.textEdited.connect(self._typed)
            line.editingFinished.connect(self._left)
            if completions:
                completer = QtWidgets.QCompleter(list(completions), line)
                completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(QtCore.Qt.MatchFlag.MatchContains)
                line.setCompleter(completer)
            editor = line
            self._text = line.text
        editor.setAccessibleName(label)
        editor.entered.connect(self._enter)
        self.editor = editor
        self.input = editor
        self.body.addWidget(editor)
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self._pause)
        self.live_check: Callable[[str], None] | None = None

    def text(self) -> str:
        return self._text()

    def _typed(self, *_: object) -> None:
        self.timer.start()
        if self.live_check is not None:
            self.live_check(self.text())

    def _enter(self) -> None:
        self.timer.stop()
        self._saved_text = self.text()
        self._commit(self.question.id, self.text(), True, False)

    def _left(self) -> None:
        if self.text() != self._saved_text:
            self.timer.stop()
            self._saved_text = self.text()
            self._commit(self.question.id, self.text(), False, False)

    def _pause(self) -> None:
        if self.text() != self._saved_text:
            self._saved_text = self.text()
            self._commit(self.question.id, self.text(), False, True)

    def pending(self) -> object | None:
        return self.text() if self.text() != self._saved_text else None

    def mark_unsaved(self) -> None:
        """The last save failed: leaving or pausing tries again."""
        self._saved_text = "\x00unsaved"


class NoteField(FieldFrame):
    """Text the officer reads out; nothing is asked."""

    def __init__(self, question: Question, label: str, hint: str) -> None:
        super().__init__(question, label, hint, False)
        self.title.setObjectName("noteText")


def choice_rows(choices: Sequence[Choice], language: str) -> list[tuple[str, str]]:
    return [(c.value, c.label.text(language)) for c in choices]
