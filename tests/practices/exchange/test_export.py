"""export_practices writes what import_practices reads, in JSON and CSV."""

import csv
import json

import pytest
from django.core.management import call_command

from practices.models import PracticePage
from tests.practices.exchange.test_import import KATRAN_KY, KATRAN_RU, run_import, write

pytestmark = pytest.mark.django_db


def test_json_export_reimports_without_changes(site_tree, tmp_path):
    run_import(write(tmp_path, [KATRAN_KY, KATRAN_RU]))
    exported = tmp_path / "export.json"
    call_command("export_practices", str(exported))
    data = json.loads(exported.read_text("utf-8"))
    assert [r["language"] for r in data["practices"]] == ["ky", "ru"]
    record = data["practices"][0]
    assert record["title"] == KATRAN_KY["title"]
    assert record["locations"] == [{"oblast": "batken", "rayon": "leilek", "municipality": "katran"}]
    assert record["problem"] == KATRAN_KY["problem"]
    assert {p["slug"] for p in data["partners"]} == {"insan-leilek", "giz"}

    run_import(exported)
    assert PracticePage.objects.count() == 2
    page = PracticePage.objects.get(locale__language_code="ky")
    assert page.summary == KATRAN_KY["summary"]


def test_csv_round_trip_keeps_kyrgyz_letters(site_tree, tmp_path):
    record = {**KATRAN_KY, "title": "Жаңы бала бакча: өнүгүү үчүн"}
    run_import(write(tmp_path, [record]))
    exported = tmp_path / "export.csv"
    call_command("export_practices", str(exported))
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    assert rows[0]["title"] == "Жаңы бала бакча: өнүгүү үчүн"
    assert rows[0]["slug"] == "жаңы-бала-бакча-өнүгүү-үчүн"
    assert rows[0]["locations"] == "batken/leilek/katran"
    assert rows[0]["partners"] == "insan-leilek:implementer;giz:donor"

    PracticePage.objects.all().delete()
    run_import(exported)
    page = PracticePage.objects.get()
    assert page.title == "Жаңы бала бакча: өнүгүү үчүн"
    assert page.slug == "жаңы-бала-бакча-өнүгүү-үчүн"
    assert page.indicators.get().label == "мектепке чейинки курактагы балдар"


def test_csv_errors_name_the_spreadsheet_row(site_tree, tmp_path, capsys):
    from django.core.management import CommandError

    path = tmp_path / "bad.csv"
    path.write_text(
        "external_id,language,title,summary,locations,service_types,status\n"
        "a,ky,Аталыш,Кыскача,batken//,preschool-education,completed\n"
        "b,ky,Аталыш,Кыскача,atlantis//,preschool-education,completed\n",
        "utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_practices", str(path))
    assert 'row 3 (b/ky), field "locations[1].oblast": unknown value "atlantis"' in capsys.readouterr().err


def test_export_filters_by_language(site_tree, tmp_path):
    run_import(write(tmp_path, [KATRAN_KY, KATRAN_RU]))
    exported = tmp_path / "ru.json"
    call_command("export_practices", str(exported), "--language", "ru")
    data = json.loads(exported.read_text("utf-8"))
    assert [r["language"] for r in data["practices"]] == ["ru"]
