"""The extraction pipeline: spaCy's English model plus truceline's components.

``Extractor`` is the one entry point: ``extract(article)`` for one report,
``extract_many(articles, jobs=N)`` for a corpus, the latter running spaCy in
``N`` worker processes, each with its own model, returning records in input
order. An article the relevance screen (:mod:`truceline.extract.screen`) finds
about no negotiation is a :class:`ScreenedOut` in its place, never parsed
(``screen=False`` parses every article). An article that fails is an
:class:`ExtractionFailure` in its place,
never the end of its batch; one longer than a section is extracted in
sections (:mod:`truceline.extract.sections`) and a :class:`Notice` says so.
Components are registered spaCy factories that each add one layer of
annotation to the ``Doc``:

``truceline_line_breaks`` sentence starts at line breaks (before the parser)
``truceline_actors``      parties, people, framing variants, outlets
``truceline_terms``       what is on the table (numbers, durations, phases)
``truceline_attribution`` reporting frames (who says so)
``truceline_events``      triggers and their arguments

Each component receives its lexicon from its factory (``data/*.yaml``). The
annotated ``Doc`` then goes to ``record.build_record``, which settles each
event (``mediators``, ``releasers``, ``claims``, ``term_assignment``,
``evidence``) with the :class:`~truceline.extract.record.RecordRules` the
extractor read once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from truceline.data import load
from truceline.data.files import LexiconFile
from truceline.data.gazetteer import load_gazetteer

# Importing the component modules registers their spaCy factories.
from truceline.extract import actors as _actors  # noqa: F401
from truceline.extract import attribution as _attribution  # noqa: F401
from truceline.extract import events as _events  # noqa: F401
from truceline.extract import sections
from truceline.extract import terms as _terms  # noqa: F401
from truceline.extract.failure import ExtractionFailure
from truceline.extract.nlp import installed_model
from truceline.extract.record import RecordRules, build_record
from truceline.extract.screen import RelevanceScreen
from truceline.extract.screened import ScreenedOut
from truceline.ingest.problems import Notice
from truceline.record import Article, ExtractionRecord

Extracted = ExtractionRecord | ExtractionFailure | ScreenedOut | Notice
"""What extracting a corpus yields: per article a record, a failure or its screening out,
notes before it."""


@Language.component("truceline_line_breaks")
def break_sentences_at_lines(doc: Doc) -> Doc:
    """Start a sentence at every line, and keep a line's first sentence whole.

    Headlines, captions and datelines carry no final full stop; without this
    the parser runs a headline into the body. Marking only the line start is
    not enough: the small model then splits the next few words off as
    fragments ("Israel | and Hamas reached ..."), so until the first full
    stop of a line no other token may start a sentence.
    """
    # Decided on plain lists and written back in one array: setting
    # ``is_sent_start`` token by token costs more than the rest of the work.
    texts = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    dateline_end = _dateline_ends(texts, spaces)
    starts = numpy.zeros(len(texts), dtype="int32")  # 1 starts, -1 does not, 0 undecided
    at_line_start = True
    sealed = True
    for i, text in enumerate(texts):
        if i in dateline_end:
            starts[i] = 1
            continue
        if text.isspace():
            if i > 0:
                starts[i] = -1
            if "\n" in text:
                at_line_start = True
            continue
        if at_line_start:
            starts[i] = 1
            at_line_start, sealed = False, True
        elif sealed:
            starts[i] = -1
        if text in (".", "!", "?", "...", "…"):
            sealed = False
        if "\n" in spaces[i]:
            at_line_start = True
    if len(texts):
        starts[0] = 1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


_DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def _dateline_ends(texts: list[str], spaces: list[str]) -> set[int]:
    """Token indices that follow a dateline ("DOHA, Jan 8 (Reuters) -", "KYIV —").

    A dateline is a line opening in capitals and closed by a dash within a few
    tokens; the report proper starts after the dash, so it starts a sentence
    and the place is not read as the subject of the first sentence.
    """
    starts: set[int] = set()
    line_start = True
    for i, text in enumerate(texts):
        if text.isspace():
            line_start = line_start or "\n" in text
            continue
        if line_start and text.isupper() and text.isalpha() and len(text) > 1:
            for j in range(i + 1, min(i + 12, len(texts))):
                if "\n" in texts[j]:
                    break
                if texts[j] in _DATELINE_DASHES and j + 1 < len(texts):
                    starts.add(j + 1)
                    break
        line_start = "\n" in spaces[i]
    return starts


def keep_words_whole(nlp: Language) -> None:
    """Tokenizer exceptions for the hyphenated words of ``lexicon.yaml``'s ``whole_words``."""
    for word in load(LexiconFile).whole_words:
        for form in {word, word.capitalize(), word + "s", word.capitalize() + "s"}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _verb_forms(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    return {verb, verb + "s", stem + "ed", stem + "ing"}


def keep_shared_verbs_whole(nlp: Language) -> None:
    """ "Co-chaired", "co-hosted": one word, read as the verb ``lexicon.yaml``'s ``shared_verbs`` name.

    The lemma is set before the lemmatizer runs, which keeps a lemma it finds.
    """
    patterns = []
    for verb in load(LexiconFile).shared_verbs:
        for form in (f"co-{f}" for f in _verb_forms(verb)):
            for cased in {form, form.capitalize()}:
                nlp.tokenizer.add_special_case(cased, [{ORTH: cased}])
            patterns.append({"patterns": [[{"LOWER": form}]], "attrs": {"LEMMA": verb}})
    nlp.get_pipe("attribute_ruler").add_patterns(patterns)


def split_after_abbreviations(nlp: Language) -> None:
    """Split "U.S.-brokered" as "US-brokered" is split: the hyphen after an abbreviation.

    spaCy splits a hyphen only between letters, so the period of "U.S." kept
    "U.S.-mediated" one word and hid the mediator.
    """
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_nlp(gazetteer_paths: Sequence[str] = ()) -> Language:
    """A fresh pipeline: the English model followed by truceline's components."""
    nlp = spacy.load(installed_model())
    keep_words_whole(nlp)
    keep_shared_verbs_whole(nlp)
    split_after_abbreviations(nlp)
    nlp.add_pipe("truceline_line_breaks", before="parser")
    nlp.add_pipe("truceline_actors", config={"gazetteer_paths": list(gazetteer_paths)})
    nlp.add_pipe("truceline_terms")
    nlp.add_pipe("truceline_attribution")
    nlp.add_pipe("truceline_events")
    return nlp


class Extractor:
    """Turns articles into extraction records."""

    def __init__(
        self, gazetteer_paths: Sequence[str] = (), *, include_text: bool = True, screen: bool = True
    ) -> None:
        self.gazetteer_paths = tuple(str(p) for p in gazetteer_paths)
        self.gazetteer = load_gazetteer(self.gazetteer_paths)
        self.include_text = include_text
        # The screen reads the same gazetteer, extra files included: a party added is seen by both.
        self.screen = RelevanceScreen.bundled(self.gazetteer) if screen else None
        self.nlp = build_nlp(self.gazetteer_paths)
        self.rules = RecordRules.bundled()

    def record(self, doc: Doc, article: Article) -> ExtractionRecord:
        return build_record(
            doc,
            article,
            doc._.event_mentions or [],
            doc._.frames or [],
            doc._.term_mentions or [],
            self.gazetteer,
            self.rules,
            include_text=self.include_text,
        )

    def extract(self, article: Article) -> ExtractionRecord:
        """The record of one article (in sections if it is long); errors are raised."""
        return self._sectioned(article, sections.split_sections(article.text, self.section_bound()))

    def section_bound(self) -> int:
        """Characters of one section: the configured size, and never over spaCy's limit."""
        return min(sections.SECTION_CHARS, self.nlp.max_length)

    def _sectioned(self, article: Article, spans: list[sections.Section]) -> ExtractionRecord:
        """The record of an article, its sections parsed one at a time.

        Never batched: memory then holds one section's ``Doc``, not all of them.
        """
        if len(spans) == 1:
            return self.record(self.nlp(article.text), article)
        parts = []
        for span in spans:
            part = sections.section_article(article, span)
            parts.append((span, self.record(self.nlp(part.text), part)))
        return sections.join_records(article, parts, include_text=self.include_text)

    def _extract_batch(self, articles: list[Article]) -> list[Extracted]:
        bound = self.section_bound()
        screen = self.screen
        dropped = [None if screen is None else screen.reason_to_drop(a) for a in articles]
        plans = [
            sections.split_sections(a.text, bound) if reason is None else []  # dropped: not parsed
            for a, reason in zip(articles, dropped, strict=True)
        ]
        docs = self._docs(
            [a.text for a, spans in zip(articles, plans, strict=True) if len(spans) == 1]
        )
        out: list[Extracted] = []
        for article, spans, reason in zip(articles, plans, dropped, strict=True):
            if reason is not None:
                out.append(ScreenedOut.of(article, reason))
                continue
            try:
                if len(spans) > 1:
                    record = self._sectioned(article, spans)
                elif isinstance(doc := next(docs), Exception):
                    raise doc
                else:
                    record = self.record(doc, article)
            except Exception as exc:  # one bad article must not stop a corpus
                message = " ".join(f"{type(exc).__name__}: {exc}".split())
                out.append(ExtractionFailure(article.id, article.origin, message))
                continue
            if len(spans) > 1:
                where = article.origin or article.id
                out.append(Notice(where, None, sections.sections_note(article, len(spans), bound)))
            out.append(record)
        return out

    def _docs(self, texts: list[str]) -> Iterator[Doc | Exception]:
        """A ``Doc`` per text in order, or the exception that text raised.

        ``nlp.pipe`` is fast but an error inside it ends it, and the text that
        raised cannot be told from the others of its batch: from there on the
        texts are parsed one by one, each on its own.
        """
        done = 0
        try:
            for doc in self.nlp.pipe(texts, batch_size=32):
                done += 1
                yield doc
            return
        except Exception:
            pass  # the texts left are parsed one by one below
        for text in texts[done:]:
            try:
                yield self.nlp(text)
            except Exception as exc:
                yield exc

    def extract_many(
        self, articles: Iterable[Article], *, jobs: int = 1, chunk: int = 64
    ) -> Iterator[Extracted]:
        """Records in input order; with ``jobs > 1`` spaCy runs in that many processes."""
        batches = _batched(articles, chunk)
        if jobs <= 1:
            for batch in batches:
                yield from self._extract_batch(batch)
            return
        with ProcessPoolExecutor(
            max_workers=jobs,
            initializer=_init_worker,
            initargs=(self.gazetteer_paths, self.include_text, self.screen is not None),
        ) as pool:
            pending = []
            for batch in batches:
                pending.append(pool.submit(_work, batch))
                while len(pending) > jobs * 2:
                    yield from pending.pop(0).result()
            for future in pending:
                yield from future.result()


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


_worker: Extractor | None = None


def _init_worker(gazetteer_paths: tuple[str, ...], include_text: bool, screen: bool) -> None:
    global _worker
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _worker = Extractor(gazetteer_paths, include_text=include_text, screen=screen)


def _work(batch: list[Article]) -> list[Extracted]:
    assert _worker is not None, "worker not initialised"
    return _worker._extract_batch(batch)
