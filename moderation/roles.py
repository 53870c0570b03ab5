"""The editorial roles, as Django groups with Wagtail page and collection permissions.

Code and data migrations find the groups by these names, so they must not
change. Wagtail's own install already creates "Moderators" and "Editors" with
permissions on the tree root; ensuring them here keeps that and adds what the
portal needs.

Every function takes an app registry, so the data migration can pass its
historical models and everyone else the real ones. Historical models have
fields and managers but no custom methods, so these functions use only those.
"""

from django.apps import apps as global_apps

MODERATORS = "Moderators"
EDITORS = "Editors"
CONTRIBUTORS = "Municipal contributors"
ROLES = (MODERATORS, EDITORS, CONTRIBUTORS)

REFERENCE_MODELS = (
    "oblast",
    "rayon",
    "municipality",
    "servicetype",
    "fundingmechanism",
    "beneficiarygroup",
    "partner",
)
MANAGE = ("add", "change", "delete", "view")


def _model_permissions(app_label, models, actions):
    return [(app_label, model, f"{action}_{model}") for model in models for action in actions]


ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")
# Every case is meant for readers in Kyrgyz, Russian and English.
SUBMIT_TRANSLATION = ("simple_translation", "simpletranslation", "submit_translation")

MODEL_PERMISSIONS = {
    MODERATORS: [
        ACCESS_ADMIN,
        *_model_permissions("practices", REFERENCE_MODELS, MANAGE),
        ("search", "searchqueryday", "view_searchqueryday"),
        *_model_permissions("search", ["synonymgroup", "lexiconentry"], MANAGE),
        *_model_permissions("wagtailsearchpromotions", ["searchpromotion"], MANAGE),
        *_model_permissions("moderation", ["contributorprofile"], MANAGE),
        *_model_permissions("replication", ["replicationrequest"], MANAGE),
        *_model_permissions("submissions", ["practicesubmission"], ("view", "delete")),
        SUBMIT_TRANSLATION,
    ],
    EDITORS: [
        ACCESS_ADMIN,
        *_model_permissions("practices", REFERENCE_MODELS, ["view"]),
        SUBMIT_TRANSLATION,
    ],
    CONTRIBUTORS: [ACCESS_ADMIN],
}

# Moderators and editors work on the whole tree, in every language, so their
# page permissions sit on the tree root, which exists from Wagtail's first
# migration on. Contributors may only add practices, so theirs sit on the
# practice lists, which exist only once the site structure is built.
ROOT_PAGE_ACTIONS = {
    MODERATORS: ("add", "change", "publish", "lock", "unlock"),
    EDITORS: ("add", "change"),
}
PRACTICE_LIST_ACTIONS = {CONTRIBUTORS: ("add",)}

# Moderators and editors work with every collection, the private one of
# files awaiting moderation included, so theirs sit on the root collection.
# Contributors add and choose photos and attachments in the public
# "Practices" collection only: they must not see or reuse files nobody has
# checked yet (see moderation.files).
ROOT_COLLECTION_ACTIONS = {
    MODERATORS: ("add", "change", "choose"),
    EDITORS: ("add", "change", "choose"),
}
PUBLIC_COLLECTION_ACTIONS = {CONTRIBUTORS: ("add", "choose")}
COLLECTION_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))


def ensure_roles(apps=global_apps):
    """Create the role groups and their permissions where missing; return the groups by name."""
    # moderation.files names the roles that may view private files.
    from moderation.files import ensure_file_collections

    Group = apps.get_model("auth", "Group")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for name, permissions in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(
            *(permission(apps, *natural_key) for natural_key in permissions)
        )

    Page = apps.get_model("wagtailcore", "Page")
    PracticeIndexPage = apps.get_model("practices", "PracticeIndexPage")
    root = Page.objects.filter(depth=1).first()
    for name, actions in ROOT_PAGE_ACTIONS.items():
        if root is not None:
            _grant_pages(apps, groups[name], [root], actions)
    for name, actions in PRACTICE_LIST_ACTIONS.items():
        _grant_pages(apps, groups[name], PracticeIndexPage.objects.all(), actions)

    Collection = apps.get_model("wagtailcore", "Collection")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, actions in ROOT_COLLECTION_ACTIONS.items():
            _grant_collection(apps, groups[name], root_collection, actions)
    public_collection, private_collection = ensure_file_collections(apps)
    if public_collection is not None:
        for name, actions in PUBLIC_COLLECTION_ACTIONS.items():
            # A grant on the root or the private collection would reach the
            # files awaiting moderation; earlier versions gave one on the root.
            _revoke_collections(apps, groups[name], [root_collection, private_collection])
            _grant_collection(apps, groups[name], public_collection, actions)
    return groups


def permission(apps, app_label, model_name, codename):
    """The Permission row, created if missing.

    Django creates model permissions only after the last migration has run, so
    on a fresh database the data migration would otherwise find none.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type = ContentType.objects.get_or_create(app_label=app_label, model=model_name)[0]
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": _permission_name(apps, app_label, model_name, codename)},
    )[0]


def _permission_name(apps, app_label, model_name, codename):
    # The same wording Django's own create_permissions would use.
    try:
        opts = apps.get_model(app_label, model_name)._meta
    except LookupError:
        return codename.replace("_", " ").capitalize()
    declared = dict(opts.permissions)
    if codename in declared:
        return str(declared[codename])
    action = codename.split("_", 1)[0]
    return f"Can {action} {opts.verbose_name_raw}"[:255]


def _grant_pages(apps, group, pages, actions):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for page in pages:
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=page.pk,
                permission=permission(apps, "wagtailcore", "page", f"{action}_page"),
            )


def _revoke_collections(apps, group, collections):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group=group, collection_id__in=[collection.pk for collection in collections]
    ).delete()


def _grant_collection(apps, group, collection, actions):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label, model_name in COLLECTION_MODELS:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection_id=collection.pk,
                permission=permission(apps, app_label, model_name, f"{action}_{model_name}"),
            )
