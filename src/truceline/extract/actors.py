"""Actor mentions: which words of an article stand for which party.

The ``truceline_actors`` component finds every name, person, framing variant
and back-reference ("the movement") from the gazetteer and stores them as
``doc._.actor_mentions``. Other components then ask which parties a noun
phrase denotes with :func:`actors_of_phrase`, which follows the dependency
parse: coordination ("Egypt and Qatar") adds parties, apposition and
possessives keep them, locative prepositions ("the delegation in Cairo") do
not make the place a party.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from truceline.data import load
from truceline.data.files import LexiconFile
from truceline.data.gazetteer import Gazetteer, load_gazetteer
from truceline.extract.lexicon import Lexicon, lexicon
from truceline.extract.nlp import entities
from truceline.extract.syntax import doer

# Prepositions whose object still belongs to the phrase's party ("officials from
# Hamas", "the office of envoy Witkoff", "sources close to Hamas").
_PARTY_PREPOSITIONS = frozenset({"of", "from"})
_CLAUSAL_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "punct"})


@dataclass(frozen=True)
class ActorMention:
    """Tokens ``[start, end)`` that denote ``actor_id``; ``agent`` is the person, if named."""

    actor_id: str
    start: int
    end: int
    how: str  # alias | person | demonym | anaphor | pronoun
    agent: str | None = None

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


@dataclass(frozen=True)
class OutletMention:
    """Tokens ``[start, end)`` naming a news outlet."""

    name: str
    start: int
    end: int


for _name, _default in (("actor_mentions", None), ("outlet_mentions", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _is_exact_form(phrase: str) -> bool:
    """Single words and abbreviations must match case exactly ("US" is not "us")."""
    return " " not in phrase.strip() or phrase.isupper() or len(phrase) <= 4


class ActorMatcher:
    """Finds gazetteer names in a parsed ``Doc``; built once per vocabulary.

    ``agentive_nouns`` (``lexicon.yaml``) are the words a demonym must qualify
    to name its party ("Israeli officials", not "Israeli prisoners").
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer, agentive_nouns: frozenset[str]) -> None:
        self.gazetteer = gazetteer
        self.agentive_nouns = agentive_nouns
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str]] = {}
        make = nlp.make_doc
        for entry in gazetteer.actors.values():
            self._add(make, f"alias|{entry.id}", ("alias", entry.id), entry.aliases)
            self._add(make, f"person|{entry.id}", ("person", entry.id), entry.people)
            self._add(make, f"demonym|{entry.id}", ("demonym", entry.id), entry.demonyms)
        for kind, phrases in gazetteer.anaphors.items():
            self._add(make, f"anaphor|{kind}", ("anaphor", kind), phrases)
        self._add(make, "outlet", ("outlet", ""), gazetteer.outlets)

    def _add(self, make, key: str, label: tuple[str, str], phrases: Iterable[str]) -> None:
        exact = [make(p) for p in phrases if _is_exact_form(p)]
        lower = [make(p) for p in phrases if not _is_exact_form(p)]
        if exact:
            self.exact.add(key, exact)
        if lower:
            self.lower.add(key, lower)
        self.labels[self.exact.vocab.strings[key]] = label

    def matches(self, doc: Doc) -> list[tuple[str, str, int, int]]:
        """Non-overlapping matches, longest first: (how, id-or-kind, start, end)."""
        raw = [*self.exact(doc), *self.lower(doc)]
        raw.sort(key=lambda m: (-(m[2] - m[1]), m[1]))
        taken = [False] * len(doc)
        out: list[tuple[str, str, int, int]] = []
        for key, start, end in raw:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            how, ident = self.labels[key]
            out.append((how, ident, start, end))
        out.sort(key=lambda m: m[2])
        return out


def _governing_noun(token: Token) -> Token:
    """The noun an adjective or compound modifies, through coordination."""
    head = token
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss") and head.head is not head:
        head = head.head
    while head.dep_ == "compound" and head.head is not head:
        head = head.head
    return head


def _demonym_denotes_party(token: Token, agentive: frozenset[str]) -> bool:
    """Whether "Qatari" names Qatar here: it must qualify people who act for it.

    The parser often heads a coordination of adjectives with one of them
    ("Israeli, Qatari and US delegations" makes "Qatari" the subject and
    "delegations" its conjunct), so the conjuncts of the governing word count.
    """
    noun = _governing_noun(token)
    if noun.tag_ == "VBN" and any(c.dep_ == "punct" and c.i == token.i + 1 for c in noun.children):
        return True  # "Qatari-brokered talks", "the Saudi-led coalition": the adjective's act
    nouns = [n for n in (noun, *noun.conjuncts) if n is not token]
    return any(
        n.pos_ == "PROPN" or n.lemma_.lower() in agentive or n.lower_ in agentive for n in nouns
    )


def _person_name(doc: Doc, start: int, end: int) -> str:
    """The full PERSON entity around a matched name ("Witkoff" -> "Steve Witkoff")."""
    for ent in entities(doc):
        if ent.label_ == "PERSON" and ent.start <= start and end <= ent.end:
            return ent.text
    return doc[start:end].text


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _linked_people(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """People the gazetteer does not know, tied to a party by how the article introduces them.

    "Lebanese Information Minister Paul Morcos" names Morcos as Lebanon's; a
    later "Morcos said" is then Lebanon speaking. The title's party is read
    from the words around the name (its compounds, adjectives, possessive and
    apposition), and the surname carries it through the rest of the article.
    """
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_start = {m.start: m for m in mentions}
    # "Tom Barrack ... Barrack told reporters": a known person's surname later on.
    known: dict[str, ActorMention] = {
        _surname(m.agent): m for m in mentions if m.how == "person" and m.agent and " " in m.agent
    }
    linked: list[ActorMention] = []
    for ent in entities(doc):
        if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        surname = _surname(ent.text)
        party = known.get(surname)
        if party is None:
            root = ent.root
            head = root.head if root.dep_ in ("compound", "appos") else root
            inside = range(ent.start, ent.end)
            near = [t for t in (*head.children, head) if t.i not in inside]
            near += [
                c for t in list(near) for c in t.children if c.dep_ in ("compound", "amod", "poss")
            ]
            party = next(
                (by_start[t.i] for t in sorted(near, key=lambda t: t.i) if t.i in by_start), None
            )
            if party is None:
                continue
            known[surname] = party
        linked.append(ActorMention(party.actor_id, ent.start, ent.end, "person", ent.text))
    return linked


def _head_anaphors(doc: Doc, mentions: list[ActorMention], gaz: Gazetteer) -> list[ActorMention]:
    """ "The rebel militia", "the Islamist movement": a definite head noun for the last group named."""
    heads = {h.lower(): kind for kind, words in gaz.anaphor_heads.items() for h in words}
    if not heads:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    ordered = sorted(mentions, key=lambda m: m.start)
    out: list[ActorMention] = []
    for token in doc:
        kind = heads.get(token.lower_)
        if kind is None or token.i in covered or token.pos_ != "NOUN":
            continue
        det = next((c for c in token.children if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or any(c.dep_ == "prep" for c in token.children):
            continue
        if any(i in covered for i in range(det.i, token.i + 1)):
            continue
        last = None
        for m in ordered:
            if m.start >= det.i:
                break
            if gaz.kind_of(m.actor_id) == kind:
                last = m
        if last is not None:
            out.append(ActorMention(last.actor_id, det.i, token.i + 1, "anaphor"))
    return out


def find_actor_mentions(
    doc: Doc, matcher: ActorMatcher
) -> tuple[list[ActorMention], list[OutletMention]]:
    """All actor and outlet mentions in ``doc``, anaphors resolved to the last party of their kind."""
    mentions, outlets = _gazetteer_mentions(doc, matcher)
    mentions = _without_classifiers(doc, mentions, matcher.gazetteer)
    mentions += _linked_people(doc, mentions)
    mentions += _head_anaphors(doc, mentions, matcher.gazetteer)
    mentions.sort(key=lambda m: m.start)
    return mentions, outlets


def _without_classifiers(
    doc: Doc, mentions: list[ActorMention], gaz: Gazetteer
) -> list[ActorMention]:
    """ "The Lebanese armed group Hezbollah": the adjective classifies the group it names.

    A nationality followed, within its noun phrase, by a few descriptive words
    and the name of a group says where the group is from, not that its state
    takes part.
    """
    starts = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.how == "demonym":
            i = m.end
            while (
                i < len(doc)
                and i - m.end < 3
                and i not in starts
                and doc[i].pos_ in ("ADJ", "NOUN")
            ):
                i += 1
            named = starts.get(i)
            if named is not None and i > m.end and gaz.kind_of(named.actor_id) == "group":
                continue
        out.append(m)
    return out


def _gazetteer_mentions(
    doc: Doc, matcher: ActorMatcher
) -> tuple[list[ActorMention], list[OutletMention]]:
    gaz = matcher.gazetteer
    mentions: list[ActorMention] = []
    outlets: list[OutletMention] = []
    last_by_kind: dict[str, str] = {}
    for how, ident, start, end in matcher.matches(doc):
        if how == "outlet":
            outlets.append(OutletMention(doc[start:end].text, start, end))
            continue
        if how == "anaphor":
            actor_id = last_by_kind.get(ident)
            if actor_id is None:
                continue
            mentions.append(ActorMention(actor_id, start, end, "anaphor"))
            continue
        if how == "demonym" and not _demonym_denotes_party(doc[end - 1], matcher.agentive_nouns):
            continue
        agent = _person_name(doc, start, end) if how == "person" else None
        mentions.append(ActorMention(ident, start, end, how, agent))
        kind = gaz.kind_of(ident)
        if kind and not is_venue(doc, start, end, gaz.name_of(ident)):
            last_by_kind[kind] = ident
    return mentions, outlets


@Language.factory("truceline_actors", default_config={"gazetteer_paths": []})
def make_actor_component(nlp: Language, name: str, gazetteer_paths: list[str]):
    """spaCy factory: annotate ``doc._.actor_mentions`` and ``doc._.outlet_mentions``."""
    agentive = Lexicon.from_data(load(LexiconFile)).agentive_nouns
    matcher = ActorMatcher(nlp, load_gazetteer(gazetteer_paths), agentive)

    def annotate_actors(doc: Doc) -> Doc:
        doc._.actor_mentions, doc._.outlet_mentions = find_actor_mentions(doc, matcher)
        return doc

    return annotate_actors


# --------------------------------------------------------------- phrase -> parties


def phrase_tokens(head: Token, *, membership: bool = False) -> list[Token]:
    """The tokens of the noun phrase headed by ``head`` that can name its party.

    Clauses and locative prepositional phrases are left out ("the Israeli
    delegation in Cairo" is Israel, not Egypt); "of"/"from" phrases and
    "close to X" stay in, as do conjuncts and appositions. With
    ``membership``, phrases that place a person in a body stay in too ("a
    source in the Ukrainian delegation", "an adviser to the group").
    """
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in _CLAUSAL_DEPS or names_third_party(child):
                continue
            if child.dep_ == "prep" and not _keeps_party(child, tok, membership):
                continue
            stack.append(child)
    out.sort(key=lambda t: t.i)
    return out


def names_third_party(modifier: Token) -> bool:
    """ "Iran-backed", "UN-brokered", "U.S.-and-France-brokered": a modifier naming a backer or broker."""
    if modifier.dep_ not in ("amod", "nmod", "compound", "npadvmod"):
        return False
    words = lexicon().third_party_participles
    return any(
        t.tag_ == "VBN" and t.lemma_.lower() in words for t in (modifier, *modifier.conjuncts)
    )


def _keeps_party(prep: Token, holder: Token, membership: bool) -> bool:
    """Whether a prepositional phrase under ``holder`` still names the phrase's party."""
    word = prep.lower_
    if word in _PARTY_PREPOSITIONS:
        return True
    if word == "to" and holder.lemma_.lower() in ("close", "loyal", "linked", "adviser", "advisor"):
        return True
    if seat_of_power(prep):
        return True
    if (
        word == "including"
        and any(c.dep_ == "pobj" for c in prep.children)
        and any(t.lemma_.lower() in lexicon().agentive_nouns for t in (holder, *holder.conjuncts))
    ):
        return True  # "mediators and observers, including the US and the AU": its members
    return membership and word in ("in", "within", "inside", "for", "to", "at")


def seat_of_power(prep: Token) -> bool:
    """ "The regime in Naypyidaw", "the authorities in Kinshasa": "in" names whose rulers they are.

    Only for rulers that name no party of their own before it ("the Hamas
    government in Gaza" is Hamas's, wherever it sits).
    """
    holder = prep.head
    if prep.lower_ != "in" or holder.lemma_.lower() not in lexicon().seat_of_power_nouns:
        return False
    own = {t.i for t in holder.lefts for t in t.subtree}
    mentions = holder.doc._.actor_mentions or ()
    return not any(m.start in own and m.end <= holder.i for m in mentions)


def mentions_in(doc: Doc, tokens: Iterable[Token]) -> Iterator[ActorMention]:
    """Actor mentions that start within ``tokens``.

    The start is enough: a long name ("the Coordination Headquarters for the
    Treatment of Prisoners of War") runs into a prepositional phrase that
    :func:`phrase_tokens` leaves out.
    """
    idx = {t.i for t in tokens}
    for m in doc._.actor_mentions or ():
        if m.start in idx:
            yield m


def resolve_pronoun(token: Token) -> ActorMention | None:
    """The party a pronoun refers back to: the last one named in this or the previous sentence."""
    doc = token.doc
    low = token.lower_
    wants_person = low in lexicon().pronouns_person
    if not wants_person and low not in lexicon().pronouns_party:
        return None
    reporter = _reporting_subject(token)
    if reporter is not None:
        bound = actors_of_phrase(reporter)
        if bound and (not wants_person or bound[0].how == "person"):
            return bound[0]
        if not bound and not wants_person and reporter.pos_ == "NOUN":
            return None  # "the army said it agreed": the army, whoever it is, not the last named
    sent = token.sent
    floor = sent.start
    if sent.start > 0:
        floor = doc[sent.start - 1].sent.start
        if _continues_a_topic(token, doc[sent.start - 1].sent):
            return None
    best: ActorMention | None = None
    subject: ActorMention | None = None
    for m in doc._.actor_mentions or ():
        if m.end > token.i:
            break
        if m.start < floor:
            continue
        if wants_person and m.how != "person":
            continue
        if in_locative(doc[m.start]) or names_a_backer(doc[m.start]):
            continue
        best = m
        if m.start >= sent.start and _is_party_subject(doc[m.start : m.end].root):
            subject = m
    if (
        not wants_person
        and subject is not None
        and best is not None
        and best.start > subject.start
        and _in_prepositional_phrase(doc[best.start : best.end].root)
    ):
        # "Israel could step up attacks on Lebanon while it keeps violating the truce": a party
        # named as a subject outranks one named after it in a prepositional phrase
        return subject
    return best


def _is_party_subject(token: Token) -> bool:
    """Whether a name is, or is in, a subject that is no person ("it" is never Trump)."""
    while token.dep_ in ("compound", "poss", "conj", "appos"):
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.ent_type_ != "PERSON"


def _in_prepositional_phrase(token: Token) -> bool:
    while token.dep_ in ("compound", "conj", "appos"):
        token = token.head
    return token.dep_ == "pobj"


def _continues_a_topic(pronoun: Token, previous: Span) -> bool:
    """ "The paper was amended. It calls for ...": an opening "it" continues the topic.

    When the sentence before is about a thing (its subject names no party),
    the subject "it" that opens the next sentence is that thing, not the
    last party named in passing.
    """
    if pronoun.lower_ != "it" or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if pronoun.i - pronoun.sent.start > 1 or pronoun.head.dep_ != "ROOT":
        return False
    topic = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return topic is not None and topic.pos_ == "NOUN" and not actors_of_phrase(topic)


def _reporting_subject(pronoun: Token) -> Token | None:
    """ "The government, which the rebels ousted, said it would ...": the sayer is "it".

    The subject of a clause under a speech verb refers to the speaker when it
    is a pronoun, whatever was named in between.
    """
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if verb.lemma_.lower() not in lexicon().speech_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return subject


def _bound_possessors(token: Token) -> list[ActorMention]:
    """ "Hamas handed the mediators its response": a possessive in the object is the subject's."""
    head = token.head
    for _ in range(4):
        if head.dep_ not in ("dobj", "dative", "pobj", "prep"):
            break
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return []
    subject = doer(head)
    if subject is None or subject.i == token.i or subject.pos_ == "PRON":
        return []
    return actors_of_phrase(subject)


def names_a_backer(token: Token) -> bool:
    """Whether a name sits in a backer's or broker's modifier ("the Qatari-brokered talks")."""
    head = token
    for _ in range(3):
        if names_third_party(head):
            return True
        if head.head is head:
            return False
        head = head.head
    return False


def is_venue(doc: Doc, start: int, end: int, name: str) -> bool:
    """ "Talks in Muscat": a city named as where something happens, not as a party.

    The state's own name stays a party even there ("fighting in Myanmar").
    """
    return in_locative(doc[start]) and doc[start:end].text != name


def in_locative(token: Token) -> bool:
    """Whether a name is the object of a locative preposition ("talks in Cairo")."""
    head = token
    while head.dep_ == "compound":
        head = head.head
    if head.dep_ != "pobj" or seat_of_power(head.head):
        return False
    return head.head.lemma_.lower() in ("in", "at", "to", "into", "near")


def actors_of_phrase(head: Token) -> list[ActorMention]:
    """The parties a noun phrase denotes, in order, without repeats."""
    doc = head.doc
    seen: dict[str, ActorMention] = {}
    tokens = phrase_tokens(head)
    if head.pos_ == "PRON":
        # "he, Egyptian President al-Sisi and Erdogan signed": the pronoun is
        # resolved, the parties coordinated with it are read as they stand.
        bound = _bound_possessors(head) if head.dep_ == "poss" else []
        for m in bound:
            seen.setdefault(m.actor_id, m)
        m = None if bound else resolve_pronoun(head)
        if m:
            seen[m.actor_id] = ActorMention(m.actor_id, head.i, head.i + 1, "pronoun", m.agent)
        tokens = [t for c in head.children if c.dep_ in ("conj", "appos") for t in phrase_tokens(c)]
    if head.dep_ == "nsubj":
        # A long coordination the parser splits into two subjects of one verb
        # ("he, Egyptian President al-Sisi ... and Turkish President Erdogan signed").
        for other in head.head.children:
            if other.dep_ == "nsubj" and other is not head and other.pos_ != "PRON":
                tokens = [*tokens, *phrase_tokens(other)]
    for m in mentions_in(doc, tokens):
        if m.actor_id not in seen or (m.agent and not seen[m.actor_id].agent):
            seen[m.actor_id] = m
    return list(seen.values())


def agent_of_phrase(head: Token) -> str | None:
    """The named person in a phrase ("US envoy Steve Witkoff" -> "Steve Witkoff"), if any."""
    tokens = phrase_tokens(head)
    idx = {t.i for t in tokens}
    for m in mentions_in(head.doc, tokens):
        if m.agent:
            return m.agent
    for ent in entities(head.doc):
        if ent.label_ == "PERSON" and ent.start in idx:
            return ent.text
    return None


def outlet_in(tokens: Iterable[Token]) -> OutletMention | None:
    """The first outlet named among ``tokens``."""
    idx = {t.i for t in tokens}
    doc = next(iter(tokens), None)
    if doc is None:
        return None
    for o in doc.doc._.outlet_mentions or ():
        if o.start in idx:
            return o
    return None


def span_of(tokens: list[Token]) -> Span:
    """The contiguous span from the first to the last of ``tokens``."""
    doc = tokens[0].doc
    return doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


def actor_ids(mentions: Iterable[ActorMention]) -> list[str]:
    """The actor ids of ``mentions``, each once, in order."""
    out: list[str] = []
    for m in mentions:
        if m.actor_id not in out:
            out.append(m.actor_id)
    return out
