"""Filtering the practice list, and the counts that go with each filter.

Every filter is a plain GET parameter holding a stable slug, so the list works
as links and forms without JavaScript, and any combination can be bookmarked.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.parsing import clean_query, parse_int, parse_slug

from .collation import fold_for_matching
from .models import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    PracticeLocation,
    PracticePage,
    PracticeStatus,
    Rayon,
    ServiceType,
)

SLUG_FACETS = {
    "oblast": Oblast,
    "rayon": Rayon,
    "municipality": Municipality,
    "service": ServiceType,
    "group": BeneficiaryGroup,
    "funding": FundingMechanism,
}
FACET_LABELS = {
    "oblast": _("Oblast"),
    "rayon": _("Rayon"),
    "municipality": _("Municipality"),
    "settlement": _("Rural or urban"),
    "service": _("Service"),
    "group": _("Serves"),
    "funding": _("Funding"),
    "status": _("Status"),
    "year": _("Year"),
    "recommended": _("Recommendation"),
}
# The one value of the "recommended" filter, as links and the form send it.
RECOMMENDED = "yes"
SETTLEMENTS = {"rural": _("rural (ayil aimak)"), "urban": _("urban (town or city)")}
SORTS = {"newest": _("newest first"), "title": _("by title")}
FIRST_YEAR = 1991


@dataclass
class BrowseFilters:
    oblast: Oblast | None = None
    rayon: Rayon | None = None
    municipality: Municipality | None = None
    service: ServiceType | None = None
    group: BeneficiaryGroup | None = None
    funding: FundingMechanism | None = None
    settlement: str = ""
    status: str = ""
    year: int | None = None
    recommended: bool = False
    q: str = ""
    sort: str = "newest"
    # (parameter, value) pairs the reader sent that match nothing we know;
    # the page says it ignored them instead of failing.
    ignored: list = field(default_factory=list)
    # The text filter as one condition, built once per request: the list and
    # every facet count apply it, and building it reads the place names.
    text_condition: Q | None = field(default=None, repr=False, compare=False)

    def active(self):
        """Parameter names that narrow the list, in display order."""
        names = [
            "oblast", "rayon", "municipality", "settlement", "service", "group", "funding",
            "status", "year", "recommended",
        ]
        return [name for name in names if getattr(self, name)]


def parse_filters(params, fixed=None):
    """Read filters from GET parameters; `fixed` holds values a landing page's URL sets."""
    filters = BrowseFilters()
    for name, model in SLUG_FACETS.items():
        value = params.get(name, "").strip()
        if value:
            slug = parse_slug(value)
            found = model.objects.filter(slug=slug).first() if slug else None
            if found:
                setattr(filters, name, found)
            else:
                filters.ignored.append((name, value[:100]))
    for name, allowed in (("settlement", SETTLEMENTS), ("status", PracticeStatus.values)):
        value = params.get(name, "").strip()
        if value in allowed:
            setattr(filters, name, value)
        elif value:
            filters.ignored.append((name, value[:100]))
    year = params.get("year", "").strip()
    if year:
        filters.year = parse_int(year, minimum=FIRST_YEAR, maximum=datetime.date.today().year + 10)
        if filters.year is None:
            filters.ignored.append(("year", year[:100]))
    recommended = params.get("recommended", "").strip()
    if recommended == RECOMMENDED:
        filters.recommended = True
    elif recommended:
        filters.ignored.append(("recommended", recommended[:100]))
    sort = params.get("sort", "").strip()
    if sort in SORTS:
        filters.sort = sort
    elif sort:
        filters.ignored.append(("sort", sort[:100]))
    filters.q = clean_query(params.get("q", ""))
    for name, value in (fixed or {}).items():
        setattr(filters, name, value)
    _drop_inconsistent_places(filters)
    return filters


def _drop_inconsistent_places(filters):
    # A link can carry an oblast and a rayon from another oblast; the narrower
    # choice wins, the way a reader who clicked it last would expect.
    if filters.municipality:
        if filters.rayon and filters.municipality.rayon_id not in (None, filters.rayon.pk):
            filters.rayon = None
        if filters.oblast and filters.municipality.oblast_id != filters.oblast.pk:
            filters.oblast = None
    if filters.rayon and filters.oblast and filters.rayon.oblast_id != filters.oblast.pk:
        filters.oblast = None


def localized_practices(locale=None):
    """Live practices, one per case: in the reader's language when translated, else another.

    A case written only in Kyrgyz must still reach a Russian reader, so each
    case appears once, in the best language available: the active one, then
    Kyrgyz, Russian and English.
    """
    locale = locale or Locale.get_active()
    live = PracticePage.objects.live().public()
    order = [locale.language_code] + [
        code for code in ("ky", "ru", "en") if code != locale.language_code
    ]
    condition, earlier = Q(pk__in=[]), []
    for code in order:
        clause = Q(locale__language_code=code)
        if earlier:
            clause &= ~Q(
                translation_key__in=live.filter(locale__language_code__in=earlier).values(
                    "translation_key"
                )
            )
        condition |= clause
        earlier.append(code)
    return live.filter(condition)


def _pages_at(**location_filter):
    return PracticeLocation.objects.filter(**location_filter).values("page_id")


def apply_filters(queryset, filters, skip=None):
    """Narrow `queryset` by every filter but `skip`, for counts that show what a click would give."""
    if filters.oblast and skip != "oblast":
        queryset = queryset.filter(pk__in=_pages_at(oblast=filters.oblast))
    if filters.rayon and skip != "rayon":
        queryset = queryset.filter(pk__in=_pages_at(rayon=filters.rayon))
    if filters.municipality and skip != "municipality":
        # Cases filed under an ayil aimak that has since merged belong to its successor too.
        queryset = queryset.filter(
            pk__in=_pages_at(municipality__in=filters.municipality.with_predecessors())
        )
    if filters.settlement and skip != "settlement":
        kinds = Municipality.RURAL_KINDS if filters.settlement == "rural" else Municipality.URBAN_KINDS
        queryset = queryset.filter(pk__in=_pages_at(municipality__kind__in=kinds))
    if filters.service and skip != "service":
        queryset = queryset.filter(service_types=filters.service)
    if filters.group and skip != "group":
        queryset = queryset.filter(groups=filters.group)
    if filters.funding and skip != "funding":
        queryset = queryset.filter(funding=filters.funding)
    if filters.status and skip != "status":
        queryset = queryset.filter(status=filters.status)
    if filters.year and skip != "year":
        queryset = queryset.filter(start_year__lte=filters.year).filter(
            Q(end_year__gte=filters.year) | Q(end_year__isnull=True)
        )
    if filters.recommended and skip != "recommended":
        queryset = queryset.filter(recommended_on__isnull=False)
    if filters.q and skip != "q":
        if filters.text_condition is None:
            filters.text_condition = text_condition(filters.q)
        queryset = queryset.filter(filters.text_condition)
    return queryset


def text_condition(query):
    """Every word of `query` in a practice's text or in the name of a place it is filed under."""
    words = list(dict.fromkeys(fold_for_matching(query).split()))
    places = _place_names()
    condition = Q()
    for word in words:
        found = {key: [pk for pk, name in names if word in name] for key, names in places.items()}
        condition &= (
            Q(filter_text__contains=word)
            | Q(pk__in=_pages_at(oblast__in=found["oblast"]))
            | Q(pk__in=_pages_at(rayon__in=found["rayon"]))
            | Q(pk__in=_pages_at(municipality__in=found["municipality"]))
        )
    return condition


def _place_names():
    """(id, folded current and former names) of every oblast, rayon and municipality.

    The administrative map is a few thousand rows at most, so it is read once
    per request and matched in Python: former names and folded letters stay
    simple on every database, and the cost does not grow with the words typed.
    """
    found = {}
    for key, model in (("oblast", Oblast), ("rayon", Rayon), ("municipality", Municipality)):
        fields = ["pk", "name_ky", "name_ru", "name_en"]
        if key != "oblast":
            fields.append("former_names")
        found[key] = [
            (row[0], fold_for_matching(" ".join(str(v) for v in row[1:])))
            for row in model.objects.values_list(*fields)
        ]
    return found


def sort_practices(queryset, sort):
    if sort == "title":
        return queryset.order_by("title_sort_key", "pk")
    return queryset.order_by("-first_published_at", "-pk")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(base, filters):
    """Each facet's options with the number of practices a reader would get by choosing it."""
    facets = {}

    def narrowed(name):
        return apply_filters(base, filters, skip=name)

    def from_locations(name, model, column, limit_to=None):
        rows = (
            PracticeLocation.objects.filter(page__in=narrowed(name))
            .exclude(**{f"{column}__isnull": True})
            .order_by()
            .values(column)
            .annotate(n=Count("page", distinct=True))
        )
        counts = {row[column]: row["n"] for row in rows}
        units = model.objects.filter(pk__in=counts)
        if limit_to is not None:
            units = units.filter(**limit_to)
        selected = getattr(filters, name)
        return [
            FacetOption(u.slug, u.name, counts[u.pk], selected is not None and selected.pk == u.pk)
            for u in units
        ]

    def from_m2m(name, model):
        # Counts and labels in one query: each unit with the number of its practices
        # among those the other filters leave.
        units = model.objects.annotate(
            n=Count("practices", filter=Q(practices__in=narrowed(name)), distinct=True)
        ).filter(n__gt=0)
        selected = getattr(filters, name)
        return [
            FacetOption(u.slug, u.name, u.n, selected is not None and selected.pk == u.pk) for u in units
        ]

    facets["oblast"] = from_locations("oblast", Oblast, "oblast")
    if filters.oblast:
        facets["rayon"] = from_locations("rayon", Rayon, "rayon", {"oblast": filters.oblast})
    settlement_rows = (
        PracticeLocation.objects.filter(page__in=narrowed("settlement"))
        .exclude(municipality__isnull=True)
        .order_by()
        .values("municipality__kind")
        .annotate(n=Count("page", distinct=True))
    )
    by_settlement = Counter()
    for row in settlement_rows:
        rural = row["municipality__kind"] in Municipality.RURAL_KINDS
        by_settlement["rural" if rural else "urban"] += row["n"]
    facets["settlement"] = [
        FacetOption(key, label, by_settlement[key], filters.settlement == key)
        for key, label in SETTLEMENTS.items()
        if by_settlement[key]
    ]
    facets["service"] = from_m2m("service", ServiceType)
    facets["group"] = from_m2m("group", BeneficiaryGroup)
    facets["funding"] = from_m2m("funding", FundingMechanism)
    status_counts = {
        row["status"]: row["n"]
        for row in narrowed("status").order_by().values("status").annotate(n=Count("pk"))
    }
    facets["status"] = [
        FacetOption(value, label, status_counts[value], filters.status == value)
        for value, label in PracticeStatus.choices
        if status_counts.get(value)
    ]
    facets["year"] = _year_options(narrowed("year"), filters.year)
    recommended = narrowed("recommended").filter(recommended_on__isnull=False).count()
    facets["recommended"] = [
        FacetOption(RECOMMENDED, _("Recommended for replication"), recommended, filters.recommended)
    ] if recommended else []
    return facets


def _year_options(queryset, selected):
    this_year = datetime.date.today().year
    counts = Counter()
    for start, end in queryset.filter(start_year__isnull=False).values_list("start_year", "end_year"):
        for year in range(start, min(end or this_year, this_year) + 1):
            counts[year] += 1
    return [
        FacetOption(str(year), str(year), counts[year], selected == year)
        for year in sorted(counts, reverse=True)
    ]


def filter_fields(facets, fixed):
    """The facets the form offers: everything but what the landing page's URL fixes."""
    return [
        {"name": name, "label": FACET_LABELS[name], "options": options}
        for name, options in facets.items()
        if name not in fixed and (options or name == "year")
    ]


def active_chips(filters, params, fixed):
    """(label, URL without that filter) for each filter the reader set."""
    chips = []
    for name in filters.active():
        if name in fixed:
            continue
        value = getattr(filters, name)
        if name == "settlement":
            shown = SETTLEMENTS[value]
        elif name == "status":
            shown = PracticeStatus(value).label
        elif name == "year":
            shown = str(value)
        elif name == "recommended":
            shown = _("recommended for replication")
        else:
            shown = value.name
        remaining = params.copy()
        for key in (name, "page"):
            remaining.pop(key, None)
        query = remaining.urlencode()
        chips.append((f"{FACET_LABELS[name]}: {shown}", f"?{query}" if query else "?"))
    return chips
