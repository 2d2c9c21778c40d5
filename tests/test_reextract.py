"""``truceline reextract``: the stored articles read again with the store's configuration.

Corrections and alerts key on what a report stands for (article and evidence), so
the new row ids a re-extraction gives change neither; a correction whose report is
gone is listed as orphaned. Wakanda is invented: only a gazetteer addition knows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline import api
from truceline.alerts import Alerts, load_rules
from truceline.cli import app
from truceline.configuration import set_config
from truceline.store import Store

REPORTS = Path(__file__).parent / "fixtures" / "corrections" / "reports.jsonl"

WAKANDA = """\
actors:
  - id: WAK
    kind: state
    name: Wakanda
    aliases: [Wakanda]
    demonyms: [Wakandan]
"""

ARTICLE = {
    "id": "w1",
    "url": "https://wire.example/w1",
    "title": "Wakanda tables truce plan",
    "text": "Wakanda tables truce plan\nWakanda proposed a 30-day ceasefire with Hamas on "
    "Monday, officials said.",
    "published": "2025-04-07",
    "outlet": "Test Wire",
}


@pytest.fixture()
def store(tmp_path: Path, extractor):
    with Store.open(tmp_path / "store.db", write=True) as opened:
        assert all(
            isinstance(o, api.IngestOutcome)
            for o in api.ingest([REPORTS], db=opened, extractor=extractor)
        )
        yield opened


def _current_ids(store: Store) -> set[int]:
    return {r.id for r in store.reported_events()}


def test_a_correction_keeps_applying_to_the_events_found_again(store, extractor):
    from truceline.corrections import correct_event, parse_changes

    correct_event(store, "accept-1", parse_changes(type="REJECT"), author="ana", note="no")
    api.rebuild(store)
    before = _current_ids(store)
    done = api.reextract(store, extractor=extractor)
    assert done.articles == 2 and done.events_after == done.events_before == len(before)
    assert _current_ids(store).isdisjoint(before)  # new row ids ...
    (corrected,) = [s for s in store.story_events() if s.corrections]
    assert corrected.type == "REJECT" and corrected.corrections[0].author == "ana"  # ... same fix
    assert done.orphaned == []


def test_a_correction_whose_report_is_gone_is_kept_and_listed_as_orphaned(store, extractor):
    from truceline.corrections import import_lines

    gone = {
        "kind": "wrong",
        "targets": [
            {
                "article": "https://north-courier.example/2025/03/04/talks",
                "start": 0,
                "end": 20,
                "evidence": "A sentence no extraction finds.",
                "type": "RELEASE",
            }
        ],
        "author": "ana",
        "created_at": "2026-12-03T10:00:00Z",
    }
    import_lines(store, [json.dumps(gone)])
    done = api.reextract(store, extractor=extractor)
    assert [o.status for o in done.orphaned] == ["orphaned"]
    assert len(store.corrections()) == 1  # kept, never dropped


def test_since_and_process_choose_the_articles_read_again(store, extractor):
    assert api.reextract(store, since=dt_date("2025-03-05"), extractor=extractor).articles == 1
    assert api.reextract(store, process="gaza", extractor=extractor).articles == 2


def dt_date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_alerts_send_nothing_again_after_a_reextraction(store, extractor, tmp_path):
    rules = tmp_path / "alerts.yaml"
    rules.write_text("rules:\n  - name: all\n    to: [stdout]\n", encoding="utf-8")
    sent: list[str] = []
    alerts = Alerts(store, load_rules(rules), write=sent.append)
    alerts.take_baseline()
    stories = {s.id for s in store.story_events()}
    api.reextract(store, extractor=extractor)
    assert {s.id for s in store.story_events()}.isdisjoint(stories)  # every id renumbered
    assert alerts.deliver_new().delivered == 0 and sent == []


def test_the_command_reads_stored_articles_with_a_gazetteer_set_after_them(tmp_path, extractor):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    articles = tmp_path / "w.jsonl"
    articles.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    with Store.open(db, write=True) as opened:
        list(api.ingest([articles], db=opened, extractor=extractor, screen=False))
        assert not {a for e in opened.reported_events() for a in e.event.actor} & {"WAK"}
        gazetteer = tmp_path / "wakanda.yaml"
        gazetteer.write_text(WAKANDA, encoding="utf-8")
        set_config(opened, "gazetteer", [gazetteer])
    result = CliRunner().invoke(app, ["reextract", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("re-extracted 1 articles: ")
    with Store.open(db) as opened:
        assert "WAK" in {a for e in opened.reported_events() for a in e.event.actor}


def test_an_unknown_process_is_refused_naming_the_known_ones(tmp_path, extractor):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    list(api.ingest([REPORTS], db=db, extractor=extractor))
    near = CliRunner().invoke(app, ["reextract", "--db", db, "--process", "gazza"])
    assert near.exit_code == 2 and "did you mean gaza?" in near.output
    far = CliRunner().invoke(app, ["reextract", "--db", db, "--process", "xyzzy"])
    assert far.exit_code == 2 and "; processes in the store: drc-m23, gaza," in " ".join(
        far.output.split()
    )
