"""``review-reader-cli``: analyse review files and folders from the command line.

    review-reader-cli analyze PATH... [--format jsonl|csv|text] [--jobs N]

Each PATH is a file or a folder (every ``.txt`` below it, sorted). A file that
cannot be analysed is reported and skipped; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from desktop.analysis import Analysis, MissingDataError, ReviewError, analyze, models, read_review, review_files

FORMATS = ("jsonl", "csv", "text")
CSV_COLUMNS = ("file", "verdict", "score", "sentences", "people", "error")


def analyze_file(path: Path) -> dict:
    """The jsonl record for one file: the analysis, or ``ok: false`` and a reason."""
    try:
        return analyze(read_review(path), name=str(path)).to_dict()
    except ReviewError as error:
        return {"file": str(path), "ok": False, "error": str(error)}


def _load_models_quietly() -> None:
    models()


def analyze_all(paths: list[Path], jobs: int) -> Iterator[dict]:
    """Records for ``paths`` in order, using ``jobs`` worker processes for many files."""
    models()
    if jobs <= 1 or len(paths) < 2 * jobs:
        yield from map(analyze_file, paths)
        return
    context = multiprocessing.get_context("fork" if _can_fork() else "spawn")
    with context.Pool(jobs, initializer=_load_models_quietly) as pool:
        yield from pool.imap(analyze_file, paths, chunksize=8)


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and not getattr(sys, "frozen", False)


class Progress:
    """A one-line progress bar on a terminal stream; silent elsewhere."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.enabled = stream.isatty() and total > 1
        self.started = time.perf_counter()
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if not self.enabled or (self.done % 10 and self.done != self.total):
            return
        rate = self.done / max(time.perf_counter() - self.started, 1e-9)
        filled = int(30 * self.done / self.total)
        self.stream.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {self.done}/{self.total}  {rate:.0f} reviews/s")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def write_jsonl(records: Iterable[dict], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(records: Iterable[dict], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        if record["ok"]:
            verdict = record["verdict"]
            people = "; ".join(person["name"] for person in record["people"])
            writer.writerow([record["file"], verdict["label"], f"{verdict['score']:.4f}",
                             len(record["sentences"]), people, ""])
        else:
            writer.writerow([record["file"], "", "", "", "", record["error"]])


def write_text(records: Iterable[dict], out: TextIO) -> None:
    for record in records:
        out.write(format_text(record) + "\n")


def format_text(record: dict) -> str:
    """A readable summary of one record: verdict, people, and each sentence with its polarity."""
    if not record["ok"]:
        return f"{record['file']}\n  Error: {record['error']}\n"
    text = record["text"]
    verdict = record["verdict"]
    lines = [
        f"{record['file']}  ({record['encoding']}, {len(text.split())} words)",
        f"  Verdict: {verdict['label']} ({verdict['score']:+.2f}). {verdict['reason']}",
        f"  Sentences: {verdict['positive']} positive, {verdict['negative']} negative, "
        f"{verdict['neutral']} neutral",
        "  People: " + (", ".join(f"{p['name']} ({len(p['mentions'])})" for p in record["people"]) or "none found"),
        "",
    ]
    for sentence in record["sentences"]:
        body = " ".join(text[sentence["start"]:sentence["end"]].split())
        lines.append(f"  {sentence['polarity']:+.2f}  {body}")
    return "\n".join(lines) + "\n"


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "text": write_text}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="review-reader-cli", description="Analyse review files offline.")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze_cmd = commands.add_parser("analyze", help="analyse review files and folders")
    analyze_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a review file or a folder of them")
    analyze_cmd.add_argument("--format", choices=FORMATS, help="output format (default: text on a terminal, else jsonl)")
    analyze_cmd.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                             help="worker processes for many files (default: the number of cores)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    out_format = args.format or ("text" if sys.stdout.isatty() else "jsonl")
    paths = list(review_files(args.paths))
    progress = Progress(len(paths), sys.stderr) if any(p.is_dir() for p in args.paths) else None
    failed = False

    def records() -> Iterator[dict]:
        nonlocal failed
        for record in analyze_all(paths, max(1, args.jobs)):
            failed |= not record["ok"]
            if progress:
                progress.step()
            yield record

    try:
        WRITERS[out_format](records(), sys.stdout)
    except MissingDataError as error:
        print(f"review-reader-cli: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return 1 if failed else 0


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
