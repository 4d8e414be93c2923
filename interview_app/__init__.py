"""Asisten Wawancara: offline interview assistant for immigration officers."""

__version__ = "0.1.0"
