"""The name gazetteer: given names and surnames of many locales, with a commonness signal.

Names are read at run time from Faker's person providers (a maintained package; nothing is
generated and nothing downloaded), normalised (accents, case), and kept with the locales that
list them and a commonness in [0, 1]: where Faker gives frequencies (en_US, en_GB surnames,
sv_SE) the rank of the name among its locale's, elsewhere a middle value, raised by the number
of locales that share the name. Not ``names-dataset``: that one is built from a leaked data set.

A gazetteer hit is *evidence*, never a verdict: :meth:`Gazetteer.name_evidence` asks for more
(capitals, a label, context) when the word is also an ordinary word of the dictionary the
caller passes (month names, verbs, flowers that are also given names), and gives a rarer,
unambiguous name more.

**Held-out rule.** Only these Faker locales are loaded::

    en_US en_GB en_IE de_DE de_AT fr_FR es_ES es_MX it_IT pt_BR pt_PT nl_NL pl_PL sv_SE ja_JP

(ja_JP through its romanised names; names in other scripts are skipped). These locales are
reserved for the held-out evaluation corpora and must NEVER be loaded here::

    fi_FI tr_TR hu_HU cs_CZ ro_RO da_DK en_IN id_ID vi_VN sk_SK hr_HR sl_SI lt_LT lv_LV
    et_EE en_NZ en_AU

The gazetteer is built once per process (:func:`gazetteer`); lookups are dictionary reads.
"""

from __future__ import annotations

import functools
import importlib
import unicodedata
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

#: The Faker locales the gazetteer reads (see the held-out rule above).
LOCALES: Final = (
    "en_US", "en_GB", "en_IE", "de_DE", "de_AT", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR",
    "pt_PT", "nl_NL", "pl_PL", "sv_SE", "ja_JP",
)  # fmt: skip
#: Locales reserved for held-out names: never loaded.
HELD_OUT_LOCALES: Final = frozenset(
    {
        "fi_FI", "tr_TR", "hu_HU", "cs_CZ", "ro_RO", "da_DK", "en_IN", "id_ID", "vi_VN",
        "sk_SK", "hr_HR", "sl_SI", "lt_LT", "lv_LV", "et_EE", "en_NZ", "en_AU",
    }
)  # fmt: skip
_UNKNOWN_FREQUENCY: Final = 0.5


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One normalised name: whether it is a given name and/or a surname, the locales that list
    it, and its commonness in [0, 1]."""

    name: str
    given: bool
    surname: bool
    locales: frozenset[str]
    commonness: float


def normalise_name(text: str) -> str:
    """Lowercase, without accents (a letter with a diacritic becomes its base letter, a sharp
    s two), apostrophes kept (a typographic one becomes the ASCII one)."""
    text = text.strip()
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")


def _latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script."""
    if name.isascii():
        return any(c.isalpha() for c in name)
    return any(c.isalpha() for c in name) and all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name
    )


def _lists(provider: type, kind: str) -> list[Sequence[str] | Mapping[str, float]]:
    """The provider's lists of given names (``kind="first"``) or surnames (``"last"``):
    ``first_names``, ``first_names_female``, ``male_last_names``, ``last_romanized_names``..."""
    found: list[Sequence[str] | Mapping[str, float]] = []
    for attribute in dir(provider):
        if (
            attribute.startswith("_")
            or kind not in attribute
            or not attribute.endswith(("names", "names_male", "names_female", "names_nonbinary"))
        ):
            continue
        if "kana" in attribute or "pair" in attribute or "language" in attribute:
            continue
        value = getattr(provider, attribute)
        if isinstance(value, Mapping | tuple | list):
            found.append(value)
    return found


def _frequencies(names: Sequence[str] | Mapping[str, float]) -> dict[str, float]:
    """Each name's rank signal in [0, 1] (1: the most common) where weights are given."""
    if isinstance(names, Mapping):
        ordered = sorted(names.items(), key=lambda item: -float(item[1]))
        n = max(len(ordered) - 1, 1)
        return {name: 1.0 - index / n for index, (name, _) in enumerate(ordered)}
    return dict.fromkeys(names, _UNKNOWN_FREQUENCY)


class Gazetteer:
    """Normalised names with their roles, locales and commonness. Immutable once built."""

    def __init__(self, locales: Iterable[str] = LOCALES) -> None:
        self.locales: tuple[str, ...] = tuple(locales)
        held_out = HELD_OUT_LOCALES.intersection(self.locales)
        if held_out:
            raise ValueError(f"locales reserved for held-out names: {sorted(held_out)}")
        given: dict[str, float] = {}
        surname: dict[str, float] = {}
        where: dict[str, set[str]] = {}
        for locale in self.locales:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for kind, table in (("first", given), ("last", surname)):
                for names in _lists(provider, kind):
                    for raw, frequency in _frequencies(names).items():
                        if not isinstance(raw, str) or not _latin(raw) or len(raw) < 2:
                            continue
                        key = normalise_name(raw)
                        table[key] = max(table.get(key, 0.0), frequency)
                        where.setdefault(key, set()).add(locale)
        entries: dict[str, NameEntry] = {}
        spread = max(len(self.locales) // 3, 1)
        for key, locales_of in where.items():
            frequency = max(given.get(key, 0.0), surname.get(key, 0.0))
            commonness = 0.6 * frequency + 0.4 * min(1.0, (len(locales_of) - 1) / spread)
            entries[key] = NameEntry(
                key, key in given, key in surname, frozenset(locales_of), round(commonness, 4)
            )
        self._entries: Mapping[str, NameEntry] = MappingProxyType(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and normalise_name(word) in self._entries

    def lookup(self, word: str) -> NameEntry | None:
        """The entry of ``word`` (any case, any accents), or None."""
        return self._entries.get(normalise_name(word))

    def is_given_name(self, word: str) -> bool:
        entry = self.lookup(word)
        return entry is not None and entry.given

    def is_surname(self, word: str) -> bool:
        entry = self.lookup(word)
        return entry is not None and entry.surname

    def name_evidence(self, word: str, dictionary: Container[str] = frozenset()) -> float:
        """How much ``word`` alone says "a person's name", in [0, 1].

        0 when it is no known name. A name that is also an ordinary word of ``dictionary``
        (lowercase words, e.g. the NER engine's English lexicon) gets at most 0.25: it needs a
        label, capitals in lowercase text or a cue besides. Otherwise 0.5 to 0.9 by commonness.
        """
        entry = self.lookup(word)
        if entry is None:
            return 0.0
        lowered = word.strip().lower()
        if lowered in dictionary or entry.name in dictionary:
            return round(0.1 + 0.15 * entry.commonness, 4)
        return round(0.5 + 0.4 * entry.commonness, 4)

    def names(self) -> Iterable[NameEntry]:
        return self._entries.values()


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer of :data:`LOCALES`, built once per process."""
    return Gazetteer()
