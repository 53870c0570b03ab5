"""What every search engine must do, written once; each engine's test module subclasses it.

Documents are built directly, with sentences from the seed articles, so the
contract speaks of the engine alone. A difference between engines is a named
override with its reason in the subclass.
"""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.analysis import analyze_query
from search.documents import SearchDocument
from search.engines.base import Expected, SearchQuery

KATRAN = SearchDocument(
    page_id=101, translation_key="k-katran", language="ky",
    title="Катран айылдык аймагындагы «Алтын-Бешик» балдар борбору",
    summary="Мектепке чейинки курактагы балдардын билим деңгээлин жогорулатууга багытталган долбоор.",
    body="Долбоор муниципалдык социалдык тапшырыктын алкагында ишке ашырылып, тапшырыкты "
         "«Инсан-Лейлек» коомдук фонду аткарган. Бала бакчаларга барбаган балдар көп.",
    places="Баткен облусу Баткенская область Batken Oblast Лейлек району Катран айыл аймагы "
           "Катранский айылный аймак Katran Ayil Aimak Кара-Таш",
    keywords="муниципалдык социалдык заказ бала бакча",
    oblasts=("batken",), rayons=("leilek",), municipalities=("katran",), settlements=("rural",),
    services=("preschool-education", "social-services"), funding=("social-order", "donor-grant"),
    groups=("children",), status="completed", years=(2014, 2015),
    published_at=datetime.datetime(2019, 6, 17, tzinfo=datetime.UTC),
    suggestions=("Катран айылдык аймагындагы «Алтын-Бешик» балдар борбору", "Катран айыл аймагы"),
)
KATRAN_RU = SearchDocument(
    page_id=102, translation_key="k-katran", language="ru",
    title="Детский центр «Алтын-Бешик» в Катранском айылном аймаке",
    summary="Проект повысил готовность детей дошкольного возраста к школе.",
    body="Проект реализован в рамках муниципального социального заказа; исполнитель — "
         "общественный фонд «Инсан-Лейлек». Многие дети не ходили в детский сад.",
    places=KATRAN.places, keywords="муниципальный социальный заказ детский сад",
    oblasts=KATRAN.oblasts, rayons=KATRAN.rayons, municipalities=KATRAN.municipalities,
    settlements=KATRAN.settlements, services=KATRAN.services, funding=KATRAN.funding,
    groups=KATRAN.groups, status=KATRAN.status, years=KATRAN.years, published_at=KATRAN.published_at,
    suggestions=("Детский центр «Алтын-Бешик» в Катранском айылном аймаке", "Катранский айылный аймак"),
)
BOSTERI = SearchDocument(
    page_id=201, translation_key="k-bosteri", language="ky",
    title="Бостери айыл өкмөтүнүн реабилитациялык борбору",
    summary="Ден соолугунан мүмкүнчүлүгү чектелүү балдарга инклюзивдүү билим берген борбор.",
    body="Буга чейин үйүнөн чыкпай билим алууга мажбур болгон 12 бала аныкталган. "
         "Жергиликтүү өз алдынча башкаруу органы борборду колдойт.",
    places="Ысык-Көл облусу Иссык-Кульская область Issyk-Kul Oblast Бостери айыл аймагы Bosteri",
    keywords="инклюзия", oblasts=("issyk-kul",), rayons=("issyk-kul",), municipalities=("bosteri",),
    settlements=("rural",), services=("inclusive-education",), funding=("local-budget",),
    groups=("children", "persons-with-disabilities"), status="running", years=(2017, 2018, 2019),
    published_at=datetime.datetime(2020, 3, 12, tzinfo=datetime.UTC),
    suggestions=("Бостери айыл өкмөтүнүн реабилитациялык борбору", "Бостери айыл аймагы"),
)
KANT = SearchDocument(
    page_id=301, translation_key="k-kant", language="ky",
    title="Кант шаарында таштандыны бөлүп чогултуу",
    summary="Шаар тургундары калдыктарды сорттоого үйрөнүштү.",
    body="Муниципалдык ишкана таштанды ташуучу унааларды сатып алды.",
    places="Чүй облусу Чуйская область Кант шаары город Кант Kant Town",
    keywords="таштанды", oblasts=("chui",), rayons=("ysyk-ata",), municipalities=("kant",),
    settlements=("urban",), services=("solid-waste",), funding=("local-budget", "community-contribution"),
    groups=("all-residents",), status="running", years=(2021, 2022),
    published_at=datetime.datetime(2022, 1, 5, tzinfo=datetime.UTC),
    suggestions=("Кант шаарында таштандыны бөлүп чогултуу", "Кант шаары"),
)
ALL = [KATRAN, KATRAN_RU, BOSTERI, KANT]


def _page(page_id, title, body, language="ky"):
    return SearchDocument(
        page_id=page_id, translation_key=f"k-{page_id}", language=language, title=title,
        summary="", body=body, places="", keywords="", oblasts=(), rayons=(), municipalities=(),
        settlements=(), services=(), funding=(), groups=(), status="completed", years=(2019,),
        published_at=datetime.datetime(2019, 6, 17, tzinfo=datetime.UTC), suggestions=(title,),
    )


# seeds/000 and 002 name the Development Policy Institute both ways.
DPI_SHORT = _page(401, "ӨСИнин тренингдери", "Тренингди ӨСИ тренери Анара МУСАЕВА өткөрдү.")
DPI_FULL = _page(402, "Тренингдер", "Бул долбоорду Өнүктүрүү саясат институту ишке ашырууда.")
DPI_RU = _page(403, "Тренинги", "Тренинги провёл Институт политики развития.", language="ru")
# «өсүп», «өстү» (grow): what ӨСИ used to be stemmed into.
GROWTH = _page(404, "Бюджеттин өсүшү", "Айылдын бюджети жыл сайын өсүп, 2019-жылы эки эсе өстү.")


class EngineContract:
    """Subclasses provide an `engine` fixture: an empty engine of their kind."""

    def search(self, engine, text, language="ky", page=1, per_page=10, **filters):
        query = SearchQuery(text=text, analyzed=analyze_query(text, language), language=language,
                            filters=filters, page=page, per_page=per_page)
        return engine.search(query)

    def ids(self, results):
        return [hit.page_id for hit in results.hits]

    def test_inflected_kyrgyz_query_finds_the_base_form(self, engine):
        engine.index(ALL)
        assert 101 in self.ids(self.search(engine, "бакча"))
        assert 101 in self.ids(self.search(engine, "балдарыбыздын"))

    def test_query_typed_without_kyrgyz_letters_finds_page(self, engine):
        engine.index(ALL)
        assert self.ids(self.search(engine, "мумкунчулугу чектелуу")) == [201]

    def test_translations_of_one_case_come_as_one_hit_in_the_readers_language(self, engine):
        engine.index(ALL)
        kyrgyz = self.search(engine, "Инсан-Лейлек", language="ky")
        russian = self.search(engine, "Инсан-Лейлек", language="ru")
        assert self.ids(kyrgyz) == [101] and kyrgyz.hits[0].translations == (102,)
        assert self.ids(russian) == [102]
        assert kyrgyz.total == russian.total == 1

    def test_russian_query_finds_kyrgyz_case_through_synonyms_and_places(self, engine):
        engine.index([KATRAN, BOSTERI, KANT])
        assert self.ids(self.search(engine, "детский сад в Баткенской области", language="ru")) == [101]

    def test_abbreviation_finds_the_full_words(self, engine):
        engine.index(ALL)
        assert self.ids(self.search(engine, "ЖӨБ")) == [201]

    def test_abbreviation_its_suffixed_forms_and_its_names_find_the_same_cases(self, engine):
        engine.index([DPI_SHORT, DPI_FULL, DPI_RU, GROWTH, KATRAN, KATRAN_RU])
        for text in ("ӨСИ", "ӨСИнин", "ӨСИ-нин", "ӨСИ’нин", "оси", "Өнүктүрүү саясат институту",
                     "ИПР", "DPI"):
            # The Russian case comes too: readers of either site see cases in both languages.
            assert sorted(self.ids(self.search(engine, text))) == [401, 402, 403], text
        assert self.ids(self.search(engine, "өсүү")) == [404]
        for text in ("МСЗ", "МСЗнын", "муниципальный социальный заказ"):
            assert self.ids(self.search(engine, text)) == [101], text

    def test_place_names_in_any_language_and_former_names_find_the_case(self, engine):
        engine.index(ALL)
        for text in ("Катран", "Katran", "Катрандагы", "Кара-Таш"):
            assert self.ids(self.search(engine, text)) == [101], text

    def test_filters_narrow_and_counts_ignore_their_own_facet(self, engine):
        engine.index(ALL)
        results = self.search(engine, "балдар", oblast="issyk-kul")
        assert self.ids(results) == [201]
        assert results.facets["oblast"] == {"batken": 1, "issyk-kul": 1}
        assert results.facets["service"] == {"inclusive-education": 1}

    def test_year_and_status_filters(self, engine):
        engine.index(ALL)
        assert self.ids(self.search(engine, "балдар", year="2015")) == [101]
        assert self.ids(self.search(engine, "балдар", status="running")) == [201]

    def test_unknown_filter_value_finds_nothing_without_failing(self, engine):
        engine.index(ALL)
        assert self.search(engine, "балдар", oblast="atlantis").total == 0

    def test_when_no_page_has_every_word_pages_with_some_of_them_come_and_say_so(self, engine):
        engine.index(ALL)
        results = self.search(engine, "Катран космодрому")
        assert self.ids(results) == [101]
        assert results.relaxed
        assert not self.search(engine, "Катран").relaxed

    def test_deleted_documents_disappear(self, engine):
        engine.index(ALL)
        engine.delete([201])
        assert self.search(engine, "реабилитациялык").total == 0

    def test_reindexing_a_document_replaces_it(self, engine):
        engine.index(ALL)
        changed = SearchDocument(**{**KANT.__dict__, "title": "Кант шаарында суу түтүгү"})
        engine.index([changed])
        assert self.search(engine, "таштандыны").hits[0].page_id == 301  # body still mentions it
        assert self.ids(self.search(engine, "суу түтүгү")) == [301]

    def test_paging(self, engine):
        engine.index(ALL)
        first = self.search(engine, "балдар", per_page=1)
        second = self.search(engine, "балдар", page=2, per_page=1)
        assert first.total == second.total == 2
        assert self.ids(first) != self.ids(second)

    def test_snippet_marks_the_matched_words_and_escapes_the_rest(self, engine):
        engine.index(ALL)
        snippet = self.search(engine, "инклюзивдүү").hits[0].snippet
        assert "<mark>инклюзивдүү</mark>" in snippet
        assert "<script" not in snippet

    def test_empty_and_operator_only_queries_find_nothing_and_never_fail(self, engine):
        engine.index(ALL)
        for text in ("", "   ", '"', "AND OR NOT", "*:()^~", "жана менен", "\x00", "ӨҮҢ" * 2000):
            results = self.search(engine, text)
            assert results.total >= 0

    # Every engine's subclass runs this one method, hence the differing executors.
    @settings(max_examples=30, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors])
    @given(
        text=st.one_of(st.text(max_size=200), st.sampled_from(['"балдар', "бала* OR (", "NEAR/2 {x}", "ЖӨБ:^2"])),
        filters=st.dictionaries(st.sampled_from(["oblast", "year", "service", "unknown"]), st.text(max_size=20)),
        page=st.integers(min_value=1, max_value=1000),
    )
    def test_any_text_filters_and_page_get_an_answer(self, engine, text, filters, page):
        engine.index(ALL)
        results = self.search(engine, text, page=page, **filters)
        assert results.total >= 0 and len(results.hits) <= 10
        assert engine.autocomplete(text, "ky") is not None

    def test_autocomplete_offers_titles_and_municipalities(self, engine):
        engine.index(ALL)
        found = engine.autocomplete("кат", "ky")
        assert "Катран айыл аймагы" in found
        assert found.index("Катран айыл аймагы") < found.index("Катранский айылный аймак")
        assert engine.autocomplete("к", "ky") == []

    def test_reset_empties_the_index(self, engine):
        engine.index(ALL)
        engine.reset()
        assert self.search(engine, "балдар").total == 0

    def test_health_reports_ok(self, engine):
        ok, message = engine.health()
        assert ok, message

    def test_health_compares_the_page_documents_with_the_live_pages(self, engine):
        engine.index(ALL)
        ok, message = engine.health(Expected(pages=4))
        assert ok and "4 live pages" in message, message
        ok, message = engine.health(Expected(pages=6))
        assert not ok and "2 pages missing: run rebuild_search_index" in message
        ok, message = engine.health(Expected(pages=3))
        assert not ok and "1 stale pages: run rebuild_search_index" in message

    def test_health_allows_for_changes_in_flight_and_names_a_rebuild_under_way(self, engine):
        engine.index(ALL)
        assert engine.health(Expected(pages=5, in_flight=1))[0]
        ok, message = engine.health(Expected(pages=6, in_flight=1, rebuilding=True))
        assert not ok and message.endswith("a rebuild is under way")
