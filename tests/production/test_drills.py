"""Fault drills on the running stack: a part fails, readers see no 5xx, and nothing is lost once it is back.

Each drill breaks one part for real (a mail server that never answers,
Elasticsearch frozen with SIGSTOP and killed with SIGKILL, Redis stopped, the
task worker killed in the middle of a task), keeps readers browsing and
searching all the while, then brings the part back and checks that every
change made meanwhile arrived: the mail, the index, the cache.
"""

import secrets
import time

import pytest

from tests.production.conftest import (
    SIGCONT,
    SIGKILL,
    SIGSTOP,
    approve,
    draft_of,
    kyrgyz_word,
    share,
    signal_process,
    wait_for,
)


def new_share(stack):
    word = kyrgyz_word()
    title = f"{word.capitalize()} айылындагы суу түтүгү"
    email = f"sender-{secrets.token_hex(4)}@example.kg"
    _, elapsed = share(stack, stack.new_sender(), title, f"Тургундар {word} түтүгүн оңдошту.", email)
    return word, title, email, elapsed


def in_moderation(stack, title, timeout=90):
    return wait_for(
        lambda: (draft := draft_of(stack, title)) and draft[1] and draft, timeout,
        what=f"«{title}» entering moderation", detail=stack.diagnosis,
    )[0]


def found_by_search(stack, word, title):
    return title in stack.get(f"/ky/search/?q={word}").text


def timed_search(stack, word):
    began = time.monotonic()
    assert stack.get(f"/ky/search/?q={word}").status_code == 200
    return time.monotonic() - began


def index_caught_up(stack):
    entry = stack.index_count("elasticsearch")
    return entry["ok"] and entry["in_flight"] == 0


def test_a_mail_server_that_never_answers_delays_no_request_and_loses_no_mail(stack, mailbox, readers):
    with readers() as watching:
        mailbox.silence()
        try:
            word, title, email, elapsed = new_share(stack)
            # The request only enqueued the mail; the moderation workflow starts without it.
            assert elapsed < 5
            in_moderation(stack, title)
            assert mailbox.to(email) == []
        finally:
            mailbox.answer()
        wait_for(lambda: mailbox.to(email), 180, interval=1, what="the receipt once the mail server answers")
    assert watching.failures() == []
    assert len(mailbox.to(email)) == 1


def test_a_worker_killed_mid_task_loses_nothing(stack, mailbox, readers):
    with readers() as watching:
        mailbox.silence()
        try:
            word, title, email, _ = new_share(stack)
            # Mail to a silent server holds the worker in the middle of a task for EMAIL_TIMEOUT.
            running = wait_for(
                lambda: stack.query(
                    "SELECT id FROM django_tasks_database_dbtaskresult "
                    "WHERE status = 'RUNNING' AND task_path = 'portal.mail.deliver_email'"
                ),
                90, interval=0.05, what="a mail task running",
            )
            signal_process(stack.pid("worker.pid"), SIGKILL)
            [[task_id]] = running
            time.sleep(1)
            [[status]] = stack.query("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", task_id)
            assert status == "RUNNING"
        finally:
            mailbox.answer()
        stack.script("restart", "worker")
        wait_for(
            lambda: stack.query(
                "SELECT 1 FROM django_tasks_database_dbtaskresult WHERE id = %s AND status = 'SUCCESSFUL'", task_id
            ),
            120, interval=1, what="the interrupted task running again",
        )
        wait_for(lambda: mailbox.to(email), 180, interval=1, what="the receipt after the worker came back")
        in_moderation(stack, title)
    assert watching.failures() == []


@pytest.mark.parametrize("fault", ["frozen", "killed"])
def test_elasticsearch_frozen_or_killed_costs_readers_nothing_and_the_index_catches_up(
    stack, mailbox, moderator, readers, fault
):
    word, title, _, _ = new_share(stack)
    page_id = in_moderation(stack, title)
    pid = stack.pid("elasticsearch/elasticsearch.pid")
    with readers(f"/ky/search/?q={word}") as watching:
        signal_process(pid, SIGSTOP if fault == "frozen" else SIGKILL)
        try:
            time.sleep(2)
            # Publishing with the cluster gone: the editor's request does not wait on it.
            began = time.monotonic()
            approve(stack, moderator, page_id)
            approve_seconds = time.monotonic() - began
            # The database engine answers until the cluster is back.
            wait_for(lambda: found_by_search(stack, word, title), 120, interval=1,
                     what="the practice found while Elasticsearch is down")
            # Once the breaker is open, a search does not wait on the dead cluster.
            wait_for(lambda: timed_search(stack, word) < 1, 60, interval=0.5, what="searches answering at once")
        finally:
            if fault == "frozen":
                signal_process(pid, SIGCONT)
            else:
                stack.script("restart", "elasticsearch")
        wait_for(lambda: index_caught_up(stack), 240, interval=2,
                 what="the index catching up with what was published meanwhile")
        assert found_by_search(stack, word, title)
    assert watching.failures() == []
    assert approve_seconds < 10
    # No reader waits longer than one search timeout, however the cluster fails.
    assert watching.slowest() < 5
    print(f"Elasticsearch {fault}: approve {approve_seconds:.2f} s, slowest reader {watching.slowest():.2f} s")


def test_redis_stopped_serves_pages_uncached_and_takes_shares(stack, mailbox, moderator, readers):
    listing = "/ru/practices/"
    with readers() as watching:
        stack.get(listing)
        assert stack.get(listing).headers.get("X-Page-Cache") == "hit"
        signal_process(stack.pid("redis/redis.pid"), SIGKILL)
        try:
            time.sleep(1)
            assert stack.get(listing).status_code == 200
            status, report = stack.health()
            assert status == 200 and report["checks"]["cache"]["ok"] is False
            # Sessions live in the database: the signed-in moderator stays signed in.
            assert moderator.get(stack.url + "/admin/", timeout=30, allow_redirects=False).status_code == 200
            word, title, email, elapsed = new_share(stack)
            in_moderation(stack, title)
        finally:
            stack.script("restart", "redis")
        wait_for(lambda: mailbox.to(email), 120, interval=1, what="the receipt of the share sent without Redis")
        stack.get(listing)
        wait_for(lambda: stack.get(listing).headers.get("X-Page-Cache") == "hit", 30,
                 what="the page cache working again")
        # Each worker process comes back on its own, after its pause.
        wait_for(lambda: stack.health()[1]["checks"]["cache"]["ok"] is True, 30,
                 what="every worker's cache check answering again")
    assert watching.failures() == []
