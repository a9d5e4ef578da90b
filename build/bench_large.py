"""Large-review benchmark: time, peak memory and cancel latency for a generated 6 MB review.

    .venv/bin/python build/bench_large.py [--mb 6] [--cancel-after 1 5 15]

The review is generated from sentences written here (seeded, so every run
analyses the same bytes). Each measurement runs in a fresh process, so the peak
resident memory (ru_maxrss) is that of one analysis; the cancel runs set the
event from a timer and report how long the analysis took to stop. Prints numbers
and a digest of the result (equal digests mean identical results); asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = ["Tom Hanks", "Meryl Streep", "Mr. Derbez", "Kate Del Castillo", "Denzel Washington", "Greta Gerwig",
          "Ingrid Bergman", "Akira Kurosawa", "Naomi Watts", "Hugo Weaving"]
THINGS = ["the script", "the score", "the ending", "the cinematography", "the editing", "the second act",
          "the dialogue", "the casting", "the pacing", "the final scene"]
WORDS = ["wonderful", "dull", "clumsy", "moving", "terrible", "superb", "predictable", "honest", "awful",
         "beautiful", "forced", "funny", "boring", "brilliant", "weak"]
SENTENCES = [
    "{person} is {word} as the lead, and {thing} is {word2}.",
    "I thought {thing} was {word}, but {thing2} felt {word2}.",
    "Directed by {person}, it never quite decides what it wants to be.",
    "{person}'s performance is {word}; {person2} is {word2} in a smaller part.",
    "The film was a waste of time, and {thing} isn't {word} at all.",
    "We saw it in Paris with friends, who found {thing} {word}.",
    "\u201cA {word} picture,\u201d said {person}, and I can\u2019t disagree \u2013 not really.",
    "Honestly, {thing} made me laugh; it was {word} and {word2} at once.",
    "THE PLOT IS {upper} AND {thing_upper} IS {upper2}.",
    "{person} plays a detective who moves to Lisbon after the war.",
]


def generate(megabytes: float, seed: int = 8) -> bytes:
    """A review of about ``megabytes`` MB: varied sentences in paragraphs, IMDB-style breaks."""
    rng = random.Random(seed)
    target = int(megabytes * 1_048_576)
    paragraphs, size = [], 0
    while size < target:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            word, word2 = rng.sample(WORDS, 2)
            thing, thing2 = rng.sample(THINGS, 2)
            person, person2 = rng.sample(PEOPLE, 2)
            sentences.append(rng.choice(SENTENCES).format(
                person=person, person2=person2, word=word, word2=word2, thing=thing, thing2=thing2,
                upper=word.upper(), upper2=word2.upper(), thing_upper=thing.upper()))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 12
    return "<br /><br />".join(paragraphs).encode()


MEASURE = """
import hashlib, json, resource, sys, threading, time
sys.path[:0] = [{root!r}, {root!r} + "/build"]
from bench_large import generate
from desktop.analysis import Cancelled, analyze, models
raw = generate({mb})
models()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if {cancel_after} > 0:
    cancel, fired = threading.Event(), []
    def fire():
        fired.append(time.perf_counter())
        cancel.set()
    threading.Timer({cancel_after}, fire).start()
    try:
        analyze(raw, cancel=cancel)
        print(json.dumps({{"cancel_latency": None}}))
    except Cancelled:
        print(json.dumps({{"cancel_latency": time.perf_counter() - fired[0]}}))
    raise SystemExit
start, cpu = time.perf_counter(), time.process_time()
result = analyze(raw, name="large.txt")
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
digest = hashlib.sha256(json.dumps(result.to_dict(), sort_keys=True).encode()).hexdigest()[:16]
print(json.dumps({{"bytes": len(raw), "sentences": len(result.sentences), "people": len(result.people),
                  "seconds": elapsed, "cpu": cpu, "base_mb": base / 1024, "peak_mb": peak / 1024, "digest": digest}}))
"""


def measure(mb: float, cancel_after: float = 0.0) -> dict:
    """Run one measurement in a fresh process and return what it printed."""
    code = MEASURE.format(root=str(ROOT), mb=mb, cancel_after=cancel_after)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.exit(done.stderr)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=6.0, help="size of the generated review")
    parser.add_argument("--cancel-after", type=float, nargs="*", default=[1.0, 5.0, 15.0], metavar="S",
                        help="cancel a fresh analysis this many seconds in, once for each value")
    args = parser.parse_args()
    full = measure(args.mb)
    print(f"{full['bytes'] / 1_048_576:.1f} MB review, {full['sentences']} sentences, {full['people']} people")
    print(f"analysis: {full['seconds']:.1f} s ({full['cpu']:.1f} s CPU); peak RSS {full['peak_mb']:.0f} MB "
          f"(models loaded: {full['base_mb']:.0f} MB, so +{full['peak_mb'] - full['base_mb']:.0f} MB)")
    print(f"result digest: {full['digest']}")
    for seconds in args.cancel_after:
        latency = measure(args.mb, seconds)["cancel_latency"]
        print(f"cancel {seconds} s in: " + ("finished first" if latency is None else
              f"stopped {latency * 1000:.0f} ms after the event was set"))


if __name__ == "__main__":
    main()
