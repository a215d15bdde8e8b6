# ruff: noqa: E501 - generated text and HTML read best one item a line
"""Development typing families (tune on these only). Persons from ``kit.DEV_NAME_LOCALES``."""

from __future__ import annotations

from kit import (
    ADDRESS,
    DOB,
    EMAIL,
    FINANCIAL,
    GOV_ID,
    IP,
    PERSON,
    PERSONAL_URL,
    PHONE,
    PLATE,
    SECRET,
    USERNAME,
    Values,
)
from typing_kit import PASSWORD, POSTCODE, Case, Run, TypingFamily

NOTES = {
    "en": ("Remember to call {P} about the lease", "Pick up {F} at 5", "Dentist moved to Thursday", "Buy milk, eggs and coffee",
           "{P}'s address: {A}", "Gift idea for {f}: a book", "Standup notes: deploy blocked by tests"),
    "de": ("{P} wegen Vertrag anrufen", "Zahnarzt am Donnerstag", "Einkaufen: Brot, Käse", "Adresse von {F}: {A}"),
    "fr": ("Appeler {P} pour le bail", "Courses : pain, fromage", "Adresse de {F} : {A}"),
    "es": ("Llamar a {P} por el contrato", "Comprar pan y leche", "Dirección de {F}: {A}"),
    "it": ("Chiamare {P} per il contratto", "Comprare pane e latte"),
    "nl": ("{P} bellen over het contract", "Boodschappen: brood en kaas"),
    "pl": ("Zadzwonić do {P} w sprawie umowy", "Kupić chleb i mleko"),
    "sv": ("Ring {P} om kontraktet", "Köp bröd och mjölk"),
    "pt": ("Ligar ao {P} sobre o contrato", "Comprar pão e leite"),
    "fi": ("Soita {P} sopimuksesta", "Osta leipää ja maitoa"),
}


def _fill(v: Values, template: str, run: Run) -> None:
    from typing_heldout import _fill as fill

    fill(v, template, run)


def notes(v: Values, index: int) -> Case:
    lang = list(NOTES)[index % len(NOTES)]
    run = Run()
    _fill(v, v.rng.choice(NOTES[lang]), run)
    return Case("note", lang, [run])


def support_reply(v: Values, index: int) -> Case:
    run = Run()
    if index % 3 == 2:
        run.add("Dear customer,\n\nyour ticket has been resolved. The fix ships in version " + v.version() + ".\n\nSupport team")
        return Case("mail", "en", [run])
    run.add("Dear ").pii(PERSON, v.person()).add(",\n\nwe have updated the delivery address to ").pii(ADDRESS, v.street())
    run.add(" and will call you on ").pii(PHONE, v.phone()).add(".\n\nKind regards,\n").pii(PERSON, v.person())
    return Case("mail", "en", [run])


def shipping_form(v: Values, index: int) -> Case:
    runs = [Run("Full name").pii(PERSON, v.person()), Run("Address line 1").pii(ADDRESS, v.street()),
            Run("ZIP").pii(POSTCODE, str(v.fake().postcode())), Run("Country").add("Germany"),
            Run("Mobile").pii(PHONE, v.phone()), Run("E-mail").pii(EMAIL, v.email())]
    return Case("form_shipping", "en", runs, form_title="Shipping")


def account_form(v: Values, index: int) -> Case:
    name = v.person()
    runs = [Run("Login").pii(USERNAME, v.username(name)), Run("Password", "password").pii(PASSWORD, v.password()),
            Run("Repeat password", "password").pii(PASSWORD, v.password())]
    if index % 2:
        runs.insert(0, Run("Your name").pii(PERSON, name.lower()))
    return Case("form_login", "en", runs, form_title="Register")


def settings_form(v: Values, index: int) -> Case:
    runs = [Run("Display language").add("English"), Run("Items per page").add(str(v.rng.choice((10, 25, 50)))),
            Run("Theme").add(v.rng.choice(("Dark", "Light")))]
    return Case("form_clean", "en", runs, form_title="Preferences")


def code_snippet(v: Values, index: int) -> Case:
    run = Run()
    kind = index % 6
    if kind == 0:
        run.add('API_KEY = "').pii(SECRET, v.secret()).add('"')
    elif kind == 1:
        run.add('db = connect(host="10.1.2.3", user="').pii(USERNAME, v.username()).add('", password="').pii(PASSWORD, v.password()).add('")')
    elif kind == 2:
        run.add("import numpy as np\nfrom pathlib import Path\nprint(np.__version__)")
    elif kind == 3:
        run.add("for i in range(10):\n    total += values[i]")
    elif kind == 4:
        run.add("ssh -i ~/.ssh/id_rsa ").pii(USERNAME, v.username()).add("@").pii(IP, v.ip())
    else:
        run.add("# TODO(").pii(USERNAME, v.username()).add("): remove after migration")
    return Case("code", "en", [run])


def dev_identifiers(v: Values, index: int) -> Case:
    run = Run()
    kind = index % 7
    if kind == 0:
        run.add("licence plate ").pii(PLATE, v.plate())
    elif kind == 1:
        run.add("SSN: ").pii(GOV_ID, v.fake("en_US").ssn())
    elif kind == 2:
        run.add("card ").pii(FINANCIAL, v.card())
    elif kind == 3:
        run.add("date of birth ").pii(DOB, v.dob())
    elif kind == 4:
        run.add("invoice INV-2024-0042 due 30 days")
    elif kind == 5:
        run.add("flight LH 1234 at gate A12")
    else:
        run.add("my calendar: ").pii(PERSONAL_URL, v.profile_url())
    return Case("identifier", "en", [run])


FAMILIES: dict[str, tuple[TypingFamily, int]] = {
    "notes": (notes, 40),
    "support_reply": (support_reply, 24),
    "shipping_form": (shipping_form, 10),
    "account_form": (account_form, 12),
    "settings_form": (settings_form, 6),
    "code_snippet": (code_snippet, 30),
    "dev_identifiers": (dev_identifiers, 28),
}
