"""Alert keys that survive rebuilds: a change named by the reports it stands for, not by ids.

A change's key (:mod:`truceline.changes`) is made of story event ids, and a
story event's id is its type and its smallest report's row id
(``release-1207``). Row ids are not what a change stands for: re-extracting
the stored articles (``truceline reextract``) or a new version of an article
stores its events again under new row ids, and the same release would come
back as ``release-1311`` and be alerted twice. So an alert's key puts, in
place of each story event id, that story event's type and the report it is
named for, by article key and a digest of its evidence sentence
(``release@https://news.example/a#3f2a...``): the same report found again,
the same key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from truceline.record import StoryEvent
from truceline.record.derived import Change
from truceline.store import Store


def report_token(story: StoryEvent, article_key: str, evidence: str) -> str:
    """What a story event stands for: its type, its first report's article and sentence."""
    digest = hashlib.sha256(evidence.encode("utf-8")).hexdigest()[:12]
    return f"{story.type.value.lower()}@{article_key}#{digest}"


class StableKeys:
    """Change key -> stable key, for the story events of one record of ``store``.

    Each story event costs one read of its first report, made only for the
    story events of the changes asked about (few: alerts ask for new ones).
    """

    def __init__(self, store: Store, stories: Iterable[StoryEvent]) -> None:
        self.store = store
        self.stories = {s.id: s for s in stories}
        self._tokens: dict[str, str] = {}

    def token(self, story_id: str) -> str:
        """The stable name of a story event; its id when the record does not know it."""
        if story_id not in self._tokens:
            story = self.stories.get(story_id)
            found = (
                self.store.reported_event(min(story.reports)) if story and story.reports else None
            )
            if story is None or found is None:
                self._tokens[story_id] = story_id
            else:
                reported, article = found
                self._tokens[story_id] = report_token(
                    story, article.key, reported.event.evidence.text
                )
        return self._tokens[story_id]

    def of(self, change: Change) -> str:
        """``change.key`` with each of its story event ids put as :meth:`token`."""
        ids = sorted(set(change.story_events), key=len, reverse=True)
        if not ids:
            return change.key
        # An id is whole where it stands: "accept-1" is not the start of "accept-12".
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?!\d)")
        return pattern.sub(lambda m: self.token(m.group(1)), change.key)
