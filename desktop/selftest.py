"""``ReviewReader --self-test``: prove the installed app can analyse its own sample.

Catches a broken bundle: missing NLTK data, TextBlob's lexicon left out
(every polarity silently 0.0), or a person finder that finds nobody.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.paths import sample_review

EXPECTED_VERDICT = "positive"
EXPECTED_PEOPLE = frozenset({"Helena Marsh", "Samuel Okafor", "Ines Duarte", "Tomas Lindqvist", "Rafael Moreno"})


def run(say: Callable[[str], None] = print) -> bool:
    """Analyse the bundled sample, report each check through ``say``; True when all pass."""
    from desktop.app.files import read_review
    from desktop.engine import MissingDataError, ReviewError, analyze

    path = sample_review()
    say(f"Self-test on {path}")
    try:
        result = analyze(read_review(path), name=path.name)
    except (MissingDataError, ReviewError) as error:
        say(f"FAIL  the sample could not be analysed: {error}")
        return False
    scored = sum(1 for s in result.sentences if s.polarity != 0.0)
    people = {person.name for person in result.people}
    checks = [
        (scored * 2 >= len(result.sentences) > 0,
         f"{scored} of {len(result.sentences)} sentences have a non-zero polarity (need at least half)"),
        (EXPECTED_PEOPLE <= people,
         f"people found: {', '.join(sorted(people)) or 'none'} (need {', '.join(sorted(EXPECTED_PEOPLE))})"),
        (result.verdict.label == EXPECTED_VERDICT,
         f"verdict: {result.verdict.label} {result.verdict.score:+.2f} (need {EXPECTED_VERDICT}); "
         f"{result.verdict.reason}"),
    ]
    for passed, message in checks:
        say(f"{'ok  ' if passed else 'FAIL'}  {message}")
    passed = all(passed for passed, _ in checks)
    say("Self-test passed." if passed else "Self-test FAILED.")
    return passed
