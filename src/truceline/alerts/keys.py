"""Alerts compare records by what story events stand for, not by their ids.

A story event's id is its type and its smallest report's row id
(``release-1207``), and the record's other ids are made of it
(``proposal:propose-1207``). Row ids are not what a change stands for:
re-extracting the stored articles (``truceline reextract``) or a new version of
an article stores its events again under new row ids, and the same release
would come back as ``release-1311``: a record compared by ids would find every
story event new, and alert it again.

So alerts compare records in which each story event id is put as its type and
the report it is named for, by article key and a digest of its evidence
sentence (``release@https://news.example/a#3f2a...``): the same report found
again, the same name, the same change key. The record kept for the next
comparison is kept so named; a change is delivered with the record's current
story event ids, so that ``truceline show ID`` finds them.
"""

from __future__ import annotations

import hashlib
import json
import re

from truceline.record.derived import Change, DerivedRecord
from truceline.store import Store

_STORY_ID = re.compile(r"(?<![\w@#-])([a-z_]+-\d+)(?![\w@#])")
"""A story event id where it stands in a text: ``accept-1`` but not ``accept-12``'s start."""


def report_token(kind: str, article_key: str, evidence: str) -> str:
    """What a story event stands for: its type, its first report's article and sentence."""
    digest = hashlib.sha256(evidence.encode("utf-8")).hexdigest()[:12]
    return f"{kind.lower()}@{article_key}#{digest}"


class StableNames:
    """The story event ids of ``store``'s record and what each stands for, both ways."""

    def __init__(self, store: Store) -> None:
        firsts = store.story_firsts()
        self.tokens = {sid: report_token(*first) for sid, first in firsts.items()}
        self.ids = {token: sid for sid, token in self.tokens.items()}

    def record(self, record: DerivedRecord) -> DerivedRecord:
        """``record`` with every story event id put as what it stands for."""
        text = record.model_dump_json()
        named = _STORY_ID.sub(lambda m: _json_inner(self.tokens.get(m[1], m[1])), text)
        return DerivedRecord.model_validate_json(named)

    def change(self, change: Change) -> Change:
        """A change found in named records, with the store's story event ids back in its
        text and story events (its key stays named: that is what is recorded)."""
        back = {token: sid for token, sid in self.ids.items() if token in change.text}
        text = change.text
        for token, sid in back.items():
            text = text.replace(token, sid)
        events = [self.ids.get(s, s) for s in change.story_events]
        return change.model_copy(update={"text": text, "story_events": events})


def _json_inner(text: str) -> str:
    """``text`` as it stands inside a JSON string (an article key may hold a quote)."""
    return json.dumps(text)[1:-1]
