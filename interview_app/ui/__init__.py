"""The officer's desktop app in PySide6: windows, pages and widgets over the workflow layer."""
