"""JSON records: JSONL line by line, and JSON objects or arrays."""

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from truceline.ingest import Notice, ReadProblem, read_inputs
from truceline.record import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
JSONL = FIXTURES / "reports.jsonl"
JSON = FIXTURES / "reports.json"


def read_all(path: Path, **options: object) -> list[Article | ReadProblem]:
    return list(read_inputs([str(path)], **options))


def write_lines(tmp_path: Path, *records: object) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_jsonl_bad_line_is_reported_with_its_number_and_reading_goes_on() -> None:
    results = read_all(JSONL)

    assert [(type(r).__name__, getattr(r, "line", None)) for r in results] == [
        ("Article", None),
        ("Article", None),
        ("ReadProblem", 3),
        ("Notice", 4),
        ("Article", None),
        ("ReadProblem", 6),
    ]
    assert str(results[2]) == (
        f"{JSONL}:3: line is not valid JSON (Expecting ',' delimiter at column 65); "
        "fix the line or remove it"
    )


def test_jsonl_line_without_usable_text_is_a_problem() -> None:
    assert read_all(JSONL)[5] == ReadProblem(
        str(JSONL), 6, 'record has no usable "text" field (a non-empty string is needed)'
    )


def test_jsonl_line_that_is_not_an_object_is_a_problem(tmp_path: Path) -> None:
    path = write_lines(tmp_path, ["Hamas", "Israel"])

    assert read_all(path) == [
        ReadProblem(str(path), 1, 'record is an array, not an object with a "text" field')
    ]


def test_jsonl_line_without_an_id_is_known_as_stem_and_line_even_with_a_url() -> None:
    articles = [r for r in read_all(JSONL) if isinstance(r, Article)]

    assert [(a.id, a.url) for a in articles] == [
        ("wire-101", "https://levant-wire.example/2023/11/24/first-release"),
        ("reports:2", "https://levant-wire.example/2023/11/25/delay"),
        ("reports:4", None),
    ]


def test_jsonl_origin_names_the_file_and_line() -> None:
    assert read_all(JSONL)[4].origin == f"{JSONL}:4"


def test_jsonl_title_goes_before_text_that_does_not_start_with_it() -> None:
    assert read_all(JSONL)[0].text == (
        "First hostages freed as Gaza truce begins\n"
        "Hamas freed 13 Israeli hostages on Friday, the first day of a four-day truce, "
        "and Israel released 39 Palestinian prisoners."
    )


def test_jsonl_title_is_not_repeated_when_text_starts_with_it() -> None:
    assert read_all(JSONL)[1].text.startswith("Second release delayed\nHamas delayed")


def test_jsonl_published_reads_iso_datetimes_and_written_dates() -> None:
    first, second = read_all(JSONL)[:2]

    assert (first.published, second.published) == (date(2023, 11, 24), date(2023, 11, 25))


def test_jsonl_month_only_date_is_kept_with_month_precision(tmp_path: Path) -> None:
    path = tmp_path / "monthly.jsonl"
    path.write_text('{"id": "m1", "text": "Talks resumed.", "published": "2025-05"}\n')

    [article] = read_all(path)

    assert (article.published, article.published_precision) == (date(2025, 5, 1), "month")


def test_jsonl_unreadable_date_is_a_named_warning_and_the_article_is_kept() -> None:
    warning, article = read_all(JSONL)[3:5]

    assert warning == Notice(
        str(JSONL),
        4,
        "\"published\" value 'not a date' is not a date (use YYYY-MM-DD); "
        "the article is kept without a publication date",
    )
    assert str(warning).startswith(f"{JSONL}:4: warning: ")
    assert (article.id, article.published) == ("reports:4", None)


def test_jsonl_unreadable_date_gives_way_to_the_default() -> None:
    warning, article = read_all(JSONL, published=date(2023, 12, 1))[3:5]

    assert warning.message.endswith("the article is kept with the default date 2023-12-01")
    assert article.published == date(2023, 12, 1)


def test_jsonl_fields_of_the_wrong_type_are_treated_as_missing(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        {"id": 42, "title": ["x"], "outlet": {"a": 1}, "text": "Qatar said talks would resume."},
    )

    [article] = read_all(path)

    assert (article.id, article.title, article.outlet, article.text) == (
        "42",
        None,
        None,
        "Qatar said talks would resume.",
    )


def test_json_array_gives_an_article_per_object_and_a_problem_per_other_item() -> None:
    results = read_all(JSON)

    assert results[1] == ReadProblem(
        str(JSON), None, 'item 2 is a string, not an object with a "text" field'
    )
    assert [r.id for r in results if isinstance(r, Article)] == ["doha-1", "reports:3"]


def test_json_single_object_id_falls_back_to_the_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "doha_talks.json"
    path.write_text('{"text": "Talks resumed in Doha on Tuesday."}', encoding="utf-8")

    [article] = read_all(path)

    assert article.id == "doha_talks"


def test_json_file_holding_one_object_per_line_is_read_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "wire.json"
    path.write_text('{"text": "Talks resumed."}\n{"text": "Hamas agreed."}\n', encoding="utf-8")

    assert [r.id for r in read_all(path)] == ["wire:1", "wire:2"]


def test_invalid_json_file_is_one_problem_naming_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "Talks resumed."},\n  {"text": }\n]\n', encoding="utf-8")

    assert read_all(path) == [
        ReadProblem(str(path), None, "is not valid JSON (Expecting value at line 3, column 12)")
    ]


def test_jsonl_line_with_a_lone_surrogate_is_one_problem_and_the_rest_reads(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        '{"id": "a", "text": "Qatar said talks would resume."}\n'
        '{"id": "b", "text": "Hamas \\ud800 agreed."}\n'
        '{"id": "c", "text": "Egypt hosted the talks."}\n',
        encoding="utf-8",
    )

    results = read_all(path)

    assert [r.id for r in results if isinstance(r, Article)] == ["a", "c"]
    assert results[1] == ReadProblem(
        str(path),
        2,
        'record holds a lone UTF-16 surrogate (\\ud800) in its "text" field, which is not '
        "text; fix its \\u escapes or remove it",
    )


def test_json_array_item_with_a_lone_surrogate_in_its_title_is_one_problem(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wire.json"
    path.write_text(
        '[{"id": "a", "title": "Talks \\udfff", "text": "Qatar said talks would resume."},'
        ' {"id": "b", "text": "Egypt hosted the talks."}]',
        encoding="utf-8",
    )

    results = read_all(path)

    assert results[0] == ReadProblem(
        str(path),
        None,
        'item 1 holds a lone UTF-16 surrogate (\\udfff) in its "title" field, which is not '
        "text; fix its \\u escapes or remove it",
    )
    assert [r.id for r in results[1:]] == ["b"]


def test_jsonl_line_with_a_nul_byte_is_one_problem_and_the_other_lines_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Qatar said talks would resume."}\n'
        b'{"id": "b", "text": "Hamas\x00 agreed."}\n'
        b'{"id": "c", "text": "Egypt hosted the talks."}\n'
    )

    results = read_all(path)

    assert [r.id for r in results if isinstance(r, Article)] == ["a", "c"]
    assert results[1] == ReadProblem(
        str(path), 2, "line looks binary (it contains NUL bytes), not text; remove it"
    )


def test_jsonl_on_stdin_with_a_nul_byte_loses_only_that_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = b'{"id": "a", "text": "Qatar said talks would resume."}\n\x00\x00\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    results = list(read_inputs(["-"]))

    assert [type(r).__name__ for r in results] == ["Article", "ReadProblem"]
    assert results[1].line == 2


def test_json_file_that_is_not_line_based_is_still_binary_with_a_nul_byte(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wire.json"
    path.write_bytes(b'[{"id": "a", "text": "Qatar said\x00 talks would resume."}]')

    assert read_all(path) == [
        ReadProblem(str(path), None, "looks like a binary file (it contains NUL bytes), not text")
    ]
