"""Adding a passage that is already in the briefing: say where it is and ask before adding it again."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_add_again(parent: QWidget | None, text: str) -> bool:
    """Yes/No, defaulting to No (tests replace this function)."""
    answer = QMessageBox.question(parent, "Already in the briefing", text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def confirm_duplicates(parent: QWidget | None, controller, excerpts: list) -> bool:
    """True when none of ``excerpts`` is already quoted, or the user wants them added anyway."""
    found = []
    for excerpt in excerpts:
        existing = controller.duplicate_of(excerpt.source_id, excerpt.paragraph, excerpt.start, excerpt.end)
        if existing is not None:
            section = controller.briefing.find_item(existing.id)[0]
            found.append(f"¶{excerpt.paragraph} is already quoted in “{section.title}”")
    if not found:
        return True
    return ask_add_again(parent, "; ".join(found) + ".\n\nAdd it again?")
