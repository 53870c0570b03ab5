"""The practice's add and edit views in the admin, as Wagtail's with two additions.

- A new practice starts in the municipality its add link names
  (`?municipality=<slug>`, as the contributor's dashboard writes it); the
  practice form keeps a contributor to their own municipalities whatever the
  link says.
- While the moderators' request for changes waits, the edit form opens with
  their comment in full: Wagtail shows it only behind the status side panel.
- A form that cannot be saved says which tabs hold its errors, and what they
  are: on a phone only the open tab shows, and an error on another (a slug
  already in use, on "Promote") would stay out of sight.
- A save that reaches the add view after Wagtail's autosave has already
  created the practice from the same form edits that practice (see
  PracticeCreateView.post).

The explorer keeps Wagtail's own listing of the practice lists.
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import F
from django.urls import resolve, reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet

from moderation.tab_errors import tab_errors_message
from moderation.workflows import changes_requested
from portal.parsing import parse_slug
from practices.models import Municipality, PracticePage

MUNICIPALITY_PARAMETER = "municipality"
# How long after the autosave created a practice the same form may still post
# to the add view: the autosave's answer, and the switch of the form to the
# edit view, take a few seconds on a slow mobile connection.
AUTOSAVE_CREATION_WINDOW = timedelta(minutes=2)


def municipality_named(value):
    """The municipality whose slug `value` is, or None for anything else."""
    slug = parse_slug(value)
    if slug is None:
        return None
    return Municipality.objects.filter(slug=slug).first()


class TabErrorsMixin:
    def form_invalid(self, form):
        response = super().form_invalid(form)
        if not self.expects_json_response:
            message = tab_errors_message(self.edit_handler, form)
            if message is not None:
                messages.error(self.request, message)
        return response


class PracticeCreateView(TabErrorsMixin, CreateView):
    def get(self, request):
        municipality = municipality_named(request.GET.get(MUNICIPALITY_PARAMETER))
        if municipality is not None:
            self.form_class = partial(self.form_class, municipality=municipality)
        return super().get(request)

    def post(self, request):
        """Create the practice, or edit it when the autosave of this same form has just created it.

        Wagtail autosaves a new page by posting the add form in the background;
        until its answer switches the form over to the edit view, "Save draft"
        posts the same form, with the same slug, to the add view again. That
        would be refused ("slug already in use") however often the user tried.
        Posts to the add view under one practice list take their turn (the
        list's row is locked first), so the second sees the first's practice
        and is handed to the edit view.
        """
        with transaction.atomic():
            # Locks the list's row on PostgreSQL and takes SQLite's write lock:
            # two add forms cannot both find the slug free and both add a child.
            type(self.parent_page).objects.filter(pk=self.parent_page.pk).update(numchild=F("numchild"))
            just_created = self._practice_autosaved_from_this_form()
            if just_created is not None:
                return self._edit(just_created)
            return super().post(request)

    def _practice_autosaved_from_this_form(self):
        """The draft this user created under the same list, with the slug this form sends, moments ago."""
        slug = self.request.POST.get("slug")
        if not slug:
            return None
        page = (
            PracticePage.objects.child_of(self.parent_page)
            .filter(slug=slug, owner=self.request.user, live=False, first_published_at__isnull=True)
            .select_related("latest_revision")
            .first()
        )
        if page is None or page.latest_revision is None:
            return None
        revisions = page.revisions.all()
        recent = timezone.now() - AUTOSAVE_CREATION_WINDOW
        if revisions.exclude(user=self.request.user).exists() or revisions.filter(created_at__lt=recent).exists():
            return None
        return page

    def _edit(self, page):
        match = resolve(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        return match.func(self.request, *match.args, **match.kwargs)


class PracticeEditView(TabErrorsMixin, EditView):
    def get_template_names(self):
        return [
            "moderation/practice_edit.html" if name == "wagtailadmin/pages/edit.html" else name
            for name in super().get_template_names()
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.expects_json_response:
            context["changes_requested"] = changes_requested([self.page.pk]).get(self.page.pk)
        return context


class PracticePageViewSet(PageViewSet):
    model = PracticePage
    # Registered for the practice only: as the practice lists' viewset it
    # would also replace their listing in the explorer.
    parent_models = []
    add_view_class = PracticeCreateView
    edit_view_class = PracticeEditView
