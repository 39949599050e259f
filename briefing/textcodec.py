"""Telling the encoding of text that is not UTF-8, in one place for the importer and the library.

The importer decodes a legacy file in the encoding found here; the library, which reads its
texts as UTF-8 only, names the same encoding in its message — so a Big5 or Shift-JIS file is
called what it is, not "Windows-1252" because almost any bytes decode as that.
"""

from __future__ import annotations

# what a user calls the encodings charset-normalizer reports (its codec names), by family
_FAMILIES = (
    (("cp1252", "latin_1", "iso8859_15"), "Windows-1252/Latin-1"),
    (("big5", "big5hkscs", "cp950"), "Big5 (Traditional Chinese)"),
    (("euc_jp", "euc_jis_2004", "euc_jisx0213"), "EUC-JP (Japanese)"),
    (("shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"), "Shift-JIS (Japanese)"),
    (("cp949", "euc_kr", "johab"), "CP949/EUC-KR (Korean)"),
    (("gb2312", "gbk", "gb18030", "hz"), "GB18030/GBK (Simplified Chinese)"),
)


def guess(data: bytes) -> tuple[str, str] | None:
    """``(text, codec name)`` of bytes that are not UTF-8, or None when the encoding cannot be told.

    On a tie, the most common legacy encoding wins: Western Windows text is cp1252, and a short
    one scores the same as cp1250/cp1257 (which would turn "naïve" into "naďve")."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    ties = [m for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in ties if "cp1252" in m.could_be_from_charset), best)
    return str(best), best.encoding


_WESTERN = _FAMILIES[0][1]


def name_of(data: bytes) -> str | None:
    """What to call the encoding of ``data`` in a message.  A multi-byte (East Asian) family is
    named as found; a single-byte guess for bytes that also read as Windows-1252 is called that,
    the most common by far (charset-normalizer cannot tell cp1250 from cp1252 on a short "Café")."""
    found = guess(data)
    name = label(found[1]) if found is not None else None
    if name in {label for _, label in _FAMILIES[1:]}:
        return name
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return name
    return _WESTERN


def label(encoding: str) -> str:
    """The name a user knows an encoding by ("Big5 (Traditional Chinese)"), else its codec name."""
    key = encoding.lower().replace("-", "_")
    return next((name for codecs, name in _FAMILIES if key in codecs), encoding.upper().replace("_", "-"))
