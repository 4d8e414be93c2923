"""The calm look: one stylesheet, sizes in points so 100-200% scaling stays readable; the
keyboard focus is always visible (a blue frame, or underlined text for check boxes and tabs)."""

STYLE = """
QWidget { font-size: 10pt; }
QLabel#pageTitle { font-size: 14pt; font-weight: bold; color: #123b5d; }
QLabel#sectionTitle { font-size: 13pt; font-weight: bold; color: #123b5d; padding: 2px 0; }
QLabel#fieldTitle { font-weight: bold; }
QLabel#fieldHint, QLabel#keyHelp { color: #555; font-size: 9pt; }
QLabel#noteText { color: #1f4e79; font-style: italic; }
QLabel#fieldMessage[level="error"] { color: #a11b1b; font-weight: bold; }
QLabel#fieldMessage[level="warning"] { color: #8a5a00; }
QLabel#score { font-size: 12pt; font-weight: bold; color: #7a1010; }
QLabel#suggestion { font-weight: bold; }
QLabel[required="true"] { color: #a11b1b; font-weight: bold; }
QFrame[current="true"] { background: #eaf2fb; border: 1px solid #7fa7d1; border-radius: 4px; }
QFrame#choicePicker { border: 1px solid #bbb; border-radius: 3px; background: white; }
QFrame#choicePicker:focus { border: 2px solid #1f6fb2; }
QLabel#choice { padding: 1px 6px; border-radius: 3px; }
QLabel#choice[selected="true"] { background: #1f6fb2; color: white; font-weight: bold; }
QLabel#choice[cursor="true"] { border: 1px dashed #1f6fb2; }
QGroupBox { font-weight: bold; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 3px; }
QGroupBox#riskPanel QListWidget { color: #7a1010; }
QGroupBox#repeatPanel QListWidget { color: #5b3a00; }
QLabel#repeatSummary[alert="true"] { color: #a11b1b; font-weight: bold; }
QListWidget#flagSummary { color: #7a1010; }
QPushButton#primary, QPushButton#completeButton { background: #1f6fb2; color: white; font-weight: bold; padding: 6px 14px; border-radius: 4px; }
QPushButton#primary:disabled, QPushButton#completeButton:disabled { background: #a9bfd3; color: #f2f5f8; }
QLabel#reminder { background: #fff4d6; border: 1px solid #d9a400; color: #5b3a00; padding: 6px; }
QLineEdit:focus, QPlainTextEdit:focus { border: 2px solid #1f6fb2; }
QComboBox:focus, QDateEdit:focus, QSpinBox:focus, QTextBrowser:focus { border: 2px solid #1f6fb2; }
QListWidget:focus, QTreeWidget:focus, QTableWidget:focus { border: 2px solid #1f6fb2; }
QPushButton:focus { border: 2px solid #1f6fb2; border-radius: 4px; padding: 4px 10px; }
QCheckBox:focus { color: #1f6fb2; text-decoration: underline; }
QTabBar::tab:focus { text-decoration: underline; }
"""
