import os

import pytest

# The production stack's smoke suite and fault drills run against the stack
# scripts/production.sh starts (`make smoke`), never inside `make test`.
collect_ignore = [] if os.environ.get("PORTAL_PRODUCTION_URL") else ["production"]


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    """Uploaded files go to a temporary folder made for this run; it goes away with the run."""
    yield
    import shutil

    from django.conf import settings

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters and the search breaker do not carry over."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The page tree is the same for every test; building it once, before the
    # per-test transactions, saves a dozen page saves and revisions per test.
    from portal.site_structure import ensure_site_structure

    with django_db_blocker.unblock():
        ensure_site_structure()


@pytest.fixture
def site_tree(db):
    """The home page and practice list in ky, ru and en."""
    from portal.site_structure import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def indexes(site_tree):
    from practices.models import PracticeIndexPage

    return {
        page.locale.language_code: page
        for page in PracticeIndexPage.objects.select_related("locale")
    }


@pytest.fixture
def practice(indexes):
    """Build a published practice; keyword arguments override the defaults."""

    from tests.factories import make_practice

    def build(**fields):
        return make_practice(indexes, **fields)

    return build


@pytest.fixture(scope="session")
def redis_url(pytestconfig):
    """A Redis that answers: REDIS_URL, or one started for this run (see tests/redis_server.py)."""
    from tests.redis_server import running_redis_url

    return running_redis_url(pytestconfig)


@pytest.fixture
def redis_cache_config(redis_url):
    """CACHES["default"] for the portal's Redis backend on that server, under this test's own key prefix."""
    from tests.redis_server import delete_prefixed_keys, redis_cache_config

    config = redis_cache_config(redis_url)
    yield config
    delete_prefixed_keys(config)


@pytest.fixture
def throwaway_redis(redis_url):
    """A Redis of the test's own, which it may stop, freeze and start again; the shared one is never stopped."""
    from tests.redis_server import ThrowawayRedis

    server = ThrowawayRedis()
    server.start()
    yield server
    server.stop()
