"""The relevance screen: which articles of a stream go through the full pipeline.

Most of a news stream is about something else than talks, and spaCy's parse
is what an article costs. The screen reads the raw text, with no model, and
keeps an article when it has a word of truces or captives; or a party of the
gazetteer with a word of talks ("Israeli negotiators"); or a party and an act
a few words before a deal ("Hamas approved the Egyptian proposal"), these two
only in a conflict: a word of one ("war", "peace") or a party to one (as
:class:`~truceline.extract.reading.NegotiationReading` reads it: extraction
reads no talks and no deal elsewhere, so none is lost); or a party, a
release verb and a count of people ("Ukraine brought home 230 defenders").
Its words are ``data/screen.yaml``, drawn from the lexicons
extraction reads, so a trigger or a party added there is seen by the screen
as well (and a gazetteer given with ``--gazetteer`` too).

What it drops is never lost: the extractor yields a
:class:`~truceline.extract.screened.ScreenedOut` in the article's place,
which ``extract`` and ``ingest`` count and list. The screen errs towards
keeping: a kept article costs a parse, a dropped one a record.

Matching is on tokens (one regular expression, compiled once) against sets,
so a text costs a fraction of a millisecond whatever the size of the
lexicons: about a five-hundredth of spaCy's parse (``bench/stream_bench.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from truceline.data import bundled_models, load
from truceline.data.files import ScreenFile, ScreenWords, TriggerEntry
from truceline.data.gazetteer import Gazetteer
from truceline.errors import TrucelineError
from truceline.extract.reading import NegotiationReading
from truceline.record import Article

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*")
# Over an article's tokens, one a line: a possessive ending one, a token with parts.
_POSSESSIVE = re.compile(r"['’]s$", re.MULTILINE)
_COMPOUND = re.compile(r"^.*['’-].*$", re.MULTILINE)
_PARTS = re.compile(r"['’\n-]")
# A capitalised word and the spaces before a word: "World " of "World War II".
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")

NO_PARTY = "no word of truces or captives, and no party of the gazetteer"
PARTY_ONLY = (
    "a party, but no word of truces or captives, no talks or deal in a conflict, no release count"
)


class ScreenDataError(TrucelineError):
    """A ``file:key`` of ``screen.yaml`` that names no word list of the lexicons."""


class Phrases:
    """Words and multi-word phrases, found among an article's tokens.

    A one-word entry is a set lookup; a phrase is looked for only where its
    first word occurs. Entries that are written all in capitals ("US", "IDF")
    match only in capitals, so the pronoun "us" is no United States.
    """

    def __init__(self, entries: Iterable[str], stems: Iterable[str] = ()) -> None:
        self.words: set[str] = set()
        self.capitals: set[str] = set()
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for entry in entries:
            tokens = tuple(_TOKEN.findall(entry))
            if not tokens:
                continue
            if len(tokens) == 1 and entry.isupper() and len(tokens[0]) > 1:
                self.capitals.add(tokens[0])
            elif len(tokens) == 1:
                self.words.add(tokens[0].lower())
            else:
                lowered = tuple(t.lower() for t in tokens)
                self.phrases.setdefault(lowered[0], []).append(lowered[1:])
        self.stems = tuple(s.lower() for s in stems)

    def found_in(self, text: Tokens) -> bool:
        if not self.words.isdisjoint(text.lower_set) or not self.capitals.isdisjoint(text.cased):
            return True
        if any(_begins_a_word(text.lower_lines, stem) for stem in self.stems):
            return True
        for first in text.lower_set.intersection(self.phrases):
            for rest in self.phrases[first]:
                if text.lower_set.issuperset(rest) and text.has_phrase(first, rest):
                    return True
        return False

    def positions_in(self, text: Tokens) -> list[int]:
        """Where a one-word entry stands (the counted people of a count)."""
        if self.words.isdisjoint(text.lower_set):
            return []
        return [i for i, token in enumerate(text.lower) if token in self.words]


class Tokens:
    """An article's words, as the screen reads them: cased, lowered, and as sets."""

    def __init__(self, text: str) -> None:
        self.text = text
        # "Israel's" and "Hamas-run" are one token here but two to spaCy, which finds the
        # party in them: the possessive is dropped and the parts of a compound are words too.
        # Each step is one call over the whole text, none a Python loop over its words.
        lines = "\n".join(_TOKEN.findall(text))
        if "s" in lines and ("'" in lines or "’" in lines):
            lines = _POSSESSIVE.sub("", lines)
        self.lower_lines = lines.lower()
        self.lower = self.lower_lines.split("\n") if lines else []
        parts = _PARTS.split("\n".join(_COMPOUND.findall(lines)))
        self.cased = set(lines.split("\n")).union(parts)
        self.lower_set = set(self.lower).union(p.lower() for p in parts)

    def has_phrase(self, first: str, rest: tuple[str, ...]) -> bool:
        """Whether ``first`` stands somewhere right before the words of ``rest``."""
        at = -1
        while True:
            try:
                at = self.lower.index(first, at + 1)
            except ValueError:
                return False
            if tuple(self.lower[at + 1 : at + 1 + len(rest)]) == rest:
                return True


class RelevanceScreen:
    """Decides from the raw text whether an article may hold a negotiation event."""

    def __init__(self, data: ScreenFile, gazetteer: Gazetteer) -> None:
        irregular = {k.lower(): v for k, v in data.irregular.items()}
        self.topic = _phrases(data.topic, irregular)
        self.talks = _phrases(data.talks, irregular)
        self.deal = _phrases(data.deal, irregular)
        self.acts = _phrases(data.acts, irregular)
        self.released = _phrases(data.released, irregular)
        self.counted = _phrases(data.counted, irregular)
        self.numbers = {w.lower() for ref in data.numbers for w in lexicon_words(ref)}
        self.window = data.window
        self.parties = Phrases(_names(gazetteer.actors.values()))
        self.conflict = _phrases(data.conflict, irregular)
        self.war = _phrases(data.war, irregular)
        self._war_at = _word_pattern(self.war.words)
        reading = NegotiationReading.bundled()
        self.conflict_parties = Phrases(
            _names(
                entry
                for actor_id, entry in gazetteer.actors.items()
                if reading.is_conflict_party(actor_id, gazetteer)
            )
        )

    @classmethod
    def bundled(cls, gazetteer: Gazetteer) -> RelevanceScreen:
        """The screen of ``data/screen.yaml`` over ``gazetteer`` (the extractor's own)."""
        return cls(load(ScreenFile), gazetteer)

    def keeps(self, article: Article) -> bool:
        """True when the article may report a negotiation event and must be parsed."""
        return self.reason_to_drop(article) is None

    def reason_to_drop(self, article: Article) -> str | None:
        """Why the article is about no negotiation (what it lacks), or None when it is kept.

        The reason is stored with a screened-out article, so an analyst reading
        the list can tell a report with no party from one with a party only.
        """
        text = article.text
        if article.title and article.title not in text:
            text = f"{article.title}\n{text}"
        tokens = Tokens(text)
        if self.topic.found_in(tokens):
            return None
        if not self.parties.found_in(tokens):
            return NO_PARTY
        if (self.talks.found_in(tokens) or self._act_on_deal(tokens)) and self._in_a_conflict(
            tokens
        ):
            return None
        if self.released.found_in(tokens) and self._has_count(tokens):
            return None
        return PARTY_ONLY

    def _in_a_conflict(self, tokens: Tokens) -> bool:
        """A word of a conflict or a party to one: without either, extraction reads no event
        of talks or of a deal (``NegotiationReading.holds``), so the article is not parsed."""
        return (
            self.conflict.found_in(tokens)
            or self.conflict_parties.found_in(tokens)
            or self._names_a_war(tokens)
        )

    def _names_a_war(self, tokens: Tokens) -> bool:
        """A noun of war written as a common noun, not as part of a name ("World War II").

        Extraction's reading counts "war" only when the parser tags it a common
        noun, and it tags a capitalised "War" after a capitalised word a proper
        noun ("the Cold War", "the Korean War"); a word in capitals ("WAR") counts.
        """
        if self.war.words.isdisjoint(tokens.lower_set):
            return False
        return any(not _in_a_name(tokens.text, m) for m in self._war_at.finditer(tokens.text))

    def _act_on_deal(self, tokens: Tokens) -> bool:
        """An act a few words before a deal ("accepted the US proposal", "rejected the plan")."""
        acts = self.acts.positions_in(tokens)
        if not acts:
            return False
        deals = self.deal.positions_in(tokens)
        return any(0 < d - a <= self.window for a in acts for d in deals)

    def _has_count(self, tokens: Tokens) -> bool:
        """A number a few words before people of a release ("freed 95 Ukrainian servicemen")."""
        for at in self.counted.positions_in(tokens):
            before = tokens.lower[max(0, at - self.window) : at]
            if any(_is_number(t) or t in self.numbers for t in before):
                return True
        return False


def _names(entries: Iterable[Any]) -> list[str]:
    """Every name the gazetteer knows an actor by: name, aliases, demonyms, people."""
    return [
        name
        for entry in entries
        for name in (*entry.aliases, *entry.demonyms, *entry.people, entry.name)
    ]


def _word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One expression, compiled once, that finds any of ``words`` as a whole word, in any case."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


def _begins_a_word(text: str, stem: str) -> bool:
    """Whether ``stem`` begins a word of ``text`` (a substring search, not a loop over words)."""
    at = text.find(stem)
    while at != -1:
        if at == 0 or not text[at - 1].isalnum():
            return True
        at = text.find(stem, at + 1)
    return False


def _in_a_name(text: str, found: re.Match[str]) -> bool:
    """A word in title case right after a capitalised word, spaces between: part of a name."""
    word = found.group()
    if not word[0].isupper() or word.isupper():
        return False
    return _NAME_BEFORE.search(text, max(0, found.start() - 40), found.start()) is not None


def _is_number(token: str) -> bool:
    return token.replace(",", "").replace(".", "").isdigit()


def _phrases(words: ScreenWords, irregular: Mapping[str, Sequence[str]]) -> Phrases:
    left_out = {w.lower() for ref in words.except_lists for w in lexicon_words(ref)}
    left_out |= {w.lower() for w in words.except_words}
    chosen = [w for ref in words.lists for w in lexicon_words(ref, words.types)]
    chosen = [w for w in chosen if w.lower() not in left_out] + list(words.words)
    if words.inflect:
        chosen = [form for w in chosen for form in word_forms(w, irregular)]
    return Phrases(chosen, words.stems)


def lexicon_words(ref: str, types: Sequence[str] = ()) -> list[str]:
    """The words a ``file:key.subkey`` of ``screen.yaml`` names, from the bundled lexicon.

    A list of triggers gives its lemmas (of ``types`` only, when given); a
    mapping gives its keys.
    """
    name, _, path = ref.partition(":")
    models = bundled_models()
    if f"{name}.yaml" not in models or not path:
        raise ScreenDataError(
            f"screen.yaml: {ref!r} names no lexicon (file:key, e.g. terms:truce_nouns)"
        )
    value: Any = load(models[f"{name}.yaml"])
    for key in path.split("."):
        if isinstance(value, BaseModel) and key in type(value).model_fields:
            value = getattr(value, key)
        elif isinstance(value, Mapping) and key in value:
            value = value[key]
        else:
            raise ScreenDataError(f"screen.yaml: {ref!r}: {name}.yaml has no key {key!r}")
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    if isinstance(value, list):
        return [
            v.lemma if isinstance(v, TriggerEntry) else str(v)
            for v in value
            if not (types and isinstance(v, TriggerEntry) and v.type not in types)
        ]
    raise ScreenDataError(f"screen.yaml: {ref!r} is no word list")


_VOWELS = frozenset("aeiou")


def word_forms(word: str, irregular: Mapping[str, Sequence[str]] = {}) -> set[str]:
    """The word and its regular inflections, over-generated: a form no one writes costs nothing.

    "agree" -> agrees, agreed, agreeing; "submit" -> submitted, submitting;
    "reply" -> replies, replied; nouns take their plural the same way.
    """
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "ing", *irregular.get(w, ())}
    if w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in _VOWELS and w[-1] not in "wxy" and w[-2] in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms
