"""Web pages: the article inside the navigation, adverts and footers.

trafilatura finds the main text and the page's metadata; htmldate is asked
for the date only when trafilatura found none. Feeds embed HTML too, and
:func:`html_fragment_text` turns such fragments into plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from truceline.ingest.article import Source, build_article, with_headline
from truceline.ingest.problems import ReadError, ReadProblem
from truceline.record import Article

# Elements that start a new line of text when the markup is dropped.
_BLOCK_TAG_NAMES = """
address article aside blockquote br dd div dl dt figcaption figure footer
h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul
"""
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())


def read_html(text: str, source: Source) -> Iterator[Article | ReadProblem]:
    """The article of a web page, headline first.

    Extraction favours precision: navigation or a cookie banner read as
    the article would give the extractor sentences no reporter wrote.
    Dates come only from where pages state them (metadata, markup, URL),
    never from a search of the whole page, which finds the copyright year.
    """
    document = trafilatura.bare_extraction(
        text,
        url=source.url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params=_date_params(),
    )
    body = (document.text or "").strip() if document is not None else ""
    if document is None or not body:
        raise ReadError("no article text found in the HTML")
    published = document.date or htmldate.find_date(text, url=source.url, **_date_params())
    yield build_article(
        source,
        id=source.id_stem,
        text=with_headline(document.title, body),
        title=document.title,
        url=source.url or document.url,
        outlet=document.sitename,
        published=published,
    )


def _date_params() -> dict[str, object]:
    return {
        "extensive_search": False,
        "original_date": True,
        "max_date": date.today().isoformat(),
    }


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element.

    Tags are dropped but their block structure is kept, so paragraphs do
    not run into each other ("talks.The deal"), which would mislead the
    sentence splitter.
    """
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment.strip()
    for unwanted in root.xpath("//script | //style"):
        unwanted.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
