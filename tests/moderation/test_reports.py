"""The moderators' queue: practices waiting for review, by oblast and age."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, WorkflowState

from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE

pytestmark = pytest.mark.django_db

URL = "/admin/reports/pending-practices/"


@pytest.fixture
def queue(moderation, practice, contributor):
    katran = practice(municipality="katran", live=False)
    bosteri = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul",
                       municipality="bosteri", live=False)
    practice(title="Кант шаарында таштанды", municipality="kant", oblast="chui", live=False)  # not submitted
    for page, days_ago in ((katran, 3), (bosteri, 10)):
        page.save_revision(user=contributor)
        page.get_workflow().start(page, contributor)
        WorkflowState.objects.filter(object_id=str(page.pk)).update(
            created_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
    return katran, bosteri


def titles(response):
    return [page.title for page in response.context["object_list"]]


def test_moderator_sees_the_queue_oldest_first_with_oblast_and_age(login, moderator, queue):
    katran, bosteri = queue
    response = login(moderator).get(URL)
    assert response.status_code == 200
    assert titles(response) == [bosteri.title, katran.title]
    body = response.content.decode()
    assert "Ысык-Көл облусу" in body and "Баткен облусу" in body
    assert "10 күн" in body and "katran" in body
    assert "/admin/reports/site-history/" in body


def test_queue_by_oblast(login, moderator, queue):
    katran, _ = queue
    assert titles(login(moderator).get(URL, {"oblast": "batken"})) == [katran.title]


def test_approved_practice_leaves_the_queue(login, moderator, queue):
    katran, bosteri = queue
    katran.current_workflow_task_state.task.specific.on_action(
        katran.current_workflow_task_state, moderator, "approve"
    )
    assert titles(login(moderator).get(URL)) == [bosteri.title]


def test_queue_exports_csv(login, moderator, queue):
    response = login(moderator).get(URL, {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Ысык-Көл облусу" in text and ",10" in text


@pytest.mark.parametrize("role", ["editor", "contributor"])
def test_only_moderators_see_the_queue(login, request, queue, role):
    user = request.getfixturevalue(role)
    response = login(user).get(URL)
    assert response.status_code in (302, 403)


def test_odd_filter_values_do_not_break_the_queue(login, moderator, queue):
    assert login(moderator).get(URL, {"oblast": "<nowhere>", "ordering": "x"}).status_code == 200


def test_moderators_dashboard_says_how_many_wait_and_for_how_long(login, moderator, queue):
    body = login(moderator).get("/admin/").content.decode()
    assert URL in body
    assert "2 тажрыйба текшерүүнү күтүп жатат" in body
    assert "10 күн" in body


def test_editors_dashboard_has_no_queue(login, editor, queue):
    assert URL not in login(editor).get("/admin/").content.decode()


def test_a_translation_waits_under_its_own_title_and_language(login, moderator, editor, practice):
    katran = practice(municipality="katran")
    russian = katran.copy_for_translation(Locale.objects.get(language_code="ru"))
    russian.title = "Детский сад «Алтын-Бешик» в Катране"
    russian.save_revision(user=editor)
    russian.get_workflow().start(russian, editor)
    response = login(moderator).get(URL)
    assert [(page.pk, page.draft_title, page.language) for page in response.context["object_list"]] == [
        (russian.pk, "Детский сад «Алтын-Бешик» в Катране", "Русский")
    ]
    body = response.content.decode()
    assert "Детский сад «Алтын-Бешик» в Катране" in body and "Русский" in body
    assert katran.title not in body
    text = b"".join(login(moderator).get(URL, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "Детский сад «Алтын-Бешик» в Катране,Русский," in text
