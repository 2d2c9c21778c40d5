"""Evidence highlighting: marks built from escaped slices, at the exact offsets."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from truceline.web.highlight import Span, highlight

TAG = re.compile(r"<[^>]*>")


def plain(marked: str) -> str:
    """The text a browser shows: tags dropped, entities decoded."""
    return html.unescape(TAG.sub("", marked))


def test_one_span_is_marked_with_an_anchor_before_it():
    out = highlight("Hamas freed three. Israel agreed.", [Span(0, 18, "7", "RELEASE #7")])
    assert out == (
        '<span class="anchor" id="ev-7"></span>'
        '<mark class="evidence depth-1" data-events="7" title="RELEASE #7">Hamas freed three.</mark>'
        " Israel agreed."
    )


def test_markup_in_the_text_is_escaped_inside_and_outside_marks():
    out = highlight("<b>x</b> <script>y</script>", [Span(9, 17, "1", "E")])
    assert "<script>" not in out and "<b>" not in out
    assert ">&lt;script&gt;</mark>y&lt;/script&gt;" in out


def test_overlapping_spans_mark_the_shared_piece_with_both_events():
    out = highlight("abcdef", [Span(0, 4, "1", "A"), Span(2, 6, "2", "B")])
    assert '<mark class="evidence depth-2" data-events="1 2" title="A, B">cd</mark>' in out
    assert out.count('id="ev-1"') == out.count('id="ev-2"') == 1


def test_offsets_outside_the_text_are_clamped_and_empty_spans_ignored():
    out = highlight("abc", [Span(2, 99, "1", "A"), Span(1, 1, "2", "B")])
    assert plain(out) == "abc"
    assert 'id="ev-2"' not in out
    assert ">c</mark>" in out


def test_labels_and_keys_are_escaped():
    out = highlight("abc", [Span(0, 1, '"><x', "<y>")])
    assert "<x" not in out and "<y>" not in out


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from("abc")), max_size=6
)


@given(st.text(alphabet="ab<>&\"' \n", max_size=50), spans)
def test_the_shown_text_is_always_the_article_text(text, raw):
    out = highlight(text, [Span(s, e, k, k) for s, e, k in raw])
    assert plain(out) == text
    assert "<" not in TAG.sub("", out)
