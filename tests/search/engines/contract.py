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
WORDS = sorted({
    word for doc in ALL for text in (doc.title, doc.summary, doc.body, doc.keywords, doc.places)
    for word in text.replace("«", " ").replace("»", " ").split()
})


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


# For ranked recall: a query of four words, «таза суу насос скважина» (clean water pump well).
FOUR_WORDS = "таза суу насос скважина"
ALL_FOUR = _page(501, "Долбоор", "Айылга таза суу келип, насос жана скважина орнотулду.")
# Three of them, in the title and twice: a stronger text match, but a word short.
THREE_OF_FOUR = _page(502, "Таза суу жана насос", "Таза суу жана насос жаңыланды.")
TWO_OF_FOUR = _page(503, "Таза суу", "Мектепте ичүүчү суу бар.")
ONE_OF_FOUR = _page(505, "Насос", "Насос сатылды.")
# Every word, but not the phrase «таза суу».
WORDS_NOT_PHRASE = _page(504, "Суу жана насос", "Бул жерде баары таза, скважина бар.")


def _in_oblast(document, oblast):
    return SearchDocument(**{**document.__dict__, "oblasts": (oblast,)})


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
        assert self.ids(self.search(engine, "бакча")) == [101]
        # «Балдар» is in Katran's title, in Bosteri's only in the summary and body: Katran comes first.
        assert self.ids(self.search(engine, "балдарыбыздын")) == [101, 201]

    def test_query_typed_without_kyrgyz_letters_finds_page(self, engine):
        engine.index(ALL)
        assert self.ids(self.search(engine, "мумкунчулугу чектелуу")) == [201]

    def test_translations_of_one_case_come_as_one_hit_in_the_readers_language(self, engine):
        engine.index(ALL)
        kyrgyz = self.search(engine, "Инсан-Лейлек", language="ky")
        russian = self.search(engine, "Инсан-Лейлек", language="ru")
        assert self.ids(kyrgyz) == [101] and kyrgyz.hits[0].translations == (102,)
        assert self.ids(russian) == [102] and russian.hits[0].translations == (101,)
        assert kyrgyz.total == russian.total == 1

    def test_a_translation_indexed_later_joins_its_case(self, engine):
        engine.index([KATRAN, BOSTERI])
        engine.index([KATRAN_RU])
        # A word only the Russian version has counts the case once, with its facets.
        results = self.search(engine, "исполнитель", language="ky")
        assert (results.total, self.ids(results)) == (1, [102])
        assert results.facets["oblast"] == {"batken": 1}
        assert self.search(engine, "Инсан-Лейлек").hits[0].translations == (102,)

    def test_deleting_one_translation_keeps_the_case_and_deleting_all_removes_it(self, engine):
        engine.index(ALL)
        engine.delete([101])
        results = self.search(engine, "Инсан-Лейлек")
        assert (results.total, self.ids(results), results.hits[0].translations) == (1, [102], ())
        assert results.facets["oblast"] == {"batken": 1}
        engine.delete([102])
        results = self.search(engine, "Инсан-Лейлек")
        assert (results.total, self.ids(results), results.facets["oblast"]) == (0, [], {})

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
        assert (results.total, self.ids(results)) == (1, [201])
        assert results.facets["oblast"] == {"batken": 1, "issyk-kul": 1}
        assert results.facets["service"] == {"inclusive-education": 1}

    def test_year_and_status_filters(self, engine):
        engine.index(ALL)
        assert self.ids(self.search(engine, "балдар", year="2015")) == [101]
        assert self.ids(self.search(engine, "балдар", status="running")) == [201]

    def test_unknown_filter_value_finds_nothing_without_failing(self, engine):
        engine.index(ALL)
        results = self.search(engine, "балдар", oblast="atlantis")
        assert (results.total, self.ids(results)) == (0, [])
        # The other facets count what the text found, without the filter that found nothing.
        assert results.facets["oblast"] == {"batken": 1, "issyk-kul": 1}

    def test_when_no_page_has_every_word_pages_with_some_of_them_come_and_say_so(self, engine):
        engine.index(ALL)
        results = self.search(engine, "Катран космодрому")
        assert (results.total, self.ids(results), results.relaxed) == (1, [101], True)
        assert not self.search(engine, "Катран").relaxed

    def test_a_case_missing_one_of_four_words_is_found_below_those_with_all(self, engine):
        engine.index([ALL_FOUR, THREE_OF_FOUR, TWO_OF_FOUR, ONE_OF_FOUR])
        results = self.search(engine, FOUR_WORDS)
        # Coverage ranks first: the stronger title match lacks «насос». With less than
        # a page of those, the case with half the words follows; one word is not enough.
        assert (results.total, self.ids(results), results.relaxed) == (3, [501, 502, 503], False)
        assert results.hits[0].score > results.hits[1].score > results.hits[2].score
        # With two words both are needed to lead; cases with one fill up the short page below.
        two_words = self.search(engine, "суу насос")
        assert (set(self.ids(two_words)[:2]), two_words.total, two_words.relaxed) == ({501, 502}, 4, False)
        assert two_words.hits[1].score > two_words.hits[2].score

    def test_cases_with_half_the_words_only_fill_up_a_short_page(self, engine):
        three = [_page(550 + n, f"Таза суу жана насос {n}", "Долбоор.") for n in range(10)]
        engine.index([*three, TWO_OF_FOUR])
        results = self.search(engine, FOUR_WORDS)
        assert (results.total, results.relaxed) == (10, False)
        assert 503 not in self.ids(self.search(engine, FOUR_WORDS, page=2))

    def test_from_six_words_a_case_may_miss_two(self, engine):
        four = _page(511, "Мектептеги китепкана", "Китепканага компьютер жана интернет келди.")
        three = _page(512, "Мектептеги китепкана", "Китепканага компьютер келди.")
        two = _page(513, "Мектептеги жыйын", "Интернет жок.")
        engine.index([four, three, two])
        results = self.search(engine, "мектеп китепкана компьютер интернет мугалим окуучу")
        assert (results.total, self.ids(results), results.relaxed) == (2, [511, 512], False)

    def test_a_long_query_finds_cases_missing_two_words_even_one_no_page_has(self, engine):
        # Ten words are too many to spell out which eight a case must hold; «космодром» is on no page.
        words = "мектеп китепкана компьютер интернет мугалим окуучу сабак жабдык бакча космодром"
        nine = _page(561, "Мектеп китепкана компьютер интернет", "Мугалим окуучу сабак жабдык бакча.")
        eight = _page(562, "Мектеп китепкана компьютер интернет", "Мугалим окуучу сабак бакча.")
        five = _page(563, "Мектеп китепкана компьютер", "Интернет мугалим.")
        three = _page(564, "Мектеп китепкана", "Компьютер.")
        engine.index([three, five, eight, nine])
        results = self.search(engine, words)
        # Eight of ten lead; with less than a page of them, half the words fill up below.
        assert (results.total, self.ids(results), results.relaxed) == (3, [561, 562, 563], False)

    def test_quoted_phrases_stay_required_and_exact(self, engine):
        engine.index([ALL_FOUR, THREE_OF_FOUR, WORDS_NOT_PHRASE])
        results = self.search(engine, '"таза суу" насос скважина')
        assert (sorted(self.ids(results)), results.relaxed) == ([501, 502], False)

    def test_a_filtered_search_relaxes_within_its_filter(self, engine):
        only_water = _in_oblast(_page(521, "Нарындагы суу", "Суу боюнча жыйын өттү."), "naryn")
        engine.index([_in_oblast(ALL_FOUR, "chui"), only_water])
        results = self.search(engine, FOUR_WORDS, oblast="naryn")
        assert (results.total, self.ids(results), results.relaxed) == (1, [521], True)
        # Its own facet's counts ignore the filter, as always.
        assert results.facets["oblast"] == {"naryn": 1, "chui": 1}
        full = self.search(engine, FOUR_WORDS, oblast="chui")
        assert (self.ids(full), full.relaxed) == ([501], False)

    def test_with_some_words_cases_with_more_of_them_come_first(self, engine):
        # One word, strongly (title and body), against two words once each in the body.
        one_word = _page(531, "Насос", "Насос насос.")
        two_words = _page(532, "Жыйналыш", "Айылда таза суу маселеси талкууланды.")
        engine.index([one_word, two_words])
        # Six words: neither has the four needed, nor the three that fill up a page.
        results = self.search(engine, "таза суу насос скважина резервуар кран")
        assert (self.ids(results), results.relaxed) == ([532, 531], True)

    def test_a_word_found_only_inside_a_compound_place_name_ranks_below_the_text(self, engine):
        in_text = _page(541, "Айылга суу келди", "Долбоор.")
        in_place = SearchDocument(**{**_page(542, "Айылга жол салынды", "Долбоор.").__dict__,
                                     "places": "Кара-Суу району"})
        engine.index([in_place, in_text])
        results = self.search(engine, "суу")
        assert (results.total, self.ids(results)) == (2, [541, 542])
        # As a whole name, written either way, the place is a strong match.
        for typed in ("Кара-Суу", "Карасуу", '"Кара-Суу району"'):
            assert self.ids(self.search(engine, typed)) == [542], typed
        # Inside the name «суу» counts for less than in the text, whatever else the query has.
        assert self.ids(self.search(engine, "айылга суу")) == [541, 542]

    def test_a_lexicon_translation_finds_the_other_language_and_ranks_below_the_readers_own_word(self, engine):
        kyrgyz_only = _page(561, "Мектеп", "Айылдагы мектеп оңдолду.")
        russian_only = _page(562, "Ремонт", "В селе отремонтировали школу.", language="ru")
        engine.index([kyrgyz_only, russian_only])
        # On the Kyrgyz site, the Kyrgyz case has the stronger text match and the reader's language.
        results = self.search(engine, "школа")
        assert (self.ids(results), results.relaxed) == ([562, 561], False)
        assert [hit.language for hit in results.hits] == ["ru", "ky"]
        assert self.ids(self.search(engine, "мектеп", language="ru")) == [561, 562]

    def test_deleted_documents_disappear(self, engine):
        engine.index(ALL)
        engine.delete([201])
        assert self.search(engine, "реабилитациялык").total == 0
        results = self.search(engine, "балдар")
        assert (results.total, self.ids(results), results.facets["oblast"]) == (1, [101], {"batken": 1})

    def test_deleting_pages_that_are_not_indexed_is_no_error(self, engine):
        engine.delete([999, 998])
        ok, message = engine.health()
        assert ok and message.startswith("0 documents"), message

    def test_reindexing_a_document_replaces_it(self, engine):
        engine.index(ALL)
        changed = SearchDocument(**{**KANT.__dict__, "title": "Кант шаарында суу түтүгү"})
        engine.index([changed])
        assert self.ids(self.search(engine, "таштандыны")) == [301]  # the body still mentions it
        assert self.search(engine, "чогултуу").total == 0
        assert self.ids(self.search(engine, "суу түтүгү")) == [301]

    def test_a_phrase_matches_within_one_field_never_across_two(self, engine):
        # KANT's fields in turn: the title ends «чогултуу», the summary runs from «Шаар» to
        # «үйрөнүштү», the keywords are «таштанды», the places end «Town», the body starts
        # «Муниципалдык». Without places the keywords are followed by the body.
        without_places = SearchDocument(**{**KANT.__dict__, "page_id": 302, "translation_key": "k-kant-2",
                                           "places": ""})
        engine.index([KANT, without_places])
        for phrase in ('"чогултуу шаар"', '"үйрөнүштү таштанды"', '"таштанды муниципалдык"',
                       '"Town муниципалдык"'):
            results = self.search(engine, phrase)
            assert (results.total, self.ids(results)) == (0, []), phrase
        for phrase in ('"таштандыны бөлүп чогултуу"', '"сорттоого үйрөнүштү"', '"муниципалдык ишкана"'):
            results = self.search(engine, phrase)
            assert (results.total, sorted(self.ids(results))) == (2, [301, 302]), phrase
        assert self.ids(self.search(engine, '"Чүй облусу"')) == [301]

    def test_paging(self, engine):
        engine.index(ALL)
        first = self.search(engine, "балдар", per_page=1)
        second = self.search(engine, "балдар", page=2, per_page=1)
        third = self.search(engine, "балдар", page=3, per_page=1)
        assert first.total == second.total == third.total == 2
        assert (self.ids(first), self.ids(second), self.ids(third)) == ([101], [201], [])

    def test_totals_and_counts_are_exact_cases_and_pages_never_repeat_one(self, engine):
        # 300 cases in two languages: totals and facet counts must count cases, not pages, exactly.
        documents = []
        for number in range(300):
            oblast = "chui" if number % 3 else "batken"
            for version, language in ((KANT, "ky"), (KATRAN_RU, "ru")):
                documents.append(SearchDocument(**{
                    **version.__dict__, "page_id": 1000 + 2 * number + (language == "ru"),
                    "translation_key": f"case-{number}", "oblasts": (oblast,),
                }))
        engine.index(documents)
        results = self.search(engine, "Кант")
        assert results.total == 300
        assert results.facets["oblast"] == {"chui": 200, "batken": 100}
        seen = []
        for page in range(1, 31):
            hits = self.search(engine, "Кант", page=page).hits
            assert len(hits) == 10 and all(hit.language == "ky" for hit in hits)
            seen += [hit.translation_key for hit in hits]
        assert len(set(seen)) == 300
        assert self.search(engine, "Кант", page=31).hits == []

    def test_snippet_marks_the_matched_words_and_escapes_the_rest(self, engine):
        marked_up = SearchDocument(**{
            **BOSTERI.__dict__,
            "summary": "Инклюзивдүү билим <script>alert(1)</script> & <b>тарбия</b> балдарга.",
        })
        engine.index([KATRAN, marked_up])
        results = self.search(engine, "инклюзивдүү")
        assert self.ids(results) == [201]
        # The passage runs from its first word to its last, so the full stop stays out.
        assert results.hits[0].snippet == (
            "<mark>Инклюзивдүү</mark> билим &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
            "&lt;b&gt;тарбия&lt;/b&gt; балдарга"
        )

    def test_snippet_comes_from_the_body_when_the_summary_lacks_the_words(self, engine):
        engine.index(ALL)
        snippet = self.search(engine, "аныкталган").hits[0].snippet
        assert "<mark>аныкталган</mark>" in snippet and snippet.count("<mark>") == 1
        assert "12 бала" in snippet

    def test_empty_and_operator_only_queries_find_nothing_and_never_fail(self, engine):
        engine.index(ALL)
        for text in ("", "   ", '"', "AND OR NOT", "*:()^~", "жана менен", "\x00", "ӨҮҢ" * 2000):
            results = self.search(engine, text)
            assert (results.total, results.hits, results.relaxed) == (0, [], False), text

    # Every engine's subclass runs this one method, hence the differing executors.
    @settings(max_examples=30, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors])
    @given(
        text=st.one_of(
            st.text(max_size=200),
            st.sampled_from(['"балдар', "бала* OR (", "NEAR/2 {x}", "ЖӨБ:^2"]),
            # Words of the documents, alone, several, or quoted, so that most of these find pages.
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
            st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(lambda words: f'"{" ".join(words)}"'),
        ),
        language=st.sampled_from(["ky", "ru", "en"]),
        filters=st.dictionaries(
            st.sampled_from(["oblast", "year", "service", "unknown"]),
            st.one_of(st.text(max_size=20), st.sampled_from(["batken", "chui", "2015", "social-services"])),
        ),
        page=st.one_of(st.integers(min_value=1, max_value=2), st.integers(min_value=1, max_value=1000)),
    )
    def test_any_text_filters_and_page_get_an_answer(self, engine, text, language, filters, page):
        engine.index(ALL)
        results = self.search(engine, text, language=language, page=page, **filters)
        # Three cases: a page holds what the total leaves after the pages before it, each case once.
        assert 0 <= results.total <= 3
        assert len(results.hits) == max(0, min(10, results.total - (page - 1) * 10))
        documents = {doc.page_id: doc for doc in ALL}
        for hit in results.hits:
            doc = documents[hit.page_id]
            assert (hit.translation_key, hit.language) == (doc.translation_key, doc.language)
            assert all(documents[other].translation_key == doc.translation_key for other in hit.translations)
        assert len({hit.translation_key for hit in results.hits}) == len(results.hits)
        names = {name for doc in ALL for name in doc.suggestions}
        offered = engine.autocomplete(text, language)
        assert len(offered) <= 8 and set(offered) <= names

    def test_autocomplete_offers_titles_and_municipalities(self, engine):
        engine.index(ALL)
        kyrgyz = ["Катран айыл аймагы", "Катран айылдык аймагындагы «Алтын-Бешик» балдар борбору"]
        russian = ["Детский центр «Алтын-Бешик» в Катранском айылном аймаке", "Катранский айылный аймак"]
        # Names in the reader's language first, then the others; a word inside a name matches too.
        assert engine.autocomplete("кат", "ky") == kyrgyz + russian
        assert engine.autocomplete("кат", "ru") == russian + kyrgyz
        assert engine.autocomplete("БОСТЕРИ", "ky") == [
            "Бостери айыл аймагы", "Бостери айыл өкмөтүнүн реабилитациялык борбору",
        ]
        assert engine.autocomplete("к", "ky") == []
        assert engine.autocomplete("кат", "ky", limit=1) == kyrgyz[:1]

    def test_rebuild_replaces_the_whole_index(self, engine):
        engine.index(ALL)
        assert engine.rebuild(iter([KATRAN, BOSTERI])) == 2
        assert self.search(engine, "таштандыны").total == 0
        results = self.search(engine, "Инсан-Лейлек", language="ru")
        assert (self.ids(results), results.hits[0].translations) == ([101], ())
        assert self.ids(self.search(engine, "реабилитациялык")) == [201]
        ok, message = engine.health()
        assert ok and message.startswith("2 documents"), message

    def test_reset_empties_the_index(self, engine):
        engine.index(ALL)
        engine.reset()
        results = self.search(engine, "балдар")
        assert (results.total, results.hits) == (0, [])
        assert engine.autocomplete("кат", "ky") == []
        ok, message = engine.health()
        assert ok and message.startswith("0 documents"), message

    def test_health_counts_the_page_documents(self, engine):
        ok, message = engine.health()
        assert ok and message.startswith("0 documents"), message
        engine.index(ALL)
        ok, message = engine.health()
        assert ok and message.startswith("4 documents"), message

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
