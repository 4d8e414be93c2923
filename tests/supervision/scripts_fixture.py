"""Script texts for the script tests: the mini fixture, a broken copy and an edited copy."""

from __future__ import annotations

from tests.conftest import FIXTURES

MINI = (FIXTURES / "scripts" / "mini.yaml").read_text(encoding="utf-8")

# Four problems on four lines: an unknown name in a relevance, a duplicate id, a missing
# translation, an unknown constant in a risk rule.
BROKEN = (
    MINI.replace("version: 1", "version: 2")
    .replace("relevant: \"purpose != 'kerja'\"", "relevant: \"purpse != 'kerja'\"")
    .replace(
        "      - id: info\n",
        '      - id: destination\n        type: text\n        label: {id: "Lagi", en: "Again"}\n'
        "      - id: info\n",
    )
    .replace('label: {id: "Gaji", en: "Salary"}', 'label: {id: "Gaji"}')
    .replace('when: "destination in scam_countries"', 'when: "destination in scam_countriez"')
)
BROKEN_LINES = (54, 61, 77, 91)

# Version 2: `job` renamed to `occupation` (same type and label), `documents` removed (and the
# rule that read it), `salary` reworded, a risk rule re-weighted, an outcome rule changed.
EDITED = (
    MINI.replace("version: 1", "version: 2")
    .replace("      - id: job\n", "      - id: occupation\n")
    .replace(
        "      - id: documents\n        type: multiple\n"
        '        label: {id: "Dokumen", en: "Documents"}\n        choices:\n'
        '          - {value: visa, label: {id: "Visa kerja", en: "Work visa"}}\n'
        '          - {value: kontrak, label: {id: "Kontrak", en: "Contract"}}\n',
        "",
    )
    .replace(
        "  - id: work_without_visa\n"
        "    when: \"not selected(documents, 'visa')\"\n"
        "    weight: 2\n"
        '    reason: {id: "Bekerja tanpa visa kerja", en: "Working without a work visa"}\n',
        "",
    )
    .replace(
        'label: {id: "Gaji", en: "Salary"}', 'label: {id: "Gaji per bulan", en: "Monthly salary"}'
    )
    .replace('when: "intends_work"\n    weight: 3', 'when: "intends_work"\n    weight: 4')
    .replace('when: "hard_flag or score >= 5"', 'when: "hard_flag or score >= 6"')
)
