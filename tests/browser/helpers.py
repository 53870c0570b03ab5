"""What several browser tests look at in a page."""

import os

from playwright.sync_api import expect

from tests.browser import server


def assert_fits_the_screen(page):
    """No sideways scrolling: at 360 px a reader should only ever scroll down."""
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, screen: window.innerWidth})"
    )
    assert widths["page"] <= widths["screen"], (
        f"{page.url} is {widths['page']} px wide on a {widths['screen']} px screen: "
        + ", ".join(wider_than_screen(page))
    )


def wider_than_screen(page):
    """Selectors of the outermost elements that stick out to the right, to name the culprit."""
    return page.evaluate(
        """() => {
          const width = window.innerWidth, found = [];
          for (const element of document.querySelectorAll('body *')) {
            if (element.getBoundingClientRect().right <= width + 0.5) continue;
            if (found.some(outer => outer.contains(element))) continue;
            found.push(element);
          }
          return found.slice(0, 5).map(e =>
            e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
        }"""
    )


def expect_language(page, code):
    expect(page.locator("html")).to_have_attribute("lang", code)


def card_titles(page, scope="main"):
    # Reading cards does not wait by itself: a click may have left the next page still loading.
    page.wait_for_load_state()
    return page.locator(f"{scope} article.card .card-title").all_inner_texts()


def card_places(page):
    page.wait_for_load_state()
    return page.locator("main article.card .card-meta").all_inner_texts()


def reach_filters(page, screen, selector):
    """The filters as a reader finds them: a tap on their summary on a phone; on a desktop
    screen they already stand open beside the results, with no summary to click."""
    filters = page.locator(selector)
    if screen == "phone":
        filters.locator(":scope > summary").click()
    else:
        expect(filters.locator(":scope > summary")).to_be_hidden()
    expect(filters.locator(":scope > :not(summary)").last).to_be_visible()
    return filters


def sign_in_to_admin(page, username):
    """Sign `page` in to the admin as `username` (every test account shares one password)."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(os.environ[server.EDITOR_PASSWORD_VARIABLE])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return page


def axe_violations(page, axe_script, tags):
    """axe-core's violations of the rules tagged `tags` on the page as it is now."""
    # Loaded once per document; a page's own policy allows its scripts, so axe goes in as they do.
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        """async tags => (await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })).violations""",
        tags,
    )
