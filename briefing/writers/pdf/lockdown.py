"""Close reportlab's own file and network fetching: a second line of defence behind ``markup.esc``.

reportlab can fetch images and other resources by URL (``lib.utils.open_for_read`` ->
``rlUrlRead``) when markup such as ``<img src=...>`` reaches a Paragraph, and it evaluates
colour expressions in markup attributes (the shape of CVE-2023-33733).  Untrusted text never
reaches Paragraph markup unescaped, but if a future bug let some through, these settings keep
reportlab from fetching anything by URL scheme (``file:``, ``http(s):``, ``data:``, ``ftp:``,
``rml:``) and from evaluating colour expressions.  They are applied when ``briefing.writers.pdf`` is
imported and again before every export, overriding ``RL_trustedHosts``/``RL_trustedSchemes``
from the environment or a ``reportlab_settings.py``.
"""

from __future__ import annotations

from reportlab import rl_config


def lock_down_reportlab() -> None:
    rl_config.trustedSchemes = []  # no URL scheme may be fetched by reportlab
    # and no host is trusted: an empty list, since reportlab 4.4-4.5.1 read None as "every host"
    # (tests/test_reportlab_lockdown.py checks file:, http: and data: on the pinned line)
    rl_config.trustedHosts = []
    rl_config.toColorCanUse = None  # colour strings: literals and names only, nothing evaluated


lock_down_reportlab()
