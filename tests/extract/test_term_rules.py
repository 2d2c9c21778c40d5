"""Each family of term rules on hand-built parses, so a model upgrade does not move them.

The parses are written out token by token (word, head, dependency, part of
speech, tag, lemma), as spaCy tests its own rules; the production pipeline is
exercised end to end in ``test_terms.py``.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from truceline.data import load
from truceline.data.files import TermsFile
from truceline.extract.terms import TermFinder
from truceline.extract.terms.lexicon import read_term_lexicon

Row = tuple[str, int, str, str, str, str]  # word, head, dep, pos, tag, lemma


@pytest.fixture(scope="module")
def finder() -> TermFinder:
    return TermFinder(read_term_lexicon(load(TermsFile)))


# The English vocabulary gives tokens their lower-case forms; no model is loaded.
_VOCAB = spacy.blank("en").vocab


def parse(rows: list[Row]) -> Doc:
    words, heads, deps, pos, tags, lemmas = (list(c) for c in zip(*rows, strict=True))
    spaces = [
        not (i + 1 < len(words) and words[i + 1] in (".", ",", "-")) for i in range(len(words))
    ]
    spaces = [s and w != "-" for s, w in zip(spaces, words, strict=True)]
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
    )


def terms(finder: TermFinder, rows: list[Row]) -> list[tuple]:
    doc = finder(parse(rows))
    return [
        (m.issue, m.value, m.qualifier, m.party, doc.text[m.start : m.end])
        for m in doc._.term_mentions
    ]


# ------------------------------------------------------------------------ counts


def test_a_number_on_captives_freed_by_a_party_is_a_release_count(finder):
    rows = [
        ("Hamas", 1, "nsubj", "PROPN", "NNP", "Hamas"),
        ("freed", 1, "ROOT", "VERB", "VBD", "free"),
        ("three", 3, "nummod", "NUM", "CD", "three"),
        ("hostages", 1, "dobj", "NOUN", "NNS", "hostage"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == [("hostages_released", 3, None, "Hamas", "three hostages")]


def test_people_counted_under_no_release_make_no_term(finder):
    rows = [
        ("The", 1, "det", "DET", "DT", "the"),
        ("strike", 2, "nsubj", "NOUN", "NN", "strike"),
        ("killed", 2, "ROOT", "VERB", "VBD", "kill"),
        ("47", 4, "nummod", "NUM", "CD", "47"),
        ("Palestinians", 2, "dobj", "PROPN", "NNPS", "palestinians"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == []


def test_trucks_a_day_is_an_aid_rate(finder):
    rows = [
        ("Israel", 2, "nsubj", "PROPN", "NNP", "Israel"),
        ("will", 2, "aux", "AUX", "MD", "will"),
        ("allow", 2, "ROOT", "VERB", "VB", "allow"),
        ("600", 4, "nummod", "NUM", "CD", "600"),
        ("trucks", 2, "dobj", "NOUN", "NNS", "truck"),
        ("a", 6, "det", "DET", "DT", "a"),
        ("day", 4, "npadvmod", "NOUN", "NN", "day"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == [("aid_trucks_per_day", 600, None, None, "600 trucks a day")]


# --------------------------------------------------------------------- ceasefire


def test_a_length_on_a_truce_noun_is_its_days(finder):
    rows = [
        ("Mediators", 1, "nsubj", "NOUN", "NNS", "mediator"),
        ("proposed", 1, "ROOT", "VERB", "VBD", "propose"),
        ("a", 6, "det", "DET", "DT", "a"),
        ("60", 5, "nummod", "NUM", "CD", "60"),
        ("-", 5, "punct", "PUNCT", "HYPH", "-"),
        ("day", 6, "compound", "NOUN", "NN", "day"),
        ("truce", 1, "dobj", "NOUN", "NN", "truce"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == [("ceasefire_days", 60, None, None, "a 60-day truce")]


def test_a_permanent_ceasefire_is_a_permanence_term(finder):
    rows = [
        ("Hamas", 1, "nsubj", "PROPN", "NNP", "Hamas"),
        ("demands", 1, "ROOT", "VERB", "VBZ", "demand"),
        ("a", 4, "det", "DET", "DT", "a"),
        ("permanent", 4, "amod", "ADJ", "JJ", "permanent"),
        ("ceasefire", 1, "dobj", "NOUN", "NN", "ceasefire"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == [
        ("ceasefire_permanent", True, None, None, "a permanent ceasefire")
    ]


# -------------------------------------------------------------------- withdrawal


def test_withdrawing_from_a_place_gives_the_place_and_the_direction(finder):
    rows = [
        ("Israel", 2, "nsubj", "PROPN", "NNP", "Israel"),
        ("will", 2, "aux", "AUX", "MD", "will"),
        ("withdraw", 2, "ROOT", "VERB", "VB", "withdraw"),
        ("from", 2, "prep", "ADP", "IN", "from"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("Netzarim", 6, "compound", "PROPN", "NNP", "Netzarim"),
        ("corridor", 3, "pobj", "NOUN", "NN", "corridor"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == [
        (
            "withdrawal",
            "the Netzarim corridor",
            "from",
            "Israel",
            "withdraw from the Netzarim corridor",
        )
    ]


def test_withdrawing_from_the_talks_is_no_withdrawal_of_forces(finder):
    rows = [
        ("Hamas", 1, "nsubj", "PROPN", "NNP", "Hamas"),
        ("withdrew", 1, "ROOT", "VERB", "VBD", "withdraw"),
        ("from", 1, "prep", "ADP", "IN", "from"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("talks", 2, "pobj", "NOUN", "NNS", "talk"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == []


# -------------------------------------------------------------------- guarantees


def test_each_party_offering_guarantees_is_a_guarantor(finder):
    rows = [
        ("Egypt", 3, "nsubj", "PROPN", "NNP", "Egypt"),
        ("and", 0, "cc", "CCONJ", "CC", "and"),
        ("Qatar", 0, "conj", "PROPN", "NNP", "Qatar"),
        ("offered", 3, "ROOT", "VERB", "VBD", "offer"),
        ("guarantees", 3, "dobj", "NOUN", "NNS", "guarantee"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ]
    evidence = "Egypt and Qatar offered guarantees"
    assert terms(finder, rows) == [
        ("guarantees", "Egypt", None, None, evidence),
        ("guarantees", "Qatar", None, None, evidence),
    ]


def test_guarantees_nobody_gives_name_no_guarantor(finder):
    rows = [
        ("The", 1, "det", "DET", "DT", "the"),
        ("guarantees", 2, "nsubj", "NOUN", "NNS", "guarantee"),
        ("matter", 2, "ROOT", "VERB", "VBP", "matter"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == []


# --------------------------------------------------------------------- displaced


def test_displaced_people_returning_is_a_return_term(finder):
    rows = [
        ("Displaced", 1, "amod", "ADJ", "JJ", "displaced"),
        ("people", 3, "nsubj", "NOUN", "NNS", "people"),
        ("will", 3, "aux", "AUX", "MD", "will"),
        ("return", 3, "ROOT", "VERB", "VB", "return"),
        ("to", 3, "prep", "ADP", "IN", "to"),
        ("northern", 6, "amod", "ADJ", "JJ", "northern"),
        ("Gaza", 4, "pobj", "PROPN", "NNP", "Gaza"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == [
        ("displaced_return", True, None, None, "Displaced people will return to northern Gaza")
    ]


def test_people_returning_who_are_not_displaced_make_no_return_term(finder):
    rows = [
        ("The", 1, "det", "DET", "DT", "the"),
        ("envoys", 2, "nsubj", "NOUN", "NNS", "envoy"),
        ("returned", 2, "ROOT", "VERB", "VBD", "return"),
        ("to", 2, "prep", "ADP", "IN", "to"),
        ("Cairo", 3, "pobj", "PROPN", "NNP", "Cairo"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ]
    assert terms(finder, rows) == []
