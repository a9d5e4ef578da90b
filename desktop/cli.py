"""``review-reader-cli``: analyse review files and folders from the command line, or search them.

    review-reader-cli analyze PATH... [--format jsonl|csv|text|html|pdf|parquet] [--output FILE] [--summary]
                                      [--sentences] [--jobs N] [--no-cache] [--text-column NAME] [--label-column NAME]
    review-reader-cli analyze PATH... --cluster tcp://HOST:8786|local:N --output FOLDER [--sentences] [...]
    review-reader-cli search PATH... QUERY [--format text|jsonl|csv] [--jobs N] [--no-cache] [...]

Each PATH is a file, a folder (every ``.txt`` below it, sorted) or a collection
(a .csv, .tsv, .jsonl/.ndjson, .json or .parquet file of reviews, one a row). A file that
cannot be analysed is reported and skipped; the exit status is then 1, as it is
when there is nothing to analyse or a folder cannot be read. Results are cached
by file content (see ``desktop.app.cache``); ``--no-cache`` neither reads
nor writes the cache. Problems are one line on stderr; details go to the log.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO, cast

from desktop.app import cluster, parquet
from desktop.app.batch import (
    FULL,
    SUMMARY,
    BatchProgress,
    analyze_files,
    default_jobs,
    list_files,
    list_reviews,
    reviews_in,
)
from desktop.app.cache import ResultCache
from desktop.app.index import LibraryIndex
from desktop.app.query import Match, Query, QueryError, parse
from desktop.app.records import LibraryRow, Outcome, ReviewFile, Summary, summarise, to_json
from desktop.atomic import replacing
from desktop.engine import Analysis, MissingDataError
from desktop.engine.errors import ReviewError
from desktop.engine.result import UNKNOWN, sureness
from desktop.engine.text.language import language_name
from desktop.export import facts, html_report, library_csv_lines, people_csv_lines, people_table, summary_text
from desktop.logs import start_logging
from desktop.paths import cache_dir
from desktop.version import version_line

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "text", "html", "pdf", "parquet")
FILE_FORMATS = ("pdf", "parquet")
"""Formats written only to a file (--output)."""
REPORTS = ("html", "pdf")
"""Formats that make a report of one review file."""


class Progress:
    """A one-line progress bar on a terminal stream (when ``shown``); keeps the last state."""

    def __init__(self, total: int, stream: TextIO, shown: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = shown and stream.isatty() and total > 1
        self.started = time.perf_counter()
        self.state = BatchProgress(0, total)

    def update(self, state: BatchProgress) -> None:
        """Note a batch's progress; redraw every 10 files and at the end."""
        self.state = state
        if not self.enabled or not state.done or (state.done % 10 and state.done != self.total):
            return
        rate = state.done / max(time.perf_counter() - self.started, 1e-9)
        filled = int(30 * state.done / self.total)
        self.stream.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {state.done}/{self.total}  "
                          f"{rate:.0f} reviews/s, {state.cached} from the cache")
        if state.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def write_jsonl(outcomes: Iterable[Outcome], out: TextIO) -> int:
    failed = False
    for outcome in outcomes:
        failed |= not outcome.ok
        out.write(json.dumps(to_json(outcome), ensure_ascii=False) + "\n")
    return int(failed)


def write_csv(rows: Iterable[LibraryRow], out: TextIO, bom: bool = False) -> int:
    """Library rows as the window's library CSV, each written as it comes."""
    failed = False

    def noted() -> Iterator[LibraryRow]:
        nonlocal failed
        for row in rows:
            failed |= row.error is not None
            yield row

    for line in library_csv_lines(noted(), bom):
        out.write(line)
    return int(failed)


def write_text(outcomes: Iterable[Outcome], out: TextIO) -> int:
    failed = False
    for outcome in outcomes:
        failed |= not outcome.ok
        out.write(format_text(outcome) + "\n")
    return int(failed)


def the_analysis(outcomes: Iterable[Outcome]) -> Analysis | None:
    """The Analysis of the one review a report is made of, or None after saying its error on stderr."""
    (outcome,) = outcomes
    if not outcome.ok:
        print(f"review-reader-cli: {outcome.source.title}: {outcome.error}", file=sys.stderr)
    return outcome.analysis


def write_html(outcomes: Iterable[Outcome], out: TextIO) -> int:
    """The HTML report of the one review, or its error on stderr."""
    analysis = the_analysis(outcomes)
    if analysis is None:
        return 1
    out.write(html_report(analysis))
    return 0


def write_summary(summary: Summary, out_format: str, out: TextIO) -> int:
    """A summary as text or one JSON object."""
    if out_format == "jsonl":
        out.write(json.dumps(to_json(summary)) + "\n")
    else:
        out.write(summary_text(summary))
    return int(summary.failed > 0)


def format_text(outcome: Outcome) -> str:
    """A readable summary of one review: verdict, people, and each sentence with its polarity."""
    analysis = outcome.analysis
    source = outcome.source.path if outcome.source.row is None else outcome.source.title
    if analysis is None:
        return f"{source}\n  Error: {outcome.error}\n"
    text = analysis.text
    verdict = analysis.verdict
    lines = [
        f"{source}  ({', '.join([*facts(analysis)[:-1], language_name(analysis.language)])})",
        f"  Verdict: {verdict.label}{f' ({sure})' if (sure := sureness(verdict)) else ''}. {verdict.reason}",
        f"  Sentences: {verdict.positive} positive, {verdict.negative} negative, {verdict.neutral} neutral"
        if verdict.label != UNKNOWN else f"  Sentences: {len(analysis.sentences)}, not analysed",
        "  People: " + (", ".join(f"{p.name} ({len(p.mentions)})" for p in analysis.people) or "none found"),
        "",
    ]
    read = verdict.label != UNKNOWN  # a review in another language has no scores to show
    for sentence in analysis.sentences:
        body = " ".join(text[sentence.start:sentence.end].split())
        lines.append(f"  {sentence.polarity:+.2f}  {body}" if read else f"  {body}")
    return "\n".join(lines) + "\n"


WRITERS = {"jsonl": write_jsonl, "text": write_text, "html": write_html}
"""The writers of full records (csv writes library rows, pdf a file: see ``write_records``)."""


class PrintVersion(argparse.Action):
    """``--version``: print the version line (asking git only then) and exit."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(version_line())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="review-reader-cli", description="Analyse review files offline.")
    parser.add_argument("--version", action=PrintVersion, help="print the version and the commit it was built from")
    commands = parser.add_subparsers(dest="command", required=True)
    epilog = f"Results are cached in {cache_dir()} (set REVIEW_READER_CACHE_DIR to move it)."
    analyze_cmd = commands.add_parser("analyze", help="analyse review files and folders", epilog=epilog)
    analyze_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=PATH_HELP)
    add_reading_options(analyze_cmd)
    analyze_cmd.add_argument("--format", choices=FORMATS,
                             help="output format (default: text on a terminal, else jsonl); html and pdf make "
                                  "a report of one review file; parquet writes a row a review (needs pyarrow); "
                                  "pdf and parquet need --output")
    analyze_cmd.add_argument("--output", type=Path, metavar="FILE",
                             help="write to FILE (in one step, replacing it) instead of standard output; "
                                  "never one of the reviews read")
    analyze_cmd.add_argument("--summary", action="store_true",
                             help="print counts by verdict, when reviews carry labels (pos/neg folders, "
                                  "ratings in names, a table's label column) the agreement with them, and the "
                                  "people most named; text, or one JSON object (every person) with --format jsonl")
    analyze_cmd.add_argument("--sentences", action="store_true",
                             help="with --format parquet: add each review's sentences (the JSON form always has them)")
    analyze_cmd.add_argument("--cluster", metavar="ADDRESS",
                             help="analyse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), or "
                                  "on local:N worker processes here, into --output FOLDER as Parquet part files "
                                  "(needs review-reader[cluster] here and on every worker)")
    search_cmd = commands.add_parser(
        "search", help="print the reviews that answer a query (analysing those not in the cache)",
        description="Print the reviews that answer QUERY: words, \"phrases\", verdict:negative, label:positive, "
                    "disagrees, person:\"Kubrick\", praised:NAME, criticised:NAME, rating:>=8, score:<0, "
                    "confidence:<0.7, words:>500, people:>=3, language:es, combined with and, or, not (or -) "
                    "and brackets. The exit status is 0 when a review matches, 1 when none does, 2 when the "
                    "query cannot be read.", epilog=epilog)
    search_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=PATH_HELP)
    search_cmd.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    search_cmd.add_argument("--format", choices=("text", "jsonl", "csv"),
                            help="text: a line a review with the words around the first match (the default on "
                                 "a terminal); jsonl: each review's library row and where the query matched; "
                                 "csv: the library rows")
    add_reading_options(search_cmd)
    people_cmd = commands.add_parser(
        "people", help="list every person the reviews name, in how many reviews, and how they speak of them",
        description="List every person the reviews (or those answering --query) name, merged across reviews "
                    "(\"Kubrick\" joins \"Stanley Kubrick\" when no other Kubrick is named): in how many "
                    "reviews, how many mentions, and in how many of those reviews they are praised, criticised or "
                    "only mentioned; the most often named first.", epilog=epilog)
    people_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=PATH_HELP)
    people_cmd.add_argument("--query", metavar="QUERY", help="only the reviews that answer this query (see search)")
    people_cmd.add_argument("--top", type=positive_int, default=None, metavar="N", help="only the first N people")
    people_cmd.add_argument("--format", choices=("text", "jsonl", "csv"),
                            help="text: a table (the default on a terminal); jsonl: an object a person; csv")
    add_reading_options(people_cmd)
    return parser


PATH_HELP = "a review file, a folder of them, or a table of reviews (CSV, TSV, JSON Lines, JSON)"


def add_reading_options(command: argparse.ArgumentParser) -> None:
    """The options of every command that reads reviews: jobs, the cache and a collection's columns."""
    command.add_argument("--jobs", type=positive_int, default=default_jobs(), metavar="N",
                         help="worker processes for many files (default: the number of cores)")
    command.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    command.add_argument("--text-column", metavar="NAME",
                         help="the column of a collection that holds the review text (default: found)")
    command.add_argument("--label-column", metavar="NAME",
                         help="the column of a collection that holds its label or star rating (default: found)")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def line_break() -> str:
    """A line break that ends a progress bar on a terminal; nothing when stderr is a file or a pipe."""
    return "\n" if sys.stderr.isatty() else ""


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: the run stops as it does for Ctrl+C (workers ended, no traceback)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """While the block runs (in the main thread), SIGTERM and SIGHUP raise Stopped; then the old handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    before = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    log_path = start_logging()
    try:
        with stopped_by_signals():
            return COMMANDS[args.command](args) if args.command in COMMANDS else analyze(parser, args)
    except MissingDataError as error:
        print(f"review-reader-cli: {error}", file=sys.stderr)
        return 2
    except Stopped as stop:
        print(f"{line_break()}review-reader-cli: stopped by {signal.Signals(stop.signum).name}", file=sys.stderr)
        return 128 + stop.signum
    except KeyboardInterrupt:
        print(f"{line_break()}review-reader-cli: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as error:  # noqa: BLE001 - one line for the reader, the traceback in the log
        log.exception("review-reader-cli failed")
        print(f"review-reader-cli: an unexpected problem stopped the run ({type(error).__name__}); "
              f"the details are in {log_path}", file=sys.stderr)
        return 1


def analyze(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Analyse and write what ``args`` ask for; the exit status."""
    if args.summary and args.format not in (None, "text", "jsonl"):
        parser.error("--summary prints text, or JSON with --format jsonl")
    if args.cluster is not None:
        return on_cluster(parser, args)
    skipped: list[Path] = []
    files = list_files(args.paths, skipped)
    kept = list(reviews_in(files, args.text_column, args.label_column)) if args.summary else None  # it needs all
    total = len(kept) if kept is not None else review_count(args, files)
    if not total:
        named = ", ".join(str(path) for path in args.paths)
        print(f"review-reader-cli: no reviews (.txt files, or rows of a collection) to analyse in {named}",
              file=sys.stderr)
        notes(skipped, None)
        return 1
    if args.format in REPORTS and (total != 1 or files[0].is_dir()):
        parser.error(f"--format {args.format} makes a report of one review, but the paths name "
                     f"{total} reviews")
    if args.format in FILE_FORMATS and args.output is None:
        parser.error(f"--format {args.format} writes a file: name it with --output FILE")
    if args.sentences and args.format != "parquet":
        parser.error("--sentences is for --format parquet (the JSON form always has the sentences)")
    if args.format == "parquet":
        try:
            parquet.pyarrow()
        except ReviewError as error:
            parser.error(str(error))
    if args.output is not None:
        check_output(parser, args.output, files)
    if args.summary:  # from the library index, which counts the people and makes a second summary fast
        with indexed(args, cast(list[ReviewFile], kept)) as library:
            summary = summarise(library.rows, library.index.people(library.reviews))
            unsaved_in = library.unsaved_in
        return max(write_output(args, summary), notes(skipped, unsaved_in))
    progress = Progress(total, sys.stderr, shown=total > len(args.paths))
    cache = None if args.no_cache else ResultCache()
    reviews = reviews_in(files, args.text_column, args.label_column)
    records = analyze_files(reviews, total=total, detail=SUMMARY if args.format == "csv" else FULL, cache=cache,
                            jobs=args.jobs, progress=progress.update)
    if args.format == "pdf":
        status = write_pdf(cast("Iterable[Outcome]", records), args.output)  # pdf is never a summary: Outcomes
    elif args.format == "parquet":
        status = write_parquet(cast("Iterable[Outcome]", records), args.output, args.sentences)
    else:
        status = write_output(args, records)
    unsaved_in = cache.folder if cache is not None and progress.state.unsaved else None
    return max(status, notes(skipped, unsaved_in))


def write_output(args: argparse.Namespace, records: Iterable | Summary) -> int:
    """Write the records (or their summary) to --output or standard output; the exit status."""
    if args.output is None:
        return write_records(args, records, sys.stdout, default="text" if sys.stdout.isatty() else "jsonl")
    try:  # written as it is made, so a full disk or a folder that cannot be written to is found at once
        with replacing(args.output) as temporary, open(temporary, "w", encoding="utf-8",
                                                       errors="backslashreplace", newline="") as out:
            return write_records(args, records, cast(TextIO, OutputFile(out)), default="jsonl")
    except (OutputError, OSError) as error:
        reason = error.reason if isinstance(error, OutputError) else error
        if not (isinstance(error, OutputError) or about_output(reason, args.output)):
            raise
        print(f"review-reader-cli: {args.output} could not be written: {reason.strerror or reason}",
              file=sys.stderr)
        return 1


def search(args: argparse.Namespace) -> int:
    """Print the reviews that answer ``args.query``; 0 when one does, 1 when none does, 2 for a bad query."""
    query = read_query(args.query)
    if query is None:
        return 2
    reviews, skipped = listed(args)
    with indexed(args, reviews) as library:
        out_format = args.format or ("text" if sys.stdout.isatty() else "jsonl")
        matched = write_matches(library.index.search(query, reviews), out_format, sys.stdout)
        unread = library.index.failed(reviews)
        notes(skipped, library.unsaved_in)
    failed = f"; {unread:,} could not be analysed (review-reader-cli analyze says why)" if unread else ""
    print(f"{line_break()}review-reader-cli: matches: {matched:,} of {len(reviews):,} reviews{failed}",
          file=sys.stderr)
    return 0 if matched else 1


def people(args: argparse.Namespace) -> int:
    """Print every person the reviews (those answering ``args.query``) name, with how they are spoken of."""
    query = read_query(args.query) if args.query else None
    if args.query and query is None:
        return 2
    reviews, skipped = listed(args)
    with indexed(args, reviews) as library:
        tallies = library.index.people(reviews, query)[:args.top]
        notes(skipped, library.unsaved_in)
    out_format = args.format or ("text" if sys.stdout.isatty() else "jsonl")
    if out_format == "jsonl":
        for tally in tallies:
            print(json.dumps(asdict(tally), ensure_ascii=False))
    else:
        lines = people_csv_lines(tallies) if out_format == "csv" else (line + "\n" for line in people_table(tallies))
        sys.stdout.writelines(lines)
    return 0 if tallies else 1


def listed(args: argparse.Namespace) -> tuple[list[ReviewFile], list[Path]]:
    """The reviews ``args.paths`` name, and the folders that could not be read."""
    skipped: list[Path] = []
    return list_reviews(args.paths, skipped, args.text_column, args.label_column), skipped


def review_count(args: argparse.Namespace, files: list[Path]) -> int:
    """How many reviews the listed ``files`` hold, counted holding none (``reviews_in`` reads them again as
    the work goes)."""
    return sum(1 for _ in reviews_in(files, args.text_column, args.label_column))


def read_query(text: str) -> Query | None:
    """The query, or None after saying on stderr why it cannot be read."""
    try:
        return parse(text)
    except QueryError as error:
        print(f"review-reader-cli: the query cannot be read: {error}", file=sys.stderr)
        return None


@dataclass(frozen=True)
class Indexing:
    """The library index in step with the reviews a command names."""

    index: LibraryIndex
    reviews: list[ReviewFile]
    rows: list[LibraryRow]
    """A row per review: those the index held up to date, then those analysed now."""
    unsaved_in: Path | None
    """The cache's folder when some results could not be written to it."""


@contextlib.contextmanager
def indexed(args: argparse.Namespace, reviews: list[ReviewFile]) -> Iterator[Indexing]:
    """The library index brought in step with ``reviews`` (those ``args.paths`` name), analysing the new and
    changed ones with a progress bar on a terminal."""
    cache = None if args.no_cache else ResultCache()
    with LibraryIndex.beside(cache) as index:
        known, todo = index.known(reviews, args.paths)
        progress = Progress(len(todo), sys.stderr, shown=True)
        rows = index.add(todo, cache, args.jobs, progress.update)
        unsaved_in = cache.folder if cache is not None and progress.state.unsaved else None
        yield Indexing(index, reviews, known + rows, unsaved_in)


COMMANDS = {"search": search, "people": people}
"""The commands that read the library index (analyze is the one that does not)."""


def write_matches(matches: Iterable[Match], out_format: str, out: TextIO) -> int:
    """Each match as it is found: a CSV library row, a JSON line (its row and where the query matched) or a line
    of text (name, verdict, the words around the first match); the number of matches."""
    count = 0

    def counted() -> Iterator[Match]:
        nonlocal count
        for match in matches:
            count += 1
            yield match

    if out_format == "csv":
        write_csv((match.row for match in counted()), out)
        return count
    for match in counted():
        row = match.row
        if out_format == "jsonl":
            out.write(json.dumps({**to_json(row), "matches": match.spans}, ensure_ascii=False) + "\n")
        else:
            sure = f" ({sure})" if (sure := match.sureness()) else ""
            out.write(f"{row.review.title}\t{row.verdict}{sure}\t{match.snippet()}\n")
    return count


class OutputError(Exception):
    """Writing the output failed (a full disk, a file size limit); ``reason`` is the OSError."""

    def __init__(self, reason: OSError) -> None:
        super().__init__(reason)
        self.reason = reason


def about_output(error: OSError, output: Path) -> bool:
    """Whether an OSError of the with-block that writes ``output`` is about it: making or renaming its temporary
    file (which names it), or the last write as the file closes (which names nothing)."""
    return error.filename is None or output.name in str(error.filename)


class OutputFile:
    """The --output file as the writers see it: its write failures are OutputErrors, told apart from any other
    OSError of the run."""

    def __init__(self, file: TextIO) -> None:
        self.file = file

    def write(self, text: str) -> int:
        try:
            return self.file.write(text)
        except OSError as error:
            raise OutputError(error) from error


def write_records(args: argparse.Namespace, records: Iterable | Summary, out: TextIO, default: str) -> int:
    """The records (or their summary) in the format asked for; the exit status."""
    if isinstance(records, Summary):
        return write_summary(records, "jsonl" if args.format == "jsonl" else "text", out)
    if args.format == "csv":
        return write_csv(records, out, bom=args.output is not None)
    return WRITERS[args.format or default](records, out)


def check_output(parser: argparse.ArgumentParser, output: Path, reviews: list[Path]) -> None:
    """Refuse an --output that is a folder or one of the reviews being read."""
    if output.is_dir():
        parser.error(f"--output {output} is a folder; name a file")
    for review in reviews:
        if output.exists() and review.exists() and output.samefile(review):
            parser.error(f"--output {output} is the review {review}; reviews are never written to")


def write_pdf(outcomes: Iterable[Outcome], output: Path) -> int:
    """The PDF report of the one review in ``output``, or its error on stderr."""
    analysis = the_analysis(outcomes)
    if analysis is None:
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: no display needed
    from PySide6.QtGui import QGuiApplication

    from desktop import colours
    from desktop.app.exports import pdf_report

    _app = QGuiApplication.instance() or QGuiApplication([])  # fonts and layout need one
    try:
        pdf_report(output, analysis, colours.RED_GREEN)
    except OSError as error:
        print(f"review-reader-cli: {output} could not be written: {error}", file=sys.stderr)
        return 1
    return 0


def on_cluster(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Analyse on a Dask cluster into the --output folder, the reviews listed as they stream (counted first, in a
    pass that holds none of them); the exit status."""
    if args.output is None or args.summary or args.format not in (None, "parquet"):
        parser.error("--cluster writes Parquet part files into a folder: name it with --output FOLDER "
                     "(no --format but parquet, no --summary)")
    if args.output.exists() and not (args.output.is_dir() and not any(args.output.iterdir())):
        parser.error(f"--output {args.output} must be a new or empty folder for --cluster")
    skipped: list[Path] = []
    files = list_files(args.paths, skipped)
    total = review_count(args, files)
    if not total:
        print(f"review-reader-cli: no reviews to analyse in {', '.join(str(path) for path in args.paths)}",
              file=sys.stderr)
        return 1
    reviews = reviews_in(files, args.text_column, args.label_column)
    progress = Progress(total, sys.stderr, shown=True)
    try:
        with cluster.connected(args.cluster) as client:
            done = cluster.analyse_on_cluster(reviews, total, client, args.output, args.sentences, progress.update)
    except (cluster.ClusterError, ReviewError) as error:
        print(f"review-reader-cli: {error}", file=sys.stderr)
        return 1
    print(f"review-reader-cli: {done.done:,} reviews in {args.output} ({done.failed:,} could not be analysed)",
          file=sys.stderr)
    return max(int(done.failed > 0), notes(skipped, None))


def write_parquet(outcomes: Iterable[Outcome], output: Path, sentences: bool) -> int:
    """A Parquet file of the outcomes, a row a review, made in one step; the exit status."""
    try:
        with replacing(output) as temporary:
            return parquet.write_outcomes(outcomes, temporary, sentences)
    except OSError as error:
        if not about_output(error, output):
            raise
        print(f"review-reader-cli: {output} could not be written: {error.strerror or error}", file=sys.stderr)
        return 1


def notes(skipped: list[Path], unsaved_in: Path | None) -> int:
    """Say on stderr which folders were skipped and whether results could not be cached; 1 if folders were."""
    if unsaved_in:
        print(f"review-reader-cli: warning: some results could not be written to the cache in {unsaved_in}; "
              "the next run will analyse them again", file=sys.stderr)
    if not skipped:
        return 0
    names = ", ".join(str(folder) for folder in skipped[:5]) + (", …" if len(skipped) > 5 else "")
    print(f"review-reader-cli: {len(skipped)} folder{'s' if len(skipped) > 1 else ''} could not be read "
          f"and {'were' if len(skipped) > 1 else 'was'} skipped: {names}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
