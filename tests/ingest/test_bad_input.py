"""Each bad input is one clear problem naming it, and the other inputs still read."""

import time
from pathlib import Path

from truceline.ingest import ReadProblem, read_inputs
from truceline.record import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
GOOD = FIXTURES / "000_9ec5f3f7bbeb20d9.txt"


def read_all(*paths: Path, **options: object) -> list[Article | ReadProblem]:
    return list(read_inputs([str(path) for path in paths], **options))


def test_empty_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    assert read_all(path) == [ReadProblem(str(path), None, "is empty; there is no text to read")]


def test_whitespace_only_file_is_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_bytes(b" \n\r\n\t\n")

    assert read_all(path) == [ReadProblem(str(path), None, "is empty; there is no text to read")]


def test_binary_file_with_nul_bytes_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")

    assert read_all(path) == [
        ReadProblem(str(path), None, "looks like a binary file (it contains NUL bytes), not text")
    ]


def test_file_of_control_bytes_is_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(1, 32)) * 4)

    assert read_all(path) == [
        ReadProblem(
            str(path), None, "looks like a binary file (it is mostly control bytes), not text"
        )
    ]


def test_invalid_utf8_is_a_problem_naming_the_byte_and_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Truce talks\nin Doha ended on a d\xe9tente note.\n")

    assert read_all(path) == [
        ReadProblem(
            str(path),
            None,
            "is not valid UTF-8 text: byte 0xE9 at offset 32 (line 2, column 21) cannot be "
            "decoded; if it is Windows-1252 or Latin-1 text, convert it with "
            "`iconv -f WINDOWS-1252 -t UTF-8`",
        )
    ]


def test_file_over_the_size_limit_is_rejected_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as sparse:
        sparse.truncate(50_000_000)

    started = time.monotonic()
    results = read_all(path)

    assert time.monotonic() - started < 0.5
    assert results == [
        ReadProblem(
            str(path), None, "is 50.0 MB, over the 20.0 MB size limit; raise the limit to read it"
        )
    ]


def test_size_limit_is_the_max_bytes_option(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Truce extended by two days.\n" * 10, encoding="utf-8")

    assert read_all(path, max_bytes=100) == [
        ReadProblem(
            str(path),
            None,
            "is 280 bytes, over the 100 bytes size limit; raise the limit to read it",
        )
    ]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"

    assert read_all(path) == [
        ReadProblem(str(path), None, "no such file or directory; check the path")
    ]


def test_non_english_article_is_skipped_with_a_problem() -> None:
    path = FIXTURES / "treve_prolongee.txt"

    assert read_all(path) == [
        ReadProblem(
            str(path),
            None,
            "article appears not to be English (only 1% of its 75 words are common English "
            "words like 'the' and 'of', against 15% needed); skipped",
        )
    ]


def test_bad_inputs_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")

    results = read_all(tmp_path / "missing.txt", empty, GOOD, binary, GOOD)

    assert [(type(r).__name__, r.origin) for r in results] == [
        ("ReadProblem", str(tmp_path / "missing.txt")),
        ("ReadProblem", str(empty)),
        ("Article", str(GOOD)),
        ("ReadProblem", str(binary)),
        ("Article", str(GOOD)),
    ]
