"""Reference data: the administrative map and the vocabularies practices are filed under."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .names import TranslatedNameMixin


class OrderedReference(TranslatedNameMixin):
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Stable Latin identifier used in links and imports; do not change it once used."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_ky"]


class Oblast(OrderedReference):
    class Kind(models.TextChoices):
        OBLAST = "oblast", _("oblast")
        CITY = "city", _("city of republican significance")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OBLAST)

    class Meta(OrderedReference.Meta):
        verbose_name = _("oblast")
        verbose_name_plural = _("oblasts")


class ReformableUnit(OrderedReference):
    """A unit that the administrative-territorial reform may merge or rename.

    Cases from before the reform name the former units, so a unit keeps the
    names it had and points to the unit it merged into: readers searching by
    an old name, or browsing the successor, still find those cases.
    """

    former_names = models.TextField(
        _("former names"),
        blank=True,
        help_text=_("Names this unit had before, one per line, in any language."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The unit this one became part of in a reform."),
    )
    abolished_year = models.PositiveSmallIntegerField(
        _("year merged or abolished"), null=True, blank=True
    )

    class Meta(OrderedReference.Meta):
        abstract = True

    @property
    def former_name_list(self):
        return [line.strip() for line in self.former_names.splitlines() if line.strip()]

    @property
    def is_current(self):
        return self.successor_id is None

    def with_predecessors(self):
        """This unit and every unit merged into it, at any depth."""
        found = {self.pk}
        frontier = [self.pk]
        model = type(self)
        while frontier:
            frontier = [
                pk
                for pk in model.objects.filter(successor_id__in=frontier).values_list("pk", flat=True)
                if pk not in found
            ]
            found.update(frontier)
        return found

    def current_unit(self):
        """The unit that carries this one's cases today, following merges."""
        unit, seen = self, {self.pk}
        while unit.successor_id and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            unit = unit.successor
        return unit

    def clean(self):
        super().clean()
        if self.pk and self.successor_id:
            if self.successor_id == self.pk or self.successor_id in self.with_predecessors():
                raise ValidationError({"successor": _("A unit cannot be merged into itself.")})


class Rayon(ReformableUnit):
    oblast = models.ForeignKey(
        Oblast, verbose_name=_("oblast"), on_delete=models.PROTECT, related_name="rayons"
    )

    class Meta(ReformableUnit.Meta):
        verbose_name = _("rayon")
        verbose_name_plural = _("rayons")


class Municipality(ReformableUnit):
    class Kind(models.TextChoices):
        AYIL_AIMAK = "ayil_aimak", _("ayil aimak")
        TOWN = "town", _("town")
        CITY = "city", _("city")

    RURAL_KINDS = (Kind.AYIL_AIMAK,)
    URBAN_KINDS = (Kind.TOWN, Kind.CITY)

    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.AYIL_AIMAK
    )
    oblast = models.ForeignKey(
        Oblast, verbose_name=_("oblast"), on_delete=models.PROTECT, related_name="municipalities"
    )
    rayon = models.ForeignKey(
        Rayon,
        verbose_name=_("rayon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
        help_text=_("Empty for cities that report directly to the oblast or the republic."),
    )

    class Meta(ReformableUnit.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    @property
    def is_rural(self):
        return self.kind in self.RURAL_KINDS

    def clean(self):
        super().clean()
        if self.rayon_id and self.oblast_id and self.rayon.oblast_id != self.oblast_id:
            raise ValidationError({"rayon": _("This rayon belongs to another oblast.")})


class ServiceType(OrderedReference):
    description_ky = models.TextField(_("description in Kyrgyz"), blank=True)
    description_ru = models.TextField(_("description in Russian"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta(OrderedReference.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    @property
    def description(self):
        language = (get_language() or "ky").split("-")[0]
        return getattr(self, f"description_{language}", "") or self.description_ky


class FundingMechanism(OrderedReference):
    class Meta(OrderedReference.Meta):
        verbose_name = _("funding mechanism")
        verbose_name_plural = _("funding mechanisms")


class BeneficiaryGroup(OrderedReference):
    class Meta(OrderedReference.Meta):
        verbose_name = _("group served")
        verbose_name_plural = _("groups served")


class Partner(OrderedReference):
    """An implementer, partner or donor; reused across practices as a snippet."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO or non-profit")
        DONOR = "donor", _("donor or development partner")
        STATE = "state", _("state body")
        LSG = "lsg", _("LSG body or association")
        BUSINESS = "business", _("business")
        COMMUNITY = "community", _("community group")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NGO)
    website = models.URLField(_("website"), blank=True)

    class Meta(OrderedReference.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
