"""The moderators' queue: practices waiting for review, by oblast and by how long they have waited.

Wagtail's workflow keeps the queue (a workflow state per submitted page);
this report shows it the way SALSGIER works through it: oldest first, with
the oblast, who submitted it, and links to the page's history. Who changed
and published what is Wagtail's audit log, linked from here.
"""

import django_filters
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from moderation.workflows import page_workflow_states
from practices.models import Oblast, PracticeLocation, PracticePage


def pending_practices():
    """Practices in a workflow now, each with when and by whom it was submitted and its first oblast."""
    states = (
        page_workflow_states()
        .filter(object_id=Cast(OuterRef("pk"), CharField()), status=WorkflowState.STATUS_IN_PROGRESS)
        .order_by("-created_at")
    )
    first_location = PracticeLocation.objects.filter(page=OuterRef("pk")).order_by("sort_order", "pk")
    return (
        PracticePage.objects.annotate(
            submitted_at=Subquery(states.values("created_at")[:1]),
            submitted_by=Subquery(states.values("requested_by__username")[:1]),
            oblast_id=Subquery(first_location.values("oblast_id")[:1]),
        )
        .filter(submitted_at__isnull=False)
        .select_related("locale")
    )


def may_moderate(user):
    return user.is_active and PagePermissionPolicy().user_has_any_permission(user, {"publish"})


class PendingFilterSet(WagtailFilterSet):
    oblast = django_filters.ModelChoiceFilter(
        label=_("Oblast"),
        queryset=Oblast.objects.all(),
        method="in_oblast",
        to_field_name="slug",
    )

    class Meta:
        model = PracticePage
        fields = []

    def in_oblast(self, queryset, name, value):
        return queryset.filter(pk__in=PracticeLocation.objects.filter(oblast=value).values("page_id"))


class WaitingColumn(Column):
    def get_value(self, instance):
        days = (timezone.now() - instance.submitted_at).days if instance.submitted_at else 0
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


class OblastColumn(Column):
    def get_value(self, instance):
        oblast = getattr(instance, "oblast", None)
        return oblast.name if oblast else "—"


class PendingPracticesView(ReportView):
    page_title = _("Practices waiting for review")
    header_icon = "tasks"
    index_url_name = "pending_practices"
    index_results_url_name = "pending_practices_results"
    results_template_name = "moderation/pending_results.html"
    filterset_class = PendingFilterSet
    default_ordering = "submitted_at"
    # What is under review is the latest draft. `title` is what readers see now,
    # and a new translation's holds its source's words until it is published.
    columns = [
        TitleColumn(
            "draft_title", label=_("Practice"), url_name="wagtailadmin_pages:edit", sort_key="draft_title"
        ),
        Column("language", label=_("Language")),
        OblastColumn("oblast", label=_("Oblast")),
        Column("submitted_by", label=_("Submitted by")),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        WaitingColumn("waiting", label=_("Waiting")),
    ]
    list_export = ["draft_title", "language", "oblast_name", "submitted_by", "submitted_at", "waiting_days"]
    export_headings = {
        "draft_title": _("Practice"),
        "language": _("Language"),
        "oblast_name": _("Oblast"),
        "submitted_by": _("Submitted by"),
        "submitted_at": _("Submitted"),
        "waiting_days": _("Days waiting"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_moderate(request.user):
            from wagtail.admin.auth import permission_denied

            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return pending_practices()

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        oblasts = Oblast.objects.in_bulk({page.oblast_id for page in pages if page.oblast_id})
        now = timezone.now()
        for page in pages:
            page.oblast = oblasts.get(page.oblast_id)
            page.oblast_name = page.oblast.name if page.oblast else ""
            page.language = page.locale.get_display_name()
            page.waiting_days = (now - page.submitted_at).days if page.submitted_at else 0
        return pages

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history_url"] = reverse("wagtailadmin_reports:site_history")
        return context
