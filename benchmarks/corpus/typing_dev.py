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


# ---- added for issue 18 (written without reading the held-out families) ------------------------

DEV_CHAT = {
    "en": ("just talked to {f}, she's fine with friday", "can you ping {f} about the invoice?", "lunch with {f} tomorrow?",
           "brb, grabbing coffee", "idk, tbh the build looks flaky", "omw, 5 min", "ok lgtm, merging v2.3.1"),
    "de": ("hab gerade mit {f} gesprochen", "frag mal {f} wegen dem termin", "bin gleich da, 5 min"),
    "fr": ("j'ai parlé avec {f} ce matin", "demande à {f} pour la facture", "j'arrive dans 10 min"),
    "es": ("acabo de hablar con {f}", "pregúntale a {f} por la reunión", "llego en 5 minutos"),
    "it": ("ho appena sentito {f}", "chiedi a {f} per la fattura", "arrivo tra 5 minuti"),
    "nl": ("net met {f} gebeld", "vraag het even aan {f}", "ben er over 5 min"),
    "pt": ("falei com {f} agora", "pergunta ao {f} sobre a fatura", "chego em 5 minutos"),
    "pl": ("rozmawiałem z {f} rano", "zapytaj {f} o fakturę", "będę za 5 minut"),
    "sv": ("pratade precis med {f}", "fråga {f} om fakturan", "kommer om 5 min"),
    "no": ("snakket med {f} i dag", "spør {f} om fakturaen", "kommer om 5 min"),
}
SIGNOFFS = {
    "en": ("Hi {F},", "Best regards,"), "de": ("Hallo {F},", "Viele Grüße"), "fr": ("Bonjour {F},", "Cordialement,"),
    "es": ("Hola {F},", "Un saludo,"), "it": ("Ciao {F},", "Cordiali saluti,"), "nl": ("Hoi {F},", "Met vriendelijke groet,"),
    "pt": ("Olá {F},", "Atenciosamente,"), "pl": ("Cześć {F},", "Pozdrawiam,"), "sv": ("Hej {F},", "Med vänliga hälsningar,"),
}
BODIES = ("the documents are attached.", "see you at the meeting on Monday.", "thanks for the quick reply.")


def dev_chat(v: Values, index: int) -> Case:
    lang = list(DEV_CHAT)[index % len(DEV_CHAT)]
    run = Run()
    _fill(v, v.rng.choice(DEV_CHAT[lang]), run)
    return Case("chat", lang, [run])


def dev_mail(v: Values, index: int) -> Case:
    lang = list(SIGNOFFS)[index % len(SIGNOFFS)]
    greeting, signoff = SIGNOFFS[lang]
    run = Run()
    if index % 5 == 4:
        run.add("Hello all,\n\n" + v.rng.choice(BODIES) + "\n\n" + signoff + "\nThe Facilities Team")
        return Case("mail", lang, [run])
    _fill(v, greeting, run)
    run.add("\n\n" + v.rng.choice(BODIES) + "\n\n" + signoff + "\n")
    style = index % 3
    if style == 0:
        run.pii(PERSON, v.first())
    elif style == 1:
        run.pii(PERSON, v.person().upper())
    else:
        run.pii(PERSON, v.person()).add("\n").pii(PHONE, v.phone())
    return Case("mail", lang, [run])


def dev_login(v: Values, index: int) -> Case:
    labels = (("Email or phone", "Password"), ("Benutzername", "Passwort"), ("Identifiant", "Mot de passe"),
              ("User ID", "Password"), ("Usuario", "Contraseña"))
    user_label, pass_label = labels[index % len(labels)]
    name = v.person()
    first = Run(user_label).pii(EMAIL, v.email(name)) if index % 2 else Run(user_label).pii(USERNAME, v.username(name))
    return Case("form_login", "en", [first, Run(pass_label, "password").pii(PASSWORD, v.password())], form_title="Sign in")


def dev_shell(v: Values, index: int) -> Case:
    run = Run()
    kind = index % 10
    if kind == 0:
        run.add("mysql -h db.internal -u app -p").pii(PASSWORD, v.password()).add(" orders")
    elif kind == 1:
        run.add("curl -u ").pii(USERNAME, v.username()).add(":").pii(PASSWORD, v.password()).add(" https://api.example.com/v2/items")
    elif kind == 2:
        run.add("sshpass -p '").pii(PASSWORD, v.password()).add("' ssh backup@").pii(IP, v.ip())
    elif kind == 3:
        run.add("export AWS_SECRET_ACCESS_KEY=").pii(SECRET, v.secret())
    elif kind == 4:
        run.add("cp report.pdf /home/").pii(USERNAME, v.username()).add("/Documents/")
    elif kind == 5:
        run.add("git clone https://").pii(USERNAME, v.username()).add(":").pii(SECRET, v.secret()).add("@git.example.com/team/app.git")
    elif kind == 6:
        run.add("docker run -p 8080:80 -v $(pwd):/app nginx:1.25")
    elif kind == 7:
        run.add("pip install -r requirements.txt && pytest -q tests/")
    elif kind == 8:
        run.add("ls -la /var/log/nginx | grep error")
    else:
        run.add("kubectl get pods -n staging --context prod-eu")
    return Case("shell", "en", [run])


def dev_lookalikes(v: Values, index: int) -> Case:
    run = Run()
    kind = index % 10
    if kind == 0:
        run.add("ISBN 978-0-13-468599-1, second edition")
    elif kind == 1:
        run.add("meeting in room 3.14 on floor 2")
    elif kind == 2:
        run.add("upgrade to " + v.version() + " before friday")
    elif kind == 3:
        run.add("docs at https://docs.example.org/guide/install")
    elif kind == 4:
        run.add("from collections import OrderedDict")
    elif kind == 5:
        run.add("order #48213 shipped on 12 March")
    elif kind == 6:
        run.add("passport no. ").pii(GOV_ID, v.passport())
    elif kind == 7:
        run.add("follow me: ").pii(PERSONAL_URL, v.profile_url())
    elif kind == 8:
        run.add("error E1042 in build 7781")
    else:
        run.add("IBAN ").pii(FINANCIAL, v.iban())
    return Case("identifier", "en", [run])


#: Clean forms whose labels the label lexicon reads, or nearly (issue 18: a count under
#: "Passengers", a project under "Project name", a city under "City" are no personal data).
#: Written for the development split without reading the held-out families.
BOOKING_FORMS = (
    ("Search flights", (("From", "{city}"), ("To", "{city2}"), ("Departure date", "{date}"), ("Passengers", "{n}"))),
    ("Hotel", (("City", "{city}"), ("Check-in", "{date}"), ("Guests", "{n}"), ("Rooms", "1"))),
    ("Your order", (("Product", "{product}"), ("Quantity", "{n}"), ("Promo code", "{promo}"))),
    ("New project", (("Project name", "{project}"), ("Department", "{dept}"), ("Due date", "{date}"), ("Budget", "{budget}"))),
    ("Reise suchen", (("Abfahrt", "{city}"), ("Ziel", "{city2}"), ("Datum", "{date}"), ("Reisende", "{n}"))),
    ("Nouveau projet", (("Nom du projet", "{project}"), ("Service", "{dept}"), ("Échéance", "{date}"))),
)
_CITIES = ("Lisbon", "Oslo", "Madrid", "Vienna", "Prague", "Dublin", "Milan", "Lyon")
_PRODUCTS = ("Wireless headphones", "Desk lamp", "Running shoes", "Coffee grinder", "USB-C cable")
_PROJECTS = ("Website redesign", "Atlas migration", "Q3 launch", "Mobile app refresh", "Data warehouse")
_DEPTS = ("Marketing", "Finance", "Operations", "Design", "Sales")


def booking_form(v: Values, index: int) -> Case:
    title, fields = BOOKING_FORMS[index % len(BOOKING_FORMS)]
    rng = v.rng
    values = {"city": rng.choice(_CITIES), "city2": rng.choice(_CITIES), "n": str(rng.randint(1, 4)),
              "date": rng.choice(("2027-03-14", "14/05/2027", "June 3, 2027", "03.09.2027")),
              "product": rng.choice(_PRODUCTS), "promo": rng.choice(("SUMMER25", "WELCOME10", "FREESHIP")),
              "project": rng.choice(_PROJECTS), "dept": rng.choice(_DEPTS), "budget": str(rng.choice((5000, 12000, 40000)))}
    runs = [Run(label).add(template.format(**values)) for label, template in fields]
    return Case("form_clean", "en", runs, form_title=title)


FAMILIES: dict[str, tuple[TypingFamily, int]] = {
    "notes": (notes, 40),
    "support_reply": (support_reply, 24),
    "shipping_form": (shipping_form, 10),
    "account_form": (account_form, 12),
    "settings_form": (settings_form, 6),
    "code_snippet": (code_snippet, 30),
    "dev_identifiers": (dev_identifiers, 28),
    "dev_chat": (dev_chat, 40),
    "dev_mail": (dev_mail, 27),
    "dev_login": (dev_login, 10),
    "dev_shell": (dev_shell, 30),
    "dev_lookalikes": (dev_lookalikes, 30),
    "booking_form": (booking_form, 12),
}
