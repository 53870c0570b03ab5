"""Search latency on a generated corpus: a benchmark that prints figures, not a test.

Run it against a throw-away database, never the portal's own:

    scripts/benchmark-search.sh 10000                  # SQLite
    scripts/benchmark-search.sh 100000 pg              # a throw-away PostgreSQL
    scripts/benchmark-search.sh 10000 sqlite wagtail   # Wagtail's own search, the baseline

It builds documents from the sentences of the demo practices (a small
vocabulary, so a typical word sits in many documents: a dense, worst-ish
case), as the versions of cases in the languages the demo practices have
(most in Kyrgyz and Russian, some also in English), indexes them with the
chosen engine and times queries of each kind.

With `--engine wagtail` the same documents become live practice pages and
Wagtail's built-in search (the default of WAGTAILSEARCH_BACKENDS) answers the
queries the way a results page would ask: the first ten pages and the total.
"""

import json
import math
import random
import re
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import format_html
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from benchmarks.relevance.wagtail_baseline import STOCK_BACKEND, index_as_shipped
from portal.site_structure import ensure_site_structure
from practices.collation import fold_for_matching, sort_key
from practices.models import (
    Oblast,
    PracticeIndexPage,
    PracticeLocation,
    PracticePage,
    ServiceType,
)
from search.documents import SearchDocument
from search.engines import get_engine
from search.engines.base import EngineUnavailable, SearchQuery
from search.query import analyzed_text

WAGTAIL = "wagtail"
OBLASTS = ["batken", "jalal-abad", "issyk-kul", "naryn", "osh", "talas", "chui", "bishkek", "osh-city"]
SERVICES = [
    "social-services", "preschool-education", "inclusive-education", "water-supply", "solid-waste",
    "roads-lighting", "culture-sport-youth", "citizen-participation", "municipal-finance",
    "local-economic-development", "pastures-agriculture", "emergencies", "municipal-hr",
]
QUERIES = {
    "one word": ["бала", "мектеп", "суу", "бюджет", "жаштар", "аймак", "долбоор", "заказ"],
    "inflected": ["балдарга", "мектептерде", "бакчаларга", "аймактарда", "кызматтарды", "облустарда"],
    "two or three words": ["бала бакча", "социалдык заказ", "ичүүчү суу", "жергиликтүү бюджет",
                           "балдар үчүн бала бакча", "таза суу түтүгү"],
    "russian": ["детский сад", "питьевая вода", "местный бюджет", "социальный заказ"],
    "with oblast filter": ["бала", "суу", "бюджет"],
    "zero hits": ["космодром", "квантовый", "zzzqx"],
    "long paste": ["Жергиликтүү өз алдынча башкаруу органдары калкка баарынан да жакын турат жана "
                   "жарандардын бардык топторунун муктаждыктары тууралуу баарынан да жакшы билишет " * 8],
}
FILTER_OBLAST = "naryn"
# Benchmark pages are told apart from real ones by their slugs, made of the documents' ids.
BENCHMARK_SLUG = r"^bench-[0-9]+$"


def sentences():
    """Sentences from the demo practices in the repository by language, in a fixed order for a fixed corpus."""
    found = {}
    demo = Path(settings.BASE_DIR) / "portal" / "demo" / "data"
    for path in sorted(demo.rglob("*.json")):
        for record in json.loads(path.read_text("utf-8")).get("practices", []):
            texts = found.setdefault(record.get("language") or "ky", [])
            for key in ("title", "summary", "problem", "results"):
                texts.extend(re.split(r"(?<=[.!?])\s+", record.get(key) or ""))
    return {
        language: [s.strip() for s in texts if len(s.split()) >= 4] for language, texts in sorted(found.items())
    }


# Generated documents' ids start here, far above a real page's.
FIRST_ID = 10_000_000
# How the demo practices are written: most in Kyrgyz and Russian, some in English as well,
# a few in one language only.
CASE_LANGUAGES = ((("ky", "ru"), 38), (("ky", "ru", "en"), 8), (("ky",), 4), (("ru",), 3))


def generated_documents(count, rng, pool):
    """`count` documents: the language versions of generated cases, as the demo practices have them.

    A version is written in its own language only: a Kyrgyz document made of
    Russian sentences would hold Russian words no Kyrgyz page has, and a
    reader's query would meet them through the lexicon as if they were. The
    versions of a case share its place, services and years, as translations
    do, and are one case in the results; their sentences are drawn each
    from its language, not translated.
    """
    patterns = [(languages, weight) for languages, weight in CASE_LANGUAGES if all(pool.get(x) for x in languages)]
    if not patterns:
        patterns = [((language,), len(texts)) for language, texts in sorted(pool.items()) if texts]
    number = case = 0
    while number < count:
        languages = rng.choices([p[0] for p in patterns], [p[1] for p in patterns])[0]
        start = rng.randint(2008, 2025)
        oblasts, services = (rng.choice(OBLASTS),), tuple(rng.sample(SERVICES, k=2))
        for language in languages[: count - number]:
            texts = pool[language]
            yield SearchDocument(
                page_id=FIRST_ID + number, translation_key=f"bench-{case}", language=language,
                title=rng.choice(texts)[:120], summary=" ".join(rng.choices(texts, k=2))[:400],
                body=" ".join(rng.choices(texts, k=12)), places="", keywords="", oblasts=oblasts,
                services=services, status="running", years=tuple(range(start, min(start + 3, 2026))),
            )
            number += 1
        case += 1


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class QueryTimeout(Exception):
    """The database abandoned a query at its deadline."""


class Abandoned(float):
    """The time counted for a query abandoned at its deadline: a lower bound, not a measurement."""


@contextmanager
def deadline(seconds):
    """Let the database work inside run for `seconds` at most, then raise QueryTimeout.

    Wagtail's search cannot be cancelled from Python, so the database stops
    it: SQLite calls a progress handler every thousand virtual machine steps
    and abandons the statement when it answers true; PostgreSQL gets what is
    left of the time as each statement's timeout, local to a transaction.
    """
    end = time.monotonic() + seconds
    connection.ensure_connection()
    try:
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(lambda: time.monotonic() > end, 1000)
            try:
                yield
            finally:
                connection.connection.set_progress_handler(None, 0)
        elif connection.vendor == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SHOW statement_timeout")
                    before = cursor.fetchone()[0]

                def limit(execute, sql, params, many, context):
                    left = max(1, math.ceil((end - time.monotonic()) * 1000))
                    # The raw cursor, so this statement does not come back through this wrapper.
                    context["cursor"].cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)", [f"{left}ms"]
                    )
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(limit):
                    yield
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
        else:
            yield
    # With DEBUG, Django quotes the parameters of a failed query with another
    # SQLite query; past the deadline that one is stopped too, and its error
    # is the driver's own, not Django's.
    except (OperationalError, connection.Database.OperationalError):
        if time.monotonic() < end:
            raise
        raise QueryTimeout from None


def benchmark_index():
    """The Kyrgyz practice list, creating the site's page tree in an empty database."""
    home = ensure_site_structure()
    return PracticeIndexPage.objects.child_of(home).get()


def create_pages(parent, documents):
    """Live practice pages under `parent` with the documents' text, in a few bulk inserts.

    Rows are written as publishing would leave them (live, published dates,
    location, service types) but without revisions, log entries or reference
    index rows, none of which search reads; through add_child and publish a
    page costs tens of milliseconds. Wagtail's search index does not see
    these rows until update_index runs.
    """
    last = parent.get_last_child()
    first_step = last._get_lastpos_in_path() + 1 if last else 1
    depth = parent.depth + 1
    now = timezone.now()
    pages, places, services = [], [], []
    for step, document in enumerate(documents, start=first_step):
        # A case's versions share a translation key; the tree needs a slug per page.
        slug = f"bench-{document.page_id - FIRST_ID}"
        page = PracticePage(
            title=document.title, draft_title=document.title, slug=slug, locale_id=parent.locale_id,
            path=PracticePage._get_path(parent.path, depth, step), depth=depth, numchild=0,
            url_path=f"{parent.url_path}{slug}/", live=True, has_unpublished_changes=False,
            first_published_at=now, last_published_at=now,
            summary=document.summary, problem=format_html("<p>{}</p>", document.body),
            status=document.status, start_year=document.years[0], end_year=document.years[-1],
        )
        # What PracticePage.save would have set.
        page.title_sort_key = sort_key(page.title)[:510]
        page.filter_text = fold_for_matching(f"{page.title} {page.summary}")
        pages.append(page)
        places.append(document.oblasts[0])
        services.append(document.services)

    page_fields = [field.attname for field in Page._meta.concrete_fields]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages], batch_size=500
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        # Only the practice table: the page row is there. Raw, as when loading a
        # fixture, so no signal handler indexes page by page.
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))

    oblast_ids = dict(Oblast.objects.values_list("slug", "pk"))
    PracticeLocation.objects.bulk_create(
        [PracticeLocation(page_id=page.pk, oblast_id=oblast_ids[slug], sort_order=0)
         for page, slug in zip(pages, places, strict=True)],
        batch_size=1000,
    )
    field = PracticePage._meta.get_field("service_types")
    through = field.remote_field.through
    service_ids = dict(ServiceType.objects.values_list("slug", "pk"))
    through.objects.bulk_create(
        [through(**{f"{field.m2m_field_name()}_id": page.pk,
                    f"{field.m2m_reverse_field_name()}_id": service_ids[slug]})
         for page, slugs in zip(pages, services, strict=True) for slug in slugs],
        batch_size=1000,
    )
    return pages


class Command(BaseCommand):
    help = "Generate a corpus, index it with an engine and print p50/p95 search latency."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=10_000)
        parser.add_argument(
            "--engine",
            help=f"engine module, default from settings; '{WAGTAIL}' for Wagtail's built-in search",
        )
        parser.add_argument(
            "--repeat", type=int,
            help="runs of every query (default 5, after one warm-up run; 1 and no warm-up for wagtail)",
        )
        parser.add_argument(
            "--timeout", type=float, default=30.0,
            help="seconds after which a wagtail query is abandoned and counted as taking this long",
        )
        parser.add_argument("--keep", action="store_true", help="keep an index already built")
        parser.add_argument("--i-know-this-empties-the-index", action="store_true", dest="confirmed")

    def handle(self, *args, **options):
        if not options["confirmed"]:
            raise CommandError("This empties the search index; use scripts/benchmark-search.sh.")
        rng = random.Random(20191119)
        pool = sentences()
        if not any(pool.values()):
            raise CommandError("No sentences found to build documents from.")
        if options["engine"] == WAGTAIL:
            self.benchmark_wagtail(options, rng, pool)
        else:
            self.benchmark_engine(options, rng, pool)

    def benchmark_engine(self, options, rng, pool):
        engine = get_engine(options["engine"])
        repeat = 5 if options["repeat"] is None else options["repeat"]
        if not options["keep"]:
            engine.reset()
            started = time.monotonic()
            batch = []
            for document in generated_documents(options["documents"], rng, pool):
                batch.append(document)
                if len(batch) == 1000:
                    engine.index(batch)
                    batch = []
            engine.index(batch)
            self.stdout.write(
                f"Indexed {options['documents']} documents with {engine.name} in "
                f"{time.monotonic() - started:.1f} s"
            )
        all_times = []
        for kind, texts in QUERIES.items():
            times, totals = [], []
            for text in texts:
                filters = {"oblast": FILTER_OBLAST} if kind == "with oblast filter" else {}
                # Analysed as a reader's query is, with the synonyms and the lexicon.
                query = SearchQuery(text=text[:200], analyzed=analyzed_text(text[:200], "ky"),
                                    language="ky", filters=filters)
                self.warm_up(engine, query)
                for _ in range(repeat):
                    started = time.perf_counter()
                    results = engine.search(query)
                    times.append((time.perf_counter() - started) * 1000)
                totals.append(results.total)
            all_times.extend(times)
            self.report(kind, times, totals)
        self.report("all queries", all_times, None,
                    f"({engine.name}, {options['documents']} documents)")

    def benchmark_wagtail(self, options, rng, pool):
        repeat = 1 if options["repeat"] is None else options["repeat"]
        timeout = options["timeout"]
        index = benchmark_index()
        existing = PracticePage.objects.child_of(index).filter(slug__regex=BENCHMARK_SLUG)
        if options["keep"]:
            documents = existing.count()
        else:
            started = time.monotonic()
            with transaction.atomic():
                existing.delete()
            if time.monotonic() - started > 1:
                self.stdout.write(f"Deleted earlier benchmark pages in {time.monotonic() - started:.1f} s")
            started = time.monotonic()
            with transaction.atomic():
                documents = len(create_pages(index, generated_documents(options["documents"], rng, pool)))
            created = time.monotonic() - started
            started = time.monotonic()
            index_as_shipped(PracticePage.objects.live())
            self.stdout.write(
                f"Created {documents} live practice pages in {created:.1f} s; "
                f"Wagtail's stock index took {time.monotonic() - started:.1f} s"
            )
        backend = type(get_search_backend(STOCK_BACKEND)).__name__
        self.stdout.write(
            f"Wagtail's search ({backend}): every query run {'once' if repeat == 1 else f'{repeat} times'}, "
            f"no warm-up; first 10 results and the count, abandoned after {timeout:g} s"
        )
        limit_ms = timeout * 1000
        naryn = PracticeLocation.objects.filter(oblast__slug=FILTER_OBLAST).values("page_id")
        all_times, all_timeouts = [], 0
        for kind, texts in QUERIES.items():
            times, totals, timeouts = [], [], 0
            for text in texts:
                pages = PracticePage.objects.live()
                if kind == "with oblast filter":
                    pages = pages.filter(id__in=naryn)
                for _ in range(repeat):
                    started = time.perf_counter()
                    try:
                        with deadline(timeout):
                            results = pages.search(text[:200], backend=STOCK_BACKEND)
                            list(results[:10])
                            total = results.count()
                    except QueryTimeout:
                        times.append(Abandoned(limit_ms))
                        timeouts += 1
                        total = None
                    else:
                        times.append((time.perf_counter() - started) * 1000)
                        totals.append(total)
                    if options["verbosity"] > 1:
                        self.stdout.write(
                            f"  {text[:40]:40} {times[-1]:9.1f} ms  "
                            f"{'timed out' if total is None else f'{total} hits'}"
                        )
            all_times.extend(times)
            all_timeouts += timeouts
            self.report(kind, times, totals, self.timed_out(timeouts, len(times)), bounded=True)
        self.report("all queries", all_times, None,
                    f"(Wagtail, {documents} pages{self.timed_out(all_timeouts, len(all_times), ', ')})",
                    bounded=True)

    @staticmethod
    def timed_out(count, runs, lead=""):
        return f"{lead}{count} of {runs} timed out" if count else ""

    @staticmethod
    def warm_up(engine, query, attempts=5):
        """Run the query once untimed, as a running server would have, to warm caches.

        Right after a bulk load, Elasticsearch may need longer than a reader's
        timeout for its first query while it builds its structures; that is
        not what a reader meets, so retry before timing.
        """
        for attempt in range(attempts):
            try:
                return engine.search(query)
            except EngineUnavailable:
                if attempt == attempts - 1:
                    raise
                time.sleep(2)

    def report(self, label, times, totals, note="", bounded=False):
        # A figure that an abandoned query took part in is only a lower bound.
        ordered = sorted(times)
        middle = ordered[(len(ordered) - 1) // 2: len(ordered) // 2 + 1]
        p50, p95 = statistics.median(times), percentile(times, 0.95)

        def shown(value, samples):
            if not bounded:
                return f"{value:7.1f} ms"
            abandoned = any(isinstance(sample, Abandoned) for sample in samples)
            return f"{'≥' if abandoned else ' '}{value:7.1f} ms"

        hits = ""
        if totals is not None:
            hits = f"  hits {min(totals)}–{max(totals)}" if totals else "  hits ?"
        self.stdout.write(
            f"{label:20} p50 {shown(p50, middle)}  p95 {shown(p95, [p95])}"
            f"{hits}{'  ' + note if note else ''}"
        )
