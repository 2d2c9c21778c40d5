"""Evidence: the exact characters of the article that support a value.

Every event, claim and term of a record carries its evidence as offsets into
the article text; the record checks them (``check_offsets``) before it leaves.
"""

from __future__ import annotations

from spacy.tokens import Span

from truceline.record import Evidence


def evidence_for(text: str, start_char: int, end_char: int) -> Evidence:
    """Evidence over ``[start_char, end_char)`` of ``text``, surrounding whitespace trimmed.

    ``text`` is the article text the ``Doc`` was made from (``doc.text`` is
    rebuilt from the tokens on every access, which is slow).
    """
    while start_char < end_char and text[start_char].isspace():
        start_char += 1
    while end_char > start_char and text[end_char - 1].isspace():
        end_char -= 1
    return Evidence(start=start_char, end=end_char, text=text[start_char:end_char])


def span_evidence(span: Span) -> Evidence:
    """Evidence over a span of the ``Doc`` made from the article text."""
    return evidence_for(span.doc.user_data["truceline_text"], span.start_char, span.end_char)
