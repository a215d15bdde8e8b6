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


# ---- added in session 4 (issue 18: general causes of false redactions, recall after cues;
# written from the development families' style; their author had seen the first held-out chat
# templates in typing_heldout.py by mistake before writing them, see corpus/README.md) ---------

#: Clean chat in 12 languages: times, places, products, abbreviations, nothing personal.
CLEAN_CHAT = {
    "en": ("standup moved to 10:30", "can we push the release to thursday?", "printer on floor 3 is jammed again", "merged, thx!",
           "who has the keys to the storage room?", "pizza or sushi tonight?", "np, see u tmrw", "Heads up: CI is red on main",
           "Coffee machine fixed", "nvm, found it in the wiki", "brb 10 min", "Great job on the demo everyone"),
    "de": ("Besprechung auf 14 Uhr verschoben", "Wer hat den Schlüssel zum Lager?", "Kaffee ist alle", "Alles klar, bis morgen",
           "Zug hat 20 Minuten Verspätung", "Super gemacht, danke euch"),
    "fr": ("Réunion décalée à 15h", "Qui a les clés de la salle ?", "Super, merci beaucoup", "Le train a du retard",
           "Je termine le rapport ce soir", "Bonne soirée à tous"),
    "es": ("La reunión pasa a las 11", "¿Quién tiene las llaves del almacén?", "Perfecto, gracias", "El tren viene con retraso",
           "Termino el informe esta tarde", "Buen finde a todos"),
    "it": ("Riunione spostata alle 15", "Chi ha le chiavi del magazzino?", "Perfetto, grazie mille", "Il treno è in ritardo",
           "Finisco il report stasera"),
    "nl": ("Vergadering verplaatst naar 15 uur", "Wie heeft de sleutels van het magazijn?", "Prima, bedankt", "De trein heeft vertraging",
           "Ik maak het rapport vanavond af"),
    "pt": ("Reunião adiada para as 15h", "Quem tem as chaves do armazém?", "Perfeito, obrigado", "O comboio está atrasado",
           "Acabo o relatório hoje à noite"),
    "pl": ("Spotkanie przesunięte na 15", "Kto ma klucze do magazynu?", "Super, dzięki", "Pociąg ma opóźnienie", "Skończę raport wieczorem"),
    "sv": ("Mötet flyttat till 15", "Vem har nycklarna till förrådet?", "Perfekt, tack", "Tåget är försenat", "Jag gör klart rapporten ikväll"),
    "no": ("Møtet er flyttet til 15", "Hvem har nøklene til lageret?", "Perfekt, takk", "Toget er forsinket"),
    "cs": ("Schůzka přesunuta na 15", "Kdo má klíče od skladu?", "Super, díky", "Vlak má zpoždění"),
    "fi": ("Palaveri siirretty klo 15", "Kenellä on varaston avaimet?", "Kiitos, hyvä", "Juna on myöhässä"),
}


def clean_chat(v: Values, index: int) -> Case:
    lang = list(CLEAN_CHAT)[index % len(CLEAN_CHAT)]
    run = Run().add(v.rng.choice(CLEAN_CHAT[lang]))
    return Case("chat", lang, [run])


#: Clean notes: lists with a label before a colon and short to-do lines in 10 languages.
CLEAN_NOTES = {
    "en": ("To do: laundry, gym, call the bank", "Packing list: charger, passport, socks", "Ideas: blog post about caching",
           "Recipe: flour, sugar, eggs", "Books to read: Dune, Emma", "Groceries: apples, rice, tea", "Water the plants"),
    "de": ("Rezept: Mehl, Zucker, Eier", "Wäsche waschen", "Urlaub: Koffer packen, Pass", "Reifen wechseln"),
    "fr": ("À faire : lessive, sport", "Nettoyer la cuisine", "Valise : chargeur, passeport", "Payer la facture d'électricité"),
    "es": ("Lista: pan, huevos, leche", "Lavar el coche", "Pendiente: llamar al banco", "Pagar la luz"),
    "it": ("Spesa: pane, uova, latte", "Lavare la macchina", "Da fare: palestra, banca"),
    "nl": ("Te doen: was, sport", "Auto wassen", "Recept: bloem, suiker, eieren"),
    "pt": ("Lavar o carro", "Pagar a conta de luz", "Lista: arroz, feijão, café"),
    "pl": ("Zapłacić rachunek za prąd", "Umyć samochód", "Lista: jajka, mąka, cukier"),
    "sv": ("Betala elräkningen", "Tvätta bilen", "Att göra: tvätt, gym"),
    "cs": ("Zaplatit účet za elektřinu", "Umýt auto", "Nákup: chleba, mléko, vejce"),
}


def clean_notes(v: Values, index: int) -> Case:
    lang = list(CLEAN_NOTES)[index % len(CLEAN_NOTES)]
    return Case("note", lang, [Run().add(v.rng.choice(CLEAN_NOTES[lang]))])


#: Clean forms with labels the lexicon does not type, or types but whose values are not personal.
CLEAN_FORMS = (
    ("Contact us", (("Subject", "{subject}"), ("Category", "{category}"), ("Message", "{message}"))),
    ("New event", (("Event name", "{event}"), ("Location", "{city}"), ("Start time", "{time}"), ("Date", "{date}"))),
    ("Expense", (("Amount", "{amount}"), ("Currency", "EUR"), ("Reference", "{ref}"), ("Notes", "{message}"))),
    ("Job posting", (("Job title", "{job}"), ("Company", "{company}"), ("City", "{city}"), ("Salary", "{budget}"))),
    ("Search", (("Search", "{query}"),)),
    ("Kontakt", (("Betreff", "Lieferung verspätet"), ("Kategorie", "{category}"), ("Nachricht", "Bitte um Rückmeldung"))),
    ("Nouvel événement", (("Titre", "{event}"), ("Lieu", "{city}"), ("Heure", "{time}"))),
    ("Nuevo pedido", (("Producto", "{product}"), ("Cantidad", "{n}"), ("Comentarios", "Entregar por la mañana"))),
)
_SUBJECTS = ("Invoice question", "Delivery delayed", "Feature request", "Login problem", "Refund")
_CATEGORIES = ("Billing", "Shipping", "Technical", "Other")
_MESSAGES = ("Please send an updated invoice.", "The parcel has not arrived yet.", "Dark mode would be great.",
             "Reimbursement for the team lunch", "Taxi to the airport")
_EVENTS = ("Quarterly review", "Team offsite", "Product launch", "Summer party", "Hackathon")
_JOBS = ("Senior backend engineer", "Product designer", "Data analyst", "Office manager")
_QUERIES = ("best hiking boots 2027", "how to reset router", "weather lisbon weekend", "python dataclass slots",
            "cheap flights to oslo", "vegan lasagna recipe")


def clean_form(v: Values, index: int) -> Case:
    title, fields = CLEAN_FORMS[index % len(CLEAN_FORMS)]
    rng = v.rng
    values = {"subject": rng.choice(_SUBJECTS), "category": rng.choice(_CATEGORIES), "message": rng.choice(_MESSAGES),
              "event": rng.choice(_EVENTS), "city": rng.choice(_CITIES), "time": v.time(),
              "date": rng.choice(("2027-04-02", "12/06/2027", "May 5, 2027")), "amount": f"{rng.randrange(5, 900)}.{rng.randrange(10, 99)}",
              "ref": f"EXP-{rng.randrange(1000, 9999)}", "job": rng.choice(_JOBS), "company": rng.choice(("Acme Corp", "Globex", "Initech", "Umbrella Ltd")),
              "budget": str(rng.choice((45000, 60000, 72000))), "query": rng.choice(_QUERIES), "product": rng.choice(_PRODUCTS),
              "n": str(rng.randint(1, 5))}
    runs = [Run(label).add(template.format(**values)) for label, template in fields]
    return Case("form_clean", "en", runs, form_title=title)


#: Clean mails: a team greeting and a team or role signature.
CLEAN_MAILS = (
    "Hi team,\n\nthe release is scheduled for Friday.\n\nThanks,\nOps",
    "Hallo zusammen,\n\ndas Büro ist am Montag geschlossen.\n\nViele Grüße\nIhr Empfang",
    "Bonjour à tous,\n\nla cantine ferme à 14h demain.\n\nCordialement,\nL'équipe RH",
    "Hola a todos,\n\nel servidor estará en mantenimiento el sábado.\n\nSaludos,\nSoporte IT",
    "Dear customer,\n\nyour order has shipped and arrives in 3 days.\n\nKind regards,\nCustomer Service",
    "Hi all,\n\nminutes from today's meeting are in the shared folder.\n\nCheers,\nThe PMO",
)


def clean_mail(v: Values, index: int) -> Case:
    return Case("mail", "en", [Run().add(CLEAN_MAILS[index % len(CLEAN_MAILS)])])


#: Personal values after a cue, in several languages, and lowercase full names after a verb.
def cued_values(v: Values, index: int) -> Case:
    run = Run()
    kind = index % 12
    if kind == 0:
        run.add(v.rng.choice(("my plate is ", "Kennzeichen: ", "immatriculation ", "matrícula "))).pii(PLATE, v.plate())
    elif kind == 1:
        run.add(v.rng.choice(("my username is ", "login: ", "Benutzername ", "user "))).pii(USERNAME, v.username())
    elif kind == 2:
        run.add(v.rng.choice(("my profile: ", "book a slot: ", "find me at "))).pii(PERSONAL_URL, v.profile_url())
    elif kind == 3:
        run.add(v.rng.choice(("call me on ", "tel. ", "Handy: ", "mobile "))).pii(PHONE, v.phone())
    elif kind == 4:
        run.add(v.rng.choice(("national ID ", "tax number ", "ID card no. ", "Personalausweis "))).pii(GOV_ID, v.gov_id())
    elif kind == 5:
        run.add(v.rng.choice(("call ", "email ", "remind ", "invite "))).pii(PERSON, v.person().lower()).add(v.rng.choice((" tomorrow", " about the rent", "", " to the review")))
    elif kind == 6:
        run.add("driver licence ").pii(GOV_ID, v.passport())
    elif kind == 7:
        run.add("ping me @").pii(USERNAME, v.username())
    elif kind == 8:
        run.add(v.rng.choice(("met ", "ask ", "thank "))).pii(PERSON, v.first().lower()).add(" ").pii(PERSON, v.last().lower()).add(" later")
    elif kind == 9:
        run.add("my number: ").pii(PHONE, v.phone())
    elif kind == 10:
        run.add("passport number ").pii(GOV_ID, v.passport())
    else:
        run.add("car reg ").pii(PLATE, v.plate())
    return Case("identifier", "en", [run])


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
    "clean_chat": (clean_chat, 36),
    "clean_notes": (clean_notes, 20),
    "clean_form": (clean_form, 16),
    "clean_mail": (clean_mail, 12),
    "cued_values": (cued_values, 36),
}
