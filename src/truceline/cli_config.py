"""``truceline config``: the process and gazetteer files kept with a store.

A thin layer over :mod:`truceline.configuration`, which holds the rules
(what is kept, when a command's files are refused). Kept apart from
``cli.py`` so the main command module stays a list of commands; like them,
each command imports what it uses when it runs (a ``--help`` loads no store).

``cli.py`` builds the group with its own ``--db`` and ``--json`` options and
store opener (:func:`config_commands`): this module does not import it, so
``python -m truceline.cli`` (which runs cli.py as ``__main__``) has no cycle.
The module has no ``from __future__ import annotations``: Typer reads the
commands' annotations, which name the options given to the factory.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from truceline.store import ConfigVersion, Store

KindArgument = Annotated[
    str, typer.Argument(metavar="KIND", help="processes or gazetteer.", show_default=False)
]
CommentOption = Annotated[str | None, typer.Option("--comment", "-m", help="Why, for the history.")]
AuthorOption = Annotated[
    str | None, typer.Option("--author", help="Who, for the history (default: your user name).")
]


def _dump(versions: object) -> None:
    typer.echo(json.dumps(versions, indent=1, ensure_ascii=False))


def _defined(version: "ConfigVersion") -> str:
    """What the kept files define: process ids, or actor ids."""
    import yaml

    key = "processes" if version.kind == "processes" else "actors"
    ids = []
    for file in version.files:
        data = yaml.safe_load(file.text) or {}
        ids += [str(item.get("id")) for item in data.get(key) or [] if isinstance(item, dict)]
    return f"{key}: {', '.join(ids)}" if ids else ""


def config_commands(
    DbOption: Any,
    JsonOpt: Any,
    open_store: Callable[..., "Store"],
) -> typer.Typer:
    """The ``config`` group, with ``cli.py``'s ``--db`` and ``--json`` and store opener."""
    config_app = typer.Typer(
        help="Show, set, reset and list the process and gazetteer files kept with the store.",
        invoke_without_command=True,
    )

    @config_app.callback()
    def show(ctx: typer.Context, db: DbOption = None, as_json: JsonOpt = False) -> None:
        """The store's current process and gazetteer files (built-in only when none was set)."""
        if ctx.invoked_subcommand is not None:
            return
        from truceline.configuration import KINDS, describe

        with open_store(db) as store:
            current = {kind: store.current_config(kind) for kind in KINDS}
            if as_json:
                _dump({k: v.model_dump(mode="json") if v else None for k, v in current.items()})
                return
            typer.echo(f"configuration of {store.shown_url}:")
            for kind, version in current.items():
                typer.echo(f"  {kind}: {describe(version)}")
                if version is not None and (defined := _defined(version)):
                    typer.echo(f"    {defined}")

    @config_app.command()
    def history(
        kind: Annotated[
            str | None,
            typer.Argument(metavar="[KIND]", help="processes or gazetteer (default both)."),
        ] = None,
        db: DbOption = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Every version kept, oldest first: when, by whom, why, which files."""
        from truceline.configuration import check_kind, describe

        with open_store(db) as store:
            versions = store.config_history(check_kind(kind) if kind else None)
        if as_json:
            _dump([v.model_dump(mode="json") for v in versions])
            return
        if not versions:
            typer.echo(
                "no configuration was ever set: the built-in processes and gazetteer are used"
            )
        for version in versions:
            typer.echo(f"{version.kind} {describe(version)}")

    @config_app.command("set")
    def set_(
        kind: KindArgument,
        files: Annotated[
            list[Path], typer.Argument(metavar="FILE...", help="YAML file(s), merged in order.")
        ],
        db: DbOption = None,
        comment: CommentOption = None,
        author: AuthorOption = None,
    ) -> None:
        """Check the files and keep their content as the store's new KIND version.

        Every later ingest, rebuild, watch and serve on the store uses it; run
        `truceline rebuild` to rebuild the whole record with it now (an ingest
        rewrites only the stories and processes its articles touch).
        """
        from truceline.configuration import check_kind, describe, set_config

        with open_store(db, write=True) as store:
            version, changed = set_config(
                store, check_kind(kind), files, author=author, comment=comment
            )
        said = "kept" if changed else "unchanged, already kept"
        typer.echo(f"{kind} {said}: {describe(version)}")

    @config_app.command()
    def reset(
        kind: KindArgument,
        db: DbOption = None,
        comment: CommentOption = None,
        author: AuthorOption = None,
    ) -> None:
        """Go back to the built-in KIND (a new version with no files; the history keeps the rest)."""
        from truceline.configuration import check_kind, describe, reset_config

        with open_store(db, write=True) as store:
            version, changed = reset_config(store, check_kind(kind), author=author, comment=comment)
        said = "reset" if changed else "unchanged, already built-in only"
        typer.echo(f"{kind} {said}: {describe(version)}")

    return config_app
