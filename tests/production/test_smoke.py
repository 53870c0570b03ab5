"""The production stack serves readers, takes a shared practice, and publishes it through the moderators."""

import re
import secrets

from tests.production.conftest import approve, draft_of, kyrgyz_word, share, wait_for


def test_key_pages_answer_in_three_languages_over_https(stack):
    for language in ("ky", "ru", "en"):
        for path in (f"/{language}/", f"/{language}/practices/", f"/{language}/share/"):
            response = stack.get(path)
            assert response.status_code == 200, path
            assert f'lang="{language}"' in response.text, path
    home = stack.get("/ky/")
    assert "max-age=31536000" in home.headers["Strict-Transport-Security"]
    assert "script-src 'self'" in home.headers["Content-Security-Policy"]
    assert home.headers["X-Frame-Options"] == "DENY"


def test_static_files_come_hashed_and_compressed_from_whitenoise(stack):
    home = stack.get("/ky/").text
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', home).group(1)
    response = stack.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]


def test_the_page_cache_serves_anonymous_readers(stack):
    stack.get("/ru/practices/")
    assert stack.get("/ru/practices/").headers.get("X-Page-Cache") == "hit"


def test_a_shared_practice_reaches_the_moderator_and_once_approved_is_found_by_search(stack, mailbox, moderator):
    word = kyrgyz_word()
    title = f"Айыл аймагында {word} долбоору"
    email = f"sender-{secrets.token_hex(4)}@example.kg"
    listing = "/ky/practices/"
    stack.get(listing)
    assert stack.get(listing).headers.get("X-Page-Cache") == "hit"

    received, elapsed = share(stack, stack.new_sender(), title, f"Тургундар {word} курушту. Ңөү тамгалары.", email)
    assert "LSG-" in received.text
    page_id, in_moderation = wait_for(
        lambda: (draft := draft_of(stack, title)) and draft[1] and draft, 120, what="the draft entering moderation",
        detail=stack.diagnosis,
    )
    receipt = wait_for(lambda: mailbox.to(email), 120, what="the sender's receipt", detail=stack.diagnosis)
    assert title in receipt[0].get_body(("plain",)).get_content()
    wait_for(lambda: mailbox.to(moderator.username + "@example.kg"), 120, what="the moderators' notice",
             detail=stack.diagnosis)
    assert stack.get(f"/ky/search/?q={word}").text.count(title) == 0

    approve(stack, moderator, page_id)
    # Publishing purged the cached list: the next reader sees the practice at once.
    fresh = stack.get(listing)
    assert fresh.headers.get("X-Page-Cache") == "miss"
    assert title in fresh.text
    found = wait_for(lambda: title in stack.get(f"/ky/search/?q={word}").text, 120,
                     what="the search index showing the approved practice", detail=stack.diagnosis)
    assert found
    wait_for(lambda: stack.index_count("elasticsearch")["ok"], 60, what="the index matching the live pages")
    practice_page = re.search(rf'<a href="([^"]+)">{re.escape(title)}</a>', fresh.text).group(1)
    page = stack.get(practice_page)
    assert page.status_code == 200
    # The proxy serves the published photo from disk, but never the sender's original upload.
    photo = re.search(r'src="(/media/images/[^"]+)"', page.text)
    assert photo, "the published practice shows no photo"
    served = stack.get(photo.group(1))
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/jpeg"
    [[original]] = stack.query(
        "SELECT f.file FROM submissions_submissionfile f JOIN submissions_practicesubmission s "
        "ON f.submission_id = s.id WHERE s.title = %s", title,
    )
    assert (stack.dir / "media" / original).is_file()
    assert stack.get(f"/media/{original}").status_code == 404
    print(f"share answered in {elapsed:.2f} s")


def test_healthz_reports_every_part_ok(stack):
    status, report = stack.health()
    assert status == 200
    assert report["status"] == "ok", report
    assert report["checks"]["database"]["vendor"] == "postgresql"
    assert report["checks"]["tasks"]["backend"] == "DatabaseBackend"
    engines = {index["engine"]: index for index in report["checks"]["search"]["indexes"]}
    assert engines["elasticsearch"]["documents"] == engines["elasticsearch"]["live_pages"] > 0
