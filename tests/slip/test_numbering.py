"""Letter numbers from the office's pattern, and the pattern setting refusing what cannot work."""

from __future__ import annotations

import datetime as dt

import pytest

from interview_app.settings_spec import SettingsInvalid, spec_for
from interview_app.slip.numbering import letter_number

DAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("pattern", "station", "expected"),
    [
        (
            "W.23.IMI.IMI.1-GR.02.06-{nomor}/{bulan}/{tahun}",
            None,
            "W.23.IMI.IMI.1-GR.02.06-0017/XII/2026",
        ),
        ("{kantor}-GR.02.06-{nomor}/{bulan}/{tahun}", None, "PLU-GR.02.06-0017/XII/2026"),
        ("{kantor}.{loket}-{nomor}/{bulan}/{tahun}", "a", "PLU.A-0017/XII/2026"),
        # Two counters of one office never print the same number, even without {loket}.
        ("{kantor}-{nomor}/{bulan}/{tahun}", "b", "PLU-0017.B/XII/2026"),
        # A brace that names nothing is left as it is (never str.format with office text).
        ("{nomor}/{tahun}/{0.__class__}", None, "0017/2026/{0.__class__}"),
    ],
)
def test_letter_number(pattern: str, station: str | None, expected: str) -> None:
    assert letter_number(pattern, 17, DAY, "plu", station) == expected


def test_roman_months() -> None:
    months = [letter_number("{bulan}", 1, dt.date(2026, m, 1), "X", None) for m in range(1, 13)]
    assert months == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@pytest.mark.parametrize(
    "pattern",
    ["{nomor}/{bulan}", "{tahun}-{bulan}", "SURAT {nomor}/{tahun}", "{nomor}/{tahun}/{hari}", ""],
)
def test_the_pattern_setting_refuses_what_cannot_make_a_letter_number(pattern: str) -> None:
    spec = spec_for("letter_number_pattern")
    with pytest.raises(SettingsInvalid) as refused:
        spec.validate(pattern)
    message = refused.value.problems[0]
    assert "Pola nomor surat" in message.id and "Letter number pattern" in message.en
