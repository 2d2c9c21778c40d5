"""What inputs name: files, directories, stdin; read in the order given."""

import io
import json
import sys
from pathlib import Path

import pytest

from truceline.ingest import ReadProblem, read_inputs
from truceline.record import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
LEDE = "Qatar said on Monday that the truce between Israel and Hamas had been extended."


def read_all(*inputs: object, **options: object) -> list[Article | ReadProblem]:
    return list(read_inputs([str(name) for name in inputs], **options))


def write(path: Path, content: str = LEDE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_inputs_are_read_in_the_order_given() -> None:
    results = read_all(FIXTURES / "truce_extended.md", FIXTURES / "000_9ec5f3f7bbeb20d9.txt")

    assert [r.id for r in results] == ["hg-2023-11-28-truce", "000_9ec5f3f7bbeb20d9"]


def test_directory_is_read_recursively_in_sorted_path_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.md", "a/b/c.txt", "a.txt"]:
        write(tmp_path / name)

    assert [r.origin for r in read_all(tmp_path)] == [
        str(tmp_path / "a" / "b" / "c.txt"),
        str(tmp_path / "a" / "z.md"),
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
    ]


def test_directory_hidden_files_and_directories_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "kept.txt")
    write(tmp_path / ".draft.txt")
    write(tmp_path / ".cache" / "copy.txt")

    assert [r.id for r in read_all(tmp_path)] == ["kept"]


def test_directory_files_with_other_extensions_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "kept.md")
    write(tmp_path / "notes.docx")
    write(tmp_path / "README")

    assert [r.id for r in read_all(tmp_path)] == ["kept"]


def test_directory_with_nothing_to_read_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "notes.docx")

    assert read_all(tmp_path) == [
        ReadProblem(
            str(tmp_path),
            None,
            "directory has no files to read "
            "(.txt, .md, .html, .htm, .xml, .rss, .atom, .json, .jsonl, .ndjson)",
        )
    ]


def test_file_named_explicitly_with_an_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path / "export.data", json.dumps({"id": "w-1", "text": LEDE}) + "\n")

    assert [r.id for r in read_all(path)] == ["w-1"]


def test_stdin_text_is_one_article_with_id_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, f"Truce extended\r\n\r\n{LEDE}\r\n".encode())

    [article] = read_all("-")

    assert (article.id, article.origin, article.title, article.text) == (
        "stdin",
        "<stdin>",
        "Truce extended",
        f"Truce extended\n\n{LEDE}\n",
    )


def test_stdin_jsonl_is_recognised(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"text": LEDE}, {"id": "w-2", "text": LEDE}]
    feed_stdin(monkeypatch, "\n".join(json.dumps(r) for r in records).encode())

    assert [(r.id, r.origin) for r in read_all("-")] == [
        ("stdin:1", "<stdin>:1"),
        ("w-2", "<stdin>:2"),
    ]


def test_stdin_html_is_recognised(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, (FIXTURES / "prisoner_swap.html").read_bytes())

    [article] = read_all("-")

    assert article.title == "Israel and Hamas complete third prisoner swap under truce"


def test_stdin_over_the_size_limit_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b"x" * 2_000)

    assert read_all("-", max_bytes=1_000) == [
        ReadProblem("<stdin>", None, "is over the 1.0 kB size limit; raise the limit to read it")
    ]


def test_a_single_path_string_is_one_input_not_one_per_character() -> None:
    [article] = read_inputs(str(FIXTURES / "000_9ec5f3f7bbeb20d9.txt"))

    assert article.id == "000_9ec5f3f7bbeb20d9"
