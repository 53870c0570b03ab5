"""A worker process for the Redis tests: it counts through the portal's own code, as a gunicorn worker would.

    python -m tests.cache_worker CACHE_JSON counter KEY TIMES
    python -m tests.cache_worker CACHE_JSON rate-limit CLIENT TIMES

CACHE_JSON is the CACHES["default"] entry. The worker prints "ready", waits
until the key "go" appears in the cache, so that every worker starts counting
at the same moment, and prints the values its calls returned as JSON.
"""

import json
import os
import shutil
import sys
import time


def main(cache_config, action, key, times):
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django
    from django.conf import settings
    from django.test.utils import override_settings

    django.setup()
    try:
        with override_settings(CACHES={"default": cache_config}):
            from django.core.cache import cache

            from portal.counters import increment
            from submissions.protection import submissions_per_client

            print("ready", flush=True)
            deadline = time.monotonic() + 60
            while cache.get("go") is None:
                if time.monotonic() > deadline:
                    sys.exit("no go within 60 s")
                time.sleep(0.005)
            if action == "counter":
                seen = [increment(key, timeout=300) for _ in range(times)]
            else:
                seen = [submissions_per_client.record(key) for _ in range(times)]
            print(json.dumps(seen), flush=True)
    finally:
        # The test settings give every process a media folder of its own.
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]))
