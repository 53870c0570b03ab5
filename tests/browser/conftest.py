"""Headless Chromium against the portal with its demo content, on a phone and a desktop screen.

Chromium is Debian's package (PORTAL_CHROMIUM, else whatever scripts/chromium.sh
--find finds); Playwright never downloads a browser. Without Chromium a
developer's run skips these tests with one line; CI (CI=true) fails instead, and
so does any Chromium that is installed but cannot start.

The site runs in a process of its own (tests/browser/server.py) on a database of
its own, loaded once per session. axe-core comes from the npm registry, pinned
in package-lock.json, and is installed with `npm ci` on first use.
"""

import hashlib
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser import server
from tests.browser.helpers import sign_in_to_admin

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SERVER_START_TIMEOUT = 900

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}

_CHROMIUM = pytest.StashKey[tuple]()
_SERVER = pytest.StashKey[object]()
_RESULT = pytest.StashKey[dict]()


def in_ci():
    return os.environ.get("CI", "").lower() in ("true", "1")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in headless Chromium against a live portal")
    # The server process creates the admin account with this password.
    os.environ.setdefault(server.EDITOR_PASSWORD_VARIABLE, secrets.token_urlsafe(16))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Kept so a failing test can leave a screenshot of what the browser showed.
    report = yield
    item.stash.setdefault(_RESULT, {})[report.when] = report
    return report


def pytest_collection_finish(session):
    # The demo content takes a minute or two to load; loading it while the
    # rest of the suite runs (the browser tests come last) saves that wait.
    config = session.config
    if config.option.collectonly or os.environ.get("PORTAL_BROWSER_URL") or not any(
        item.get_closest_marker("browser") for item in session.items
    ):
        return
    if _CHROMIUM not in config.stash:
        config.stash[_CHROMIUM] = _find_chromium()
    if config.stash[_CHROMIUM][0] == "found":
        process = server.launch(_artifacts_path() / "server.log")
        config.stash[_SERVER] = process
        config.add_cleanup(lambda: server.stop(process))


def _missing(reason):
    if in_ci():
        pytest.fail(f"{reason}; CI never skips the browser tests.", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}")


def _find_chromium():
    path = os.environ.get("PORTAL_CHROMIUM")
    if path:
        return ("found", path) if os.access(path, os.X_OK) else (
            "missing", f"PORTAL_CHROMIUM={path} is not an executable"
        )
    found = subprocess.run(
        [str(ROOT / "scripts" / "chromium.sh"), "--find"], capture_output=True, text=True, timeout=180
    )
    if found.returncode == 0:
        return "found", found.stdout.strip().splitlines()[-1]
    reason = (found.stderr.strip().splitlines() or ["no Chromium found"])[-1]
    return "missing", reason.removeprefix("chromium.sh: ")


@pytest.fixture(scope="session")
def chromium_path(pytestconfig):
    if _CHROMIUM not in pytestconfig.stash:
        pytestconfig.stash[_CHROMIUM] = _find_chromium()
    outcome, detail = pytestconfig.stash[_CHROMIUM]
    if outcome == "missing":
        _missing(f"{detail} (run scripts/chromium.sh, or set PORTAL_CHROMIUM)")
    return detail


@pytest.fixture(scope="session")
def artifacts_dir():
    """Screenshots and the server's log; CI keeps this folder."""
    path = _artifacts_path()
    for stale in path.glob("failed-*.png"):
        stale.unlink()
    return path


def _artifacts_path():
    path = Path(os.environ.get("PORTAL_BROWSER_ARTIFACTS", ROOT / "browser-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def playwright_driver(chromium_path):
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright_driver, chromium_path):
    try:
        chromium = playwright_driver.chromium.launch(executable_path=chromium_path)
    except Exception as error:  # Playwright raises its own Error with the browser's output
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        pytest.fail(f"Chromium at {chromium_path} did not start: {first_line}", pytrace=False)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def portal_url(pytestconfig, chromium_path, artifacts_dir):
    """The demo portal on loopback, started once per session (about a minute of loading).

    PORTAL_BROWSER_URL points the tests at a server already running
    (`python -m tests.browser.server --port 8765`), to skip the loading while
    writing tests; start it with the same PORTAL_BROWSER_EDITOR_PASSWORD.
    """
    if os.environ.get("PORTAL_BROWSER_URL"):
        yield os.environ["PORTAL_BROWSER_URL"].rstrip("/")
        return
    log_path = artifacts_dir / "server.log"
    process = pytestconfig.stash.get(_SERVER, None) or server.launch(log_path)
    try:
        url = server.wait_until_ready(process, log_path, SERVER_START_TIMEOUT)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    yield url
    server.stop(process)


def _lock_digest():
    return hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def axe_script():
    """Path of axe.min.js, installed from the npm registry as package-lock.json pins it."""
    script = HERE / "node_modules" / "axe-core" / "axe.min.js"
    stamp = HERE / "node_modules" / ".portal-lock-digest"
    if script.exists() and stamp.exists() and stamp.read_text() == _lock_digest():
        return script
    npm = shutil.which("npm")
    if npm is None:
        _missing("npm is not installed, so axe-core cannot be installed")
    installed = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE, capture_output=True, text=True, timeout=600,
    )
    if installed.returncode != 0 or not script.exists():
        output = (installed.stderr or installed.stdout).strip().splitlines()[-10:]
        pytest.fail("npm ci for axe-core failed:\n" + "\n".join(output), pytrace=False)
    stamp.write_text(_lock_digest())
    return script


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def screen(request):
    return request.param


@pytest.fixture
def new_context(browser, portal_url):
    """Open a browser context on the portal; keyword arguments go to Playwright."""
    contexts = []

    def open_context(screen="desktop", **options):
        context = browser.new_context(base_url=portal_url, **SCREENS[screen], **options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(request, new_context, screen, artifacts_dir):
    """A page at the screen size this test runs at (phone 360×740, or desktop)."""
    browser_page = new_context(screen).new_page()
    yield browser_page
    result = request.node.stash.get(_RESULT, {})
    if "call" in result and result["call"].failed and not browser_page.is_closed():
        browser_page.screenshot(path=artifacts_dir / f"failed-{slug(request.node.name)}.png", full_page=True)


def slug(text):
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


@pytest.fixture
def screenshot(artifacts_dir, screen):
    """Save a full-page screenshot as browser-artifacts/<screen>-<name>.png."""

    def take(browser_page, name):
        path = artifacts_dir / f"{screen}-{name}.png"
        browser_page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def editor_page(new_context):
    """A desktop page logged in to the Wagtail admin as a superuser."""
    return sign_in_to_admin(new_context("desktop").new_page(), server.EDITOR_USERNAME)
