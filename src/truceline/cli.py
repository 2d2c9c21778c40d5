"""The ``truceline`` command: each command is a few lines over :mod:`truceline.api`.

Exit status: 0 when every input was read and extracted, 1 when anything
failed (each failure named on stderr, the rest still processed), 2 for usage
errors: a bad option or any :class:`~truceline.errors.TrucelineError` (a bad
file, a store that cannot be opened), reported in one line. Any other
exception is a bug in truceline and is left to surface as one: a traceback
and exit 1, never dressed as a usage error.

Importing this module imports only Typer and Click: each command imports
what it uses when it runs (the store and the record's models for a report,
spaCy and the readers for extraction, the web stack for ``serve``), so that
``truceline --help`` and a report start without paying for the others
(``tests/test_imports.py``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import click
import typer
from typer.core import TyperGroup

from truceline.cli_batch import batch_commands
from truceline.cli_config import config_commands
from truceline.errors import TrucelineError
from truceline.formats import ExportFormat

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console

    from truceline.store import Store, StoreCounts


err: Console | None = None
"""Rich's console on stderr, made by :func:`_stderr` when first needed (tests set their own)."""


def _stderr() -> Console:
    """The console on stderr; Rich is imported only when something is to be said there."""
    global err
    if err is None:
        from rich.console import Console

        err = Console(stderr=True)
    return err


def escape(text: str) -> str:
    """Text with its square brackets kept from Rich's markup (file names may hold them)."""
    from rich.markup import escape

    return escape(text)


class _Commands(TyperGroup):
    """The command group: truceline's own errors end a command as usage errors.

    Catching the :class:`TrucelineError` family here, once, keeps the commands
    free of ``try`` blocks, and anything outside it (a ``ValueError`` from a
    bug) goes on to be reported as the bug it is.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrucelineError as exc:
            _fail(str(exc))


app = typer.Typer(
    cls=_Commands,
    help="Turn news reports about ceasefire and exchange negotiations into a sourced record.",
    no_args_is_help=True,
    # Click's own help layout: Typer's Rich panels print every flag as if it took a
    # value (``--json <bool>``), which it does not.
    rich_markup_mode=None,
)


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        typer.echo(f"truceline {version('truceline')}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            expose_value=False,
            callback=_print_version,
            help="Print truceline's version and exit.",
        ),
    ] = False,
) -> None:
    # The group's own options only; its help is the Typer's.
    pass


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _warn(problem: object) -> None:
    """One line on stderr for an input that failed or a notice; file names may hold brackets."""
    _stderr().print(f"[yellow]{escape(str(problem))}[/]", highlight=False, soft_wrap=True)


def _fail(message: str) -> None:
    _stderr().print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


# Options that ``extract`` and ``ingest`` share, declared once.
InputsArgument = Annotated[
    list[str], typer.Argument(help="Files, directories, '-' for stdin, or http(s) URLs.")
]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="spaCy worker processes.")]
PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that give none.")
]
GazetteerOption = Annotated[
    list[Path] | None, typer.Option(help="Extra gazetteer YAML file(s) (repeatable).")
]
MaxBytesOption = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, help="Largest input read, in bytes.  [default: 20000000]"),
]
MaxCharsOption = Annotated[
    int | None,
    typer.Option(
        "--max-chars",
        min=1,
        help="Longest article extracted, in characters; longer ones are refused, "
        "bounding time and memory per article.  [default: 1000000]",
    ),
]
NoScreenOption = Annotated[
    bool,
    typer.Option(
        "--no-screen",
        help="Parse every article: no relevance screen (by default an article with no word "
        "of talks, truces or captives is screened out, counted and listed, not parsed).",
    ),
]
ScreenedOutOption = Annotated[
    Path | None,
    typer.Option(
        "--screened-out",
        help="List the articles screened out here, one JSON line each (id, url, origin, title, "
        "reason); ingest also stores them (`truceline screened` lists them).",
    ),
]
ProcessesOption = Annotated[
    list[Path] | None,
    typer.Option(
        help="Extra process YAML file(s) (repeatable), kept with the store: see `truceline config`."
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="TRUCELINE_DB",
        help="Database URL (sqlite:///file.db, postgresql://...) or SQLite file. "
        "Default: truceline.db here.",
        show_default=False,
    ),
]


def open_store(db: str | None, *, write: bool = False) -> Store:
    """The store at ``--db``; opening for writing migrates an older schema, and says so."""
    from truceline.store import Store

    store = Store.open(db, write=write)
    if store.migrated:
        _stderr().print(escape(store.migrated), highlight=False, soft_wrap=True)
    return store


def _date_option(option: str, value: str | None) -> date | None:
    """A YYYY-MM-DD option's date; anything else is a usage error."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{option} {value!r} is not a date; use YYYY-MM-DD")


@contextmanager
def _progress(label: str, inputs: list[str]):
    """A progress bar on stderr with the count, total and time left, when a person watches.

    The total is estimated from the inputs (lines of JSONL, entries of feeds)
    before extraction starts; stdin and URLs leave it unknown.
    """
    console = _stderr()
    if not console.is_terminal:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from truceline.ingest.dispatch import estimate_articles

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=estimate_articles(inputs))
        yield lambda: progress.advance(task)


@contextmanager
def _output(path: Path | None, *, binary: bool = False):
    """Standard output, or a file that appears whole or not at all.

    Records go to a hidden temporary file beside ``path`` that replaces it
    only when the run ends, so an interrupted run leaves no half-written file
    and a directory being read never reads the file being written.
    """
    if path is None:
        yield sys.stdout
        return
    tmp = path.with_name(f".{path.name}.partial")
    try:
        fh = tmp.open("wb") if binary else tmp.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror}")
    try:
        with fh:
            yield fh
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


@app.command()
def extract(
    paths: InputsArgument,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write records here.")
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl, json or table.")
    ] = OutputFormat.jsonl,
    jobs: JobsOption = 1,
    published: PublishedOption = None,
    gazetteer: GazetteerOption = None,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Leave article text out of records.")
    ] = False,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    no_screen: NoScreenOption = False,
    screened_out: ScreenedOutOption = None,
) -> None:
    """Extract events, terms, claims and dates from news reports. No database involved."""
    from truceline import api

    default_date = _date_option("--published", published)
    outcomes = api.extract(
        paths,
        jobs=jobs,
        published=default_date,
        gazetteer=gazetteer or [],
        include_text=not no_text,
        exclude=[p for p in (output, screened_out) if p],
        max_bytes=max_bytes,
        max_chars=max_chars,
        screen=not no_screen,
    )
    with _output(output) as out, _screened_list(screened_out) as screened:
        failed = _write(outcomes, fmt, out, paths, screened)
    _say_screened(screened, screened_out)
    raise typer.Exit(1 if failed else 0)


class _Screened:
    """The articles screened out of a run: counted, and written to ``--screened-out``."""

    def __init__(self, out: TextIO | None) -> None:
        self.out = out
        self.count = 0
        self.total = 0

    def add(self, item: object) -> None:
        self.count += 1
        if self.out is not None:
            self.out.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")  # type: ignore[attr-defined]


@contextmanager
def _screened_list(path: Path | None):  # type: ignore[no-untyped-def]
    if path is None:
        yield _Screened(None)
        return
    with _output(path) as out:
        yield _Screened(out)


def _say_screened(screened: _Screened, path: Path | None) -> None:
    """One line on stderr: how many articles the screen kept from the parser, and where listed."""
    if not screened.count:
        return
    where = f"; listed in {path}" if path else "; --screened-out FILE lists them"
    _warn(
        f"screened out {screened.count} of {screened.total} articles as about no negotiation "
        f"(not parsed; --no-screen parses them){where}"
    )


def _write(outcomes, fmt: OutputFormat, out: TextIO, inputs: list[str], screened: _Screened) -> int:
    from rich.console import Console

    from truceline.extract.failure import ExtractionFailure
    from truceline.extract.screened import ScreenedOut
    from truceline.ingest import Notice, ReadProblem
    from truceline.reports.records import render_record

    failed = 0
    console = None
    if fmt == OutputFormat.table:
        # A terminal gets its own width; a file or pipe gets room for the evidence.
        console = Console(file=out, width=None if out.isatty() else 160)
    first = True
    with _progress("extracting", inputs) as tick:
        if fmt == OutputFormat.json:
            out.write("[")
        for item in outcomes:
            if isinstance(item, Notice):  # a warning: the record follows
                _warn(item)
                continue
            tick()
            screened.total += 1
            if isinstance(item, ScreenedOut):
                screened.add(item)
                continue
            if isinstance(item, ReadProblem | ExtractionFailure):
                failed += 1
                _warn(item)
                continue
            if fmt == OutputFormat.table:
                render_record(item, console)
            else:
                line = item.model_dump_json(exclude_none=False)
                if fmt == OutputFormat.json:
                    line = ("\n" if first else ",\n") + line
                else:
                    line += "\n"
                out.write(line)
                out.flush()
            first = False
        if fmt == OutputFormat.json:
            out.write("\n]\n")
    return failed


@app.command()
def evaluate(
    inputs: Annotated[
        list[str],
        typer.Argument(help="A JSONL file of extraction records, or articles to extract."),
    ],
    gold: Annotated[Path, typer.Option(help="Directory of gold annotation files.")],
    detail: Annotated[
        bool, typer.Option("--detail", help="List misses and extras per article.")
    ] = False,
    by_type: Annotated[
        bool, typer.Option("--by-type", help="Add the pairs' scores per event type.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1)] = 1,
) -> None:
    """Score extraction against gold annotations (pairs, types, terms, sources, actors)."""
    from truceline import api
    from truceline.evaluation import extraction as scoring
    from truceline.record import ExtractionRecord

    if not gold.is_dir():
        _fail(f"--gold {gold} is not a directory of gold files")
    gold_set = scoring.load_gold(gold)
    if len(inputs) == 1 and _is_predictions(Path(inputs[0])):
        predictions = scoring.load_predictions(Path(inputs[0]))
    else:
        predictions = {}
        for item in api.extract(inputs, jobs=jobs, include_text=False):
            if isinstance(item, ExtractionRecord):
                record = json.loads(item.model_dump_json())
                predictions[item.article.id] = record
                if item.article.url:
                    predictions.setdefault(item.article.url, record)
            else:
                _warn(item)
    scores = scoring.score(predictions, gold_set)
    if gold_set and not scores.matched:
        _fail(
            f"no article of {' '.join(inputs)} has gold in {gold} "
            "(gold files are matched by article id, else by url)"
        )
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), indent=1))
    else:
        typer.echo(scoring.format_scores(scores, detail=detail, by_type=by_type))


def _is_predictions(path: Path) -> bool:
    """A JSONL file whose first record has the shape of an extraction record."""
    if path.suffix not in (".jsonl", ".ndjson") or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and "article" in first and "events" in first
    return False


@app.command()
def ingest(
    paths: InputsArgument,
    db: DbOption = None,
    jobs: JobsOption = 1,
    published: PublishedOption = None,
    gazetteer: GazetteerOption = None,
    processes: ProcessesOption = None,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    no_screen: NoScreenOption = False,
    screened_out: ScreenedOutOption = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Rebuild the whole record, not only what the new articles touch (the same record).",
        ),
    ] = False,
) -> None:
    """Extract news reports and store them; rebuild the reconciled record.

    Each article is stored in its own transaction: an interrupted ingest keeps
    what it finished, and running it again adds only what is missing. A path
    that does not exist stops the command before any store is opened or made.
    The record is rebuilt where the new articles change it (``--full``: all of it).
    """
    from truceline import api
    from truceline.extract.screened import ScreenedOut
    from truceline.ingest import Notice
    from truceline.ingest.dispatch import missing_paths
    from truceline.reports.format import plural

    default_date = _date_option("--published", published)
    for missing in missing_paths(paths):
        _fail(f"{missing} does not exist; nothing was ingested (check the path)")
    store = open_store(db, write=True)
    tally = dict.fromkeys(api.AddOutcome, 0)
    failed = 0
    with store, _progress("ingesting", paths) as tick, _screened_list(screened_out) as screened:
        for item in api.ingest(
            paths,
            db=store,
            jobs=jobs,
            published=default_date,
            gazetteer=gazetteer or [],
            processes=processes or [],
            max_bytes=max_bytes,
            max_chars=max_chars,
            screen=not no_screen,
            full=full,
        ):
            if isinstance(item, Notice):  # a warning: the article is stored
                _warn(item)
                continue
            tick()
            if isinstance(item, ScreenedOut):
                screened.add(item)
            elif isinstance(item, api.IngestOutcome):
                tally[item.outcome] += 1
            else:
                failed += 1
                _warn(item)
        counts = store.counts()
    total = sum(tally.values()) + failed + screened.count
    typer.echo(
        f"ingested {plural(total, 'article')}: {tally[api.AddOutcome.ADDED]} added, "
        f"{tally[api.AddOutcome.UNCHANGED]} unchanged, {tally[api.AddOutcome.UPDATED]} updated, "
        f"{f'{screened.count} screened out, ' if screened.count else ''}"
        f"{failed} failed; {_record_counts(counts)}"
    )
    screened.total = total
    _say_screened(screened, screened_out)
    raise typer.Exit(1 if failed else 0)


def _record_counts(counts: StoreCounts) -> str:
    from truceline.reports.format import plural

    return (
        f"{plural(counts.story_events, 'story event')}, "
        f"{plural(counts.contradictions, 'contradiction')}"
    )


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCE", help="RSS/Atom feed or page URLs, and folders, to poll."),
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 30s, 10m, 1h.")
    ] = "10m",
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll each source once, then exit.")] = False,
    processes: ProcessesOption = None,
    published: PublishedOption = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds a download may take.")
    ] = 20.0,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    alerts: Annotated[
        Path | None,
        typer.Option(
            "--alerts",
            help="Alert rules (YAML): deliver each new change they pick once.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Poll feeds, pages and folders and ingest each new article once; rebuild the record.

    What was seen, when, and each source's last error are kept in the store, so a
    restarted watch resumes. SIGINT or SIGTERM stops it between two articles. With
    --alerts, the log goes to stderr and stdout carries only alerts (JSON lines).
    """
    import threading

    from truceline.alerts import Alerts, load_rules
    from truceline.watch import Watcher, parse_interval

    seconds = parse_interval(every)
    default_date = _date_option("--published", published)
    rules = load_rules(alerts) if alerts is not None else None
    say = (lambda line: typer.echo(line, err=True)) if rules is not None else typer.echo
    stop = threading.Event()
    with open_store(db, write=True) as store:
        watcher = Watcher(
            store,
            sources,
            every=seconds,
            processes=processes or [],
            timeout=timeout,
            max_bytes=max_bytes,
            max_chars=max_chars,
            published=default_date,
            stop=stop,
            say=say,
            alerts=Alerts(store, rules) if rules is not None else None,
        )
        with _stopped_by_signals(stop):
            watcher.run(once=once)


@contextmanager
def _stopped_by_signals(stop):  # type: ignore[no-untyped-def]
    """SIGINT and SIGTERM set ``stop`` (the watch ends between two articles); a second
    one interrupts at once, as the default handlers do."""
    import signal

    previous = {}

    def handle(number: int, frame: object) -> None:
        _warn("stopping after the current article (again to interrupt now)")
        stop.set()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@app.command()
def rebuild(
    db: DbOption = None,
    processes: ProcessesOption = None,
    spark_master: Annotated[
        str | None,
        typer.Option(
            "--spark-master",
            help="Reconcile on Spark at this master (local[2], spark://host:7077): "
            "the same record, its blocks in parallel. Needs the spark extra and Java 17+.",
        ),
    ] = None,
) -> None:
    """Rebuild the reconciled record from the stored events (ingest does it by itself).

    For a store whose last ingest was interrupted before its rebuild finished,
    or a large archive reconciled on Spark (--spark-master).
    """
    from truceline import api
    from truceline.configuration import adopt
    from truceline.reports.format import plural

    with open_store(db, write=True) as store:
        kept = adopt(store, "processes", processes or [], command="rebuild")
        if kept.notice:
            _warn(kept.notice)
        api.rebuild(store, spark_master=spark_master)
        counts = store.counts()
    typer.echo(
        f"rebuilt the record of {plural(counts.articles, 'article')}: {_record_counts(counts)}"
    )


@app.command()
def migrate(db: DbOption = None) -> None:
    """Bring a store's schema up to this truceline's (ingest does it by itself)."""
    with open_store(db, write=True) as store:
        if not store.migrated:
            typer.echo(f"store {store.shown_url} is up to date")


store_app = typer.Typer(help="Move a store: copy it whole into PostgreSQL.")
app.add_typer(store_app, name="store")


@store_app.command("copy")
def store_copy(
    to: Annotated[
        str,
        typer.Option("--to", help="The empty PostgreSQL database to copy into (postgresql://...)."),
    ],
    db: DbOption = None,
) -> None:
    """Copy the whole store, every table with its ids, into an empty PostgreSQL database:
    for an archive that outgrows one machine. Loaded in bulk (COPY, indexes made after)."""
    from truceline import api
    from truceline.reports.format import plural
    from truceline.store.engine import shown

    copied = api.copy_store(db, to, lambda line: _stderr().print(escape(line), highlight=False))
    typer.echo(
        f"copied {plural(copied.rows['articles'], 'article')} "
        f"({sum(copied.rows.values()):,} rows) into {shown(to)} in {copied.seconds:.0f} s"
    )


# ---------------------------------------------------------------- reports

ProcessOpt = Annotated[str | None, typer.Option("--process", help="Only this process id.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Only events of this actor id.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Only this event type (MEET, ...).")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Only what this outlet reports.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most N rows.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The record as known from the reports published on or before this date "
        "(YYYY-MM-DD); undated articles are left out.",
    ),
]


def _report(db: str | None, query: Callable[[Store], BaseModel], render, as_json: bool) -> None:
    """Run one report: query the store, then print JSON or the Rich view.

    An empty store says so in one line (exit 0) rather than printing empty tables;
    one with events but no reconciled record (an interrupted rebuild) says what to run.
    """
    from truceline import api
    from truceline.reports.format import plural

    with open_store(db) as store:
        view = query(store)
        empty = _has_nothing(view) and api.is_empty(store)
        # Counted only when nothing reconciled shows: a store never rebuilt looks so.
        shows_none = _has_nothing(view) or getattr(view, "counts", {}).get("story_events") == 0
        counts = store.counts() if shows_none and not empty else None
    if counts is not None and counts.events and not counts.story_events:
        _stderr().print(
            escape(
                f"The store {store.shown_url} holds {plural(counts.articles, 'article')} with "
                f"{plural(counts.events, 'reported event')} but no reconciled record: its last "
                f"rebuild did not finish. Run `truceline rebuild --db {store.shown_url}`."
            ),
            highlight=False,
            soft_wrap=True,
        )
    if empty and not as_json:
        typer.echo(
            f"The store {store.shown_url} holds no articles yet: run `truceline ingest PATH`."
        )
    elif as_json:
        typer.echo(json.dumps(view.model_dump(mode="json"), indent=1, ensure_ascii=False))
    else:
        from rich.console import Console

        render(view, Console(width=None if sys.stdout.isatty() else 160))


def _has_nothing(view: BaseModel) -> bool:
    return not any(v for v in view.__dict__.values() if isinstance(v, list))


@app.command()
def summary(
    db: DbOption = None,
    process: ProcessOpt = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Per process: what is on the table, who stands where, phase clock, ledger, disputes.

    With --as-of, the record as known then, its phase clocks at that date."""
    from truceline import api, reports
    from truceline.store import Filters

    day = _date_option("--as-of", as_of)
    found = Filters(process, actor, type_, since, until, outlet)
    _report(db, lambda s: api.summary(s, found, day), reports.render_summary, as_json)


def _list_report(name: str, help: str) -> None:
    """Register a report command that takes the filters and --limit: the same for each.

    The command ``NAME`` runs ``api.NAME`` and prints with ``reports.render_NAME``,
    both imported when it runs.
    """

    def command(
        db: DbOption = None,
        process: ProcessOpt = None,
        actor: ActorOpt = None,
        type_: TypeOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        outlet: OutletOpt = None,
        limit: LimitOpt = None,
        as_of: AsOfOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        from truceline import api, reports
        from truceline.store import Filters

        query: Callable = getattr(api, name)
        found = Filters(process, actor, type_, since, until, outlet)
        day = _date_option("--as-of", as_of)
        _report(
            db,
            lambda store: query(store, found, limit, as_of=day),
            getattr(reports, f"render_{name}"),
            as_json,
        )

    app.command(name, help=help)(command)


_list_report(
    "timeline",
    "Story events by date: type, actors, terms, and how well each is sourced.",
)
_list_report(
    "proposals",
    "Proposals and counter-proposals: terms, responses, status; newest first.",
)
_list_report(
    "positions",
    "Who stands where: each party's latest stance per issue and how it moved.",
)
_list_report(
    "ledger",
    "The release ledger: releases by date, totals against what was agreed.",
)
_list_report(
    "sources",
    "Per outlet: events reported, share anonymous, corroborated, contradicted.",
)


@app.command()
def changes(
    since: Annotated[
        str, typer.Option("--since", help="From the record as known on this date (YYYY-MM-DD).")
    ],
    until: Annotated[
        str | None,
        typer.Option("--until", help="To the record as known on this date (default today)."),
    ] = None,
    db: DbOption = None,
    process: ProcessOpt = None,
    actor: ActorOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What changed between two dates: proposals, responses, agreements, phases, releases,
    contradictions and position moves, each with its reports."""
    from truceline import api
    from truceline.reports.changes import render_changes
    from truceline.store import Filters

    start = _date_option("--since", since)
    end = _date_option("--until", until)
    if start is not None and end is not None and start > end:
        _fail(f"--since {since} is after --until {until}")
    found = Filters(process=process, actor=actor)
    assert start is not None
    _report(db, lambda store: api.changes(store, start, end, found), render_changes, as_json)


@app.command()
def screened(
    db: DbOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only those screened out on or after this day (YYYY-MM-DD)."),
    ] = None,
    limit: LimitOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print them as JSON.")] = False,
) -> None:
    """The articles ingest and watch screened out as about no negotiation, newest first.

    Each with when and why. They were not parsed: `truceline ingest --no-screen`
    of the same input parses and stores them, and they leave this list.
    """
    from truceline import api

    day = _date_option("--since", since)
    with open_store(db) as store:
        found = api.screened(store, day, limit=limit)
    if as_json:
        typer.echo(json.dumps([s.model_dump(mode="json") for s in found], ensure_ascii=False))
        return
    if not found:
        typer.echo("No article screened out" + (f" since {day}." if day else "."))
    for item in found:
        where = item.url or item.origin or item.source_id or item.key
        title = f" {item.title!r}" if item.title else ""
        typer.echo(f"{item.screened_at:%Y-%m-%d %H:%M}  {where}{title}: {item.reason}")


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="Story event id or event number.")],
    db: DbOption = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """An event with every report behind it and the evidence in its sentence."""
    from truceline import api, reports

    day = _date_option("--as-of", as_of)

    def query(store: Store) -> BaseModel:
        shown = api.show(store, event_id, as_of=day)
        if shown is None:
            _fail(f"no story event or reported event {event_id!r} in {store.shown_url}")
        return shown

    _report(db, query, reports.render_show, as_json)


@app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv, jsonl, plover or parquet.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    with_reports: Annotated[
        bool, typer.Option("--reports", help="Every reported event instead of story events.")
    ] = False,
    db: DbOption = None,
    process: ProcessOpt = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Export story events (or --reports) as CSV, Parquet, JSON lines or PLOVER-style JSON,
    each row citing its article (URL, headline, outlet, date) and evidence."""
    from truceline import api
    from truceline.export import BINARY_FORMATS, write_export
    from truceline.store import Filters

    binary = fmt in BINARY_FORMATS
    if binary and output is None:
        _fail(f"--format {fmt.value} writes a file: give it with -o/--output FILE")
    found = Filters(process, actor, type_, since, until, outlet)
    day = _date_option("--as-of", as_of)
    with open_store(db) as store:
        exported = api.export_events(store, found, reported=with_reports, as_of=day)
    with _output(output, binary=binary) as out:
        write_export(exported, fmt, out)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            help="File holding the token that POST /api/articles needs "
            "(else $TRUCELINE_TOKEN; neither: read-only)."
        ),
    ] = None,
    max_body_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-body-bytes",
            min=1,
            help="Largest body POST /api/articles takes; larger is refused (413) "
            "(else $TRUCELINE_MAX_BODY_BYTES).  [default: 10000000]",
            show_default=False,
        ),
    ] = None,
    watch: Annotated[
        list[str] | None,
        typer.Option(
            "--watch",
            help="Also watch this feed, page or folder in the background (repeatable).",
        ),
    ] = None,
    every: Annotated[
        str, typer.Option("--every", help="Time between polls of --watch sources.")
    ] = "10m",
    alerts: Annotated[
        Path | None,
        typer.Option(
            "--alerts",
            help="Alert rules (YAML) for the --watch sources: deliver each new change once.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Serve the REST API (/api/, /openapi.json) and the dashboard over the store."""
    from truceline.alerts import load_rules
    from truceline.watch import parse_interval
    from truceline.web.serve import serve_store

    if alerts is not None and not watch:
        raise typer.BadParameter("--alerts needs --watch SOURCE", param_hint="--alerts")

    serve_store(
        db,
        host=host,
        port=port,
        token_file=token_file,
        body_limit=max_body_bytes,
        watch=watch or [],
        every=parse_interval(every),
        say=typer.echo,
        alerts=load_rules(alerts) if alerts is not None else None,
    )


# ---------------------------------------------------------------- corrections

correct_app = typer.Typer(
    cls=_Commands,
    help="Correct the record: an event's type, actors, modality, date or process; an event "
    "that is wrong; stories to merge or split. Kept apart from extraction, applied at every "
    "rebuild, shown as 'corrected by X on D'.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(correct_app, name="correct")

ByOpt = Annotated[str, typer.Option("--by", help="Who makes the correction (shown with it).")]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Why: shown with the correction.")]
EventArg = Annotated[
    str, typer.Argument(metavar="ID", help="A reported event number, or a story event id.")
]


def _corrected(db: str | None, processes: list[Path] | None, make, as_json: bool) -> None:
    """Make one correction on the store, rebuild the record with it, and say what was done."""
    from truceline import api
    from truceline.corrections import as_json as correction_json

    with open_store(db, write=True) as store:
        made = make(store)
        api.rebuild(store, processes or [])
    if as_json:
        typer.echo(json.dumps(correction_json(made), ensure_ascii=False))
    else:
        typer.echo(f"{made.described()}; record rebuilt")


@correct_app.command("event")
def correct_event(
    event_id: EventArg,
    by: ByOpt,
    type_: Annotated[str | None, typer.Option("--type", help="The right event type.")] = None,
    actors: Annotated[
        str | None, typer.Option("--actors", help="The right actor ids, comma-separated.")
    ] = None,
    targets: Annotated[
        str | None, typer.Option("--targets", help="The right target ids, comma-separated.")
    ] = None,
    modality: Annotated[
        str | None, typer.Option("--modality", help="actual, future, possible or negated.")
    ] = None,
    when: Annotated[str | None, typer.Option("--date", help="The right date (YYYY-MM-DD).")] = None,
    process: Annotated[str | None, typer.Option("--process", help="The right process id.")] = None,
    note: NoteOpt = None,
    db: DbOption = None,
    processes: ProcessesOption = None,
    as_json: JsonOpt = False,
) -> None:
    """Change a reported event (or every report of a story event)."""
    from truceline import corrections

    changes = corrections.parse_changes(
        type=type_,
        actors=[actors] if actors is not None else None,
        targets=[targets] if targets is not None else None,
        modality=modality,
        date=when,
        process=process,
    )
    _corrected(
        db,
        processes,
        lambda store: corrections.correct_event(store, event_id, changes, author=by, note=note),
        as_json,
    )


@correct_app.command("wrong")
def correct_wrong(
    event_id: EventArg,
    by: ByOpt,
    note: NoteOpt = None,
    db: DbOption = None,
    processes: ProcessesOption = None,
    as_json: JsonOpt = False,
) -> None:
    """Mark a reported event (or every report of a story event) as no event at all."""
    from truceline import corrections

    _corrected(
        db,
        processes,
        lambda store: corrections.mark_wrong(store, event_id, author=by, note=note),
        as_json,
    )


@correct_app.command("merge")
def correct_merge(
    stories: Annotated[list[str], typer.Argument(metavar="STORY...", help="Story event ids.")],
    by: ByOpt,
    note: NoteOpt = None,
    db: DbOption = None,
    processes: ProcessesOption = None,
    as_json: JsonOpt = False,
) -> None:
    """Make two or more story events one."""
    from truceline import corrections

    _corrected(
        db,
        processes,
        lambda store: corrections.merge_stories(store, stories, author=by, note=note),
        as_json,
    )


@correct_app.command("split")
def correct_split(
    story: Annotated[str, typer.Argument(metavar="STORY", help="A story event id.")],
    report: Annotated[int, typer.Option("--report", help="The report number to set apart.")],
    by: ByOpt,
    note: NoteOpt = None,
    db: DbOption = None,
    processes: ProcessesOption = None,
    as_json: JsonOpt = False,
) -> None:
    """Set one report of a story event apart, as a story event of its own."""
    from truceline import corrections

    _corrected(
        db,
        processes,
        lambda store: corrections.split_story(store, story, report, author=by, note=note),
        as_json,
    )


@correct_app.command("undo")
def correct_undo(
    number: Annotated[int, typer.Argument(metavar="N", help="The correction's number.")],
    db: DbOption = None,
    processes: ProcessesOption = None,
    as_json: JsonOpt = False,
) -> None:
    """Take correction N out of force (it stays listed, as undone) and rebuild."""
    from truceline import corrections

    _corrected(db, processes, lambda store: corrections.undo(store, number), as_json)


@correct_app.command("list")
def correct_list(db: DbOption = None, as_json: JsonOpt = False) -> None:
    """Every correction: applied, orphaned (its report no longer extracted) or undone."""
    from truceline import corrections

    with open_store(db) as store:
        found = corrections.listed(store)
    if as_json:
        typer.echo(json.dumps([corrections.as_json(c) for c in found], ensure_ascii=False))
    elif not found:
        typer.echo("No corrections.")
    for item in [] if as_json else found:
        typer.echo(item.line())


@correct_app.command("export")
def correct_export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Every correction as JSON lines, for `correct import` into another store."""
    from truceline import corrections

    with open_store(db) as store, _output(output) as out:
        for line in corrections.export_lines(store):
            out.write(line + "\n")


@correct_app.command("import")
def correct_import(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="`correct export` output.")],
    db: DbOption = None,
    processes: ProcessesOption = None,
) -> None:
    """Add the corrections of a `correct export` file to this store and rebuild."""
    from truceline import api, corrections

    with open_store(db, write=True) as store:
        added = corrections.import_file(store, path)
        api.rebuild(store, processes or [])
    typer.echo(f"imported {len(added)} correction(s); record rebuilt")


@app.command()
def reextract(
    db: DbOption = None,
    since: SinceOpt = None,
    process: ProcessOpt = None,
) -> None:
    """Extract the stored articles again with the store's gazetteer, keep corrections, rebuild.

    After `config set gazetteer`, so that the articles stored before it are read with it.
    """
    from truceline import api

    day = _date_option("--since", since)
    with open_store(db, write=True) as store:
        done = api.reextract(store, since=day, process=process)
    for failure in done.failed:
        _warn(f"not re-extracted, kept as it was: {failure}")
    for orphan in done.orphaned:
        _warn(f"orphaned (kept, see `truceline correct list`): {orphan.line()}")
    typer.echo(done.line())


# `truceline config` lives in its own module, built with this one's options.
app.add_typer(config_commands(DbOption, JsonOpt, open_store), name="config")

# `truceline batch` (Spark, bulk loading) lives in its own module, built with this one's options.
app.add_typer(
    batch_commands(
        {
            "db": DbOption,
            "published": PublishedOption,
            "gazetteer": GazetteerOption,
            "no_screen": NoScreenOption,
            "max_bytes": MaxBytesOption,
            "max_chars": MaxCharsOption,
            "processes": ProcessesOption,
        },
        open_store,
        _warn,
        _date_option,
    ),
    name="batch",
)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
