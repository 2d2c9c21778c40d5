"""Every data file has a model, loads through it, and documents exactly its keys."""

from __future__ import annotations

import re
import types
import typing
from importlib import resources

import pytest
from pydantic import BaseModel

from truceline.data import DataFileError, bundled_models, bundled_path, load, parse, read_text
from truceline.data.files import DataFile, EventsFile, GazetteerFile, OutletsFile, TermsFile

_DOCUMENTED_KEY = re.compile(r"^#\s+`?([a-z][a-z_]*)`?:")


def _header(name: str) -> list[str]:
    """The comment lines a file opens with, up to its first key."""
    lines = []
    for line in bundled_path(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        lines.append(line)
    return lines


def _documented_keys(name: str) -> set[str]:
    return {m.group(1) for line in _header(name) if (m := _DOCUMENTED_KEY.match(line))}


def _nested_models(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or args:
        return [m for a in args for m in _nested_models(a)]
    return []


def _model_keys(model: type[BaseModel]) -> set[str]:
    keys: set[str] = set()
    for name, field in model.model_fields.items():
        keys.add(name)
        for nested in _nested_models(field.annotation):
            keys |= _model_keys(nested)
    return keys


def test_every_bundled_yaml_file_has_a_model():
    bundled = {
        p.name
        for p in resources.files("truceline").joinpath("data").iterdir()
        if p.name.endswith(".yaml")
    }
    assert set(bundled_models()) == bundled


@pytest.mark.parametrize("name", sorted(bundled_models()))
def test_bundled_file_fits_its_model(name):
    assert isinstance(load(bundled_models()[name]), DataFile)


@pytest.mark.parametrize("name", sorted(bundled_models()))
def test_header_documents_exactly_the_keys_of_the_model(name):
    assert _documented_keys(name) == _model_keys(bundled_models()[name])


def test_misspelt_trigger_key_fails_naming_the_file_and_the_key():
    data = {"verbs": [{"lemma": "end", "type": "CEASEFIRE", "intransitve": True}]}
    with pytest.raises(DataFileError, match=r"^events\.yaml: verbs\[0\]\.intransitve: unknown key"):
        parse(data, EventsFile, "events.yaml")


def test_misspelt_nested_word_list_fails_naming_the_key_path():
    data = load(TermsFile).model_dump()
    data["people"]["captivs"] = data["people"].pop("captives")
    with pytest.raises(DataFileError, match=r"terms\.yaml: people\.captives: Field required"):
        parse(data, TermsFile, "terms.yaml")


def test_a_word_list_of_something_else_than_words_is_refused():
    with pytest.raises(DataFileError, match=r"anaphors\.group: Input should be a valid list"):
        parse({"anaphors": {"group": "the group"}}, GazetteerFile, "my.yaml")


def test_a_bare_yes_or_no_in_a_word_list_is_refused_naming_the_key():
    # YAML 1.1 reads a bare no as false: the word must be quoted to be a word.
    with pytest.raises(
        DataFileError, match=r"^my\.yaml: outlets\[1\]: Input should be a valid string"
    ):
        read_text("outlets: [Reuters, no]\n", OutletsFile, "my.yaml")
    assert read_text('outlets: [Reuters, "no"]\n', OutletsFile, "my.yaml").outlets == [
        "Reuters",
        "no",
    ]
