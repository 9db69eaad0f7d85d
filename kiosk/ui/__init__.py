"""PySide6 screens, widgets and bridges; the only package besides ``app`` that imports Qt."""
