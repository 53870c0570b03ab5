"""Municipal contributors work on their own municipality's practices only.

Wagtail's page permissions follow the page tree, and every practice sits under
one practice list, so the tree cannot tell one municipality's cases from
another's. Contributors therefore hold only "add" on the practice lists, and
PracticePage asks this module's tester instead of Wagtail's: it lets them edit
any case of their municipality, and nothing (not even a look at the draft)
outside it. Every admin view that edits, previews, compares or locks a page
asks the page's tester, so one class covers them all.

This module imports no models at load time: practices.models imports it.
"""

from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS

_SCOPE_CACHE = "_moderation_municipality_scope"


def contributor_scope(user):
    """Ids of the municipalities a municipal contributor works on, or None when not limited.

    A contributor's municipality brings the units merged into it in a reform,
    whose earlier cases now belong to it. A contributor without a municipality
    gets an empty set: no practice is theirs until a moderator sets one.
    A wider role (editor, moderator, superuser) lifts the limit.
    """
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return None
    if hasattr(user, _SCOPE_CACHE):
        return getattr(user, _SCOPE_CACHE)
    from moderation.models import ContributorProfile

    roles = set(user.groups.filter(name__in=(CONTRIBUTORS, EDITORS, MODERATORS)).values_list(
        "name", flat=True
    ))
    scope = None
    if CONTRIBUTORS in roles and not roles & {EDITORS, MODERATORS}:
        profile = (
            ContributorProfile.objects.filter(user=user).select_related("municipality").first()
        )
        municipality = profile.municipality if profile else None
        scope = frozenset(municipality.with_predecessors()) if municipality else frozenset()
    # Cached for the request: the explorer asks once for every row it shows.
    setattr(user, _SCOPE_CACHE, scope)
    return scope


def practices_in_scope(scope):
    """Ids of the practices with a location in one of these municipalities, as a subquery."""
    from practices.models import PracticeLocation

    return PracticeLocation.objects.filter(municipality_id__in=scope).values("page_id")


def practices_outside_scope(scope):
    """Ids of the practices none of whose locations is in one of these municipalities, as a subquery."""
    from practices.models import PracticePage

    return PracticePage.objects.exclude(pk__in=practices_in_scope(scope)).values("pk")


def drafts_outside_scope(scope):
    """Ids of other municipalities' practices with anything unpublished, as a subquery.

    A live practice whose latest revision is not published counts too: its
    admin title and revisions are the draft's.
    """
    from practices.models import PracticePage

    return (
        PracticePage.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(pk__in=practices_in_scope(scope))
        .values("pk")
    )


def hide_drafts_outside_scope(pages, user):
    """`pages` without other municipalities' unpublished practices, for a contributor.

    The rule is a filter on primary keys only, so that Wagtail's search
    backends accept it on a queryset they are about to search.
    """
    scope = contributor_scope(user)
    if scope is None:
        return pages
    return pages.exclude(pk__in=drafts_outside_scope(scope))


def is_practice(page):
    from django.contrib.contenttypes.models import ContentType

    from practices.models import PracticePage

    return page.content_type_id == ContentType.objects.get_for_model(PracticePage).pk


def practice_in_scope(page, scope):
    """Whether the practice `page` has a location in one of the `scope` municipalities.

    A page not saved yet is the contributor's own new case; the practice form
    makes sure it names their municipality.
    """
    if page.pk is None:
        return True
    from practices.models import PracticeLocation

    return PracticeLocation.objects.filter(page_id=page.pk, municipality_id__in=scope).exists()


class ScopedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with municipal contributors kept to their municipality.

    Wagtail asks the page policy which pages a user may explore (explorer,
    admin page search, the admin API, site history, the dashboard) and which
    they may change (workflow reports), so narrowing it here narrows every
    one of those surfaces at once. Registered for all pages in
    moderation.apps.
    """

    def explorable_instances(self, user):
        return hide_drafts_outside_scope(super().explorable_instances(user), user)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        scope = contributor_scope(user)
        if scope is None or "add" in actions:
            # "Add" on a practice list reaches every page below it: that is
            # the part of the tree a contributor walks in the explorer, where
            # explorable_instances hides other municipalities' drafts.
            return pages
        # Contributors hold only "add", which Wagtail turns into "change" on
        # their own pages; on their municipality's cases they also change
        # colleagues' pages, and on other municipalities' cases nothing.
        if "change" in actions and self.user_has_permission(user, "add"):
            pages = pages | self.model._default_manager.filter(pk__in=practices_in_scope(scope))
        return pages.exclude(pk__in=practices_outside_scope(scope))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        scope = contributor_scope(user)
        if scope is not None and is_practice(instance):
            if not practice_in_scope(instance, scope):
                return False
            if "change" in actions and self.user_has_permission(user, "add"):
                return True
        return super().user_has_any_permission_for_instance(user, actions, instance)


class PracticePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed to one municipality for municipal contributors."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.scope = contributor_scope(user)
        self.in_scope = self.scope is not None and self._page_in_scope()
        self.outside_scope = self.scope is not None and not self.in_scope
        if self.outside_scope:
            self.permissions = set()

    def _page_in_scope(self):
        return practice_in_scope(self.page, self.scope)

    def can_edit(self):
        if self.outside_scope:
            return False
        # Wagtail lets "add" edit only one's own pages; a contributor may also
        # edit a colleague's case of the same municipality.
        if self.in_scope and self.user.is_active and "add" in self.permissions:
            return True
        return super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return not self.outside_scope and super().can_delete(ignore_bulk=ignore_bulk)

    def can_submit_for_moderation(self):
        return not self.outside_scope and super().can_submit_for_moderation()

    def can_lock(self):
        return not self.outside_scope and super().can_lock()

    def can_unlock(self):
        return not self.outside_scope and super().can_unlock()

    def can_view_revisions(self):
        return not self.outside_scope and super().can_view_revisions()
