"""A case's language versions in the admin: a new Kyrgyz practice never goes live as Russian or
English, and "Translate" gives an editable draft that goes through moderation."""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from practices.models import Oblast, PracticePage, ServiceType
from tests.moderation.conftest import add_url, form_data
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
