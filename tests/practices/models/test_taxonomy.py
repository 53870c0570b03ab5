"""Reference data: the administrative map and vocabularies loaded by the data migration."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from practices.models import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    Rayon,
    ServiceType,
)
from practices.reference import DATA_DIR, read

pytestmark = pytest.mark.django_db

KYRGYZ_ONLY_LETTERS = set("ңөүҢӨҮ")
LATIN_LOOKALIKES = set("aceopxyABCEHKMOPTXy")


def test_all_seven_oblasts_and_two_cities_are_loaded():
    assert Oblast.objects.filter(kind="oblast").count() == 7
    assert set(Oblast.objects.filter(kind="city").values_list("slug", flat=True)) == {"bishkek", "osh-city"}


def test_every_rayon_of_the_map_is_loaded_in_its_oblast():
    expected = {"batken": 3, "jalal-abad": 8, "issyk-kul": 5, "naryn": 5, "osh": 7, "talas": 4, "chui": 8}
    for oblast, count in expected.items():
        assert Rayon.objects.filter(oblast__slug=oblast).count() == count, oblast
    assert Rayon.objects.get(slug="leilek").oblast.slug == "batken"


def test_municipalities_from_the_real_cases_exist_where_they_are():
    assert Municipality.objects.get(slug="katran").rayon.slug == "leilek"
    assert Municipality.objects.get(slug="bosteri").oblast.slug == "issyk-kul"
    assert Municipality.objects.get(slug="kant").rayon.slug == "ysyk-ata"
    assert Municipality.objects.get(slug="ak-chiy").oblast.slug == "issyk-kul"


def test_vocabularies_are_complete():
    assert ServiceType.objects.count() >= 13
    assert set(FundingMechanism.objects.values_list("slug", flat=True)) >= {
        "local-budget", "republican-budget", "social-order", "donor-grant", "community-contribution", "other"}
    assert BeneficiaryGroup.objects.filter(slug="persons-with-disabilities").exists()


def test_names_follow_the_active_language():
    batken = Oblast.objects.get(slug="batken")
    with translation.override("ru"):
        assert batken.name == batken.name_ru
    with translation.override("en"):
        assert batken.name == batken.name_en
    with translation.override("ky"):
        assert batken.name == batken.name_ky


def test_kyrgyz_names_use_real_kyrgyz_letters_and_no_latin_lookalikes():
    names = [row["name_ky"] for kind in ("oblasts", "rayons", "municipalities", "service_types")
             for row in read(kind)]
    assert any(set(name) & KYRGYZ_ONLY_LETTERS for name in names)
    for name in names:
        assert not set(name) & LATIN_LOOKALIKES, name
        assert "ѳ" not in name and "ӊ" not in name, name


def test_reference_files_have_unique_slugs():
    for kind in ("oblasts", "rayons", "municipalities", "service_types", "funding_mechanisms",
                 "beneficiary_groups"):
        slugs = [row["slug"] for row in read(kind)]
        assert len(slugs) == len(set(slugs)), kind
        assert slugs, kind
    assert all(path.suffix == ".json" and json.loads(path.read_text("utf-8"))
               for path in DATA_DIR.glob("*.json"))


def test_municipality_must_lie_in_its_rayons_oblast():
    unit = Municipality(slug="x", name_ky="x", name_ru="x", name_en="x",
                        oblast=Oblast.objects.get(slug="chui"), rayon=Rayon.objects.get(slug="leilek"))
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "rayon" in error.value.message_dict


def test_merged_unit_leads_to_its_successor_and_back():
    katran = Municipality.objects.get(slug="katran")
    first = Municipality.objects.create(slug="old-1", name_ky="a", name_ru="a", name_en="a",
                                        oblast=katran.oblast, rayon=katran.rayon, successor=katran)
    second = Municipality.objects.create(slug="old-2", name_ky="b", name_ru="b", name_en="b",
                                         oblast=katran.oblast, rayon=katran.rayon, successor=first)
    assert katran.with_predecessors() == {katran.pk, first.pk, second.pk}
    assert second.current_unit() == katran


def test_a_unit_cannot_be_merged_into_its_own_predecessor():
    katran = Municipality.objects.get(slug="katran")
    old = Municipality.objects.create(slug="old", name_ky="a", name_ru="a", name_en="a",
                                      oblast=katran.oblast, rayon=katran.rayon, successor=katran)
    katran.successor = old
    with pytest.raises(ValidationError):
        katran.full_clean()


def test_former_names_are_listed_one_per_line():
    unit = Municipality(former_names="Кара-Таш\n\n  Эски Катран \n")
    assert unit.former_name_list == ["Кара-Таш", "Эски Катран"]
