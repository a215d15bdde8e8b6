"""Names by the words around them: titles ("Mr. Leiva"), labels ("Name: Iva D. Grusová"),
introductions ("my name is", "I'm"), greetings and sign-offs ("Dear Ana", "Regards,\\nTom"),
and speaker names in dialogue ("Marta: see you at 5").

No gazetteer: a name is recognised by its position, never by a list of known names. Works on
lowercase text too (typed text often is), where capitalisation cannot help.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.models import Span
from redaction.recognizers.base import Recognizer, register

_PARTICLES = r"(?:van|von|de|da|das|do|dos|del|della|der|den|di|du|la|le|bin|ibn|al|el|y|ter|ten)"
# A name word: a capitalised word or an initial ("D." / "D"). Lowercase variants are allowed
# only in lowercase text (checked in code).
_NAME_WORD = r"[^\W\d_][\w'\u2019\-]*\.?"
_INITIAL = r"[^\W\d_]\.?"
_NAME = (
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:{_PARTICLES}[ \t]+)?(?:{_NAME_WORD}|{_INITIAL})){{0,3}})"
)

_TITLE = re.compile(
    r"(?<![\w.])(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|madam|mme|mlle|herr|frau|sr|sra|srta|"
    r"mister|missus|señor|señora|signor|signora|monsieur|madame|rev|fr|capt|sgt|lt|col|gen)"
    r"\.?[ \t]+" + _NAME,
    re.I,
)
_LABEL = re.compile(
    r"(?<![\w])(?:(?:full|first|last|given|family|middle|maiden|sur|user|display|contact|"
    r"patient|customer|client|employee|account|card)?[ \t]?name|surname|attn|attention|"
    r"signed|signature|author|assignee|reviewer|owner|recipient|sender|from|to|cc|bcc|"
    r"contact|guest|passenger|traveller|traveler|applicant|nom|nombre|nome|naam|navn|namn|"
    r"nimi|vorname|nachname|prénom|by|with|host|speaker|presenter|instructor|teacher|"
    r"doctor|physician|agent|manager|supervisor|landlord|tenant|witness|beneficiary|"
    r"guardian|spouse|partner|emergency[ \t]+contact)[ \t]*:[ \t]*" + _NAME,
    re.I,
)
_INTRODUCTION = re.compile(
    r"(?<![\w])(?:named[ \t]+(?:him|her|them|it)|called[ \t]+(?:him|her|them|it)|"
    r"my[ \t]+name[ \t]+is|name[ \t]+is|name's|names[ \t]+are|i[ \t]+am|i'm|im|"
    r"this[ \t]+is|it's|call[ \t]+me|named|called|known[ \t]+as|nickname[ \t]+is|"
    r"maiden[ \t]+name[ \t]+(?:is|was)|signed[ \t]+by|written[ \t]+by|sent[ \t]+by|"
    r"assigned[ \t]+to|married[ \t]+to|ask[ \t]+for|speak[ \t]+(?:to|with)|talk[ \t]+to|"
    r"meet(?:ing)?[ \t]+with|spoke[ \t]+(?:to|with)|follow[ \t]+up[ \t]+with|cc'?d?|per)"
    r"[ \t]+" + _NAME,
    re.I,
)
_GREETING = re.compile(
    r"(?:^|(?<=[\n.!?]))[ \t]*(?:dear|hi|hello|hey|hiya|howdy|greetings|good[ \t]+"
    r"(?:morning|afternoon|evening)|thanks|thank[ \t]+you|cheers|bye|welcome|congrats|"
    r"congratulations)[ \t]*,?[ \t]+" + _NAME,
    re.I,
)
# '"... direction," says Becker.' / '"Hi," said Ana Lee'
_QUOTED_BY = re.compile(
    r"[\"\u201d'\u2019][ \t]*,?[ \t]*(?:says|said|asks|asked|replies|replied|writes|wrote|adds|"
    r"added|explains|explained|notes|noted|tells|told)[ \t]+" + _NAME,
    re.I,
)
# "What's your last name? Boyle", "What's the name on the account? User: Marcus Paulsen".
_ANSWER = re.compile(
    r"\bname\b[^?\n]{0,40}\?[\"'\u201d]?[ \t]*(?:\n[ \t]*)?(?:[A-Za-z]{2,12}:[ \t]*)?"
    r"(?:it'?s[ \t]+|it[ \t]+is[ \t]+)?" + _NAME,
    re.I,
)
_SIGN_OFF = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:regards|best[ \t]+regards|kind[ \t]+regards|best|cheers|thanks|"
    r"thank[ \t]+you|sincerely|yours[ \t]+(?:truly|sincerely)|warmly|love|xo|-+|\u2014|\u2013)"
    r"[ \t]*,?"
    r"[ \t]*(?:\n[ \t]*)+" + _NAME + r"[ \t]*(?=\n|$)",
    re.I,
)
# "Marta: see you at 5" / "> Marta Palermo: ok" at the start of a line.
_SPEAKER = re.compile(
    r"(?:^|(?<=\n))[ \t>]*" + _NAME.replace("{0,3}", "{0,2}") + r"[ \t]*:(?=[ \t\"'\u201c])",
)

# Words that follow the trigger phrases but are not names.
_NOT_NAMES = set(
    """
        a an the and or but so to of in on at for from with by about as is are was were be been
        being am i me my mine you your yours he him his she her hers we us our they them their it
        its this that these those here there now then today tomorrow yesterday not no yes very
        really just only also too sure sorry fine good great ok okay well glad happy sad tired busy
        back home done ready going trying looking calling writing sending working interested afraid
        aware able available new old all any some every each other another one two three please
        thanks thank hello hi hey dear sir madam team everyone everybody all guys folks there
        customer support service user admin administrator subject date time phone email e-mail mail
        address name note notes re fw fwd cc bcc message reply to from sent received status total
        price amount id number no yes true false none null unknown n/a na monday tuesday wednesday
        thursday friday saturday sunday january february march april may june july august september
        october november december morning afternoon evening night week month year hour minute second
        """.split()  # noqa: SIM905
)
# Labels that look like speaker names at a line start but are field names.
_NOT_SPEAKERS = set(
    """
        date time when where what who why how name address phone mobile desk fax office email e-mail
        website web url subject re from to cc bcc note notes warning error info debug question
        answer q a step task title description summary status priority type category tags label
        labels id ref reference total amount price cost tel telephone personal home work mail attn
        attention sent received location venue room floor agenda topic password username user login
        account card iban ssn dob birthday born age gender company organization organisation
        department position role job occupation street city state country zip postcode postal code
        region province county http https ftp file path example output input result results source
        target tip note important caution todo fixme hint usage options example examples bot user
        assistant agent system customer me you human ai q a support admin moderator host guest
        interviewer interviewee narrator chorus all everyone
        """.split()  # noqa: SIM905
)


def _mostly_lowercase(text: str) -> bool:
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    return bool(letters) and sum(c.isupper() for c in letters) <= max(1, len(letters) // 50)


@register
class ContextNameRecognizer(Recognizer):
    """Person names found by the words around them (no name lists)."""

    name = "name_context"
    entity_types = frozenset({"PERSON"})

    _PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = (
        (_TITLE, 0.85),
        (_LABEL, 0.85),
        (_INTRODUCTION, 0.7),
        (_GREETING, 0.7),
        (_SIGN_OFF, 0.75),
        (_SPEAKER, 0.6),
        (_ANSWER, 0.7),
        (_QUOTED_BY, 0.7),
    )

    def find(self, text: str) -> Iterator[Span]:
        lowercase = _mostly_lowercase(text)
        for pattern, score in self._PATTERNS:
            for match in pattern.finditer(text):
                start, end = self._trim(
                    text,
                    match.start("name"),
                    match.end("name"),
                    lowercase,
                    speaker=pattern is _SPEAKER,
                )
                if end <= start:
                    continue
                if pattern is _SPEAKER and end != match.end("name"):
                    continue  # "Here's my SSN:" is a label line, not a speaker
                value = text[start:end]
                first = value.split()[0].rstrip(".").lower()
                if pattern is _SPEAKER and first in _NOT_SPEAKERS:
                    continue
                yield self.span(start, end, "PERSON", score)

    @staticmethod
    def _trim(text: str, start: int, end: int, lowercase: bool, speaker: bool) -> tuple[int, int]:
        """Keep the leading words that can be a name: capitalised (or any, in lowercase text),
        not a function word; stop at the first that cannot."""
        words = list(re.finditer(r"[^\s]+", text[start:end]))
        keep_end = start
        for index, word_match in enumerate(words):
            word = word_match.group()
            bare = word.rstrip(".,;:!?").lower()
            if not bare or bare in _NOT_NAMES:
                break
            is_particle = re.fullmatch(_PARTICLES, bare) is not None
            if is_particle:
                if index == 0:
                    break
                continue  # kept only if a name word follows
            capitalised = word[:1].isupper()
            if not capitalised and not lowercase:
                break
            if speaker and not capitalised and not lowercase:
                break
            keep_end = start + word_match.start() + len(word.rstrip(",;:!?"))
            # A trailing full stop belongs to an initial ("D.") but not to a sentence.
            if word.endswith(".") and len(bare) > 1 and not (len(bare) <= 2 and capitalised):
                keep_end -= 1
                break
        return start, keep_end


# ---- names that other personal data on the page vouches for -------------------------------

_EMAIL_LOCAL = re.compile(r"([\w.+\-]+)@[\w\-]+(?:\.[\w\-]+)+")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@register
class EmailNameRecognizer(Recognizer):
    """Words of a text that spell out an e-mail address's local part ("Einojuhani Pyysalo" next
    to ``EinojuhaniPyysalo@...``, "leone mazzi" next to ``leonemazzi@...``): the address vouches
    that they are the person's name. Accent- and case-insensitive."""

    name = "email_name"
    entity_types = frozenset({"PERSON"})

    def find(self, text: str) -> Iterator[Span]:
        if "@" not in text:
            return
        locals_ = [(_fold(m.group(1)), m.span()) for m in _EMAIL_LOCAL.finditer(text)]
        locals_ = [(local, span) for local, span in locals_ if len(local) >= 5]
        if not locals_:
            return
        words = [m for m in _LETTERS.finditer(text) if m.group().lower() not in _NOT_NAMES]
        for local, (e_start, e_end) in locals_:
            inside = [
                m
                for m in words
                if not (e_start <= m.start() < e_end)
                and _fold(m.group()) in local
                and len(_fold(m.group())) >= 3
            ]
            explained = sum(
                len(_fold(m.group())) for m in {m.group().lower(): m for m in inside}.values()
            )
            if not inside or explained < 0.6 * len(local):
                continue
            for m in inside:
                yield self.span(m.start(), m.end(), "PERSON", 0.75)


_CONTACT_EVIDENCE = re.compile(
    r"[\w.+\-]+@[\w\-]+\.[\w.\-]+|(?:\+?\(?\d[\d ().\-]{6,}\d)|^\W*\d{1,6}[A-Za-z]?[ \t]+"
    r"[^\W\d_]|\b(?:p\.?o\.?[ \t]*box|apt\.?|suite|unit)[ \t]*\d",
    re.I | re.M,
)
_NAME_LINE = re.compile(
    r"^[ \t>?|*•\-]*(?P<name>[^\W\d_][\w'\u2019\-]*\.?(?:[ \t]+(?:"
    + _PARTICLES
    + r"[ \t]+)?[^\W\d_][\w'\u2019\-]*\.?){1,3})[ \t]*$",
    re.M,
)
_HEADING_WORDS = set(
    """
        info information details contact address phone email e-mail website profile summary
        experience education skills references office desk mobile fax home work personal company inc
        ltd llc gmbh corp corporation group bank university school hospital street road avenue suite
        apt unit box city country state united kingdom states republic new notes note meeting agenda
        subject dear regards sincerely thanks best
        """.split()  # noqa: SIM905
)


@register
class ContactBlockNameRecognizer(Recognizer):
    """A line that is just a name (2-4 words) in a block with an e-mail address, a phone
    number or a street line within four lines: signature blocks, contact cards, letter heads."""

    name = "contact_block_name"
    entity_types = frozenset({"PERSON"})

    def find(self, text: str) -> Iterator[Span]:
        if "\n" not in text:
            return
        lowercase = _mostly_lowercase(text)
        lines = text.split("\n")
        offsets = []
        position = 0
        for line in lines:
            offsets.append(position)
            position += len(line) + 1
        evidence = [bool(_CONTACT_EVIDENCE.search(line)) for line in lines]
        for number, line in enumerate(lines):
            match = _NAME_LINE.match(line)
            if match is None:
                continue
            words = match.group("name").split()
            bare = [w.rstrip(".").lower() for w in words]
            if any(b in _HEADING_WORDS or b in _NOT_NAMES for b in bare):
                continue
            if not lowercase and not all(
                w[:1].isupper() for w in words if not re.fullmatch(_PARTICLES, w.lower())
            ):
                continue
            if all(w.isupper() and len(w) > 1 for w in words):
                continue  # an all-capitals heading or a city line
            near = evidence[max(0, number - 4) : number] + evidence[number + 1 : number + 5]
            if not any(near):
                continue
            start = offsets[number] + match.start("name")
            yield self.span(start, start + len(match.group("name").rstrip(".")), "PERSON", 0.6)
