"""What to attack: every public route of the URL configuration, and the parameters it reads.

Nothing here names a view. Routes come from `get_resolver()`, Wagtail's
catch-all from the live page tree, landing pages from the links those pages
show, and parameters from what each view actually reads, so a new route or a
new filter is covered without editing the suite.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from unittest import mock

from django.conf import settings
from django.http import QueryDict
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

# The editors' admin is behind a login and has its own tests.
PRIVATE_PREFIXES = ("admin/",)
# Enough URLs of one route to vary the language and the object; discovering and
# attacking every oblast's landing page would add time, not coverage.
URLS_PER_ROUTE = 3
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass
class Target:
    route: str
    urls: list
    # Path parameters as (name, converter) pairs, for hostile path values.
    parameters: list = field(default_factory=list)
    query_names: set = field(default_factory=set)
    # (URL it posts to, field names, hidden fields' values) of each form the page posts.
    post_forms: list = field(default_factory=list)


def public_routes():
    """(route, [(language prefix or "", pattern text)], name) for every public leaf route."""
    routes = {}

    def walk(patterns, prefix, localized):
        for entry in patterns:
            pattern = entry.pattern
            if isinstance(entry, URLResolver):
                if isinstance(pattern, LocalePrefixPattern):
                    walk(entry.url_patterns, prefix, True)
                else:
                    walk(entry.url_patterns, prefix + str(pattern), localized)
                continue
            text = prefix + str(pattern)
            if text.startswith(PRIVATE_PREFIXES):
                continue
            key = f"{'<language>/' if localized else ''}{text}"
            routes[key] = (text, localized, isinstance(pattern, RegexPattern), entry.name)

    walk(get_resolver().url_patterns, "", False)
    return routes


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _filled(text, samples):
    parameters = [(m["name"], m["converter"] or "str") for m in _PARAMETER.finditer(text)]
    url = _PARAMETER.sub(lambda m: samples(m["name"], m["converter"] or "str"), text)
    return "/" + url, parameters


def url_targets(sample_ids):
    """A target per URLconf route except Wagtail's page route, with the real ids it may need."""
    targets = []
    for key, (text, localized, is_regex, _name) in public_routes().items():
        if is_regex:
            continue
        prefixes = [f"{code}/" for code in _languages()] if localized else [""]
        candidates = sample_ids or [1]
        urls, parameters = [], []
        for prefix in prefixes:
            for candidate in candidates:

                def sample(name, converter, candidate=candidate):
                    return str(candidate) if converter in ("int", "db_id") else "sample"

                url, parameters = _filled(prefix + text, sample)
                urls.append(url)
        urls = list(dict.fromkeys(urls))[:URLS_PER_ROUTE]
        targets.append(Target(route=key, urls=urls, parameters=parameters))
    return targets


class _PageParser(HTMLParser):
    """The links of a page, and the field names of each of its forms."""

    def __init__(self):
        super().__init__()
        self.links, self.forms = [], []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or "",
                          "names": set(), "hidden": {}}
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None and attrs.get("name"):
            self._form["names"].add(attrs["name"])
            if tag == "input" and attrs.get("type") == "hidden":
                self._form["hidden"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parsed_page(html):
    parser = _PageParser()
    parser.feed(html)
    return parser


def page_tree_targets(client):
    """Targets for Wagtail's page route: each live page type, and each sub-route of routable pages."""
    by_route = {}
    pages = list(Page.objects.live().filter(depth__gt=1).specific())
    links = set()
    for page in pages:
        route = f"page {type(page).__name__}"
        target = by_route.setdefault(route, Target(route=route, urls=[]))
        if len(target.urls) < URLS_PER_ROUTE:
            target.urls.append(page.url)
        response = client.get(page.url)
        if response.status_code == 200:
            links.update(parsed_page(response.content.decode()).links)
    for page in pages:
        if not isinstance(page, RoutablePageMixin):
            continue
        for subroute in page.get_subpage_urls():
            if not str(subroute.pattern):
                # The routable page's own URL, already a target as the page itself.
                continue
            route = f"page {type(page).__name__} {subroute.pattern}"
            target = by_route.setdefault(
                route, Target(route=route, urls=[], parameters=[(m["name"], m["converter"] or "str")
                                                                for m in _PARAMETER.finditer(str(subroute.pattern))])
            )
            for link in sorted(links):
                path = link.split("?")[0]
                if not path.startswith(page.url) or path == page.url:
                    continue
                try:
                    view, _args, _kwargs = page.resolve_subpage("/" + path[len(page.url):])
                except Exception:
                    continue
                if view.__name__ == subroute.name and len(target.urls) < URLS_PER_ROUTE:
                    target.urls.append(path)
            if not target.urls:
                target.urls.append(page.url + _PARAMETER.sub("sample", str(subroute.pattern)))
    return list(by_route.values())


class RecordingQueryDict(QueryDict):
    """A QueryDict that notes every key a view looks up."""

    seen = set()

    def __getitem__(self, key):
        RecordingQueryDict.seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        RecordingQueryDict.seen.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        RecordingQueryDict.seen.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        RecordingQueryDict.seen.add(key)
        return super().__contains__(key)


def discover_parameters(client, target):
    """Fill in the query parameters `target` reads and the forms its pages post."""
    for url in target.urls:
        RecordingQueryDict.seen = set()
        with mock.patch("django.core.handlers.wsgi.QueryDict", RecordingQueryDict):
            response = client.get(url, follow=True)
        target.query_names |= RecordingQueryDict.seen
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in parsed_page(response.content.decode()).forms:
            names = form["names"] - {"csrfmiddlewaretoken"}
            if form["method"] == "get" and (form["action"] in ("", url)):
                target.query_names |= names
            elif form["method"] == "post":
                action = form["action"] or response.request["PATH_INFO"]
                hidden = {name: value for name, value in form["hidden"].items() if name in names}
                target.post_forms.append((action, sorted(names), hidden))
    # The language switcher's and the CSRF token's names are not the view's own.
    target.query_names.discard("csrfmiddlewaretoken")
    return target
