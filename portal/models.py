"""The home page and the plain content pages every section can use."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from portal.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from practices.browse import localized_practices
from practices.models import Oblast, PracticeIndexPage, PracticeLocation, ServiceType

LATEST_ON_HOME = 6


class HomePage(Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["practices.PracticeIndexPage", "portal.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        practices = localized_practices()
        index = PracticeIndexPage.objects.live().child_of(self).first()
        oblast_counts = dict(
            PracticeLocation.objects.filter(page__in=practices)
            .order_by()
            .values("oblast")
            .annotate(n=Count("page", distinct=True))
            .values_list("oblast", "n")
        )
        service_counts = dict(
            practices.order_by()
            .values("service_types")
            .annotate(n=Count("pk", distinct=True))
            .values_list("service_types", "n")
        )
        context.update(
            {
                "practice_index": index,
                "latest_practices": practices.order_by("-first_published_at", "-pk")
                .prefetch_related("locations__oblast", "locations__municipality")[:LATEST_ON_HOME],
                "practice_total": practices.count(),
                "oblasts": [(o, oblast_counts.get(o.pk, 0)) for o in Oblast.objects.all()],
                "service_types": [
                    (s, service_counts.get(s.pk, 0)) for s in ServiceType.objects.all()
                ],
            }
        )
        return context


class StandardPage(Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")
