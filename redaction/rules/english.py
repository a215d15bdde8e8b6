"""The English the name heuristics read: the lexicon and verbs of the NER model, inflection,
and the function words that are never a name.

A word is "known" when it, or its stem by regular English inflection, is in the lexicon; a
name is usually a word English does not know. Loaded once per NER engine
(:class:`redaction.nlp.NerEngine` builds the lexicon from its spaCy model).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from redaction.lexicon import words

#: A word: letters first, then letters, digits, apostrophes or hyphens.
WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")


@dataclass(frozen=True, slots=True)
class English:
    """The English lexicon (lemmas and forms, lowercase) and its verbs."""

    lexicon: frozenset[str]
    verbs: frozenset[str] = frozenset()

    def known(self, word: str) -> bool:
        """``word`` (lowercase) is English (see :func:`known_word`)."""
        return known_word(word, self.lexicon)

    def verb(self, word: str) -> bool:
        """``word`` (lowercase) is a verb form (see :func:`is_verb`)."""
        return is_verb(word, self.verbs)


_STOPWORDS: frozenset[str] | None = None


def stopwords() -> frozenset[str]:
    """spaCy's English stop words, cuarec's own function words and chat abbreviations
    (loaded once)."""
    global _STOPWORDS
    if _STOPWORDS is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOPWORDS = (
            frozenset(STOP_WORDS)
            | frozenset(words("people", "stopwords"))
            | frozenset(words("people", "chat_abbreviations"))
        )
    return _STOPWORDS


_SUFFIX_RULES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ier", "y"),
    ("iest", "y"),
    ("ily", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("ness", ""),
    ("ment", ""),
    ("ful", ""),
    ("less", ""),
    ("able", ""),
    ("ation", "e"),
    ("'s", ""),
    ("\u2019s", ""),
)


_VERB_SUFFIX_RULES = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


def is_verb(word: str, verbs: frozenset[str]) -> bool:
    """``word`` (lowercase) is a verb form: the verb lexicon holds lemmas and irregular forms
    only, so a regular past or participle needs the regular inflections (verb ones only: a
    comparative or an agent noun's ending on a verb's stem makes no verb form)."""
    return bool(verbs) and known_word(word, verbs, _VERB_SUFFIX_RULES)


def known_word(
    word: str, lexicon: frozenset[str], rules: Sequence[tuple[str, str]] | None = None
) -> bool:
    """``word`` (lowercase) or its stem by regular English inflection is in ``lexicon``."""
    if word in lexicon:
        return True
    for suffix, replacement in _SUFFIX_RULES if rules is None else rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: len(word) - len(suffix)]
            if stem + replacement in lexicon:
                return True
            # a doubled consonant before the ending (a short stem's past or participle)
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[:-1] in lexicon:
                return True
    return False

