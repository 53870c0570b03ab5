"""The portal used with the keyboard only: Tab, Shift+Tab, Enter, Space and the arrow keys."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import card_places

pytestmark = pytest.mark.browser

MAX_TAB_STOPS = 120

FOCUS_STYLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  let behind = 'rgb(255, 255, 255)';
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(colour)) { behind = colour; break; }
  }
  const box = element.getBoundingClientRect();
  return {
    element: element.tagName.toLowerCase() + (element.id ? '#' + element.id : ''),
    text: (element.innerText || element.value || element.getAttribute('aria-label') || '').trim().slice(0, 40),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    outlineColour: style.outlineColor, behind: behind,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight
              && box.right > 0 && box.left < window.innerWidth,
  };
}"""


def tab_to(page, selector, limit=MAX_TAB_STOPS):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{selector} never got the focus in {limit} presses of Tab on {page.url}")


def rgb(colour):
    return [float(part) for part in re.findall(r"[\d.]+", colour)[:3]]


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_skip_link_comes_first_shows_itself_and_moves_focus_to_the_content(page):
    page.goto("/ky/practices/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Негизги мазмунга өтүү")
    assert page.evaluate(FOCUS_STYLE)["onScreen"], "the skip link stays off screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


def test_main_menu_works_from_the_keyboard(page):
    page.goto("/ky/")
    tab_to(page, "nav.main-nav a[href$='/practices/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ky/practices/$"))
    tab_to(page, "nav.languages a[lang=ru]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/practices/$"))


def test_search_and_its_facets_work_from_the_keyboard(page, screen):
    page.goto("/ky/")
    tab_to(page, "#header-q")
    page.keyboard.type("бакчаларга")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ky/search/\?q="))
    found = card_places(page)
    assert found

    if screen == "phone":
        tab_to(page, "details.search-facets > summary")
        page.keyboard.press("Enter")
        expect(page.locator("details.search-facets")).to_have_attribute("open", "")
    facet = tab_to(page, "details.search-facets section.facet a")
    chosen = facet.inner_text()
    page.keyboard.press("Enter")
    expect(page.locator("details.search-facets strong[aria-current]").first).to_have_text(chosen)
    assert len(card_places(page)) <= len(found)


def test_list_filters_work_from_the_keyboard(page, screen):
    page.goto("/ky/practices/")
    if screen == "phone":
        tab_to(page, "details.filters > summary")
        page.keyboard.press("Space")
        expect(page.locator("details.filters")).to_have_attribute("open", "")
    tab_to(page, "#filter-oblast")
    # Arrow keys change a closed select's value without opening its list.
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#filter-oblast").input_value()
    assert chosen
    tab_to(page, ".filter-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"[?&]oblast={chosen}"))
    assert parse_qs(urlsplit(page.url).query)["oblast"] == [chosen]


def test_the_facets_can_be_skipped_on_the_way_to_the_results(page, screen):
    page.goto("/ky/search/?q=айыл")
    if screen == "phone":
        tab_to(page, "details.search-facets > summary")
        page.keyboard.press("Enter")
    skip = tab_to(page, "details.search-facets a.skip-to-results")
    assert page.evaluate(FOCUS_STYLE)["onScreen"], "the link to the results stays hidden when focused"
    expect(skip).to_have_text("Натыйжаларга өтүү")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#results a").first).to_be_focused()


@pytest.mark.parametrize(
    "path", ["/ky/", "/ky/practices/?oblast=batken", "/ky/practices/municipality/katran/", "/ru/search/?q=бакча"]
)
def test_every_tab_stop_shows_a_focus_outline_that_stands_out(page, path):
    page.goto(path)
    if "katran" in path:
        page.locator("article.card h3 a").first.click()
        # Tabbing before the practice has loaded would walk the page being left.
        page.wait_for_load_state()
    seen, problems = set(), []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus is None:
            break
        key = (focus["element"], focus["text"])
        if key in seen:
            break
        seen.add(key)
        ratio = contrast(focus["outlineColour"], focus["behind"])
        if focus["outlineStyle"] == "none" or focus["outlineWidth"] < 2 or ratio < 3 or not focus["onScreen"]:
            problems.append(f"{focus['element']} «{focus['text']}»: outline {focus['outlineStyle']} "
                            f"{focus['outlineWidth']}px {focus['outlineColour']} on {focus['behind']} "
                            f"(contrast {ratio:.1f}:1){'' if focus['onScreen'] else ', off screen'}")
    assert len(seen) > 5, f"only {len(seen)} tab stops on {page.url}"
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
