from practices.collation import fold_for_matching, sort_key


def test_kyrgyz_letters_sort_after_their_plain_twins():
    words = ["Үч-Коргон", "Ош", "Өзгөн", "Нарын", "Ңа", "Ульяна", "Яблоко", "Ак-Суу"]
    assert sorted(words, key=sort_key) == ["Ак-Суу", "Нарын", "Ңа", "Ош", "Өзгөн", "Ульяна", "Үч-Коргон", "Яблоко"]


def test_sort_key_is_plain_ascii_so_every_database_orders_it_alike():
    key = sort_key("Жалал-Абад 2019 GIZ")
    assert key.isascii() and key.isalnum()


def test_shorter_title_sorts_before_its_longer_twin():
    assert sort_key("Бала") < sort_key("Бала бакча") < sort_key("Балдар")


def test_folding_meets_readers_without_a_kyrgyz_keyboard():
    assert fold_for_matching("ӨНҮКТҮРҮҮ") == fold_for_matching("онуктуруу")
    # One seed article writes ѳ and ӊ for ө and ң.
    assert fold_for_matching("Жаӊы ѳсүү") == "жаны осуу"
