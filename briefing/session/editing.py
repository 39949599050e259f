"""The edits a user makes to the open briefing, each one undo step (mixed into ``DocumentSession``).

Plain Python: every method builds commands from ``briefing.model.edits`` and pushes them, so the
GUI, the CLI and tests make the same edits with the same rules (where an excerpt lands, what
counts as a duplicate, which fields of which kind of item may change).
"""

from __future__ import annotations

from briefing.errors import BriefingError
from briefing.model import Excerpt, Note, Section, Subheading, anchoring, edits, kinds

DEFAULT_SECTION_TITLE = "Excerpts"
SECTION_TEXT_FIELDS = ("title", "purpose", "kind")


class Editing:
    """Needs ``briefing``, ``library``, ``push``, ``current_section_id`` from the session."""

    current_topic_id: str | None = None  # the topic the user is working on (Topics pane)

    # -- lookups ---------------------------------------------------------------------------
    def section(self, section_id: str | None) -> Section | None:
        found = self.briefing.find_section(section_id) if section_id else None
        return found[0] if found else None

    def item(self, item_id: str):
        found = self.briefing.find_item(item_id)
        return found[0].items[found[1]] if found else None

    def selected_section_id(self) -> str | None:
        """The current section if it still exists."""
        current = self.current_section_id
        return current if current and self.briefing.find_section(current) else None

    def _push_all(self, commands: list, text: str) -> None:
        """Several commands as one undo step."""
        if len(commands) == 1:
            self.push(commands[0])
        elif commands:
            self.push(edits.Compound(text, commands))

    # -- sections ----------------------------------------------------------------------------
    def add_section(self, title: str = "New section", index: int | None = None, topic_id: str | None = None) -> str:
        section = Section(title=title, topic_id=topic_id)
        index = len(self.briefing.sections) if index is None else index
        self.push(edits.AddSection(index, section))
        self.current_section_id = section.id
        return section.id

    def rename_section(self, section_id: str, title: str) -> None:
        section = self.section(section_id)
        if section is not None and title.strip() and title != section.title:
            self.push(edits.EditSection(section_id, title=title.strip()))

    def set_section_fields(self, section_id: str, merge: bool = False, **values) -> None:
        """Any of title, purpose, kind, key_points, talking_points, discussion_questions; one undo step
        for the ones that really changed."""
        section = self.section(section_id)
        if section is None:
            return
        changed = {name: (list(value) if isinstance(value, list) else value)
                   for name, value in values.items() if value is not None and getattr(section, name) != value}
        if changed.get("title") is not None and not changed["title"].strip():
            del changed["title"]  # a section keeps a title
        if changed:
            self.push(edits.EditSection(section_id, **changed), merge=merge)

    def set_section_lists(self, section_id: str, *, key_points: list[str] | None = None,
                          discussion_questions: list[str] | None = None) -> None:
        self.set_section_fields(section_id, key_points=key_points, discussion_questions=discussion_questions)

    def move_section(self, section_id: str, to_index: int) -> None:
        found = self.briefing.find_section(section_id)
        if found is None:
            return
        to_index = max(0, min(to_index, len(self.briefing.sections) - 1))
        if to_index != found[1]:
            self.push(edits.MoveSection(section_id, to_index))

    # -- where new things go --------------------------------------------------------------------
    def _target_section(self, section_id: str | None) -> str:
        """The given section, else the selected one, else the last, else a new "Excerpts" section."""
        for candidate in (section_id, self.selected_section_id()):
            if candidate and self.briefing.find_section(candidate):
                return candidate
        if self.briefing.sections:
            return self.briefing.sections[-1].id
        return self.add_section(DEFAULT_SECTION_TITLE)

    def excerpt_section(self, topic_id: str | None = None) -> tuple[str | None, str]:
        """Where an excerpt from the reader goes: (section id or None to create, its title).

        The selected section; with none selected, the current topic's section (made if missing);
        with neither, a section called "Excerpts" (made if missing)."""
        selected = self.section(self.selected_section_id())
        if selected is not None:
            return selected.id, selected.title
        topic_id = topic_id or self.current_topic_id
        if topic_id:
            section = self.briefing.section_for_topic(topic_id)
            if section is not None:
                return section.id, section.title
            topic = self.library.topics.get(topic_id) if self.library is not None else None
            return None, topic.title if topic is not None else topic_id
        existing = next((s for s in self.briefing.sections if s.title == DEFAULT_SECTION_TITLE), None)
        return (existing.id if existing else None), DEFAULT_SECTION_TITLE

    def place_excerpts(self, excerpts: list[Excerpt], topic_id: str | None = None) -> str:
        """Add excerpts where ``excerpt_section`` says, as one undo step; returns the section's title."""
        section_id, title = self.excerpt_section(topic_id)
        commands: list[edits.Command] = []
        if section_id is None:
            new = Section(title=title, topic_id=topic_id or self.current_topic_id)
            commands.append(edits.AddSection(len(self.briefing.sections), new))
            section_id = new.id
            start = 0
        else:
            start = len(self.section(section_id).items)
        commands += [edits.AddItem(section_id, start + n, excerpt) for n, excerpt in enumerate(excerpts)]
        self._push_all(commands, "Add excerpts" if len(excerpts) > 1 else "Add excerpt")
        return title

    # -- items ----------------------------------------------------------------------------------
    def add_item(self, item, section_id: str | None = None, index: int | None = None) -> str:
        section_id = self._target_section(section_id)
        section = self.section(section_id)
        index = len(section.items) if index is None else max(0, min(index, len(section.items)))
        self.push(edits.AddItem(section_id, index, item))
        return item.id

    def add_items(self, items: list, section_id: str | None = None, index: int | None = None) -> list[str]:
        """Several items in a row at one place, as one undo step (a multi-paragraph drop)."""
        section_id = self._target_section(section_id)
        section = self.section(section_id)
        start = len(section.items) if index is None else max(0, min(index, len(section.items)))
        self._push_all([edits.AddItem(section_id, start + n, item) for n, item in enumerate(items)], "Add excerpts")
        return [item.id for item in items]

    def add_excerpt(self, excerpt: Excerpt, topic_id: str | None = None, section_id: str | None = None,
                    index: int | None = None) -> str:
        """Into the topic's section (made, titled after the topic, if missing), else the current one."""
        if topic_id and section_id is None:
            section = self.briefing.section_for_topic(topic_id)
            if section is None:
                topic = self.library.topics.get(topic_id) if self.library is not None else None
                section_id = self.add_section(topic.title if topic is not None else topic_id, topic_id=topic_id)
            else:
                section_id = section.id
        return self.add_item(excerpt, section_id, index)

    def excerpt_from_source(self, source_id: str, paragraph: int, start: int, end: int) -> Excerpt:
        """Raises BriefingError in plain words when the source or span is not usable."""
        source = self.library.sources.get(source_id) if self.library is not None else None
        if source is None:
            raise BriefingError(f"The source “{source_id}” is not in the library.")
        try:
            return anchoring.make_excerpt(source, paragraph, start, end)
        except ValueError as exc:
            raise BriefingError(f"That selection cannot be quoted: {exc}") from exc

    def duplicate_of(self, source_id: str, paragraph: int, start: int = 0, end: int | None = None) -> Excerpt | None:
        """An excerpt already in the briefing that quotes (part of) the same passage, else None."""
        for excerpt in self.briefing.all_excerpts():
            if excerpt.source_id == source_id and excerpt.paragraph == paragraph:
                if end is None or (excerpt.start < end and start < excerpt.end):
                    return excerpt
        return None

    def quoted_paragraphs(self) -> set[tuple[str, int]]:
        """(source id, paragraph) of every excerpt: suggestions and the reader mark these."""
        return {(e.source_id, e.paragraph) for e in self.briefing.all_excerpts()}

    def add_note(self, text: str = "", section_id: str | None = None, index: int | None = None) -> str:
        return self.add_item(Note(text=text or "New note"), section_id, index)

    def add_subheading(self, text: str = "", section_id: str | None = None, index: int | None = None) -> str:
        return self.add_item(Subheading(text=text or "New sub-heading"), section_id, index)

    def set_item_text(self, item_id: str, text: str) -> None:
        """Only kinds whose text is the user's own (notes, sub-headings); a quote is never edited by hand."""
        item = self.item(item_id)
        if item is None or not kinds.of(item).text_editable or not text.strip() or text == item.text:
            return
        self.push(edits.EditItem(item_id, text=text))

    def set_comment(self, item_id: str, comment: str) -> None:
        item = self.item(item_id)
        if item is not None and "comment" in kinds.of(item).editable and comment != item.comment:
            self.push(edits.EditItem(item_id, comment=comment))

    def trim_excerpt(self, item_id: str, start: int, end: int) -> None:
        """Keep ``excerpt.text[start:end]``; raises BriefingError when the source no longer has the quote."""
        excerpt = self.item(item_id)
        if excerpt is None or not kinds.of(excerpt).quoted:
            return
        from briefing.model.sentences import snap_to_words  # its word patterns are compiled on the first trim

        start, end = snap_to_words(excerpt.text, start, end)  # a trim never cuts a word in half
        if (start, end) == (0, len(excerpt.text)):
            return
        source = self.library.sources.get(excerpt.source_id) if self.library is not None else None
        if source is None:
            raise BriefingError(f"The source “{excerpt.source_id}” is not in the library, so the quote cannot be trimmed.")
        try:
            trimmed = anchoring.trim(excerpt, source, start, end)
        except ValueError as exc:
            raise BriefingError(f"Could not trim the excerpt: {exc}") from exc
        self.push(edits.ReplaceItem(item_id, trimmed))

    def remove(self, ids: list[str]) -> None:
        """Delete sections and/or items (one undo step). Items inside a deleted section go with it."""
        section_ids = [i for i in ids if self.briefing.find_section(i)]
        doomed_sections = set(section_ids)
        commands = []
        for item_id in ids:
            found = self.briefing.find_item(item_id)
            if found and found[0].id not in doomed_sections:
                commands.append(edits.RemoveItem(item_id))
        commands.extend(edits.RemoveSection(sid) for sid in section_ids)
        what = "section" if section_ids and len(commands) == 1 else "item" if len(commands) == 1 else "items"
        self._push_all(commands, f"Delete {what}")

    def move_items(self, item_ids: list[str], to_section_id: str, to_index: int) -> None:
        """Move items (in the given order) so they sit at ``to_index`` of the target section as it is now.

        ``to_index`` counts rows of the target before the move (as a drop position does); moved
        rows above it in the same section are accounted for.
        """
        target = self.section(to_section_id)
        if target is None:
            return
        ids = [i for i in item_ids if self.briefing.find_item(i)]
        if not ids:
            return
        to_index = max(0, min(to_index, len(target.items)))
        before = sum(1 for i, item in enumerate(target.items) if i < to_index and item.id in ids)
        final = to_index - before
        order_now = [item.id for item in target.items]
        if len(ids) == 1:
            commands = [edits.MoveItem(ids[0], to_section_id, final)]
        else:
            # Gather them at the end in order, then place each: every step's index is then exact.
            commands = [edits.MoveItem(i, to_section_id, -1) for i in ids]
            commands += [edits.MoveItem(i, to_section_id, final + k) for k, i in enumerate(ids)]
        # Skip a no-op (dropping items back where they are).
        remaining = [i for i in order_now if i not in ids]
        if all(self.briefing.find_item(i)[0].id == to_section_id for i in ids):
            if remaining[:final] + ids + remaining[final:] == order_now:
                return
        self._push_all(commands, "Move item" if len(ids) == 1 else "Move items")

    # -- the briefing's own details ----------------------------------------------------------------
    def set_glossary(self, terms: dict[str, str]) -> None:
        """Replace the glossary (blank terms dropped, whitespace trimmed); no step when unchanged."""
        cleaned = {t.strip(): d.strip() for t, d in terms.items() if t and t.strip()}
        if cleaned != self.briefing.glossary:
            self.push(edits.SetGlossary(cleaned))

    def set_meta(self, field: str, value: str, merge: bool = False) -> None:
        if getattr(self.briefing.meta, field) != value:
            self.push(edits.SetMeta(**{field: value}), merge=merge)
