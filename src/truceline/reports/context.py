"""The sentence around an evidence span, for ``show``: evidence is only clear in context."""

from __future__ import annotations

import re

from truceline.reports.views import EvidenceInContext

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n|\n")
MAX_SIDE = 300
"""Characters of context kept on either side at most, for run-on text with no full stop."""


def evidence_in_context(text: str, start: int, end: int) -> EvidenceInContext:
    """Split ``text`` around ``[start:end]`` at the sentence(s) holding the span.

    The context runs from the end of the previous sentence (or line) to the
    end of the sentence where the span ends, clipped to :data:`MAX_SIDE`
    characters either side. Offsets outside the text are clamped, so a stale
    offset shows less context rather than failing.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = max(0, start - MAX_SIDE)
    for match in _SENTENCE_END.finditer(text, left, start):
        left = match.end()
    right = min(len(text), end + MAX_SIDE)
    # A span that itself ends a sentence keeps its punctuation; look from its last char.
    following = _SENTENCE_END.search(text, max(start, end - 1), right)
    if following is not None:
        right = following.start() + len(following.group().rstrip())
    return EvidenceInContext(
        before=text[left:start].lstrip(),
        evidence=text[start:end],
        after=text[end:right].rstrip(),
        start=start,
        end=end,
    )
