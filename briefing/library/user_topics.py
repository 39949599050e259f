"""The user's own topics: create, edit, remove, stored in the user library's ``topics.yaml``.

A user topic with a bundled topic's id overrides it (the library loads the user root last);
removing a topic the bundle also has writes its id to ``hidden-topics.yaml``, which the library
applies after loading each root, so the bundled one does not come back.  Writes are atomic and
hold the user-library lock, like source corrections.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing.errors import BriefingError
from briefing.library.topics import Topic, load_topics
from briefing.library.validate import ID_PATTERN
from briefing.locking import file_lock
from briefing.yamlio import atomic_write_text, dumps, load_file

HIDDEN_FILE = "hidden-topics.yaml"
TOPICS_FILE = "topics.yaml"


def hidden_topic_ids(root: Path) -> set[str]:
    """Ids a library root hides from the roots before it (an unreadable file hides nothing)."""
    path = Path(root) / HIDDEN_FILE
    if not path.is_file():
        return set()
    try:
        data = load_file(path)
    except Exception:  # noqa: BLE001 - a broken hide list must not stop the library loading
        return set()
    hidden = data.get("hidden") if isinstance(data, dict) else None
    return {h for h in hidden if isinstance(h, str)} if isinstance(hidden, list) else set()


def new_topic_id(title: str, taken) -> str:
    """A readable id from the title ("Security training" -> "security-training"), unique among ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "topic"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_topic(topic: Topic) -> None:
    """Plain-words BriefingError for a topic that could not be saved and loaded back."""
    if not ID_PATTERN.match(topic.id or ""):
        raise BriefingError(f"“{topic.id}” cannot be a topic id: use lower-case letters, digits, '.', '_' or '-'.")
    if not topic.title.strip():
        raise BriefingError("A topic needs a title.")
    if not [t for t in topic.terms if t.strip()]:
        raise BriefingError("A topic needs at least one search term.")


def _paths(library) -> tuple[Path, Path]:
    root = library.user_root
    return root / TOPICS_FILE, root / HIDDEN_FILE


def _read_user(path: Path) -> list[Topic]:
    if not path.is_file():
        return []
    topics, problems = load_topics(path, "user")
    if problems:
        raise BriefingError(f"Your topics file has a problem; fix it first: {problems[0]}")
    return topics


def _write(path: Path, topics: list[Topic]) -> None:
    data = {"topics": [{"id": t.id, "title": t.title, "description": t.description, "terms": list(t.terms)}
                       for t in topics]}
    atomic_write_text(path, dumps(data))


def _write_hidden(path: Path, hidden: set[str]) -> None:
    if hidden:
        atomic_write_text(path, dumps({"hidden": sorted(hidden)}))
    elif path.exists():
        path.unlink()


def save_topic(library, topic: Topic, old_id: str | None = None) -> Topic:
    """Create or replace a user topic (``old_id``: the id it had, when renamed); updates ``library.topics``."""
    topic = Topic(topic.id, topic.title.strip(), topic.description.strip(),
                  [t.strip() for t in topic.terms if t.strip()], "user")
    check_topic(topic)
    topics_path, hidden_path = _paths(library)
    topics_path.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(library.user_lock_path, what="your library"):
        topics = [t for t in _read_user(topics_path) if t.id not in (topic.id, old_id)]
        _write(topics_path, topics + [topic])
        hidden = hidden_topic_ids(topics_path.parent) - {topic.id}
        _write_hidden(hidden_path, hidden)
    if old_id and old_id != topic.id:
        library.topics.pop(old_id, None)
    library.topics[topic.id] = topic
    return topic


def remove_topic(library, topic_id: str, bundled_ids: set[str]) -> None:
    """Remove a topic; one the bundle has is hidden so it stays gone.  KeyError if unknown."""
    if topic_id not in library.topics:
        raise KeyError(topic_id)
    topics_path, hidden_path = _paths(library)
    topics_path.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(library.user_lock_path, what="your library"):
        user = _read_user(topics_path)
        if any(t.id == topic_id for t in user):
            _write(topics_path, [t for t in user if t.id != topic_id])
        if topic_id in bundled_ids:
            _write_hidden(hidden_path, hidden_topic_ids(topics_path.parent) | {topic_id})
    del library.topics[topic_id]


def bundled_topic_ids(library) -> set[str]:
    """Ids of topics in the roots before the user's (what removing must hide)."""
    ids: set[str] = set()
    for root, origin in library.roots:
        if origin != "user":
            ids.update(t.id for t in load_topics(Path(root) / TOPICS_FILE, origin)[0])
    return ids
