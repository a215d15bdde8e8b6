"""Word lists of the redaction rules, as data: ``redaction/lexicon/<family>.toml``.

Each table of a file is one list: ``words`` (in order: a regex alternation tries them in that
order) and a comment saying where it comes from. Files are read once, on first use, from the
installed package; nothing is fetched. Rules take a list with :func:`words`, or a regex
alternation of it with :func:`alternation`.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Iterable

#: How the words of a multi-word entry are joined in an alternation: horizontal whitespace,
#: never a line break (OCR lines and typed runs must not match across lines).
SPACES = r"[ \t]+"


@functools.cache
def _load(family: str) -> dict[str, tuple[str, ...]]:
    resource = importlib.resources.files("redaction.lexicon").joinpath(f"{family}.toml")
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    lists: dict[str, tuple[str, ...]] = {}
    for name, table in data.items():
        entries = table.get("words") if isinstance(table, dict) else None
        if not isinstance(entries, list) or not all(isinstance(w, str) for w in entries):
            raise ValueError(f"lexicon {family}.toml: [{name}] needs a list of words")
        lists[name] = tuple(entries)
    return lists


def words(family: str, name: str) -> tuple[str, ...]:
    """The list ``name`` of ``redaction/lexicon/<family>.toml``, in file order."""
    try:
        return _load(family)[name]
    except KeyError:
        raise KeyError(f"lexicon {family}.toml has no list [{name}]") from None


def names(family: str) -> tuple[str, ...]:
    """The lists of one lexicon file."""
    return tuple(_load(family))


def alternation(entries: Iterable[str], spaces: str = SPACES) -> str:
    """A regex alternation (no group) of ``entries`` in their order: each escaped, the words of
    a multi-word entry joined by ``spaces``."""
    return "|".join(spaces.join(re.escape(part) for part in entry.split(" ")) for entry in entries)
