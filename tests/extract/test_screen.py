"""The relevance screen: it keeps every report of talks, in any phrasing, and drops other news.

The screen reads raw text with no model, so these tests need no spaCy except
where they run the extractor or the command line end to end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline.cli import app
from truceline.data.gazetteer import load_gazetteer
from truceline.extract.pipeline import Extractor
from truceline.extract.screen import (
    RelevanceScreen,
    ScreenDataError,
    lexicon_words,
    word_forms,
)
from truceline.extract.screened import ScreenedOut
from truceline.ingest import read_inputs
from truceline.record import Article, ExtractionRecord

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

# Reports of negotiation events, each in another phrasing; none of them was
# copied from a real report.
NEGOTIATION_NEWS = {
    "truce_word": "Fighting ebbs as truce holds in the north\nThe truce entered its third day.",
    "ceasefire_hyphen": "Guns fall silent\nA cease-fire between the army and the rebels began at dawn.",
    "hostages": "Three hostages walk free\nHamas handed three hostages to the Red Cross on Saturday.",
    "prisoners_only": "Prisoners return home\nIsrael freed 90 prisoners from Ofer jail overnight.",
    "negotiators": "Negotiators meet in Cairo\nIsraeli and Hamas negotiators met in Cairo on Monday.",
    "mediators": "Mediators press on\nQatar said it is mediating between Israel and Hamas.",
    "talks": "Talks resume in Doha\nDelegations of the warring sides returned to the table.",
    "peace_plan": "Peace plan unveiled\nThe United States unveiled a peace plan for the region.",
    "approved_proposal": (
        "Movement approves the Egyptian proposal\nHamas approved the Egyptian proposal on Saturday."
    ),
    "accepted_halt": (
        "Kremlin accepts US proposal on energy strikes\n"
        "Russia accepted the US proposal for a 30-day halt to strikes on power plants."
    ),
    "rejected_plan": "Netanyahu rejects the plan\nNetanyahu rejected the plan put forward by Egypt.",
    "rejected_demand": (
        "Kremlin turns down the demand\nMoscow rejected a Ukrainian demand for a pullback of troops."
    ),
    "servicemen_home": (
        "Ukraine brings soldiers home\nUkraine brought home 230 servicemen from Russian captivity."
    ),
    "captives_swap": "Swap completed\nThe two sides swapped captives at the border.",
    "detainees_word": "Detainees freed\nThe RSF released detainees held in Khartoum.",
    "armistice": "Armistice signed\nThe armistice was signed at midnight by both commanders.",
    "pow_acronym": "POWs exchanged\nKyiv and Moscow exchanged 150 POWs each.",
}

# Ordinary news written for these tests: sport, business, weather, technology,
# health, crime, culture, domestic politics, and words of talks in other senses.
ORDINARY_NEWS = {
    "tennis": "Champion retains title\nShe won the final in straight sets on Sunday in London.",
    "football": "United win derby\nThe home side scored twice in the second half to win 2-0.",
    "markets": "Stocks close higher\nShares in New York rose as investors welcomed strong earnings.",
    "rates": "Bank raises rates\nThe central bank raised its key rate by half a point to curb inflation.",
    "weather": "Storm lashes coast\nHeavy rain and high winds cut power to 20,000 homes.",
    "phone": "New phone on sale\nThe company released a new phone with a larger screen.",
    "health": "Study links diet to heart risk\nPeople who ate fried food had a higher risk.",
    "burglary": "Man jailed for burglary\nA man who broke into six homes was jailed for four years.",
    "album": "Band releases album\nThe band released its sixth album on Friday to warm reviews.",
    "election": "Senator will not run again\nThe senator said he will retire at the end of his term.",
    "trade_offer": "Retailer offers discounts\nThe chain offered 30 percent off all shoes this weekend.",
    "museum": "Museum reopens\nThe museum reopened its doors after a two-year refit in Paris.",
}


@pytest.fixture(scope="module")
def screen() -> RelevanceScreen:
    return RelevanceScreen.bundled(load_gazetteer())


def article(key: str, text: str) -> Article:
    return Article(id=key, text=text, title=text.splitlines()[0])


@pytest.mark.parametrize("key", sorted(NEGOTIATION_NEWS))
def test_screen_keeps_a_report_of_talks_in_any_phrasing(screen: RelevanceScreen, key: str) -> None:
    assert screen.keeps(article(key, NEGOTIATION_NEWS[key]))


@pytest.mark.parametrize("key", sorted(ORDINARY_NEWS))
def test_screen_drops_ordinary_news(screen: RelevanceScreen, key: str) -> None:
    assert not screen.keeps(article(key, ORDINARY_NEWS[key]))


def test_a_word_of_talks_keeps_only_with_a_party(screen: RelevanceScreen) -> None:
    wage = "Wage talks resume\nUnion negotiators met the employers on Monday."
    truce = "Talks resume\nIsraeli negotiators met the mediators on Monday."
    assert not screen.keeps(article("wage", wage))
    assert screen.keeps(article("truce", truce))


def test_a_truce_word_keeps_without_a_party(screen: RelevanceScreen) -> None:
    assert screen.keeps(article("truce", "Quiet night\nA truce took hold in the city."))


def test_an_act_on_a_deal_keeps_only_with_a_party(screen: RelevanceScreen) -> None:
    with_party = "Vote today\nHamas approved the proposal on Saturday."
    without = "Vote today\nThe board approved the proposal on Saturday."
    assert screen.keeps(article("party", with_party))
    assert not screen.keeps(article("none", without))


def test_an_act_far_from_its_deal_does_not_keep(screen: RelevanceScreen) -> None:
    text = "Israel notes\nIsrael approved new rules for schools, hospitals, roads and a plan."
    assert not screen.keeps(article("far", text))


def test_a_count_of_people_keeps_only_beside_a_release(screen: RelevanceScreen) -> None:
    freed = "Home at last\nUkraine freed 95 soldiers on Friday."
    killed = "Clashes\nUkraine said 95 soldiers were wounded on Friday."
    assert screen.keeps(article("freed", freed))
    assert not screen.keeps(article("killed", killed))


def test_capitalised_names_match_only_in_capitals(screen: RelevanceScreen) -> None:
    # "US" is a party; "us" is a pronoun: with it alone, no party is named.
    assert not screen.keeps(article("us", "Tell us\nLet us approve the peace proposal together."))
    assert screen.keeps(article("US", "US view\nThe US approved the peace proposal on Friday."))


def test_a_party_from_an_extra_gazetteer_is_seen(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "actors:\n  - {id: ZZF, kind: group, name: Zed Front, aliases: [Zed Front]}\n",
        encoding="utf-8",
    )
    screen = RelevanceScreen.bundled(load_gazetteer([extra]))
    assert screen.keeps(article("zed", "Vote\nThe Zed Front rejected the proposal."))


def test_screen_words_are_drawn_from_the_lexicons_extraction_reads() -> None:
    assert "ceasefire" in lexicon_words("terms:truce_nouns")
    assert "hostages" in lexicon_words("terms:people.captives")
    assert "reject" in lexicon_words("events:verbs", ["REJECT"])
    assert "propose" not in lexicon_words("events:verbs", ["REJECT"])


@pytest.mark.parametrize(
    ("ref", "message"),
    [("terms", "names no lexicon"), ("nowhere:words", "names no lexicon"), ("terms:nope", "nope")],
)
def test_a_bad_lexicon_reference_fails_naming_it(ref: str, message: str) -> None:
    with pytest.raises(ScreenDataError, match=message):
        lexicon_words(ref)


def test_word_forms_cover_regular_inflections() -> None:
    assert {"agrees", "agreed", "agreeing"} <= word_forms("agree")
    assert {"submitted", "submitting"} <= word_forms("submit")
    assert {"replies", "replied"} <= word_forms("reply")
    assert "met" in word_forms("meet", {"meet": ["met"]})


# ---------------------------------------------------------------- the corpora


def _corpus(paths: list[str]) -> list[Article]:
    return [a for a in read_inputs(paths) if isinstance(a, Article)]


CORPORA = {
    "dev": [str(ROOT / "corpora/dev/articles")],
    "demo": [str(ROOT / "corpora/demo/articles")],
    "reconcile": [str(ROOT / "corpora/reconcile/articles")],
}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_screen_keeps_every_article_of_the_negotiation_corpora(
    screen: RelevanceScreen, name: str
) -> None:
    articles = _corpus(CORPORA[name])
    assert articles
    assert [a.id for a in articles if not screen.keeps(a)] == []


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="needs ../shared/seeds")
def test_screen_keeps_every_seed(screen: RelevanceScreen) -> None:
    seeds = _corpus(sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")))
    assert seeds
    assert [a.id for a in seeds if not screen.keeps(a)] == []


@pytest.mark.skipif(
    not (ROOT / ".cache/realdev/in.jsonl").is_file(), reason="needs the realdev cache"
)
def test_screen_keeps_every_real_report_with_gold_events(screen: RelevanceScreen) -> None:
    reports = _corpus([str(ROOT / ".cache/realdev/in.jsonl")])
    assert len(reports) == 60
    assert [a.id for a in reports if not screen.keeps(a)] == []


def test_screen_drops_most_of_the_project_news_corpus(screen: RelevanceScreen) -> None:
    news = _corpus([str(ROOT / "corpora/news/articles")])
    assert len(news) >= 20
    kept = [a.id for a in news if screen.keeps(a)]
    assert len(kept) <= len(news) // 10, kept


# ------------------------------------------------------- through the extractor


def test_extractor_yields_a_screened_out_in_place_of_each_dropped_article() -> None:
    extractor = Extractor(include_text=False)
    stream = [
        article("album", ORDINARY_NEWS["album"]),
        article("hostages", NEGOTIATION_NEWS["hostages"]),
        article("weather", ORDINARY_NEWS["weather"]),
    ]
    out = list(extractor.extract_many(stream))
    assert [type(o) for o in out] == [ScreenedOut, ExtractionRecord, ScreenedOut]
    assert [o.article_id if isinstance(o, ScreenedOut) else o.article.id for o in out] == [
        "album",
        "hostages",
        "weather",
    ]
    assert all(
        isinstance(o, ExtractionRecord) for o in Extractor(screen=False).extract_many(stream)
    )


def _write_stream(folder: Path) -> Path:
    folder.mkdir()
    for key in ("hostages", "approved_proposal"):
        (folder / f"{key}.txt").write_text(NEGOTIATION_NEWS[key], encoding="utf-8")
    for key in ("album", "weather", "tennis"):
        (folder / f"{key}.txt").write_text(ORDINARY_NEWS[key], encoding="utf-8")
    return folder


def test_extract_counts_and_lists_the_articles_screened_out(tmp_path: Path) -> None:
    folder = _write_stream(tmp_path / "in")
    listed = tmp_path / "screened.jsonl"
    result = CliRunner().invoke(app, ["extract", str(folder), "--screened-out", str(listed)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["article"]["id"] for r in records) == ["approved_proposal", "hostages"]
    assert sorted(json.loads(line)["id"] for line in listed.read_text().splitlines()) == [
        "album",
        "tennis",
        "weather",
    ]
    assert "screened out 3 of 5 articles" in result.stderr


def test_extract_with_no_screen_parses_every_article(tmp_path: Path) -> None:
    folder = _write_stream(tmp_path / "in")
    result = CliRunner().invoke(app, ["extract", str(folder), "--no-screen"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 5
    assert "screened out" not in result.stderr


def test_ingest_counts_the_screened_out_and_stores_only_the_rest(tmp_path: Path) -> None:
    from truceline.store import Store

    folder = _write_stream(tmp_path / "in")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested 5 articles: 2 added, 0 unchanged, 0 updated, ")
    assert "3 screened out, 0 failed;" in result.stdout
    with Store.open(db) as store:
        assert store.counts().articles == 2


def test_ingest_stores_the_screened_out_so_screened_lists_them_with_the_reason(
    tmp_path: Path,
) -> None:
    folder = _write_stream(tmp_path / "in")
    db = str(tmp_path / "t.db")
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    listed = CliRunner().invoke(app, ["screened", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert sorted(r["source_id"] for r in rows) == ["album", "tennis", "weather"]
    assert all(r["reason"] for r in rows)
    text = CliRunner().invoke(app, ["screened", "--db", db]).stdout
    assert len(text.splitlines()) == 3 and "album.txt" in text
    later = CliRunner().invoke(app, ["screened", "--db", db, "--since", "2999-01-01"])
    assert later.stdout.strip() == "No article screened out since 2999-01-01."


def test_a_no_screen_reingest_parses_and_stores_what_was_screened_out(tmp_path: Path) -> None:
    from truceline.store import Store

    folder = _write_stream(tmp_path / "in")
    db = str(tmp_path / "t.db")
    CliRunner().invoke(app, ["ingest", str(folder), "--db", db])
    again = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--no-screen"])
    assert again.exit_code == 0, again.output
    assert "3 added, 2 unchanged" in again.stdout
    with Store.open(db) as store:
        assert store.counts().articles == 5
        assert store.screened() == []


def test_screen_reasons_tell_no_party_from_a_party_with_nothing_of_talks(
    screen: RelevanceScreen,
) -> None:
    from truceline.extract.screen import NO_PARTY, PARTY_ONLY

    assert screen.reason_to_drop(article("album", ORDINARY_NEWS["album"])) == NO_PARTY
    visit = "Minister visits farm\nThe Israeli agriculture minister toured a dairy farm on Monday."
    assert screen.reason_to_drop(article("visit", visit)) == PARTY_ONLY
    assert screen.reason_to_drop(article("hostages", NEGOTIATION_NEWS["hostages"])) is None


# Talks and deals that name no conflict and no party to one: extraction reads no event in
# them (reading.yaml: talks are read in a report or sentence of a conflict), so they are dropped.
OUTSIDE_CONFLICTS = {
    "mediation_of_no_conflict": "Mediators press on\nQatar said it is mediating between the two sides.",
    "talks_of_no_conflict": "Talks resume in Doha\nDelegations from both sides returned to the table.",
    "coalition_talks": (
        "Parties open coalition talks in London\n"
        "British party leaders began talks in London on Monday on forming a government."
    ),
    "trade_deal": (
        "EU and Japan seal trade pact\n"
        "The European Union approved the trade deal with Japan after months of negotiation."
    ),
    # A war named as a name ("World War II", "the Cold War") is a proper noun to the parser.
    "talks_since_a_named_war": (
        "Leaders open talks in London\n"
        "British party leaders began talks in London on Monday on forming a government, "
        "the first such talks since World War II and the longest since the Cold War."
    ),
}


@pytest.mark.parametrize("key", sorted(OUTSIDE_CONFLICTS))
def test_talks_and_deals_of_no_conflict_are_screened_out(screen: RelevanceScreen, key: str) -> None:
    from truceline.extract.screen import PARTY_ONLY

    assert screen.reason_to_drop(article(key, OUTSIDE_CONFLICTS[key])) == PARTY_ONLY


def test_talks_in_a_conflict_are_kept_by_a_war_word_or_a_party_to_one(
    screen: RelevanceScreen,
) -> None:
    war = "Envoys meet in Geneva\nBritish and French envoys met to discuss an end to the war."
    party = "Talks in Cairo\nHamas officials held talks with Egyptian mediators in Cairo."
    assert screen.keeps(article("war", war))
    assert screen.keeps(article("party", party))


@pytest.mark.parametrize(
    "war",
    ["the war", "WAR", "War", "years of fighting", "Geneva. War"],
)
def test_a_war_written_as_a_common_noun_keeps_talks(screen: RelevanceScreen, war: str) -> None:
    text = f"Envoys meet in Geneva\nBritish and French envoys met. {war} goes on, they said."
    assert screen.keeps(article("war", text))


@pytest.mark.parametrize("name", ["World War II", "the Cold War", "the Korean War", "Six-Day War"])
def test_a_war_named_as_a_name_does_not_keep_talks(screen: RelevanceScreen, name: str) -> None:
    text = f"Envoys meet in Geneva\nBritish and French envoys met to talk about {name} history."
    assert not screen.keeps(article("name", text))


def test_a_party_named_in_a_possessive_or_a_compound_is_seen(screen: RelevanceScreen) -> None:
    possessive = "Negotiators in Cairo\nIsrael's negotiators arrived in Cairo on Monday."
    compound = "Officials in Doha\nHamas-appointed negotiators arrived in Doha on Monday."
    assert screen.keeps(article("possessive", possessive))
    assert screen.keeps(article("compound", compound))


def test_a_possessive_with_a_curly_apostrophe_is_dropped_too(screen: RelevanceScreen) -> None:
    text = "Negotiators in Cairo\nIsrael’s negotiators arrived in Cairo on Monday."
    assert screen.keeps(article("curly", text))


@pytest.mark.parametrize("word", ["pro-ceasefire", "Ceasefire-related", "hostage-taking"])
def test_a_truce_stem_keeps_at_the_start_of_a_part_of_a_compound(
    screen: RelevanceScreen, word: str
) -> None:
    assert screen.keeps(article("part", f"Rally held\nA {word} rally was held in the square."))


def test_a_truce_stem_inside_another_word_does_not_keep(screen: RelevanceScreen) -> None:
    assert not screen.keeps(article("inside", "Rally held\nThe antitruce rally was held."))


def test_screen_and_extraction_agree_on_talks_outside_any_conflict() -> None:
    """What the screen drops for want of a conflict, extraction reads no event in."""
    stream = [article(k, v) for k, v in OUTSIDE_CONFLICTS.items()]
    records = list(Extractor(include_text=False, screen=False).extract_many(stream))
    assert [len(r.events) for r in records if isinstance(r, ExtractionRecord)] == [0] * len(stream)
