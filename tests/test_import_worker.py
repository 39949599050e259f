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
