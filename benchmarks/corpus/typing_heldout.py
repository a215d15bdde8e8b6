# ruff: noqa: E501, RUF001 - text in many languages (Turkish dotless i) reads best one item a line
"""HELD-OUT typing families: written and committed before any development family, any tuning
and any scoring run. Persons come only from ``kit.HELDOUT_NAME_LOCALES``. Never change them to
fit a detector, never read their misses one by one.
"""

from __future__ import annotations

from kit import (
    ADDRESS,
    DOB,
    EMAIL,
    FINANCIAL,
    GOV_ID,
    PERSON,
    PERSONAL_URL,
    PHONE,
    PLATE,
    SECRET,
    USERNAME,
    Values,
)
from typing_kit import CVV, PASSWORD, POSTCODE, Case, Run, TypingFamily

# ---- chat: one message per case, in 10 languages -------------------------------------------
# {P} a person's full name, {F} a first name, {f} a first name in lower case, {T} a phone,
# {E} an e-mail, {A} a street address. Messages without a slot are not personal.
CHAT = {
    "en": ("can you ask {f} to send me the slides", "meeting {F} at the station at 6", "{P} is joining the team on monday",
           "my new number is {T}", "ping {f} about the invoice pls", "lunch at 12? the usual place", "sure, will do after the standup",
           "deploy is done, all green", "ok thx", "running 5 min late, start without me", "talked to {F} yesterday, she agrees",
           "send it to {E} please", "the package goes to {A}"),
    "de": ("kannst du {F} fragen, ob sie morgen kommt?", "{P} übernimmt ab Montag das Projekt", "meine Nummer ist {T}",
           "bin gleich da, stau auf der A9", "danke, passt so", "schick es bitte an {E}", "hab mit {f} telefoniert"),
    "fr": ("tu peux demander à {F} de m'envoyer le devis ?", "{P} arrive lundi", "mon numéro : {T}", "merci, c'est parfait",
           "on se voit à 18h devant la gare", "envoie-le à {E}", "j'ai vu {f} hier soir"),
    "es": ("pregúntale a {F} si viene mañana", "{P} empieza el lunes", "mi número es {T}", "vale, nos vemos luego",
           "llego tarde, empezad sin mí", "mándalo a {E}", "hablé con {f} ayer"),
    "it": ("chiedi a {F} se domani c'è", "{P} inizia lunedì", "il mio numero è {T}", "ok grazie, a dopo", "mandalo a {E}"),
    "nl": ("vraag {F} even of ze morgen komt", "{P} begint maandag", "mijn nummer is {T}", "top, dank je", "stuur het naar {E}"),
    "pt": ("pergunta à {F} se amanhã dá", "{P} começa segunda", "o meu número é {T}", "ok, obrigado", "manda para {E}"),
    "pl": ("zapytaj {F} czy jutro przyjdzie", "{P} zaczyna w poniedziałek", "mój numer to {T}", "dzięki, do jutra"),
    "sv": ("kan du fråga {F} om hon kommer imorgon", "{P} börjar på måndag", "mitt nummer är {T}", "tack, vi ses"),
    "tr": ("{F} yarın geliyor mu sorar mısın", "{P} pazartesi başlıyor", "numaram {T}", "tamam, teşekkürler"),
}


def _fill(v: Values, template: str, run: Run) -> None:
    i = 0
    while i < len(template):
        if template[i] == "{" and template[i + 2] == "}":
            slot = template[i + 1]
            if slot == "P":
                run.pii(PERSON, v.person())
            elif slot == "F":
                run.pii(PERSON, v.first())
            elif slot == "f":
                run.pii(PERSON, v.first().lower())
            elif slot == "T":
                run.pii(PHONE, v.phone())
            elif slot == "E":
                run.pii(EMAIL, v.email())
            elif slot == "A":
                run.pii(ADDRESS, v.street())
            i += 3
        else:
            run.add(template[i])
            i += 1


def chat_message(v: Values, index: int) -> Case:
    lang = list(CHAT)[index % len(CHAT)]
    run = Run()
    _fill(v, v.rng.choice(CHAT[lang]), run)
    return Case("chat", lang, [run])


# ---- e-mail with greeting and sign-off --------------------------------------------------------
MAIL = {
    "en": ("Hi {F},", "Thanks for the update, the numbers look good. I'll review the draft tomorrow.", ("Best regards,", "Cheers,", "Thanks,")),
    "de": ("Hallo {F},", "danke für die Unterlagen, ich melde mich morgen.", ("Viele Grüße", "Beste Grüße", "LG")),
    "fr": ("Bonjour {F},", "merci pour le document, je reviens vers vous demain.", ("Cordialement,", "Bien à vous,")),
    "es": ("Hola {F}:", "gracias por el informe, lo reviso mañana.", ("Saludos,", "Un abrazo,")),
    "nl": ("Hoi {F},", "bedankt voor de stukken, ik kijk er morgen naar.", ("Groet,", "Met vriendelijke groet,")),
    "it": ("Ciao {F},", "grazie per il documento, lo guardo domani.", ("Cordiali saluti,", "A presto,")),
    "pt": ("Olá {F},", "obrigado pelo relatório, vejo amanhã.", ("Cumprimentos,", "Abraço,")),
}
NO_NAME_MAIL = (
    "Hello team,\n\nthe release is scheduled for Thursday. Please merge before noon.\n\nThanks",
    "Hi all,\n\nreminder: the office is closed on Friday.\n\nBest",
    "Hallo zusammen,\n\ndas Update ist live. Bitte testet die neue Version.\n\nGruß",
    "Bonjour à tous,\n\nla réunion est déplacée à 15h.\n\nMerci",
)


def mail_message(v: Values, index: int) -> Case:
    if index % 4 == 3:
        return Case("mail", "en", [Run().add(v.rng.choice(NO_NAME_MAIL))])
    lang = list(MAIL)[index % len(MAIL)]
    greeting, body, signoffs = MAIL[lang]
    run = Run()
    _fill(v, greeting, run)
    run.add("\n\n" + body + "\n\n" + v.rng.choice(signoffs) + "\n")
    style = v.rng.randrange(4)
    if style == 0:
        run.pii(PERSON, v.first())
    elif style == 1:
        run.pii(PERSON, v.person())
    elif style == 2:
        run.pii(PERSON, v.person().upper())
    else:
        run.pii(PERSON, v.person()).add("\n").pii(PHONE, v.phone())
    return Case("mail", lang, [run])


# ---- forms typed field by field (rendered before and after each field) -------------------------


def login_form(v: Values, index: int) -> Case:
    """Username then password (no cue word typed), sometimes an e-mail login."""
    name = v.person()
    login = Run("E-mail" if index % 2 else "Username").pii(EMAIL if index % 2 else USERNAME, v.email(name) if index % 2 else v.username(name))
    pw = Run("Password", "password").pii(PASSWORD, v.password())
    return Case("form_login", "en", [login, pw], form_title="Sign in")


def signup_form(v: Values, index: int) -> Case:
    first, last = v.first(), v.last()
    if index % 3 == 0:
        first, last = first.upper(), last.upper()
    runs = [Run("First name").pii(PERSON, first), Run("Last name").pii(PERSON, last),
            Run("Date of birth").pii(DOB, v.dob()), Run("Street and number").pii(ADDRESS, v.street()),
            Run("Postcode").pii(POSTCODE, str(v.fake().postcode())), Run("City").add(v.city()),
            Run("Phone").pii(PHONE, v.phone()), Run("Username").pii(USERNAME, v.username(f"{first} {last}")),
            Run("Password", "password").pii(PASSWORD, v.password())]
    return Case("form_signup", "en", runs, form_title="Create account")


def payment_form(v: Values, index: int) -> Case:
    runs = [Run("Name on card").pii(PERSON, v.person().upper()), Run("Card number").pii(FINANCIAL, v.card()),
            Run("Expiry").add(f"{v.rng.randint(1, 12):02d}/{v.rng.randint(27, 31)}"),
            Run("CVV").pii(CVV, f"{v.rng.randrange(100, 999)}")]
    return Case("form_payment", "en", runs, form_title="Payment")


def clean_form(v: Values, index: int) -> Case:
    """Forms whose fields hold nothing personal (search, quantity, coupon, dates of a trip)."""
    kind = index % 3
    if kind == 0:
        runs = [Run("From").add(v.city()), Run("To").add(v.city()), Run("Departure").add(v.date()), Run("Passengers").add(str(v.rng.randint(1, 4)))]
        title = "Search flights"
    elif kind == 1:
        runs = [Run("Product").add(v.product()), Run("Quantity").add(str(v.rng.randint(1, 20))), Run("Coupon code").add("SPRING" + str(v.rng.randint(10, 30)))]
        title = "Order"
    else:
        runs = [Run("Project name").add(f"{v.word()}-{v.word()}"), Run("Version").add(v.version()), Run("Description").add(v.sentence(6))]
        title = "New project"
    return Case("form_clean", "en", runs, form_title=title)


# ---- shell commands with credentials, home paths -------------------------------------------


def shell_command(v: Values, index: int) -> Case:
    run = Run()
    user = v.username()
    kind = index % 10
    if kind == 0:
        run.add("mysql -h db.internal -u ").pii(USERNAME, user).add(" -p").pii(PASSWORD, v.password())
    elif kind == 1:
        run.add("curl -u ").pii(USERNAME, user).add(":").pii(PASSWORD, v.password()).add(" https://api.example.com/v1/items")
    elif kind == 2:
        run.add("sshpass -p '").pii(PASSWORD, v.password()).add("' ssh ").pii(USERNAME, user).add("@10.0.4.12")
    elif kind == 3:
        run.add("git clone https://").pii(USERNAME, user).add(":").pii(SECRET, v.secret()).add("@git.example.com/team/api.git")
    elif kind == 4:
        run.add("export AWS_ACCESS_KEY_ID=").pii(SECRET, "AKIA" + "".join(v.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)))
    elif kind == 5:
        run.add("cd /home/").pii(USERNAME, user).add("/projects/site && ls -la")
    elif kind == 6:
        run.add('curl -H "Authorization: Bearer ').pii(SECRET, v.secret()).add('" https://api.example.com/me')
    elif kind == 7:
        run.add(v.rng.choice(("ls -la", "docker compose up -d", "pip install numpy==1.26.4", "git log --oneline -5",
                              "kubectl get pods -n staging", "tar xzf backup-2024.tar.gz", "sudo systemctl restart nginx")))
    elif kind == 8:
        run.add(v.rng.choice(("python3 -m venv .venv && source .venv/bin/activate", "grep -rn TODO src/", "make test",
                              "ssh build.internal.example", "npm run build -- --mode production", "du -sh /var/log")))
    else:
        run.add("psql postgresql://").pii(USERNAME, user).add(":").pii(PASSWORD, v.password()).add("@db.example.com:5432/app")
    return Case("shell", "en", [run])


# ---- identifiers after a cue; profile URLs; searches ----------------------------------------


def identifiers(v: Values, index: int) -> Case:
    run = Run()
    kind = index % 8
    if kind == 0:
        run.add("my passport number is ").pii(GOV_ID, v.passport())
    elif kind == 1:
        run.add("car reg: ").pii(PLATE, v.plate())
    elif kind == 2:
        run.add("personal ID ").pii(GOV_ID, v.gov_id())
    elif kind == 3:
        run.add("please refund to IBAN ").pii(FINANCIAL, v.iban())
    elif kind == 4:
        run.add("born on ").pii(DOB, v.dob())
    elif kind == 5:
        run.add(v.rng.choice(("ISBN 978-3-16-148410-0", "room 4.12, floor 3", "order #A-55812 shipped", "version 2.14.1 released",
                              "meeting on 12 March at 10:30", "price 49.99 EUR incl. VAT")))
    elif kind == 6:
        run.add(v.rng.choice(("build 20240312.4 failed", "error code 0x80070005", "table 7 seats 4", "gate B22 boarding 14:05")))
    else:
        run.add("the postcode is ").pii(POSTCODE, str(v.fake().postcode()))
    return Case("identifier", "en", [run])


def profile_or_search(v: Values, index: int) -> Case:
    run = Run()
    kind = index % 6
    name = v.person()
    if kind == 0:
        run.pii(PERSONAL_URL, v.profile_url(name))
    elif kind == 1:
        run.pii(PERSON, name.lower()).add(" profile")
    elif kind == 2:
        run.add("book a call: ").pii(PERSONAL_URL, "https://cal.example.org/" + v.username(name) + "/30min")
    elif kind == 3:
        run.add(v.rng.choice(("weather helsinki tomorrow", "cheap flights to istanbul", "python list comprehension",
                              "https://www.who.int/news", "opening hours city library", "how to reset router")))
    elif kind == 4:
        run.add(v.rng.choice(("https://docs.python.org/3/library/json.html", "best pizza near central station",
                              "convert 30 usd to eur", "github.com/python/cpython")))
    else:
        run.add("@").pii(USERNAME, v.username(name))
    return Case("search_profile", "en", [run])


#: name -> (family, cases)
FAMILIES: dict[str, tuple[TypingFamily, int]] = {
    "chat_message": (chat_message, 90),
    "mail_message": (mail_message, 40),
    "login_form": (login_form, 24),
    "signup_form": (signup_form, 12),
    "payment_form": (payment_form, 12),
    "clean_form": (clean_form, 18),
    "shell_command": (shell_command, 50),
    "identifiers": (identifiers, 40),
    "profile_or_search": (profile_or_search, 36),
}
