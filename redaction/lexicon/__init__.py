"""Word lists of the redaction rules, as data: ``redaction/lexicon/<family>.toml``.

Each table of a file is one list: ``words`` (in order: a regex alternation tries them in that
order) and a comment saying where it comes from. A tagged list (``names.toml``) maps each word
to the places it counts in, so that several rules share one entry per word and each still
gets exactly its own set (:func:`tagged`). Files are read once, on first use, from the
installed package; nothing is fetched. Rules take a list with :func:`words`, or a regex
alternation of it with :func:`alternation`. The few structured files (:data:`STRUCTURED`)
have their own loader.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

#: How the words of a multi-word entry are joined in an alternation: horizontal whitespace,
#: never a line break (OCR lines and typed runs must not match across lines).
SPACES = r"[ \t]+"


Tagged = dict[str, tuple[str, ...]]

#: The files of this folder that are structured tables, not word lists, and the module that
#: reads and checks each (``labels.toml``: concepts with an entity type, a score and wordings
#: by language). Their word lists are still data; the word-list API refuses them. Keep this
#: short: a new file is a word list unless it cannot be one.
STRUCTURED: Final[Mapping[str, str]] = MappingProxyType({"labels": "redaction.knowledge.labels"})


@functools.cache
def _load(family: str) -> dict[str, tuple[str, ...] | Tagged]:
    if family in STRUCTURED:
        raise ValueError(f"lexicon {family}.toml is structured: read it with {STRUCTURED[family]}")
    resource = importlib.resources.files("redaction.lexicon").joinpath(f"{family}.toml")
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    lists: dict[str, tuple[str, ...] | Tagged] = {}
    for name, table in data.items():
        entries = table.get("words") if isinstance(table, dict) else None
        if isinstance(entries, list) and all(isinstance(w, str) for w in entries):
            lists[name] = tuple(entries)
        elif isinstance(entries, dict) and all(
            isinstance(tags, list) and all(isinstance(t, str) for t in tags)
            for tags in entries.values()
        ):
            lists[name] = {word: tuple(tags) for word, tags in entries.items()}
        else:
            raise ValueError(f"lexicon {family}.toml: [{name}] needs words (a list or tagged)")
    return lists


def words(family: str, name: str) -> tuple[str, ...]:
    """The list ``name`` of ``redaction/lexicon/<family>.toml``, in file order."""
    entries = _entry(family, name)
    return entries if isinstance(entries, tuple) else tuple(entries)


@functools.cache
def tagged(family: str, name: str, tag: str) -> tuple[str, ...]:
    """The words of the tagged list ``name`` that carry ``tag``, in file order."""
    entries = _entry(family, name)
    if not isinstance(entries, dict):
        raise KeyError(f"lexicon {family}.toml: [{name}] is not a tagged list")
    found = tuple(word for word, tags in entries.items() if tag in tags)
    if not found:
        raise KeyError(f"lexicon {family}.toml: [{name}] has no word tagged {tag}")
    return found


def _entry(family: str, name: str) -> tuple[str, ...] | Tagged:
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
