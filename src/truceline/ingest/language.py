"""A cheap check that an article is in English, the only language extracted.

The extractor's patterns and lexicons are English; a French or Arabic report
would yield an empty or, worse, a wrong record. Function words ("the",
"of", "and") make up about two in five words of English prose and are rare
in other languages, so their share separates the two without a language
model. The word list lives in ``data/english_function_words.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

MIN_WORDS = 20
"""Below this many words a text is not judged: a headline says too little."""

MIN_ENGLISH_SHARE = 0.15
"""English news prose scores 0.3-0.5; other languages score below 0.1."""

# Chinese and Japanese write without spaces: each ideograph or kana counts
# as a word, or a long report would look like a handful of words.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_UNSPACED}]|[^\W\d_{_UNSPACED}]+")


@dataclass(frozen=True)
class LanguageEvidence:
    """How many words a text has and how many of them are English function words."""

    words: int
    function_words: int

    @property
    def english_share(self) -> float:
        return self.function_words / self.words if self.words else 0.0

    @property
    def judged(self) -> bool:
        """Whether the text is long enough for the share to mean anything."""
        return self.words >= MIN_WORDS

    @property
    def looks_english(self) -> bool:
        return not self.judged or self.english_share >= MIN_ENGLISH_SHARE


def language_evidence(text: str) -> LanguageEvidence:
    """Count the words of ``text`` and its English function words."""
    words = _WORD.findall(text.lower())
    common = english_function_words()
    return LanguageEvidence(
        words=len(words),
        function_words=sum(1 for word in words if word in common),
    )


def non_english_reason(text: str) -> str | None:
    """Why ``text`` is not English, or None if it is (or is too short to tell)."""
    evidence = language_evidence(text)
    if evidence.looks_english:
        return None
    return (
        f"article appears not to be English (only {evidence.english_share:.0%} of its "
        f"{evidence.words} words are common English words like 'the' and 'of', "
        f"against {MIN_ENGLISH_SHARE:.0%} needed); skipped"
    )


@cache
def english_function_words() -> frozenset[str]:
    """The word list, read once from the package data."""
    path = files("truceline") / "data" / "english_function_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )
