"""Build the domain lexicon's data file, `search/analysis/data/lexicon.json`.

    python -m search.tools.build_lexicon            # write the file
    python -m search.tools.build_lexicon --check    # exit 1 if the file is out of step
    python -m search.tools.build_lexicon --propose  # print word pairs aligned in the demo cases

The file holds four kinds of rows:
- «reference»: made here from the reference data's three names of every oblast,
  rayon, municipality, service type, group served and funding mechanism. For places
  there is also a row of the bare names (Жалал-Абад ↔ Джалал-Абад, Джалал-Абадская ↔
  Jalal-Abad), as text names a place without its kind as often as with it. Rewritten
  on every run, so a renamed unit is renamed here too;
- «glossary»: the glossary of the portal's domain notes, kept as written;
- «demo»: words of the translated demo cases, chosen by hand from what `--propose`
  aligns. Kept as written, except `cases`: every run lists again the demo cases whose
  Kyrgyz and Russian versions hold the row's words, and a row found in none is an error.
- «domain»: the general vocabulary of local self-government and municipal services
  (депутат, жумушчу топ ↔ рабочая группа ↔ working group), written by hand for cases
  that exist in one language only and so have no translation to align. Kept as written.

`--propose` pairs each Kyrgyz stem with the Russian stem that occurs in the most
nearly the same cases (Dice coefficient over the cases' Kyrgyz and Russian versions,
each the other's best partner). It proposes; a person picks the pairs and writes
their dictionary forms in the file.
"""

import argparse
import collections
import json
import sys
from pathlib import Path

from search.analysis import analyze
from search.analysis.lexicon import LANGUAGES, TABLE
from search.analysis.synonyms import expression_analyses

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DATA = ROOT / "practices" / "reference_data"
DEMO_DATA = ROOT / "portal" / "demo" / "data"
ABOUT = (
    "The bilingual domain lexicon (search/analysis/lexicon.py): each row is a set of expressions "
    "in Kyrgyz, Russian and English that translate each other. A query word gets the other "
    "expressions of its rows as alternatives weighted below the reader's own words. `kind` says "
    "where a row comes from: «reference» rows are made from practices/reference_data by "
    "search/tools/build_lexicon.py and must not be edited here; «glossary» rows come from the "
    "glossary of the portal's domain notes (PORTAL.md); «demo» rows are words aligned in the "
    "translated demo cases (portal/demo/data), and `cases` lists the cases holding them, "
    "refreshed by the same tool; «domain» rows are the general vocabulary of local "
    "self-government, public administration and municipal services (bodies and roles, acts, "
    "processes, the social sphere, infrastructure, economy), for texts written in one language "
    "only: unambiguous nouns and set phrases in base forms, none whose stem is also a common "
    "unrelated word's."
)
VOCABULARIES = ("service_types", "beneficiary_groups", "funding_mechanisms")
# The kind of a place, as its three names write it around the bare name.
PLACE_KINDS = {
    "ky": (" облусу", " району", " айыл аймагы", " шаары"),
    "ru": (" область", " район", " айылный аймак", "город "),
    "en": (" Oblast", " Rayon", " Ayil Aimak", " City", " Town"),
}
# The case's text that readers search: not its slugs, dates or contacts.
CASE_TEXT_KEYS = ("title", "summary", "problem", "what_was_done", "results", "indicators", "tags", "replication")


# Reference rows ---------------------------------------------------------------------


def reference_rows(directory=REFERENCE_DATA):
    """Rows for every place and vocabulary term of the reference data, in a stable order."""
    rows, bare = [], {}
    for name in ("oblasts", "rayons", "municipalities"):
        for path in sorted(directory.glob(f"{name}*.json")):
            for unit in json.loads(path.read_text("utf-8")):
                rows.append(_reference_row(unit, f"{path.name}: {unit['slug']}"))
                names = {language: _bare_name(unit[f"name_{language}"], language) for language in LANGUAGES}
                entry = bare.setdefault(names["ky"], {"ky": [names["ky"]], "ru": [], "en": [], "slugs": []})
                for language in ("ru", "en"):
                    if names[language] not in entry[language]:
                        entry[language].append(names[language])
                entry["slugs"].append(f"{path.name}: {unit['slug']}")
    for name in VOCABULARIES:
        for term in json.loads((directory / f"{name}.json").read_text("utf-8")):
            rows.append(_reference_row(term, f"{name}.json: {term['slug']}"))
    for entry in bare.values():
        source = "bare place names; " + ", ".join(entry.pop("slugs"))
        rows.append({**entry, "kind": "reference", "source": source})
    return [row for row in rows if _differs(row)]


def _reference_row(record, source):
    return {
        **{language: [record[f"name_{language}"].strip()] for language in LANGUAGES},
        "kind": "reference",
        "source": source,
    }


def _bare_name(name, language):
    """«Баткен облусу» → «Баткен», «город Ош» → «Ош», «Баткенская область» → «Баткенская»."""
    for kind in PLACE_KINDS[language]:
        if kind.startswith(" ") and name.endswith(kind):
            return name[: -len(kind)].strip()
        if kind.endswith(" ") and name.startswith(kind):
            return name[len(kind) :].strip()
    return name.strip()


def _differs(row):
    """Whether a row's expressions are more than one text: «Ош» ↔ «Ош» ↔ «Osh» still differs."""
    return len({text for language in LANGUAGES for text in row.get(language, ())}) > 1


# Demo cases -------------------------------------------------------------------------


def demo_cases(directory=DEMO_DATA):
    """{case id: {language: analysed terms of that version's text}} for the demo cases."""
    cases = collections.defaultdict(dict)
    for path in sorted(directory.glob("*.json")):
        for practice in json.loads(path.read_text("utf-8"))["practices"]:
            text = "\n".join(s for key in CASE_TEXT_KEYS for s in _strings(practice.get(key)))
            language = practice["language"]
            cases[practice["external_id"]][language] = tuple(analyze(text, language))
    return dict(cases)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "type":
                yield from _strings(item)


def cited_cases(row, cases):
    """Ids of the cases whose Kyrgyz and Russian versions both hold one of the row's
    expressions in that language (and whose English version, if any, holds an English one)."""
    found = []
    for case, versions in sorted(cases.items()):
        if "ky" not in versions or "ru" not in versions:
            continue
        if all(
            _holds_any(versions[language], row.get(language, ()), language)
            for language in LANGUAGES
            if language in versions and row.get(language)
        ):
            found.append(case)
    return found


def _holds_any(terms, expressions, language):
    for expression in expressions:
        # Analysed as the lexicon analyses it: the words' parts in order, no joined compounds.
        for wanted, _ in expression_analyses(expression, language if language != "en" else None):
            if any(terms[i : i + len(wanted)] == wanted for i in range(len(terms) - len(wanted) + 1)):
                return True
    return False


# The file ---------------------------------------------------------------------------


def built_rows(current_rows, reference_directory=REFERENCE_DATA, demo_directory=DEMO_DATA):
    """The file's rows rebuilt: the hand-kept rows with their cases listed again, then
    the reference rows. Raises ValueError for a demo row found in no case."""
    cases = demo_cases(demo_directory)
    kept = []
    for row in current_rows:
        if row.get("kind") == "reference":
            continue
        row = dict(row)
        if row.get("kind") == "demo":
            row["cases"] = cited_cases(row, cases)
            if not row["cases"]:
                raise ValueError(f"No demo case holds the row {row}")
        kept.append(row)
    return kept + reference_rows(reference_directory)


def file_text(rows):
    """The data file as written: one row a line, so a change shows as a changed row."""
    lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
    return '{\n "about": ' + json.dumps(ABOUT, ensure_ascii=False) + ',\n "rows": [\n' + lines + "\n ]\n}\n"


def proposed_pairs(cases, minimum_cases=3, minimum_dice=0.7):
    """[(dice, cases, kyrgyz stem, russian stem)] aligned in the translated cases, best first."""
    pairs = [(set(versions["ky"]), set(versions["ru"])) for versions in cases.values() if {"ky", "ru"} <= set(versions)]
    kyrgyz = collections.Counter(t for ky, _ in pairs for t in ky)
    russian = collections.Counter(t for _, ru in pairs for t in ru)
    together = collections.Counter((a, b) for ky, ru in pairs for a in ky for b in ru)
    dice = {
        (a, b): 2 * count / (kyrgyz[a] + russian[b])
        for (a, b), count in together.items()
        if count >= minimum_cases and a != b
    }
    best_for_ky, best_for_ru = {}, {}
    for (a, b), score in dice.items():
        if score > best_for_ky.get(a, (0, ""))[0]:
            best_for_ky[a] = (score, b)
        if score > best_for_ru.get(b, (0, ""))[0]:
            best_for_ru[b] = (score, a)
    found = [
        (score, together[a, b], a, b)
        for a, (score, b) in best_for_ky.items()
        if best_for_ru[b][1] == a and score >= minimum_dice
    ]
    return sorted(found, key=lambda pair: (-pair[0], -pair[1], pair[2]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the data file is out of step")
    parser.add_argument("--propose", action="store_true", help="print word pairs aligned in the demo cases")
    options = parser.parse_args(argv)
    if options.propose:
        for score, count, kyrgyz, russian in proposed_pairs(demo_cases()):
            print(f"{score:.2f}\t{count}\t{kyrgyz}\t{russian}")
        return 0
    current = TABLE.read_text("utf-8") if TABLE.exists() else '{"rows": []}'
    text = file_text(built_rows(json.loads(current)["rows"]))
    if options.check:
        if text != current:
            print(f"{TABLE} is out of step; run python -m search.tools.build_lexicon", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
