"""What a load balancer and monitoring ask of one instance: can it serve, and is each part it uses well.

Nothing here names a host, a password or a path: the answer is public.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from search.health import index_checks

# Without the database the instance cannot answer readers; the rest only
# degrades it. The cache is not essential: without Redis pages are rendered
# uncached (portal/cache.py), and since every instance shares one Redis, a 503
# for it would have the load balancer take them all out at once.
ESSENTIAL = ("database",)


def database_check():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return {"ok": False}
    return {"ok": True, "vendor": connection.vendor}


def cache_check():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception:
        ok = False
    return {"ok": ok}


def search_check():
    """The configured engine and its fallback: a missing, empty or stale index is not ok."""
    try:
        checks = index_checks(probe_open_breaker=False)
    except Exception:
        # Counting the live pages needs the database, reported on its own.
        return {"ok": False, "indexes": []}
    return {
        "ok": all(check.ok for check in checks),
        "indexes": [
            {
                "engine": check.label,
                "ok": check.ok,
                "documents": check.documents,
                "live_pages": check.expected.pages,
                "in_flight": check.expected.in_flight,
                "rebuilding": check.expected.rebuilding,
            }
            for check in checks
        ],
    }


def tasks_check():
    """The task queue: how many tasks wait now, and for how long the oldest has waited.

    A backend that runs tasks in the request has no queue to fall behind. With
    the database backend, a task waiting longer than `PORTAL_TASKS_MAX_WAIT`
    seconds means no worker runs or the workers cannot keep up.
    """
    backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__name__
    if backend != "DatabaseBackend":
        return {"ok": True, "backend": backend, "queued": 0, "oldest_wait_seconds": 0}
    from django_tasks_db.models import DBTaskResult, get_date_max

    try:
        ready = DBTaskResult.objects.ready()
        queued = ready.count()
        since = [
            ready.filter(run_after=get_date_max()).aggregate(oldest=Min("enqueued_at"))["oldest"],
            ready.exclude(run_after=get_date_max()).aggregate(oldest=Min("run_after"))["oldest"],
        ]
    except Exception:
        return {"ok": False, "backend": backend, "queued": None, "oldest_wait_seconds": None}
    waiting = [timezone.now() - moment for moment in since if moment is not None]
    oldest = round(max(waiting).total_seconds()) if waiting else 0
    max_wait = settings.PORTAL_TASKS_MAX_WAIT
    return {"ok": oldest <= max_wait, "backend": backend, "queued": queued, "oldest_wait_seconds": oldest}


def health_report():
    """{"status": "ok" | "degraded" | "failing", "checks": {...}}."""
    checks = {"database": database_check(), "cache": cache_check()}
    checks["search"] = search_check() if checks["database"]["ok"] else {"ok": False, "indexes": []}
    checks["tasks"] = tasks_check()
    if not all(checks[name]["ok"] for name in ESSENTIAL):
        status = "failing"
    elif all(check["ok"] for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return {"status": status, "checks": checks}
