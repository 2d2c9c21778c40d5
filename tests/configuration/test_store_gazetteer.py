"""The store's gazetteer is the one the derived record and the filters read names in.

Extraction already took the store's gazetteer; the record derived from it read
a term's party, a proposal's owner and a filter's actor in the built-in one.
Wakanda and Genosha are invented: only the store's gazetteer knows them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from truceline import api
from truceline.configuration import set_config, store_gazetteer
from truceline.data.gazetteer import load_gazetteer
from truceline.negotiation.names import fallback_name, owner_of
from truceline.negotiation.processes import mentioned_actors, party_for_words
from truceline.record import Proposal
from truceline.store import FilterError, Filters, Store

GAZETTEER = """\
actors:
  - id: WAK
    kind: state
    name: Wakanda
    aliases: [Wakanda]
    demonyms: [Wakandan]
    people: [Okoye Udaku]
  - id: GEN
    kind: state
    name: Genosha
    aliases: [Genosha]
    demonyms: [Genoshan]
"""

PROCESSES = """\
processes:
  - id: wakanda-genosha
    name: Wakanda-Genosha talks
    parties: [WAK, GEN]
"""

ARTICLES = [
    {
        "id": "w1",
        "url": "https://wire.example/w1",
        "title": "Wakanda tables truce plan",
        "text": "Wakanda tables truce plan\nWakanda proposed a 30-day ceasefire with Genosha "
        "on Monday, officials said.",
        "published": "2025-04-07",
        "outlet": "Test Wire",
    },
    {
        "id": "w2",
        "url": "https://wire.example/w2",
        "title": "Genosha rejects Wakanda's proposal",
        "text": "Genosha rejects Wakanda's proposal\nGenosha rejected Wakanda's proposal for a "
        "30-day ceasefire on Wednesday, a Genoshan official said.",
        "published": "2025-04-09",
        "outlet": "Other Wire",
    },
]


@pytest.fixture
def configured(tmp_path: Path):
    (tmp_path / "gazetteer.yaml").write_text(GAZETTEER, encoding="utf-8")
    (tmp_path / "processes.yaml").write_text(PROCESSES, encoding="utf-8")
    with Store.open(tmp_path / "store.db", write=True) as store:
        set_config(store, "gazetteer", [tmp_path / "gazetteer.yaml"])
        set_config(store, "processes", [tmp_path / "processes.yaml"])
        yield store


def test_a_proposal_owned_by_an_actor_the_store_added_is_named_by_its_adjective(
    configured, tmp_path, extractor
):
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    list(api.ingest([articles], db=configured))
    assert [(p.name, p.status) for p in configured.proposals()] == [
        ("the Wakandan proposal", "rejected")  # the built-in gazetteer would say "Wakanda"
    ]


def test_a_filter_takes_an_actor_only_the_store_gazetteer_defines(configured, tmp_path):
    assert configured.checked(Filters(actor="wak")).actor == "WAK"
    with Store.open(tmp_path / "plain.db", write=True) as plain, pytest.raises(FilterError):
        plain.checked(Filters(actor="wak"))


def test_names_are_read_in_the_gazetteer_passed_in_not_the_built_in_one(configured):
    gazetteer = store_gazetteer(configured)
    assert party_for_words("the Wakandan", gazetteer) == "WAK"
    assert party_for_words("the Wakandan") is None  # built-in: unknown
    assert mentioned_actors("Okoye Udaku met Genoshan envoys", gazetteer) == {"WAK", "GEN"}
    assert mentioned_actors("Okoye Udaku met Genoshan envoys") == set()
    assert owner_of("the Okoye Udaku plan", gazetteer) == "WAK"
    proposal = Proposal(id="proposal:propose-1", process="wakanda-genosha", proposer=["GEN"])
    assert fallback_name(proposal, gazetteer) == "Genoshan proposal"
    assert store_gazetteer(configured) is gazetteer  # built once per configuration
    assert "WAK" not in load_gazetteer().actors
