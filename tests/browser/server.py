"""The portal with its demo content, served on loopback for the browser tests.

    python -m tests.browser.server [--port PORT]

The browser tests need the whole demo site at once, while the rest of the suite
builds the smallest tree each test needs inside a rolled-back transaction. So
this server runs in a process of its own, on a database of its own, made the
way Django makes test databases: on SQLite, or on the PostgreSQL server that
DATABASE_URL names. Readers' pages, the admin and uploads all go through it.

Prints `PORTAL_URL=http://127.0.0.1:PORT` when the site is ready; on SIGTERM it
drops its database and media folder.
"""

import argparse
import io
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITOR_USERNAME = "editor"
EDITOR_PASSWORD_VARIABLE = "PORTAL_BROWSER_EDITOR_PASSWORD"
CONTRIBUTOR_USERNAME = "katran-secretary"
BOSTERI_STORY = "Айыл өкмөтү мектептин бир классын жабдып, логопед жана дефектолог жалдады."
# What the moderators wrote back on the contributor's new practice.
CHANGES_REQUESTED_COMMENT = (
    "Балдардын санын жана каржылоонун булагын тактаңыз: мектепке чейинки курактагы 1000ден ашык "
    "баланын канчасы бала бакчага барат? «Инсан-Лейлек» коомдук фонду менен түзүлгөн келишимдин "
    "мөөнөтүн жазыңыз."
)
CHANGES_REQUESTED_TITLE = "Катран айыл аймагында мектепке даярдоо тобу"

# The editorial roles at work in Kyrgyz, the admin's language for new accounts:
# a contributor of Bosteri, a moderator and an editor who translates.
KYRGYZ_CONTRIBUTOR_USERNAME = "bosteri-secretary"
KYRGYZ_MODERATOR_USERNAME = "moderator-ky"
KYRGYZ_TRANSLATOR_USERNAME = "translator-ky"
# One practice for each screen size the role journeys run at, so the two runs never meet:
# Bosteri's practices the secretary has submitted, waiting for the moderators...
IN_MODERATION_TITLES = {
    "desktop": "Бостери айыл аймагында үйдөн окуган балдар үчүн реабилитациялык борбор",
    "phone": "Бостери айыл аймагында ден соолугунан мүмкүнчүлүгү чектелүү балдар үчүн инклюзивдүү топ",
}
# ...and published Kyrgyz practices not yet translated into Russian.
UNTRANSLATED_TITLES = {
    "desktop": "Бостери айыл аймагында муниципалдык социалдык тапшырык боюнча окутуу",
    "phone": "Бостери айыл аймагындагы бала бакчага муниципалдык социалдык тапшырык",
}


def _database_name(settings, work_dir):
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return str(Path(work_dir) / "browser.sqlite3")
    # Beside pytest-django's test_<name>, so both can exist on one server.
    return f"test_{database['NAME']}_browser"


def build_site():
    """Create the database, load the demo content and index it; returns a cleanup function."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    work_dir = tempfile.mkdtemp(prefix="portal-browser-")
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = _database_name(settings, work_dir)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    quiet = io.StringIO()
    call_command("load_demo_content", stdout=quiet)
    call_command("rebuild_search_index", stdout=quiet)
    editor = _create_editor()
    if editor is not None:
        _create_contributor_with_changes_requested(editor)
        _create_kyrgyz_roles()

    def cleanup():
        try:
            connection.close()
            connection.creation.destroy_test_db(old_name, verbosity=0)
        finally:
            shutil.rmtree(work_dir, ignore_errors=True)
            shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)

    return cleanup


def _create_editor():
    """A superuser for the admin tests; the password comes from the test run, never from the code."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    password = os.environ.get(EDITOR_PASSWORD_VARIABLE)
    if not password:
        return
    editor = get_user_model().objects.create_superuser(EDITOR_USERNAME, "editor@example.org", password)
    # New accounts start in Kyrgyz; these tests name buttons by Wagtail's English labels.
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    return editor


def _create_contributor_with_changes_requested(moderator):
    """Katran's secretary, with a new practice the moderators sent back with a comment.

    The practice is a draft of its own, so the readers' pages and the other
    admin tests never meet it.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from moderation.models import ContributorProfile
    from moderation.roles import CONTRIBUTORS
    from moderation.setup import ensure_moderation
    from practices.models import Municipality, PracticeIndexPage
    from tests.factories import make_practice

    # The demo content builds the practice lists after the migrations gave out permissions.
    ensure_moderation()
    contributor = get_user_model().objects.create_user(
        CONTRIBUTOR_USERNAME, "katran@example.org", os.environ[EDITOR_PASSWORD_VARIABLE], first_name="Айгүл"
    )
    contributor.groups.add(Group.objects.get(name=CONTRIBUTORS))
    ContributorProfile.objects.create(user=contributor, municipality=Municipality.objects.get(slug="katran"))
    indexes = {
        index.locale.language_code: index for index in PracticeIndexPage.objects.select_related("locale")
    }
    page = make_practice(
        indexes, title=CHANGES_REQUESTED_TITLE, municipality="katran", live=False, owner=contributor
    )
    state = page.get_workflow().start(page, contributor)
    state.current_task_state.reject(user=moderator, comment=CHANGES_REQUESTED_COMMENT)


def _create_kyrgyz_roles():
    """A contributor, a moderator and a translator working in Kyrgyz, with the practices they start from."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.rich_text import RichText
    from wagtail.users.models import UserProfile

    from moderation.models import ContributorProfile
    from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS
    from practices.models import Municipality, PracticeIndexPage
    from tests.factories import BOSTERI_SUMMARY, make_practice

    password = os.environ[EDITOR_PASSWORD_VARIABLE]
    users = {}
    for username, role, first_name in (
        (KYRGYZ_CONTRIBUTOR_USERNAME, CONTRIBUTORS, "Гүлнара"),
        (KYRGYZ_MODERATOR_USERNAME, MODERATORS, "Бакыт"),
        (KYRGYZ_TRANSLATOR_USERNAME, EDITORS, "Нуржан"),
    ):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", password, first_name=first_name
        )
        user.groups.add(Group.objects.get(name=role))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ky"
        profile.save()
        users[role] = user
    contributor = users[CONTRIBUTORS]
    ContributorProfile.objects.create(user=contributor, municipality=Municipality.objects.get(slug="bosteri"))

    indexes = {
        index.locale.language_code: index for index in PracticeIndexPage.objects.select_related("locale")
    }
    # What a practice needs before it goes to the moderators (moderation/forms.py).
    story = [("text", RichText(f"<p>{BOSTERI_STORY}</p>"))]
    for title in IN_MODERATION_TITLES.values():
        page = make_practice(
            indexes, title=title, summary=BOSTERI_SUMMARY, oblast="issyk-kul", municipality="bosteri",
            live=False, owner=contributor, what_was_done=story,
        )
        # As if the secretary had written it: the moderators' lists name who submitted what.
        type(page.latest_revision).objects.filter(pk=page.latest_revision_id).update(user=contributor)
        page.get_workflow().start(page, contributor)
    for title in UNTRANSLATED_TITLES.values():
        make_practice(
            indexes, title=title, summary=BOSTERI_SUMMARY, oblast="issyk-kul", municipality="bosteri",
            what_was_done=story,
        )


def portal_handler():
    """The WSGI application, plus the static and media files a web server would serve."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application
    from django.test.testcases import _MediaFilesHandler

    return _MediaFilesHandler(StaticFilesHandler(get_wsgi_application()))


def launch(log_path):
    """Start this module in a child process, logging to `log_path`; see wait_until_ready()."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "PYTHONUNBUFFERED": "1"}
    with open(log_path, "w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.browser.server"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )


def wait_until_ready(process, log_path, timeout=900):
    """The site's URL once it answers. Loading the demo content takes a minute or two on a busy
    machine; raises RuntimeError with the end of the server's log when it does not come up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stdout], [], [], 1.0)
        line = process.stdout.readline() if ready else ""
        if line.startswith("PORTAL_URL="):
            return line.strip().partition("=")[2]
    process.kill()
    process.wait()
    tail = "\n".join(Path(log_path).read_text(errors="replace").splitlines()[-30:])
    raise RuntimeError(f"The demo portal did not start; its log ends:\n{tail}")


def start_in_background(log_path, timeout=900):
    """(process, url) of a demo portal in a child process, once it answers."""
    process = launch(log_path)
    return process, wait_until_ready(process, log_path, timeout)


def stop(process):
    """SIGTERM lets the server drop its database; a server that hangs is killed."""
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _stop(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.servers.basehttp import run

    signal.signal(signal.SIGTERM, _stop)
    cleanup = build_site()
    try:
        run(
            "127.0.0.1",
            args.port,
            portal_handler(),
            threading=True,
            on_bind=lambda port: print(f"PORTAL_URL=http://127.0.0.1:{port}", flush=True),
        )
    except KeyboardInterrupt:
        pass
    finally:
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
