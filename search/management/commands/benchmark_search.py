"""Search latency on a generated corpus: a benchmark that prints figures, not a test.

Run it against a throw-away database, never the portal's own:

    scripts/benchmark-search.sh 10000        # SQLite
    scripts/benchmark-search.sh 100000 pg    # a throw-away PostgreSQL

It builds documents from the sentences of the demo practices and the seed
articles (a small vocabulary, so a typical word sits in many documents: a
dense, worst-ish case), indexes them with the chosen engine and times
queries of each kind.
"""

import json
import random
import re
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.analysis import analyze_query
from search.documents import SearchDocument
from search.engines import get_engine
from search.engines.base import SearchQuery

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


def sentences():
    """Sentences from the demo practices (in the repository) and the seeds, when present."""
    found = []
    demo = Path(settings.BASE_DIR) / "portal" / "demo" / "data"
    for path in demo.rglob("*.json"):
        for record in json.loads(path.read_text("utf-8")).get("practices", []):
            for key in ("title", "summary", "problem", "results"):
                found.extend(re.split(r"(?<=[.!?])\s+", record.get(key) or ""))
    seeds = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        found.extend(re.split(r"(?<=[.!?])\s+", path.read_text("utf-8")))
    return [s.strip() for s in found if len(s.split()) >= 4]


def generated_documents(count, rng, pool):
    for number in range(count):
        body = " ".join(rng.choices(pool, k=12))
        start = rng.randint(2008, 2025)
        yield SearchDocument(
            page_id=10_000_000 + number, translation_key=f"bench-{number}", language="ky",
            title=rng.choice(pool)[:120], summary=" ".join(rng.choices(pool, k=2))[:400], body=body,
            places="", keywords="", oblasts=(rng.choice(OBLASTS),),
            services=tuple(rng.sample(SERVICES, k=2)), status="running",
            years=tuple(range(start, min(start + 3, 2026))),
        )


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Generate a corpus, index it with an engine and print p50/p95 search latency."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=10_000)
        parser.add_argument("--engine", help="engine module, default from settings")
        parser.add_argument("--repeat", type=int, default=5, help="runs of every query")
        parser.add_argument("--keep", action="store_true", help="keep an index already built")
        parser.add_argument("--i-know-this-empties-the-index", action="store_true", dest="confirmed")

    def handle(self, *args, **options):
        if not options["confirmed"]:
            raise CommandError("This empties the search index; use scripts/benchmark-search.sh.")
        engine = get_engine(options["engine"])
        rng = random.Random(20191119)
        pool = sentences()
        if not pool:
            raise CommandError("No sentences found to build documents from.")
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
                filters = {"oblast": "naryn"} if kind == "with oblast filter" else {}
                query = SearchQuery(text=text[:200], analyzed=analyze_query(text[:200], "ky"),
                                    language="ky", filters=filters)
                engine.search(query)  # warm caches once, as a running server would have
                for _ in range(options["repeat"]):
                    started = time.perf_counter()
                    results = engine.search(query)
                    times.append((time.perf_counter() - started) * 1000)
                totals.append(results.total)
            all_times.extend(times)
            self.stdout.write(
                f"{kind:20} p50 {statistics.median(times):7.1f} ms  p95 {percentile(times, 0.95):7.1f} ms"
                f"  hits {min(totals)}–{max(totals)}"
            )
        self.stdout.write(
            f"{'all queries':20} p50 {statistics.median(all_times):7.1f} ms  "
            f"p95 {percentile(all_times, 0.95):7.1f} ms  ({engine.name}, {options['documents']} documents)"
        )
