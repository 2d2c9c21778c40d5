"""The gazetteer: every name, adjective and person that stands for a party.

It is data (``data/gazetteer.yaml``), extended by users with ``--gazetteer``
files of the same shape, so that a new conflict needs no code. Outlets
(``data/outlets.yaml``) are kept apart because an outlet is the channel of a
claim, never a party.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import yaml

from truceline.data import DataFileError, parse
from truceline.data.files import GazetteerFile
from truceline.data.lines import compose, line_of
from truceline.errors import TrucelineError

ACTOR_KINDS = ("state", "group", "organisation")


class GazetteerError(TrucelineError):
    """A gazetteer file that cannot be used, with the file and what to fix."""


@dataclass
class ActorEntry:
    """One canonical actor and the words that denote it."""

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


@dataclass
class Gazetteer:
    """Actors by id, anaphors by kind, and the outlets that relay claims."""

    actors: dict[str, ActorEntry]
    anaphors: dict[str, list[str]]
    outlets: list[str]
    anaphor_heads: dict[str, list[str]] = field(default_factory=dict)

    def kind_of(self, actor_id: str) -> str | None:
        entry = self.actors.get(actor_id)
        return entry.kind if entry else None

    def name_of(self, actor_id: str) -> str:
        entry = self.actors.get(actor_id)
        return entry.name if entry else actor_id

    def id_for_word(self, word: str) -> str | None:
        """The actor a bare name or adjective denotes ("US", "Egyptian"), if any.

        Names compare case-insensitively, ids exactly: ISO codes such as AND, CAN
        or PER are English words in lower case.
        """
        bare = word.strip()
        if bare in self.actors:
            return bare
        return self._names.get(bare.lower())

    @cached_property
    def names_pattern(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """One regex of every name, alias, demonym and person longer than two letters, and
        lower-cased name -> actor id (:func:`truceline.negotiation.processes.mentioned_actors`)."""
        names: dict[str, str] = {}
        for entry in self.actors.values():
            for name in (entry.name, *entry.aliases, *entry.demonyms, *entry.people):
                if len(name) > 2:
                    names.setdefault(name.lower(), entry.id)
        pattern = re.compile(r"\b" + names_trie(names) + r"\b", re.IGNORECASE)
        return pattern, names

    @cached_property
    def people(self) -> dict[str, str]:
        """A person's name -> the actor they speak for ("Witkoff" -> USA)."""
        found: dict[str, str] = {}
        for entry in self.actors.values():
            for person in entry.people:
                found.setdefault(person, entry.id)
        return found

    @cached_property
    def _names(self) -> dict[str, str]:
        """Lower-cased alias or demonym -> actor id, the first actor listing it winning."""
        names: dict[str, str] = {}
        for entry in self.actors.values():
            for name in (*entry.aliases, *entry.demonyms):
                names.setdefault(name.lower(), entry.id)
        return names


def names_trie(words: Iterable[str]) -> str:
    """A regex that matches what ``(?:w1|w2|...)`` of the words sorted longest first matches.

    Why a trie: a flat alternation of the gazetteer's 2,500 names is tried name by
    name at every word start (ignoring case defeats the engine's first-letter
    check), which made naming the actors of a story's evidence most of the time
    of assigning 33,000 story events. Branching letter by letter tries one
    letter at each step. Where several names match at one place they are
    prefixes of one another, so "a longer continuation first, else end here"
    picks the longest, as the flat alternation does, and backs off to a shorter
    name when the longer one is not followed by what comes after the pattern.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: dict[str, dict]) -> str:
    """The regex of one trie node: its branches, then (optionally) ending here."""
    branches = [re.escape(char) + _trie_regex(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return ("(?:" + body + ")" if len(branches) == 1 else body) + "?"


def _read_yaml(path: Path | None, text: str) -> dict:
    where = str(path) if path else "built-in gazetteer"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise GazetteerError(f"{where}{line}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise GazetteerError(f"{where}: expected a mapping with an 'actors' list")
    try:
        parse(data, GazetteerFile, where)  # unknown keys fail here, naming the file and key
    except DataFileError as exc:
        line = line_of(compose(text), exc.paths[0]) if exc.paths else None
        message = str(exc)
        if line is not None and message.startswith(f"{where}: "):
            message = f"{where}:{line}: {message[len(where) + 2 :]}"
        raise GazetteerError(message) from None
    return data


def _actor_places(path: Path | None, text: str) -> list[str]:
    """``file:line`` of each actor entry, in order, for messages about one of them."""
    where = str(path) if path else "built-in gazetteer"
    root = compose(text)
    places = []
    for n in range(len((yaml.safe_load(text) or {}).get("actors") or [])):
        line = line_of(root, ("actors", n))
        places.append(f"{where}:{line}" if line is not None else where)
    return places


def _str_list(value: object, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise GazetteerError(f"{where}: '{key}' must be a list of names")
    return [str(v) for v in value]


def _merge_actors(
    actors: dict[str, ActorEntry], data: dict, where: str, places: Sequence[str] = ()
) -> None:
    items = data.get("actors", [])
    if not isinstance(items, list):
        raise GazetteerError(f"{where}: 'actors' must be a list")
    for n, item in enumerate(items, 1):
        where = places[n - 1] if n <= len(places) else where
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise GazetteerError(f"{where}: actor #{n} needs an 'id' string")
        actor_id = item["id"]
        kind = item.get("kind", actors[actor_id].kind if actor_id in actors else "group")
        if kind not in ACTOR_KINDS:
            raise GazetteerError(
                f"{where}: actor {actor_id} has kind {kind!r}; use one of {', '.join(ACTOR_KINDS)}"
            )
        entry = actors.setdefault(
            actor_id, ActorEntry(id=actor_id, kind=kind, name=item.get("name") or actor_id)
        )
        entry.kind = kind
        entry.name = item.get("name") or entry.name
        for key in ("aliases", "demonyms", "people"):
            extra = _str_list(item.get(key), f"{where}: actor {actor_id}", key)
            getattr(entry, key).extend(x for x in extra if x not in getattr(entry, key))


def build_gazetteer(sources: Sequence[tuple[Path | None, str]]) -> Gazetteer:
    """Merge gazetteer texts in order; later files add to or refine earlier ones."""
    actors: dict[str, ActorEntry] = {}
    anaphors: dict[str, list[str]] = {}
    outlets: list[str] = []
    anaphor_heads: dict[str, list[str]] = {}
    for path, text in sources:
        where = str(path) if path else "built-in gazetteer"
        data = _read_yaml(path, text)
        _merge_actors(actors, data, where, _actor_places(path, text) if path else ())
        raw_anaphors = data.get("anaphors") or {}
        if not isinstance(raw_anaphors, dict):
            raise GazetteerError(f"{where}: 'anaphors' must map an actor kind to a list of phrases")
        for kind, phrases in raw_anaphors.items():
            anaphors.setdefault(kind, []).extend(_str_list(phrases, where, f"anaphors.{kind}"))
        outlets.extend(_str_list(data.get("outlets"), where, "outlets"))
        for kind, heads in (data.get("anaphor_heads") or {}).items():
            anaphor_heads.setdefault(kind, []).extend(
                _str_list(heads, where, f"anaphor_heads.{kind}")
            )
    return Gazetteer(actors=actors, anaphors=anaphors, outlets=outlets, anaphor_heads=anaphor_heads)


def _builtin_texts() -> list[tuple[Path | None, str]]:
    data = resources.files("truceline") / "data"
    return [
        (None, (data / name).read_text(encoding="utf-8"))
        for name in ("gazetteer.yaml", "outlets.yaml")
    ]


def gazetteer_from_texts(extra: Sequence[tuple[Path | None, str]]) -> Gazetteer:
    """The built-in gazetteer plus texts given with the path they came from (or stand for).

    For texts that are not files (a store's configuration) and for checking a
    file as it is now, without :func:`load_gazetteer`'s cache by path. Cached by
    the texts (building one takes most of a second, and every rebuild and
    as-of record of a store reads its gazetteer): the same texts, the same one.
    """
    if not extra:
        return load_gazetteer()
    return _from_texts_cached(tuple(extra))


@cache
def _from_texts_cached(extra: tuple[tuple[Path | None, str], ...]) -> Gazetteer:
    return build_gazetteer([*_builtin_texts(), *extra])


@cache
def _load_cached(extra: tuple[str, ...]) -> Gazetteer:
    sources = _builtin_texts()
    for name in extra:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GazetteerError(
                f"{path}: cannot read gazetteer ({exc.__class__.__name__}: {exc})"
            ) from None
        sources.append((path, text))
    return build_gazetteer(sources)


def load_gazetteer(extra: Iterable[str | Path] = ()) -> Gazetteer:
    """The built-in gazetteer plus the user's files, cached per set of files."""
    return _load_cached(tuple(str(p) for p in extra))
