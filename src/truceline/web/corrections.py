"""Corrections over the web: the REST endpoints behind the token and the story page's form.

``GET /api/corrections`` lists every correction with its status (applied,
orphaned, undone), as ``truceline correct list --json``. ``POST
/api/corrections`` makes one and ``POST /api/corrections/{n}/undo`` undoes
one; both need the write token (:mod:`.auth`), rebuild the record under the
write lock and answer the correction as JSON. The dashboard's form on a story
page posts to ``/stories/{id}/corrections`` with the token typed in a
password field (a browser form cannot send a header), so the same check
guards both; it answers with a redirect back to the story event.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from truceline import api, corrections
from truceline.corrections import CorrectionError
from truceline.record import Correction
from truceline.store import Filters
from truceline.web.auth import require_token, token_matches
from truceline.web.limits import read_body, read_valid_body
from truceline.web.state import WebState, web_state

rest = APIRouter(prefix="/api", tags=["corrections"])
form = APIRouter(include_in_schema=False)


class ChangesIn(BaseModel):
    """What an ``event`` correction sets, as a person would type it."""

    type: str | None = None
    actors: list[str] | None = None
    targets: list[str] | None = None
    modality: str | None = None
    date: dt.date | None = None
    process: str | None = None


class CorrectionIn(BaseModel):
    """One correction: ``event`` and ``wrong`` name an event (a reported event number or a
    story id), ``merge`` its ``stories``, ``split`` its ``story`` and ``report``."""

    kind: Literal["event", "wrong", "merge", "split"]
    by: str = Field(min_length=1, description="Who makes it (shown with it).")
    note: str | None = None
    event: str | None = None
    stories: list[str] = Field(default_factory=list)
    story: str | None = None
    report: int | None = None
    changes: ChangesIn | None = None


class ListedOut(BaseModel):
    """A correction and its status against the current events."""

    correction: Correction
    status: str
    missing: list[dict[str, Any]] = Field(default_factory=list)


def _make(state: WebState, given: CorrectionIn) -> Correction:
    """Make the correction and rebuild, under the write lock; a CorrectionError is a 422."""
    store = state.store
    try:
        with state.write_lock:
            made = _made(store, given)
            api.rebuild(store)
    except CorrectionError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return made


def _made(store: Any, given: CorrectionIn) -> Correction:
    if given.kind in ("event", "wrong") and not given.event:
        raise CorrectionError(f"a {given.kind} correction needs 'event'")
    if given.kind == "event":
        c = given.changes or ChangesIn()
        changes = corrections.parse_changes(
            type=c.type,
            actors=c.actors,
            targets=c.targets,
            modality=c.modality,
            date=c.date,
            process=c.process,
        )
        return corrections.correct_event(
            store, str(given.event), changes, author=given.by, note=given.note
        )
    if given.kind == "wrong":
        return corrections.mark_wrong(store, str(given.event), author=given.by, note=given.note)
    if given.kind == "merge":
        return corrections.merge_stories(store, given.stories, author=given.by, note=given.note)
    if not given.story or given.report is None:
        raise CorrectionError("a split needs 'story' and 'report'")
    return corrections.split_story(
        store, given.story, given.report, author=given.by, note=given.note
    )


@rest.get("/corrections", response_model=list[ListedOut])
def listed(state: Annotated[WebState, Depends(web_state)]) -> list[ListedOut]:
    """Every correction, undone ones too, with its status."""
    return [
        ListedOut(
            correction=item.correction,
            status=item.status,
            missing=[k.model_dump(mode="json") for k in item.missing],
        )
        for item in corrections.listed(state.store)
    ]


async def posted_correction(request: Request) -> CorrectionIn:
    """The body, read only once the token has passed (as ``POST /api/articles``)."""
    limit = web_state(request).max_body_bytes
    return await read_valid_body(request, limit, CorrectionIn.model_validate_json)


@rest.post(
    "/corrections",
    response_model=Correction,
    dependencies=[Depends(require_token)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CorrectionIn.model_json_schema()}},
        }
    },
)
def correct(
    state: Annotated[WebState, Depends(web_state)],
    body: Annotated[CorrectionIn, Depends(posted_correction)],
) -> Correction:
    """Make a correction (as ``truceline correct``) and rebuild the record."""
    return _make(state, body)


@rest.post(
    "/corrections/{number}/undo", response_model=Correction, dependencies=[Depends(require_token)]
)
def undo(state: Annotated[WebState, Depends(web_state)], number: int) -> Correction:
    """Take a correction out of force (it stays listed, undone) and rebuild the record."""
    try:
        with state.write_lock:
            done = corrections.undo(state.store, number)
            api.rebuild(state.store)
    except CorrectionError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    return done


def _field(fields: dict[str, list[str]], name: str) -> str | None:
    value = (fields.get(name) or [""])[0].strip()
    return value or None


@form.post("/stories/{story_id}/corrections")
async def story_form(request: Request, story_id: str) -> RedirectResponse:
    """The story page's form: correct the story event's reports, or mark them wrong."""
    state = web_state(request)
    body = await read_body(request, state.max_body_bytes)
    fields = parse_qs(body.decode("utf-8", errors="replace"))
    if not token_matches(request, _field(fields, "token") or ""):
        raise HTTPException(status_code=401, detail="the write token is needed to correct")
    kind = "wrong" if _field(fields, "wrong") else "event"
    given = CorrectionIn(
        kind=kind,
        by=_field(fields, "by") or "",
        note=_field(fields, "note"),
        event=story_id,
        changes=ChangesIn(
            type=_field(fields, "type"),
            actors=[a] if (a := _field(fields, "actors")) else None,
            modality=_field(fields, "modality"),
            date=_field(fields, "date"),  # type: ignore[arg-type]
            process=_field(fields, "process"),
        )
        if kind == "event"
        else None,
    )
    made = _make(state, given)
    # The story id may change with its type (ids are made from type and reports).
    story = _story_after(state, made)
    where = f"/stories/{quote(story, safe='')}" if story else "/timeline"
    return RedirectResponse(where, status_code=303)


def _story_after(state: WebState, made: Correction) -> str | None:
    """The story event the corrected reports now make (its id follows its type); None for
    reports marked wrong, which make none."""
    if made.kind == "wrong":
        return None
    new_type = made.changes.type if made.changes else None
    if new_type is None:
        return made.story
    for story in state.store.story_events(Filters(type=new_type)):
        if any(n.id == made.id for n in story.corrections):
            return story.id
    return None
