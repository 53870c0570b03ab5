"""Each editorial role's main journey through the Wagtail admin in Kyrgyz, on a phone and a desktop screen.

A municipal contributor adds a practice with a photo, submits it, reads the
moderator's request for changes, fixes the practice and submits it again. A
moderator finds a submitted practice in the queue, previews it, asks for
changes and, once it comes back, approves it. An editor translates a live
Kyrgyz practice into Russian and submits the translation.

On every admin screen they pass through, axe-core checks WCAG 2 A and AA, the
words are Kyrgyz, and on a phone nothing sticks out sideways. Screenshots of
each step go to the artifacts folder as <screen>-<role>-<step>.png.
"""

import io
import json
import re
import secrets

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.browser import server
from tests.browser.helpers import assert_fits_the_screen, axe_violations, expect_language, sign_in_to_admin

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Violations that Wagtail's own markup causes, by rule id and a pattern of the
# element's selector; anything else axe finds fails the test. One line each says what it is.
WAGTAIL_VIOLATIONS = [
    ("aria-input-field-name", r'^div\[aria-describedby="placeholder-',
     "Draftail's rich text box (role=textbox) has no name: its field label is not tied to it"),
    ("scrollable-region-focusable", r"\.Draftail-Editor",
     "Draftail's editor area scrolls when the form is narrow (phone, preview open) but takes no focus itself"),
    ("label", r"\.ui-autocomplete-input",
     "the tag field's typing box, which jQuery Tag-it adds without a label"),
    ("scrollable-region-focusable", r"\.w-minimap__list",
     "the form's minimap: its list of section links scrolls but takes no focus itself"),
    ("list", r"^\.fields$",
     "the dialog of a workflow action (request changes): a <div> of the comment field straight inside <ul>"),
]

# Labels of Wagtail's admin in English; any of them on screen means a string left untranslated.
ENGLISH_LABELS = [
    "Save draft", "Submit", "Publish", "Dashboard", "Pages", "Search", "Add", "Edit", "Delete",
    "Cancel", "Preview", "Approve", "Request changes", "Comment", "Translate", "Choose", "Upload",
    "Close", "Actions", "More actions", "Status", "Title", "Live", "Draft", "In moderation",
    "Awaiting", "Images", "Documents", "Reports", "Settings", "Help", "Account", "Log out",
    "History", "Locale", "Language", "Sort", "Filter", "Page", "Image", "Photo", "Content", "Promote",
]
ENGLISH_WORDS = re.compile(r"\b(" + "|".join(re.escape(label) for label in ENGLISH_LABELS) + r")\b")

# What the moderator writes back, and what the contributor adds to answer it.
REQUEST_FOR_CHANGES = "Борборго канча бала катышарын жана каржылоонун булагын жазыңыз."
FIXED_SUMMARY = (
    "Ден соолугунан мүмкүнчүлүгү чектелүү 12 бала борборго катышат; борбор жергиликтүү бюджеттен "
    "жана донордук гранттан каржыланат."
)
# The contributor's new practice, one for each screen so the two runs never meet.
NEW_PRACTICE_TITLES = {
    "desktop": "Бостери айыл аймагында үйдөн окуган балдар үчүн инклюзивдүү класс",
    "phone": "Бостери айыл аймагында мүмкүнчүлүгү чектелүү балдарга логопед кызматы",
}
NEW_PRACTICE_SUMMARY = "Ден соолугунан мүмкүнчүлүгү чектелүү балдарга инклюзивдүү билим берүү."
STORY = "Айыл өкмөтү логопед жалдап, ата-энелер үчүн жумасына эки жолу кеңеш өткөрдү."
PHOTO_ALT = "Класстагы балдар мугалим менен сүрөт тартып жатышат"
RUSSIAN = {
    "desktop": (
        "Обучение муниципальному социальному заказу в Бостери",
        "обучение-социальному-заказу-в-бостери",
    ),
    "phone": (
        "Муниципальный социальный заказ для детского сада в Бостери",
        "социальный-заказ-для-детского-сада-в-бостери",
    ),
}
RUSSIAN_SUMMARY = (
    "Центр даёт инклюзивное образование детям с ограниченными возможностями здоровья; выявлено "
    "12 детей, которые учились на дому."
)


class AdminCheck:
    """What every admin screen of a journey has to pass; keeps the Wagtail violations it met for the note."""

    def __init__(self, screen, artifacts_dir, axe_script, role):
        self.screen = screen
        self.artifacts_dir = artifacts_dir
        self.axe_script = axe_script
        self.role = role
        self.wagtails = []

    def __call__(self, page, step, scope="main", show=None):
        """Check the screen; `show`, a locator, is scrolled into view for the screenshot."""
        page.wait_for_load_state()
        # Messages and dialogs fade in; axe would measure the contrast of a colour half-way there.
        page.wait_for_function(
            "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"
        )
        expect_language(page, "ky")
        english = english_on_screen(page, scope)
        assert not english, f"{self.role} / {step}: English on screen at {page.url}: {english}"
        violations = axe_violations(page, self.axe_script, AXE_TAGS)
        ours, wagtails = split_violations(violations)
        self.wagtails += [(step, page.url, line) for line in wagtails]
        assert not ours, f"{self.role} / {step} at {page.url}:\n" + "\n".join(ours)
        if self.screen == "phone":
            assert_fits_the_screen(page)
        if show is not None:
            show.scroll_into_view_if_needed()
        page.screenshot(path=self.artifacts_dir / f"{self.screen}-{self.role}-{step}.png", full_page=True)

    def save(self):
        path = self.artifacts_dir / f"{self.screen}-{self.role}-wagtail-violations.json"
        path.write_text(json.dumps(self.wagtails, ensure_ascii=False, indent=1))


@pytest.fixture
def check(screen, artifacts_dir, axe_script, request):
    made = []

    def make(role):
        made.append(AdminCheck(screen, artifacts_dir, axe_script, role))
        return made[-1]

    yield make
    for one in made:
        one.save()


def split_violations(violations):
    """(the portal's, Wagtail's): one line per element, 'rule: selector — what is wrong'."""
    ours, wagtails = [], []
    for violation in violations:
        for node in violation["nodes"]:
            selector = " ".join(str(part) for part in node["target"])
            line = f"{violation['id']}: {selector} — {violation['help']}"
            known = any(
                rule == violation["id"] and re.search(pattern, selector)
                for rule, pattern, _what in WAGTAIL_VIOLATIONS
            )
            (wagtails if known else ours).append(line)
    return ours, wagtails


def english_on_screen(page, scope):
    """Wagtail's English labels in the visible text of `scope`, outside parts marked as another language."""
    texts = page.evaluate(
        """scope => {
            const root = document.querySelector(scope), found = [];
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const shown = e => e && e.checkVisibility({visibilityProperty: true, opacityProperty: true});
            const inKyrgyz = e => (e.closest('[lang]') || document.documentElement).lang === 'ky';
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const parent = node.parentElement;
              if (node.textContent.trim() && shown(parent) && inKyrgyz(parent)) found.push(node.textContent.trim());
            }
            for (const input of root.querySelectorAll('input[type=submit], input[type=button]')) {
              if (shown(input) && inKyrgyz(input)) found.push(input.value);
            }
            return found;
        }""",
        scope,
    )
    return sorted({match for text in texts for match in ENGLISH_WORDS.findall(text)})


def sign_in(new_context, screen, username):
    return sign_in_to_admin(new_context(screen).new_page(), username)


def reveal(page, locator):
    """Open the tab a field sits in, if the form has tabs and another one is open; returns the field."""
    panel = locator.locator("xpath=ancestor::*[@role='tabpanel'][1]")
    if panel.count():
        tab = page.locator(f"[role=tab][aria-controls='{panel.get_attribute('id')}']")
        if tab.get_attribute("aria-selected") != "true":
            tab.click()
    expect(locator).to_be_visible()
    return locator


def fill(page, selector, text):
    reveal(page, page.locator(selector)).fill(text)


def footer_action(page, name):
    """A button of the form's action menu at the foot of the editor, by its Kyrgyz label or a selector."""
    footer = page.locator("footer")
    action = footer.locator(name) if name.startswith("button") else footer.get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        footer.locator("[data-w-dropdown-target=toggle]").last.click()
    expect(action).to_be_visible()
    return action


def submit_for_moderation(page):
    """Submit (or resubmit) from the action menu; fails with the form's errors if it is refused."""
    # Wagtail autosaves the form a moment after a change; the first autosave of a new practice
    # creates it. A submit sent to the add address while that request is on its way edits the
    # autosaved practice (moderation/practice_views.py), so no wait for the autosave is needed;
    # an autosave refused for a half-filled row (a photo without its description) is harmless.
    with page.expect_navigation():
        footer_action(page, SUBMIT).click()
    errors = [
        f"{error.get_attribute('id')}: {words(error.inner_text())}"
        for error in page.locator("[data-field-errors], [id$=-errors], .help-critical").all()
        if error.inner_text().strip()
    ]
    assert not errors, f"{page.url}: {errors}"
    expect(page.locator(".messages .success")).to_be_visible()


def tell_what_was_done(page, text):
    """Add a text block to the story ("what was done") and write `text` in it, as a person would."""
    field = page.locator("[data-contentpath=what_was_done]")
    reveal(page, field.locator("button.c-sf-add-button").first).click()
    page.get_by_role("option", name="Текст", exact=True).click()
    editor = field.locator("[contenteditable=true]").first
    expect(editor).to_be_visible()
    editor.click()
    editor.press_sequentially(text)
    expect(editor).to_contain_text(text)


def photo_file(tmp_path, token):
    """A JPEG of a yellow sun over a green field, different for every run: Wagtail refuses duplicates."""
    image = Image.new("RGB", (900, 600), (222, 232, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 300, 840, 580), fill=(11, 93, 75))
    draw.ellipse((600, 60, 760, 220), fill=(242, 193, 78))
    draw.text((80, 80), token, fill=(0, 0, 0))
    path = tmp_path / f"klass-{token}.jpg"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def words(text):
    return " ".join(text.split())


# "Submit to Модерация", or "Resubmit to" its task when the moderators have asked for changes.
SUBMIT = "button[name=action-submit]"


# --- what each role does, used by more than one journey ---------------------------------------


def open_from_contributor_dashboard(page, title):
    page.goto("/admin/")
    row = page.locator("#municipality-practices-section li.portal-practice").filter(has_text=title)
    expect(row).to_have_count(1)
    return row


def moderator_opens_from_queue(page, title, check):
    page.goto("/admin/")
    expect(page.locator("#awaiting-review-section")).to_contain_text(title)
    check(page, "dashboard")
    page.locator("#pending-practices-heading + p").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/admin/reports/pending-practices/"))
    expect(page.locator("main table")).to_contain_text(title)
    if page.viewport_size["width"] < 800:
        # The title reads across the screen, not one syllable a line (a card per practice).
        cell = page.locator("main table td.title").filter(has_text=title).first.bounding_box()
        assert cell["width"] >= 0.6 * page.viewport_size["width"]
    check(page, "queue")
    page.locator("main table").get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("#id_title")).to_have_value(title)


def moderator_previews(page, title, check):
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text(title)
    check(page, "preview")
    page.locator("[data-side-panel-toggle=preview]").click()


def moderator_requests_changes(page, comment, check):
    footer_action(page, "Оңдоону суроо").click()
    dialog = page.locator(".modal")
    field = dialog.locator("textarea")
    expect(field).to_be_visible()
    # The action menu does not stay open over the dialog.
    expect(page.locator(".tippy-box[data-theme~=dropdown-button]")).to_be_hidden()
    field.fill(comment)
    check(page, "request-changes", scope=".modal")
    dialog.locator("button[type=submit], input[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()


def contributor_resubmits(page, title, fix=None):
    row = open_from_contributor_dashboard(page, title)
    row.locator(".portal-practice__title a").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    if fix:
        fix(page)
    submit_for_moderation(page)


# --- the journeys ------------------------------------------------------------------------------


def test_contributor_adds_a_practice_with_a_photo_and_answers_the_request_for_changes(
    new_context, screen, check, tmp_path
):
    checked = check("contributor")
    title = NEW_PRACTICE_TITLES[screen]
    page = sign_in(new_context, screen, server.KYRGYZ_CONTRIBUTOR_USERNAME)
    panel = page.locator("#municipality-practices-section")
    expect(panel).to_contain_text("Бостери")
    checked(page, "1-dashboard")

    panel.locator(".portal-dashboard__add a").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/practices/practicepage/\d+/"))
    fill(page, "#id_title", title)
    fill(page, "#id_summary", NEW_PRACTICE_SUMMARY)
    # The practice starts in the contributor's own municipality.
    expect(reveal(page, page.locator("#id_locations-0-municipality").locator(".."))).to_contain_text("Бостери")
    service = page.locator("label", has_text="Инклюзивдүү билим берүү").locator("input[name=service_types]")
    reveal(page, service).check()
    checked(page, "2-new-practice", show=service)
    tell_what_was_done(page, STORY)

    token = secrets.token_hex(4)
    reveal(page, page.locator("#id_gallery_images-ADD")).click()
    photo = page.locator("#inline_child_gallery_images-0")
    photo.locator(".chooser__choose-button").click()
    chooser = page.locator(".modal")
    chooser.locator("[role=tab][aria-controls=tab-upload]").click()
    chooser.locator("#tab-upload input[type=file]").set_input_files(photo_file(tmp_path, token))
    chooser.locator("#tab-upload input[name$=title]").fill(f"Инклюзивдүү класс {token}")
    checked(page, "3-upload-photo", scope=".modal")
    chooser.locator("#tab-upload button[type=submit]").click()
    expect(chooser).to_be_hidden()
    expect(photo).to_contain_text(f"Инклюзивдүү класс {token}")
    fill(page, "#id_gallery_images-0-alt_text", PHOTO_ALT)
    checked(page, "4-photo-chosen", show=photo)

    submit_for_moderation(page)
    expect(page.locator(".messages")).to_contain_text("модерацияга")
    checked(page, "5-submitted")
    row = open_from_contributor_dashboard(page, title)
    expect(row).to_have_class(re.compile("portal-practice--in_moderation"))

    moderator = sign_in(new_context, screen, server.KYRGYZ_MODERATOR_USERNAME)
    moderator_opens_from_queue(moderator, title, check("contributor-moderator"))
    moderator_requests_changes(moderator, REQUEST_FOR_CHANGES, check("contributor-moderator"))

    row = open_from_contributor_dashboard(page, title)
    expect(row).to_have_class(re.compile("portal-practice--changes_requested"))
    comment = row.locator(".portal-changes-requested__comment")
    expect(comment).to_be_visible()
    assert words(comment.inner_text()) == words(REQUEST_FOR_CHANGES)
    checked(page, "6-dashboard-changes-requested")

    row.locator(".portal-practice__title a").click()
    notice = page.locator(".portal-edit-notice blockquote")
    expect(notice).to_be_visible()
    assert words(notice.inner_text()) == words(REQUEST_FOR_CHANGES)
    checked(page, "7-form-with-the-comment")
    fill(page, "#id_summary", FIXED_SUMMARY)
    submit_for_moderation(page)
    checked(page, "8-resubmitted")

    row = open_from_contributor_dashboard(page, title)
    expect(row).to_have_class(re.compile("portal-practice--in_moderation"))
    expect(row.locator(".portal-changes-requested__comment")).to_have_count(0)
    checked(page, "9-dashboard-in-moderation")


def test_moderator_previews_asks_for_changes_and_approves_the_fixed_practice(
    new_context, screen, check
):
    checked = check("moderator")
    title = server.IN_MODERATION_TITLES[screen]
    page = sign_in(new_context, screen, server.KYRGYZ_MODERATOR_USERNAME)
    moderator_opens_from_queue(page, title, checked)
    checked(page, "edit")
    moderator_previews(page, title, checked)
    moderator_requests_changes(page, REQUEST_FOR_CHANGES, checked)

    contributor = sign_in(new_context, screen, server.KYRGYZ_CONTRIBUTOR_USERNAME)
    contributor_resubmits(contributor, title, fix=lambda form: fill(form, "#id_summary", FIXED_SUMMARY))

    page.goto("/admin/")
    awaiting = page.locator("#awaiting-review-section tr").filter(has_text=title)
    expect(awaiting).to_have_count(1)
    awaiting.get_by_role("link", name=title, exact=True).click()
    expect(page.locator("#id_summary")).to_have_value(FIXED_SUMMARY)
    checked(page, "edit-resubmitted")
    footer_action(page, "Бекитүү жана жарыялоо").click()
    expect(page.locator(".messages")).to_be_visible()
    checked(page, "approved")

    reader = new_context(screen).new_page()
    reader.goto("/ky/practices/municipality/bosteri/")
    card = reader.locator("article.card").filter(has_text=title)
    expect(card).to_have_count(1)
    response = reader.goto(card.locator("h3 a").get_attribute("href"))
    assert response.status == 200
    expect(reader.locator("h1")).to_contain_text(title)
    expect(reader.locator("main")).to_contain_text(FIXED_SUMMARY)


def test_editor_translates_a_live_kyrgyz_practice_into_russian_and_submits_it(new_context, screen, check):
    checked = check("editor")
    title = server.UNTRANSLATED_TITLES[screen]
    russian_title, russian_slug = RUSSIAN[screen]
    page = sign_in(new_context, screen, server.KYRGYZ_TRANSLATOR_USERNAME)
    checked(page, "dashboard")
    search = page.locator("main form[role=search] input[name=q]")
    search.fill(title)
    search.press("Enter")
    found = page.locator("main").get_by_role("link", name=title, exact=True)
    expect(found.first).to_be_visible()
    checked(page, "search")
    found.first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    kyrgyz_slug = page.locator("#id_slug").input_value()
    checked(page, "edit-kyrgyz")

    page.locator("header").get_by_role("button", name="Аракеттер").click()
    page.locator("header").get_by_role("link", name=re.compile("Котор")).click()
    expect(page).to_have_url(re.compile(r"/admin/translation/submit/page/\d+/"))
    page.get_by_label("Русский").check()
    checked(page, "translate")
    page.locator("main form input[type=submit], main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("#id_title")).to_have_value(title)

    fill(page, "#id_title", russian_title)
    fill(page, "#id_summary", RUSSIAN_SUMMARY)
    fill(page, "#id_slug", russian_slug)
    checked(page, "edit-russian")
    submit_for_moderation(page)
    checked(page, "submitted")

    page.goto("/admin/")
    expect(page.locator("main")).to_contain_text(russian_title)

    reader = new_context(screen).new_page()
    for slug in (russian_slug, kyrgyz_slug):
        assert reader.goto(f"/ru/practices/{slug}/").status == 404, slug
    reader.goto("/ru/practices/municipality/bosteri/")
    expect_language(reader, "ru")
    expect(reader.locator("main")).not_to_contain_text(russian_title)
    # The Kyrgyz practice stays on the Russian list as itself, marked as Kyrgyz.
    card_title = reader.locator("article.card .card-title").filter(has_text=title)
    expect(card_title).to_have_count(1)
    expect(card_title).to_have_attribute("lang", "ky")
