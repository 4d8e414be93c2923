"""One editor widget per kind of setting, each with value() and set_value()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets

from interview_app.settings_spec import Kind, SettingSpec
from interview_app.ui.messages import say

PathAsker = Callable[[QtWidgets.QWidget, str], str]


def ask_open_file(parent: QtWidgets.QWidget, title: str) -> str:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title)
    return path


class SettingEditor(QtWidgets.QWidget):
    """The base: a spec and a value; subclasses hold the actual input widget."""

    def __init__(self, spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"setting_{spec.key}")
        self.setToolTip(say(spec.help))
        self.layout_ = QtWidgets.QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class TextEditor(SettingEditor):
    def __init__(self, spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QtWidgets.QLineEdit()
        self.edit.setMaxLength(spec.max_length)
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class MultilineEditor(SettingEditor):
    def __init__(self, spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QtWidgets.QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(64)
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class IntegerEditor(SettingEditor):
    def __init__(self, spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QtWidgets.QSpinBox()
        # The range is wider than the declaration so that the core's check, not the widget,
        # tells the supervisor what is allowed.
        self.edit.setRange(0, 100000)
        self.layout_.addWidget(self.edit)
        if spec.minimum is not None and spec.maximum is not None:
            hint = QtWidgets.QLabel(f"({spec.minimum}–{spec.maximum})")
            hint.setObjectName("fieldHint")
            self.layout_.addWidget(hint)
        self.layout_.addStretch(1)

    def value(self) -> Any:
        return self.edit.value()

    def set_value(self, value: Any) -> None:
        self.edit.setValue(int(value) if isinstance(value, int | float) else 0)


class BoolEditor(SettingEditor):
    def __init__(self, spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QtWidgets.QCheckBox(self.tr("Ya"))
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.isChecked()

    def set_value(self, value: Any) -> None:
        self.edit.setChecked(bool(value))


class ChoiceEditor(SettingEditor):
    def __init__(self, spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QtWidgets.QComboBox()
        if not spec.required:
            self.edit.addItem("—", "")
        for code, label in spec.choices:
            self.edit.addItem(say(label), code)
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.currentData()

    def set_value(self, value: Any) -> None:
        index = self.edit.findData("" if value is None else str(value))
        self.edit.setCurrentIndex(max(index, 0))


class PathEditor(SettingEditor):
    def __init__(
        self,
        spec: SettingSpec,
        parent: QtWidgets.QWidget | None = None,
        ask_path: PathAsker = ask_open_file,
    ) -> None:
        super().__init__(spec, parent)
        self.ask_path = ask_path
        self.edit = QtWidgets.QLineEdit()
        self.edit.setPlaceholderText(self.tr("(bawaan)"))
        browse = QtWidgets.QPushButton(self.tr("Pilih…"))
        browse.clicked.connect(self._browse)
        clear = QtWidgets.QPushButton(self.tr("Kosongkan"))
        clear.clicked.connect(self.edit.clear)
        self.layout_.addWidget(self.edit, 1)
        self.layout_.addWidget(browse)
        self.layout_.addWidget(clear)

    def _browse(self) -> None:
        chosen = self.ask_path(self, say(self.spec.label))
        if chosen:
            self.edit.setText(chosen)

    def value(self) -> Any:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class OutcomeCodesEditor(SettingEditor):
    """A small table: code, Indonesian label, English label, refers to BP3MI."""

    def __init__(self, spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(spec, parent)
        box = QtWidgets.QVBoxLayout()
        headers = [
            self.tr("Kode"),
            self.tr("Label (ID)"),
            self.tr("Label (EN)"),
            self.tr("Rujuk BP3MI"),
        ]
        self.table = QtWidgets.QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setSectionResizeMode(
            2, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(180)
        buttons = QtWidgets.QHBoxLayout()
        add = QtWidgets.QPushButton(self.tr("Tambah kode"))
        add.clicked.connect(lambda: self._add_row({}))
        remove = QtWidgets.QPushButton(self.tr("Hapus baris"))
        remove.clicked.connect(self._remove_row)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        box.addWidget(self.table)
        box.addLayout(buttons)
        self.layout_.addLayout(box)

    def _add_row(self, item: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, key in enumerate(("code", "label_id", "label_en")):
            self.table.setItem(row, column, QtWidgets.QTableWidgetItem(str(item.get(key, ""))))
        check = QtWidgets.QTableWidgetItem()
        check.setFlags(
            QtCore.Qt.ItemFlag.ItemIsUserCheckable
            | QtCore.Qt.ItemFlag.ItemIsEnabled
            | QtCore.Qt.ItemFlag.ItemIsSelectable
        )
        checked = bool(item.get("refers_bp3mi"))
        check.setCheckState(
            QtCore.Qt.CheckState.Checked if checked else QtCore.Qt.CheckState.Unchecked
        )
        self.table.setItem(row, 3, check)

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def value(self) -> Any:
        result = []
        for row in range(self.table.rowCount()):
            texts = []
            for column in range(3):
                item = self.table.item(row, column)
                texts.append(item.text() if item is not None else "")
            check = self.table.item(row, 3)
            result.append(
                {
                    "code": texts[0],
                    "label_id": texts[1],
                    "label_en": texts[2],
                    "refers_bp3mi": bool(
                        check is not None and check.checkState() == QtCore.Qt.CheckState.Checked
                    ),
                }
            )
        return result

    def set_value(self, value: Any) -> None:
        self.table.setRowCount(0)
        for item in value or []:
            self._add_row(item)


EDITORS: dict[Kind, type[SettingEditor]] = {
    Kind.TEXT: TextEditor,
    Kind.MULTILINE: MultilineEditor,
    Kind.INTEGER: IntegerEditor,
    Kind.BOOL: BoolEditor,
    Kind.CHOICE: ChoiceEditor,
    Kind.PATH: PathEditor,
    Kind.OUTCOME_CODES: OutcomeCodesEditor,
}


def editor_for(spec: SettingSpec, parent: QtWidgets.QWidget | None = None) -> SettingEditor:
    return EDITORS[spec.kind](spec, parent)
