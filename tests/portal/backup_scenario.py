"""A portal holding one of everything a backup must keep, and the facts that show it came back.

    python -m tests.portal.backup_scenario build            # fill the database, print its facts
    python -m tests.portal.backup_scenario facts            # print the facts of the database
    python -m tests.portal.backup_scenario restore ARCHIVE  # restore, say whether the cache was emptied

Run in a process of its own, with DJANGO_SETTINGS_MODULE=portal.settings.test, DATABASE_URL
and PORTAL_TEST_MEDIA_ROOT naming a database and media folder of its own: a backup reads
committed data, which a test inside pytest-django's transaction never has.
"""

import hashlib
import io
import json
import os
import sys
import time

# The source's index misses this practice, so only a rebuild after the restore can find it.
STALE_TITLE = "Көк-Жар айылындагы таза суу түтүгү"
STALE_QUERY = "таза суу түтүгү"
DRAFT_TITLE = "Катран айылдык аймагындагы «Алтын-Бешик» балдар борбору: экинчи жыл"
MODERATED_SUMMARY = "Борбор 12 баланы үйдөн окутуп, ата-энелерге кеңеш берет; жаңы маалымат модераторлорго жөнөтүлдү."
CACHE_PROBE = "backup-scenario-probe"


def build():
    from django.contrib.auth.models import Group, Permission, User
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from django.test import Client
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from moderation.files import public_collection
    from moderation.models import ContributorProfile
    from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS
    from portal.site_structure import ensure_site_structure
    from practices.models import (
        Municipality,
        Oblast,
        PracticeAttachment,
        PracticeGalleryImage,
        PracticeIndexPage,
    )
    from replication.models import ReplicationRequest
    from search.engines import get_engine
    from search.models import SynonymGroup
    from submissions.protection import started_token
    from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE, make_practice
    from tests.submissions import files
    from tests.submissions.conftest import DONE, PROBLEM, RESULTS, TITLE

    ensure_site_structure()
    indexes = {page.locale.language_code: page for page in PracticeIndexPage.objects.select_related("locale")}

    User.objects.create_superuser("admin", "admin@example.kg", "Бекем-сырсөз-2026")
    editor = User.objects.create_user("editor", "editor@example.kg", "editor-сырсөз", first_name="Нурлан")
    editor.groups.add(Group.objects.get(name=EDITORS))
    User.objects.create_user("moderator", "moderator@example.kg", "moderator-сырсөз").groups.add(
        Group.objects.get(name=MODERATORS)
    )
    contributor = User.objects.create_user("katran", "katran@example.kg", "katran-сырсөз", first_name="Гүлнара")
    contributor.groups.add(Group.objects.get(name=CONTRIBUTORS))
    ContributorProfile.objects.create(user=contributor, municipality=Municipality.objects.get(slug="katran"),
                                      position="Айыл өкмөтүнүн жооптуу катчысы")
    analysts = Group.objects.create(name="Өнүктүрүү бөлүмү")
    analysts.permissions.add(Permission.objects.get(codename="view_searchqueryday"))

    oblast = Oblast.objects.get(slug="batken")
    Municipality.objects.create(slug="jangy-jer", name_ky="Жаңы-Жер айылдык аймагы", name_ru="Жаны-Жерский айыльный аймак",
                                name_en="Jangy-Jer ayil aimak", oblast=oblast)
    Municipality.objects.filter(slug="katran").update(former_names="Катран айыл өкмөтү")

    photo = Image.objects.create(
        title="«Алтын-Бешик» балдар борборунун бөлмөсү", collection=public_collection(),
        file=ImageFile(io.BytesIO(files.image_bytes("JPEG", size=(64, 48), color="orange")), name="altyn-beshik.jpg"),
    )
    photo.get_rendition("fill-32x24")
    report = Document.objects.create(
        title="Социалдык тапшырыктын отчёту", collection=public_collection(),
        file=ContentFile(files.PDF, name="тапшырыктын-отчёту-ң.pdf"),
    )
    katran = make_practice(
        indexes, municipality="katran",
        gallery_images=[PracticeGalleryImage(image=photo, alt_text="Балдар борборунун бөлмөсү")],
        attachments=[PracticeAttachment(document=report, title="Отчёт")],
    )
    katran.title = DRAFT_TITLE
    katran.save_revision(user=editor)

    bosteri = make_practice(indexes, title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul",
                            municipality="bosteri")
    bosteri.summary = MODERATED_SUMMARY
    bosteri.save_revision(user=editor)
    bosteri.get_workflow().start(bosteri, editor)

    stale = make_practice(indexes, title=STALE_TITLE, oblast="chui", municipality="kant",
                          summary="Айылга таза суу түтүгү тартылып, 300 үй-бүлө суу менен камсыз болду.")
    get_engine().delete([stale.pk])

    ReplicationRequest.objects.create(
        practice=katran, practice_title=katran.title, translation_key=katran.translation_key,
        municipality=Municipality.objects.get(slug="bosteri"), contact_name="Айгүл Төрөбаева",
        contact_email="bosteri@example.kg", message="Биз да ушундай борбор ачкыбыз келет.", language="ky",
    )
    SynonymGroup.objects.create(term="ЖӨБ", equivalents="жергиликтүү өз алдынча башкаруу\nМСУ")

    reader = Client()
    shared = reader.post("/ky/share/", {
        "title": TITLE, "municipality": str(Municipality.objects.get(slug="katran").pk),
        "problem": PROBLEM, "what_was_done": DONE, "results": RESULTS,
        "contact_name": "Гүлнара Үсөнова", "contact_email": "katran@example.kg", "contact_consent": "on",
        "started": started_token(at=time.time() - 60),
        "photos": [files.jpeg()], "documents": [files.pdf()],
    })
    assert shared.status_code == 302, shared.content.decode()[:2000]
    for query in ("балдар борбору", "онугуу", "жок нерсе"):
        assert reader.get("/ky/search/", {"q": query}).status_code == 200
    return facts()


def facts():
    """Everything the round trip must bring back, as plain data."""
    from django.contrib.auth.models import Group, User
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import GroupPagePermission, Page, WorkflowState

    from practices.models import Municipality, Oblast, PracticePage, Rayon, ServiceType
    from replication.models import ReplicationRequest
    from search.models import SearchQueryDay, SynonymGroup
    from submissions.models import PracticeSubmission

    pages = {}
    for page in Page.objects.order_by("path"):
        latest = page.get_latest_revision()
        pages[page.title if page.depth > 1 else "root"] = {
            "id": page.pk, "url_path": page.url_path, "live": page.live,
            "has_unpublished_changes": page.has_unpublished_changes, "revisions": page.revisions.count(),
            "latest_revision_title": latest.content["title"] if latest else None,
            "latest_revision_summary": latest.content.get("summary") if latest else None,
        }
    return {
        "pages": pages,
        "practices": sorted(PracticePage.objects.values_list("title", flat=True)),
        "workflows": [
            {"page": state.content_object.title, "status": state.status,
             "task": state.current_task_state.task.name, "task_status": state.current_task_state.status,
             "requested_by": state.requested_by.username if state.requested_by else None}
            for state in WorkflowState.objects.order_by("pk")
        ],
        "images": [
            {"title": image.title, "collection": image.collection.name, **_file(image.file),
             "renditions": [{"filter": rendition.filter_spec, **_file(rendition.file)}
                            for rendition in image.renditions.order_by("filter_spec")]}
            for image in Image.objects.order_by("pk")
        ],
        "documents": [{"title": document.title, "collection": document.collection.name, **_file(document.file)}
                      for document in Document.objects.order_by("pk")],
        "submissions": [
            {"reference": submission.reference, "title": submission.title,
             "page": submission.page.title if submission.page else None,
             "files": [{"kind": record.kind, "original_name": record.original_name, **_file(record.file)}
                       for record in submission.files.all()]}
            for submission in PracticeSubmission.objects.order_by("pk")
        ],
        "replication_requests": list(ReplicationRequest.objects.order_by("pk").values(
            "practice__title", "municipality__slug", "contact_name", "message", "translation_key")),
        "users": {
            user.username: {"password": user.password, "superuser": user.is_superuser, "first_name": user.first_name,
                            "groups": sorted(user.groups.values_list("name", flat=True)),
                            "municipality": getattr(getattr(user, "contributor_profile", None),
                                                    "municipality_id", None)}
            for user in User.objects.order_by("username")
        },
        "groups": {group.name: sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all())
                   for group in Group.objects.order_by("name")},
        "page_permissions": sorted(f"{p.group.name}:{p.page.url_path}:{p.permission.codename}"
                                   for p in GroupPagePermission.objects.all()),
        "reference": {
            "oblasts": Oblast.objects.count(), "rayons": Rayon.objects.count(),
            "service_types": ServiceType.objects.count(),
            "municipalities": sorted(Municipality.objects.values_list("slug", "name_ky", "former_names")),
        },
        "search_days": sorted(SearchQueryDay.objects.values_list("query", "language", "searches", "without_results")),
        "synonyms": list(SynonymGroup.objects.values_list("term", "equivalents")),
        "stale_practice_found": _finds(STALE_QUERY, STALE_TITLE),
    }


def _file(field):
    with field.open("rb") as handle:
        return {"name": field.name, "sha256": hashlib.sha256(handle.read()).hexdigest()}


def _finds(text, title):
    from wagtail.models import Page

    from search.query import build_query
    from search.service import run_search

    results = run_search(build_query({"q": text}, language="ky"))
    return Page.objects.filter(pk__in=[hit.page_id for hit in results.hits], title=title).exists()


def restore(archive):
    """Restore through the command; report its output and whether the cache it found was emptied."""
    from django.core.cache import cache
    from django.core.management import call_command

    cache.set(CACHE_PROBE, "a page from before the restore")
    output = io.StringIO()
    call_command("restore", archive, stdout=output)
    return {"output": output.getvalue(), "cache_emptied": cache.get(CACHE_PROBE) is None}


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    action = {"build": build, "facts": facts, "restore": lambda: restore(argv[1])}[argv[0]]
    json.dump(action(), sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
