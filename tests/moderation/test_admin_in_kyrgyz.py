"""Every admin screen a contributor, editor or moderator meets speaks Kyrgyz, with no English left over.

Each screen is rendered for an account whose language is Kyrgyz. What a person
can read or hear is collected: the text, the labels screen readers announce
(aria-label, title, alt, placeholder, tooltips, button values) and the strings
the admin's scripts draw from the page's JSON (the menu, StreamField and
InlinePanel forms, the rich-text toolbar). Content is not interface: page
titles and people's names are removed first. Whatever Latin word is left must
be on the short list below.
"""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Task, Workflow

from moderation.files import public_collection, random_file_name
from tests.moderation.conftest import add_url, edit_url, form_data

pytestmark = pytest.mark.django_db

# Brand and product names, keys on the keyboard, abbreviations and file
# formats that Kyrgyz writes in Latin letters too, currency codes, and English
# as the name the language switcher gives English.
ALLOWED = {
    "Wagtail",
    "JavaScript",
    "Embedly",
    "Ctrl",
    "Alt",
    "Shift",
    "Esc",
    "Cmd",
    "Enter",
    "ID",
    "URL",
    "API",
    "CSV",
    "XLSX",
    "JSON",
    "UTC",
    "AVIF",
    "GIF",
    "JPG",
    "JPEG",
    "PNG",
    "WEBP",
    "SVG",
    "HEIC",
    "English",
    "KGS",
    "USD",
    "EUR",
}
# Keys of the admin's JSON whose string values a person reads.
READABLE_KEYS = {
    "label",
    "description",
    "help_text",
    "helpText",
    "heading",
    "error_name",
    "title",
    "placeholder",
}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
SPOKEN_ATTRIBUTES = (
    "aria-label",
    "aria-description",
    "title",
    "alt",
    "placeholder",
    "data-w-tooltip-content-value",
)


class ReadableText(HTMLParser):
    """The text of a page as a person meets it, hidden parts (menus, dialogs) included; no scripts or styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.json, self._open, self._skipping = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/json":
            self._open.append((tag, False, True))
            return
        for name, value in attrs.items():
            if name.startswith("data-w-") and value and value[:1] in "{[":
                self.json.append(value)
        if tag not in VOID_ELEMENTS:
            # A side panel's counter holds Wagtail's placeholder "None" until a script puts a number in it.
            skip = tag in ("script", "style") or "data-side-panel-toggle-counter" in attrs
            self._open.append((tag, skip, False))
            self._skipping += skip
        if self._skipping:
            return
        self.parts += [attrs[name] for name in SPOKEN_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        while self._open:
            name, skip, _json = self._open.pop()
            self._skipping -= skip
            if name == tag:
                break

    def handle_data(self, data):
        if self._open and self._open[-1][2]:
            self.json.append(data)
        elif not self._skipping:
            self.parts.append(data)


def readable_strings(value, key=None, strings=False):
    """Strings a script shows: values of READABLE_KEYS, everything under the config's STRINGS, and HTML."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from readable_strings(item, name, strings or name == "STRINGS")
    elif isinstance(value, list):
        for item in value:
            yield from readable_strings(item, key, strings)
    elif isinstance(value, str):
        if "<" in value and ">" in value:
            yield readable_text(value)
        elif strings or key in READABLE_KEYS:
            yield value


def readable_text(html):
    parser = ReadableText()
    parser.feed(html)
    texts = list(parser.parts)
    for blob in parser.json:
        try:
            texts += readable_strings(json.loads(blob))
        except ValueError:
            continue
    return " ".join(texts)


def content_names():
    """Titles and names that people gave, longest first: they are content, not interface."""
    User = get_user_model()
    names = set(Page.objects.values_list("title", flat=True))
    names |= set(PageLogEntry.objects.values_list("label", flat=True))
    names |= set(Workflow.objects.values_list("name", flat=True)) | set(
        Task.objects.values_list("name", flat=True)
    )
    for first, last, username in User.objects.values_list("first_name", "last_name", "username"):
        names |= {first, last, username}
    return sorted((name for name in names if name), key=len, reverse=True)


def english_words(html):
    text = readable_text(html)
    for name in content_names():
        text = text.replace(name, " ")
    # Placeholders, addresses, file names and the dotted names of page types (portal.homepage).
    text = re.sub(
        r"%\(\w+\)[sd]|\b[a-z_]+\.[a-z_]+\b|https?://\S+|\S+@\S+|\S+\.(?:pdf|docx?|xlsx?|odt|ods|pptx|rtf|txt|csv|jpe?g|png)\b",
        " ",
        text,
    )
    words = re.findall(r"[A-Za-z]{2,}", text)
    return sorted({word for word in words if word not in ALLOWED})


def page_of(response):
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


@pytest.fixture
def kyrgyz(make_user):
    """The three roles, each an account whose admin language is Kyrgyz (the default for new accounts)."""
    from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS

    accounts = {
        "contributor": make_user("katran", CONTRIBUTORS, municipality="katran"),
        "editor": make_user("editor", EDITORS),
        "moderator": make_user("moderator", MODERATORS),
    }
    for user in accounts.values():
        assert user.wagtail_userprofile.get_preferred_language() == "ky"
    return accounts


@pytest.fixture
def files(moderation, kyrgyz):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "green").save(buffer, "JPEG")
    image = get_image_model().objects.create(
        title="Катран: «Алтын-Бешик» борборунун ачылышы",
        file=ImageFile(buffer, name=random_file_name("jpg")),
        collection=public_collection(),
        uploaded_by_user=kyrgyz["contributor"],
    )
    document = get_document_model().objects.create(
        title="Катран айыл өкмөтүнүн тапшырык боюнча отчёту",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=random_file_name("pdf")),
        collection=public_collection(),
        uploaded_by_user=kyrgyz["contributor"],
    )
    return {"image": image, "document": document}


@pytest.fixture
def in_moderation(client, kyrgyz, katran_draft):
    """The Katran draft, submitted by its contributor and waiting for the moderators."""
    client.force_login(kyrgyz["contributor"])
    data = form_data(client, edit_url(katran_draft))
    data["action-submit"] = "action-submit"
    assert client.post(edit_url(katran_draft), data).status_code == 302
    katran_draft.refresh_from_db()
    assert katran_draft.workflow_in_progress
    client.logout()
    return katran_draft


def screen_urls(indexes, page, files, practice):
    """(role, URL) of each screen: None is a visitor who has not signed in."""
    published = practice(
        title="Бостери айыл өкмөтүнүн реабилитациялык борбору", municipality="bosteri", oblast="issyk-kul"
    )
    task_state = page.current_workflow_task_state
    ky_list = indexes["ky"]
    return {
        "sign-in": (None, reverse("wagtailadmin_login")),
        "password reset": (None, reverse("wagtailadmin_password_reset")),
        "contributor's dashboard": ("contributor", reverse("wagtailadmin_home")),
        "moderator's dashboard": ("moderator", reverse("wagtailadmin_home")),
        "explorer": ("contributor", reverse("wagtailadmin_explore", args=[ky_list.pk])),
        "explorer of every language": (
            "moderator",
            reverse("wagtailadmin_explore", args=[ky_list.get_parent().pk]),
        ),
        "new practice form": ("contributor", add_url(ky_list)),
        "practice in moderation, its author": ("contributor", edit_url(page)),
        "practice in moderation, the moderator": ("moderator", edit_url(page)),
        "request changes dialog": (
            "moderator",
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        ),
        "page history": ("contributor", reverse("wagtailadmin_pages:history", args=[page.pk])),
        "workflow history": ("contributor", reverse("wagtailadmin_pages:workflow_history", args=[page.pk])),
        "page chooser": ("contributor", reverse("wagtailadmin_choose_page")),
        "image chooser": ("contributor", reverse("wagtailimages_chooser:choose")),
        "document chooser": ("contributor", reverse("wagtaildocs_chooser:choose")),
        "images": ("contributor", reverse("wagtailimages:index")),
        "image upload": ("contributor", reverse("wagtailimages:add_multiple")),
        "image edit": ("contributor", reverse("wagtailimages:edit", args=[files["image"].pk])),
        "documents": ("contributor", reverse("wagtaildocs:index")),
        "document upload": ("contributor", reverse("wagtaildocs:add_multiple")),
        "document edit": ("contributor", reverse("wagtaildocs:edit", args=[files["document"].pk])),
        "site history": ("moderator", reverse("wagtailadmin_reports:site_history")),
        "workflow report": ("moderator", reverse("wagtailadmin_reports:workflow")),
        "workflow tasks report": ("moderator", reverse("wagtailadmin_reports:workflow_tasks")),
        "locked pages": ("moderator", reverse("wagtailadmin_reports:locked_pages")),
        "aging pages": ("moderator", reverse("wagtailadmin_reports:aging_pages")),
        "page types": ("moderator", reverse("wagtailadmin_reports:page_types_usage")),
        "translate a practice": (
            "editor",
            reverse("simple_translation:submit_page_translation", args=[published.pk]),
        ),
        "account settings": ("contributor", reverse("wagtailadmin_account")),
    }


SCREENS = [
    "sign-in",
    "password reset",
    "contributor's dashboard",
    "moderator's dashboard",
    "explorer",
    "explorer of every language",
    "new practice form",
    "practice in moderation, its author",
    "practice in moderation, the moderator",
    "request changes dialog",
    "page history",
    "workflow history",
    "page chooser",
    "image chooser",
    "document chooser",
    "images",
    "image upload",
    "image edit",
    "documents",
    "document upload",
    "document edit",
    "site history",
    "workflow report",
    "workflow tasks report",
    "locked pages",
    "aging pages",
    "page types",
    "translate a practice",
    "account settings",
]


@pytest.mark.parametrize("screen", SCREENS)
def test_admin_screen_is_in_kyrgyz(client, kyrgyz, indexes, in_moderation, files, practice, screen):
    role, url = screen_urls(indexes, in_moderation, files, practice)[screen]
    if role:
        client.force_login(kyrgyz[role])
    html = page_of(client.get(url))
    assert re.search("[ңөү]", readable_text(html)), "no Kyrgyz on the screen"
    assert english_words(html) == []


def test_every_screen_is_checked(kyrgyz, indexes, in_moderation, files, practice):
    assert set(SCREENS) == set(screen_urls(indexes, in_moderation, files, practice))


def test_the_checker_finds_english(client, kyrgyz):
    """The screens above pass because they are translated, not because the checker is blind."""
    kyrgyz["contributor"].wagtail_userprofile.preferred_language = "en"
    kyrgyz["contributor"].wagtail_userprofile.save()
    client.force_login(kyrgyz["contributor"])
    words = english_words(page_of(client.get(reverse("wagtailadmin_home"))))
    assert {"Pages", "Images", "Documents", "Reports"} <= set(words)


def test_validation_errors_are_in_kyrgyz(client, kyrgyz, katran_draft):
    client.force_login(kyrgyz["contributor"])
    data = form_data(client, edit_url(katran_draft))
    data["title"] = ""
    response = client.post(edit_url(katran_draft), data)
    html = page_of(response)
    assert "Текшерүүдө каталар табылгандыктан барак сакталган жок." in html
    assert "Бул талааны толтуруу милдеттүү." in html
    assert english_words(html) == []


def test_action_menu_offers_kyrgyz_actions(client, kyrgyz, katran_draft, in_moderation):
    client.force_login(kyrgyz["moderator"])
    text = readable_text(page_of(client.get(edit_url(in_moderation))))
    assert "Бекитүү" in text and "Оңдоону суроо" in text
    assert "Rejected" not in text and "Request changes" not in text


def test_inline_panels_and_the_rich_text_toolbar_are_in_kyrgyz(client, kyrgyz, indexes):
    client.force_login(kyrgyz["contributor"])
    text = readable_text(page_of(client.get(add_url(indexes["ky"]))))
    assert "Калың" in text and "Курсив" in text  # the rich-text toolbar's Bold and Italic
    assert re.search(r"\S+ кошуу", text)  # an inline panel's "Add …" button


def test_avatar_and_every_resource_come_from_the_portal(client, kyrgyz):
    client.force_login(kyrgyz["contributor"])
    html = page_of(client.get(reverse("wagtailadmin_home")))
    sources = re.findall(r'<(?:img|script|link|iframe|source)\b[^>]*?\s(?:src|href)="([^"]+)"', html)
    assert sources
    assert [source for source in sources if re.match(r"(https?:)?//", source)] == []
    # The sidebar draws the avatar from its JSON, the account summary as an <img>.
    avatars = re.findall(r'"avatarUrl": "([^"]+)"', html) + re.findall(r'<img src="([^"]*avatar[^"]*)"', html)
    assert len(avatars) == 2
    for avatar in avatars:
        path = avatar.split("?")[0]
        assert path.startswith("/static/") and finders.find(path.removeprefix("/static/")), avatar
