"""Gunicorn's settings for the portal: `gunicorn -c python:portal.gunicorn portal.wsgi`.

Synchronous workers, two per core plus one: a page spends its time in Python
and the database, not waiting on slow clients (a reverse proxy buffers those),
and no request waits on mail or Elasticsearch (tasks do that). Each worker is
restarted after a few thousand requests, so a slow leak cannot grow for ever.
"""

import multiprocessing
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PORTAL_WORKERS", 0)) or multiprocessing.cpu_count() * 2 + 1
worker_class = "sync"
# A request that takes longer than this is stuck: its worker is replaced.
timeout = int(os.environ.get("PORTAL_WORKER_TIMEOUT", 30))
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
# The proxy in front may keep connections open between requests.
keepalive = 5
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")
