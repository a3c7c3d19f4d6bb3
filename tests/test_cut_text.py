"""Text cut to a width in cells: titles cut in the middle (the beginning and the end kept), the
width measured as a terminal draws it (Rich, which the workbench draws with, is the oracle)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from kt_workbench.cut_text import ELLIPSIS, cut_middle

TITLE = "Answer an order status enquiry for business arbryn cookware customers in Latvia"
TEXT = st.text(alphabet=st.sampled_from("ab cd efg 業務の手順 é\u0301-"), min_size=0, max_size=60)


def test_titles_sharing_their_beginning_stay_apart_on_a_narrow_terminal() -> None:
    latvia = cut_middle(TITLE, 30)
    lithuania = cut_middle(TITLE.replace("Latvia", "Lithuania"), 30)
    assert latvia == "Answer an order…in Latvia"
    assert lithuania == "Answer an order…Lithuania"


def test_wide_characters_count_twice() -> None:
    cut = cut_middle("CMOC業務の遂行方法とエスカレーションの手順について", 20)
    assert cell_len(cut) <= 20
    assert cut.startswith("CMOC業務") and cut.endswith("ついて")


def test_one_long_word_is_cut_inside_it() -> None:
    cut = cut_middle("Supercalifragilisticexpialidocious", 12)
    assert cut == "Superca…ious"


@given(TEXT, st.integers(min_value=0, max_value=70))
def test_a_cut_fits_and_keeps_a_beginning_and_an_end(text: str, width: int) -> None:
    cut = cut_middle(text, width)
    assert cell_len(cut) <= width
    if cell_len(text) <= width:
        assert cut == text
        return
    assert cut.count(ELLIPSIS) == 1 or not width
    head, _, tail = cut.partition(ELLIPSIS)
    assert text.startswith(head)
    assert text.endswith(tail)
