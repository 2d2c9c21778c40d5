"""Corrections over the web: the REST API behind the token, and the story page's form."""

from __future__ import annotations

from .conftest import TOKEN


def post(client, body, token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/api/corrections", json=body, headers=headers)


def wrong(story: str) -> dict:
    return {"kind": "wrong", "event": story, "by": "ana", "note": "not a release"}


def test_a_correction_without_the_token_is_refused_and_changes_nothing(writable, ids):
    client, store = writable
    assert post(client, wrong(ids["release"]), token=None).status_code == 401
    assert post(client, wrong(ids["release"]), token="guess").status_code == 401
    assert store.corrections() == []
    assert client.get(f"/api/stories/{ids['release']}").status_code == 200


def test_a_read_only_server_refuses_corrections(client, ids):
    response = post(client, wrong(ids["release"]))
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_a_correction_with_the_token_is_made_listed_and_applied(writable, ids):
    client, _ = writable
    response = post(client, wrong(ids["release"]))
    assert response.status_code == 200, response.text
    made = response.json()
    assert (made["kind"], made["author"], made["note"]) == ("wrong", "ana", "not a release")
    gone = client.get(f"/api/stories/{ids['release']}").json()  # says what became of it
    assert gone["story_event"] is None and gone["reports"]
    assert all(r["corrections"][0]["kind"] == "wrong" for r in gone["reports"])
    (listed,) = client.get("/api/corrections").json()
    assert (listed["correction"]["id"], listed["status"]) == (made["id"], "applied")
    undone = client.post(
        f"/api/corrections/{made['id']}/undo", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert client.get(f"/api/stories/{ids['release']}").status_code == 200


def test_an_event_correction_shows_its_author_in_the_story(writable, ids):
    client, _ = writable
    body = {
        "kind": "event",
        "event": ids["release"],
        "by": "ana",
        "changes": {"modality": "future", "date": "2025-02-03"},
    }
    assert post(client, body).status_code == 200
    story = client.get(f"/api/stories/{ids['release']}").json()["story_event"]
    assert (story["modality"], story["date"]) == ("future", "2025-02-03")
    assert story["corrections"][0]["author"] == "ana"
    page = client.get(f"/stories/{ids['release']}").text
    assert "corrected by ana on " in page


def test_a_bad_correction_is_a_422_naming_the_problem(writable, ids):
    client, store = writable
    body = {"kind": "event", "event": ids["release"], "by": "ana", "changes": {"actors": ["HAMSA"]}}
    response = post(client, body)
    assert response.status_code == 422
    assert "did you mean HAMAS" in response.json()["detail"]
    assert post(client, {"kind": "split", "story": ids["release"], "by": "ana"}).status_code == 422
    assert post(client, {"kind": "guess", "by": "ana"}).status_code == 422
    assert store.corrections() == []


def test_the_story_page_has_a_form_that_corrects_with_the_token(writable, ids):
    client, store = writable
    page = client.get(f"/stories/{ids['release']}").text
    assert f'action="/stories/{ids["release"]}/corrections"' in page
    form = {"modality": "possible", "by": "bo", "note": "only talked of", "token": "guess"}
    refused = client.post(f"/stories/{ids['release']}/corrections", data=form)
    assert refused.status_code == 401 and store.corrections() == []
    form["token"] = TOKEN
    done = client.post(f"/stories/{ids['release']}/corrections", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/stories/{ids['release']}"
    page = client.get(done.headers["location"]).text
    assert "corrected by bo on " in page and "only talked of" in page


def test_a_story_marked_wrong_is_said_so_by_its_page_and_its_reports(writable, ids):
    client, _ = writable
    assert post(client, wrong(ids["release"])).status_code == 200
    page = client.get(f"/stories/{ids['release']}")
    assert page.status_code == 200
    assert "is in the record no more" in page.text
    assert "marked wrong by ana on " in page.text and "not a release" in page.text
    report = client.get(f"/api/stories/{ids['release']}").json()["reports"][0]["reported"]["id"]
    event = client.get(f"/api/events/{report}").json()
    assert [(n["kind"], n["author"], n["note"]) for n in event["corrections"]] == [
        ("wrong", "ana", "not a release")
    ]
    assert client.get("/stories/release-999999").status_code == 404  # never was: still unknown


def test_a_story_whose_type_was_corrected_is_found_by_its_old_id(writable, ids):
    client, _ = writable
    old = ids["release"]
    body = {"kind": "event", "event": old, "by": "ana", "changes": {"type": "MEET"}}
    assert post(client, body).status_code == 200
    shown = client.get(f"/api/stories/{old}").json()
    new = shown["story_event"]["id"]
    assert new.startswith("meet-") and new.split("-")[1] == old.split("-")[1]
    assert shown["id"] == old and shown["renamed_by"][0]["author"] == "ana"
    page = client.get(f"/stories/{old}").text
    assert f"{old} is now <code>{new}</code>" in page
