"""import_practices: checks everything first, writes all or nothing, and updates on re-import."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from practices.models import PracticePage

pytestmark = pytest.mark.django_db

KATRAN_KY = {
    "external_id": "katran-kindergarten",
    "language": "ky",
    "title": "Катран айылдык аймагындагы «Алтын-Бешик» балдар борбору",
    "summary": "Долбоор муниципалдык социалдык тапшырыктын алкагында ишке ашырылган.",
    "problem": "Аймакта мектепке чейинки курактагы 1000ден ашык бала жашайт.\n\nАлардын көбү бала бакчага барбайт.",
    "what_was_done": [
        {"type": "text", "value": "Тапшырыкты «Инсан-Лейлек» коомдук фонду аткарган."},
        {"type": "steps", "items": [{"title": "Элдик жыйын", "text": "Тургундар муктаждыкты аныкташты."}]},
        {"type": "quote", "text": "Балдар үчүн биригели!", "author": "Долбоордун ураанынан"},
    ],
    "results": "Балдар мектепке даяр болуп келишти.",
    "indicators": [{"label": "мектепке чейинки курактагы балдар", "value": "1000", "unit": "бала"}],
    "start_year": 2014,
    "end_year": 2015,
    "cost": {"amount": "1 200 000", "currency": "KGS", "note": ""},
    "funding": ["social-order", "donor-grant"],
    "partners": [{"partner": "insan-leilek", "role": "implementer"}, {"partner": "giz", "role": "donor"}],
    "locations": [{"oblast": "batken", "rayon": "leilek", "municipality": "katran"}],
    "service_types": ["preschool-education"],
    "groups": ["children"],
    "status": "completed",
    "tags": ["муниципалдык социалдык заказ", "бала бакча"],
    "replication": {"steps": [{"title": "Муктаждыкты баалоо", "text": ""}], "resources": "", "lessons": ""},
    "related": [],
    "source": "«Муниципалитет» журналы",
    "published": "2019-06-17",
}
KATRAN_RU = {
    **KATRAN_KY,
    "language": "ru",
    "title": "Детский центр «Алтын-Бешик» в Катранском айылном аймаке",
    "summary": "Проект реализован через муниципальный социальный заказ.",
    "tags": ["детский сад"],
}
PARTNERS = [
    {"slug": "insan-leilek", "kind": "ngo", "name_ky": "«Инсан-Лейлек» коомдук фонду",
     "name_ru": "Общественный фонд «Инсан-Лейлек»", "name_en": "Insan-Leilek Public Foundation"},
    {"slug": "giz", "kind": "donor", "name_ky": "GIZ", "name_ru": "GIZ", "name_en": "GIZ"},
]


def write(tmp_path, records, partners=PARTNERS, name="practices.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"partners": partners, "practices": records}, ensure_ascii=False), "utf-8")
    return path


def run_import(path, *args):
    call_command("import_practices", str(path), *args)


def test_import_creates_a_published_page_with_every_field(site_tree, tmp_path):
    run_import(write(tmp_path, [KATRAN_KY]))
    page = PracticePage.objects.get(external_id="katran-kindergarten")
    assert page.live and page.locale.language_code == "ky"
    assert page.slug == "катран-айылдык-аймагындагы-алтын-бешик-балдар-борбору"
    assert page.locations.get().municipality.slug == "katran"
    assert [s.slug for s in page.service_types.all()] == ["preschool-education"]
    assert sorted(f.slug for f in page.funding.all()) == ["donor-grant", "social-order"]
    assert page.cost_amount == 1200000
    assert page.indicators.get().value == "1000"
    assert [(p.partner.slug, p.role) for p in page.partners.all()] == [
        ("insan-leilek", "implementer"), ("giz", "donor")]
    assert [b.block_type for b in page.what_was_done] == ["text", "steps", "quote"]
    assert page.problem.count("<p>") == 2
    assert sorted(page.tags.names()) == ["бала бакча", "муниципалдык социалдык заказ"]
    assert page.first_published_at.date().isoformat() == "2019-06-17"
    assert page.get_latest_revision() is not None


def test_records_with_one_id_become_translations(site_tree, tmp_path):
    run_import(write(tmp_path, [KATRAN_KY, KATRAN_RU]))
    kyrgyz = PracticePage.objects.get(external_id="katran-kindergarten", locale__language_code="ky")
    russian = PracticePage.objects.get(external_id="katran-kindergarten", locale__language_code="ru")
    assert kyrgyz.translation_key == russian.translation_key
    assert russian.url.startswith("/ru/practices/")


def test_reimporting_updates_instead_of_duplicating(site_tree, tmp_path):
    run_import(write(tmp_path, [KATRAN_KY, KATRAN_RU]))
    changed = {**KATRAN_KY, "summary": "Жаңыртылган кыскача баяндама.", "status": "scaled_up"}
    run_import(write(tmp_path, [changed, KATRAN_RU]))
    assert PracticePage.objects.count() == 2
    page = PracticePage.objects.get(external_id="katran-kindergarten", locale__language_code="ky")
    assert page.summary == "Жаңыртылган кыскача баяндама."
    assert page.status == "scaled_up"
    assert page.locations.count() == 1


def test_every_bad_record_is_reported_with_its_number_and_field(site_tree, tmp_path, capsys):
    bad_oblast = {**KATRAN_KY, "external_id": "a", "locations": [{"oblast": "batkan"}]}
    bad_service = {**KATRAN_KY, "external_id": "b", "service_types": ["space-travel"]}
    bad_years = {**KATRAN_KY, "external_id": "c", "start_year": 2015, "end_year": 2010}
    with pytest.raises(CommandError, match="nothing was written"):
        run_import(write(tmp_path, [KATRAN_KY, bad_oblast, bad_service, bad_years]))
    errors = capsys.readouterr().err
    assert 'record 2 (a/ky), field "locations[1].oblast": unknown value "batkan"; allowed: ' in errors
    assert "batken, bishkek, chui" in errors
    assert 'record 3 (b/ky), field "service_types": unknown value "space-travel"; allowed: ' in errors
    assert "preschool-education" in errors
    assert 'record 4 (c/ky), field "end_year": is before start_year' in errors
    assert PracticePage.objects.count() == 0


def test_partial_import_writes_only_good_records(site_tree, tmp_path):
    bad = {**KATRAN_KY, "external_id": "bad", "status": "maybe"}
    run_import(write(tmp_path, [KATRAN_KY, bad]), "--partial")
    assert list(PracticePage.objects.values_list("external_id", flat=True)) == ["katran-kindergarten"]


def test_dry_run_writes_nothing(site_tree, tmp_path):
    run_import(write(tmp_path, [KATRAN_KY]), "--dry-run")
    assert PracticePage.objects.count() == 0


def test_failure_while_writing_leaves_no_half_created_pages(site_tree, tmp_path, monkeypatch):
    from practices.exchange import writer

    calls = {"n": 0}
    original = writer.PracticeWriter._write_one

    def fail_on_second(self, record):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(self, record)

    monkeypatch.setattr(writer.PracticeWriter, "_write_one", fail_on_second)
    with pytest.raises(RuntimeError):
        run_import(write(tmp_path, [KATRAN_KY, KATRAN_RU]))
    assert PracticePage.objects.count() == 0


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "invalid JSON at line 1"),
        ('{"practices": 5}', 'expected an object with a "practices" list'),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_unreadable_files_get_a_clear_message(site_tree, tmp_path, content, message):
    path = tmp_path / "broken.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError, match=message):
        run_import(path)


def test_missing_required_fields_and_wrong_types_are_reported(site_tree, tmp_path, capsys):
    broken = {"external_id": "x", "language": "de", "locations": "batken", "service_types": []}
    with pytest.raises(CommandError):
        run_import(write(tmp_path, [broken, "not an object"]))
    errors = capsys.readouterr().err
    for expected in ('field "title": is required', 'field "language": unknown value "de"',
                     'field "locations": at least one location', 'field "service_types": at least one',
                     'record 2, field "(record)"'):
        assert expected in errors


def test_inconsistent_location_is_rejected(site_tree, tmp_path, capsys):
    wrong = {**KATRAN_KY, "locations": [{"oblast": "chui", "municipality": "katran"}]}
    with pytest.raises(CommandError):
        run_import(write(tmp_path, [wrong]))
    assert '"katran" is not in oblast "chui"' in capsys.readouterr().err


def test_unknown_partner_and_related_id_are_reported(site_tree, tmp_path, capsys):
    record = {**KATRAN_KY, "partners": [{"partner": "nobody", "role": "donor"}], "related": ["ghost"]}
    with pytest.raises(CommandError):
        run_import(write(tmp_path, [record], partners=[]))
    errors = capsys.readouterr().err
    assert 'unknown organisation "nobody"' in errors
    assert 'no practice with external id "ghost"' in errors


def test_related_practices_are_linked_in_the_same_language(site_tree, tmp_path):
    bosteri = {**KATRAN_KY, "external_id": "bosteri", "title": "Бостери борбору",
               "locations": [{"oblast": "issyk-kul", "municipality": "bosteri"}],
               "related": ["katran-kindergarten"]}
    run_import(write(tmp_path, [KATRAN_KY, bosteri]))
    page = PracticePage.objects.get(external_id="bosteri")
    assert [p.external_id for p in page.related_practices()] == ["katran-kindergarten"]


def test_images_are_imported_with_alt_text_and_not_duplicated(site_tree, tmp_path):
    from wagtail.images import get_image_model

    Image.new("RGB", (40, 30), "green").save(tmp_path / "photo.jpg")
    record = {**KATRAN_KY, "images": [{"file": "photo.jpg", "alt": "Балдар ойноп жатышат", "caption": ""}]}
    run_import(write(tmp_path, [record]))
    run_import(write(tmp_path, [record]))
    page = PracticePage.objects.get()
    assert page.gallery_images.get().alt_text == "Балдар ойноп жатышат"
    assert get_image_model().objects.count() == 1


def test_image_without_alt_or_not_an_image_is_rejected(site_tree, tmp_path, capsys):
    (tmp_path / "fake.jpg").write_text("this is not a picture")
    record = {**KATRAN_KY, "images": [{"file": "fake.jpg", "alt": ""}, {"file": "missing.png", "alt": "x"}]}
    with pytest.raises(CommandError):
        run_import(write(tmp_path, [record]))
    errors = capsys.readouterr().err
    assert "describe the image" in errors
    assert "is not an image" in errors
    assert 'file "missing.png" not found' in errors


def test_duplicate_id_and_language_in_one_file_is_reported(site_tree, tmp_path, capsys):
    with pytest.raises(CommandError):
        run_import(write(tmp_path, [KATRAN_KY, copy.deepcopy(KATRAN_KY)]))
    assert "already appear in record 1" in capsys.readouterr().err


def test_slug_clash_gets_a_number(site_tree, tmp_path):
    other = {**KATRAN_KY, "external_id": "second"}
    run_import(write(tmp_path, [KATRAN_KY, other]))
    slugs = sorted(PracticePage.objects.values_list("slug", flat=True))
    assert slugs[1] == slugs[0] + "-2"
