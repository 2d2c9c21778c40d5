"""The shape of every data file: one pydantic model per file, unknown keys refused.

Each model names its file in ``FILE`` and mirrors the keys the file's header
documents (a test checks that the two agree). Values keep the form the YAML
gives; the components turn them into the sets and maps they match against.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

Words = list[str]


class Strict(BaseModel):
    """A mapping of a data file: every key must be one the model knows."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DataFile(Strict):
    """A whole data file of ``truceline/data``."""

    FILE: ClassVar[str]


# ------------------------------------------------------------------ terms.yaml


class PeopleWords(Strict):
    captives: Words
    prisoners: Words
    released_only: Words
    combatants: Words
    remains: Words
    dead: Words


class TermsFile(DataFile):
    FILE: ClassVar[str] = "terms.yaml"

    people: PeopleWords
    captive_nationalities: Words
    prisoner_nationalities: Words
    captive_holders: Words
    captive_places: Words
    release_verbs: Words
    release_verb_particles: dict[str, Words]
    release_nouns: Words
    table_nouns: Words
    table_verbs: Words
    blocking_verbs: Words
    demand_verbs: Words
    exchange_markers: Words
    vague_labels_kept: Words
    truce_nouns: Words
    weak_truce_nouns: Words
    not_truce_objects: Words
    phase_nouns: Words
    phase_words: dict[str, int]
    extend_verbs: Words
    extend_nouns: Words
    last_verbs: Words
    time_units: Words
    permanence: Words
    end_nouns: Words
    end_verbs: Words
    war_nouns: Words
    table_cues: Words
    wish_verbs: Words = []
    withdraw_verbs: Words
    withdraw_particles: dict[str, Words]
    withdraw_nouns: Words
    not_ground: Words
    withdraw_qualifiers: Words
    guarantee_nouns: Words
    guarantor_nouns: Words
    guarantee_giving_verbs: Words
    guaranteed_things: Words
    displaced_nouns: Words
    aid_vehicles: Words
    rate_periods: dict[str, str]
    compass_words: Words
    count_issues: Words
    tally_qualifiers: Words
    total_nouns: Words
    total_adverbials: Words
    stock_words: Words
    part_words: Words
    pending_nouns: Words


# --------------------------------------------------------------- modality.yaml


class ModalityFile(DataFile):
    FILE: ClassVar[str] = "modality.yaml"

    conditional_marks: Words
    hypothesis_marks: Words
    prospective_marks: Words
    temporal_marks: Words
    negators: Words
    negative_subjects: Words
    possible_modals: Words
    future_modals: Words
    possible_adjectives: Words
    future_adjectives: Words
    future_time_words: Words
    negating_governors: Words
    negating_predicates: Words
    future_governors: Words
    possible_governors: Words
    possible_predicates: Words
    reporting_verbs: Words
    light_verbs: Words
    scheduled_days: Words
    scheduling_modals: Words


# ---------------------------------------------------------------- lexicon.yaml


class LexiconFile(DataFile):
    FILE: ClassVar[str] = "lexicon.yaml"

    agentive_nouns: Words
    anonymous_source_nouns: Words
    speaker_nouns: Words
    statement_events: Words
    document_nouns: Words
    press_nouns: Words
    affiliation_adjectives: Words
    not_sources: Words
    office_titles: Words
    office_portfolios: Words
    reporting_verbs: Words
    content_nouns: Words
    speech_verbs: Words
    parenthetical_verbs: Words
    publishing_verbs: Words
    pronouns_party: Words
    pronouns_person: Words
    whole_words: Words
    shared_verbs: Words
    self_reporting_verbs: Words
    subject_control_verbs: Words
    causative_verbs: Words
    subject_control_preps: Words
    third_party_participles: Words
    seat_of_power_nouns: Words


# ---------------------------------------------------------------- reading.yaml


class ReadingFile(DataFile):
    FILE: ClassVar[str] = "reading.yaml"

    truce_words: Words
    captive_words: Words
    remains_words: Words
    peace_heads: Words
    war_words: Words
    party_kinds: Words
    article_mentions: int
    release_things: Words
    release_settings: Words
    other_domains: Words


# ----------------------------------------------------------------- events.yaml


class TriggerEntry(Strict):
    """One trigger: a lemma, its event type and the parse conditions it fires under.

    ``objects``, ``subjects``, ``particles``, ``complement`` and
    ``companion_preps`` are a list of words or ``"$name"`` of a shared set.
    """

    lemma: str
    type: str
    pos: Words | None = None
    objects: Words | str | None = None
    except_objects: Words | str | None = None
    subjects: Words | str | None = None
    particles: Words | str | None = None
    complement: Words | str | None = None
    action: str | None = None
    polarity: str | None = None
    speaker: bool = False
    companions: bool = False
    companion_preps: Words | str | None = None
    object_companion: bool = False
    misread_noun: bool = False
    needs_companion: bool = False
    single_actor: bool = False
    intransitive: bool = False
    actor_is_object: bool = False
    joint: bool = False
    clausal_complement: bool = False
    no_clausal_complement: bool = False
    carrier: bool = False
    addressee: bool = False
    stative: bool = False
    receiver: bool = False
    needs_owner: bool = False
    compound_ok: bool = False
    reciprocal: bool = False
    mutual: bool = False
    plan_term: bool = False


class RetypeUnder(Strict):
    governors: Words = []
    types: Words = []
    to: str = "PROPOSE"


class TruceAgreed(Strict):
    nouns: Words = []
    declaring: Words = []
    halts: Words = []
    halted: Words = []


class Mutual(Strict):
    """The words that make an accusation go both ways."""

    verbs: Words = []
    modifiers: Words = []


class Conditions(Strict):
    """The words of "only if ...": what a party will do only on a condition is its demand."""

    restrictors: Words = []
    marks: Words = []
    preps: Words = []


class PlanTerms(Strict):
    """The words by which a plan states its terms ("the plan calls for the release of ...")."""

    verbs: Words = []
    nouns: Words = []


class AgreedContent(Strict):
    """The words of an agreement said as a noun with its content ("agreement on a swap")."""

    nouns: Words = []
    preps: Words = []
    holders: Words = []
    contents: Words = []


class AgreementsMade(Strict):
    """The words by which a sentence takes agreements as made ("following agreement on ...")."""

    nouns: Words = []
    time_preps: Words = []
    content_preps: Words = []
    signing: Words = []
    list_openers: Words = []


class EventsFile(DataFile):
    FILE: ClassVar[str] = "events.yaml"

    sets: dict[str, Words] = {}
    verbs: list[TriggerEntry] = []
    nouns: list[TriggerEntry] = []
    retype_under: RetypeUnder = RetypeUnder()
    holders: dict[str, str] = {}
    evaluation_verbs: Words = []
    content_when_possible: Words = []
    need_actor: Words = []
    term_issues: dict[str, Words] = {}
    light_verbs: Words = []
    object_control_verbs: Words = []
    collective_nouns: Words = []
    quantity_nouns: Words = []
    executing_verbs: Words = []
    truce_agreed: TruceAgreed = TruceAgreed()
    effort_nouns: Words = []
    membership_verbs: Words = []
    conditions: Conditions = Conditions()
    mutual: Mutual = Mutual()
    holding_verbs: Words = []
    plan_terms: PlanTerms = PlanTerms()
    accusing_verbs: Words = []
    pair_nouns: Words = []
    state_nouns: Words = []
    round_nouns: Words = []
    agreed_content: AgreedContent = AgreedContent()
    agreements_made: AgreementsMade = AgreementsMade()


# ---------------------------------------------------------------- numbers.yaml


class NumbersFile(DataFile):
    FILE: ClassVar[str] = "numbers.yaml"

    units: dict[str, int]
    scales: dict[str, int]
    counting_nouns: dict[str, float]
    articles: Words
    qualifiers: Words
    vague: dict[str, str]
    ordinals: dict[str, int]
    duration_units: dict[str, int]
    day_fractions: dict[str, int] = {}


# ------------------------------------------------------- negotiation.yaml


class ProposalName(Strict):
    pattern: str
    name: str | None = None


class Windows(Strict):
    same_proposal: int
    active_process: int
    same_deal: int
    taking_effect: int
    round_gap: int
    response: int
    reported_tabling: int


class NegotiationFile(DataFile):
    FILE: ClassVar[str] = "negotiation.yaml"

    proposal_names: list[ProposalName]
    not_owners: Words
    described_agreement_cues: Words
    earlier_acceptance_cues: Words
    conditional_acceptance_cues: Words
    commitment_cues: Words
    stances: dict[str, dict[str, str]]
    tabling_modalities: Words
    windows: Windows
    third_parties: Words
    kind_words: dict[str, Words]
    each_side_cues: Words
    day_words: Words
    ceasefire_purposes: dict[Literal["humanitarian", "holiday", "energy"], Words]


# ---------------------------------------------------------------- resolve.yaml


class DateSettings(Strict):
    window_days: int
    window_days_by_type: dict[str, int] = {}
    reported_lag_days: int
    future_horizon_days: int


class CountSettings(Strict):
    issues: Words
    absolute_tolerance: float
    relative_tolerance: float
    hedges: Words = []


class ContradictionSettings(Strict):
    window_days: int
    accept_type: str
    reject_type: str
    denials: dict[str, str]


class IndependenceSettings(Strict):
    relayed_via_counts_as_source: bool
    same_newsroom: list[Words] = []


class ResolveFile(DataFile):
    FILE: ClassVar[str] = "resolve.yaml"

    dates: DateSettings
    counts: CountSettings
    exact_issues: Words = []
    kind_issues: dict[str, Words]
    must_agree: dict[str, Words]
    modality_groups: dict[str, str]
    participant_types: Words
    contradictions: ContradictionSettings
    independence: IndependenceSettings


# ------------------------------------------------------------------ cameo.yaml


class Code(Strict):
    """A PLOVER category and mode and a CAMEO code; any may be null (no fit)."""

    model_config = ConfigDict(extra="forbid", frozen=False)

    plover: str | None = None
    mode: str | None = None
    cameo: str | None = None


class TypeCodes(Code):
    """One event type's default code and the refinements that replace parts of it."""

    by_issue: dict[str, Code] = {}
    by_action: dict[str, Code] = {}
    by_polarity: dict[str, Code] = {}
    with_mediators: Code | None = None


class CameoFile(DataFile):
    FILE: ClassVar[str] = "cameo.yaml"

    types: dict[str, TypeCodes]
    context: dict[str, str] = {}


# ---------------------------------------------------- gazetteer.yaml, outlets.yaml


class ActorItem(Strict):
    """One actor of a gazetteer file; a user file may give only ``id`` and what it adds."""

    id: str | None = None
    kind: str | None = None
    name: str | None = None
    aliases: list[str | int | float] | None = None
    demonyms: list[str | int | float] | None = None
    people: list[str | int | float] | None = None


class GazetteerFile(DataFile):
    FILE: ClassVar[str] = "gazetteer.yaml"

    actors: list[ActorItem] = []
    anaphors: dict[str, Words] | None = None
    anaphor_heads: dict[str, Words] | None = None
    outlets: list[str | int | float] | None = None


class OutletsFile(DataFile):
    FILE: ClassVar[str] = "outlets.yaml"

    outlets: Words


# -------------------------------------------------------------- processes.yaml


class ProcessItem(Strict):
    """One process; a user file may give only ``id`` and the fields it replaces."""

    id: str
    name: str | None = None
    parties: Words | None = None
    sides: dict[str, Words] | None = None
    mediators: Words | None = None
    releasers: dict[str, str] | None = None


class ProcessesFile(DataFile):
    FILE: ClassVar[str] = "processes.yaml"

    processes: list[ProcessItem]


# ---------------------------------------------------------- third_parties.yaml


class ThirdPartiesFile(DataFile):
    FILE: ClassVar[str] = "third_parties.yaml"

    aims: Words
    settlements: Words
    attendance: Words
    motions: Words
    credits: Words


# ----------------------------------------------------------------- screen.yaml


class ScreenWords(Strict):
    """One word list of the relevance screen: lexicon lists named ``file:key``, and more."""

    lists: Words = []
    types: Words = []
    except_lists: Words = []
    except_words: Words = []
    words: Words = []
    stems: Words = []
    inflect: bool = False


class ScreenFile(DataFile):
    FILE: ClassVar[str] = "screen.yaml"

    topic: ScreenWords
    talks: ScreenWords
    deal: ScreenWords
    acts: ScreenWords
    released: ScreenWords
    counted: ScreenWords
    conflict: ScreenWords
    war: ScreenWords
    numbers: Words = []
    irregular: dict[str, Words] = {}
    window: int = 4
