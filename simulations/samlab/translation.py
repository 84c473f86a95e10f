"""The languages samlab speaks, and the two things every text in it needs: a table of words in
each language, and numbers written the way the language writes them.

This module imports no other samlab module but ``samlab.errors`` (which imports nothing), so
any module can use it without an import circle. Every bilingual table of messages or screen
text is a :class:`TextTable`; the labels of catalogue entries (services, levers, scenarios)
stay with their catalogues.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Mapping
from typing import Any

from .errors import SamlabValueError

#: The languages, in the order the course shows them: Norwegian bokmål, English.
LANGUAGES: tuple[str, ...] = ("nb", "en")
#: The language a function uses when it is not told one (the course is taught in bokmål).
DEFAULT_LANG = "nb"


def check_lang(lang: object) -> str:
    """``lang`` if samlab speaks it; otherwise an error naming what was given and what is
    allowed."""
    if not isinstance(lang, str) or lang not in LANGUAGES:
        allowed = " or ".join(repr(code) for code in LANGUAGES)
        raise SamlabValueError(f"lang must be {allowed}, got {lang!r}")
    return lang


class TextTable(Mapping[str, Mapping[str, str]]):
    """Pieces of text by key, each in every language: ``{key: {"nb": ..., "en": ...}}``.

    The table is checked when it is made: every entry has exactly the languages in
    :data:`LANGUAGES`, each a non-empty string, so a missing translation fails at import and
    not in front of a participant. ``table.text(key, lang, **fields)`` fills in ``{fields}``;
    ``table.label(key, lang)`` gives the key back unchanged when the table does not know it.
    It reads like the dict it was made from (``table[key][lang]``).
    """

    def __init__(self, name: str, entries: Mapping[str, Mapping[str, str]]):
        self.name = name
        problems = []
        for key, entry in entries.items():
            if not isinstance(entry, Mapping) or set(entry) != set(LANGUAGES):
                got = sorted(entry) if isinstance(entry, Mapping) else type(entry).__name__
                problems.append(f"{key!r} has {got}, needs {list(LANGUAGES)}")
                continue
            empty = [
                lang for lang in LANGUAGES if not isinstance(entry[lang], str) or not entry[lang]
            ]
            if empty:
                problems.append(f"{key!r} has no text in {empty}")
        if problems:
            raise ValueError(f"text table {name}: " + "; ".join(problems))
        self._entries = {key: dict(entry) for key, entry in entries.items()}

    def __getitem__(self, key: str) -> Mapping[str, str]:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"TextTable({self.name!r}, {len(self)} entries)"

    def text(self, key: str, lang: str, **fields: Any) -> str:
        """The text of ``key`` in ``lang``, with ``{fields}`` filled in."""
        check_lang(lang)
        if key not in self._entries:
            raise KeyError(f"text table {self.name} has no entry {key!r}")
        return self._entries[key][lang].format(**fields)

    def label(self, key: Any, lang: str) -> Any:
        """The text of ``key`` in ``lang``, or ``key`` itself when the table does not know it."""
        check_lang(lang)
        entry = self._entries.get(key) if isinstance(key, str) else None
        return key if entry is None else entry[lang]


def number(value: object, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A number as text: ``1 234,5`` in bokmål, ``1,234.5`` in English, rounded to ``digits``
    decimals without trailing zeros; a missing value as a dash; anything else as ``str``."""
    check_lang(lang)
    if value is None or type(value).__name__ == "NAType":  # pandas' missing value
        return "–"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if math.isnan(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    return text


def nok(value: float, lang: str = DEFAULT_LANG) -> str:
    """Millions of kroner: ``194,7 mill. kr`` (nb) or ``NOK 194.7 million`` (en)."""
    millions = value / 1e6
    if check_lang(lang) == "nb":
        number_text = f"{millions:,.1f}".replace(",", "\u00a0").replace(".", ",")
        return f"{number_text} mill. kr"
    return f"NOK {millions:,.1f} million"
