"""The combining marks kept as a constant are the ones ``unicodedata`` gives."""

from __future__ import annotations

import unicodedata

from kt_workbench.search import marks


def test_the_kept_marks_are_this_unicode_versions() -> None:
    computed = marks.ranges(marks.mark_codes())
    if unicodedata.unidata_version == marks.UNICODE_VERSION:
        assert computed == marks.MARK_RANGES
    assert marks.mark_ranges() == computed
    assert "\\u0300-\\u036f" in computed  # the combining diacritics, as a regex range
