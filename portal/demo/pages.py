"""The "About the portal" page in each language, for the demo site."""

from wagtail.models import Locale

from portal.models import HomePage, StandardPage

ABOUT = {
    "ky": (
        "Портал жөнүндө",
        "portal-zhonundo",
        "<p>Бул портал жергиликтүү өз алдынча башкаруу органдарынын мыкты практикаларын бир жерге "
        "чогултат. Аны Кыргыз Республикасынын Министрлер Кабинетине караштуу Жергиликтүү өз алдынча "
        "башкаруу жана этностор аралык мамилелер боюнча мамлекеттик агенттиги 2019-жылы баштаган.</p>"
        "<p>Ош, Жалал-Абад, Чүй, Нарын жана Ысык-Көл облустарынын айыл өкмөтүнүн башчылары, "
        "жооптуу катчылары жана финансы кызматкерлери фокус-топтордо эмнени күтөрүн айтышкан: "
        "башка муниципалитеттердин тажрыйбасы, мамлекеттик органдардын жаңылыктары жана "
        "түшүндүрмөлөрү, өз тажрыйбасы менен бөлүшүү мүмкүнчүлүгү.</p>",
    ),
    "ru": (
        "О портале",
        "o-portale",
        "<p>Портал собирает в одном месте лучшие практики органов местного самоуправления. Его "
        "начало положило в 2019 году Государственное агентство по делам местного самоуправления "
        "и межэтнических отношений при Кабинете министров Кыргызской Республики.</p>"
        "<p>Главы айыл окмоту, ответственные секретари и финансисты Ошской, Джалал-Абадской, "
        "Чуйской, Нарынской и Иссык-Кульской областей рассказали на фокус-группах, чего они ждут: "
        "опыта других муниципалитетов, новостей и разъяснений государственных органов и "
        "возможности поделиться своей практикой.</p>",
    ),
    "en": (
        "About the portal",
        "about",
        "<p>The portal brings together the best practices of local self-government bodies in "
        "Kyrgyzstan. The State Agency for Local Self-Government and Interethnic Relations started "
        "it in 2019.</p><p>Heads of ayil okmotus, executive secretaries and finance staff from Osh, "
        "Jalal-Abad, Chui, Naryn and Issyk-Kul oblasts told focus groups what they expect: the "
        "experience of other municipalities, news and explanations from state bodies, and a way "
        "to share their own practice.</p>",
    ),
}


def ensure_about_pages():
    home = HomePage.objects.get(locale__language_code="ky")
    about = StandardPage.objects.child_of(home).first()
    if about is None:
        title, slug, intro = ABOUT["ky"]
        about = home.add_child(
            instance=StandardPage(title=title, slug=slug, intro=intro, show_in_menus=True)
        )
        about.save_revision().publish()
    for code in ("ru", "en"):
        locale = Locale.objects.get(language_code=code)
        if about.get_translation_or_none(locale):
            continue
        translated = about.copy_for_translation(locale, copy_parents=True)
        translated.title, translated.slug, translated.intro = ABOUT[code]
        translated.save_revision().publish()
    return about
