"""Web pages: the article without the page around it."""

from datetime import date
from pathlib import Path

from truceline.ingest import ReadProblem, read_inputs
from truceline.ingest.html import html_fragment_text
from truceline.record import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
HEADLINE = "Israel and Hamas complete third prisoner swap under truce"


def read_one(path: Path) -> Article | ReadProblem:
    [result] = read_inputs([str(path)])
    return result


def test_html_text_is_the_headline_then_the_article_body() -> None:
    article = read_one(FIXTURES / "prisoner_swap.html")

    assert article.text.startswith(
        f"{HEADLINE}\nHamas released 17 hostages on Sunday, including 13 Israelis,"
    )
    assert article.text.endswith("the military campaign would resume once the truce ended.")


def test_html_navigation_cookie_banner_scripts_and_footer_are_left_out() -> None:
    text = read_one(FIXTURES / "prisoner_swap.html").text

    for boilerplate in ["Subscribe", "cookies", "dataLayer", "Privacy policy", "© 2023"]:
        assert boilerplate not in text


def test_html_metadata_gives_title_outlet_date_and_canonical_url() -> None:
    article = read_one(FIXTURES / "prisoner_swap.html")

    assert (article.title, article.outlet, article.published, article.url) == (
        HEADLINE,
        "The Harbour Gazette",
        date(2023, 11, 26),
        "https://harbour-gazette.example/world/2023/11/26/third-prisoner-swap",
    )


def test_html_id_is_the_file_stem() -> None:
    assert read_one(FIXTURES / "prisoner_swap.html").id == "prisoner_swap"


def test_html_headline_is_not_repeated_when_the_body_starts_with_it(tmp_path: Path) -> None:
    paragraph = (
        "<p>Hamas released 17 hostages on Sunday in the third exchange under the truce, "
        "and Israel freed 39 Palestinian prisoners in return, the mediators said.</p>"
    )
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>{HEADLINE}</title></head><body><article>"
        f"<h1>{HEADLINE}</h1>{paragraph * 3}</article></body></html>",
        encoding="utf-8",
    )

    text = read_one(path).text

    assert text.startswith(f"{HEADLINE}\nHamas released")
    assert text.count(HEADLINE) == 1


def test_html_page_without_article_text_is_a_problem() -> None:
    path = FIXTURES / "nav_only.html"

    assert read_one(path) == ReadProblem(str(path), None, "no article text found in the HTML")


def test_html_copyright_year_is_not_taken_for_the_publication_date(tmp_path: Path) -> None:
    paragraph = "<p>Qatar said on Sunday that the talks on a truce in Gaza would resume.</p>"
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><body><article><h1>Talks resume</h1>{paragraph * 4}</article>"
        "<footer><p>© 2021 The Harbour Gazette</p></footer></body></html>",
        encoding="utf-8",
    )

    assert read_one(path).published is None


def test_fragment_paragraphs_become_lines() -> None:
    assert html_fragment_text("<p>Talks resumed.</p><p>Hamas agreed.</p>") == (
        "Talks resumed.\nHamas agreed."
    )


def test_fragment_line_breaks_and_list_items_become_lines() -> None:
    assert html_fragment_text("Doha<br>Cairo<ul><li>Qatar</li><li>Egypt</li></ul>") == (
        "Doha\nCairo\nQatar\nEgypt"
    )


def test_fragment_entities_are_decoded_and_scripts_dropped() -> None:
    fragment = "<p>Israel &amp; Hamas</p><script>track()</script><style>p{}</style>"

    assert html_fragment_text(fragment) == "Israel & Hamas"


def test_fragment_inline_markup_does_not_split_lines() -> None:
    fragment = "<p>Hamas freed <b>13</b> hostages, <a href='/x'>officials said</a>.</p>"

    assert html_fragment_text(fragment) == "Hamas freed 13 hostages, officials said."
