"""Evidence shown in the sentence it comes from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from truceline.reports.context import evidence_in_context

from .sample import ARTICLE, EVIDENCE


def test_context_is_the_sentence_around_the_evidence():
    start = ARTICLE.index(EVIDENCE)
    ctx = evidence_in_context(ARTICLE, start, start + len(EVIDENCE))
    assert (ctx.before, ctx.evidence, ctx.after) == ("Two Egyptian sources said ", EVIDENCE, ".")


def test_context_stops_at_the_headline_line():
    ctx = evidence_in_context(ARTICLE, 0, len("Hamas rejects"))
    assert (ctx.before, ctx.evidence, ctx.after) == ("", "Hamas rejects", " extension")


def test_offsets_beyond_the_text_are_clamped():
    ctx = evidence_in_context("Short.", 3, 99)
    assert (ctx.evidence, ctx.start, ctx.end) == ("rt.", 3, 6)


@given(st.text(max_size=200), st.integers(0, 250), st.integers(0, 250))
def test_context_always_contains_the_evidence_slice(text, a, b):
    start, end = min(a, b), max(a, b)
    ctx = evidence_in_context(text, start, end)
    assert ctx.evidence == text[ctx.start : ctx.end]
    assert (ctx.before + ctx.evidence + ctx.after) in text
