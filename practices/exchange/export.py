"""Practice pages back into exchange records, so an export can be edited and re-imported."""

from practices.models import PracticePage, PracticePartner

from .text import html_to_paragraphs


def practice_queryset(languages=None, include_drafts=False):
    pages = PracticePage.objects.all() if include_drafts else PracticePage.objects.live()
    if languages:
        pages = pages.filter(locale__language_code__in=languages)
    return pages.select_related("locale").prefetch_related(
        "locations__oblast", "locations__rayon", "locations__municipality", "service_types",
        "funding", "groups", "indicators", "partners__partner", "tagged_items__tag",
        "related_links__related_page",
    ).order_by("pk")


LANGUAGE_ORDER = {"ky": 0, "ru": 1, "en": 2}


def in_export_order(pages):
    """Translations of a case together, Kyrgyz first, so a re-import creates the source page first."""
    first_seen = {}
    for page in pages:
        first_seen.setdefault(page.translation_key, len(first_seen))
    return sorted(
        pages,
        key=lambda p: (first_seen[p.translation_key], LANGUAGE_ORDER.get(p.locale.language_code, 9)),
    )


def external_id_of(page):
    # Pages written in the admin have no external id; the translation key is
    # shared by all translations of a case and never changes.
    return page.external_id or str(page.translation_key)


def record_from_page(page):
    external_ids = {}
    related = []
    for link in page.related_links.all():
        target = link.related_page
        related.append(external_ids.setdefault(target.pk, external_id_of(target)))
    blocks = []
    for block in page.what_was_done:
        if block.block_type == "text":
            blocks.append({"type": "text", "value": html_to_paragraphs(block.value.source)})
        elif block.block_type == "steps":
            blocks.append({"type": "steps", "items": [{"title": s["title"], "text": s["text"]} for s in block.value]})
        elif block.block_type == "quote":
            blocks.append({"type": "quote", "text": block.value["text"], "author": block.value["author"]})
    steps = [
        {"title": step["title"], "text": step["text"]}
        for block in page.replication_steps
        for step in block.value
    ]
    return {
        "external_id": external_id_of(page),
        "language": page.locale.language_code,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "problem": html_to_paragraphs(page.problem),
        "what_was_done": blocks,
        "results": html_to_paragraphs(page.results),
        "indicators": [
            {"label": i.label, "value": i.value, "unit": i.unit} for i in page.indicators.all()
        ],
        "start_year": page.start_year,
        "end_year": page.end_year,
        "cost": {
            "amount": str(page.cost_amount) if page.cost_amount is not None else None,
            "currency": page.cost_currency,
            "note": page.cost_note,
        },
        "funding": [f.slug for f in page.funding.all()],
        "partners": [
            {"partner": link.partner.slug, "role": link.role or PracticePartner.Role.PARTNER}
            for link in page.partners.all()
        ],
        "locations": [
            {
                "oblast": location.oblast.slug,
                "rayon": location.rayon.slug if location.rayon else None,
                "municipality": location.municipality.slug if location.municipality else None,
            }
            for location in page.locations.all()
        ],
        "service_types": [s.slug for s in page.service_types.all()],
        "groups": [g.slug for g in page.groups.all()],
        "status": page.status,
        "tags": [item.tag.name for item in page.tagged_items.all()],
        "contact": {
            "name": page.contact_name,
            "role": page.contact_role,
            "phone": page.contact_phone,
            "email": page.contact_email,
        },
        "replication": {
            "steps": steps,
            "resources": html_to_paragraphs(page.resources_needed),
            "lessons": html_to_paragraphs(page.lessons_learned),
        },
        "related": related,
        "source": page.source,
        "published": page.first_published_at.date().isoformat() if page.first_published_at else "",
    }


def partner_records(pages):
    partners = {}
    for page in pages:
        for link in page.partners.all():
            p = link.partner
            partners[p.slug] = {
                "slug": p.slug, "kind": p.kind, "name_ky": p.name_ky, "name_ru": p.name_ru,
                "name_en": p.name_en, "website": p.website,
            }
    return [partners[slug] for slug in sorted(partners)]
