#!/usr/bin/env python3
"""Measure the language detector (desktop/engine/text/language.py).

    .venv/bin/python build/eval/eval_language.py                 all measures
    .venv/bin/python build/eval/eval_language.py --sample 5000   more IMDB train reviews

Prints how often English is called something else on every one-sentence review
of ../shared/reviews/short and on a seeded sample of the IMDB train reviews (both
should be 0), how the reviews written for the tests (tests/data/language_samples.json)
are read, and how long detect() takes on a long review.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from desktop.engine.text.language import detect

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "reviews"
SAMPLES = ROOT / "tests" / "data" / "language_samples.json"


def english_misfires(name: str, texts: list[str]) -> None:
    """Print how many English ``texts`` are called another language or undetermined, with a few of them."""
    found = [(detect(text), text) for text in texts]
    other = [(code, text) for code, text in found if code not in ("en", "und")]
    undetermined = [text for code, text in found if code == "und"]
    wordless = sum(not any(ch.isalpha() for ch in text) for text in undetermined)
    print(f"{name}: {len(other)} of {len(texts)} English reviews called another language; "
          f"{len(undetermined)} undetermined ({wordless} of them without a letter)")
    for code, text in other[:5] + [("und", text) for text in undetermined[:5]]:
        print(f"    {code}: {text[:100]!r}")


def short_reviews() -> list[str]:
    """Every sentence of the short labelled reviews (movies and products); lines end at \\n only (some hold U+0085)."""
    return [line.rsplit("\t", 1)[0] for path in sorted((SHARED / "short").glob("*_labelled.txt"))
            for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def imdb_sample(size: int) -> list[str]:
    """A seeded random sample of the IMDB train reviews."""
    paths = sorted((SHARED / "aclImdb_train").glob("*/*.txt"))
    return [path.read_text(encoding="utf-8") for path in random.Random(17).sample(paths, min(size, len(paths)))]


def own_samples() -> None:
    """Recall per language and length, and precision over every non-English call, on the tests' reviews."""
    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))
    calls = []  # (expected, detected) for every sample
    for length in ("short", "ordinary"):
        for code, texts in samples[length].items():
            found = [detect(text) for text in texts]
            calls += [(code, got) for got in found]
            print(f"{length:>8} {code}: {found.count(code)}/{len(texts)} recognised; others read as "
                  f"{sorted(got for got in found if got != code) or 'nothing else'}")
    for code, text in samples["too_short"].items():
        calls.append((code, detect(text)))
        print(f"too short {code}: {detect(text)} (English unless three telling stopwords)")
    for name in ("english", "mixed"):
        found = [detect(text) for text in samples[name]]
        calls += [("en", got) for got in found]
        print(f"{name:>8}: {found.count('en')}/{len(found)} read as English")
    for code, text in samples["other"].items():
        calls.append(("und", detect(text)))
        print(f"   other {code}: {detect(text)}")
    named = [(expected, got) for expected, got in calls if got not in ("en", "und")]
    right = sum(expected == got for expected, got in named)
    print(f"precision of non-English calls: {right}/{len(named)}")


def timing(texts: list[str]) -> None:
    """detect() on the longest review given, and on a 100 KB text made of reviews."""
    detect("warm up: the stopword lists are read once")
    longest = max(texts, key=len)
    long_text = " ".join(texts)[:100_000]
    for name, text in (("longest review", longest), ("100 KB of reviews", long_text)):
        runs = []
        for _ in range(20):
            start = time.perf_counter()
            detect(text)
            runs.append(time.perf_counter() - start)
        size = len(text.encode("utf-8")) / 1024
        median = statistics.median(runs)
        print(f"detect() on the {name} ({size:.1f} KB): {median * 1e3:.2f} ms, {median * 1e6 / size:.0f} µs per KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=2000, help="IMDB train reviews to read (default 2000)")
    args = parser.parse_args()
    start = time.perf_counter()
    detect("The first call reads the stopword lists.")
    print(f"first detect() (reads the stopword lists): {(time.perf_counter() - start) * 1e3:.0f} ms")
    own_samples()
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: the English misfire counts and the timing are skipped")
        return
    english_misfires("short reviews (movies and products)", short_reviews())
    imdb = imdb_sample(args.sample)
    english_misfires(f"IMDB train sample ({len(imdb)})", imdb)
    timing(imdb)


if __name__ == "__main__":
    main()
