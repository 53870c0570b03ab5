"""The practice list: filters, sorting, paging, and landing pages at readable URLs."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.blocks import RICH_TEXT_FEATURES
from portal.parsing import parse_page_number

from .taxonomy import Municipality, Oblast, Rayon, ServiceType

PER_PAGE = 12


class PracticeIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("practice list")

    @path("")
    def all_practices(self, request):
        return self.render_list(request)

    @path("oblast/<slug:slug>/")
    def oblast_landing(self, request, slug):
        oblast = get_object_or_404(Oblast, slug=slug)
        return self.render_list(request, fixed={"oblast": oblast}, landing=oblast)

    @path("rayon/<slug:slug>/")
    def rayon_landing(self, request, slug):
        rayon = get_object_or_404(Rayon, slug=slug)
        return self.render_list(request, fixed={"rayon": rayon}, landing=rayon)

    @path("municipality/<slug:slug>/")
    def municipality_landing(self, request, slug):
        municipality = get_object_or_404(Municipality, slug=slug)
        return self.render_list(request, fixed={"municipality": municipality}, landing=municipality)

    @path("service/<slug:slug>/")
    def service_landing(self, request, slug):
        service = get_object_or_404(ServiceType, slug=slug)
        return self.render_list(request, fixed={"service": service}, landing=service)

    def render_list(self, request, fixed=None, landing=None):
        # browse.py queries these models, so it can only be imported once the
        # models package has finished loading.
        from practices.browse import (
            SORTS,
            active_chips,
            apply_filters,
            facet_counts,
            filter_fields,
            localized_practices,
            parse_filters,
            sort_practices,
        )

        if request.method not in ("GET", "HEAD"):
            raise Http404
        filters = parse_filters(request.GET, fixed=fixed)
        base = localized_practices()
        results = sort_practices(apply_filters(base, filters), filters.sort)
        paginator = Paginator(
            results.select_related("locale").prefetch_related(
                "locations__oblast", "locations__municipality", "service_types"
            ),
            PER_PAGE,
        )
        page_number = request.GET.get("page", "1")
        page_obj = paginator.get_page(parse_page_number(page_number))
        fixed_names = set((fixed or {}).keys())
        context = self.get_context(request)
        context.update(
            {
                "filters": filters,
                "filter_fields": filter_fields(facet_counts(base, filters), fixed_names),
                "chips": active_chips(filters, request.GET, fixed_names),
                "page_obj": page_obj,
                "practices": page_obj.object_list,
                "landing": landing,
                "sorts": SORTS,
                "page_number_ignored": str(page_obj.number) != str(page_number).strip(),
                "breadcrumbs": self.landing_breadcrumbs(landing),
            }
        )
        template = "practices/practice_index_page.html"
        return TemplateResponse(request, template, context)

    def landing_url(self, kind, slug):
        return self.url + self.reverse_subpage(f"{kind}_landing", kwargs={"slug": slug})

    def landing_breadcrumbs(self, landing):
        """(label, url) pairs from the list down to `landing`, for the breadcrumb trail."""
        if landing is None:
            return [(self.title, None)]
        trail = [(self.title, self.url)]
        if isinstance(landing, ServiceType):
            return trail + [(landing.name, None)]
        oblast = getattr(landing, "oblast", None) if not isinstance(landing, Oblast) else None
        rayon = getattr(landing, "rayon", None) if isinstance(landing, Municipality) else None
        if oblast:
            trail.append((oblast.name, self.landing_url("oblast", oblast.slug)))
        if rayon:
            trail.append((rayon.name, self.landing_url("rayon", rayon.slug)))
        trail.append((landing.name, None))
        return trail
