"""Every role against every admin route: who may see which municipality's drafts.

The README promises that a municipal contributor sees their own municipality's
drafts and nothing unpublished of anyone else's, while editors and moderators
see everything. A rule checked on two listings leaks through the rest, so the
routes are not listed here: they are walked from Django's URL resolver, and
every route that takes a page, a revision or a workflow step is filled with
each case's ids. The roles come from moderation.roles.ROLES, so a role added
later must get a row in SEES before this module passes.

The cases, all in the Kyrgyz practice list:

- OWN: a draft of Katran ayil aimak, the contributor's municipality;
- OTHER: a Bosteri draft made from a submission on the public form;
- PENDING: an Ak-Chiy practice that is live, with an edit waiting for review.

Each case has a marker, a word that shows only where its unpublished content
does: in a page a role must not see it is a leak, in a page a role must see
(MUST_SHOW) its absence means the scope is too tight.
"""

import itertools
import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS, ROLES
from moderation.workflows import WORKFLOW_NAME
from practices.models import PracticePage
from submissions.models import PracticeSubmission
from submissions.protection import started_token
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE
from tests.submissions import files

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
SUPERUSER = "superuser"
MATRIX_ROLES = (ANONYMOUS, *ROLES, SUPERUSER)

OWN = "own municipality's draft"
OTHER = "other municipality's draft"
PENDING = "other municipality's pending edit"
CASES = (OWN, OTHER, PENDING)

# Which cases each role may see anywhere in the admin.
SEES = {
    ANONYMOUS: set(),
    MODERATORS: {OWN, OTHER, PENDING},
    EDITORS: {OWN, OTHER, PENDING},
    CONTRIBUTORS: {OWN},
    SUPERUSER: {OWN, OTHER, PENDING},
}
# The municipality on the role's contributor profile, where the role has one.
ROLE_MUNICIPALITY = {CONTRIBUTORS: "katran"}

# "борбору" is in every case's title, so one search finds them all.
SEARCH_WORD = "борбору"
AK_CHIY_TITLE = "Ак-Чий айылындагы маданият борбору"
AK_CHIY_EDIT = f"{AK_CHIY_TITLE} кеңейди"

# Where a case the role may see must show up: the explorer, admin search,
# the page chooser and the admin API list it, the editor, previews and
# revisions show its content.
MUST_SHOW = {
    "wagtailadmin_explore",
    "wagtailadmin_pages:search",
    "wagtailadmin_pages:search_results",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_api:pages:listing",
    "wagtailadmin_api:pages:detail",
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:revisions_view",
}

# Routes about other things than pages: reference data, users, groups, sites,
# settings and so on. Those that take no parameters are still probed, for
# errors and leaks; those that take one are not filled.
NOT_ABOUT_PAGES = re.compile(
    r"^admin/(settings|users|groups|snippets|collections|locales|sites|redirects|searchpicks"
    r"|workflows/(?!remove)|password_reset|tag-autocomplete|translation/submit/snippet)/"
    r"|^documents/authenticate_with_password/"
)
# Drafts' photos and attachments: the documents and images part of the matrix.
FILE_ROUTES = re.compile(r"^admin/(images|documents)/|^admin/api/main/\^(images|documents)/|^documents/")

NOT_PROBED = {
    "wagtailadmin_error_test": "raises on purpose, to test the error page",
    "wagtailadmin_logout": "ends the session the rest of the matrix runs in",
    "share_practice_received": "reached only through a signed link to a submission's receipt",
    "wagtailcore_authenticate_with_password": "needs a page view restriction; practices have none",
    "wagtailimages:create_multiple_from_uploaded_image": "takes an upload in progress, not a stored image",
    "wagtailimages:delete_upload_multiple": "takes an upload in progress, not a stored image",
    "wagtaildocs:create_multiple_from_uploaded_document": "takes an upload in progress, not a stored document",
    "wagtaildocs:delete_upload_multiple": "takes an upload in progress, not a stored document",
}

# Routes that list or search pages: probed plain and with a word of every case's title.
LISTING = re.compile(
    r"^admin/$|^admin/pages/(search/|(results/)?$|<int:parent_page_id>/)|^admin/choose-page/"
    r"|^admin/api/main/\^pages/$|^admin/reports/|^ky/search/|^api/(search|autocomplete)/"
)

PAGE_PARAMS = {
    "page_id",
    "parent_page_id",
    "page_to_move_id",
    "destination_id",
    "page_pk",
    "object_id",
    "revision_id",
    "revision_id_a",
    "revision_id_b",
    "workflow_state_id",
    "task_state_id",
}
FILE_PARAMS = {"image_id", "document_id", "doc_id", "filter_spec", "uploaded_file_id"}
# `pk` names a page on routes about pages, an image or document on theirs.
PK_ROUTES = re.compile(r"^admin/(pages|api/main/\^pages|images|documents|api/main/\^(images|documents))/")


@dataclass
class Case:
    key: str
    page: PracticePage
    marker: str
    submission: PracticeSubmission | None = None
    # A word of its documents' titles, which need not repeat the page's.
    file_marker: str | None = None
    image_ids: list = field(default_factory=list)
    document_ids: list = field(default_factory=list)


@dataclass
class Route:
    path: str
    name: str | None
    params: tuple
    positional: int

    @property
    def key(self):
        return self.name or self.path


def admin_routes():
    """Every route of the site as (pattern text, name, parameter names), from the resolver."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
                yield prefix + str(pattern.pattern), name

    with translation.override("ky"):
        found = list(walk(get_resolver().url_patterns))
    named_paths = {path for path, name in found if name}
    routes = []
    for path, name in found:
        if name is None and path in named_paths:
            # moderation.admin_urls puts its own view at a Wagtail route's
            # address; probing the named route reaches it.
            continue
        named = re.findall(r"<(?:\w+:)?(\w+)>", path) + re.findall(r"\(\?P<(\w+)>", path)
        positional = len(re.findall(r"\((?!\?)", path))
        routes.append(Route(path, name, tuple(named), positional))
    return routes


ROUTES = admin_routes()


def _page_values(case, index):
    page = case.page
    revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
    workflow_state = page.current_workflow_state
    task_state = workflow_state.current_task_state if workflow_state else None
    values = {
        "page_id": (page.pk,),
        "page_pk": (page.pk,),
        "page_to_move_id": (page.pk,),
        # The practice list shows the case among its children; the case as
        # parent shows it in the header and breadcrumbs.
        "parent_page_id": (index.pk, page.pk),
        "destination_id": (index.pk,),
        "revision_id": (revisions[-1],),
        "revision_id_a": (revisions[0],),
        "revision_id_b": (revisions[-1],),
        "content_type_app_name": ("practices",),
        "content_type_model_name": ("practicepage",),
        "app_label": ("practices",),
        "model_name": ("practicepage",),
        "action_name": ("approve", "reject"),
    }
    if workflow_state:
        values["workflow_state_id"] = (workflow_state.pk,)
        values["workflow_pk"] = (workflow_state.workflow_id,)
    if task_state:
        values["task_state_id"] = (task_state.pk,)
        values["task_id"] = (task_state.task_id,)
    return values


# Routes whose parameters mean something else than their names say elsewhere.
def _route_values(route, case, index):
    values = _page_values(case, index)
    if PK_ROUTES.match(route.path):
        values["pk"] = (case.page.pk,)
    if route.name == "wagtail_bulk_action":
        values.update(
            app_label=("wagtailcore",),
            model_name=("page",),
            action=("delete", "move", "publish", "unpublish"),
        )
    if route.name == "wagtailadmin_editing_sessions:ping":
        values.update(
            app_label=("wagtailcore",), model_name=("page",), object_id=(case.page.pk,), session_id=(1,)
        )
    if route.name and route.name.startswith("shared_practices:") and case.submission:
        values["pk"] = (case.submission.pk,)
    if route.name == "wagtailadmin_api:pages:action":
        values["action_name"] = ("publish",)
    if FILE_ROUTES.search(route.path):
        ids = case.image_ids if "images" in route.path else case.document_ids
        for name in ("pk", "image_id", "document_id", "doc_id"):
            values.pop(name, None)
            if ids:
                values[name] = tuple(ids)
        values["filter_spec"] = ("original", "max-165x165")
        if "document_filename" in route.params and ids:
            from wagtail.documents import get_document_model

            values["document_filename"] = tuple(
                document.filename for document in get_document_model().objects.filter(pk__in=ids)
            )
    return values


def _positional_values(route, case):
    if route.name == "wagtail_serve":
        # The case's public address, below the language prefix.
        return (case.page.url_path.split("/", 2)[2],)
    if route.name == "wagtaildocs_serve" and case.document_ids:
        from wagtail.documents import get_document_model

        document = get_document_model().objects.get(pk=case.document_ids[0])
        return (document.pk, document.filename)
    return None


def _with_query(url, route, query=None):
    query = dict(query or {})
    if LISTING.search(route.path):
        query["search" if "api/" in route.path else "q"] = SEARCH_WORD
    return f"{url}?{urlencode(query, doseq=True)}" if query else url


def route_urls(route, case, index, all_cases=()):
    """The GET addresses that probe `route` for `case`; empty when its parameters don't fit the case."""
    values = _route_values(route, case, index)
    positional = ()
    if route.positional:
        positional = _positional_values(route, case)
        if positional is None:
            return []
    if any(name not in values for name in route.params):
        return []
    query = {}
    if route.name == "wagtail_bulk_action":
        # One confirmation page for all the cases, as when they are ticked together.
        query["id"] = [other.page.pk for other in all_cases] or [case.page.pk]
    urls = []
    for combination in itertools.product(*(values[name] for name in route.params)):
        with translation.override("ky"):
            try:
                if positional:
                    url = reverse(route.name, args=positional)
                else:
                    url = reverse(route.name, kwargs=dict(zip(route.params, combination, strict=True)))
            except NoReverseMatch:
                continue
        urls.append(_with_query(url, route, query))
    return urls


def plain_urls(route):
    """A route without parameters, plain and, for a listing, searched."""
    if route.name is None:
        path = route.path.replace("^", "").replace("$", "")
        if "(" in path or "*" in path:
            return []
        url = "/" + path
    else:
        with translation.override("ky"):
            url = reverse(route.name)
    return list(dict.fromkeys([url, _with_query(url, route)]))


def probes(route, cases, index):
    """Each address probing `route`, with the cases it is about (all of them for a listing)."""
    if not route.params and not route.positional:
        # A listing shows the cases when searched for them.
        urls = plain_urls(route)
        return {url: list(cases) if url == urls[-1] else [] for url in urls}
    found = {}
    for case in cases:
        for url in route_urls(route, case, index, cases):
            found.setdefault(url, []).append(case)
    return found


def is_about_pages(route):
    params = set(route.params)
    return bool(
        params & (PAGE_PARAMS | FILE_PARAMS)
        or (params & {"pk"} and PK_ROUTES.match(route.path))
        or route.positional
    ) and not NOT_ABOUT_PAGES.search(route.path)


def probed_routes(files=False):
    """The routes the page matrix probes (or, with `files`, the files matrix), in the order it probes them."""
    return [
        route
        for route in ROUTES
        if route.key not in NOT_PROBED
        and bool(FILE_ROUTES.search(route.path)) is files
        and (not route.params and not route.positional or is_about_pages(route))
        and route.path.startswith(("admin/", "ky/", "api/", "language/", "sitemap", "documents/"))
    ]


def spellings(word):
    """The word as a page may carry it: as is, escaped in JSON, and in an address."""
    escaped = json.dumps(word)[1:-1]
    return {word, escaped, escaped.upper().replace("\\U", "\\u"), quote(word), quote(word).lower()}


def body_text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def shows(text, case):
    return any(spelling in text for spelling in spellings(case.marker))


# The cases -------------------------------------------------------------------


def share_bosteri_practice(django_capture_on_commit_callbacks):
    """The Bosteri draft, sent on the public form with a photo and a document, as a reader would."""
    from django.core.cache import cache

    from practices.models import Municipality, ServiceType

    data = {
        "title": BOSTERI_TITLE,
        "municipality": str(Municipality.objects.get(slug="bosteri").pk),
        "service_types": [str(ServiceType.objects.get(slug="inclusive-education").pk)],
        "problem": BOSTERI_SUMMARY,
        "what_was_done": "Айыл өкмөтү имарат берип, мугалимдерди окутту.",
        "contact_name": "Айгүл Токтосунова",
        "contact_email": "bosteri@example.kg",
        "contact_consent": "on",
        "started": started_token(at=time.time() - 60),
        "photos": [files.jpeg("борбор.jpg")],
        "documents": [files.pdf("реабилитация-сметасы.pdf")],
    }
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/ky/share/", data)
    cache.clear()
    assert response.status_code == 302, body_text(response)
    submission = PracticeSubmission.objects.get(title=BOSTERI_TITLE)
    return submission, PracticePage.objects.get(pk=submission.page_id)


@pytest.fixture
def cases(practice, indexes, contributor, editor, katran_draft, django_capture_on_commit_callbacks):
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.start(katran_draft, contributor)

    submission, bosteri = share_bosteri_practice(django_capture_on_commit_callbacks)
    assert bosteri.current_workflow_state is not None

    ak_chiy = practice(title=AK_CHIY_TITLE, oblast="issyk-kul", municipality="ak-chiy")
    ak_chiy.title = AK_CHIY_EDIT
    ak_chiy.save_revision(user=editor, log_action=True)
    ak_chiy = PracticePage.objects.get(pk=ak_chiy.pk)
    workflow.start(ak_chiy, editor)
    ak_chiy.refresh_from_db()
    assert ak_chiy.live and ak_chiy.has_unpublished_changes

    return {
        OWN: Case(OWN, PracticePage.objects.get(pk=katran_draft.pk), marker="Алтын-Бешик"),
        OTHER: Case(
            OTHER,
            bosteri,
            marker="реабилитациялык",
            file_marker="сметасы",
            submission=submission,
            image_ids=[g.image_id for g in bosteri.gallery_images.all()],
            document_ids=[a.document_id for a in bosteri.attachments.all()],
        ),
        PENDING: Case(PENDING, ak_chiy, marker="кеңейди"),
    }


@pytest.fixture
def role_client(make_user, contributor):
    def client_for(role):
        client = Client(raise_request_exception=False)
        if role == CONTRIBUTORS:
            client.force_login(contributor)
        elif role == SUPERUSER:
            user = make_user("root")
            user.is_superuser = user.is_staff = True
            user.save()
            client.force_login(user)
        elif role != ANONYMOUS:
            slug = re.sub(r"\W+", "-", role.lower())
            client.force_login(make_user(slug, role, municipality=ROLE_MUNICIPALITY.get(role)))
        return client

    return client_for


# The tests -------------------------------------------------------------------


def test_every_role_has_an_expectation_row():
    missing = [role for role in MATRIX_ROLES if role not in SEES]
    assert not missing, f"roles with no row in SEES: {missing}"
    assert set(SEES) == set(MATRIX_ROLES), "SEES names a role that no longer exists"


def test_every_admin_route_about_pages_is_probed(cases, indexes):
    probed = {route.key for route in probed_routes() + probed_routes(files=True)}
    unfilled = []
    for route in ROUTES:
        if route.key in NOT_PROBED or not is_about_pages(route):
            continue
        if route.key not in probed or not probes(route, list(cases.values()), indexes["ky"]):
            unfilled.append(f"{route.path} ({route.name}) takes {route.params}")
    assert not unfilled, "routes about pages the matrix does not fill:\n" + "\n".join(unfilled)
    stale = set(NOT_PROBED) - {route.key for route in ROUTES}
    assert not stale, f"NOT_PROBED names routes that no longer exist: {stale}"


def probe(client, url):
    response = client.get(url)
    return response, body_text(response)


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_role_sees_only_the_drafts_it_may(role, cases, indexes, role_client):
    assert role in SEES, f"no row in SEES for {role!r}"
    client = role_client(role)
    hidden = [case for key, case in cases.items() if key not in SEES[role]]
    problems, requests = [], 0
    for route in probed_routes():
        for url, about in probes(route, list(cases.values()), indexes["ky"]).items():
            response, text = probe(client, url)
            requests += 1
            if response.status_code >= 500:
                problems.append(f"{response.status_code} on {url}")
                continue
            problems += [f"{case.key} shows on {url}" for case in hidden if shows(text, case)]
            if role != ANONYMOUS and route.name in MUST_SHOW:
                problems += [
                    f"{case.key} missing on {url} ({response.status_code})"
                    for case in about
                    if case.key in SEES[role] and not shows(text, case)
                ]
    assert requests > 100
    assert not problems, f"{role}: {len(problems)} problems in {requests} requests:\n" + "\n".join(problems)


# Where a draft's photos and attachments must show for those who may see it.
MUST_SHOW_FILES = {
    "wagtailimages:index",
    "wagtailimages_chooser:choose",
    "wagtaildocs:index",
    "wagtaildocs_chooser:choose",
}


def shows_files(text, case):
    return shows(text, case) or bool(
        case.file_marker and any(spelling in text for spelling in spellings(case.file_marker))
    )


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_role_sees_only_the_draft_files_it_may(role, cases, indexes, role_client):
    """The photo and the document sent with the Bosteri draft, in the admin and as public files."""
    client = role_client(role)
    hidden = [case for key, case in cases.items() if key not in SEES[role]]
    with_files = [case for case in cases.values() if case.image_ids or case.document_ids]
    problems, requests = [], 0
    for route in probed_routes(files=True):
        if route.params or route.positional:
            targets = probes(route, with_files, indexes["ky"])
        else:
            # The file listings are short enough to show every file unsearched.
            targets = {url: with_files for url in plain_urls(route)[:1]}
        for url, about in targets.items():
            response, text = probe(client, url)
            requests += 1
            if response.status_code >= 500:
                problems.append(f"{response.status_code} on {url}")
                continue
            problems += [f"{case.key} shows on {url}" for case in hidden if shows_files(text, case)]
            if (route.params or route.positional) and response.status_code == 200:
                problems += [f"{case.key} answered on {url}" for case in about if case in hidden]
            if role != ANONYMOUS and route.name in MUST_SHOW_FILES:
                problems += [
                    f"{case.key} missing on {url} ({response.status_code})"
                    for case in about
                    if case.key in SEES[role] and not shows_files(text, case)
                ]
    assert requests > 20
    assert not problems, f"{role}: {len(problems)} problems in {requests} requests:\n" + "\n".join(problems)


def test_draft_files_are_stored_under_names_nobody_can_guess(cases):
    # Media files are served without access checks, so a draft's photo must
    # not sit at an address made of the name the reader gave it.
    bosteri = cases[OTHER].page
    for gallery in bosteri.gallery_images.all():
        assert "борбор" not in gallery.image.file.name
    for attachment in bosteri.attachments.all():
        assert "сметасы" not in attachment.document.file.name
