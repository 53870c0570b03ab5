"""Page weight and time to main content on a phone over slow 3G, printed as figures.

    scripts/benchmark-pages.sh [RUNS]
    python -m tests.browser.benchmark [--runs 3] [--url http://127.0.0.1:8765]

Without --url it starts the demo portal (tests/browser/server.py) and stops it
afterwards. Budgets for the practice page: main content visible within 3 s on
slow 3G, and at most 150 KB over the network before images. These are
measurements, not tests: timings depend on the machine, so only the byte budget
is also checked by the test suite (tests/browser/test_phone.py).
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tests.browser.measure import NETWORKS, load_page, median_load

MAIN_CONTENT_BUDGET_MS = 3000
BYTES_BUDGET = 150 * 1024
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def page_addresses(browser, base_url):
    """The key pages in Kyrgyz; the practice is the real Katran case, found through its landing page."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/ky/practices/municipality/katran/")
    practice = page.locator("article.card h3 a").first.get_attribute("href")
    context.close()
    return {
        "home": "/ky/",
        "practice list": "/ky/practices/",
        "practice": practice,
        "search": "/ky/search/?q=бакчаларга",
    }


def kilobytes(size):
    return f"{size / 1024:.1f} KB"


def seconds(milliseconds):
    return "—" if milliseconds is None else f"{milliseconds / 1000:.2f} s"


def run(browser, base_url, runs):
    addresses = page_addresses(browser, base_url)
    results = {}
    for network_name, network in NETWORKS.items():
        print(f"\n{network_name}: {network['latency']:.0f} ms latency, "
              f"{network['downloadThroughput'] * 8 / 1000:.0f} kbit/s down; 360×740 phone, cache off, "
              f"median of {runs} runs")
        print(f"{'page':<14} {'requests':>8} {'before images':>14} {'gzipped':>9} {'images':>9} "
              f"{'first paint':>12} {'main content':>13} {'load':>8}  largest element")
        for name, path in addresses.items():
            loads = []
            for _ in range(runs):
                context = browser.new_context(base_url=base_url, **PHONE)
                loads.append(load_page(context, base_url + path, network, compressed_sizes=True))
                context.close()
            load = median_load(loads)
            results[(network_name, name)] = load
            print(f"{name:<14} {load.requests:>8} {kilobytes(load.bytes_before_images):>14} "
                  f"{kilobytes(load.gzip_bytes_before_images):>9} {kilobytes(load.image_bytes):>9} "
                  f"{seconds(load.first_paint_ms):>12} {seconds(load.main_content_ms):>13} "
                  f"{seconds(load.loaded_ms):>8}  {load.main_element or '—'}"
                  f"{'' if load.main_element_in_main else ' (outside <main>)'}")
    practice = results[("slow-3g", "practice")]
    time_met = practice.main_content_ms is not None and practice.main_content_ms <= MAIN_CONTENT_BUDGET_MS
    bytes_met = practice.bytes_before_images <= BYTES_BUDGET
    print("\nBudgets for the practice page on slow-3g:")
    print(f"  main content visible: {seconds(practice.main_content_ms)} (budget 3 s) — "
          f"{'met' if time_met else 'NOT MET'}")
    print(f"  transferred before images: {kilobytes(practice.bytes_before_images)} (budget 150 KB) — "
          f"{'met' if bytes_met else 'NOT MET'}")
    return time_met and bytes_met


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", help="a portal already running with the demo content")
    args = parser.parse_args(argv)
    chromium = os.environ.get("PORTAL_CHROMIUM")
    if not chromium:
        sys.exit("Set PORTAL_CHROMIUM to a Chromium executable (scripts/chromium.sh prints one).")

    from playwright.sync_api import sync_playwright

    from tests.browser import server

    process = None
    base_url = args.url
    if not base_url:
        log = Path(tempfile.gettempdir()) / "portal-benchmark-server.log"
        print("Starting the demo portal (loading the demo content takes a minute or two)…", flush=True)
        process, base_url = server.start_in_background(log)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium)
            met = run(browser, base_url.rstrip("/"), args.runs)
            browser.close()
    finally:
        if process:
            server.stop(process)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
