"""The gazetteer is data users extend; a broken file says where and what to fix."""

from __future__ import annotations

import pytest

from truceline.data.gazetteer import GazetteerError, load_gazetteer


def test_builtin_gazetteer_knows_the_ontology_ids():
    gaz = load_gazetteer()
    for ident in (
        "ISR",
        "USA",
        "QAT",
        "EGY",
        "RUS",
        "UKR",
        "HAMAS",
        "HEZBOLLAH",
        "RSF",
        "M23",
        "ICRC",
        "UN",
    ):
        assert ident in gaz.actors


def test_user_file_extends_an_existing_actor(tmp_path):
    extra = tmp_path / "more.yaml"
    extra.write_text("actors:\n  - id: HAMAS\n    aliases: [the Gaza rulers]\n")
    gaz = load_gazetteer([extra])
    assert "the Gaza rulers" in gaz.actors["HAMAS"].aliases
    assert "Hamas" in gaz.actors["HAMAS"].aliases


def test_invalid_yaml_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: X\n    aliases: [unclosed\n")
    with pytest.raises(GazetteerError, match=r"bad\.yaml:\d+: not valid YAML"):
        load_gazetteer([bad])


def test_actor_without_id_is_refused(tmp_path):
    bad = tmp_path / "noid.yaml"
    bad.write_text("actors:\n  - name: Nobody\n")
    with pytest.raises(GazetteerError, match="actor #1 needs an 'id'"):
        load_gazetteer([bad])


def test_unknown_kind_is_refused(tmp_path):
    bad = tmp_path / "kind.yaml"
    bad.write_text("actors:\n  - id: X\n    kind: planet\n")
    with pytest.raises(GazetteerError, match="kind 'planet'"):
        load_gazetteer([bad])


def test_missing_file_is_a_gazetteer_error(tmp_path):
    with pytest.raises(GazetteerError, match="cannot read gazetteer"):
        load_gazetteer([tmp_path / "absent.yaml"])
