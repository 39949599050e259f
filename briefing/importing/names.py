"""File names as text: a name need not be valid UTF-8 on disk (Python holds such bytes as lone
surrogates), and a lone surrogate can be neither printed nor saved in YAML."""


def display_name(name: str) -> str:
    """``name`` with undecodable bytes shown as U+FFFD, safe to print and to save."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
