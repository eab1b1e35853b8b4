"""beside: a part of a load worked out in a forked child, or in the caller wherever that is unsafe, not worth it or
fails; and a load that reads the stored texts apart finds what a plain load finds."""

import json
import os
import subprocess
import sys
import threading

from dashboard.records.beside import beside
from tests.helpers import FIXTURES, REPO

#: Run in a new interpreter, where only one thread runs, so that beside() may fork (pytest's may have others).
CHILD_CASES = """
import json, os, threading
from dashboard.records.beside import beside
parent = os.getpid()

def pid():
    return os.getpid()

def fails_in_child():
    if os.getpid() != parent:
        raise ValueError("in the child")
    return "worked out here"

def dies_in_child():
    if os.getpid() != parent:
        os._exit(3)
    return "worked out here"

def unpicklable():
    return os.getpid(), threading.Lock()

def fails_everywhere():
    raise KeyError("everywhere")

out = {
    "forked": beside(pid, worth_it=True).wait() != parent,
    "failed": beside(fails_in_child, worth_it=True).wait(),
    "died": beside(dies_in_child, worth_it=True).wait(),
    "unpicklable": beside(unpicklable, worth_it=True).wait()[0] == parent,
}
try:
    beside(fails_everywhere, worth_it=True).wait()
except KeyError as exc:
    out["raised"] = str(exc)
print(json.dumps(out))
"""

#: Each fixture project loaded as the command line loads it, its texts read in a forked child, summarised as JSON.
LOAD_APART = """
import json, os, sys
from pathlib import Path
from dashboard.records import cache, sources
from dashboard.records.dataset import load_dataset
sources.FORK_SOURCES_BYTES = 0
forks = []
fork = os.fork
os.fork = lambda: forks.append(1) or fork()
out = {}
with cache.disabled():
    for root in sys.argv[1:]:
        data = load_dataset(Path(root))
        out[root] = [
            [p.format() for p in data.problems],
            {sid: [t.sha256, t.language.CODE, t.text] for sid, t in data.texts.items()},
            [[r.observation.quote, r.verified, r.line] for r in data.records],
            sorted(data.changed),
            data.language_basis,
        ]
print(json.dumps({"forks": len(forks), "loads": out}))
"""


def _python(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO, check=True)
    return json.loads(done.stdout)


def test_the_caller_works_it_out_where_forking_is_not_worth_it_or_not_safe():
    assert beside(os.getpid, worth_it=False).wait() == os.getpid()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert beside(os.getpid, worth_it=True).wait() == os.getpid(), "a process with two threads must not fork"
    finally:
        release.set()
        other.join()


def test_in_a_process_of_one_thread_a_child_works_it_out_and_any_failure_falls_back_to_the_caller():
    assert _python(CHILD_CASES) == {
        "forked": True,
        "failed": "worked out here",
        "died": "worked out here",
        "unpicklable": True,
        "raised": "'everywhere'",
    }


def test_a_load_that_reads_the_texts_apart_finds_what_a_plain_load_finds():
    from dashboard.records.dataset import load_dataset

    roots = [FIXTURES / name for name in ("project", "ru_project", "disagree_project", "hostile_project")]
    apart = _python(LOAD_APART, *map(str, roots))
    assert apart["forks"] == len(roots)
    for root in roots:
        data = load_dataset(root)
        plain = [
            [p.format() for p in data.problems],
            {sid: [t.sha256, t.language.CODE, t.text] for sid, t in data.texts.items()},
            [[r.observation.quote, r.verified, r.line] for r in data.records],
            sorted(data.changed),
            data.language_basis,
        ]
        assert apart["loads"][str(root)] == plain, root.name
