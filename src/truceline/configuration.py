"""Configuration that persists: the process and gazetteer files a store is built with.

A custom ``--processes`` or ``--gazetteer`` file used to be forgotten by the
next ingest, and ``serve`` and ``watch`` could not take one, so the record
silently went back to the built-in processes. Now the files' content is kept
in the store (:mod:`truceline.store.config`), versioned, and every ingest,
rebuild, ``watch`` and ``serve`` on that store uses it.

The rules, one place for all commands (:func:`adopt`):

- ``truceline config set KIND FILE...`` checks the files (an error names the
  file and line) and keeps their content as a new version; ``config reset
  KIND`` goes back to the built-in data (a new version with no files).
- A command given no ``--processes``/``--gazetteer`` uses the store's.
- A command given files on a store that never had that kind of configuration
  keeps them (version 1) and says so on stderr: given once, kept.
- A command given files that differ from the store's is refused before
  anything is read or extracted, with the ``config set`` command to run:
  a configuration never changes silently, and a record is never rebuilt
  with processes other than the ones its store keeps.

Extraction takes its gazetteer as files (the spaCy component's config and the
worker processes of ``--jobs`` take paths), so a stored gazetteer is written
once to a file named by its content's hash in the temporary directory
(:func:`gazetteer_paths`); the store stays the configuration's only home.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from truceline.errors import TrucelineError
from truceline.store import ConfigFile, ConfigVersion, Store

if TYPE_CHECKING:
    from truceline.data.gazetteer import Gazetteer
    from truceline.record import Process

Kind = Literal["processes", "gazetteer"]
KINDS: tuple[str, ...] = get_args(Kind)


class ConfigError(TrucelineError):
    """A configuration command that cannot be done: an unknown kind, a file that differs."""


@dataclass(frozen=True)
class Adopted:
    """The files of one kind a command uses, and what to tell its user (None: nothing new)."""

    files: list[ConfigFile]
    notice: str | None = None


def check_kind(kind: str) -> Kind:
    """``kind`` if it is one of :data:`KINDS`; else a :class:`ConfigError` listing them."""
    if kind not in KINDS:
        raise ConfigError(f"no configuration {kind!r}; use one of {', '.join(KINDS)}")
    return kind  # type: ignore[return-value]


def read_files(kind: Kind, paths: Sequence[str | Path]) -> list[ConfigFile]:
    """The files' content, checked as the commands would use it.

    A file that cannot be read, is not YAML or does not fit raises the loader's
    error (:class:`~truceline.negotiation.processes.ProcessFileError`,
    :class:`~truceline.data.gazetteer.GazetteerError`) naming the file and line.
    """
    files = []
    for name in paths:
        path = Path(name)
        try:
            files.append(ConfigFile(name=str(path), text=path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"{path}: cannot read {kind} file ({exc.__class__.__name__}: {exc})"
            ) from None
    check(kind, files)
    return files


def check(kind: Kind, files: Sequence[ConfigFile]) -> None:
    """Raise the loader's error (file and line) unless ``files`` load as ``kind``."""
    if kind == "processes":
        from truceline.negotiation.processes import processes_from_texts

        processes_from_texts([(f.name, f.text) for f in files])
    else:
        from truceline.data.gazetteer import gazetteer_from_texts

        gazetteer_from_texts([(Path(f.name), f.text) for f in files])


def _author(author: str | None) -> str | None:
    if author:
        return author
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container: the history says nobody
        return None


def set_config(
    store: Store,
    kind: Kind,
    paths: Sequence[str | Path],
    *,
    author: str | None = None,
    comment: str | None = None,
) -> tuple[ConfigVersion, bool]:
    """Keep the checked files as ``kind``'s next version; (version, False) when they are
    what the store already keeps (no new version)."""
    files = read_files(kind, paths)
    current = store.current_config(kind)
    if current is not None and _same(current.files, files):
        return current, False
    return store.add_config_version(kind, files, author=_author(author), comment=comment), True


def reset_config(
    store: Store, kind: Kind, *, author: str | None = None, comment: str | None = None
) -> tuple[ConfigVersion | None, bool]:
    """Go back to the built-in data: a new version with no files (False: already so)."""
    current = store.current_config(kind)
    if current is None or not current.files:
        return current, False
    return store.add_config_version(kind, [], author=_author(author), comment=comment), True


def _same(kept: Sequence[ConfigFile], given: Sequence[ConfigFile]) -> bool:
    """Same texts in the same order; a file's name (where it lay) does not matter."""
    return [f.text for f in kept] == [f.text for f in given]


def adopt(store: Store, kind: Kind, paths: Sequence[str | Path], *, command: str) -> Adopted:
    """The ``kind`` files a command on ``store`` uses, by the rules of this module's docstring.

    ``paths`` are the files given with ``--processes``/``--gazetteer`` (none: the
    store's); ``command`` names the command for the history and the messages.
    Raises :class:`ConfigError` when they differ from the store's.
    """
    current = store.current_config(kind)
    if not paths:
        return Adopted(current.files if current else [])
    files = read_files(kind, paths)
    if current is not None and _same(current.files, files):
        return Adopted(current.files)
    names = ", ".join(str(p) for p in paths)
    if current is not None:
        raise ConfigError(
            f"--{kind} {names} differs from the {kind} the store {store.shown_url} keeps "
            f"({describe(current)}); nothing was done. To use the new file(s) from now on, "
            f"run `truceline config set {kind} {' '.join(str(p) for p in paths)} "
            f"--db {store.shown_url}`; to use the kept ones, leave out --{kind}."
        )
    kept = store.add_config_version(
        kind, files, author=_author(None), comment=f"given to {command} with --{kind}"
    )
    return Adopted(
        files,
        f"{names}: kept with the store as its {kind} (version {kept.version}): every later "
        f"ingest, rebuild, watch and serve on {store.shown_url} uses it; change it with "
        f"`truceline config set {kind} FILE` (see `truceline config`)",
    )


def describe(version: ConfigVersion | None) -> str:
    """One line for a version: number, files, when, by whom, why."""
    if version is None:
        return "built-in only, never set"
    files = ", ".join(f.name for f in version.files) or "built-in only (reset)"
    said = f"version {version.version}: {files}; set {version.set_at:%Y-%m-%d %H:%M} UTC"
    if version.author:
        said += f" by {version.author}"
    if version.comment:
        said += f" ({version.comment})"
    return said


# ---------------------------------------------------------------- what commands use


def processes_of(files: Sequence[ConfigFile]) -> list[Process]:
    """The built-in processes merged with ``files`` (a store's or a command's)."""
    from truceline.negotiation.processes import processes_from_texts

    return processes_from_texts([(f.name, f.text) for f in files])


def store_processes(store: Store) -> list[Process]:
    """The processes a rebuild of ``store`` uses: the built-in ones and the store's."""
    current = store.current_config("processes")
    return processes_of(current.files if current else [])


def gazetteer_of(files: Sequence[ConfigFile]) -> Gazetteer:
    """The built-in gazetteer merged with ``files`` (a store's or a command's)."""
    from truceline.data.gazetteer import gazetteer_from_texts

    return gazetteer_from_texts([(Path(f.name), f.text) for f in files])


def store_gazetteer(store: Store) -> Gazetteer:
    """The gazetteer the store's record is derived with: the one its extraction uses, so
    that a term's party, a proposal's owner and a filter's actor are read as in extraction."""
    current = store.current_config("gazetteer")
    return gazetteer_of(current.files if current else [])


def gazetteer_paths(files: Sequence[ConfigFile]) -> list[str]:
    """Files holding ``files``' texts, for the extractor (see the module's docstring).

    Each is named by the hash of its text, so two stores or two runs with the
    same gazetteer share one file, and a changed gazetteer is a new file.
    """
    folder = Path(tempfile.gettempdir()) / "truceline-gazetteers"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for file in files:
        digest = hashlib.sha256(file.text.encode("utf-8")).hexdigest()[:16]
        stem = re.sub(r"[^\w.-]", "_", Path(file.name).stem)[:40]
        path = folder / f"{stem}-{digest}.yaml"
        if not path.exists():
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            partial.write_text(file.text, encoding="utf-8")
            partial.replace(path)  # whole or not at all, whoever else writes it
        paths.append(str(path))
    return paths


def store_gazetteer_paths(store: Store) -> list[str]:
    """The gazetteer files extraction into ``store`` uses (none: the built-in one)."""
    current = store.current_config("gazetteer")
    return gazetteer_paths(current.files) if current else []
