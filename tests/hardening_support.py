"""Shared helpers for the hardening tests (no tests here): a local listener that must hear
nothing, hostile payloads, and a small user library written to disk."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

from briefing import yamlio
from briefing.library import Library


class Listener:
    """A TCP server on 127.0.0.1 (ephemeral port) that records every connection it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    data = conn.recv(4096)
                except OSError:
                    data = b""
                self.connections.append(data or b"<connected>")
                try:
                    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


def payloads(marker: Path, port: int) -> list[str]:
    """Markup that must come out of the PDF (or GUI) as literal text and do nothing."""
    return [
        f"<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch {marker}')]]]\">exploit</font>",
        '<img src="file:///etc/passwd"/>',
        f'<img src="http://127.0.0.1:{port}/"/>',
        "<b>unbalanced <i>tags</b> <para",
        "Fish & Chips &amp; &#65; < 5 > 3",
        "ctl\x01\x07\x1b end",
    ]


def write_source(root: Path, source_id: str, meta: dict, text: str) -> None:
    folder = root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{source_id}.yaml").write_text(yamlio.dumps({"id": source_id, **meta}), encoding="utf-8")
    (folder / f"{source_id}.txt").write_text(text, encoding="utf-8")


def user_library(root: Path) -> Library:
    return Library.load(roots=[(root, "user")], cache_path=False)


def nows(text: str) -> str:
    """Text without any whitespace: PDF line breaks may fall anywhere, even inside a long token."""
    return "".join(text.split())
