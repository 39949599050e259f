"""Shared benchmark plumbing: cached fixture libraries, an isolated per-user home, medians.

Libraries are generated once by ``benchmarks.fixtures.make_library`` into
``benchmarks/.cache/`` (gitignored) and reused; a ``.complete`` marker guards against a
half-written cache.  Every benchmark points ``BRIEFING_BOOK_HOME`` at a temporary
directory so no real user data or index is touched.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from benchmarks import fixtures

CACHE = Path(__file__).resolve().parent / ".cache"
FIXTURE_VERSION = 2  # bump when fixtures.make_library changes its output (2: Zipf vocabulary, sparse phrases)


def library_root(n: int) -> Path:
    """The cached synthetic library of ``n`` sources, generating it the first time."""
    root = CACHE / f"library-{n}-v{FIXTURE_VERSION}"
    if not (root / ".complete").exists():
        if root.exists():
            shutil.rmtree(root)
        fixtures.make_library(root, n)
        (root / ".complete").write_text("ok\n")
    return root


@contextmanager
def isolated_home(prefix: str = "bb-bench-"):
    """A fresh ``BRIEFING_BOOK_HOME`` for the duration of the block."""
    old = os.environ.get("BRIEFING_BOOK_HOME")
    home = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["BRIEFING_BOOK_HOME"] = str(home)
    try:
        yield home
    finally:
        if old is None:
            os.environ.pop("BRIEFING_BOOK_HOME", None)
        else:
            os.environ["BRIEFING_BOOK_HOME"] = old
        shutil.rmtree(home, ignore_errors=True)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call, with the garbage collector out of the measured span."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        result = fn()
        return time.perf_counter() - t0, result
    finally:
        gc.enable()


def median_time(fn: Callable[[], object], runs: int, warmup: int = 1) -> tuple[float, list[float]]:
    """Median seconds over ``runs`` calls after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        fn()
    times = [timed(fn)[0] for _ in range(runs)]
    return statistics.median(times), times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def spawn_worker(module: str, kind: str, runs: int) -> dict:
    """``python -m <module> --worker <kind> <runs>`` in a fresh process: the JSON it prints last,
    or {"error": ...} with the last line of its stderr."""
    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(repo))
    proc = subprocess.run([sys.executable, "-m", module, "--worker", kind, str(runs)],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])
