"""``ktw list``'s table: ids whole, fitted to the terminal when it can be, nothing cut piped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kt_workbench.cli.table import table_lines
from kt_workbench.cut_text import cell_len

COLUMNS = ["id", "title", "team", "owner", "status", "score", "readiness"]
WORDS = st.text(alphabet=st.sampled_from("abc xyz-業務é"), min_size=1, max_size=50)
ROW = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z][a-z0-9-]{0,60}", fullmatch=True),
        "title": WORDS,
        "team": WORDS,
        "owner": WORDS,
        "status": st.sampled_from(["draft", "in-review", "approved"]),
        "score": st.integers(min_value=0, max_value=100),
        "readiness": st.sampled_from(["ready", "needs-work", "not-ready"]),
    }
)


def row(process_id: str, title: str) -> dict[str, object]:
    return {
        "id": process_id,
        "title": title,
        "team": "Billing support",
        "owner": "Priya Natarajan",
        "status": "approved",
        "score": 100,
        "readiness": "ready",
    }


def test_an_80_column_terminal_keeps_ids_whole_and_titles_apart() -> None:
    rows = [
        row("latvia-order-status", "Answer an order status enquiry for customers in Latvia"),
        row("lithuania-order-status", "Answer an order status enquiry for customers in Lithuania"),
    ]
    lines = table_lines(rows, COLUMNS, 80)
    assert all(cell_len(line) <= 80 for line in lines)
    assert lines[1].startswith("latvia-order-status ") and "Latvia" in lines[1]
    assert lines[2].startswith("lithuania-order-status ") and "Lithuania" in lines[2]
    assert "OWNER" not in lines[0] and "SCORE" in lines[0] and "READINESS" in lines[0]


def test_piped_nothing_is_cut_or_left_out() -> None:
    title = "Answer an order status enquiry for business customers in Latvia " * 3
    lines = table_lines([row("a", title)], COLUMNS, None)
    assert title.rstrip() in lines[1] and "Priya Natarajan" in lines[1]


@given(st.lists(ROW, min_size=1, max_size=6), st.integers(min_value=20, max_value=240))
def test_lines_fit_where_the_narrowing_allows_and_ids_stay_whole(
    rows: list[dict[str, object]], room: int
) -> None:
    lines = table_lines(rows, COLUMNS, room)
    assert len(lines) == len(rows) + 1
    for line, each in zip(lines[1:], rows, strict=True):
        assert line.startswith(f"{each['id']} ")
    least = max(len(str(r["id"])) for r in rows) + 12 + 5 + 10 + 3 * 2
    if room >= least:
        assert all(cell_len(line) <= room for line in lines)
