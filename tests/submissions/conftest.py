import re
import time

import pytest

from practices.models import Municipality, ServiceType
from submissions.protection import started_token

# Real words in Kyrgyz with ң, ө and ү, after the Katran case in the seed articles.
TITLE = "Мектепке чейинки билим берүүнүн жаңы үлгүсү: Катран айыл өкмөтү"
PROBLEM = "Айылда мектеп жашына чейинки 1000ден ашуун бала жашайт, жыл сайын 200дөн ашыгы мектепке даярдыксыз барат."
DONE = (
    "Айыл өкмөтү муниципалдык социалдык тапшырык жарыялады.\n\n"
    "Тапшырыкты «Инсан-Лейлек» коомдук фонду аткарып, «Алтын-Бешик» балдар борборун ачты."
)
RESULTS = "Борборго 60 бала барат; ата-энелер ыраазы."


@pytest.fixture
def share_url():
    return "/ky/share/"


@pytest.fixture
def valid_data(site_tree):
    """What a secretary of Katran ayil okmotu would send, with a form handed out a minute ago."""
    return {
        "title": TITLE,
        "municipality": str(Municipality.objects.get(slug="katran").pk),
        "service_types": [str(ServiceType.objects.get(slug="preschool-education").pk)],
        "problem": PROBLEM,
        "what_was_done": DONE,
        "results": RESULTS,
        "cost_amount": "150 000",
        "funding": "GIZдин Жарандык коомду колдоо фонду жана жергиликтүү бюджет.",
        "partners": "«Инсан-Лейлек» коомдук фонду",
        "contact_name": "Гүлнара Үсөнова",
        "contact_role": "Айыл өкмөтүнүн жооптуу катчысы",
        "contact_phone": "+996 3656 5 12 34",
        "contact_email": "katran@example.kg",
        "contact_consent": "on",
        "started": started_token(at=time.time() - 60),
    }


def hidden_value(response, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden field {name}"
    return match.group(1)
