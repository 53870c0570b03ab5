"""Recall@10 and nDCG@10 on the relevance set, per kind of query, for each engine.

Runs against the current database, which must hold the demo content
(`make run` loads it) with the search index built (`rebuild_search_index`).
Wagtail's built-in search over the same pages, as it ships, is the baseline.
"""

from collections import defaultdict
from contextlib import nullcontext
from itertools import combinations

from django.core.management.base import BaseCommand, CommandError

from benchmarks.relevance import AGREEMENT, agree, load_judgments, ndcg_at, recall_at
from benchmarks.relevance.ranking import WAGTAIL, ranked_cases
from benchmarks.relevance.wagtail_baseline import stock_wagtail_search
from practices.models import PracticePage
from search.engines import engine_settings
from search.engines.base import EngineUnavailable


class Command(BaseCommand):
    help = (
        "Score the search engines on the relevance set: recall@10 and nDCG@10 per kind of query, "
        "the queries each engine misses a relevant practice on, and how often two engines agree "
        f"(their top-10 sets of practices have a Jaccard similarity of at least {AGREEMENT:g}). "
        "Queries with filters are searched inside them."
    )

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
        results = {}
        for name in engines:
            try:
                with stock_wagtail_search() if name == WAGTAIL else nullcontext():
                    results[name] = [ranked_cases(name, item, external_ids) for item in judgments]
            except EngineUnavailable as error:
                self.stderr.write(f"{name}: unavailable ({error})")
                continue
            self.report(name, judgments, results[name], options["verbose"])
        # Wagtail is the baseline, not an engine the portal could switch to.
        portal_engines = [name for name in results if name != WAGTAIL]
        for first, second in combinations(portal_engines, 2):
            self.report_agreement(first, second, judgments, results[first], results[second])

    def report(self, name, judgments, ranked, verbose):
        by_kind = defaultdict(list)
        missed = []
        for item, found in zip(judgments, ranked, strict=True):
            scores = (recall_at(found, item["relevant"]), ndcg_at(found, item["relevant"]))
            by_kind[item["kind"]].append(scores)
            if scores[0] < 1:
                missed.append(item["query"])
                if verbose:
                    missing = sorted(set(item["relevant"]) - set(found))
                    self.stdout.write(f"  {name}: «{item['query']}» misses {', '.join(missing)}")
        self.stdout.write(f"\n{name}")
        self.stdout.write(f"  {'kind':28} {'queries':>7} {'recall@10':>10} {'nDCG@10':>8}")
        by_kind["all"] = [score for scores in list(by_kind.values()) for score in scores]
        for kind, scores in by_kind.items():
            recall = sum(s[0] for s in scores) / len(scores)
            ndcg = sum(s[1] for s in scores) / len(scores)
            self.stdout.write(f"  {kind:28} {len(scores):7d} {recall:10.2f} {ndcg:8.2f}")
        if name == WAGTAIL:
            self.stdout.write(f"  recall@10 < 1 on {len(missed)} of {len(judgments)} queries")
        else:
            listed = ", ".join(f"«{query}»" for query in missed) or "none"
            self.stdout.write(f"  recall@10 < 1 on {len(missed)} of {len(judgments)} queries: {listed}")

    def report_agreement(self, first, second, judgments, first_ranked, second_ranked):
        differ = [item["query"] for item, a, b in zip(judgments, first_ranked, second_ranked, strict=True)
                  if not agree(a, b)]
        agreed = len(judgments) - len(differ)
        self.stdout.write(
            f"\n{first} and {second} agree on {agreed} of {len(judgments)} queries "
            f"({agreed / len(judgments):.0%}; top-10 Jaccard ≥ {AGREEMENT:g})"
        )
        if differ:
            self.stdout.write(f"  they differ on: {', '.join(f'«{query}»' for query in differ)}")
