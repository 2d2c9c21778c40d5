"""``truceline watch``: poll feeds, pages and folders, and ingest what is new.

Each SOURCE is an http(s) address (an RSS or Atom feed, or a page) or a local
folder (or file). Every ``every`` seconds each source is polled:

- an address by a conditional GET (the ETag and Last-Modified of its last
  answer sent back, so an unchanged feed costs a 304 and no reading), with a
  timeout and a size cap (:func:`truceline.ingest.url.fetch_if_changed`);
- a folder by listing its article files and reading those that are new or
  changed (size or modification time) since the last poll.

What a source yields goes through the ingest path (:func:`truceline.api.ingest_articles`,
the readers of :mod:`truceline.ingest.dispatch`), one article at a time, and
each article is taken once: it is keyed by its URL (or feed guid, or file
and line) and the hash of its text, so a changed text is taken again (a new
version) and an unchanged one never re-extracted. The record is rebuilt
once per poll that stored something; then, with ``alerts``
(:mod:`truceline.alerts`), the changes its rules pick are delivered, each once.

All state (when each source was polled, its validators, its last error and
failures in a row, the items taken) lives in the store
(:mod:`truceline.store.watching`), so a restarted watch resumes where the
last one stopped. A failed poll records its error and backs the source off:
twice the interval after one failure, doubling up to :data:`MAX_BACKOFF`.
The validators of a poll are kept only once all its new articles are
stored, so a watch stopped halfway takes the rest on its next poll.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from truceline.errors import TrucelineError
from truceline.store import Store, StoreError, WatchedSource

if TYPE_CHECKING:
    from truceline.alerts import Alerts
    from truceline.api import Extractor
    from truceline.record import Article

EVERY = 600.0
"""Seconds between polls by default (``--every 10m``)."""

MAX_BACKOFF = 6 * 3600.0
"""The longest a failing source is left alone between polls, in seconds."""

_INTERVAL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*", re.IGNORECASE)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


class WatchError(TrucelineError):
    """A watch that cannot start: a bad interval or source."""


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``10m``, ``1h``, ``1d`` or a bare number of seconds."""
    found = _INTERVAL.fullmatch(text)
    if found is None or float(found.group(1)) <= 0:
        raise WatchError(f"--every {text!r} is not an interval; use e.g. 30s, 10m, 1h")
    return float(found.group(1)) * _UNIT[(found.group(2) or "s").lower()]


def is_folder_source(source: str) -> bool:
    from truceline.ingest.url import is_url

    return not is_url(source)


@dataclass
class Poll:
    """What one poll of one source did."""

    source: str
    ingested: int = 0
    skipped: bool = False
    not_modified: bool = False
    error: str | None = None
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for the log."""
        if self.skipped:
            return f"{self.source}: backing off after failures; not polled"
        if self.error:
            return f"{self.source}: failed: {self.error}"
        if self.not_modified:
            return f"{self.source}: not modified"
        noun = "article" if self.ingested == 1 else "articles"
        return f"{self.source}: {self.ingested} new {noun} ingested"


@dataclass(frozen=True)
class _Item:
    key: str
    digest: str
    article: Article


class Watcher:
    """Polls ``sources`` into ``store`` (open for writing); see the module's docstring.

    ``stop`` (an event) ends :meth:`run` and any poll between two articles;
    ``lock`` serialises writes with another writer in the process (``serve``).
    ``clock`` gives the time (tests move it).
    """

    def __init__(
        self,
        store: Store,
        sources: Sequence[str],
        *,
        every: float = EVERY,
        extractor: Extractor | None = None,
        processes: Sequence[str | Path] = (),
        timeout: float = 20.0,
        max_bytes: int | None = None,
        max_chars: int | None = None,
        published: dt.date | None = None,
        stop: threading.Event | None = None,
        lock: threading.Lock | None = None,
        say: Callable[[str], None] = print,
        clock: Callable[[], dt.datetime] | None = None,
        alerts: Alerts | None = None,
    ) -> None:
        from truceline.configuration import adopt
        from truceline.ingest.article import MAX_CHARS
        from truceline.ingest.dispatch import MAX_BYTES

        self.store = store
        # A folder by its absolute path, so a watch restarted elsewhere finds its state.
        self.sources = list(
            dict.fromkeys(str(Path(s).resolve()) if is_folder_source(s) else s for s in sources)
        )
        self.every = every
        self.extractor = extractor
        # A bad file, or one other than the store's, fails before any poll, not after one;
        # each rebuild then uses the store's processes (a `config set` meanwhile included).
        kept = adopt(store, "processes", processes, command="watch")
        if kept.notice:
            say(kept.notice)
        self.timeout = timeout
        self.max_bytes = max_bytes or MAX_BYTES
        self.max_chars = max_chars or MAX_CHARS
        self.published = published
        self.stop = stop or threading.Event()
        self.lock = lock or threading.Lock()
        self.say = say
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.alerts = alerts
        if alerts is not None:  # what the store knew before this watch is not news
            alerts.take_baseline()

    # ------------------------------------------------------------------ running

    def run(self, *, once: bool = False) -> None:
        """Poll every source, then again every ``every`` seconds, until stopped."""
        while not self.stop.is_set():
            try:
                self.poll_all()
            except StoreError as error:
                if once:
                    raise
                # A store busy or briefly unreachable: the next round tries again.
                self.say(f"store error, the next poll tries again: {error}")
            if once:
                return
            self.stop.wait(self.every)

    def poll_all(self) -> list[Poll]:
        """Poll each due source once; rebuild the record if anything was stored."""
        polls = []
        for source in self.sources:
            if self.stop.is_set():
                break
            poll = self.poll(source)
            self.say(poll.line())
            for problem in poll.problems:
                self.say(f"  {problem}")
            polls.append(poll)
        stored = any(p.ingested for p in polls)
        if stored:
            from truceline import api

            with self.lock:
                api.rebuild(self.store)
        # After every poll, not only one that stored: an ingest or a correction made meanwhile
        # is news too, and a poll that changed nothing costs a digest (the cheap path).
        if self.alerts is not None:
            with self.lock:
                sent = self.alerts.deliver_new()
            for problem in sent.problems:
                self.say(f"  {problem}")
            if sent.delivered or sent.failed:
                self.say(f"alerts: {sent.delivered} delivered, {sent.failed} not delivered")
        return polls

    def poll(self, source: str) -> Poll:
        """Poll one source, unless it is backing off; record how it went."""
        now = self.clock()
        folder = is_folder_source(source)
        state = self.store.watched_source(source) or WatchedSource(
            source=source, kind="folder" if folder else "url"
        )
        if state.next_poll is not None and now < state.next_poll:
            return Poll(source, skipped=True)
        state.last_polled = now
        with self.lock:  # the source's row first: the items taken refer to it
            self.store.save_watched_source(state)
        poll = Poll(source)
        try:
            finished = (self._poll_folder if folder else self._poll_url)(state, poll)
        except _Failed as failed:
            poll.error = str(failed)
            state.failures += 1
            state.last_error = poll.error
            backoff = min(self.every * 2**state.failures, max(MAX_BACKOFF, self.every))
            state.next_poll = now + dt.timedelta(seconds=backoff)
        else:
            state.failures = 0
            state.last_error = None
            state.next_poll = None
            if finished:
                state.last_success = now
        state.ingested += poll.ingested
        with self.lock:
            self.store.save_watched_source(state)
        return poll

    # ------------------------------------------------------------------ sources

    def _poll_url(self, state: WatchedSource, poll: Poll) -> bool:
        from truceline.ingest.dispatch import read_download
        from truceline.ingest.problems import ReadError
        from truceline.ingest.url import Validators, fetch_if_changed

        since = Validators(state.etag, state.last_modified)
        try:
            download = fetch_if_changed(
                state.source, since, max_bytes=self.max_bytes, timeout=self.timeout
            )
        except ReadError as error:
            raise _Failed(error.message) from None
        if download is None:
            poll.not_modified = True
            return True
        read = read_download(
            state.source, download, published=self.published, max_chars=self.max_chars
        )
        items, problems = self._items(read, by_url=True)
        if problems and not items:
            raise _Failed(problems[0])
        poll.problems += problems
        state.kind = "feed" if _is_feed(download.content_type, download.content) else "page"
        finished = self._ingest(state.source, items, poll)
        if finished:  # else the next poll must fetch the feed again for the rest
            state.etag, state.last_modified = download.etag, download.last_modified
        return finished

    def _poll_folder(self, state: WatchedSource, poll: Poll) -> bool:
        from truceline.ingest.dispatch import read_inputs, walk_folder

        path = Path(state.source)
        if path.is_dir():
            files, unreadable = walk_folder(path)
            poll.problems += [str(p) for p in unreadable]
        elif path.is_file():
            files = [path]
        else:
            raise _Failed("no such file or directory; check the path")
        signatures = {}
        for file in files:
            try:
                info = file.stat()
            except OSError as error:
                poll.problems.append(f"{file}: cannot be read ({error.strerror})")
                continue
            signatures[f"file:{file}"] = f"{info.st_size}:{info.st_mtime_ns}"
        seen = self.store.seen_items(state.source, signatures)
        for key, signature in signatures.items():
            if seen.get(key) == signature:
                continue
            if self.stop.is_set():
                return False
            read = read_inputs(
                [key.removeprefix("file:")],
                published=self.published,
                max_bytes=self.max_bytes,
                max_chars=self.max_chars,
            )
            items, problems = self._items(read, by_url=False)
            poll.problems += problems
            if not self._ingest(state.source, items, poll):
                return False
            with self.lock:
                self.store.mark_seen(state.source, key, signature)
        return True

    def _items(self, read: Iterable, *, by_url: bool) -> tuple[list[_Item], list[str]]:
        """The articles read, keyed, and what went wrong reading, as lines."""
        from truceline.record import Article

        items: dict[str, _Item] = {}
        problems = []
        for found in read:
            if not isinstance(found, Article):
                problems.append(str(found))
                continue
            # A feed entry by its link or guid; a file's article by its URL, else where it is.
            key = found.url or (found.id if by_url else found.origin) or found.id
            digest = hashlib.sha256(found.text.encode("utf-8")).hexdigest()
            items[key] = _Item(key, digest, found)
        return list(items.values()), problems

    def _ingest(self, source: str, items: list[_Item], poll: Poll) -> bool:
        """Store the items not taken yet (or changed), one at a time; False if stopped."""
        from truceline import api
        from truceline.extract.screened import ScreenedOut
        from truceline.ingest.problems import Notice

        seen = self.store.seen_items(source, (item.key for item in items))
        for item in items:
            if seen.get(item.key) == item.digest:
                continue
            if self.stop.is_set():
                return False
            if self.extractor is None:
                self.extractor = api.new_extractor(self.store)
            with self.lock:
                for outcome in api.ingest_articles(
                    [item.article], db=self.store, extractor=self.extractor
                ):
                    if isinstance(outcome, api.IngestOutcome):
                        if outcome.outcome != api.AddOutcome.UNCHANGED:
                            poll.ingested += 1
                    elif isinstance(outcome, Notice):
                        poll.problems.append(str(outcome))
                    elif isinstance(outcome, ScreenedOut):  # about no negotiation: stored as such
                        continue
                    else:  # an extraction failure: would fail again; reported, and taken
                        poll.problems.append(str(outcome))
                self.store.mark_seen(source, item.key, item.digest)
        return True


class _Failed(TrucelineError):
    """A poll that failed, with the reason; recorded by :meth:`Watcher.poll`, never raised on."""


def _is_feed(content_type: str | None, content: bytes) -> bool:
    from truceline.ingest.formats import Format, format_for_content_type

    if format_for_content_type(content_type) == Format.FEED:
        return True
    head = content[:2000].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
