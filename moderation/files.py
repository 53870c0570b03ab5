"""Where photos and documents live: in public, or out of sight until a moderator has checked them.

Files sent with "Share your practice" reach the portal before anyone has
looked at them. They wait in the «Модерацияны күтүүдө» (awaiting moderation)
collection, which only
moderators and editors may view (a Wagtail collection view restriction), under
random file names, so neither a document's address nor an image's file name
says who sent what. When a page is published, the files it uses move to the
public «Практикалар» collection. Unpublishing leaves them public: a reader may
already have them, and the page can come back.

Documents are served through Wagtail's view (WAGTAILDOCS_SERVE_METHOD =
"serve_view"), which checks the restriction on every download. Images have no
such view: their files and renditions are served from MEDIA_URL as they are,
so what keeps a private image private is that its random name appears only on
admin pages that only moderators and editors may open.

Like moderation.roles, the setup functions take an app registry, so the data
migrations can pass their historical models.
"""

import secrets

from django.apps import apps as global_apps

from moderation.roles import EDITORS, MODERATORS

# Code and migrations find the collections by these names. Wagtail's admin
# shows a collection's stored name as it is, in every admin language, so the
# names are in Kyrgyz, the admin's default (as the workflow's are).
PUBLIC_COLLECTION = "Практикалар"
PRIVATE_COLLECTION = "Модерацияны күтүүдө"
ROOT_COLLECTION = "Бардык файлдар"
# The names earlier versions (and Wagtail's install, for the root) gave them.
FORMER_NAMES = {PUBLIC_COLLECTION: "Practices", PRIVATE_COLLECTION: "Awaiting moderation", ROOT_COLLECTION: "Root"}
PRIVATE_VIEWERS = (MODERATORS, EDITORS)

# Treebeard's materialised path: four base-36 digits per level.
_STEP = 4
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def random_file_name(extension):
    """A file name that says nothing about the file and cannot be guessed."""
    return f"{secrets.token_hex(16)}.{extension.lower()}"


def ensure_file_collections(apps=global_apps):
    """Create the public and the private collection where missing; return (public, private)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return None, None
    _rename(Collection.objects.filter(pk=root.pk), ROOT_COLLECTION)
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    for name in (PUBLIC_COLLECTION, PRIVATE_COLLECTION):
        _rename(children, name)
    public = _child_collection(apps, root, PUBLIC_COLLECTION)
    private = _child_collection(apps, root, PRIVATE_COLLECTION)

    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    restriction = CollectionViewRestriction.objects.filter(collection=private).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(collection=private, restriction_type="groups")
    elif restriction.restriction_type != "groups":
        restriction.restriction_type = "groups"
        restriction.save(update_fields=["restriction_type"])
    viewers = [Group.objects.get_or_create(name=name)[0] for name in PRIVATE_VIEWERS]
    restriction.groups.add(*viewers)
    return public, private


def _rename(collections, name):
    # Only where the new name is still free: an administrator's own
    # collection that happens to carry it is left alone.
    if not collections.filter(name=name).exists():
        collections.filter(name=FORMER_NAMES[name]).update(name=name)


def _child_collection(apps, root, name):
    # Historical models have no treebeard methods, so the child's path is
    # worked out here, the way treebeard's add_child would.
    Collection = apps.get_model("wagtailcore", "Collection")
    children = Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
    existing = children.filter(name=name).first()
    if existing is not None:
        return existing
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-_STEP:], 36) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=root.path + _base36(number), depth=root.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    return child


def _base36(number):
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = _ALPHABET[digit] + digits
    return digits.rjust(_STEP, "0")


def public_collection():
    from wagtail.models import Collection

    return Collection.objects.filter(depth=2, name=PUBLIC_COLLECTION).first() or ensure_file_collections()[0]


def private_collection():
    from wagtail.models import Collection

    return Collection.objects.filter(depth=2, name=PRIVATE_COLLECTION).first() or ensure_file_collections()[1]


def file_ids_in(fields_and_values):
    """{image or document model: ids} of the files named in these (model field, value) pairs.

    A value is what the field holds: an id or an object for a foreign key, a
    stream or rich text for the fields that can embed or link files.
    """
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    found = {get_image_model(): set(), get_document_model(): set()}
    for field, value in fields_and_values:
        if value is None:
            continue
        if field.many_to_one and field.related_model in found:
            found[field.related_model].add(getattr(value, "pk", value))
        elif hasattr(field, "extract_references"):
            for model, pk, *_ in field.extract_references(value):
                if model in found and _is_id(pk):
                    found[model].add(int(pk))
    return found


def files_used_by(page):
    """{image or document model: ids} of the files `page` uses, in its fields, inline panels, stream and rich text."""
    from modelcluster.models import get_all_child_relations

    objects = [page]
    for relation in get_all_child_relations(page):
        objects.extend(getattr(page, relation.get_accessor_name()).all())
    return file_ids_in(
        (field, field.value_from_object(obj)) for obj in objects for field in obj._meta.concrete_fields
    )


def _is_id(value):
    # Rich text carries ids as text, and hand-edited HTML may carry anything.
    try:
        return 0 < int(value) < 2**63
    except (TypeError, ValueError):
        return False


def make_files_public(page):
    """Move the files `page` uses out of the private collection; return how many moved."""
    private, public = private_collection(), public_collection()
    return sum(
        model.objects.filter(pk__in=ids, collection=private).update(collection=public)
        for model, ids in files_used_by(page).items()
        if ids
    )


def private_files_among(found):
    """Whether any of these {model: ids} files waits in the private collection."""
    private = private_collection()
    return any(
        model.objects.filter(pk__in=ids, collection=private).exists() for model, ids in found.items() if ids
    )


def make_published_files_public(sender, instance, **kwargs):
    make_files_public(instance.specific)
