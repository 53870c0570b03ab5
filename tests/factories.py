"""The smallest practices a test needs, written with real sentences from the seed articles."""

from practices.models import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    PracticeLocation,
    PracticePage,
    Rayon,
    ServiceType,
)

KATRAN_TITLE = "Катран айылдык аймагындагы «Алтын-Бешик» балдар борбору"
KATRAN_SUMMARY = (
    "Долбоор муниципалдык социалдык тапшырыктын алкагында ишке ашырылып, тапшырыкты "
    "«Инсан-Лейлек» коомдук фонду аткарган."
)
BOSTERI_TITLE = "Бостери айыл өкмөтүнүн реабилитациялык борбору"
BOSTERI_SUMMARY = (
    "Ден соолугунан мүмкүнчүлүгү чектелүү балдарга инклюзивдүү билим берген борбор; "
    "үйдөн окуган 12 бала аныкталган."
)


def make_practice(
    indexes,
    *,
    title=KATRAN_TITLE,
    summary=KATRAN_SUMMARY,
    language="ky",
    oblast="batken",
    rayon=None,
    municipality=None,
    services=("preschool-education",),
    groups=(),
    funding=(),
    status="completed",
    start_year=2014,
    end_year=2015,
    translation_of=None,
    live=True,
    **extra,
):
    page = PracticePage(
        title=title,
        summary=summary,
        status=status,
        start_year=start_year,
        end_year=end_year,
        **extra,
    )
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    page.locale = indexes[language].locale
    municipality_obj = Municipality.objects.get(slug=municipality) if municipality else None
    page.locations = [
        PracticeLocation(
            oblast=Oblast.objects.get(slug=oblast),
            rayon=Rayon.objects.get(slug=rayon) if rayon else (
                municipality_obj.rayon if municipality_obj else None
            ),
            municipality=municipality_obj,
        )
    ]
    page.service_types = list(ServiceType.objects.filter(slug__in=services))
    page.groups = list(BeneficiaryGroup.objects.filter(slug__in=groups))
    page.funding = list(FundingMechanism.objects.filter(slug__in=funding))
    indexes[language].add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        PracticePage.objects.filter(pk=page.pk).update(live=False)
        page.refresh_from_db()
    return page
