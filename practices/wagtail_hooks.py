"""Reference data in the admin: one menu for the map and the vocabularies."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    Partner,
    Rayon,
    ServiceType,
)

NAME_PANELS = [
    FieldRowPanel([FieldPanel("name_ky"), FieldPanel("name_ru"), FieldPanel("name_en")]),
    FieldRowPanel([FieldPanel("slug"), FieldPanel("sort_order")]),
]
REFORM_PANELS = [
    MultiFieldPanel(
        [FieldPanel("former_names"), FieldPanel("successor"), FieldPanel("abolished_year")],
        heading=_("Reform history"),
    )
]


class ReferenceViewSet(SnippetViewSet):
    list_display = ["name_ky", "name_ru", "name_en", "slug"]
    search_fields = ["name_ky", "name_ru", "name_en", "slug"]
    ordering = ["sort_order", "name_ky"]
    copy_view_enabled = False
    panels = NAME_PANELS


class OblastViewSet(ReferenceViewSet):
    model = Oblast
    icon = "globe"
    list_filter = ["kind"]
    panels = NAME_PANELS + [FieldPanel("kind")]


class RayonViewSet(ReferenceViewSet):
    model = Rayon
    icon = "site"
    list_display = ReferenceViewSet.list_display + ["oblast"]
    list_filter = ["oblast"]
    panels = NAME_PANELS + [FieldPanel("oblast")] + REFORM_PANELS


class MunicipalityViewSet(ReferenceViewSet):
    model = Municipality
    icon = "home"
    list_display = ReferenceViewSet.list_display + ["kind", "rayon", "oblast"]
    list_filter = ["kind", "oblast"]
    panels = NAME_PANELS + [FieldPanel("kind"), FieldPanel("oblast"), FieldPanel("rayon")] + (
        REFORM_PANELS
    )


class ServiceTypeViewSet(ReferenceViewSet):
    model = ServiceType
    icon = "tag"
    panels = NAME_PANELS + [
        FieldPanel("description_ky"), FieldPanel("description_ru"), FieldPanel("description_en"),
    ]


class FundingMechanismViewSet(ReferenceViewSet):
    model = FundingMechanism
    icon = "tag"


class BeneficiaryGroupViewSet(ReferenceViewSet):
    model = BeneficiaryGroup
    icon = "group"


class PartnerViewSet(ReferenceViewSet):
    model = Partner
    icon = "group"
    list_display = ReferenceViewSet.list_display + ["kind"]
    list_filter = ["kind"]
    panels = NAME_PANELS + [FieldPanel("kind"), FieldPanel("website")]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        OblastViewSet,
        RayonViewSet,
        MunicipalityViewSet,
        ServiceTypeViewSet,
        FundingMechanismViewSet,
        BeneficiaryGroupViewSet,
        PartnerViewSet,
    )


register_snippet(ReferenceDataGroup)
