"""What one page load costs a reader on a phone: bytes over the network and time to see the content.

Shared by the page-weight test and the slow-network benchmark (tests/browser/benchmark.py).
Bytes are counted by Chromium (DevTools protocol), headers included, with the cache off.
"""

import base64
import gzip
from dataclasses import dataclass, field

# WebPageTest's "3G Slow" profile: 400 ms round trip, 400 kbit/s each way.
SLOW_3G = {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
# Chrome DevTools' "Slow 3G" preset, harsher: 2 s before the first byte of every response.
DEVTOOLS_SLOW_3G = {"latency": 2000, "downloadThroughput": 500_000 / 8 * 0.8, "uploadThroughput": 500_000 / 8 * 0.8}
NETWORKS = {"slow-3g": SLOW_3G, "devtools-slow-3g": DEVTOOLS_SLOW_3G}

_TIMINGS = """async () => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const paints = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
  const largest = await new Promise(resolve => {
    new PerformanceObserver(list => { const all = list.getEntries(); resolve(all[all.length - 1]); })
      .observe({type: 'largest-contentful-paint', buffered: true});
    setTimeout(() => resolve(null), 2000);
  });
  const element = largest && largest.element;
  return {
    firstPaint: paints['first-contentful-paint'] ?? null,
    mainContent: largest ? largest.startTime : null,
    mainElement: element ? element.tagName.toLowerCase() + (element.className ? '.' + element.className : '') : null,
    mainElementInMain: element ? Boolean(element.closest('main')) : false,
    domReady: navigation.domContentLoadedEventEnd,
    loaded: navigation.loadEventEnd,
  };
}"""


@dataclass
class PageLoad:
    url: str
    bytes_by_type: dict = field(default_factory=dict)
    gzip_bytes_before_images: int = 0
    requests: int = 0
    first_paint_ms: float | None = None
    main_content_ms: float | None = None
    main_element: str | None = None
    main_element_in_main: bool = False
    dom_ready_ms: float = 0
    loaded_ms: float = 0

    @property
    def bytes_before_images(self):
        return sum(size for kind, size in self.bytes_by_type.items() if kind != "Image")

    @property
    def image_bytes(self):
        return self.bytes_by_type.get("Image", 0)


def load_page(context, url, network=None, compressed_sizes=False):
    """Open `url` in a fresh page of `context`, with the cache off and optionally throttled."""
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network:
        session.send("Network.emulateNetworkConditions", {"offline": False, **network})
    kinds, sizes = {}, {}
    session.on("Network.responseReceived", lambda event: kinds.__setitem__(event["requestId"], event["type"]))
    session.on(
        "Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"])
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    timings = page.evaluate(_TIMINGS)
    result = PageLoad(
        url=url,
        requests=len(sizes),
        first_paint_ms=timings["firstPaint"],
        main_content_ms=timings["mainContent"],
        main_element=timings["mainElement"],
        main_element_in_main=timings["mainElementInMain"],
        dom_ready_ms=timings["domReady"],
        loaded_ms=timings["loaded"],
    )
    for request_id, size in sizes.items():
        kind = kinds.get(request_id, "Other")
        result.bytes_by_type[kind] = result.bytes_by_type.get(kind, 0) + int(size)
        if compressed_sizes and kind != "Image":
            result.gzip_bytes_before_images += _gzip_size(session, request_id)
    session.detach()
    page.close()
    return result


def _gzip_size(session, request_id):
    # What the same text would weigh if the web server compressed it.
    body = session.send("Network.getResponseBody", {"requestId": request_id})
    data = base64.b64decode(body["body"]) if body.get("base64Encoded") else body["body"].encode()
    return len(gzip.compress(data, compresslevel=6))


def median_load(loads):
    """The run with the median time to main content, so its figures belong together."""
    ordered = sorted(loads, key=lambda load: load.main_content_ms or 0)
    return ordered[len(ordered) // 2]
