"""Every public page type works under the portal's Content-Security-Policy: the browser refuses nothing."""

import pytest

from tests.browser.test_accessibility import PAGES, open_page_type

pytestmark = pytest.mark.browser


def test_no_page_type_breaks_its_content_security_policy(new_context):
    page = new_context("phone").new_page()
    refused = []
    page.on("console", lambda message: refused.append((page.url, message.text))
            if "Content Security Policy" in message.text else None)
    for name in PAGES:
        open_page_type(page, name, "ky")
        assert page.evaluate("() => document.styleSheets.length") >= 1, page.url
    assert refused == []


def test_an_inline_script_slipped_into_a_page_would_be_refused(new_context, portal_url):
    page = new_context("phone").new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/ky/")
    with pytest.raises(Exception, match="(?i)content security policy"):
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("() => window.injected === undefined")
