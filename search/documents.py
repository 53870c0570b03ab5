"""What the search index knows about a practice: one `SearchDocument` per page and language.

This is the only module of the search layer that knows page types. Engines
receive plain dataclasses and never touch the ORM.
"""

import datetime
from dataclasses import dataclass, field

from practices.exchange.text import html_to_paragraphs
from practices.models import PracticePage


@dataclass(frozen=True)
class SearchDocument:
    page_id: int
    translation_key: str
    language: str
    title: str
    summary: str
    body: str
    # Place names in every language, with former names and the units a place
    # merged into, so «Катран», «Katran» and a pre-reform name all find the case.
    places: str
    # Tags, partner names, service types and groups in the page's language.
    keywords: str
    oblasts: tuple[str, ...] = ()
    rayons: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    settlements: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    status: str = ""
    years: tuple[int, ...] = ()
    published_at: datetime.datetime | None = None
    title_sort_key: str = ""
    suggestions: tuple[str, ...] = field(default=())

    @property
    def doc_id(self):
        return str(self.page_id)


def _stream_text(stream):
    parts = []
    for block in stream:
        value = block.value
        if block.block_type == "text":
            parts.append(value.source)
        elif block.block_type == "steps":
            parts.extend(f"{step['title']} {step['text']}" for step in value)
        elif block.block_type == "quote":
            parts.append(f"{value['text']} {value['author']}")
        elif block.block_type in ("image", "document"):
            parts.append(value.get("caption") or value.get("title") or "")
    return "\n".join(parts)


def _unit_names(unit):
    return [*unit.all_names, *unit.former_name_list]


def indexable_pages():
    """Live practices with everything a document needs, fetched in a few queries."""
    return (
        PracticePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related(
            "locations__oblast",
            "locations__rayon__successor",
            "locations__municipality__successor",
            "service_types",
            "funding",
            "groups",
            "tagged_items__tag",
            "partners__partner",
            "indicators",
        )
    )


def document_for_page(page):
    """The document for one live practice page in its own language."""
    language = page.locale.language_code
    oblasts, rayons, municipalities, settlements, places = [], [], [], [], []
    for location in page.locations.all():
        oblasts.append(location.oblast.slug)
        places.extend(location.oblast.all_names)
        for unit, found in ((location.rayon, rayons), (location.municipality, municipalities)):
            # Following merges: a case filed under a former unit belongs to its successor too.
            seen = set()
            while unit is not None and unit.pk not in seen:
                seen.add(unit.pk)
                found.append(unit.slug)
                places.extend(_unit_names(unit))
                unit = unit.successor
        if location.municipality is not None:
            settlements.append("rural" if location.municipality.is_rural else "urban")
    this_year = datetime.date.today().year
    years = ()
    if page.start_year:
        years = tuple(range(page.start_year, min(page.end_year or this_year, this_year) + 1))
    name = f"name_{language}"
    keywords = [item.tag.name for item in page.tagged_items.all()]
    keywords += [getattr(link.partner, name) or link.partner.name_ky for link in page.partners.all()]
    keywords += [getattr(s, name) for s in page.service_types.all()]
    keywords += [getattr(g, name) for g in page.groups.all()]
    body = "\n".join(
        part
        for part in (
            html_to_paragraphs(page.problem),
            html_to_paragraphs(_stream_text(page.what_was_done)),
            html_to_paragraphs(page.results),
            " ".join(f"{i.label} {i.value} {i.unit}" for i in page.indicators.all()),
            _stream_text(page.replication_steps),
            html_to_paragraphs(page.resources_needed),
            html_to_paragraphs(page.lessons_learned),
            page.cost_note,
            page.source,
        )
        if part
    )
    municipality_names = [
        getattr(location.municipality, name)
        for location in page.locations.all()
        if location.municipality is not None
    ]
    return SearchDocument(
        page_id=page.pk,
        translation_key=str(page.translation_key),
        language=language,
        title=page.title,
        summary=page.summary,
        body=body,
        places=" ".join(dict.fromkeys(places)),
        keywords=" ".join(keywords),
        oblasts=tuple(dict.fromkeys(oblasts)),
        rayons=tuple(dict.fromkeys(rayons)),
        municipalities=tuple(dict.fromkeys(municipalities)),
        settlements=tuple(dict.fromkeys(settlements)),
        services=tuple(s.slug for s in page.service_types.all()),
        funding=tuple(f.slug for f in page.funding.all()),
        groups=tuple(g.slug for g in page.groups.all()),
        status=page.status,
        years=years,
        published_at=page.first_published_at,
        title_sort_key=page.title_sort_key,
        suggestions=tuple(dict.fromkeys([page.title, *municipality_names])),
    )

