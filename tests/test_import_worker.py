"""The reading process: a time limit, cancelling, and a fresh process after one is killed."""

from __future__ import annotations

import pytest

from briefing.errors import ContentError
from briefing.importing import Cancelled, ExtractWorker

from import_fixtures import HTML_PAGE


def test_a_file_that_takes_too_long_is_stopped_with_a_message(tmp_path):
    path = tmp_path / "slow.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    # a limit shorter than the reader's start-up: the read is killed and reported, naming the file
    with ExtractWorker(time_limit=0.05) as worker:
        with pytest.raises(ContentError) as info:
            worker.extract(path)
    assert info.value.path == path and "took longer than" in str(info.value)


def test_cancel_stops_the_read_and_the_next_file_gets_a_fresh_process(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    with ExtractWorker() as worker:
        with pytest.raises(Cancelled):
            worker.extract(path, cancelled=lambda: True)
        assert worker.extract(path).value("site") == "The Daily Ledger"


def test_a_file_that_needs_more_memory_than_the_limit_is_refused_and_the_app_goes_on(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(("word " * 200 + "\n\n") * 15000, encoding="utf-8")  # 14 MB of text
    small = tmp_path / "small.txt"
    small.write_text("Small\n\nA short memo about the border.\n", encoding="utf-8")
    with ExtractWorker(memory_limit=60 * 1024 * 1024) as worker:  # POSIX RLIMIT_AS in the reader process
        with pytest.raises(ContentError) as info:
            worker.extract(path)
        assert info.value.path == path and "memory" in str(info.value)
        assert [b.text for b in worker.extract(small).kept()] == ["A short memo about the border."]
