"""The production stack as readers, senders and moderators meet it: over HTTPS, through nginx.

These tests need the stack that `scripts/production.sh start --demo` starts
(`make smoke` starts it); `PORTAL_PRODUCTION_URL`, `PORTAL_PRODUCTION_ENV` and
`PORTAL_PRODUCTION_CA` say where it is. Without them the suite is not
collected at all (tests/conftest.py), so `make test` never counts it as run.

What the tests cannot see over HTTP (ids of a new draft, the task queue) they
read from the stack's own database, read-only.
"""

import asyncio
import io
import os
import random
import re
import secrets
import shlex
import signal
import socket
import subprocess
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urljoin

import psycopg
import pytest
import requests
from aiosmtpd.controller import Controller
from PIL import Image
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[2]
# Letters a reader types; made-up words, so a search finds only what the test sent.
KYRGYZ_LETTERS = "абвгдеёжзийклмнңоөпрстуүфхцчшыэюя"


def kyrgyz_word(length=9):
    return "".join(random.choice(KYRGYZ_LETTERS) for _ in range(length))


def wait_for(check, timeout, interval=0.5, what="the condition", detail=None):
    """Call `check` until it returns something true, and return that; fail after `timeout` seconds.

    `detail`, if given, is called on failure for what the message should add (the task queue, a log).
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            extra = f"\n{detail()}" if detail else ""
            pytest.fail(f"{what} did not happen within {timeout} s{extra}", pytrace=False)
        time.sleep(interval)


def _read_env(path):
    values = {}
    for line in Path(path).read_text().splitlines():
        name, _, value = line.partition("=")
        if name and not name.startswith("#"):
            values[name] = shlex.split(value)[0] if value else ""
    return values


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address: each sender is another client to the rate limits."""

    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Stack:
    def __init__(self):
        self.url = os.environ["PORTAL_PRODUCTION_URL"].rstrip("/")
        self.env_path = Path(os.environ["PORTAL_PRODUCTION_ENV"])
        self.ca = os.environ["PORTAL_PRODUCTION_CA"]
        self.env = _read_env(self.env_path)
        self.dir = self.env_path.parent
        self.smtp_port = int(self.env["EMAIL_PORT"])
        self.elasticsearch_url = self.env["ELASTICSEARCH_URL"]
        self._senders = 0

    def session(self, source="127.0.0.1"):
        session = requests.Session()
        # Otherwise REQUESTS_CA_BUNDLE or a proxy from the environment would win over the stack's own certificate.
        session.trust_env = False
        session.verify = self.ca
        session.mount("https://", SourceAddressAdapter(source))
        return session

    def new_sender(self):
        """A browser on an address of its own, as another municipality's would be."""
        self._senders += 1
        return self.session(f"127.0.0.{10 + self._senders}")

    def get(self, path, session=None, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        return (session or requests).get(self.url + path, verify=self.ca, **kwargs)

    # The stack's database, read-only.
    def query(self, sql, *params):
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def queued_tasks(self):
        """Tasks due or under way: a test's own tasks wait behind them."""
        return self.query(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE (status = 'READY' AND run_after <= now()) OR status = 'RUNNING'"
        )[0][0]

    def task_summary(self):
        """What the queue holds, for a failure message."""
        return self.query(
            "SELECT task_path, status, count(*), min(enqueued_at) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING', 'FAILED') GROUP BY 1, 2 ORDER BY 1, 2"
        )

    def health(self):
        response = self.get("/healthz", timeout=30)
        return response.status_code, response.json()

    def index_count(self, engine):
        [entry] = [index for index in self.health()[1]["checks"]["search"]["indexes"] if index["engine"] == engine]
        return entry

    def diagnosis(self):
        """The task queue and the worker's last log lines, to explain a wait that timed out."""
        log = self.dir / "logs" / "worker.log"
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:]) if log.exists() else ""
        return f"task queue: {self.task_summary()}\nworker log:\n{tail}"

    def pid(self, relative):
        path = self.dir / relative
        return int(path.read_text().strip()) if path.exists() else None

    def script(self, *args, timeout=300):
        result = subprocess.run(
            [str(ROOT / "scripts/production.sh"), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result

    def manage(self, *args, timeout=120):
        env = {**os.environ, **self.env}
        env.pop("PYTEST_CURRENT_TEST", None)
        result = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout


@pytest.fixture(scope="session")
def stack():
    stack = Stack()
    # The demo content's index and reference updates come first; a test's own
    # tasks should not wait behind a thousand of them.
    wait_for(lambda: stack.queued_tasks() == 0, 600, interval=2, what="the task queue emptying after start-up")
    return stack


class Mailbox:
    """The SMTP server the stack sends to: a real one that keeps messages, or a black hole."""

    def __init__(self, port):
        self.port = port
        self.messages = []
        self._controller = None
        self._hole = None
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def answer(self):
        self.silence(False)
        if self._controller is None:
            self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self._controller.start()

    def silence(self, on=True):
        """A server that accepts connections and never says a word, as a hung mail server does."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if on and self._hole is None:
            self._hole = socket.socket()
            self._hole.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._hole.bind(("127.0.0.1", self.port))
            self._hole.listen(64)
        elif not on and self._hole is not None:
            self._hole.close()
            self._hole = None

    def to(self, address):
        with self._lock:
            return [message for recipients, message in self.messages if address in recipients]

    def stop(self):
        self.silence(False)


@pytest.fixture(scope="session")
def mailbox(stack):
    asyncio.set_event_loop_policy(None)
    box = Mailbox(stack.smtp_port)
    box.answer()
    yield box
    box.stop()


@pytest.fixture(scope="session")
def moderator(stack):
    """A moderator account made for this run, signed in over HTTPS."""
    username = f"smoke-moderator-{secrets.token_hex(3)}"
    password = secrets.token_urlsafe(16)
    stack.manage(
        "shell", "-c",
        "from django.contrib.auth.models import Group, User\n"
        f"user = User.objects.create_user({username!r}, {username + '@example.kg'!r}, {password!r})\n"
        "user.groups.add(Group.objects.get(name='Moderators'))\n",
    )
    session = stack.session()
    login = session.get(stack.url + "/admin/login/", timeout=30)
    response = session.post(
        stack.url + "/admin/login/",
        data={"csrfmiddlewaretoken": csrf_token(login.text), "username": username, "password": password, "next": "/admin/"},
        headers={"Referer": stack.url + "/admin/login/"}, timeout=30, allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    session.username = username
    return session


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def jpeg(width=640, height=480):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 60)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def share(stack, session, title, text, email, language="ky"):
    """Send the public share form with a photo, as a reader's browser does; return the final response."""
    form_url = f"{stack.url}/{language}/share/"
    form = session.get(form_url, timeout=30)
    assert form.status_code == 200
    html = form.text
    municipality = re.search(r'<select[^>]*name="municipality".*?<option value="(\d+)"', html, re.S).group(1)
    started = re.search(r'name="started"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="started"', html
    )
    # People take more than the form's minimum time to fill it in.
    time.sleep(5.5)
    began = time.monotonic()
    response = session.post(
        form_url,
        data={
            "csrfmiddlewaretoken": csrf_token(html), "started": started.group(1), "hp_comment": "",
            "title": title, "municipality": municipality, "what_was_done": text,
            "contact_name": "Айгүл Сыдыкова", "contact_email": email,
        },
        files={"photos": ("сүрөт.jpg", jpeg(), "image/jpeg")},
        headers={"Referer": form_url}, timeout=60, allow_redirects=False,
    )
    elapsed = time.monotonic() - began
    assert response.status_code == 302, response.text[:3000]
    received = session.get(urljoin(form_url, response.headers["Location"]), timeout=30)
    assert received.status_code == 200
    return received, elapsed


def draft_of(stack, title):
    """(page id, whether its moderation started) for the draft made from the share titled `title`."""
    rows = stack.query(
        "SELECT p.id, EXISTS (SELECT 1 FROM wagtailcore_workflowstate w WHERE w.base_content_type_id IS NOT NULL "
        "AND w.object_id = p.id::text AND w.status = 'in_progress') FROM wagtailcore_page p WHERE p.title = %s",
        title,
    )
    return rows[0] if rows else None


def approve(stack, moderator, page_id):
    """The moderator approves the draft's moderation task over HTTPS; the practice goes live."""
    [[task_state]] = stack.query(
        "SELECT t.id FROM wagtailcore_taskstate t JOIN wagtailcore_workflowstate w ON t.workflow_state_id = w.id "
        "WHERE w.object_id = %s AND w.status = 'in_progress' AND t.status = 'in_progress'",
        str(page_id),
    )
    url = f"{stack.url}/admin/pages/workflow/action/{page_id}/approve/{task_state}/"
    page = moderator.get(f"{stack.url}/admin/pages/{page_id}/edit/", timeout=30)
    assert page.status_code == 200
    response = moderator.post(
        url, data={"csrfmiddlewaretoken": csrf_token(page.text), "comment": ""},
        headers={"Referer": f"{stack.url}/admin/pages/{page_id}/edit/"}, timeout=60, allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    live = stack.query("SELECT live, url_path FROM wagtailcore_page WHERE id = %s", page_id)[0]
    assert live[0], f"the approved practice is not live: {response.headers.get('Location')}"


class Readers:
    """Readers browsing public pages and searching all the while, counting every answer."""

    PATHS = ("/ky/", "/ru/", "/en/", "/ky/practices/", "/ru/practices/", "/ky/search/?q=%D0%B1%D0%B0%D0%BB%D0%B0",
             "/ru/search/?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0", "/en/search/?q=water", "/healthz")

    def __init__(self, stack, extra_paths=()):
        self.stack = stack
        self.paths = list(self.PATHS) + list(extra_paths)
        self.answers = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        session = self.stack.session("127.0.0.2")
        while not self._stop.is_set():
            for path in self.paths:
                began = time.monotonic()
                try:
                    status = session.get(self.stack.url + path, timeout=30, allow_redirects=False).status_code
                except requests.RequestException as error:
                    status = f"no answer: {error}"
                self.answers.append((path, status, time.monotonic() - began))
                if self._stop.wait(0.1):
                    return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(60)

    def failures(self):
        """Answers a reader would see as the site failing: 5xx or none at all (a 503 from /healthz is its job)."""
        return [
            (path, status) for path, status, _ in self.answers
            if not isinstance(status, int) or (status >= 500 and path != "/healthz")
        ]

    def slowest(self):
        return max((elapsed for _, _, elapsed in self.answers), default=0)


@pytest.fixture
def readers(stack):
    return lambda *paths: Readers(stack, paths)


def signal_process(pid, sig):
    os.kill(pid, sig)


SIGSTOP, SIGCONT, SIGKILL = signal.SIGSTOP, signal.SIGCONT, signal.SIGKILL
