"""Processes: loading them from data and assigning story events to them.

A process is configured, not inferred (``data/processes.yaml``): which
parties negotiate, who counts on each side, who mediates. User files given
with ``--processes`` merge into the bundled ones by id, field by field.

Assignment reads who a story event involves -- its actors, targets,
mediators and the parties its terms name ("release 33 hostages (Hamas)") --
and scores each process: 2 for every actor on one of its sides, 1 for every
mediator of it. The highest score wins when it involves a side. Ties (an
event by Israel alone fits both Gaza and Lebanon), events that name only
mediators (France calling for a truce) and events that name nobody go to
the process its own articles' clearly placed events tell most (a warning
by Israel alone in a Lebanon article; an event in an article about a conflict
no process covers stays out of every process), else to the candidate process
whose sides the evidence words name (the only one: "...
which Putin accepted"), else to the candidate process with the most story
events already placed by a side within ``windows.active_process`` days; if none is active or that is tied
too, the event stays unassigned, as does an event whose actors belong to no
configured process.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from truceline.data.gazetteer import Gazetteer, load_gazetteer
from truceline.errors import TrucelineError
from truceline.negotiation.lexicon import load_lexicon
from truceline.record import Process, ReleaseKind, StoryEvent

_FIELDS = ("id", "name", "parties", "sides", "mediators", "releasers")
RELEASE_KINDS: tuple[str, ...] = get_args(ReleaseKind)


class ProcessFileError(TrucelineError):
    """A process file that cannot be used: the file, the line and what to fix."""


# ----------------------------------------------------------------- loading


def _compose(where: str, text: str) -> tuple[Any, yaml.Node | None]:
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ProcessFileError(
            f"{where}{line}: not valid YAML ({exc.__class__.__name__})"
        ) from None


def _line(node: yaml.Node | None, key: str | None = None) -> int:
    """1-based line of a mapping node, or of one of its keys when given."""
    if node is None:
        return 1
    if key is not None and isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node.start_mark.line + 1
    return node.start_mark.line + 1


def _items(where: str, text: str) -> list[tuple[dict[str, Any], yaml.Node | None]]:
    """The process entries of one file, each with its YAML node (for line numbers)."""
    data, root = _compose(where, text)
    if not isinstance(data, dict) or not isinstance(data.get("processes"), list):
        raise ProcessFileError(f"{where}:{_line(root)}: expected a mapping with a 'processes' list")
    seq = None
    if isinstance(root, yaml.MappingNode):
        seq = next((v for k, v in root.value if k.value == "processes"), None)
    nodes = list(seq.value) if isinstance(seq, yaml.SequenceNode) else []
    nodes += [None] * (len(data["processes"]) - len(nodes))
    return list(zip(data["processes"], nodes, strict=True))


def _check_entry(item: object, node: yaml.Node | None, where: str, known: set[str]) -> None:
    """Raise unless ``item`` is a process entry that can merge into ``known`` ids."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
        raise ProcessFileError(f"{where}:{_line(node)}: a process needs an 'id' string")
    pid = item["id"]
    for key in item:
        if key not in _FIELDS:
            raise ProcessFileError(
                f"{where}:{_line(node, key)}: process {pid} has unknown field {key!r}; "
                f"use {', '.join(_FIELDS)}"
            )
    if pid not in known and not item.get("parties"):
        raise ProcessFileError(f"{where}:{_line(node)}: new process {pid} needs 'parties'")


def _check_process(process: Process, node: yaml.Node | None, where: str) -> None:
    """Sides and releasers must name the process's own parties and known kinds."""
    for party in process.sides:
        if party not in process.parties:
            raise ProcessFileError(
                f"{where}:{_line(node, 'sides')}: process {process.id} has a side for {party}, "
                f"which is not one of its parties ({', '.join(process.parties)})"
            )
    for kind, party in process.releasers.items():
        if kind not in RELEASE_KINDS:
            raise ProcessFileError(
                f"{where}:{_line(node, 'releasers')}: process {process.id} has release kind "
                f"{kind!r}; use one of {', '.join(RELEASE_KINDS)}"
            )
        if party not in process.parties:
            raise ProcessFileError(
                f"{where}:{_line(node, 'releasers')}: process {process.id} names releaser "
                f"{party}, which is not one of its parties"
            )


def _merge(sources: Iterable[tuple[str, str]]) -> list[Process]:
    merged: dict[str, dict[str, Any]] = {}
    for where, text in sources:
        for item, node in _items(where, text):
            _check_entry(item, node, where, set(merged))
            fields = {"name": item["id"], **merged.get(item["id"], {}), **item}
            try:
                process = Process.model_validate(fields)
            except ValidationError as exc:
                err = exc.errors()[0]
                field = str(err["loc"][0]) if err["loc"] else None
                raise ProcessFileError(
                    f"{where}:{_line(node, field)}: process {item['id']}: "
                    f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
                ) from None
            _check_process(process, node, where)
            merged[item["id"]] = fields
    return [Process.model_validate(f) for f in merged.values()]


def load_processes(paths: Sequence[str | Path] = ()) -> list[Process]:
    """The bundled processes (``data/processes.yaml``) merged with the user's files.

    Raises :class:`ProcessFileError` naming the file and line of the first
    problem; nothing is returned half-merged.
    """
    sources = []
    for name in paths:
        path = Path(name)
        try:
            sources.append((str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ProcessFileError(
                f"{path}: cannot read process file ({exc.__class__.__name__}: {exc})"
            ) from None
    return processes_from_texts(sources)


def processes_from_texts(sources: Sequence[tuple[str, str]]) -> list[Process]:
    """:func:`load_processes` of texts given with the name they came from (a store keeps
    its process files' content, not their paths: see :mod:`truceline.configuration`)."""
    bundled = resources.files("truceline") / "data" / "processes.yaml"
    return _merge([("built-in processes.yaml", bundled.read_text(encoding="utf-8")), *sources])


# ------------------------------------------------------------ sides, dates


def side_of(process: Process, actor: str) -> str | None:
    """The party whose side ``actor`` is on in ``process`` (PIJ -> HAMAS), or None."""
    for party in process.parties:
        if actor in process.sides.get(party, [party]):
            return party
    return None


class Sides:
    """:func:`side_of` in each of an assignment's processes, one lookup each.

    Why: assignment asks the side of every actor of every story event in every
    process (400,000 times for 31,000 story events), and :func:`side_of` walks
    the parties' side lists each time. The first party listing an actor wins,
    as there.
    """

    def __init__(self, processes: Iterable[Process]) -> None:
        self._party: dict[str, dict[str, str]] = {}
        for process in processes:
            party_of: dict[str, str] = {}
            for party in process.parties:
                for actor in process.sides.get(party, [party]):
                    party_of.setdefault(actor, party)
            self._party[process.id] = party_of

    def of(self, process: Process, actor: str) -> str | None:
        """The party whose side ``actor`` is on in ``process``, or None."""
        return self._party[process.id].get(actor)


def party_for_words(words: str | None, gazetteer: Gazetteer | None = None) -> str | None:
    """The actor id the words of a term's ``party`` name ("Hamas", "the Israeli side"), in
    ``gazetteer`` (the store's, :func:`truceline.configuration.store_gazetteer`; None: the
    built-in one)."""
    if not words:
        return None
    gazetteer = gazetteer or load_gazetteer()
    text = words.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return gazetteer.id_for_word(text)


def when(story: StoryEvent) -> dt.date | None:
    """The date a story event is placed at: its own, else its first report's.

    A date known only to the month ("in March") is placed on the first report's
    day when that falls in the month (it had happened by then), else mid-month,
    not on the 1st, which would put it weeks before the reports that tell it.
    """
    day = story.date
    if day is not None and story.date_precision == "month":
        seen = story.first_reported
        if seen is not None and (seen.year, seen.month) == (day.year, day.month):
            return seen
        return day.replace(day=15)
    return day or story.first_reported


def chronological(stories: Iterable[StoryEvent]) -> list[StoryEvent]:
    """Story events oldest first; undated ones last; ties by id (stable output)."""
    return sorted(stories, key=lambda s: (when(s) or dt.date.max, s.id))


# -------------------------------------------------------------- assignment


def involved(story: StoryEvent, gazetteer: Gazetteer | None = None) -> set[str]:
    """Every actor a story event names: actors, targets, mediators, term parties."""
    named = {*story.actor, *story.target, *story.mediators}
    named.update(p for t in story.terms if (p := party_for_words(t.party, gazetteer)))
    return named


def _score(process: Process, actors: set[str], sides: Sides) -> tuple[int, int]:
    """(score, actors on a side): 2 per side actor, 1 per mediator."""
    on_side = sum(1 for a in actors if sides.of(process, a) is not None)
    mediating = sum(1 for a in actors if a in process.mediators and sides.of(process, a) is None)
    return 2 * on_side + mediating, on_side


def fits(process: Process, story: StoryEvent, sides: Sides) -> bool:
    """Whether every actor of the story event belongs in the process.

    An actor fits when it is on a side of the process, mediates it, or is a
    third party (``third_parties``: the UN, the United States ...); one that
    is none of these (Iran in a Sudan story) says the event is another
    conflict's, however many mediators it shares.
    """
    third = load_lexicon().third_parties
    return all(
        sides.of(process, a) is not None or a in process.mediators or a in third
        for a in story.actor
    )


def assign_processes(
    stories: Sequence[StoryEvent],
    processes: Sequence[Process],
    gazetteer: Gazetteer | None = None,
) -> dict[str, str]:
    """Story event id -> process id, by the rules of this module's docstring; names read in
    ``gazetteer`` (None: the built-in one)."""
    placed: dict[str, str] = {}
    pending: list[tuple[StoryEvent, list[Process]]] = []
    one_sided: dict[str, str] = {}  # story id -> the process its scores alone pick
    # What each article tells: the processes of its clearly placed events, and
    # OUTSIDE for its events of conflicts no process covers (Iran and Israel).
    told: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sides = Sides(processes)
    for story in stories:
        actors = involved(story, gazetteer)
        scores = [(_score(p, actors, sides), p) for p in processes if fits(p, story, sides)]
        best = max((score for (score, _), _ in scores), default=0)
        tied = [(on_side, p) for (score, on_side), p in scores if score == best]
        if best > 0 and len(tied) == 1 and tied[0][0] > 0:
            if _one_side_shared(story, tied[0][1], processes, sides):
                one_sided[story.id] = tied[0][1].id
                pending.append((story, [p for _, p in scores]))
                continue
            placed[story.id] = tied[0][1].id
            for article in story.articles:
                told[article][placed[story.id]] += 1
        elif best > 0 or not actors:
            pending.append((story, [p for _, p in tied]))
        elif _outside(story):
            for article in story.articles:
                told[article][OUTSIDE] += 1
    window = dt.timedelta(days=load_lexicon().active_process_days)
    mentions = EvidenceMentions(gazetteer)
    # Each process's placed dates, sorted: activity near a day is two binary
    # searches, not a walk over every date, so a large store is assigned quickly.
    days: dict[str, list[dt.date]] = defaultdict(list)
    for s in stories:
        if (pid := placed.get(s.id)) and (day := when(s)) is not None:
            days[pid].append(day)
    for found in days.values():
        found.sort()
    for story, tied in pending:
        context = _article_context(story, told)
        if context == OUTSIDE:
            continue
        if context is not None and any(
            p.id == context and fits(p, story, sides) for p in processes
        ):
            placed[story.id] = context
            continue
        if story.id in one_sided:
            placed[story.id] = one_sided[story.id]
            continue
        named = _named_in_words(story, tied, mentions, sides)
        if len(named) == 1:
            placed[story.id] = named[0].id
            continue
        candidates = named or tied
        day = when(story)
        activity = {p.id: _near_count(days.get(p.id, []), day, window) for p in candidates}
        top = max(activity.values(), default=0)
        winners = [pid for pid, n in activity.items() if n == top]
        if top > 0 and len(winners) == 1:
            placed[story.id] = winners[0]
    return {s.id: placed[s.id] for s in stories if s.id in placed}


OUTSIDE = "\x00outside"


def _one_side_shared(
    story: StoryEvent, process: Process, processes: Sequence[Process], sides: Sides
) -> bool:
    """Whether the story names one side of ``process`` only, an actor of other processes too.

    Israel with the United States fits the Gaza talks by its scores, and the
    Lebanon talks, and a war with Iran no process covers: such an event is
    filed by its articles first (:func:`_article_context`).
    """
    actors = [a for a in story.actor if sides.of(process, a) is not None]
    if len({sides.of(process, a) for a in actors}) != 1:
        return False
    return any(
        other.id != process.id and any(sides.of(other, a) is not None for a in actors)
        for other in processes
    )


def _outside(story: StoryEvent) -> bool:
    """Whether the story names an actor that is no third party: another conflict's event."""
    third = load_lexicon().third_parties
    return any(a not in third for a in story.actor)


def _article_context(story: StoryEvent, told: dict[int, dict[str, int]]) -> str | None:
    """The process (or OUTSIDE) the story's own articles tell most, when one leads.

    An event that names too few actors to say its process ("Israel warned
    residents", "the ministers will meet on Thursday") belongs to the conflict
    its article reports: a Lebanon article's warning is Lebanon's, a Sudan
    article's US proposal is Sudan's, and the meeting in an article about a
    conflict no process covers is that conflict's, filed under none.
    """
    counts: dict[str, int] = defaultdict(int)
    for article in story.articles:
        for pid, n in told.get(article, {}).items():
            counts[pid] += n
    if not counts:
        return None
    top = max(counts.values())
    leaders = [pid for pid, n in counts.items() if n == top]
    return leaders[0] if len(leaders) == 1 else None


def _named_in_words(
    story: StoryEvent, candidates: Sequence[Process], mentions: EvidenceMentions, sides: Sides
) -> list[Process]:
    """The candidate processes whose sides the story's evidence words name most.

    "Washington proposed a truce" fits every process the United States
    mediates; "... which Putin accepted" in the same evidence says which.
    None when the words name no side of any.
    """
    if not candidates or not story.evidence:
        return []
    named = mentions.of(story.evidence)
    counts = [(sum(1 for a in named if sides.of(p, a) is not None), p) for p in candidates]
    top = max(n for n, _ in counts)
    return [p for n, p in counts if n == top] if top else []


def mentioned_actors(text: str, gazetteer: Gazetteer | None = None) -> set[str]:
    """The actors a text names by name, alias, demonym or person (``gazetteer``; None: the
    built-in one)."""
    pattern, names = (gazetteer or load_gazetteer()).names_pattern
    return {names[m.group(0).lower()] for m in pattern.finditer(text)}


class EvidenceMentions:
    """:func:`mentioned_actors` of a story event's evidence joined by spaces, each distinct
    sentence read once.

    Why: a large story event's evidence holds one wire sentence many times, and
    reading the joined text name by name was most of an assignment. The names of
    the joined text are those of its sentences, one by one, unless a name runs
    across the space that joins two of them ("... in Gaza" + "Strip ..."): such a
    join is looked for where it can happen (the last ``longest`` letters before
    it), and where one is found, the joined text is read whole, as before.
    Keep one for an assignment, not longer: it holds every sentence it has read.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.pattern, self.names = (gazetteer or load_gazetteer()).names_pattern
        self.longest = max(map(len, self.names), default=0)
        self._in: dict[str, set[str]] = {}  # sentence -> the actors it names
        self._across: dict[tuple[str, int], bool] = {}  # (text about a join, join) -> named across

    def of(self, evidence: Sequence[str]) -> set[str]:
        """The actors ``" ".join(evidence)`` names (:func:`mentioned_actors`)."""
        text = " ".join(evidence)
        join = -1
        for sentence in evidence[:-1]:
            join += len(sentence) + 1
            if self._named_across(text, join):
                return self._read(text)
        found: set[str] = set()
        for sentence in dict.fromkeys(evidence):
            if sentence not in self._in:
                self._in[sentence] = self._read(sentence)
            found |= self._in[sentence]
        return found

    def _read(self, text: str) -> set[str]:
        return {self.names[m.group(0).lower()] for m in self.pattern.finditer(text)}

    def _named_across(self, text: str, join: int) -> bool:
        """Whether a name matched at the ``join`` (a space) or up to ``longest`` letters
        before it runs past it: a match reads at most ``longest`` letters and one on
        either side (the word boundaries), all inside the window looked at."""
        start = max(0, join - self.longest - 1)
        key = (text[start : join + self.longest + 2], join - start)
        if key not in self._across:
            window, at = key
            self._across[key] = any(
                (m := self.pattern.match(window, p)) is not None and m.end() > at
                for p in range(max(0, at - self.longest), at + 1)
            )
        return self._across[key]


def _near_count(days: list[dt.date], day: dt.date | None, window: dt.timedelta) -> int:
    """How many of the sorted ``days`` lie within ``window`` of ``day``."""
    if day is None:
        return 0
    return bisect.bisect_right(days, day + window) - bisect.bisect_left(days, day - window)


def group_unassigned(
    stories: Sequence[StoryEvent], placed: dict[str, str], processes: Sequence[Process]
) -> list[Process]:
    """Processes for the story events no configured process claims, grouped by actors.

    Story events of several actors are taken first, oldest first, then those
    of one; one joins the group it shares the most actors with (third parties aside), when it shares all its actors or
    at least two; else it starts a group. A single shared actor does not tie
    two conflicts (Iran in the Yemen talks and in the Israel-Iran truce), and
    targets do not count (a Houthi strike on Israel does not make Israel a
    party of the Yemen talks). Each group is a process named ``other:`` + its
    actor ids (``other:ARM-AZE``) with those actors as parties, so that an
    analyst sees the deals and releases of conflicts nobody configured (and
    can add one). Story events naming only third parties stay unassigned.
    """
    third = load_lexicon().third_parties
    groups: list[set[str]] = []
    member: dict[str, int] = {}
    outside = [s for s in stories if s.id not in placed]
    # Events of several actors first: they found the groups one actor's events join.
    for story in sorted(outside, key=lambda s: len({*s.actor} - third) < 2):
        actors = {a for a in story.actor if a not in third}
        if not actors:
            continue
        overlap = [(len(actors & g), -n) for n, g in enumerate(groups)]
        best = max(overlap, default=(0, 0))
        if best[0] and best[0] >= min(2, len(actors)):
            groups[-best[1]] |= actors
            member[story.id] = -best[1]
        else:
            groups.append(set(actors))
            member[story.id] = len(groups) - 1
    known = {p.id for p in processes}
    found: dict[str, Process] = {}
    for sid, n in member.items():
        parties = sorted(groups[n])
        pid = "other:" + "-".join(parties)
        if pid in known:
            continue
        found.setdefault(pid, Process(id=pid, name=f"Other: {', '.join(parties)}", parties=parties))
        placed[sid] = pid
    return [found[k] for k in sorted(found)]
