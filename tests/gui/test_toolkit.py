"""The installed Qt binding must not corrupt reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a method that
returns void (``QWidget.setEnabled``, ``QPainter.save``…).  On Python < 3.12 ``None`` is
not immortal, so after a few thousand such calls — about 190 repaints of the main window —
the interpreter aborts with "Fatal Python error: none_dealloc".  PySide6 6.11.3 on 3.11 and
6.12.0 on 3.12 are both fine.  This test fails loudly instead of the app crashing later.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_methods_keep_none_alive():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        obj.setObjectName("x")
    lost = before - sys.getrefcount(None)
    assert lost < 50, (
        f"each void Qt call lost a reference to None ({lost} in 500 calls): this PySide6 build will crash "
        f"the app (none_dealloc). Use PySide6-Essentials != 6.12.0 or Python >= 3.12."
    )
