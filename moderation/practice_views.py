"""The practice's add and edit views in the admin, as Wagtail's with two additions.

- A new practice starts in the municipality its add link names
  (`?municipality=<slug>`, as the contributor's dashboard writes it); the
  practice form keeps a contributor to their own municipalities whatever the
  link says.
- While the moderators' request for changes waits, the edit form opens with
  their comment in full: Wagtail shows it only behind the status side panel.

The explorer keeps Wagtail's own listing of the practice lists.
"""

from functools import partial

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet

from moderation.workflows import changes_requested
from portal.parsing import parse_slug
from practices.models import Municipality, PracticePage

MUNICIPALITY_PARAMETER = "municipality"


def municipality_named(value):
    """The municipality whose slug `value` is, or None for anything else."""
    slug = parse_slug(value)
    if slug is None:
        return None
    return Municipality.objects.filter(slug=slug).first()


class PracticeCreateView(CreateView):
    def get(self, request):
        municipality = municipality_named(request.GET.get(MUNICIPALITY_PARAMETER))
        if municipality is not None:
            self.form_class = partial(self.form_class, municipality=municipality)
        return super().get(request)


class PracticeEditView(EditView):
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
