"""Hostile input on every public route: never a server error, never a slow answer.

Targets and their parameters are discovered (see targets.py); this file only
sends every class of hostile value to every route at least once, rotating
over the route's URLs and parameters instead of trying the full cross product.
"""

import itertools
import time
from urllib.parse import quote

import pytest
from django.core.cache import cache

from submissions.protection import HONEYPOT_FIELD
from tests.fuzz.targets import public_routes
from tests.fuzz.values import PATH_IDS, PATH_SLUGS, REPEATED_TIMES, UNKNOWN_PARAMETER, VALUE_CLASSES

pytestmark = pytest.mark.django_db

# No public request may take longer than this, whatever it carries.
SLOW_REQUEST_SECONDS = 2.0
FORM_ENCODED = "application/x-www-form-urlencoded"


class Attack:
    """Sends requests and keeps every one that failed or was slow."""

    def __init__(self, client):
        self.client, self.failures, self.sent = client, [], 0

    def send(self, method, url, **options):
        if method == "post":
            # The forms limit posts per connection; every post should reach the form's checks.
            cache.clear()
        started = time.perf_counter()
        if method == "get":
            response = self.client.get(url)
        else:
            response = self.client.post(url, **options)
        elapsed = time.perf_counter() - started
        self.sent += 1
        shown = url if len(url) < 160 else url[:160] + f"… ({len(url)} characters)"
        body = options.get("data")
        if isinstance(body, str):
            shown += f" with {body[:160]}" + ("…" if len(body) > 160 else "")
        if response.status_code >= 500:
            self.failures.append(f"answered {response.status_code}: {method.upper()} {shown}")
        elif elapsed > SLOW_REQUEST_SECONDS:
            self.failures.append(f"took {elapsed:.1f} s: {method.upper()} {shown}")
        return response

    def report(self):
        return f"{len(self.failures)} of {self.sent} requests failed:\n" + "\n".join(self.failures[:50])


def _rotation():
    """Each value class's values in turn, across routes, so that every value is sent
    somewhere while each route gets every class but not every value."""
    return {name: itertools.cycle(values) for name, values in VALUE_CLASSES.items()}


def _query_strings(names, next_value):
    """Per value class: one value in one of the route's parameters (each in turn), and one
    value in all of them at once; then a repeated and an unknown parameter."""
    names = sorted(names) or ["q"]
    rotation = itertools.cycle(names)
    for value_class in VALUE_CLASSES:
        yield value_class, f"{next(rotation)}={next(next_value[value_class])}"
        value = next(next_value[value_class])
        yield value_class, "&".join(f"{name}={value}" for name in names)
    yield "repeated parameter", "&".join([f"{next(rotation)}=1"] * REPEATED_TIMES)
    yield "unknown parameter", f"{UNKNOWN_PARAMETER}=1&{names[0]}=%C2%B2"


def test_every_public_route_is_a_target(fuzz_targets):
    covered = {target.route for target in fuzz_targets}
    routes = [key for key, (_text, _localized, is_regex, _name) in public_routes().items() if not is_regex]
    assert set(routes) <= covered
    # Wagtail's page route stands for the page tree: every page type a reader can reach.
    assert {"page HomePage", "page PracticeIndexPage", "page PracticePage"} <= covered
    landings = [t for t in fuzz_targets if t.route.startswith("page PracticeIndexPage ")]
    assert len(landings) >= 4
    assert all(target.urls for target in fuzz_targets)


def test_discovery_finds_the_parameters_views_read(fuzz_targets):
    by_route = {target.route: target for target in fuzz_targets}
    assert {"q", "page", "oblast", "year", "sort"} <= by_route["page PracticeIndexPage"].query_names
    assert {"q", "page", "year"} <= by_route["<language>/search/"].query_names
    assert by_route["<language>/replicate/<db_id:page_id>/"].post_forms


def test_hostile_query_parameters_never_fail_or_stall(fuzz_targets, fuzz_client):
    attack, next_value = Attack(fuzz_client), _rotation()
    for target in fuzz_targets:
        urls = itertools.cycle(target.urls)
        for _value_class, query in _query_strings(target.query_names, next_value):
            attack.send("get", f"{next(urls)}?{query}")
    assert not attack.failures, attack.report()


def test_hostile_path_segments_never_fail_or_stall(fuzz_targets, fuzz_client):
    attack = Attack(fuzz_client)
    for target in fuzz_targets:
        if not target.parameters:
            continue
        url = target.urls[0]
        # The route's own pattern tells which segment holds which parameter; a
        # landing page's slug or a replication id is the last one.
        segments = url.rstrip("/").split("/")
        for _name, converter in target.parameters:
            hostile = PATH_IDS if converter in ("int", "db_id") else PATH_SLUGS
            for value in hostile:
                for index, segment in enumerate(segments):
                    if segment and segment.isascii() and (segment.isdigit() or segment == "sample"
                                                          or index == len(segments) - 1):
                        changed = segments[:index] + [value] + segments[index + 1:]
                        attack.send("get", "/".join(changed) + ("/" if url.endswith("/") else ""))
                        break
    assert not attack.failures, attack.report()
    assert attack.sent >= len([t for t in fuzz_targets if t.parameters])


def test_hostile_form_posts_never_fail_or_stall(fuzz_targets, fuzz_client, settings):
    # Posts sent at once must still reach the form's own checks, not only the robot checks.
    settings.SUBMISSIONS_MIN_FILL_SECONDS = 0
    attack = Attack(fuzz_client)
    with_forms = [target for target in fuzz_targets if target.post_forms]
    assert with_forms, "no public page shows a form that posts"
    for target in with_forms:
        forms = itertools.cycle(dict.fromkeys((action, tuple(names), tuple(hidden.items()))
                                              for action, names, hidden in target.post_forms))
        for _value_class, values in VALUE_CLASSES.items():
            action, names, hidden = next(forms)
            # Hostile values go in the fields a person fills; the page's own hidden values
            # (the start time) are kept and the field robots fill stays empty.
            typed = [name for name in names if name not in dict(hidden) and name != HONEYPOT_FIELD] or ["q"]
            kept = "&".join(f"{name}={quote(value, safe='')}" for name, value in hidden)
            for value in values:
                every = "&".join(f"{name}={value}" for name in typed)
                attack.send("post", action, data=f"{every}&{kept}", content_type=FORM_ENCODED)
            # Everything hostile, the hidden fields too.
            everything = "&".join(f"{name}={values[0]}" for name in names)
            attack.send("post", action, data=everything, content_type=FORM_ENCODED)
        repeated = "&".join([f"{typed[0]}=1"] * REPEATED_TIMES)
        attack.send("post", action, data=f"{repeated}&{kept}", content_type=FORM_ENCODED)
        # A multipart body, as the browser sends a form with a file field.
        attack.send("post", action, data={**dict(hidden), **{name: ["²", "\x00", "9" * 5000] for name in typed}})
    assert not attack.failures, attack.report()
