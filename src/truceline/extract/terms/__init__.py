"""Terms on the table: counts, durations, phases and conditions of a deal.

:func:`find_terms` reads a parsed :class:`~spacy.tokens.Doc` and returns every
:class:`TermMention` it supports, with the exact characters of the phrase that
carries it. It does not decide which event a term belongs to: the event
component matches ``token_start``/``token_end`` against its clauses.

The readings are structural. A count is a number word or digits attached to a
noun of people (``nummod``, or "hundreds of ..."), and the people count only
when a release, return, exchange or deal governs them in the parse, so that
"killed 47 Palestinians" or "59 hostages remain" make no term. A duration counts
when it modifies a ceasefire noun ("a 60-day truce", "a truce of 42 days") or an
extension ("extend ... for 42 days"). The word lists are in ``data/terms.yaml``;
each family of terms has its module here, and ``parse`` holds what they share.

Values follow ``ONTOLOGY.md``. Two choices the caller should know:

- ``party`` and the ``guarantees`` value are the words of the text ("Hamas",
  "US", "American", "Washington"), not actor ids: the actor component maps
  them with the gazetteer.
- ``withdrawal`` has the place as value ("the Netzarim corridor") and the
  direction ("from"/"to") as ``qualifier``; a withdrawal with no place but a
  scope ("a full withdrawal") has value ``None`` and the scope as qualifier.
- A count with no number has value ``None`` and the quantity as qualifier
  ("hundreds", "all").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from truceline.data import load
from truceline.data.files import TermsFile
from truceline.extract.terms.ceasefire import duration_terms, permanent_terms, phase_terms
from truceline.extract.terms.counts import (
    aid_terms,
    bare_count_terms,
    matched_swap_terms,
    people_terms,
    running_total_terms,
)
from truceline.extract.terms.displaced import displaced_terms
from truceline.extract.terms.guarantees import guarantee_terms
from truceline.extract.terms.lexicon import TermLexicon, read_term_lexicon
from truceline.extract.terms.parse import TermMention
from truceline.extract.terms.roles import count_role
from truceline.extract.terms.withdrawal import withdrawal_terms

__all__ = ["TermFinder", "TermLexicon", "TermMention", "find_terms"]

if not Doc.has_extension("term_mentions"):
    Doc.set_extension("term_mentions", default=None)


class TermFinder:
    """spaCy component: ``doc._.term_mentions``, every term the text states.

    It receives its lexicon at construction (the factory reads
    ``data/terms.yaml``), so a test can hand it another one.
    """

    def __init__(self, lexicon: TermLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.term_mentions = find_terms(doc, self.lexicon)
        return doc


@Language.factory("truceline_terms")
def make_term_finder(nlp: Language, name: str) -> TermFinder:
    """spaCy factory of :class:`TermFinder` with the bundled lexicon."""
    return TermFinder(read_term_lexicon(load(TermsFile)))


def find_terms(doc: Doc, lex: TermLexicon) -> list[TermMention]:
    """Every term the document supports, in text order, without duplicates."""
    found: list[TermMention] = []
    for sent in doc.sents:
        used: set[int] = set()
        # Each finder walks the sentence from an anchor word; a sentence
        # without any of its anchors (as lower case or lemma) is skipped whole.
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        if words & lex.people_anchors:
            found.extend(people_terms(sent, lex, used))
        if any(t.pos_ == "NUM" for t in sent):
            if words & lex.total_nouns:
                found.extend(running_total_terms(sent, lex, used))
            found.extend(bare_count_terms(sent, lex, used))
            found.extend(matched_swap_terms(sent, lex))
        if words & lex.aid_vehicles:
            found.extend(aid_terms(sent, lex))
        if words & lex.time_units:
            found.extend(duration_terms(sent, lex))
        if words & lex.phase_nouns:
            found.extend(phase_terms(sent, lex))
        if words & lex.permanent_anchors:
            found.extend(permanent_terms(sent, lex))
        if words & lex.withdrawal_anchors:
            found.extend(withdrawal_terms(sent, lex))
        if words & lex.guarantee_anchors:
            found.extend(guarantee_terms(sent, lex))
        if "return" in words:
            found.extend(displaced_terms(sent, lex))
    unique: dict[tuple, TermMention] = {}
    for m in found:
        key = (m.issue, repr(m.value), m.start, m.end, m.party)
        unique.setdefault(key, replace(m, count_role=count_role(doc, m, lex)))
    return sorted(unique.values(), key=lambda m: (m.start, m.end, m.issue))
