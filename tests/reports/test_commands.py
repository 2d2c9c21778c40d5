"""The report commands end to end: reports we wrote, ingested into a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline import api
from truceline.cli import app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "reports"


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor) -> str:
    """Three reports: two outlets give 3 and 4 hostages freed; one reports a rejection."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'reports.db'}"
    outcomes = list(api.ingest([FIXTURES], db=url, extractor=extractor))
    assert all(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    return url


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))

    return invoke


def as_json(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def release_id(run, db) -> str:
    (event,) = as_json(run("timeline", "--db", db, "--type", "release", "--json"))["events"]
    return event["id"]


def test_timeline_json_lists_story_events_by_date(run, db):
    data = as_json(run("timeline", "--db", db, "--json"))
    assert data["total"] == len(data["events"]) == 3
    dates = [e["date"] for e in data["events"]]
    assert dates == sorted(dates)


def test_two_outlets_reporting_one_release_make_one_corroborated_story_event(run, db):
    (event,) = as_json(run("timeline", "--db", db, "--type", "RELEASE", "--json"))["events"]
    assert (event["date"], event["actor"], event["outlets"]) == (
        "2025-02-15",
        ["HAMAS"],
        ["Levant Wire", "Gulf Daily"],
    )
    assert event["corroboration"]["outlets"] == 2


def test_timeline_table_shows_the_release_row(run, db):
    result = run("timeline", "--db", db, "--type", "release")
    assert result.exit_code == 0, result.output
    assert "│ 2025-02-15 │ RELEASE │ HAMAS  │ hostages_released=3 (Hamas) │" in result.stdout


def test_timeline_limit_says_how_many_were_left_out(run, db):
    result = run("timeline", "--db", db, "--limit", "1")
    assert result.stdout.splitlines()[-1] == "1 of 3 story events shown"


def test_summary_names_the_gaza_process_and_the_disagreement(run, db):
    # As of 20 February: the rejection reported on 2 March is not known yet.
    result = run("summary", "--db", db, "--as-of", "2025-02-20")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == (
        "As of 2025-02-20 · 2 articles, 3 reported events, 1 story event, 1 contradiction"
    )
    assert "(gaza)" in out
    assert "hostages_released: 3 (Levant Wire) vs 4 (Gulf Daily)" in out


def test_summary_json_carries_as_of_and_per_process_counts(run, db):
    data = as_json(run("summary", "--db", db, "--as-of", "2025-02-20", "--json"))
    assert data["as_of"] == "2025-02-20"
    (gaza,) = data["processes"]
    assert (gaza["process"]["id"], gaza["counts"]["story_events"], gaza["counts"]["releases"]) == (
        "gaza",
        1,
        1,
    )
    data = as_json(run("summary", "--db", db, "--json"))
    (gaza,) = data["processes"]
    assert (gaza["counts"]["story_events"], gaza["counts"]["releases"]) == (3, 1)


def test_ledger_shows_the_count_outlets_dispute(run, db):
    result = run("ledger", "--db", db)
    assert "3 (also 4)" in result.stdout
    data = as_json(run("ledger", "--db", db, "--json"))
    assert data["disputed"] == 1
    assert [(e["kind"], e["count"], e["disputed_counts"]) for e in data["entries"]] == [
        ("hostages_released", 3, [4])
    ]


def test_sources_counts_each_outlets_sourcing(run, db):
    data = as_json(run("sources", "--db", db, "--json"))
    gulf = next(o for o in data["outlets"] if o["outlet"] == "Gulf Daily")
    assert (gulf["articles"], gulf["events"], gulf["anonymous"], gulf["anonymous_share"]) == (
        1,
        1,
        1,
        1.0,
    )
    assert (gulf["corroborated"], gulf["contradicted"]) == (1, 1)


def test_sources_filtered_by_outlet_keep_only_that_outlet(run, db):
    data = as_json(run("sources", "--db", db, "--outlet", "Gulf Daily", "--json"))
    assert [o["outlet"] for o in data["outlets"]] == ["Gulf Daily"]


def test_show_story_event_prints_every_report_with_its_sentence(run, db):
    result = run("show", release_id(run, db), "--db", db)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Gulf Daily · 2025-02-15 · Four hostages handed over in Gaza" in out
    assert "Levant Wire · 2025-02-15 · Hamas frees three hostages in Khan Younis" in out
    assert "claim: two sources familiar (anonymous), told" in out
    assert "https://gulfdaily.example/release" in out


def test_show_json_gives_the_evidence_in_context(run, db):
    data = as_json(run("show", release_id(run, db), "--db", db, "--json"))
    gulf = next(r for r in data["reports"] if r["reported"]["outlet"] == "Gulf Daily")
    context = gulf["context"]
    sentence = context["before"] + context["evidence"] + context["after"]
    assert sentence.startswith("Hamas released four Israeli hostages in Khan Younis on Saturday")
    assert context["evidence"] == gulf["reported"]["event"]["evidence"]["text"]
    assert len(data["contradictions"]) == 1


def test_show_a_reported_event_by_number(run, db):
    data = as_json(run("show", "1", "--db", db, "--json"))
    assert (data["story_event"], [r["reported"]["id"] for r in data["reports"]]) == (None, [1])


def test_show_unknown_id_is_one_line_and_exit_2(run, db):
    result = run("show", "no-such-event", "--db", db)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: no story event or reported event 'no-such-event' in {db}"
    ]


def test_show_an_id_past_64_bits_is_unknown_not_a_crash(run, db):
    result = run("show", "9" * 20, "--db", db)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no story event or reported event '999")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--since", "2025-03-01", "--until", "2025-02-01"],
            "error: filter since 2025-03-01 is after until 2025-02-01",
        ),
        (["--since", "March"], "error: filter since 'March' is not a date; use YYYY-MM-DD"),
    ],
)
def test_bad_filters_are_one_line_and_exit_2(run, db, args, message):
    result = run("timeline", "--db", db, *args)
    assert (result.exit_code, result.stderr.strip()) == (2, message)


def test_unknown_type_names_the_known_ones(run, db):
    result = run("proposals", "--db", db, "--type", "SURRENDER")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: filter type 'SURRENDER' is not an event type; use one")


def test_an_actor_id_is_taken_in_any_case(run, db):
    lower = as_json(run("timeline", "--db", db, "--actor", "hamas", "--json"))
    upper = as_json(run("timeline", "--db", db, "--actor", "HAMAS", "--json"))
    assert lower == upper
    assert lower["events"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--actor", "HAMSA"],
            "error: filter actor 'HAMSA' is no actor the store or the gazetteer knows; "
            "did you mean HAMAS, AMAL or ASEAN?",
        ),
        (
            ["--process", "gazza"],
            "error: filter process 'gazza' is no process the store knows; did you mean gaza?",
        ),
        (
            ["--type", "RELEAS"],
            "error: filter type 'RELEAS' is not an event type; did you mean RELEASE?",
        ),
    ],
)
def test_an_unknown_name_is_one_line_exit_2_with_the_nearest_known_names(run, db, args, message):
    for command in ("summary", "timeline", "export"):
        result = run(command, "--db", db, *args)
        assert (result.exit_code, result.stderr.strip()) == (2, message), command
        assert result.stdout == ""


def test_an_unknown_name_with_nothing_near_names_some_known_ones(run, db):
    result = run("timeline", "--db", db, "--actor", "zzzzzz")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        "error: filter actor 'zzzzzz' is no actor the store or the gazetteer knows; "
        "actors in the store: "
    )
    assert "HAMAS" in line


def test_empty_store_says_so_in_one_line(run, tmp_path, extractor):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert list(api.ingest([], db=url, extractor=extractor)) == []
    for command in ("summary", "timeline", "proposals", "positions", "ledger", "sources"):
        result = run(command, "--db", url)
        assert (result.exit_code, result.stdout) == (
            0,
            f"The store {url} holds no articles yet: run `truceline ingest PATH`.\n",
        ), command


def test_filters_that_match_nothing_say_so(run, db):
    result = run("timeline", "--db", db, "--actor", "RUS")
    assert (result.exit_code, result.stdout) == (0, "No story events match.\n")


def test_export_csv_writes_the_file_atomically(run, db, tmp_path):
    target = tmp_path / "events.csv"
    result = run("export", "--db", db, "--format", "csv", "--output", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len({r["id"] for r in rows}) == 3
    release = next(r for r in rows if r["type"] == "RELEASE")
    assert (release["plover"], release["cameo"], release["outlets"]) == (
        "RETREAT",
        "0841",
        "Levant Wire;Gulf Daily",
    )
    assert list(tmp_path.iterdir()) == [target]


def test_export_plover_of_reported_events_one_record_per_event(run, db):
    result = run("export", "--db", db, "--format", "plover", "--reports")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 7
    assert all(r["id"].startswith("r") and "cite_info" in r for r in records)


def test_export_jsonl_filtered_by_type(run, db):
    result = run("export", "--db", db, "--type", "release")
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["type"] == "RELEASE"


CITED = ("url", "headline", "outlet", "published", "evidence_start", "evidence_end", "evidence")


@pytest.mark.parametrize("reports", [[], ["--reports"]])
def test_every_exported_row_cites_its_article_and_evidence(run, db, reports):
    rows = list(
        csv.DictReader(io.StringIO(run("export", "--db", db, "-f", "csv", *reports).stdout))
    )
    assert rows
    for row in rows:
        assert all(row[c] for c in CITED), row
        assert row["url"].startswith("https://")
    records = [json.loads(line) for line in run("export", "--db", db, *reports).stdout.splitlines()]
    cited = (
        [r["citation"] for r in records]
        if reports
        else [c for r in records for c in r["citations"]]
    )
    assert len(cited) == len(rows)
    assert all(all(c[k] is not None for k in CITED) for c in cited)
    plover = [
        json.loads(line)
        for line in run("export", "--db", db, "-f", "plover", *reports).stdout.splitlines()
    ]
    assert all(r["cite_info"] for r in plover)


def test_the_evidence_cited_is_the_articles_text_at_its_offsets(run, db):
    record = json.loads(run("export", "--db", db, "--type", "reject").stdout)
    text = (FIXTURES / "03_levant_reject.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert record["citations"]
    for citation in record["citations"]:
        assert text[citation["evidence_start"] : citation["evidence_end"]] == citation["evidence"]
        assert citation["headline"] == "Hamas rejects Israeli proposal to extend first phase"


def test_export_parquet_writes_the_csv_rows(run, db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "events.parquet"
    result = run("export", "--db", db, "-f", "parquet", "-o", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "-f", "csv").stdout)))
    table = pq.read_table(target)
    assert table.column("url").to_pylist() == [r["url"] for r in rows]


def test_export_parquet_needs_an_output_file(run, db):
    result = run("export", "--db", db, "-f", "parquet")
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_to_frame_gives_the_export_as_a_dataframe_in_one_line(db):
    pd = pytest.importorskip("pandas")
    frame = api.to_frame(db)
    assert isinstance(frame, pd.DataFrame)
    rows = list(
        csv.DictReader(
            io.StringIO(CliRunner().invoke(app, ["export", "--db", db, "-f", "csv"]).stdout)
        )
    )
    assert list(frame["url"]) == [r["url"] for r in rows]
    assert frame["evidence_start"].dtype.kind == "i"
    assert len(api.to_frame(db, reported=True)) == 7
    releases = api.to_frame(db, api.Filters(type="release"))
    assert set(releases["type"]) == {"RELEASE"}


def test_a_list_report_as_of_a_date_knows_only_the_reports_published_by_then(run, db):
    then = as_json(run("timeline", "--db", db, "--as-of", "2025-02-20", "--json"))
    now = as_json(run("timeline", "--db", db, "--json"))
    assert [e["type"] for e in then["events"]] == ["RELEASE"]
    assert [e["type"] for e in now["events"]] == ["RELEASE", "PROPOSE", "REJECT"]
    # The ids of an as-of record are the whole store's.
    assert then["events"][0]["id"] == now["events"][0]["id"]
    assert as_json(run("proposals", "--db", db, "--as-of", "2025-02-20", "--json"))["total"] == 0


def test_show_as_of_a_date_before_an_event_was_reported_does_not_know_it(run, db):
    (rejection,) = as_json(run("timeline", "--db", db, "--type", "reject", "--json"))["events"]
    assert run("show", rejection["id"], "--db", db, "--json").exit_code == 0
    result = run("show", rejection["id"], "--db", db, "--as-of", "2025-02-20")
    assert result.exit_code != 0
    assert f"no story event or reported event {rejection['id']!r}" in result.output


def test_changes_lists_the_proposal_and_its_rejection_with_their_reports(run, db):
    data = as_json(
        run("changes", "--db", db, "--since", "2025-02-20", "--until", "2025-03-05", "--json")
    )
    assert (data["since"], data["until"]) == ("2025-02-20", "2025-03-05")
    found = [(c["kind"], c["date"], c["text"]) for c in data["changes"]]
    assert found == [
        (
            "proposal",
            "2025-03-02",
            "ISR tables the Israeli proposal, a proposal: phase=1; extension_days=42",
        ),
        ("response", "2025-03-02", "HAMAS rejects the Israeli proposal"),
    ]
    assert all(c["reports"] for c in data["changes"])
    text = run("changes", "--db", db, "--since", "2025-02-20", "--until", "2025-03-05").stdout
    assert text.startswith("Changes from 2025-02-20 to 2025-03-05: 2 changes")


def test_changes_refuses_a_since_after_until(run, db):
    result = run("changes", "--db", db, "--since", "2025-03-05", "--until", "2025-02-20")
    assert result.exit_code == 2
    assert "--since 2025-03-05 is after --until 2025-02-20" in result.output
