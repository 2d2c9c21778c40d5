"""The command line, run for real on files written by the tests."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from truceline import api
from truceline.cli import app
from truceline.errors import TrucelineError
from truceline.store import Store

GAZA = """---
id: gaza-1
outlet: Levant Wire
published: 2025-03-02
url: https://levantwire.example/gaza-1
---
Hamas rejects Israeli proposal to extend first phase
Two Egyptian security sources told Reuters that Hamas rejected an Israeli proposal to extend the first phase of the truce by 42 days.
"""

SWAP = """Russia and Ukraine swap 150 prisoners of war each
Russia and Ukraine exchanged 150 prisoners of war each on Friday in a swap mediated by the United Arab Emirates, the Russian Defence Ministry said.
"""


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "gaza.md").write_text(GAZA, encoding="utf-8")
    (tmp_path / "swap.txt").write_text(SWAP, encoding="utf-8")
    return tmp_path


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_writes_one_jsonl_record_per_article(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    ids = [r["article"]["id"] for r in records(result.stdout)]
    assert ids == ["gaza-1", "swap"]


def test_record_carries_metadata_events_claims_and_terms(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus / "gaza.md")])
    (rec,) = records(result.stdout)
    assert rec["article"]["outlet"] == "Levant Wire"
    assert rec["article"]["published"] == "2025-03-02"
    rejects = [e for e in rec["events"] if e["type"] == "REJECT"]
    assert [e["actor"] for e in rejects] == [["HAMAS"], ["HAMAS"]]  # headline and body
    assert rejects[0]["claim"]["source_text"] is None
    reject = rejects[1]
    assert reject["claim"]["source_actor"] == "EGY"
    assert reject["claim"]["via"] == "Reuters"
    issues = {(t["issue"], t["value"]) for e in rec["events"] for t in e["terms"]}
    assert ("extension_days", 42) in issues


def test_every_evidence_offset_slices_the_article_text(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus)])
    for rec in records(result.stdout):
        text = rec["article"]["text"]
        for event in rec["events"]:
            ev = event["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"]


def test_output_file_and_json_format(runner, corpus, tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(corpus), "--format", "json", "--output", str(out)])
    assert result.exit_code == 0
    assert [r["article"]["id"] for r in json.loads(out.read_text())] == ["gaza-1", "swap"]


def test_output_file_is_not_read_as_input_on_a_rerun(runner, corpus):
    out = corpus / "records.jsonl"
    for _ in range(2):
        result = runner.invoke(app, ["extract", str(corpus), "--output", str(out)])
        assert result.exit_code == 0, result.stderr
    assert [r["article"]["id"] for r in records(out.read_text())] == ["gaza-1", "swap"]
    assert not list(corpus.glob(".*partial"))


def test_table_format_is_for_people(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus / "swap.txt"), "--format", "table"])
    assert result.exit_code == 0
    assert "RELEASE" in result.stdout and "Russia and Ukraine swap" in result.stdout


def test_published_option_dates_undated_input(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus / "swap.txt"), "--published", "2025-05-24"])
    (rec,) = records(result.stdout)
    assert rec["article"]["published"] == "2025-05-24"
    release = next(e for e in rec["events"] if e["trigger"] == "exchanged")
    assert release["date"] == "2025-05-23"  # "on Friday" before Saturday 24 May


def test_bad_published_date_is_a_usage_error(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus), "--published", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_bad_inputs_are_named_and_the_rest_is_extracted(runner, corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (corpus / "feed.jsonl").write_text(
        '{"id": "j1", "text": "Hamas freed three Israeli hostages on Saturday."}\n'
        "{not json\n"
        '{"id": "j2", "text": "Israel released 90 Palestinian prisoners on Sunday."}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 1
    ids = [r["article"]["id"] for r in records(result.stdout)]
    assert ids == ["j1", "j2", "gaza-1", "swap"]
    problems = [line for line in result.stderr.splitlines() if line.strip()]
    assert any("binary.txt" in p for p in problems)
    assert any("empty.txt" in p for p in problems)
    assert any("feed.jsonl:2" in p for p in problems)
    assert "Traceback" not in result.stderr


def test_missing_path_fails_with_a_message(runner, tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_long_article_is_extracted_in_sections_with_a_warning(runner, corpus, monkeypatch):
    from truceline.extract import sections

    monkeypatch.setattr(sections, "SECTION_CHARS", 2_000)
    long = corpus / "long.txt"
    long.write_text(SWAP + "The weather was discussed at length.\n" * 100 + SWAP)
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    assert [r["article"]["id"] for r in records(result.stdout)] == ["gaza-1", "long", "swap"]
    assert result.stderr.startswith(f"{long}: warning: article is 4,096 characters long: ")
    assert "Traceback" not in result.stderr


def test_a_lone_surrogate_in_json_is_one_named_problem(runner, corpus):
    (corpus / "feed.jsonl").write_text(
        '{"id": "j1", "text": "Hamas freed three Israeli hostages on Saturday."}\n'
        '{"id": "j2", "text": "Israel released \\ud800 prisoners."}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 1
    assert [r["article"]["id"] for r in records(result.stdout)] == ["j1", "gaza-1", "swap"]
    assert result.stderr.startswith(f"{corpus / 'feed.jsonl'}:2: record holds a lone")


def test_a_warning_alone_leaves_the_exit_status_at_zero(runner, corpus):
    (corpus / "feed.jsonl").write_text(
        '{"id": "j1", "published": "soon", "text": "Hamas freed three hostages on Saturday."}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0
    assert result.stderr.startswith(f'{corpus / "feed.jsonl"}:1: warning: "published" value')


def test_a_terminal_sees_a_progress_bar_with_the_total(runner, corpus, monkeypatch):
    import io

    from rich.console import Console

    from truceline import cli

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, color_system=None, width=100)
    monkeypatch.setattr(cli, "err", terminal)
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0
    # done/total, then time elapsed and time left
    assert re.search(r"extracting .* 2/2 articles \d:\d\d:\d\d \d:\d\d:\d\d", screen.getvalue())


def test_corrupt_gazetteer_is_a_usage_error_naming_the_file(runner, corpus, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus), "--gazetteer", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr
    assert result.stdout == ""


def test_jobs_two_gives_the_same_records_in_the_same_order(runner, corpus):
    one = runner.invoke(app, ["extract", str(corpus), "--no-text"])
    two = runner.invoke(app, ["extract", str(corpus), "--no-text", "--jobs", "2"])
    assert two.exit_code == 0
    assert records(two.stdout) == records(one.stdout)


def test_evaluate_scores_extraction_against_gold(runner, corpus, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "gaza-1.gold.json").write_text(
        json.dumps(
            {
                "id": "gaza-1",
                "events": [{"type": "REJECT", "actor": ["HAMAS"]}],
                "terms": [{"issue": "extension_days", "value": 42}],
                "sources": [{"actor": "EGY", "anonymous": True}],
                "actors": ["HAMAS"],
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["evaluate", str(corpus / "gaza.md"), "--gold", str(gold), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["sets"]
    assert scores["pairs"]["recall"] == 1.0
    assert scores["terms"]["recall"] == 1.0
    assert scores["sources"]["recall"] == 1.0


def test_evaluate_against_gold_that_matches_no_article_says_so_and_fails(runner, corpus, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "other.json").write_text(json.dumps({"id": "other", "events": []}), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(corpus / "gaza.md"), "--gold", str(gold)])
    assert result.exit_code == 2
    assert "has gold in" in result.stderr and "matched by article id" in result.stderr


def _raising(exc: Exception):
    def raise_it(*args, **kwargs):
        raise exc

    return raise_it


@pytest.mark.parametrize(
    "argv",
    [["summary"], ["timeline"], ["export"], ["show", "1"], ["migrate"], ["ingest", __file__]],
)
def test_a_truceline_error_ends_any_store_command_in_one_line_with_exit_2(
    runner, monkeypatch, argv
):
    monkeypatch.setattr(Store, "open", _raising(TrucelineError("the store is on holiday")))
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert result.stderr == "error: the store is on holiday\n"
    assert result.stdout == ""


def test_a_truceline_error_while_extracting_is_one_line_with_exit_2(runner, monkeypatch):
    monkeypatch.setattr(api, "extract", _raising(TrucelineError("x.yaml:3: no such key")))
    result = runner.invoke(app, ["extract", "x.txt"])
    assert result.exit_code == 2
    assert result.stderr == "error: x.yaml:3: no such key\n"


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_value_error_inside_a_command_is_a_bug_not_a_usage_error(
    runner, monkeypatch, tmp_path, command
):
    monkeypatch.setattr(api, command, _raising(ValueError("an off-by-one somewhere")))
    article = tmp_path / "x.txt"
    article.write_text("Talks resumed in Doha.\n")
    db = ["--db", str(tmp_path / "t.db")] if command == "ingest" else []
    result = runner.invoke(app, [command, str(article), *db])
    assert result.exit_code == 1
    assert isinstance(result.exception, ValueError)
    assert "error:" not in result.stderr


def test_version_prints_the_installed_version():
    from importlib.metadata import version

    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"truceline {version('truceline')}\n")


def test_shell_completion_can_be_shown_and_installed():
    result = CliRunner().invoke(app, ["--help"])
    assert "--install-completion" in result.stdout
    # The shell is detected from the parent process: run the installed command under bash.
    command = Path(sys.executable).with_name("truceline")
    shown = subprocess.run(
        ["bash", "-c", f"'{command}' --show-completion; exit $?"], capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    assert "_truceline_completion" in shown.stdout


@pytest.mark.parametrize("command", sorted(typer.main.get_command(app).commands))
def test_help_shows_boolean_flags_as_flags(command):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    flags = result.stdout.replace("--no-text", "").replace("--no-screen", "")
    assert "--no-" not in flags


def test_a_report_command_imports_only_what_it_uses(tmp_path):
    """Cold start: `truceline summary` on a SQLite store loads no spaCy, no Alembic, no
    PostgreSQL dialect, no reconciler or negotiation, no pandas or Arrow."""
    db = tmp_path / "store.db"
    Store.open(db, write=True).close()
    probe = (
        "import sys\n"
        "from truceline.cli import app\n"
        "try:\n"
        f"    app(['summary', '--db', {str(db)!r}], standalone_mode=False)\n"
        "finally:\n"
        "    names = ('spacy', 'alembic', 'sqlalchemy.dialects.postgresql', 'truceline.resolve',\n"
        "             'truceline.negotiation', 'pandas', 'pyarrow', 'truceline.extract.pipeline')\n"
        "    print(sorted(n for n in names if n in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
