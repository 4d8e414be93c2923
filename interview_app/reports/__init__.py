"""Recaps for supervisors: figures by SQL, a PDF with charts, CSV and XLSX exports."""
