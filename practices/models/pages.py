"""The practice case and the index that lists, filters and lands on it."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from moderation.forms import PracticePageForm
from moderation.permissions import PracticePermissionTester
from portal.blocks import RICH_TEXT_FEATURES, StepsBlock
from practices.blocks import StoryBlock
from practices.collation import fold_for_matching, sort_key

from .taxonomy import BeneficiaryGroup, FundingMechanism, Municipality, Oblast, Partner, Rayon

YEAR_VALIDATORS = [MinValueValidator(1991), MaxValueValidator(2100)]


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    SCALED_UP = "scaled_up", _("scaled up")


class Currency(models.TextChoices):
    KGS = "KGS", _("som (KGS)")
    USD = "USD", _("US dollars")
    EUR = "EUR", _("euro")


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PracticePage(Page):
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_(
            "One or two sentences shown in lists, e.g. «The ayil okmotu opened a kindergarten "
            "for 60 children through a municipal social order.»"
        ),
    )
    problem = RichTextField(
        _("the problem"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "What was wrong or missing before, and for whom, e.g. «Over 1,000 children of "
            "pre-school age live in the ayil aimak, and there was no kindergarten.»"
        ),
    )
    what_was_done = StreamField(
        StoryBlock(),
        verbose_name=_("what was done"),
        blank=True,
        use_json_field=True,
        help_text=_(
            "Press + and add a text for each stage of the work: who did what, and when, e.g. "
            "«The local kenesh approved a social order; the public foundation won it and hired "
            "two teachers.» Quotes, documents and numbered steps are added the same way; photos "
            "go on the «Photos and files» tab."
        ),
    )
    results = RichTextField(
        _("results"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "What changed, with numbers if you have them, e.g. «60 children attend the "
            "kindergarten; 200 children a year start school prepared.»"
        ),
    )

    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("The year the work began, e.g. 2019."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("The year the work ended, e.g. 2021. Leave empty while the practice is still running."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PracticeStatus.choices,
        default=PracticeStatus.RUNNING,
        help_text=_("E.g. «running» while the kindergarten works, «scaled up» once other ayil aimaks copied it."),
    )

    cost_amount = models.DecimalField(
        _("cost"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In digits, e.g. 150000. Leave empty if you are not sure."),
    )
    cost_currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.KGS,
        help_text=_("The currency of the cost, e.g. som."),
    )
    cost_note = models.CharField(
        _("about the cost"),
        max_length=300,
        blank=True,
        help_text=_("E.g. «of which 100,000 som from the local budget, the rest a donor's grant»."),
    )
    funding = ParentalManyToManyField(
        FundingMechanism,
        verbose_name=_("funding sources"),
        blank=True,
        related_name="practices",
        help_text=_("E.g. the local budget, a donor's grant, contributions of residents."),
    )

    service_types = ParentalManyToManyField(
        "practices.ServiceType",
        verbose_name=_("service types"),
        related_name="practices",
        help_text=_("The services the practice concerns, one or more, e.g. pre-school education."),
    )
    groups = ParentalManyToManyField(
        BeneficiaryGroup,
        verbose_name=_("groups served"),
        blank=True,
        related_name="practices",
        help_text=_("Who benefited, e.g. children with disabilities. Leave empty if it served everyone."),
    )
    tags = ClusterTaggableManager(
        through=PracticeTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Words readers may search for, separated by commas, e.g. social order, NGO."),
    )

    contact_name = models.CharField(
        _("contact person"),
        max_length=200,
        blank=True,
        help_text=_("Whom other municipalities may ask about the practice, e.g. Гүлнара Асанова."),
    )
    contact_role = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("E.g. executive secretary of the ayil okmotu.")
    )
    contact_phone = models.CharField(
        _("phone"), max_length=50, blank=True, help_text=_("In digits, e.g. +996 555 123 456.")
    )
    contact_email = models.EmailField(_("email"), blank=True, help_text=_("E.g. name@example.kg."))

    replication_steps = StreamField(
        [("steps", StepsBlock())],
        verbose_name=_("steps to replicate"),
        blank=True,
        use_json_field=True,
        max_num=1,
        help_text=_(
            "Press + and add «Numbered steps», then one step for each thing another municipality "
            "must do, in order, e.g. «The local kenesh approves the social order.»"
        ),
    )
    resources_needed = RichTextField(
        _("resources needed"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("People, premises, money and equipment it takes, e.g. «a room for 30 children, two teachers»."),
    )
    lessons_learned = RichTextField(
        _("lessons learned"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What you would do differently, e.g. «Agree on the premises with the kenesh first.»"),
    )

    # Moderators' mark: SALSGIER recommends other municipalities to replicate this
    # case. The date says since when, the reason why, in one line.
    recommended_on = models.DateField(
        _("recommended for replication on"), null=True, blank=True,
        help_text=_(
            "Set by a moderator, e.g. on the day SALSGIER recommended it; leave empty if the practice is not recommended."
        ),
    )
    recommendation_reason = models.CharField(
        _("why it is recommended"), max_length=200, blank=True,
        help_text=_("One line readers see beside the label, e.g. «Cheap to repeat: it uses an empty building.»"),
    )

    # A municipality's own case of a practice it replicated: the original lists it
    # among its adoptions, a public record of where a practice spread.
    adapted_from = models.ForeignKey(
        "self", verbose_name=_("adapted from"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="adaptations",
        help_text=_("The practice of another municipality that this one replicated, e.g. Katran's kindergarten."),
    )

    source = models.CharField(
        _("source"), max_length=300, blank=True,
        help_text=_("Where the case was reported, e.g. a magazine issue."),
    )
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Identifier used by imports, e.g. katran-kindergarten; the same for every translation of a case."),
    )
    # Kept in sync on save so lists sort by the Kyrgyz alphabet (ң after н,
    # ө after о, ү after у) on SQLite and PostgreSQL alike.
    title_sort_key = models.CharField(max_length=510, blank=True, editable=False, db_index=True)
    # Lower-cased, letter-folded words for the list's text filter; replaced by
    # the search layer for real search.
    filter_text = models.TextField(blank=True, editable=False)

    # Wagtail's own index serves the admin's page search, analysed as the
    # public search is (portal/admin_search.py), so it holds the same texts as
    # the public search's documents: an editor finds a case by any of them.
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("what_was_done"),
        index.SearchField("results"),
        index.SearchField("replication_steps"),
        index.SearchField("resources_needed"),
        index.SearchField("lessons_learned"),
        index.SearchField("cost_note"),
        index.SearchField("source"),
        index.FilterField("status"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    # An editor's copy is a new case and gets no external id; a translation is
    # the same case and keeps it (see copy).
    exclude_fields_in_copy = ["external_id"]
    # Municipal contributors work on their own municipality's cases only:
    # the form keeps their municipality on the case, the tester keeps them
    # out of other municipalities' cases (see moderation/permissions.py).
    base_form_class = PracticePageForm

    # The form follows a practice as a secretary tells it: what and where, the
    # story, how to repeat it, its photos; the moderators' part comes last.
    # The first tab holds everything a practice cannot be published without.
    core_panels = [
        # Wagtail's title panel: typing the name fills in the slug on the Promote tab.
        TitleFieldPanel("title", heading=_("Name of the practice")),
        FieldPanel("summary"),
        InlinePanel(
            "locations",
            min_num=1,
            label=_("location"),
            heading=_("Where"),
            help_text=_(
                "The oblast, and the rayon and ayil aimak or town where the practice was carried out, "
                "e.g. Batken oblast, Leilek rayon, Katran ayil aimak."
            ),
        ),
        FieldPanel("service_types", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            ],
            heading=_("When"),
        ),
        FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    story_panels = [
        FieldPanel("problem"),
        FieldPanel("what_was_done"),
        FieldPanel("results"),
        InlinePanel(
            "indicators",
            label=_("indicator"),
            heading=_("Results in numbers"),
            help_text=_("One number a row, e.g. children in the kindergarten — 60 — children."),
        ),
    ]
    replication_panels = [
        FieldPanel("replication_steps"),
        FieldPanel("resources_needed"),
        FieldPanel("lessons_learned"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost_amount"), FieldPanel("cost_currency")]),
                FieldPanel("cost_note"),
                FieldPanel("funding", widget=forms.CheckboxSelectMultiple),
                InlinePanel(
                    "partners",
                    label=_("implementer or partner"),
                    help_text=_(
                        "Organisations that carried out or supported the practice, e.g. the public "
                        "foundation «Инсан-Лейлек» as implementer, GIZ as donor."
                    ),
                ),
            ],
            heading=_("Cost, funding and partners"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_role"), FieldPanel("contact_phone")]),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact person"),
        ),
    ]
    files_panels = [
        InlinePanel(
            "gallery_images",
            label=_("photo"),
            max_num=30,
            heading=_("Photos"),
            help_text=_(
                "Every photo of the practice goes here; the first one is shown in lists. "
                "E.g. the new kindergarten's building, children at a lesson."
            ),
        ),
        InlinePanel(
            "attachments",
            label=_("attachment"),
            heading=_("Documents"),
            help_text=_("Documents readers may download, e.g. the social order's contract or a report."),
        ),
    ]
    moderation_panels = [
        MultiFieldPanel(
            [FieldPanel("recommended_on"), FieldPanel("recommendation_reason")],
            heading=_("Recommended for replication"),
        ),
        InlinePanel(
            "related_links",
            label=_("related practice"),
            help_text=_("Practices readers should see next, e.g. another kindergarten opened through a social order."),
        ),
        FieldPanel("adapted_from"),
        FieldPanel("source"),
    ]
    content_panels = core_panels + story_panels + replication_panels + files_panels + moderation_panels
    promote_panels = Page.promote_panels + [FieldPanel("external_id")]
    edit_handler = TabbedInterface(
        [
            ObjectList(core_panels, heading=_("The practice")),
            ObjectList(story_panels, heading=_("The story")),
            ObjectList(replication_panels, heading=_("Replicating it")),
            ObjectList(files_panels, heading=_("Photos and files")),
            ObjectList(moderation_panels, heading=_("For moderators")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year is before the start year.")})
        this_year = datetime.date.today().year
        if self.status == PracticeStatus.COMPLETED and self.end_year and self.end_year > this_year:
            raise ValidationError({"end_year": _("A completed practice cannot end in the future.")})
        self.recommendation_reason = self.recommendation_reason.strip()
        if self.recommendation_reason and not self.recommended_on:
            # Giving a reason is recommending: today, unless a moderator says otherwise.
            self.recommended_on = datetime.date.today()
        if self.recommended_on and not self.recommendation_reason:
            raise ValidationError({"recommendation_reason": _("Say in one line why it is recommended.")})

    def save(self, *args, **kwargs):
        self.title_sort_key = sort_key(self.title)[:510]
        self.filter_text = fold_for_matching(
            " ".join([self.title, self.summary, self.source, *self.tags.names()])
        )
        return super().save(*args, **kwargs)

    def copy(self, *args, reset_translation_key=True, update_attrs=None, **kwargs):
        translating = not reset_translation_key and self.external_id
        if translating:
            # A copy that keeps the translation key is another language version of
            # this case ("Translate"), which imports and exports know by the case's id.
            update_attrs = {"external_id": self.external_id, **(update_attrs or {})}
        copy = super().copy(
            *args, reset_translation_key=reset_translation_key, update_attrs=update_attrs, **kwargs
        )
        if translating:
            # Wagtail gives update_attrs to the copy's revision, but not to a field
            # its row excludes from copies.
            type(self).objects.filter(pk=copy.pk).update(external_id=self.external_id)
        return copy

    copy.alters_data = True

    def permissions_for_user(self, user):
        return PracticePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = self.get_parent().specific
        locations = list(
            self.locations.select_related("oblast", "rayon", "municipality")
        )
        partners_by_role = {}
        for link in self.partners.select_related("partner"):
            partners_by_role.setdefault(link.get_role_display(), []).append(link.partner)
        trail = [(index.title, index.url)]
        if locations:
            first = locations[0]
            trail.append((first.oblast.name, index.landing_url("oblast", first.oblast.slug)))
        trail.append((self.title, None))
        context.update(
            {
                "practice_index": index,
                "locations": locations,
                "indicators": list(self.indicators.all()),
                "funding": list(self.funding.all()),
                "partners": list(partners_by_role.items()),
                "gallery": list(self.gallery_images.select_related("image")),
                "attachments": list(self.attachments.select_related("document")),
                "related": self.related_practices(),
                "breadcrumbs": trail,
            }
        )
        return context

    def related_practices(self):
        """Related cases in this page's language where translated, live ones only."""
        pages = [
            link.related_page
            for link in self.related_links.select_related("related_page")
            if link.related_page.live
        ]
        translated = {
            page.translation_key: page
            for page in PracticePage.objects.live()
            .filter(translation_key__in=[p.translation_key for p in pages], locale=self.locale)
            .select_related("locale")
        }
        return [translated.get(page.translation_key, page) for page in pages]

    # Readers meet a practice through its place first, so the first location
    # stands for the practice in lists and breadcrumbs.
    @property
    def primary_location(self):
        locations = list(self.locations.all())
        return locations[0] if locations else None

    @property
    def first_image(self):
        first = self.gallery_images.first()
        return first.image if first else None

    @property
    def is_recommended(self):
        return self.recommended_on is not None

    @property
    def period_label(self):
        if self.start_year and self.end_year and self.start_year != self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year and not self.end_year:
            return f"{self.start_year}–"
        return str(self.start_year or self.end_year or "")


class PracticeLocation(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="locations")
    oblast = models.ForeignKey(
        Oblast, verbose_name=_("oblast"), on_delete=models.PROTECT, related_name="+"
    )
    rayon = models.ForeignKey(
        Rayon, verbose_name=_("rayon"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="practice_locations",
    )

    panels = [FieldPanel("oblast"), FieldPanel("rayon"), FieldPanel("municipality")]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def clean(self):
        super().clean()
        errors = {}
        if self.rayon_id and self.oblast_id and self.rayon.oblast_id != self.oblast_id:
            errors["rayon"] = _("This rayon is not in the chosen oblast.")
        if self.municipality_id:
            municipality = self.municipality
            if self.oblast_id and municipality.oblast_id != self.oblast_id:
                errors["municipality"] = _("This municipality is not in the chosen oblast.")
            elif self.rayon_id and municipality.rayon_id and municipality.rayon_id != self.rayon_id:
                errors["municipality"] = _("This municipality is not in the chosen rayon.")
        if errors:
            raise ValidationError(errors)
        if self.municipality_id and not self.rayon_id:
            self.rayon_id = self.municipality.rayon_id

    @property
    def most_specific(self):
        return self.municipality or self.rayon or self.oblast


class PracticeIndicator(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField(_("indicator"), max_length=200)
    value = models.CharField(_("value"), max_length=50)
    unit = models.CharField(_("unit"), max_length=50, blank=True)

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("value"), FieldPanel("unit")])]


class PracticePartner(Orderable):
    class Role(models.TextChoices):
        IMPLEMENTER = "implementer", _("implementer")
        PARTNER = "partner", _("partner")
        DONOR = "donor", _("donor")

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(
        Partner, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTNER)

    panels = [FieldRowPanel([FieldPanel("partner"), FieldPanel("role")])]


class PracticeGalleryImage(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the photo shows, for readers who cannot see it, e.g. «Children draw at a table»."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("E.g. «Children in the new kindergarten, September 2019»."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class PracticeAttachment(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("link text"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class PracticeRelatedLink(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "practices.PracticePage", verbose_name=_("practice"), on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related_page", heading=_("practice"))]
