"""The gazetteer's names regex: a trie that matches exactly what the flat alternation does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from truceline.data.gazetteer import load_gazetteer, names_trie


def _flat(words: list[str]) -> re.Pattern[str]:
    """The alternation the trie replaces: every name, longest first."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", re.IGNORECASE)


def _trie(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b" + names_trie(set(words)) + r"\b", re.IGNORECASE)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


_NAME = st.text(alphabet="abé -.'", min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=8), st.text(alphabet="aAbBéÉ -.',", max_size=40))
def test_the_trie_matches_where_the_longest_first_alternation_does(words, text):
    assert _spans(_trie(words), text) == _spans(_flat(words), text)


def test_a_longer_name_wins_and_a_shorter_one_is_taken_when_the_longer_is_cut_short():
    pattern = _trie(["Gaza", "Gaza Strip", "Strip"])
    assert [m.group(0) for m in pattern.finditer("the Gaza Strip and Gaza Stripes")] == [
        "Gaza Strip",
        "Gaza",
    ]


def test_the_gazetteer_names_every_actor_a_sentence_names_as_the_flat_alternation_does():
    pattern, names = load_gazetteer().names_pattern
    text = (
        "Egyptian and Qatari mediators met Hamas officials in Cairo; the Israeli "
        "prime minister's office, Witkoff and the United States said little."
    )
    assert _spans(pattern, text) == _spans(_flat(list(names)), text)
    assert {names[m.group(0).lower()] for m in pattern.finditer(text)} >= {"EGY", "QAT", "HAMAS"}
