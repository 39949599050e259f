"""reportlab fetches nothing by URL once locked down, on the reportlab line the package pins.

reportlab's ``open_for_read`` falls back to ``rlUrlRead`` for anything that is not a local file
name; whether a URL is fetched depends on ``rl_config.trustedSchemes``/``trustedHosts``, whose
meaning has changed between releases (4.4-4.5.1 read ``trustedHosts=None`` as "every host").
So the test runs the real fetch, with a control that shows the same call would have succeeded.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from reportlab import rl_config
from reportlab.lib.utils import open_for_read

from briefing.writers.pdf.lockdown import lock_down_reportlab
from hardening_support import Listener

REPO = Path(__file__).resolve().parents[1]
READABLE = Path("/etc/hostname") if Path("/etc/hostname").is_file() else Path(__file__)


def declared_reportlab() -> Requirement:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return next(Requirement(d) for d in deps if Requirement(d).name == "reportlab")


def test_the_declared_range_is_the_line_the_tests_run_on():
    spec = declared_reportlab().specifier
    assert version("reportlab") in spec
    # 4.2/4.3 crash every export; 4.4-4.5.1 trust every host with trustedHosts=None; 6 is unknown
    for bad in ("4.2", "4.3.1", "4.4.0", "4.5.1", "6.0"):
        assert bad not in spec, bad


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def urls(port: int) -> dict[str, str]:
    return {"file": READABLE.resolve().as_uri(), "http": f"http://127.0.0.1:{port}/logo.png",
            "data": "data:text/plain;base64,c2VjcmV0"}


def test_trusted_settings_fetch_everything_control(listener):
    rl_config.trustedSchemes, rl_config.trustedHosts = ["file", "http", "data"], ["*"]
    try:
        fetched = {scheme: open_for_read(url).read() for scheme, url in urls(listener.port).items()}
    finally:
        lock_down_reportlab()
    assert fetched["data"] == b"secret" and fetched["http"] == b"ok"
    assert fetched["file"] == READABLE.read_bytes()
    assert listener.connections


@pytest.mark.parametrize("scheme", ["file", "http", "data"])
def test_locked_down_reportlab_refuses_urls(listener, scheme):
    rl_config.trustedSchemes, rl_config.trustedHosts = ["file", "http", "data"], ["*"]  # a careless config
    lock_down_reportlab()  # what every export does first
    assert rl_config.trustedHosts == [] and rl_config.trustedSchemes == []
    with pytest.raises(OSError):
        open_for_read(urls(listener.port)[scheme])
    assert not listener.connections
