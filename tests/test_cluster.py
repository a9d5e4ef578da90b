"""analyze --cluster: the same rows as --jobs and the cache, from a LocalCluster, with a worker killed mid-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import dask
import pyarrow.parquet as pq
import pytest

from desktop.app import cluster, parquet
from desktop.app.batch import FULL, analyze_files, list_reviews
from desktop.app.cache import ResultCache

GOOD = "A wonderful, moving film.<br /><br />Anna Berg is superb and the music is beautiful."
BAD = "A dull, boring film. The plot is awful and Tom Reed is the worst actor I have seen."


@pytest.fixture
def table(tmp_path):
    """40 reviews as JSON Lines: line 5 is not JSON, row 9 has no text."""
    lines = [json.dumps({"text": (GOOD if n % 2 else BAD) + f" Seen {n} times.", "stars": 5 if n % 2 else 1})
             for n in range(1, 41)]
    lines[4] = "{not json"
    lines[8] = json.dumps({"text": "", "stars": 3})
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "analyze", *args], capture_output=True, text=True,
                          timeout=600)


def test_a_local_cluster_writes_the_rows_of_jobs_2_and_of_the_cache(table, tmp_path):
    jobs = cli(str(table), "--jobs", "2", "--format", "parquet", "--output", str(tmp_path / "jobs.parquet"),
               "--no-cache")
    spread = cli(str(table), "--cluster", "local:2", "--output", str(tmp_path / "parts"))
    assert jobs.returncode == spread.returncode == 1, spread.stderr  # two rows could not be analysed
    assert "40 reviews in" in spread.stderr and "(2 could not be analysed)" in spread.stderr
    rows = pq.read_table(tmp_path / "parts").to_pylist()
    assert rows == pq.read_table(tmp_path / "jobs.parquet").to_pylist()
    assert [row["row"] for row in rows] == list(range(1, 41))
    assert rows[4]["error"].startswith("This row is not valid JSON") and rows[8]["error"] == "This row has no text."
    cache = ResultCache(tmp_path / "cache")
    reviews = list_reviews([table])
    list(analyze_files(reviews, detail=FULL, cache=cache, jobs=2))
    cached = list(analyze_files(reviews, detail=FULL, cache=cache, jobs=1))
    assert parquet.table(cached).to_pylist() == rows


def test_a_worker_killed_mid_run_has_its_parts_run_again(table, tmp_path):
    reviews = list_reviews([table])
    expected = parquet.table(analyze_files(reviews, detail=FULL, jobs=1)).to_pylist()
    with cluster.connected("local:2") as client:
        workers = client.run(os.getpid)
        assert set(client.run(dask.config.get, cluster.PROFILER).values()) == {False}  # it costs 10%
        killed = []

        def kill_one(state):
            if state.done and not killed:  # a part is back: the other worker is busy with the next
                killed.append(next(iter(workers.values())))
                os.kill(killed[0], signal.SIGKILL)

        done = cluster.analyse_on_cluster(iter(reviews), len(reviews), client, tmp_path / "parts", progress=kill_one,
                                          part_size=4)
    assert killed and (done.done, done.failed) == (40, 2)
    assert sorted(path.name for path in (tmp_path / "parts").iterdir()) == [f"part-{n:05d}.parquet" for n in range(10)]
    assert pq.read_table(tmp_path / "parts").to_pylist() == expected


def test_the_sending_process_keeps_only_a_few_of_the_parts_it_sent(table, tmp_path):
    reviews = list_reviews([table])
    with cluster.connected("local:1") as client:
        cluster.analyse_on_cluster(iter(reviews), len(reviews), client, tmp_path / "parts", part_size=1)
        streams = [client.scheduler_comm, *client.cluster.scheduler.stream_comms.values()]
        kept = [len(stream.recent_message_log) for stream in streams]
    # Dask's own default keeps the last 1,000 messages, every part's reviews among them: memory that grows
    assert len(streams) == 2 and 0 < max(kept) <= cluster.KEPT_MESSAGES


def test_the_cluster_option_wants_a_new_or_empty_folder_and_a_reachable_scheduler(table, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    assert "must be a new or empty folder" in cli(str(table), "--cluster", "local:1", "--output",
                                                  str(tmp_path / "full")).stderr
    assert "name it with --output FOLDER" in cli(str(table), "--cluster", "local:1").stderr
    refused = cli(str(table), "--cluster", "tcp://127.0.0.1:9", "--output", str(tmp_path / "out"))
    assert refused.returncode == 1 and "could not be reached" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_parts_take_the_reviews_as_they_go_out_never_the_whole_listing(table):
    taken = []

    def listing():
        for review in list_reviews([table]):
            taken.append(review)
            yield review

    parts = cluster.parts(listing(), size=4)
    first = next(parts)
    assert len(first.items) == 4 and len(taken) == 4  # the fifth review is not read yet
    assert first.items[0][1].startswith("A wonderful") and first.items[0][2] is None
    fifth = next(parts).items[0]
    assert fifth[1] is None and fifth[2].startswith("This row is not valid JSON")
    assert sum(len(part.items) for part in parts) == 32
