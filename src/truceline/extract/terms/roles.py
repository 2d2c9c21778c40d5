"""What a count of people is in its sentence: a batch, a total, a stock, a part or pending.

A number beside "hostages" is not always people freed now. News gives running
totals ("bringing the total to 105", "has freed 105 so far"), the people still
held ("the 59 hostages still held"), parts of another figure ("the figure
includes the 620", "including 69 women") and people still to be freed ("a list
of 42 prisoners to be released"). Which one a count is, is a reading of the
parse around the count's noun, so it is made here, once, and carried on the
term as ``count_role``; the ledger books only ``batch`` counts of actual
releases, and a ``total`` checks the batches instead of adding to them.

A count whose event is not actual (planned, possible, denied) is ``pending``
whatever its own words: that is set where the term meets its event
(:func:`truceline.extract.term_assignment.term_model`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from truceline.extract.terms.lexicon import TermLexicon
from truceline.extract.terms.parse import TermMention
from truceline.record import CountRole

_CLAUSE = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"})


def _path_up(noun: Token) -> Iterator[Token]:
    """The words from the count's noun up to the verb of its clause, both included."""
    t = noun
    for _ in range(12):
        yield t
        if t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE:
            return
        if t.head.i == t.i:
            return
        t = t.head


def _phrase(t: Token) -> str:
    return " ".join(w.lower_ for w in t.subtree)


def _is_total(path: list[Token], lex: TermLexicon) -> bool:
    for t in path:
        if t.lemma_.lower() in lex.total_nouns or t.lower_ in lex.total_nouns:
            return True
        for c in t.children:
            if c in path:
                continue
            if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lemma_.lower() in lex.total_nouns:
                return True  # "bringing the total to 105": the total is the verb's object
            if c.dep_ in ("advmod", "prep", "npadvmod", "pobj") and any(
                _phrase(c).startswith(a) for a in lex.total_adverbials
            ):
                return True
            if c.dep_ == "prep" and _over_a_phase(c, lex):
                return True
    return False


def _over_a_phase(prep: Token, lex: TermLexicon) -> bool:
    """ "During the first phase, 25 hostages were returned": the sum over a period of batches."""
    return prep.lower_ in ("during", "over", "throughout", "across") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in lex.phase_nouns for o in prep.children
    )


def _is_stock(noun: Token, lex: TermLexicon) -> bool:
    """ "59 hostages still held", "59 who remain in Gaza": people still held, not freed."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and (
            c.lemma_.lower() in lex.stock_words
            or c.lower_ in lex.stock_words
            or any(w.lower_ in lex.stock_words for w in c.children if w.dep_ == "advmod")
        ):
            return True
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in lex.stock_words


def _is_part(noun: Token, lex: TermLexicon) -> bool:
    """ "Includes the 620", "including 69 women": a part of another figure.

    Only the count's own noun as the object of "include": "the deal includes
    the release of 33" is what a deal holds, not a part.
    """
    head = noun.head
    return noun.dep_ in ("dobj", "pobj") and (
        head.lemma_.lower() in lex.part_words or head.lower_ in lex.part_words
    )


def _is_pending(noun: Token, path: list[Token], lex: TermLexicon) -> bool:
    """ "A list of 42 prisoners", "42 prisoners to be released": still to be freed."""
    if any(t.lemma_.lower() in lex.pending_nouns for t in path[1:] if t.pos_ == "NOUN"):
        return True
    return any(
        c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
        for c in noun.children
    )


def count_role(doc: Doc, term: TermMention, lex: TermLexicon) -> CountRole | None:
    """The role of a count term from its own words; None for a term that is no count of people."""
    if term.issue not in lex.count_issues:
        return None
    if (term.qualifier or "").lower() in lex.tally_qualifiers:
        return "total"
    span = doc[term.token_start : term.token_end]
    if not len(span):
        return "batch"
    noun = span.root
    path = list(_path_up(noun))
    if _is_total(path, lex):
        return "total"
    if _is_stock(noun, lex):
        return "stock"
    if _is_part(noun, lex):
        return "part"
    if _is_pending(noun, path, lex):
        return "pending"
    return "batch"
