"""The admin dashboard's panels for the people who write practices.

A municipal contributor sees their municipality's practices with where each
stands (the moderators' comment in full when they asked for changes), a
button that opens the practice form with the municipality filled in, and the
municipalities asking to replicate their practices. All of it is fetched
through the contributor's scope (moderation.permissions), so nothing of
another municipality reaches this page. Editors and moderators see the
practices they submitted that wait for their changes; moderators also keep
the queue's panel (moderation.wagtail_hooks).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Case, CharField, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, TaskState, WorkflowState

from moderation.models import ContributorProfile
from moderation.permissions import contributor_scope, practices_in_scope
from moderation.practice_views import MUNICIPALITY_PARAMETER
from moderation.workflows import changes_requested, page_workflow_states
from practices.models import PracticeIndexPage, PracticePage
from replication.models import requests_for_practices

PRACTICES_SHOWN = 30
REQUESTS_SHOWN = 10

CHANGES_REQUESTED = "changes_requested"
DRAFT = "draft"
IN_MODERATION = "in_moderation"
SCHEDULED = "scheduled"
PUBLISHED_WITH_DRAFT = "published_with_draft"
PUBLISHED = "published"

# In the order the dashboard lists them: what waits on the contributor first.
PROGRESS_LABELS = {
    CHANGES_REQUESTED: _("Changes requested"),
    DRAFT: _("Draft"),
    IN_MODERATION: _("In moderation"),
    SCHEDULED: _("Approved, to be published"),
    PUBLISHED_WITH_DRAFT: _("Published, with changes not yet submitted"),
    PUBLISHED: _("Published"),
}
PROGRESS_ORDER = list(PROGRESS_LABELS)


def _progress_rank():
    # Checked in this order: a page in moderation is also not live, a
    # scheduled one is approved but not live yet.
    conditions = [
        (CHANGES_REQUESTED, Q(workflow_status=WorkflowState.STATUS_NEEDS_CHANGES)),
        (IN_MODERATION, Q(workflow_status=WorkflowState.STATUS_IN_PROGRESS)),
        (SCHEDULED, Q(_approved_schedule=True)),
        (DRAFT, Q(live=False)),
        (PUBLISHED_WITH_DRAFT, Q(has_unpublished_changes=True)),
    ]
    return Case(
        *(When(condition, then=Value(PROGRESS_ORDER.index(name))) for name, condition in conditions),
        default=Value(PROGRESS_ORDER.index(PUBLISHED)),
        output_field=IntegerField(),
    )


def practices_with_progress(pages):
    """`pages` (practices), each annotated with its `progress_rank`, what waits on its authors first."""
    workflow = page_workflow_states().active().filter(object_id=Cast(OuterRef("pk"), CharField()))
    return (
        pages.annotate(workflow_status=Subquery(workflow.values("status")[:1]))
        .annotate_approved_schedule()
        .annotate(progress_rank=_progress_rank())
        .select_related("locale")
        .order_by("progress_rank", F("latest_revision_created_at").desc(nulls_last=True), "-pk")
    )


def municipality_practices(scope):
    """The practices of the `scope` municipalities, translations included; aliases are copies, not practices."""
    return PracticePage.objects.filter(pk__in=practices_in_scope(scope), alias_of__isnull=True)


@dataclass
class PracticeRow:
    page: PracticePage
    progress: str
    changes: TaskState | None
    # Only for a practice outside the portal's default language.
    language: str

    @property
    def progress_label(self):
        return PROGRESS_LABELS[self.progress]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def practice_rows(pages):
    """One row per annotated practice in `pages`, with the comment of any request for changes."""
    pages = list(pages)
    changes = changes_requested([page.pk for page in pages])
    default_locale_id = Locale.get_default().pk
    return [
        PracticeRow(
            page=page,
            progress=PROGRESS_ORDER[page.progress_rank],
            changes=changes.get(page.pk),
            language="" if page.locale_id == default_locale_id else page.locale.get_display_name(),
        )
        for page in pages
    ]


@dataclass
class AddLink:
    url: str
    language: str
    language_code: str


def add_practice_links(user, municipality=None):
    """Where `user` may add a practice: one link per practice list, the portal's languages in order."""
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    indexes = sorted(
        PracticeIndexPage.objects.select_related("locale"),
        key=lambda index: (
            order.index(index.locale.language_code) if index.locale.language_code in order else len(order)
        ),
    )
    query = f"?{urlencode({MUNICIPALITY_PARAMETER: municipality.slug})}" if municipality else ""
    return [
        AddLink(
            url=reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk]) + query,
            language=index.locale.get_display_name(),
            language_code=index.locale.language_code,
        )
        for index in indexes
        if index.permissions_for_user(user).can_add_subpage()
    ]


class DashboardPanel(Component):
    # Long Kyrgyz titles and comments must wrap on a phone rather than widen the page.
    class Media:
        css = {"all": ["css/admin.css"]}


class MunicipalityPanel(DashboardPanel):
    """A panel about the practices within a contributor's scope."""

    def __init__(self, scope):
        self.scope = scope


class ContributorPracticesPanel(MunicipalityPanel):
    """A contributor's municipality's practices, where each stands, and the way to add one."""

    name = "contributor_practices"
    order = 40
    template_name = "moderation/dashboard/contributor_practices.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        profile = ContributorProfile.objects.filter(user=user).select_related("municipality").first()
        municipality = profile.municipality if profile else None
        pages = municipality_practices(self.scope)
        rows = practice_rows(practices_with_progress(pages)[:PRACTICES_SHOWN])
        return {
            "municipality": municipality,
            "add_links": add_practice_links(user, municipality) if municipality else [],
            "rows": rows,
            "total": pages.count() if len(rows) == PRACTICES_SHOWN else len(rows),
        }


class ReplicationRequestsPanel(MunicipalityPanel):
    """Municipalities that asked to do one of the contributor's municipality's practices too."""

    name = "replication_requests"
    order = 45
    template_name = "moderation/dashboard/replication_requests.html"

    def get_context_data(self, parent_context):
        requests = requests_for_practices(municipality_practices(self.scope)).select_related("municipality")
        return {"requests": list(requests[:REQUESTS_SHOWN]), "shown": REQUESTS_SHOWN}


class SubmittedChangesRequestedPanel(DashboardPanel):
    """For editors and moderators: what they submitted that the moderators sent back, with the comment."""

    name = "submitted_changes_requested"
    order = 45
    template_name = "moderation/dashboard/changes_requested.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        submitted = page_workflow_states().filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES, requested_by=user
        )
        pages = PracticePage.objects.filter(
            pk__in=submitted.annotate(page_id=Cast("object_id", IntegerField())).values("page_id")
        )
        return {"rows": practice_rows(practices_with_progress(pages)[:PRACTICES_SHOWN])}


def dashboard_panels(user):
    """The panels above for `user`, by role."""
    scope = contributor_scope(user)
    if scope is not None:
        return [ContributorPracticesPanel(scope), ReplicationRequestsPanel(scope)]
    return [SubmittedChangesRequestedPanel()]
