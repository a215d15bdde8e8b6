"""The sender's name alone on the line after a sign-off formula, in any case, in the languages
of the data file ``redaction/lexicon/signoffs.toml``.

The line must hold 1-3 words of letters (hyphens and apostrophes inside), in any case, none of
them a word that signs for a group (a team, a department). A signature line later in the same
message (a name over a phone number) is left to the other rules. The cases are in
``tests/redaction/rules/test_signoff.py``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from redaction import lexicon
from redaction.models import Span
from redaction.rules.base import Rule, register

LEXICON_FAMILY: Final = "signoffs"
_NAME_WORD: Final = r"[^\W\d_](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*\.?"


@functools.cache
def _signoff_data() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    signoffs = sorted(lexicon.words(LEXICON_FAMILY, "signoffs"), key=len, reverse=True)
    alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in signoffs)
    pattern = re.compile(
        rf"(?im)^[ \t]*(?:{alternation})[ \t]*[,.!:;-]?[ \t]*\r?\n(?:[ \t]*\r?\n)?"
        rf"[ \t]*(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*,?[ \t]*$"
    )
    return (
        pattern,
        frozenset(w.lower() for w in lexicon.words(LEXICON_FAMILY, "not_name_words")),
        frozenset(" ".join(s.split()) for s in signoffs),
    )


@functools.cache
def signoff_pattern() -> re.Pattern[str]:
    """A sign-off formula on its own line (group ``formula``), name line or not."""
    signoffs = sorted(lexicon.words(LEXICON_FAMILY, "signoffs"), key=len, reverse=True)
    alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in signoffs)
    return re.compile(rf"(?im)^[ \t]*(?P<formula>(?:{alternation}))[ \t]*[,.!:;-]?[ \t]*$")


@register
class SignoffNameRecognizer(Rule):
    """The name on its own line after a sign-off."""

    name = "signoff_name"
    entity_types = frozenset({"PERSON"})

    def find(self, text: str) -> Iterator[Span]:
        pattern, not_names, signoffs = _signoff_data()
        position = 0
        while (match := pattern.search(text, position)) is not None:
            # The "name" may be a second sign-off (a farewell line, then a formula): go on
            # from its line.
            position = match.start("name")
            words = match.group("name").split()
            if " ".join(words).lower().rstrip(".") in signoffs:
                continue
            position = match.end()
            if any(w.lower().strip(".") in not_names for w in words):
                continue
            yield self.span(match.start("name"), match.end("name"), "PERSON", 0.85)
