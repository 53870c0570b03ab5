"""A case's language versions in the admin: a new Kyrgyz practice never goes live as Russian or
English, and "Translate" gives an editable draft that goes through moderation."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from practices.models import Oblast, PracticePage, ServiceType
from tests.moderation.conftest import add_url, edit_url, form_data
from tests.moderation.test_forms import set_location
from tests.moderation.test_workflows import act

pytestmark = pytest.mark.django_db

# From the Katran case (seeds/004): ө and ү are letters only Kyrgyz has.
TITLE = "Катран айыл аймагында мектепке чейинки билим берүү"
SUMMARY = "Айылда 1000ден ашык бала жашайт; жыл сайын 200дөн ашык бала мектепке даярдыксыз барчу."
KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "content", "placeholder", "value")


class LanguageOfText(HTMLParser):
    """Every piece of text a reader or a screen reader meets, with the language its element declares."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.pieces = []

    def _lang(self):
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang", self._lang())
        for name in SHOWN_ATTRIBUTES:
            if attrs.get(name) and not (tag == "input" and attrs.get("type") == "hidden"):
                self.pieces.append((lang, attrs[name]))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if data.strip() and self.stack and self.stack[-1][0] not in ("script", "style"):
            self.pieces.append((self._lang(), data.strip()))


def pieces_of_text(html):
    parser = LanguageOfText()
    parser.feed(html)
    return parser.pieces


def kyrgyz_text_not_marked_ky(html):
    return [
        (lang, text)
        for lang, text in pieces_of_text(html)
        if lang != "ky" and (KYRGYZ_LETTERS.search(text) or TITLE in text or SUMMARY[:40] in text)
    ]


def create_and_submit(client, index, slug="katran-preschool"):
    data = form_data(client, add_url(index))
    data["title"] = TITLE
    data["slug"] = slug
    data["summary"] = SUMMARY
    data.setlist("service_types", [str(ServiceType.objects.get(slug="preschool-education").pk)])
    set_location(data, "katran")
    data["action-submit"] = "action-submit"
    response = client.post(add_url(index), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return PracticePage.objects.get(title=TITLE, locale=index.locale)


@pytest.fixture
def published_in_kyrgyz(login, editor, moderator, indexes, django_capture_on_commit_callbacks):
    """A practice an editor wrote in Kyrgyz in the admin and a moderator approved, indexed for search."""
    with django_capture_on_commit_callbacks(execute=True):
        page = create_and_submit(login(editor), indexes["ky"])
        page = act(login(moderator), page, "approve")
    assert page.live
    return page


def test_a_new_kyrgyz_practice_gets_no_copies_in_other_languages(login, editor, indexes):
    page = create_and_submit(login(editor), indexes["ky"])
    assert list(PracticePage.objects.filter(translation_key=page.translation_key)) == [page]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_publishing_a_kyrgyz_practice_puts_no_kyrgyz_text_on_pages_in_another_language(
    client, published_in_kyrgyz, language
):
    client.logout()
    prefix = f"/{language}/practices/"
    pages = {
        "list": client.get(prefix),
        "oblast": client.get(f"{prefix}oblast/batken/"),
        "municipality": client.get(f"{prefix}municipality/katran/"),
        "service": client.get(f"{prefix}service/preschool-education/"),
        "search": client.get(f"/{language}/search/", {"q": "Катран"}),
        "practice": client.get(f"{prefix}{published_in_kyrgyz.slug}/"),
    }
    for name, response in pages.items():
        assert response.status_code == (404 if name == "practice" else 200), name
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, name
        assert kyrgyz_text_not_marked_ky(html) == [], name
    # The lists and the search show the case once, as the Kyrgyz page, marked as such; the
    # card around its words speaks the reader's language.
    with translation.override(language):
        place = Oblast.objects.get(slug="batken").name
        service = ServiceType.objects.get(slug="preschool-education").name
    for name in ("list", "oblast", "municipality", "service"):
        assert [p.pk for p in pages[name].context["practices"]] == [published_in_kyrgyz.pk], name
        html = pages[name].content.decode()
        assert 'class="tag tag-language"' in html
        pieces = pieces_of_text(html)
        assert ("ky", TITLE) in pieces and ("ky", SUMMARY) in pieces and ("ky", "Кыргызча") in pieces
        assert {lang for lang, text in pieces if text == service} == {language}, name
        assert {lang for lang, text in pieces if place in text} == {language}, name
    assert [page.pk for page, _ in pages["search"].context["found"]] == [published_in_kyrgyz.pk]
    assert f'<h3 class="card-title" lang="ky"><a href="/ky/practices/{published_in_kyrgyz.slug}/"' in (
        pages["search"].content.decode()
    )


def test_the_kyrgyz_practice_reads_as_kyrgyz_at_its_own_address(client, published_in_kyrgyz):
    client.logout()
    response = client.get(published_in_kyrgyz.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ky"' in html and TITLE in html


RUSSIAN_TITLE = "Детский сад в Катране по муниципальному социальному заказу"
RUSSIAN_SUMMARY = (
    "Детский сад открыт через муниципальный социальный заказ, который выполнил фонд «Инсан-Лейлек»."
)
RUSSIAN_SLUG = "детский-сад-в-катране"
REASON = "Бала бакчасы жок айылдар үчүн арзан жол"
RUSSIAN_REASON = "Недорогой путь для сёл без детского сада"


def translate_url(page):
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def translate(client, page, language):
    """Translate → language, as the admin's button does; return the new draft."""
    locale = Locale.objects.get(language_code=language)
    response = client.post(translate_url(page), {"locales": [locale.pk]})
    assert response.status_code == 302
    draft = PracticePage.objects.get(translation_key=page.translation_key, locale=locale)
    assert response["Location"] == edit_url(draft)
    return draft


@pytest.fixture
def recommended_katran(practice):
    return practice(
        title=TITLE,
        summary=SUMMARY,
        municipality="katran",
        external_id="katran-kindergarten",
        recommended_on=datetime.date(2026, 11, 20),
        recommendation_reason=REASON,
    )


def test_translate_into_russian_gives_a_draft_that_goes_live_only_when_published(
    client, login, editor, moderator, recommended_katran
):
    katran = recommended_katran
    editing = login(editor)
    assert translate_url(katran) in editing.get(edit_url(katran)).content.decode()
    draft = translate(editing, katran, "ru")
    assert not draft.live
    assert draft.external_id == "katran-kindergarten"
    assert draft.get_latest_revision_as_object().external_id == "katran-kindergarten"

    data = form_data(editing, edit_url(draft))
    data["title"], data["summary"], data["slug"] = RUSSIAN_TITLE, RUSSIAN_SUMMARY, RUSSIAN_SLUG
    data["recommendation_reason"] = RUSSIAN_REASON
    data["action-submit"] = "action-submit"
    assert editing.post(edit_url(draft), data).status_code == 302
    client.logout()
    assert client.get("/ru/practices/").context["practices"][0].pk == katran.pk
    assert client.get(f"/ru/practices/{RUSSIAN_SLUG}/").status_code == 404

    published = act(login(moderator), PracticePage.objects.get(pk=draft.pk), "approve")
    assert published.live
    assert (published.title, published.slug, published.external_id) == (
        RUSSIAN_TITLE,
        RUSSIAN_SLUG,
        "katran-kindergarten",
    )
    assert published.recommendation_reason == RUSSIAN_REASON
    assert published.recommended_on == datetime.date(2026, 11, 20)
    client.logout()
    response = client.get(f"/ru/practices/{RUSSIAN_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert RUSSIAN_REASON in html and '<html lang="ru"' in html
    assert kyrgyz_text_not_marked_ky(html) == []
    assert [p.pk for p in client.get("/ru/practices/").context["practices"]] == [draft.pk]
    assert PracticePage.objects.get(pk=katran.pk).recommendation_reason == REASON


def test_a_kyrgyz_slug_keeps_its_letters(login, editor, practice):
    russian_only = practice(
        title=RUSSIAN_TITLE, summary=RUSSIAN_SUMMARY, language="ru", municipality="katran"
    )
    client = login(editor)
    draft = translate(client, russian_only, "ky")
    data = form_data(client, edit_url(draft))
    data["title"], data["slug"] = "Түштүк өңүрдөгү бала бакча", "түштүк-өңүрдөгү-бала-бакча"
    assert client.post(edit_url(draft), data).status_code == 302
    assert PracticePage.objects.get(pk=draft.pk).get_latest_revision_as_object().slug == (
        "түштүк-өңүрдөгү-бала-бакча"
    )


def test_a_translator_cannot_take_the_recommendation_away(login, editor, recommended_katran):
    client = login(editor)
    draft = translate(client, recommended_katran, "ru")
    data = form_data(client, edit_url(draft))
    data["recommendation_reason"] = ""
    data["recommended_on"] = ""
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    assert "recommendation_reason" in response.context["form"].errors
    assert PracticePage.objects.get(pk=draft.pk).get_latest_revision_as_object().recommended_on


def test_the_reason_of_the_original_stays_the_moderators(login, editor, recommended_katran):
    client = login(editor)
    translate(client, recommended_katran, "ru")
    data = form_data(client, edit_url(recommended_katran))
    data["recommendation_reason"] = RUSSIAN_REASON
    assert client.post(edit_url(recommended_katran), data).status_code == 302
    draft = PracticePage.objects.get(pk=recommended_katran.pk).get_latest_revision_as_object()
    assert draft.recommendation_reason == REASON


def test_a_contributor_cannot_translate(login, contributor, practice):
    katran = practice(municipality="katran")
    assert login(contributor).post(translate_url(katran), {"locales": [1]}).status_code in (302, 403)
    assert PracticePage.objects.filter(translation_key=katran.translation_key).count() == 1


def test_a_copy_is_a_new_case_without_the_external_id(practice, indexes):
    katran = practice(municipality="katran", external_id="katran-kindergarten")
    copy = katran.copy(update_attrs={"slug": "katran-copy"})
    assert copy.external_id == ""
    assert copy.translation_key != katran.translation_key
