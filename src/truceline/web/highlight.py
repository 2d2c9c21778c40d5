"""An article's text as HTML with the evidence of its events marked.

Article text is untrusted: the HTML is built only from escaped slices of
it, split at the evidence offsets, never by inserting tags into the raw
text. Spans may overlap (two events read from one sentence); the text is cut
at every span boundary and each piece is marked with every event covering it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One evidence span: characters ``[start, end)`` of the text, for event ``key``."""

    start: int
    end: int
    key: str
    label: str


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` escaped, with ``<mark>`` around every evidence span.

    An empty ``<span id="ev-KEY">`` precedes each span so that a link can
    point at it; each mark lists its events in ``data-events`` and names them
    in ``title``. Offsets outside the text are clamped; empty spans mark
    nothing.
    """
    size = len(text)
    clean = [
        Span(max(0, min(s.start, size)), max(0, min(s.end, size)), s.key, s.label) for s in spans
    ]
    clean = [s for s in clean if s.end > s.start]
    cuts = sorted({0, size, *(s.start for s in clean), *(s.end for s in clean)})
    out: list[str] = []
    for left, right in pairwise(cuts):
        piece = escape(text[left:right])
        covering = [s for s in clean if s.start <= left and right <= s.end]
        if not covering:
            out.append(piece)
            continue
        starting = [s.key for s in covering if s.start == left]
        out.extend(f'<span class="anchor" id="ev-{escape(key)}"></span>' for key in starting)
        keys = escape(" ".join(s.key for s in covering))
        labels = escape(", ".join(s.label for s in covering))
        depth = min(len(covering), 3)
        out.append(
            f'<mark class="evidence depth-{depth}" data-events="{keys}" '
            f'title="{labels}">{piece}</mark>'
        )
    return Markup("".join(out))
