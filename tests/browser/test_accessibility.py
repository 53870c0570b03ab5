"""WCAG 2.1 AA on every public page type, in Kyrgyz, Russian and English, checked by axe-core."""

import pytest

from tests.browser.helpers import axe_violations, expect_language

pytestmark = pytest.mark.browser

LANGUAGES = ["ky", "ru", "en"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

# One address for each kind of page a reader can reach; a callable finds
# addresses that depend on the demo content's slugs by following links.
PAGES = {
    "home": "/{lang}/",
    "list": "/{lang}/practices/",
    "list-filtered": "/{lang}/practices/?oblast=batken&sort=title",
    "list-empty": "/{lang}/practices/?q=жоктугунунжоктугу",
    "list-page-2": "/{lang}/practices/?page=2",
    "oblast": "/{lang}/practices/oblast/batken/",
    "rayon": "/{lang}/practices/rayon/leilek/",
    "municipality": "/{lang}/practices/municipality/katran/",
    "service": "/{lang}/practices/service/preschool-education/",
    "practice": lambda page, lang: _first_link(page, f"/{lang}/practices/municipality/katran/", "article.card h3 a"),
    "about": lambda page, lang: _first_link(page, f"/{lang}/", "nav.main-nav li:last-child a"),
    "search": "/{lang}/search/?q=бакча",
    "search-narrowed": "/{lang}/search/?q=бакча&oblast=batken",
    "search-nothing-found": "/{lang}/search/?q=жоктугунунжоктугу",
    "search-start": "/{lang}/search/",
    "not-found": "/{lang}/no-such-page/",
    "share": "/{lang}/share/",
    "replicate": lambda page, lang: _first_link(
        page, _first_link(page, f"/{lang}/practices/municipality/katran/", "article.card h3 a"),
        "a[href*='/replicate/']",
    ),
}


def _first_link(page, start, selector):
    page.goto(start)
    return page.locator(selector).first.get_attribute("href")


def open_page_type(page, name, lang):
    address = PAGES[name]
    url = address(page, lang) if callable(address) else address.format(lang=lang)
    response = page.goto(url)
    assert response.status == (404 if name == "not-found" else 200), f"{url}: {response.status}"
    return url


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} — {violation['help']}")
        for node in violation["nodes"][:4]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_has_no_serious_accessibility_violations(new_context, axe_script, name, lang):
    # Readers are mostly on phones; the desktop layout differs only in arrangement, so one language covers it.
    for screen in ("phone", "desktop") if lang == "ky" else ("phone",):
        # axe comes in as an inline script, which the portal's own policy forbids.
        page = new_context(screen, bypass_csp=True).new_page()
        url = open_page_type(page, name, lang)
        blocking = [v for v in axe_violations(page, axe_script, AXE_TAGS) if v["impact"] in BLOCKING]
        assert not blocking, f"{url} at {screen} size:\n{describe(blocking)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_declares_the_language_it_is_written_in(new_context, lang):
    page = new_context().new_page()
    for name in PAGES:
        open_page_type(page, name, lang)
        # A practice not yet translated opens in its own language, at its own address.
        written_in = page.url.split("/")[3]
        expect_language(page, written_in)
        assert written_in == lang or name == "practice", page.url
        other = page.evaluate(
            "() => [...document.querySelectorAll('body [lang]')].map(e => e.getAttribute('lang'))"
        )
        assert set(other) <= set(LANGUAGES), f"{page.url}: unknown lang values {set(other) - set(LANGUAGES)}"
