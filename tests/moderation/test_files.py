import io
from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

from moderation.files import (
    PRIVATE_COLLECTION,
    PUBLIC_COLLECTION,
    files_used_by,
    private_collection,
    public_collection,
    random_file_name,
)
from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS
from moderation.setup import ensure_moderation
from practices.models import PracticePage
from tests.moderation.conftest import edit_url, form_data
from tests.submissions.files import PDF

IMAGE_TITLE = "Катран: «Алтын-Бешик» борборунун ачылышы"
DOCUMENT_TITLE = "Катран айыл өкмөтүнүн тапшырык боюнча отчёту"


def jpeg_file():
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "green").save(buffer, "JPEG")
    return ImageFile(buffer, name=random_file_name("jpg"))


@pytest.fixture
def private_image(moderation):
    return get_image_model().objects.create(
        title=IMAGE_TITLE, file=jpeg_file(), collection=private_collection()
    )


@pytest.fixture
def private_document(moderation):
    return get_document_model().objects.create(
        title=DOCUMENT_TITLE,
        file=ContentFile(PDF, name=random_file_name("pdf")),
        collection=private_collection(),
    )


@pytest.fixture
def draft_with_files(katran_draft, private_image, private_document):
    katran_draft.gallery_images.create(image=private_image, alt_text="Балдар борбору")
    katran_draft.attachments.create(document=private_document, title="Отчёт")
    # As a draft made from a submission: the inline rows are in the database too.
    katran_draft.save()
    katran_draft.save_revision()
    return katran_draft


def test_setup_makes_a_public_and_a_private_collection(moderation):
    public, private = public_collection(), private_collection()
    assert (public.name, private.name) == (PUBLIC_COLLECTION, PRIVATE_COLLECTION)
    assert public.get_parent().is_root() and private.get_parent().is_root()
    assert not public.get_view_restrictions().exists()
    restriction = private.get_view_restrictions().get()
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {MODERATORS, EDITORS}


def test_setup_run_again_adds_no_second_collection(moderation):
    ensure_moderation()
    assert Collection.objects.filter(name__in=[PUBLIC_COLLECTION, PRIVATE_COLLECTION]).count() == 2
    assert CollectionViewRestriction.objects.count() == 1


def test_collections_named_in_english_by_earlier_versions_get_their_kyrgyz_names(moderation):
    public, private = public_collection(), private_collection()
    root = public.get_parent()
    Collection.objects.filter(pk=public.pk).update(name="Practices")
    Collection.objects.filter(pk=private.pk).update(name="Awaiting moderation")
    Collection.objects.filter(pk=root.pk).update(name="Root")
    ensure_moderation()
    assert Collection.objects.get(pk=public.pk).name == PUBLIC_COLLECTION == "Практикалар"
    assert Collection.objects.get(pk=private.pk).name == PRIVATE_COLLECTION
    assert Collection.objects.get(pk=root.pk).name == "Бардык файлдар"
    assert Collection.objects.filter(name__in=[PUBLIC_COLLECTION, PRIVATE_COLLECTION]).count() == 2


def test_contributors_add_and_choose_only_in_the_public_collection(moderation):
    grants = GroupCollectionPermission.objects.filter(group__name=CONTRIBUTORS)
    assert set(grants.values_list("collection__name", flat=True)) == {PUBLIC_COLLECTION}


def test_random_file_names_differ_and_keep_the_extension():
    first, second = random_file_name("PDF"), random_file_name("pdf")
    assert first != second
    assert first.endswith(".pdf") and len(first) == 36


def test_anonymous_reader_cannot_download_a_private_document(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_guessed_document_name_finds_nothing(client, private_document):
    # Wagtail compares the name before the restriction, so a wrong guess
    # cannot tell a private document from a missing one.
    assert client.get(f"/documents/{private_document.pk}/report.pdf").status_code == 404
    assert client.get(f"/documents/{private_document.pk + 1000}/report.pdf").status_code == 404


def test_contributor_cannot_download_a_private_document(login, contributor, private_document):
    response = login(contributor).get(private_document.url)
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_editors_download_a_private_document(request, login, role, private_document):
    response = login(request.getfixturevalue(role)).get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_document_address_does_not_carry_the_title(private_document):
    assert "Катран" not in private_document.url
    assert private_document.url.startswith(f"/documents/{private_document.pk}/")


def test_publishing_a_practice_makes_its_files_public(
    client, draft_with_files, private_image, private_document
):
    draft_with_files.get_latest_revision().publish()
    private_image.refresh_from_db()
    document = get_document_model().objects.get(pk=private_document.pk)
    assert private_image.collection == public_collection()
    assert document.collection == public_collection()
    assert client.get(document.url).status_code == 200


def test_publishing_moves_files_used_in_the_text_too(practice, private_image, private_document):
    # A practice's photos live in its gallery; its text may link documents.
    page = practice(municipality="katran", live=False)
    page.gallery_images.create(image=private_image, alt_text="Балдар")
    page.what_was_done = [
        {"type": "document", "value": {"document": private_document.pk, "title": "Отчёт"}},
    ]
    page.results = f'<p><a linktype="document" id="{private_document.pk}">Отчёт</a></p>'
    assert files_used_by(page) == {
        get_image_model(): {private_image.pk},
        get_document_model(): {private_document.pk},
    }
    page.save_revision().publish()
    private_image.refresh_from_db()
    private_document.refresh_from_db()
    assert private_image.collection == private_document.collection == public_collection()


def test_publishing_leaves_files_of_other_collections_where_they_are(practice, moderation):
    archive = Collection.get_first_root_node().add_child(name="Архив")
    image = get_image_model().objects.create(title=IMAGE_TITLE, file=jpeg_file(), collection=archive)
    page = practice(municipality="katran", live=False)
    page.gallery_images.create(image=image, alt_text="Балдар борбору")
    page.save_revision().publish()
    image.refresh_from_db()
    assert image.collection == archive


def test_unpublishing_leaves_the_files_public(client, draft_with_files, private_document):
    draft_with_files.get_latest_revision().publish()
    draft_with_files.unpublish()
    document = get_document_model().objects.get(pk=private_document.pk)
    assert document.collection == public_collection()


ADMIN_LISTINGS = [
    "wagtailimages:index",
    "wagtaildocs:index",
    "wagtailimages_chooser:choose",
    "wagtaildocs_chooser:choose",
]


def listing_html(response):
    # Choosers answer with JSON, whose text escapes the Kyrgyz letters.
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


@pytest.mark.parametrize("url_name", ADMIN_LISTINGS)
def test_contributor_sees_no_private_file_in_admin_listings_and_choosers(
    login, contributor, draft_with_files, url_name
):
    response = login(contributor).get(reverse(url_name))
    assert response.status_code == 200
    body = listing_html(response)
    assert IMAGE_TITLE not in body and DOCUMENT_TITLE not in body


@pytest.mark.parametrize("url_name", ADMIN_LISTINGS)
def test_moderator_sees_private_files_in_admin_listings_and_choosers(
    login, moderator, draft_with_files, url_name
):
    body = listing_html(login(moderator).get(reverse(url_name)))
    assert IMAGE_TITLE in body or DOCUMENT_TITLE in body


def private_file_urls(image, document):
    return [
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:image_usage", args=[image.pk]),
        reverse("wagtailimages:url_generator", args=[image.pk]),
        reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtaildocs:document_usage", args=[document.pk]),
        reverse("wagtaildocs_chooser:chosen", args=[document.pk]),
    ]


def test_contributor_cannot_open_a_private_file_in_the_admin(
    login, contributor, private_image, private_document
):
    client = login(contributor)
    for url in private_file_urls(private_image, private_document):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = listing_html(response)
        assert private_image.file.name.rsplit("/", 1)[-1].split(".")[0] not in body, url
        assert IMAGE_TITLE not in body and DOCUMENT_TITLE not in body, url


def test_moderator_opens_a_private_file_in_the_admin(login, moderator, private_image, private_document):
    client = login(moderator)
    assert client.get(reverse("wagtailimages:edit", args=[private_image.pk])).status_code == 200
    assert client.get(reverse("wagtaildocs:edit", args=[private_document.pk])).status_code == 200


def test_contributor_uploads_into_the_public_collection_only(login, contributor):
    client = login(contributor)
    response = client.get(reverse("wagtaildocs:add"))
    assert response.status_code == 200
    assert PRIVATE_COLLECTION not in response.content.decode()


def test_the_migration_hides_files_of_unpublished_submissions(
    moderation, contributor, draft_with_files, private_image, private_document, practice
):
    from practices.models import Municipality
    from submissions.models import PracticeSubmission

    root = Collection.get_first_root_node()
    private_image.file.save("бала-бакча.jpg", jpeg_file(), save=False)
    private_image.collection = root
    private_image.save()
    private_image.get_rendition("max-100x100")
    private_document.collection = root
    private_document.save()
    public_image = get_image_model().objects.create(title="Бостери", file=jpeg_file(), collection=root)
    old_name = private_image.file.name
    PracticeSubmission.objects.create(
        language="ky",
        title=draft_with_files.title,
        municipality=Municipality.objects.get(slug="katran"),
        what_was_done="Айыл өкмөтү тапшырык берди.",
        contact_name="Гүлнара",
        page=draft_with_files,
    )
    GroupCollectionPermission.objects.create(
        group=Group.objects.get(name=CONTRIBUTORS),
        collection=root,
        permission=GroupCollectionPermission.objects.filter(group__name=CONTRIBUTORS).first().permission,
    )

    from django.apps import apps

    migration = import_module("moderation.migrations.0003_file_collections")
    migration.hide_unpublished_submitted_files(apps, None)

    private_image.refresh_from_db()
    private_document.refresh_from_db()
    public_image.refresh_from_db()
    assert private_image.collection == private_document.collection == private_collection()
    assert "бала" not in private_image.file.name and private_image.file.name != old_name
    assert not private_image.file.storage.exists(old_name)
    assert not private_image.renditions.exists()
    assert public_image.collection == public_collection()
    grants = GroupCollectionPermission.objects.filter(group__name=CONTRIBUTORS)
    assert set(grants.values_list("collection__name", flat=True)) == {PUBLIC_COLLECTION}


def with_gallery_image(data, image):
    data["gallery_images-TOTAL_FORMS"] = str(int(data.get("gallery_images-TOTAL_FORMS", "0")) + 1)
    index = int(data["gallery_images-TOTAL_FORMS"]) - 1
    data.update(
        {
            f"gallery_images-{index}-id": "",
            f"gallery_images-{index}-image": str(image.pk),
            f"gallery_images-{index}-alt_text": "Балдар борбору",
            f"gallery_images-{index}-caption": "",
            f"gallery_images-{index}-ORDER": str(index + 1),
            f"gallery_images-{index}-DELETE": "",
        }
    )
    return data


def test_contributor_cannot_put_a_private_image_on_a_page_by_its_id(
    login, contributor, katran_draft, private_image
):
    client = login(contributor)
    url = edit_url(katran_draft)
    revisions = katran_draft.revisions.count()
    response = client.post(url, with_gallery_image(form_data(client, url), private_image))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert katran_draft.revisions.count() == revisions
    assert not PracticePage.objects.get(pk=katran_draft.pk).gallery_images.exists()


def test_contributor_may_add_a_public_image_and_keep_the_submitted_ones(
    login, contributor, draft_with_files, moderation
):
    client = login(contributor)
    url = edit_url(draft_with_files)
    public = get_image_model().objects.create(
        title="Бостери", file=jpeg_file(), collection=public_collection()
    )
    response = client.post(url, with_gallery_image(form_data(client, url), public))
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=draft_with_files.pk)
    assert len(page.get_latest_revision_as_object().gallery_images.all()) == 2


def test_moderator_may_put_a_private_image_on_a_page(login, moderator, katran_draft, private_image):
    client = login(moderator)
    url = edit_url(katran_draft)
    response = client.post(url, with_gallery_image(form_data(client, url), private_image))
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=katran_draft.pk)
    assert [item.image for item in page.get_latest_revision_as_object().gallery_images.all()] == [
        private_image
    ]


def test_images_have_no_public_serve_view():
    # Image files and renditions are served from MEDIA_URL under their random
    # names; no view hands out an image by its sequential id.
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=["signature", 1, "original"])


def test_anonymous_reader_gets_no_admin_page_of_a_private_file(client, private_image, private_document):
    for url in private_file_urls(private_image, private_document):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
