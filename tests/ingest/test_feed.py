"""RSS and Atom feeds: one article per entry that carries text."""

from datetime import date
from pathlib import Path

from truceline.ingest import ReadProblem, read_inputs
from truceline.record import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
RSS = FIXTURES / "talks.rss"
ATOM = FIXTURES / "talks.atom"


def read_all(path: Path) -> list[Article | ReadProblem]:
    return list(read_inputs([str(path)]))


def test_rss_gives_one_article_per_entry_with_text_skipping_link_only_entries() -> None:
    assert [article.id for article in read_all(RSS)] == [
        "hg-2023-11-27-001",
        "https://harbour-gazette.example/world/2023/11/27/rafah-handover",
    ]


def test_rss_entry_without_guid_uses_its_link_as_id_and_url() -> None:
    article = read_all(RSS)[1]

    link = "https://harbour-gazette.example/world/2023/11/27/rafah-handover"

    assert (article.id, article.url) == (link, link)


def test_rss_full_content_is_preferred_to_the_summary() -> None:
    article = read_all(RSS)[0]

    assert article.text == (
        "Mediators propose two-day extension of Gaza truce\n"
        "Qatar and Egypt proposed on Monday that the truce between Israel and Hamas be "
        "extended by two days, in exchange for the release of 20 more hostages held in Gaza, "
        "according to two officials briefed on the talks.\n"
        "Hamas said it was ready to accept the extension, while Israel said it was studying "
        "the proposal."
    )


def test_rss_summary_html_becomes_plain_text_after_the_headline() -> None:
    article = read_all(RSS)[1]

    assert article.text == (
        "Red Cross says 11 hostages handed over at Rafah\n"
        "The International Committee of the Red Cross said on Monday that it had received "
        "11 hostages from Hamas and was taking them to the Rafah crossing & into Egypt."
    )


def test_feed_title_is_the_outlet_and_entry_title_the_title() -> None:
    article = read_all(RSS)[0]

    assert (article.outlet, article.title) == (
        "Harbour Gazette: Middle East",
        "Mediators propose two-day extension of Gaza truce",
    )


def test_entry_date_is_the_date_in_the_entry_own_time_zone() -> None:
    # 22:15 on the 27th at -05:00 is already the 28th in UTC.
    assert read_all(RSS)[0].published == date(2023, 11, 27)


def test_atom_entries_read_html_content_and_plain_text_summary() -> None:
    articles = read_all(ATOM)

    assert [(a.id, a.outlet, a.published) for a in articles] == [
        ("tag:levant-wire.example,2023:truce-extended-again", "Levant Wire", date(2023, 11, 30)),
        ("tag:levant-wire.example,2023:hostage-list", "Levant Wire", date(2023, 11, 29)),
    ]
    assert articles[1].text == (
        "Hamas hands over list of hostages for release\n"
        "Hamas gave mediators a list of hostages it would release on Thursday if the truce "
        "holds, an Egyptian source said."
    )


def test_feed_whose_entries_have_no_text_is_one_problem() -> None:
    path = FIXTURES / "links_only.rss"

    assert read_all(path) == [
        ReadProblem(
            str(path),
            None,
            "none of the feed's 2 entries has text (content or summary); "
            "read the linked pages instead",
        )
    ]


def test_xml_file_that_is_not_a_feed_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>Call the Doha desk</note></notes>", encoding="utf-8")

    assert read_all(path) == [
        ReadProblem(
            str(path), None, "is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)"
        )
    ]


def test_an_entrys_own_source_or_dateline_names_its_outlet_not_the_channel(tmp_path) -> None:
    feed = tmp_path / "aggregator.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Talks Aggregator</title>'
        "<item><guid>a</guid><title>Envoys meet in Doha</title>"
        '<source url="https://harbour-gazette.example/rss">Harbour Gazette</source>'
        "<description>Envoys met in Doha on Sunday to discuss a truce.</description></item>"
        "<item><guid>b</guid><title>Talks resume in Cairo</title>"
        "<description>CAIRO, March 3 (Reuters) - Talks on a Gaza truce resumed in Cairo on "
        "Monday, two officials said.</description></item>"
        "<item><guid>c</guid><title>Mediators upbeat</title>"
        "<description>Mediators said on Tuesday that a deal was close.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    outlets = {a.id: a.outlet for a in read_all(feed)}
    assert outlets == {"a": "Harbour Gazette", "b": "Reuters", "c": "Talks Aggregator"}
