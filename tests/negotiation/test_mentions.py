"""The actors a story's evidence names: read sentence by sentence, as if read joined."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from truceline.data.gazetteer import ActorEntry, Gazetteer
from truceline.negotiation.processes import EvidenceMentions, mentioned_actors

GAZETTEER = Gazetteer(
    actors={
        "XAB": ActorEntry(id="XAB", kind="state", name="Alpha Beta"),
        "XA": ActorEntry(id="XA", kind="state", name="Alpha", demonyms=["Alphan"]),
        "XB": ActorEntry(id="XB", kind="group", name="Beta", aliases=["Beta-Gamma Front"]),
        "XG": ActorEntry(id="XG", kind="state", name="Gamma"),
        "XL": ActorEntry(id="XL", kind="group", name="Grand Alliance of the Front B"),
    },
    anaphors={},
    outlets=[],
)


def test_a_name_that_runs_across_two_sentences_is_read_as_in_the_joined_text():
    evidence = ["Talks resumed in Alpha", "Beta said nothing", "Talks resumed in Alpha"]
    assert EvidenceMentions(GAZETTEER).of(evidence) == {"XAB", "XA"}


def test_the_longest_name_is_looked_for_across_a_join_from_its_first_letter():
    assert EvidenceMentions(GAZETTEER).of(["the Grand Alliance of the Front", "B spoke"]) == {"XL"}


def test_repeated_sentences_name_their_actors_once_read():
    mentions = EvidenceMentions(GAZETTEER)
    evidence = ["Alphan envoys met Gamma.", "Alphan envoys met Gamma."] * 3
    assert mentions.of(evidence) == {"XA", "XG"}
    assert mentions.of(["Gamma"]) == {"XG"}


_WORDS = st.sampled_from(
    [
        "Alpha",
        "beta",
        "Alphan",
        "Gamma",
        "Beta-Gamma",
        "Front",
        "x",
        ",",
        "",
        "Grand Alliance of the",
        "B",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=4).map(" ".join), min_size=1, max_size=5))
def test_the_evidence_names_what_its_joined_text_names(evidence):
    mentions = EvidenceMentions(GAZETTEER)
    expected = mentioned_actors(" ".join(evidence), GAZETTEER)
    assert mentions.of(evidence) == expected
    assert mentions.of(evidence) == expected  # and again, from what it has read
