"""The demo content: real cases and enough further ones that browsing means something."""

import json

import pytest
from django.core.management import call_command

from portal.management.commands.load_demo_content import demo_files
from practices.models import Oblast, PracticePage, ServiceType
from practices.reference import read

pytestmark = pytest.mark.django_db

REAL_CASES = {
    "bosteri-rehabilitation-centre",
    "katran-kindergarten",
    "social-order-trainings-2019",
    "giz-ngo-lsg-partnership",
    "ak-chiy-demonstration-site",
}
# Cases published in one language only, as some municipalities do: no translation to judge
# cross-language search against but the original.
KYRGYZ_ONLY = {
    "naryn-city-social-order-plan",
    "katran-kindergarten-teachers",
    "katran-peoples-assembly-2015",
    "lsg-portal-focus-groups",
}
RUSSIAN_ONLY = {
    "social-services-reform-coalition",
    "jk-social-services-working-group",
    "kant-social-order-training",
}


@pytest.fixture(scope="module")
def demo_records():
    records = []
    for path in demo_files():
        records.extend(json.loads(path.read_text("utf-8")).get("practices", []))
    return records


def test_demo_files_cover_every_oblast_and_service_type(demo_records):
    kyrgyz = [r for r in demo_records if r["language"] == "ky"]
    assert len(kyrgyz) >= 30
    oblasts = {loc["oblast"] for r in kyrgyz for loc in r["locations"]}
    assert oblasts == {row["slug"] for row in read("oblasts")}
    services = {s for r in kyrgyz for s in r["service_types"]}
    assert services == {row["slug"] for row in read("service_types")}


def test_every_kyrgyz_case_has_a_russian_translation_with_the_same_facts(demo_records):
    by_key = {(r["external_id"], r["language"]): r for r in demo_records}
    for (external_id, language), record in by_key.items():
        if language != "ky" or external_id in KYRGYZ_ONLY:
            continue
        russian = by_key.get((external_id, "ru"))
        assert russian is not None, external_id
        for key in ("locations", "service_types", "funding", "groups", "status", "start_year", "end_year"):
            assert russian.get(key) == record.get(key), (external_id, key)


def test_the_one_language_cases_are_in_their_language_alone(demo_records):
    languages = {}
    for record in demo_records:
        languages.setdefault(record["external_id"], set()).add(record["language"])
    assert {external_id for external_id, found in languages.items() if found == {"ky"}} == KYRGYZ_ONLY
    assert {external_id for external_id, found in languages.items() if "ky" not in found} == RUSSIAN_ONLY
    assert all(languages[external_id] == {"ru"} for external_id in RUSSIAN_ONLY)


def test_the_real_cases_from_the_seed_articles_are_there(demo_records):
    ids = {r["external_id"] for r in demo_records}
    assert REAL_CASES | KYRGYZ_ONLY | RUSSIAN_ONLY <= ids
    sources = {r["external_id"]: r["source"] for r in demo_records}
    assert all(sources[external_id] != "Демонстрациялык мисал" for external_id in KYRGYZ_ONLY | RUSSIAN_ONLY)
    kyrgyz = {r["external_id"]: r for r in demo_records if r["language"] == "ky"}
    assert "Алтын-Бешик" in kyrgyz["katran-kindergarten"]["title"] + kyrgyz["katran-kindergarten"]["summary"]
    assert kyrgyz["katran-kindergarten"]["locations"][0]["municipality"] == "katran"
    assert kyrgyz["bosteri-rehabilitation-centre"]["locations"][0]["municipality"] == "bosteri"


def test_demo_text_uses_proper_kyrgyz_letters(demo_records):
    for record in demo_records:
        text = json.dumps(record, ensure_ascii=False)
        assert "ѳ" not in text and "ӊ" not in text, record["external_id"]


def test_loader_fills_every_landing_page_once_and_keeps_edits_on_a_second_run(client, site_tree, demo_records):
    # One load for every check: loading the demo is the slowest thing the suite does.
    call_command("load_demo_content")
    total = PracticePage.objects.live().count()
    assert total == len(demo_records) >= 60
    for oblast in Oblast.objects.all():
        response = client.get(f"/ky/practices/oblast/{oblast.slug}/")
        assert response.context["page_obj"].paginator.count > 0, oblast.slug
    for service in ServiceType.objects.all():
        response = client.get(f"/ru/practices/service/{service.slug}/")
        assert response.context["page_obj"].paginator.count > 0, service.slug

    for external_id in KYRGYZ_ONLY | RUSSIAN_ONLY:
        language = "ky" if external_id in KYRGYZ_ONLY else "ru"
        page = PracticePage.objects.get(external_id=external_id)
        assert page.locale.language_code == language and not page.get_translations().exists()
        assert page.get_parent().locale.language_code == language
        assert client.get(page.url).status_code == 200, external_id

    page = PracticePage.objects.get(external_id="katran-kindergarten", locale__language_code="ky")
    page.summary = "Редактор өзгөрткөн текст."
    page.save_revision().publish()
    call_command("load_demo_content")
    assert PracticePage.objects.count() == total
    page.refresh_from_db()
    assert page.summary == "Редактор өзгөрткөн текст."
