"""No network: the engine and the CLI open no sockets, and NLTK's downloader is turned off."""

from __future__ import annotations

import json
import subprocess
import sys

import nltk
import pytest

from desktop.engine import MissingDataError, nlp

# Runs in a fresh process: every way to open a socket or look up a host is recorded and refused
# before anything of the app is imported, so model loading is watched too.
GUARDED = """
import json, socket, sys
attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args)[:80])
    raise OSError("network access attempted")

class GuardedSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        refuse(*args)

socket.socket = GuardedSocket
socket.create_connection = socket.getaddrinfo = refuse

import nltk
from desktop import cli
from desktop.engine import analyze, models
models()
reviews = sys.argv[1:]
results = [analyze(open(path, "rb").read(), name=path).verdict.label for path in reviews]
status = cli.main(["analyze", "--jobs", "1", "--no-cache", "--format", "text", *reviews])
during = list(attempts)
downloader_off = nltk.download.__name__ == "refuse_download"

import urllib.request
try:  # the guard itself: real network use is caught
    urllib.request.urlopen("http://example.com/", timeout=5)
except OSError:
    pass
print(json.dumps({"results": results, "status": status, "during": during,
                  "downloader_off": downloader_off, "guard_caught": len(attempts) > len(during)}))
"""

REVIEWS = {
    "1_9.txt": "Tom Hanks is superb. A wonderful film.<br /><br />Highly recommended.",
    "2_2.txt": "The plot was dull and the acting terrible. Awful, a waste of time.",
    "3_7.txt": "Meryl Streep is fine, but the script is clumsy. Still, I enjoyed it. 7/10",
}


def test_analysing_and_the_cli_open_no_sockets(tmp_path):
    paths = []
    for name, text in REVIEWS.items():
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    done = subprocess.run([sys.executable, "-c", GUARDED, *paths], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["results"] == ["positive", "negative", "positive"] and report["status"] == 0
    assert report["during"] == []
    assert report["downloader_off"] is True
    assert report["guard_caught"] is True


@pytest.mark.parametrize("download", [
    lambda: nltk.download("punkt"),
    lambda: nltk.downloader.download("words", quiet=True),
    lambda: nltk.downloader.Downloader().download("names"),
])
def test_nltk_downloads_are_refused_with_the_fix(download):
    nlp.use_project_data()
    with pytest.raises(MissingDataError, match="never downloads") as refused:
        download()
    assert nlp.FIX_COMMAND in str(refused.value)


def test_every_listed_nltk_package_is_provisioned():
    from desktop.engine import nlp

    assert {"punkt_tab", "averaged_perceptron_tagger_eng", "names"} <= set(nlp.required_packages())
    assert nlp.missing_packages() == []
