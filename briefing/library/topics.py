"""Topics: what a user briefs on, with the terms and phrases that find it in the library."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import ContentError
from briefing.library.validate import ID_PATTERN, FieldProblem, located
from briefing.yamlio import load_file, read_text


@dataclass
class Topic:
    """A subject the user follows: the terms that find its passages in the library."""

    id: str
    title: str
    description: str
    terms: list[str] = field(default_factory=list)
    origin: str = "bundled"


def _topic_from_data(item: Any, index: int) -> Topic:
    if not isinstance(item, dict):
        raise FieldProblem(("topics", index), "each topic must be a mapping")
    for key in ("id", "title", "terms"):  # a description is optional (a user's quick topic may have none)
        if item.get(key) in (None, "", []):
            raise FieldProblem(("topics", index), f"required field '{key}' is missing")
    if not isinstance(item["id"], str) or not ID_PATTERN.match(item["id"]):
        raise FieldProblem(("topics", index, "id"), "must be lower-case letters, digits, '.', '_' or '-'")
    item = {**item, "description": item.get("description") or ""}
    for key in ("title", "description"):
        if not isinstance(item[key], str):
            raise FieldProblem(("topics", index, key), "must be text")
    terms = item["terms"]
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise FieldProblem(("topics", index, "terms"), "must be a list of non-empty text")
    return Topic(item["id"], item["title"].strip(), item["description"].strip(), [t.strip() for t in terms])


def load_topics(path: Path, origin: str) -> tuple[list[Topic], list[ContentError]]:
    """One bad topic is reported and skipped; a bad file is reported whole."""
    try:
        data = load_file(path)
    except ContentError as exc:
        return [], [exc]
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        return [], [ContentError(path, "expected a mapping with a 'topics' list", 1, 1, "topics")]
    topics, problems, seen = [], [], set()
    for i, item in enumerate(data["topics"]):
        try:
            topic = _topic_from_data(item, i)
        except FieldProblem as problem:
            problems.append(located(path, lambda: read_text(path), problem))
            continue
        if topic.id in seen:
            problems.append(located(path, lambda: read_text(path), FieldProblem(("topics", i, "id"), f"duplicate topic id '{topic.id}'")))
            continue
        seen.add(topic.id)
        topic.origin = origin
        topics.append(topic)
    return topics, problems
