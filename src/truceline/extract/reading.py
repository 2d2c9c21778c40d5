"""The negotiation reading: whether a trigger names a negotiation event at all.

Ordinary news uses the trigger words in their everyday senses: "a statement
released on Thursday", "the company agreed to buy", "the committee met", "a
trade deal", "released on parole". An event is recorded only when it has a
negotiation reading, decided here in one place from ``data/reading.yaml``:

1. its own words are not read in another sense: a release of a thing (a
   statement, data, a product) or in a civil setting (on parole, from
   hospital), or a trigger noun of another domain ("trade deal", "wage talks");
2. and it is a truce (a CEASEFIRE trigger only fires on one), frees captives
   or remains, or a negotiation surrounds it: its sentence names a truce, captives, a
   peace process, a war or a party to a conflict (an armed group, or a party of
   a process of ``data/processes.yaml`` or its side), or its article names such
   things at least ``article_mentions`` times.

Mediators (the US, Qatar, the UN) give no reading by themselves: they act in
every kind of news. Events with implicit actors ("the two sides agreed", a
release with no agent) need the same reading as any other and find it in the
report they come from.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from truceline.data import load
from truceline.data.files import ProcessesFile, ReadingFile
from truceline.data.gazetteer import Gazetteer
from truceline.extract.syntax import grammatical_subject
from truceline.record import EventType

_THEME_DEPS = frozenset({"nsubjpass", "dobj"})


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


@dataclass(frozen=True)
class NegotiationReading:
    """The cues of ``reading.yaml`` as sets, with the parties of the bundled processes."""

    truce_words: frozenset[str]
    captive_words: frozenset[str]
    remains_words: frozenset[str]
    peace_heads: frozenset[str]
    war_words: frozenset[str]
    party_kinds: frozenset[str]
    article_mentions: int
    release_things: frozenset[str]
    release_settings: frozenset[str]
    other_domains: frozenset[str]
    conflict_parties: frozenset[str]

    @classmethod
    def from_data(cls, data: ReadingFile, processes: ProcessesFile) -> NegotiationReading:
        parties: set[str] = set()
        for process in processes.processes:
            parties.update(process.parties or ())
            for members in (process.sides or {}).values():
                parties.update(members)
        return cls(
            truce_words=_words(data.truce_words),
            captive_words=_words(data.captive_words),
            remains_words=_words(data.remains_words),
            peace_heads=_words(data.peace_heads),
            war_words=_words(data.war_words),
            party_kinds=_words(data.party_kinds),
            article_mentions=data.article_mentions,
            release_things=_words(data.release_things),
            release_settings=_words(data.release_settings),
            other_domains=_words(data.other_domains),
            conflict_parties=frozenset(parties),
        )

    @classmethod
    def bundled(cls) -> NegotiationReading:
        """The reading of the bundled ``reading.yaml`` and ``processes.yaml``."""
        return cls.from_data(load(ReadingFile), load(ProcessesFile))

    # -------------------------------------------------------------- context

    def names_the_subject(self, token: Token) -> bool:
        """A word for what negotiations are about: a truce, captives, peace talks, a war."""
        lemma, low = token.lemma_.lower(), token.lower_
        if lemma in self.truce_words or low in self.truce_words:
            return True
        if lemma in self.captive_words or low in self.captive_words:
            return True
        if token.pos_ == "NOUN" and lemma in self.war_words:
            return True
        return lemma == "peace" and token.head.lemma_.lower() in self.peace_heads

    def is_conflict_party(self, actor_id: str, gazetteer: Gazetteer) -> bool:
        """An armed group, or a party (or side) of a known process."""
        return gazetteer.kind_of(actor_id) in self.party_kinds or actor_id in self.conflict_parties

    def article_reads(self, doc: Doc, gazetteer: Gazetteer) -> bool:
        """Whether the report is about a negotiation: its subject named more than in passing.

        One mention is not enough: "the Ceasefire Detroit charity" in a crime
        report, "the smartphone wars" in a business one.
        """
        count = sum(1 for token in doc if self.names_the_subject(token))
        count += sum(
            1 for m in doc._.actor_mentions or () if self.is_conflict_party(m.actor_id, gazetteer)
        )
        return count >= self.article_mentions

    def sentence_reads(self, sent: Span, gazetteer: Gazetteer) -> bool:
        """Whether a sentence names a truce, captives, a war or a party to a conflict."""
        if any(self.names_the_subject(t) for t in sent):
            return True
        return any(
            sent.start <= m.start < sent.end and self.is_conflict_party(m.actor_id, gazetteer)
            for m in sent.doc._.actor_mentions or ()
        )

    # --------------------------------------------------------------- senses

    def other_sense(self, trigger: Token, event_type: EventType) -> bool:
        """Whether the trigger's own words read it in an everyday sense.

        "Released a statement", "data released by the ministry", "released on
        parole", "treated and released"; "a free trade deal", "wage talks".
        """
        if event_type == EventType.RELEASE:
            theme = _theme(trigger)
            if theme is not None and theme.lemma_.lower() in self.release_things:
                return True
            for prep in (c for c in trigger.children if c.dep_ == "prep"):
                if any(
                    c.dep_ == "pobj" and c.lemma_.lower() in self.release_settings
                    for c in prep.children
                ):
                    return True
            if trigger.dep_ == "conj" and trigger.head.lemma_.lower() == "treat":
                return True  # "treated and released": by a hospital
        if trigger.pos_ in ("NOUN", "PROPN"):
            return any(
                c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.other_domains
                for c in trigger.children
            )
        return False

    def holds(
        self, trigger: Token, event_type: EventType, article_reads: bool, gazetteer: Gazetteer
    ) -> bool:
        """The one decision: the trigger's words in their negotiation sense, in a negotiation."""
        if self.other_sense(trigger, event_type):
            return False
        if event_type == EventType.CEASEFIRE:
            return True  # its trigger only fires on a truce ("the truce expired")
        if event_type == EventType.RELEASE and self.frees_captives(trigger):
            return True  # "6,000 bodies are to be exchanged"
        return article_reads or self.sentence_reads(trigger.sent, gazetteer)

    def frees_captives(self, trigger: Token) -> bool:
        """A release whose released are captives or remains ("bodies are to be exchanged")."""
        theme = _theme(trigger)
        if theme is None and any(c.dep_ == "auxpass" for c in trigger.children):
            theme = grammatical_subject(trigger)  # "6,000 bodies are to be exchanged"
        if theme is None:
            return False
        words = {theme.lemma_.lower(), theme.lower_}
        return bool(words & (self.captive_words | self.remains_words))


def _theme(trigger: Token) -> Token | None:
    """What a release lets go: its object, passive subject, "of" phrase or modified noun."""
    for child in trigger.children:
        if child.dep_ in _THEME_DEPS:
            return child
        if child.dep_ == "prep" and child.lower_ == "of" and trigger.pos_ == "NOUN":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if trigger.dep_ in ("amod", "acl") and trigger.head.pos_ in ("NOUN", "PROPN"):
        return trigger.head  # "a statement released on Thursday"
    return None
