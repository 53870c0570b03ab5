"""The admin dashboard of the people who write practices: a contributor's municipality, an editor's returns."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.dashboard import dashboard_panels
from moderation.roles import CONTRIBUTORS
from practices.models import Municipality
from replication.models import ReplicationRequest
from tests.factories import BOSTERI_TITLE, KATRAN_TITLE
from tests.moderation.conftest import CHANGES_COMMENT, edit_url, words
from tests.moderation.test_workflows import act, submit

pytestmark = pytest.mark.django_db

IN_MODERATION_TITLE = "Катран айыл аймагында мектепке даярдоо тобу"
CHANGES_TITLE = "«Инсан-Лейлек» коомдук фонду аткарган муниципалдык социалдык тапшырык"
PUBLISHED_TITLE = "Катран айыл аймагындагы «Алтын-Бешик» бала бакчасынын экинчи тобу"
OTHER_LIVE_TITLE = "Ак-Чий айыл өкмөтү донорлор үчүн демонстрациялык аянтча болду"


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def listed_practices(soup, section="municipality-practices-section"):
    """{title: (progress, edit link, comment)} of the practices a dashboard panel lists."""
    rows = {}
    for item in soup.select(f"#{section} li.portal-practice"):
        link = item.select_one(".portal-practice__title a")
        progress = next(c for c in item["class"] if c.startswith("portal-practice--")).split("--")[1]
        comment = item.select_one(".portal-changes-requested__comment")
        rows[words(link.get_text())] = (
            progress,
            link["href"],
            words(comment.get_text(" ")) if comment else None,
        )
    return rows


@pytest.fixture
def katran_cases(login, contributor, moderator, katran_draft, practice):
    """A Katran draft, one in moderation, one sent back with a comment, one published."""
    in_moderation = submit(
        login(contributor), practice(title=IN_MODERATION_TITLE, municipality="katran", live=False)
    )
    sent_back = submit(login(contributor), practice(title=CHANGES_TITLE, municipality="katran", live=False))
    act(login(moderator), sent_back, "reject", comment=CHANGES_COMMENT)
    published = practice(title=PUBLISHED_TITLE, municipality="katran")
    return {
        "draft": katran_draft,
        "in_moderation": in_moderation,
        "changes_requested": sent_back,
        "published": published,
    }


@pytest.fixture
def other_municipalities(bosteri_draft, practice):
    return {
        "draft": bosteri_draft,
        "live": practice(title=OTHER_LIVE_TITLE, oblast="issyk-kul", municipality="ak-chiy"),
    }


def replication_request(page, municipality, name):
    return ReplicationRequest.objects.create(
        practice=page,
        practice_title=page.title,
        translation_key=page.translation_key,
        municipality=Municipality.objects.get(slug=municipality),
        contact_name=name,
        contact_phone="+996 555 123 456",
        contact_email="ayil@example.org",
        message="Бизде да бала бакча жок. Кантип баштасак болот?",
        language="ky",
    )


def test_contributor_sees_each_of_their_municipalitys_practices_where_it_stands(
    login, contributor, katran_cases
):
    rows = listed_practices(dashboard(login(contributor)))
    assert {title: progress for title, (progress, _link, _comment) in rows.items()} == {
        KATRAN_TITLE: "draft",
        IN_MODERATION_TITLE: "in_moderation",
        CHANGES_TITLE: "changes_requested",
        PUBLISHED_TITLE: "published",
    }
    # What waits on the contributor comes first.
    assert list(rows)[0] == CHANGES_TITLE


def test_contributor_reads_the_moderators_comment_in_full_on_the_dashboard(login, contributor, katran_cases):
    rows = listed_practices(dashboard(login(contributor)))
    assert rows[CHANGES_TITLE][2] == words(CHANGES_COMMENT)
    assert all(comment is None for title, (_p, _l, comment) in rows.items() if title != CHANGES_TITLE)


def test_each_practice_links_to_its_edit_form(login, contributor, katran_cases):
    rows = listed_practices(dashboard(login(contributor)))
    for page in katran_cases.values():
        assert rows[page.title][1] == edit_url(page)


def test_contributor_sees_nothing_of_another_municipality(
    login, contributor, katran_cases, other_municipalities
):
    katran_request = replication_request(katran_cases["published"], "bosteri", "Гүлнара Өмүрбекова")
    replication_request(other_municipalities["live"], "katran", "Айбек Ташиев")
    soup = dashboard(login(contributor))
    html = str(soup)
    assert BOSTERI_TITLE not in html
    assert OTHER_LIVE_TITLE not in html
    assert "Айбек Ташиев" not in html
    requests = soup.select("#replication-requests-section li.portal-request")
    assert len(requests) == 1
    assert katran_request.contact_name in requests[0].get_text()
    assert katran_request.message in requests[0].get_text()
    assert requests[0].select_one('a[href^="tel:"]')["href"] == "tel:+996555123456"


def test_a_translation_is_listed_with_its_language(login, contributor, practice):
    original = practice(title=PUBLISHED_TITLE, municipality="katran")
    translation = practice(
        title="«Алтын-Бешик» в айылном аймаке Катран",
        language="ru",
        municipality="katran",
        translation_of=original,
    )
    soup = dashboard(login(contributor))
    rows = listed_practices(soup)
    assert set(rows) == {original.title, translation.title}
    languages = [item.select_one(".portal-practice__language") for item in soup.select("li.portal-practice")]
    assert [language["lang"] for language in languages if language] == ["ru"]


def test_an_alias_in_another_language_is_not_a_second_practice(login, contributor, practice, indexes):
    page = practice(title=PUBLISHED_TITLE, municipality="katran")
    for language in ("ru", "en"):
        if not page.get_translations().filter(locale=indexes[language].locale).exists():
            page.copy_for_translation(indexes[language].locale, alias=True)
    soup = dashboard(login(contributor))
    assert len(soup.select("#municipality-practices-section li.portal-practice")) == 1


def test_no_raw_values_and_times_in_bishkek(login, contributor, katran_cases):
    import datetime

    from wagtail.models import TaskState

    task_state = TaskState.objects.get(status=TaskState.STATUS_REJECTED)
    task_state.finished_at = datetime.datetime(2026, 5, 3, 20, 30, tzinfo=datetime.UTC)
    task_state.save()
    soup = dashboard(login(contributor))
    panel = soup.select_one("#municipality-practices-section")
    times = [
        (time["datetime"], time.get_text()) for time in panel.select(".portal-changes-requested__meta time")
    ]
    # 20:30 UTC on 3 May is 2:30 on 4 May in Bishkek; the admin speaks Kyrgyz.
    assert times == [("2026-05-04T02:30:00+06:00", "4 Май 2026 ж. 2:30")]
    for raw in ("None", "True", "False"):
        assert raw not in panel.get_text()


def test_add_button_opens_the_kyrgyz_practice_list_with_the_municipality(login, contributor, indexes):
    soup = dashboard(login(contributor))
    add = soup.select_one("#municipality-practices-section .portal-dashboard__add a")
    assert (
        add["href"]
        == reverse("wagtailadmin_pages:add", args=["practices", "practicepage", indexes["ky"].pk])
        + "?municipality=katran"
    )
    others = soup.select("#municipality-practices-section .portal-dashboard__other-languages a")
    assert [link["lang"] for link in others] == ["ru", "en"]


def test_contributor_without_a_municipality_is_told_to_ask_a_moderator(login, make_user, katran_draft):
    user = make_user("newcomer", CONTRIBUTORS, position="Катчы")
    soup = dashboard(login(user))
    panel = soup.select_one("#municipality-practices-section")
    assert panel.select(".portal-dashboard__add a") == []
    assert panel.select("li.portal-practice") == []


def test_editor_reads_the_comment_on_what_they_submitted(
    login, editor, moderator, bosteri_draft, katran_cases
):
    page = submit(login(editor), bosteri_draft)
    act(login(moderator), page, "reject", comment=CHANGES_COMMENT)
    rows = listed_practices(dashboard(login(editor)), section="changes-requested-section")
    # Only what this editor submitted: the contributor's returned practice is theirs to fix.
    assert rows == {BOSTERI_TITLE: ("changes_requested", edit_url(page), words(CHANGES_COMMENT))}


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_editors_dashboards_keep_their_panels(request, login, role, contributor, katran_draft):
    submit(login(contributor), katran_draft)
    soup = dashboard(login(request.getfixturevalue(role)))
    assert soup.select("#municipality-practices-section") == []
    assert soup.select("#replication-requests-section") == []
    if role == "moderator":
        assert soup.select_one("#pending-practices-heading") is not None
        assert KATRAN_TITLE in soup.get_text()


def panels_queries(user):
    # A fresh user each time: the contributor's scope is cached on the object for one request.
    user = type(user).objects.get(pk=user.pk)
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        for panel in dashboard_panels(user):
            panel.render_html({"request": request})
    return len(queries)


def test_contributor_panels_query_count_does_not_grow_with_the_practices(
    login, contributor, moderator, practice
):
    first = submit(login(contributor), practice(title=CHANGES_TITLE, municipality="katran", live=False))
    act(login(moderator), first, "reject", comment=CHANGES_COMMENT)
    replication_request(practice(title=PUBLISHED_TITLE, municipality="katran"), "bosteri", "Гүлнара")
    panels_queries(contributor)  # content types and locales are cached from the first request on
    few = panels_queries(contributor)
    for number in range(3):
        page = submit(
            login(contributor), practice(title=f"{CHANGES_TITLE} {number}", municipality="katran", live=False)
        )
        act(login(moderator), page, "reject", comment=CHANGES_COMMENT)
        replication_request(
            practice(title=f"{PUBLISHED_TITLE} {number}", municipality="katran"), "bosteri", "Гүлнара"
        )
    assert panels_queries(contributor) == few
