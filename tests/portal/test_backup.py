"""`manage.py backup` and `manage.py restore`: one archive brings the whole portal back, and nothing else gets in.

The round trip runs the portal in child processes (tests/portal/backup_scenario.py): a source
database copied from this run's freshly migrated test database and filled with content, then
`backup`, then `restore` into a new, empty database and media folder on the same server.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from moderation.files import PRIVATE_COLLECTION, PUBLIC_COLLECTION
from moderation.workflows import TASK_NAME
from portal.backup.manifest import DATABASE_MEMBERS, FORMAT, FORMAT_VERSION, MANIFEST
from tests.factories import BOSTERI_TITLE, KATRAN_TITLE
from tests.portal.backup_scenario import DRAFT_TITLE, MODERATED_SUMMARY, STALE_TITLE
from tests.submissions.conftest import TITLE as SHARED_TITLE


@pytest.fixture(scope="module", autouse=True)
def _database_beside_the_browser_loop():
    """These module fixtures use the database outside pytest-django's per-test ordering, so in a
    full run they come after the browser tests, whose Playwright session keeps an event loop
    registered in this thread until the run ends. Django then takes every query for one made from
    async code; the queries here are plain synchronous ones.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous

ROOT = Path(__file__).resolve().parents[2]


class Databases:
    """New databases beside this run's test database, dropped at the end."""

    def __init__(self, folder, blocker):
        self.folder = folder
        self.blocker = blocker
        self.settings = connection.settings_dict
        self.made = []

    @property
    def postgres(self):
        return connection.vendor == "postgresql"

    def copy_of_test_database(self):
        """A database holding what `migrate` and the page tree made, without migrating again."""
        name = self.new_name("source")
        with self.blocker.unblock():
            if self.postgres:
                # A template must have no other sessions: this thread's are closed, and any left
                # open by threads of earlier tests (nothing uses them any more) are ended.
                connections.close_all()
                self._maintenance(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    (self.settings["NAME"],),
                )
                self._maintenance(f'CREATE DATABASE "{name}" TEMPLATE "{self.settings["NAME"]}"')
            else:
                connection.ensure_connection()
                target = sqlite3.connect(name)
                connection.connection.backup(target)
                target.close()
        return self.url(name)

    def empty(self):
        name = self.new_name("restored")
        if self.postgres:
            self._maintenance(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def new_name(self, role):
        name = f"portal_backup_{role}_{uuid.uuid4().hex[:8]}"
        if not self.postgres:
            name = str(self.folder / f"{name}.sqlite3")
        self.made.append(name)
        return name

    def url(self, name):
        if not self.postgres:
            return f"sqlite:///{name}"
        user = quote(self.settings["USER"] or "", safe="")
        password = f":{quote(str(self.settings['PASSWORD']), safe='')}" if self.settings.get("PASSWORD") else ""
        return f"postgres://{user}{password}@{self.settings['HOST']}:{self.settings['PORT']}/{name}"

    def drop_all(self):
        if self.postgres:
            for name in self.made:
                self._maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _maintenance(self, statement, params=None):
        import psycopg

        with psycopg.connect(
            host=self.settings["HOST"], port=self.settings["PORT"], user=self.settings["USER"],
            password=self.settings.get("PASSWORD") or None, dbname="postgres", autocommit=True,
        ) as maintenance:
            maintenance.execute(statement, params)


def run_portal(args, database_url, media_root):
    """Run `python ARGS` in a portal process of its own, on that database and media folder."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url,
           "PORTAL_TEST_MEDIA_ROOT": str(media_root), "PORTAL_LOG_LEVEL": "WARNING"}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def scenario(action, database_url, media_root, *args):
    result = run_portal(["-m", "tests.portal.backup_scenario", action, *args], database_url, media_root)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout)


def media_listing(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*") if path.is_file()
    }


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = tmp_path_factory.mktemp("backup")
    databases = Databases(folder, django_db_blocker)
    try:
        source_url, source_media = databases.copy_of_test_database(), folder / "source-media"
        built = scenario("build", source_url, source_media)
        archive = folder / "portal.tar.gz"
        backup = run_portal(["manage.py", "backup", "--output", str(archive)], source_url, source_media)
        assert backup.returncode == 0, backup.stderr[-4000:]

        target_url, target_media = databases.empty(), folder / "restored-media"
        restored = scenario("restore", target_url, target_media, str(archive))
        yield {
            "built": built, "found": scenario("facts", target_url, target_media), "restore": restored,
            "backup_output": backup.stdout, "archive": archive, "target_url": target_url,
            "source_media": source_media, "target_media": target_media, "folder": folder,
        }
    finally:
        databases.drop_all()
        shutil.rmtree(folder, ignore_errors=True)


def test_backup_writes_one_archive_readable_only_by_its_owner(round_trip):
    archive = round_trip["archive"]
    assert archive.is_file() and oct(archive.stat().st_mode & 0o777) == "0o600"
    assert f"Wrote {archive}" in round_trip["backup_output"]
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
    assert names[0] == MANIFEST
    assert names[1] == DATABASE_MEMBERS[connection.vendor]
    assert all(name.startswith("media/") for name in names[2:])
    assert not list(archive.parent.glob(".*")), "no half-written archive or dump is left behind"


def test_every_page_comes_back_with_its_revisions(round_trip):
    built, found = round_trip["built"], round_trip["found"]
    assert found["pages"] == built["pages"]
    assert found["practices"] == built["practices"]
    revisions = {title: found["pages"][title]["revisions"] for title in found["practices"]}
    assert revisions == {BOSTERI_TITLE: 2, KATRAN_TITLE: 2, STALE_TITLE: 1, SHARED_TITLE: 1}


def test_a_draft_with_unpublished_changes_keeps_them(round_trip):
    katran = round_trip["found"]["pages"][KATRAN_TITLE]
    assert katran["live"] and katran["has_unpublished_changes"]
    assert katran["latest_revision_title"] == DRAFT_TITLE
    assert katran["revisions"] == 2
    shared = round_trip["found"]["pages"][SHARED_TITLE]
    assert not shared["live"], "a shared practice is still a draft"


def test_pages_in_moderation_stay_in_moderation(round_trip):
    workflows = round_trip["found"]["workflows"]
    assert workflows == round_trip["built"]["workflows"]
    assert [(state["page"], state["status"], state["task"], state["task_status"]) for state in workflows] == [
        (BOSTERI_TITLE, "in_progress", TASK_NAME, "in_progress"),
        (SHARED_TITLE, "in_progress", TASK_NAME, "in_progress"),
    ]
    assert workflows[0]["requested_by"] == "editor"
    bosteri = round_trip["found"]["pages"][BOSTERI_TITLE]
    assert bosteri["latest_revision_summary"] == MODERATED_SUMMARY


def test_images_documents_and_renditions_come_back_with_their_files(round_trip):
    built, found = round_trip["built"], round_trip["found"]
    assert found["images"] == built["images"] and found["documents"] == built["documents"]
    public_photo = found["images"][0]
    assert public_photo["collection"] == PUBLIC_COLLECTION and public_photo["renditions"][0]["filter"] == "fill-32x24"
    assert {image["collection"] for image in found["images"]} == {PUBLIC_COLLECTION, PRIVATE_COLLECTION}
    assert {document["collection"] for document in found["documents"]} == {PUBLIC_COLLECTION, PRIVATE_COLLECTION}


def test_submissions_come_back_with_their_private_files(round_trip):
    found = round_trip["found"]["submissions"]
    assert found == round_trip["built"]["submissions"]
    assert [submission["page"] for submission in found] == [SHARED_TITLE]
    assert [file["kind"] for file in found[0]["files"]] == ["photo", "document"]


def test_media_folder_comes_back_byte_for_byte(round_trip):
    source = media_listing(round_trip["source_media"])
    assert any(name.startswith("submissions/") for name in source)
    assert "documents/тапшырыктын-отчёту-ң.pdf" in source
    assert any(name.startswith("images/") for name in source), "a rendition"
    assert media_listing(round_trip["target_media"]) == source


def test_replication_requests_users_groups_and_reference_data_come_back(round_trip):
    built, found = round_trip["built"], round_trip["found"]
    for part in ("replication_requests", "users", "groups", "page_permissions", "reference", "synonyms"):
        assert found[part] == built[part], part
    assert found["replication_requests"][0]["contact_name"] == "Айгүл Төрөбаева"
    assert found["users"]["katran"]["groups"] == ["Municipal contributors"]
    assert found["users"]["katran"]["municipality"] is not None
    assert found["groups"]["Өнүктүрүү бөлүмү"] == ["search.view_searchqueryday"]
    assert ["jangy-jer", "Жаңы-Жер айылдык аймагы", ""] in found["reference"]["municipalities"]


def test_search_statistics_come_back(round_trip):
    days = round_trip["found"]["search_days"]
    assert days == round_trip["built"]["search_days"]
    assert {query for query, *_ in days} == {"балдар борбору", "онугуу", "жок нерсе"}


def test_search_index_is_rebuilt_and_cache_emptied_after_restore(round_trip):
    assert not round_trip["built"]["stale_practice_found"], "the source's index missed this practice"
    assert round_trip["found"]["stale_practice_found"]
    assert round_trip["restore"]["cache_emptied"]
    assert "Indexed" in round_trip["restore"]["output"]


def test_restore_refuses_a_database_and_media_folder_that_hold_something(round_trip):
    media = round_trip["folder"] / "busy-media"
    (media / "original_images").mkdir(parents=True)
    result = run_portal(["manage.py", "restore", str(round_trip["archive"])], round_trip["target_url"], media)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "already holds portal data" in result.stderr and "users" in result.stderr
    assert "is not empty: it holds original_images" in result.stderr
    assert "--force" in result.stderr


def test_force_restore_replaces_what_is_there(round_trip):
    media = round_trip["target_media"]
    (media / "left-over.txt").write_text("эски файл")
    result = run_portal(["manage.py", "restore", "--force", str(round_trip["archive"])],
                        round_trip["target_url"], media)
    assert result.returncode == 0, result.stderr[-4000:]
    assert not (media / "left-over.txt").exists()
    assert media_listing(media) == media_listing(round_trip["source_media"])
    found = scenario("facts", round_trip["target_url"], media)
    assert found == {**round_trip["built"], "stale_practice_found": True}


# Archives that must be refused before anything is written. They are read by the command in
# this process; the guard below fails the test should one ever reach the database.


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def never_loaded(monkeypatch):
    def load(*args, **kwargs):
        raise AssertionError("the archive reached the database")

    monkeypatch.setattr("portal.backup.databases.PostgreSQL.load", load)
    monkeypatch.setattr("portal.backup.databases.SQLite.load", load)


def make_archive(path, members, vendor=None, manifest=None, listed=None):
    """An archive in the backup's format holding `members` ({name: bytes}); `listed` overrides the manifest's list."""
    vendor = vendor or connection.vendor
    database_member = DATABASE_MEMBERS[vendor]
    members = {database_member: b"-- a database", **members}
    entries = {name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for name, data in members.items()}
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "created": "2026-12-03T10:00:00+06:00",
        "database": {"vendor": vendor, "member": database_member}, "migrations": [], "counts": {},
        "members": entries if listed is None else listed(entries), **(manifest or {}),
    }
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [(MANIFEST, json.dumps(manifest).encode()), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def refusal(path):
    with pytest.raises(CommandError) as raised:
        call_command("restore", str(path), stdout=io.StringIO())
    return str(raised.value)


@pytest.mark.django_db
def test_missing_file_is_refused(media_root, tmp_path):
    assert refusal(tmp_path / "none.tar.gz") == f"There is no file {tmp_path / 'none.tar.gz'}."


@pytest.mark.django_db
def test_file_that_is_not_an_archive_is_refused(media_root, tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("Бул архив эмес.")
    assert "is not a portal backup archive" in refusal(path)


@pytest.mark.django_db
def test_archive_of_another_kind_is_refused(media_root, tmp_path):
    path = tmp_path / "other.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        tar.addfile(tarfile.TarInfo("README"), io.BytesIO(b""))
    assert "does not begin with manifest.json" in refusal(path)


@pytest.mark.django_db
@pytest.mark.parametrize("manifest, message", [
    (b"{not json", "is not valid JSON"),
    (b'{"format": "something else"}', "does not describe a portal backup"),
    (json.dumps({"format": FORMAT, "format_version": 1, "database": {"vendor": ["x"]}}).encode(), "incomplete"),
])
def test_archive_with_a_broken_manifest_is_refused(media_root, tmp_path, manifest, message):
    path = tmp_path / "broken.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    assert message in refusal(path)


@pytest.mark.django_db
def test_archive_from_the_other_database_is_refused(media_root, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    message = refusal(make_archive(tmp_path / "foreign.tar.gz", {}, vendor=other))
    assert "Restoring across databases is not supported" in message
    assert not media_root.exists()


@pytest.mark.django_db
def test_archive_from_a_newer_portal_is_refused(media_root, tmp_path):
    newer = make_archive(tmp_path / "newer.tar.gz", {}, manifest={"migrations": ["practices.0099_from_the_future"]})
    assert "made by a newer version of the portal" in refusal(newer)
    future = make_archive(tmp_path / "future.tar.gz", {}, manifest={"format_version": FORMAT_VERSION + 1})
    assert "newer than this portal reads" in refusal(future)


@pytest.mark.django_db
def test_truncated_archive_is_refused_and_leaves_media_empty(media_root, tmp_path, never_loaded):
    whole = make_archive(tmp_path / "whole.tar.gz", {"media/documents/report.pdf": os.urandom(200_000)})
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "damaged or incomplete" in refusal(cut)
    assert list(media_root.iterdir()) == []


@pytest.mark.django_db
def test_member_that_does_not_match_its_checksum_is_refused(media_root, tmp_path, never_loaded):
    def tampered(entries):
        entries["media/original_images/бала-бакча.jpg"]["sha256"] = "0" * 64
        return entries

    path = make_archive(tmp_path / "bad.tar.gz", {"media/original_images/бала-бакча.jpg": b"\xff\xd8 photo"},
                        listed=tampered)
    assert "does not match its checksum" in refusal(path)
    assert list(media_root.iterdir()) == []


@pytest.mark.django_db
def test_member_missing_from_the_archive_is_refused(media_root, tmp_path, never_loaded):
    def with_a_lost_file(entries):
        return {**entries, "media/documents/lost.pdf": {"size": 10, "sha256": "0" * 64}}

    path = make_archive(tmp_path / "short.tar.gz", {}, listed=with_a_lost_file)
    assert "1 of the files its manifest lists are missing" in refusal(path)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../../../escaped.txt", "media/../../escaped.txt", "/tmp/escaped.txt",
                                  "media/./x", "elsewhere/escaped.txt"])
def test_member_outside_the_media_folder_is_refused_and_nothing_is_written(
    media_root, tmp_path, never_loaded, name
):
    listed_too = make_archive(tmp_path / "listed.tar.gz", {name: b"escaped"})
    assert "unsafe path" in refusal(listed_too) or "unexpected member" in refusal(listed_too)
    unlisted = make_archive(tmp_path / "unlisted.tar.gz", {name: b"escaped"},
                            listed=lambda entries: {key: value for key, value in entries.items() if key != name})
    assert "nothing was restored" in refusal(unlisted)
    assert not list(tmp_path.rglob("escaped.txt")) and not Path("/tmp/escaped.txt").exists()
    assert list(media_root.iterdir()) == []


@pytest.mark.django_db
def test_link_in_the_archive_is_refused(media_root, tmp_path, never_loaded):
    path = make_archive(tmp_path / "link.tar.gz", {})
    with tarfile.open(path, "r:gz") as source:
        members = [(member, source.extractfile(member).read()) for member in source.getmembers()]
    manifest = json.loads(members[0][1])
    manifest["members"]["media/passwd"] = {"size": 0, "sha256": hashlib.sha256(b"").hexdigest()}
    link = tarfile.TarInfo("media/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with tarfile.open(path, "w:gz") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        tar.addfile(members[1][0], io.BytesIO(members[1][1]))
        tar.addfile(link)
    assert "is not the file its manifest lists" in refusal(path)
    assert list(media_root.iterdir()) == []
