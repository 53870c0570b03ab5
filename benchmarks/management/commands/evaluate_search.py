"""Recall@10 and nDCG@10 on the relevance set, per kind of query, for each engine.

Runs against the current database, which must hold the demo content
(`make run` loads it) with the search index built (`rebuild_search_index`).
Wagtail's built-in search over the same pages is the baseline.
"""

from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from benchmarks.relevance import CUTOFF, load_judgments, ndcg_at, recall_at, unique_in_order
from practices.models import PracticePage
from search.analysis import analyze_query
from search.engines import engine_settings, get_engine
from search.engines.base import EngineUnavailable, SearchQuery

WAGTAIL = "wagtail"


class Command(BaseCommand):
    help = "Score the search engines on the relevance set (recall@10, nDCG@10 per kind of query)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine", action="append",
            help="engine module to score (repeatable); default: the configured engine and Wagtail's",
        )
        parser.add_argument("--verbose", action="store_true", help="print each query's misses")

    def handle(self, *args, **options):
        judgments = load_judgments()
        external_ids = dict(PracticePage.objects.values_list("pk", "external_id"))
        if not any(external_ids.values()):
            raise CommandError("No demo practices here: run `make run` or load_demo_content first.")
        engines = options["engine"] or [engine_settings()["ENGINE"], WAGTAIL]
        for name in engines:
            try:
                ranked = [self.ranked(name, item, external_ids) for item in judgments]
            except EngineUnavailable as error:
                self.stderr.write(f"{name}: unavailable ({error})")
                continue
            self.report(name, judgments, ranked, options["verbose"])

    def ranked(self, name, item, external_ids):
        text, language = item["query"], item["language"]
        if name == WAGTAIL:
            pages = PracticePage.objects.live().search(text)[: CUTOFF * 3]
            return unique_in_order(external_ids.get(page.pk) for page in pages)[:CUTOFF]
        query = SearchQuery(text=text, analyzed=analyze_query(text, language), language=language,
                            per_page=CUTOFF)
        hits = get_engine(name).search(query).hits
        return unique_in_order(external_ids.get(hit.page_id) for hit in hits)[:CUTOFF]

    def report(self, name, judgments, ranked, verbose):
        by_kind = defaultdict(list)
        for item, found in zip(judgments, ranked, strict=True):
            scores = (recall_at(found, item["relevant"]), ndcg_at(found, item["relevant"]))
            by_kind[item["kind"]].append(scores)
            if verbose and scores[0] < 1:
                missing = sorted(set(item["relevant"]) - set(found))
                self.stdout.write(f"  {name}: «{item['query']}» misses {', '.join(missing)}")
        self.stdout.write(f"\n{name}")
        self.stdout.write(f"  {'kind':16} {'queries':>7} {'recall@10':>10} {'nDCG@10':>8}")
        by_kind["all"] = [score for scores in list(by_kind.values()) for score in scores]
        for kind, scores in by_kind.items():
            recall = sum(s[0] for s in scores) / len(scores)
            ndcg = sum(s[1] for s in scores) / len(scores)
            self.stdout.write(f"  {kind:16} {len(scores):7d} {recall:10.2f} {ndcg:8.2f}")
