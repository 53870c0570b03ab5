"""Files from submissions wait out of sight until their page is published.

Earlier versions kept every photo and attachment in the root collection, under
the sender's file name, and let contributors choose any of them. This creates
the public "Practices" and the private "Awaiting moderation" collections (see
moderation.files), narrows contributors to the public one, moves the files of
submissions whose page is not live into the private one under random names,
and moves the remaining files of the root collection into "Practices", where
contributors can still choose them.
"""

from pathlib import PurePath

from django.db import migrations

from moderation.files import ensure_file_collections, random_file_name
from moderation.roles import ensure_roles


def _rename(stored, folder):
    # A missing file (a copied database without its media) keeps its name:
    # there is nothing at the old address to hide.
    old = stored.file.name
    storage = stored.file.storage
    if not old or not storage.exists(old):
        return
    extension = PurePath(old).suffix.lstrip(".") or "bin"
    with storage.open(old, "rb") as handle:
        stored.file.name = storage.save(f"{folder}/{random_file_name(extension)}", handle)
    storage.delete(old)


def _drop_renditions(apps, image):
    # Renditions are named after the original, so they would still carry
    # the sender's file name; Wagtail makes them again when asked.
    Rendition = apps.get_model("wagtailimages", "Rendition")
    for rendition in Rendition.objects.filter(image=image):
        if rendition.file.name:
            rendition.file.storage.delete(rendition.file.name)
        rendition.delete()


def hide_unpublished_submitted_files(apps, schema_editor):
    public, private = ensure_file_collections(apps)
    ensure_roles(apps)
    if public is None:
        return
    Collection = apps.get_model("wagtailcore", "Collection")
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")
    PracticeSubmission = apps.get_model("submissions", "PracticeSubmission")
    GalleryImage = apps.get_model("practices", "PracticeGalleryImage")
    Attachment = apps.get_model("practices", "PracticeAttachment")

    drafts = PracticeSubmission.objects.filter(page__live=False).values("page_id")
    images = Image.objects.filter(pk__in=GalleryImage.objects.filter(page_id__in=drafts).values("image_id"))
    for image in images:
        _rename(image, "original_images")
        image.collection = private
        image.save(update_fields=["file", "collection"])
        _drop_renditions(apps, image)
    documents = Document.objects.filter(
        pk__in=Attachment.objects.filter(page_id__in=drafts).values("document_id")
    )
    for document in documents:
        _rename(document, "documents")
        document.collection = private
        document.save(update_fields=["file", "collection"])

    root = Collection.objects.filter(depth=1).first()
    Image.objects.filter(collection=root).update(collection=public)
    Document.objects.filter(collection=root).update(collection=public)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_roles_and_workflow"),
        ("practices", "0004_adapted_from"),
        ("submissions", "0002_assisted_by"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(hide_unpublished_submitted_files, migrations.RunPython.noop)]
