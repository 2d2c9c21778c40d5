"""Readable names of proposals, as the reports give them, else by proposer and date.

Rules (``data/negotiation.yaml``'s ``proposal_names`` holds the patterns):

* A report names a proposal by its owner ("the Witkoff plan", "Egypt's
  proposal", "Trump's cease-fire plan"), by a fixed phrase ("the bridge
  proposal") or by its number of points ("the 20-point plan"). Words that
  only describe it ("ceasefire", "new", "three-phase") are left out of the
  name, so that one proposal told in several words keeps one name.
* An owner that is a country or group the gazetteer knows is named by its
  adjective: "Egypt's proposal" is "the Egyptian proposal"; a person keeps
  their name ("the Witkoff plan").
* Two names are of one proposal when they share their key, the words between
  the article and the noun: "the Witkoff plan" ~ "the Witkoff outline".
* Two proposals of one process named alike are told apart by their dates ("the
  US proposal of 11 Mar 2025"); a person's full name gives the surname ("the
  Trump proposal").
* A proposal no report names is named for its proposer and date: "US proposal
  of 12 Mar 2025", "Hamas counter-proposal of 3 Oct 2025"; never by an
  internal id. :func:`label` gives that name wherever one is shown (CLI, API,
  dashboard).

Names are read in the gazetteer passed in, the store's
(:func:`truceline.configuration.store_gazetteer`), so a country or a person an
analyst added names proposals as the built-in ones do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from truceline.data.gazetteer import Gazetteer, load_gazetteer
from truceline.negotiation.lexicon import NegotiationLexicon, load_lexicon
from truceline.record import Proposal


def proposal_names(
    texts: Sequence[str],
    lexicon: NegotiationLexicon | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[str]:
    """Every proposal name the texts give, in order of appearance; owners named by their
    adjective in ``gazetteer`` (the store's; None: the built-in one)."""
    return ProposalNames(lexicon, gazetteer).of(texts)


class ProposalNames:
    """:func:`proposal_names`, each distinct sentence read once.

    Why: a large story event's evidence holds the same sentence many times (one
    wire story in many outlets), and one process asks the names of every
    tabling and every response. The names of several texts are each text's names in
    turn, so reading a sentence once is the same as reading it every time.
    Keep one for a derivation, not longer: it holds every sentence it has read.
    """

    def __init__(
        self, lexicon: NegotiationLexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.lex = lexicon or load_lexicon()
        self.gazetteer = gazetteer
        self._read: dict[str, list[str]] = {}

    def of(self, texts: Sequence[str]) -> list[str]:
        """Every proposal name the texts give, in order of appearance."""
        return [name for text in texts for name in self.in_text(text)]

    def in_text(self, text: str) -> list[str]:
        """The names one text gives, by position (names found at one place: alphabetically)."""
        if text not in self._read:
            found: list[tuple[int, str]] = []
            for named in self.lex.proposal_names:
                for match in named.pattern.finditer(text):
                    name = _fixed_name(named.name, match) or _owner_name(
                        match, self.lex, self.gazetteer
                    )
                    if name:
                        found.append((match.start(), name))
            self._read[text] = [name for _, name in sorted(found)]
        return self._read[text]


def _fixed_name(template: str | None, match: re.Match[str]) -> str | None:
    """A pattern's own name, its groups filled in ("the {points}-point plan")."""
    if template is None:
        return None
    groups = {k: v.lower() for k, v in match.groupdict().items() if v is not None}
    return template.format(**groups)


def _owner_name(
    match: re.Match[str], lex: NegotiationLexicon, gazetteer: Gazetteer | None
) -> str | None:
    words = match.group("owner").split()
    while words and words[0] in lex.not_owners:
        words.pop(0)
    if not words:
        return None
    return f"the {_adjective(' '.join(words), gazetteer)} {match.group('noun').lower()}"


def _adjective(owner: str, gazetteer: Gazetteer | None) -> str:
    """ "Egypt" -> "Egyptian", "U.S." -> "US"; a person or an unknown owner as written."""
    gazetteer = gazetteer or load_gazetteer()
    actor = gazetteer.id_for_word(owner)
    entry = gazetteer.actors.get(actor) if actor else None
    if entry is None and owner in gazetteer.people:
        return owner.split()[-1]  # "Donald Trump's proposal" is the Trump proposal
    if entry is None or entry.kind == "person":
        return owner
    words = [w for w in entry.demonyms if w[:1].isupper() and w.replace(".", "").isalpha()]
    return min(words, key=len) if words else owner


def owner_of(name: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The actor a name's owner denotes: "the Egyptian proposal" -> EGY, "the Witkoff
    plan" -> USA; None for a name with no known owner ("the 20-point plan")."""
    words = name.split()
    if len(words) < 3:
        return None
    owner = " ".join(words[1:-1])
    gazetteer = gazetteer or load_gazetteer()
    return gazetteer.id_for_word(owner) or gazetteer.people.get(owner)


def name_key(name: str) -> str:
    """What two names of one proposal share: "the Witkoff plan" ~ "the Witkoff outline"."""
    words = name.split()
    return " ".join(words[1:-1]).lower() if len(words) > 2 else name.lower()


def fallback_name(p: Proposal, gazetteer: Gazetteer | None = None) -> str:
    """ "US proposal of 12 Mar 2025": the proposer's adjective, the kind and the date."""
    gazetteer = gazetteer or load_gazetteer()
    owners = []
    for actor in p.proposer:
        entry = gazetteer.actors.get(actor)
        words = [w for w in (entry.demonyms if entry else []) if w.replace(".", "").isalpha()]
        owners.append(min(words, key=len) if words else gazetteer.name_of(actor))
    noun = "counter-proposal" if p.kind == "counter" else "proposal"
    who = "-".join(owners) + " " if owners else ""
    when_ = f" of {p.date.day} {p.date:%b %Y}" if p.date else ""
    return f"{who}{noun}{when_}"


def distinguish(proposals: Sequence[Proposal]) -> None:
    """Proposals of one process that reports name alike ("the US proposal" in March and
    in May) are told apart by their dates: "the US proposal of 11 Mar 2025"."""
    counts = Counter(p.name for p in proposals if p.name)
    for p in proposals:
        if p.name and counts[p.name] > 1 and p.date is not None and " of " not in p.name:
            p.name = f"{p.name} of {p.date.day} {p.date:%b %Y}"


def label(p: Proposal) -> str:
    """The name to show for a proposal: the reports' name, else proposer and date."""
    return p.name or fallback_name(p)


def labels(proposals: Sequence[Proposal]) -> dict[str, str]:
    """Proposal id -> its label: what to show where a proposal is referred to by id."""
    return {p.id: label(p) for p in proposals}
