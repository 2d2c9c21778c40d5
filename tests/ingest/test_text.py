"""Plain-text and Markdown files, with and without YAML front matter."""

from datetime import date
from pathlib import Path

from truceline.ingest import ReadProblem, read_inputs
from truceline.record import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
LEDE = (
    "Israel and Hamas agreed on Monday to extend their truce in Gaza by two days, "
    "Qatar's foreign ministry said, allowing the release of more hostages."
)


def read_one(path: Path, **options: object) -> Article | ReadProblem:
    [result] = read_inputs([str(path)], **options)
    return result


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    return path


def test_text_id_is_the_file_stem() -> None:
    article = read_one(FIXTURES / "000_9ec5f3f7bbeb20d9.txt")

    assert article.id == "000_9ec5f3f7bbeb20d9"


def test_text_title_is_the_first_non_empty_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"\n\n  Truce extended by two days  \n\n{LEDE}\n")

    assert read_one(path).title == "Truce extended by two days"


def test_text_is_the_file_content_unchanged() -> None:
    path = FIXTURES / "000_9ec5f3f7bbeb20d9.txt"

    assert read_one(path).text == path.read_text(encoding="utf-8")


def test_text_origin_is_the_path() -> None:
    path = FIXTURES / "000_9ec5f3f7bbeb20d9.txt"

    assert read_one(path).origin == str(path)


def test_markdown_front_matter_gives_id_url_outlet_and_published() -> None:
    article = read_one(FIXTURES / "truce_extended.md")

    assert (article.id, article.url, article.outlet, article.published) == (
        "hg-2023-11-28-truce",
        "https://harbour-gazette.example/world/2023/11/28/truce-extended",
        "The Harbour Gazette",
        date(2023, 11, 28),
    )


def test_markdown_title_drops_the_leading_hashes() -> None:
    article = read_one(FIXTURES / "truce_extended.md")

    assert article.title == "Israel and Hamas agree to extend truce by two days"


def test_markdown_text_is_everything_after_the_front_matter_unchanged() -> None:
    content = (FIXTURES / "truce_extended.md").read_text(encoding="utf-8")
    after_front_matter = content.split("---\n", 2)[2]

    article = read_one(FIXTURES / "truce_extended.md")

    assert article.text == after_front_matter
    assert article.text.startswith("# Israel and Hamas agree")


def test_front_matter_title_wins_over_the_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", f"---\ntitle: Gaza truce extended\n---\n# Truce\n\n{LEDE}\n")

    assert read_one(path).title == "Gaza truce extended"


def test_front_matter_without_id_keeps_the_file_stem_even_with_a_url(tmp_path: Path) -> None:
    path = write(tmp_path, "017_abc.txt", f"---\nurl: https://example.org/a\n---\n{LEDE}\n")

    article = read_one(path)

    assert (article.id, article.url) == ("017_abc", "https://example.org/a")


def test_numeric_front_matter_id_becomes_a_string(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"---\nid: 1234\n---\n{LEDE}\n")

    assert read_one(path).id == "1234"


def test_windows_and_old_mac_newlines_become_line_feeds(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Truce extended\r\n\r\nMediators said so.\rThey met in Doha.\r\n")

    assert read_one(path).text == "Truce extended\n\nMediators said so.\nThey met in Doha.\n"


def test_leading_byte_order_mark_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfTruce extended\n")

    article = read_one(path)

    assert (article.text, article.title) == ("Truce extended\n", "Truce extended")


def test_front_matter_after_a_byte_order_mark_is_still_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\nid: x-1\n---\nTruce extended\n")

    article = read_one(path)

    assert (article.id, article.text) == ("x-1", "Truce extended\n")


def test_default_published_applies_when_the_file_gives_none(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"{LEDE}\n")

    assert read_one(path, published=date(2024, 1, 5)).published == date(2024, 1, 5)


def test_front_matter_published_wins_over_the_default() -> None:
    article = read_one(FIXTURES / "truce_extended.md", published=date(2024, 1, 5))

    assert article.published == date(2023, 11, 28)


def test_unclosed_front_matter_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", f"---\nid: x-1\n{LEDE}\n")

    assert read_one(path) == ReadProblem(
        str(path),
        None,
        "front matter opened by '---' on line 1 is never closed; add a '---' line after it",
    )


def test_invalid_yaml_front_matter_is_a_problem_naming_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", f"---\nid: x-1\ntitle: [unclosed\n---\n{LEDE}\n")

    problem = read_one(path)

    assert isinstance(problem, ReadProblem)
    assert problem.message.startswith("front matter is not valid YAML on line 4 (")
    assert problem.message.endswith("); fix it or remove it")


def test_front_matter_that_is_not_key_value_pairs_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", f"---\n- one\n- two\n---\n{LEDE}\n")

    assert read_one(path) == ReadProblem(
        str(path), None, "front matter must be YAML 'key: value' lines (id, title, url, ...)"
    )


def test_front_matter_without_text_after_it_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\nid: x-1\n---\n\n")

    assert read_one(path) == ReadProblem(
        str(path), None, "has front matter but no article text after it"
    )
