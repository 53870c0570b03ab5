from django import template

from practices.models import PracticePage
from replication.models import requests_for

register = template.Library()


def _in_language(pages, locale):
    """Each case once, in `locale` where it is translated."""
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == locale.pk and current.locale_id != locale.pk):
            chosen[page.translation_key] = page
    return list(chosen.values())


@register.inclusion_tag("replication/includes/spread.html")
def practice_spread(page):
    """Where the practice came from and where it spread, and how many asked to replicate it."""
    adaptations = PracticePage.objects.live().filter(
        adapted_from__translation_key=page.translation_key
    ).select_related("locale")
    original = page.adapted_from
    if original is not None:
        localized = original.get_translation_or_none(page.locale)
        original = localized.specific if localized and localized.live else (original if original.live else None)
    return {
        "page": page,
        "original": original,
        "adaptations": _in_language(adaptations, page.locale),
        "requests": requests_for(page).values("municipality").distinct().count(),
    }
