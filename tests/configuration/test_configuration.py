"""Configuration kept with the store: set once, used by every ingest, rebuild, watch and serve.

The articles and files here are written for these tests: two invented states,
Wakanda and Genosha, that only a gazetteer addition makes actors and only a
process file makes a negotiation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from truceline import api, cli
from truceline.configuration import ConfigError, adopt, reset_config, set_config, store_processes
from truceline.ingest import Notice
from truceline.store import Filters, Store
from truceline.watch import Watcher
from truceline.web import create_app

GAZETTEER = """\
actors:
  - id: WAK
    kind: state
    name: Wakanda
    aliases: [Wakanda]
    demonyms: [Wakandan]
  - id: GEN
    kind: state
    name: Genosha
    aliases: [Genosha]
    demonyms: [Genoshan]
"""

PROCESSES = """\
processes:
  - id: wakanda-genosha
    name: Wakanda-Genosha talks
    parties: [WAK, GEN]
    mediators: [QAT]
"""

ARTICLE = {
    "id": "w1",
    "url": "https://wire.example/w1",
    "title": "Wakanda and Genosha agree ceasefire",
    "text": "Wakanda and Genosha agree ceasefire\nWakanda and Genosha agreed to a ceasefire "
    "on Monday after talks in Doha mediated by Qatar, officials from both sides said.",
    "published": "2025-04-07",
    "outlet": "Test Wire",
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    written = {
        "gazetteer": tmp_path / "wakanda-actors.yaml",
        "processes": tmp_path / "wakanda-talks.yaml",
        "articles": tmp_path / "articles.jsonl",
    }
    written["gazetteer"].write_text(GAZETTEER, encoding="utf-8")
    written["processes"].write_text(PROCESSES, encoding="utf-8")
    written["articles"].write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return written


@pytest.fixture
def store(store_url: str):
    with Store.open(store_url, write=True) as opened:
        yield opened


def _wakanda_stories(store: Store) -> list:
    return store.story_events(Filters(process="wakanda-genosha"))


def test_a_set_configuration_is_kept_as_content_and_outlives_its_file(store, files):
    version, changed = set_config(store, "processes", [files["processes"]], comment="new talks")
    files["processes"].unlink()
    assert changed and version.version == 1
    kept = store.current_config("processes")
    assert kept is not None and [f.text for f in kept.files] == [PROCESSES]
    assert kept.comment == "new talks" and kept.set_at.tzinfo is not None
    assert "wakanda-genosha" in {p.id for p in store_processes(store)}


def test_every_change_is_a_new_version_and_the_history_lists_them(store, files):
    set_config(store, "processes", [files["processes"]], author="ana", comment="first")
    _, again = set_config(store, "processes", [files["processes"]], author="ana")
    reset_config(store, "processes", author="ben", comment="back to built-in")
    history = store.config_history("processes")
    assert not again  # the same content is no new version
    assert [(v.version, v.author, v.comment, len(v.files)) for v in history] == [
        (1, "ana", "first", 1),
        (2, "ben", "back to built-in", 0),
    ]
    assert "wakanda-genosha" not in {p.id for p in store_processes(store)}


def test_the_next_ingest_and_rebuild_use_the_stored_gazetteer_and_processes(store, files):
    set_config(store, "gazetteer", [files["gazetteer"]])
    set_config(store, "processes", [files["processes"]])
    outcomes = list(api.ingest([files["articles"]], db=store))
    assert [type(o) for o in outcomes] == [api.IngestOutcome]
    actors = {a for e in store.reported_events() for a in e.event.actor}
    assert {"WAK", "GEN"} <= actors  # the stored gazetteer reached extraction
    assert _wakanda_stories(store)
    api.rebuild(store)
    assert _wakanda_stories(store)  # and the rebuild kept the stored process


def test_files_given_to_a_store_without_configuration_are_kept_and_said(store, files):
    outcomes = list(
        api.ingest(
            [files["articles"]],
            db=store,
            processes=[files["processes"]],
            gazetteer=[files["gazetteer"]],
        )
    )
    notices = [o for o in outcomes if isinstance(o, Notice)]
    assert [n.origin for n in notices] == ["--processes", "--gazetteer"]
    assert "kept with the store" in notices[0].message
    assert store.current_config("processes").version == 1
    api.rebuild(store)  # later, with no file given
    assert _wakanda_stories(store)


def test_an_ingest_with_other_processes_than_the_stored_is_refused_before_reading(
    store, files, tmp_path
):
    set_config(store, "processes", [files["processes"]])
    other = tmp_path / "other.yaml"
    other.write_text(PROCESSES.replace("QAT", "EGY"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"truceline config set processes .*other\.yaml"):
        api.ingest([files["articles"]], db=store, processes=[other])
    assert store.counts().articles == 0
    assert len(store.config_history()) == 1


def test_a_bad_file_is_rejected_naming_file_and_line_and_nothing_is_kept(store, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(PROCESSES.replace("mediators:", "mediator:"), encoding="utf-8")
    with pytest.raises(Exception, match=rf"{bad}:5: process wakanda-genosha has unknown field"):
        set_config(store, "processes", [bad])
    typo = tmp_path / "typo.yaml"
    typo.write_text(GAZETTEER.replace("demonyms: [Genoshan]", "demonym: [Genoshan]"), "utf-8")
    with pytest.raises(Exception, match=rf"{typo}:11: actors\[1\]\.demonym: unknown key"):
        set_config(store, "gazetteer", [typo])
    assert store.config_history() == []


def test_adopting_no_files_uses_the_stores(store, files):
    assert adopt(store, "processes", [], command="test").files == []
    set_config(store, "processes", [files["processes"]])
    assert [f.text for f in adopt(store, "processes", [], command="test").files] == [PROCESSES]


# ---------------------------------------------------------------- the commands


def _run(*args: str):
    return CliRunner().invoke(cli.app, list(args))


def test_the_config_commands_set_show_list_and_reset(files, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert _run("ingest", str(files["articles"]), "--db", db).exit_code == 0
    done = _run("config", "set", "processes", str(files["processes"]), "--db", db, "-m", "why")
    assert done.exit_code == 0, done.output
    assert "processes kept: version 1" in done.output
    shown = _run("config", "--db", db)
    assert "processes: version 1" in shown.output and "wakanda-genosha" in shown.output
    assert "gazetteer: built-in only, never set" in shown.output
    assert _run("config", "reset", "processes", "--db", db).exit_code == 0
    listed = json.loads(_run("config", "history", "processes", "--db", db, "--json").output)
    assert [(v["version"], len(v["files"]), v["comment"]) for v in listed] == [
        (1, 1, "why"),
        (2, 0, None),
    ]


def test_the_cli_refuses_a_bad_file_with_its_line_and_a_different_one_with_the_fix(files, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad.yaml"
    bad.write_text("processes:\n  - id: x\n    parties: [A, B\n", encoding="utf-8")
    refused = _run("config", "set", "processes", str(bad), "--db", db)
    assert refused.exit_code == 2
    assert f"{bad}:4: not valid YAML" in refused.output.replace("\n", "")
    assert _run("rebuild", "--db", db, "--processes", str(files["processes"])).exit_code == 0
    other = tmp_path / "other.yaml"
    other.write_text(PROCESSES.replace("QAT", "EGY"), encoding="utf-8")
    differs = _run("ingest", str(files["articles"]), "--db", db, "--processes", str(other))
    assert differs.exit_code == 2
    assert "truceline config set processes" in differs.output.replace("\n", "")


def test_serve_ingests_posted_articles_with_the_stored_configuration(files, tmp_path):
    with Store.open(tmp_path / "serve.db", write=True) as store:
        set_config(store, "gazetteer", [files["gazetteer"]])
        set_config(store, "processes", [files["processes"]])
        client = TestClient(create_app(store, token="t0ken"))  # extractor made by the app
        posted = client.post(
            "/api/articles", json=[ARTICLE], headers={"Authorization": "Bearer t0ken"}
        )
        assert posted.status_code == 200, posted.text
        assert _wakanda_stories(store)


def test_watch_ingests_with_the_stored_configuration(files, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "w1.jsonl").write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "watch.db", write=True) as store:
        set_config(store, "gazetteer", [files["gazetteer"]])
        set_config(store, "processes", [files["processes"]])
        said: list[str] = []
        (poll,) = Watcher(store, [str(inbox)], say=said.append).poll_all()
        assert poll.ingested == 1, poll
        assert _wakanda_stories(store)
