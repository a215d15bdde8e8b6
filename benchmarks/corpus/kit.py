# ruff: noqa: E501 - HTML read best one element a line
"""What every template family is built from: generated values, a page with a random style,
and layout pieces (tables, label/value cards, lists, terminals, editors).

A family is a function ``(p: Page) -> str`` returning the body HTML of one screen. Personal
values go through ``p.pii(label, text)``: a ``<span data-pii=LABEL>``, whose client rects the
browser reads as the gold boxes (``browser.py``). Everything else on screen is filler that is
not personal: products, prices, versions, public places, companies, dates of events.

Names: a page draws its persons from ``Values.name_locales``. Held-out families are generated
with ``HELDOUT_NAME_LOCALES`` only (the name gazetteer does not load these Faker locales);
development families with ``DEV_NAME_LOCALES``. The split is in ``split.json``.
"""

from __future__ import annotations

import html
import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from faker import Faker

#: Reserved for held-out families: the name gazetteer does not load these locales.
HELDOUT_NAME_LOCALES = (
    "fi_FI", "tr_TR", "hu_HU", "cs_CZ", "ro_RO", "da_DK", "en_IN", "id_ID", "vi_VN",
    "sk_SK", "hr_HR", "sl_SI", "lt_LT", "lv_LV", "et_EE", "en_NZ", "en_AU",
)
#: Development families draw names from these (disjoint from the reserved ones).
DEV_NAME_LOCALES = (
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "pt_BR",
    "sv_SE", "no_NO", "de_AT", "fr_CH", "en_IE", "es_MX", "pt_PT", "en_CA",
)

#: Gold entity types (what the scorers report per type).
PERSON = "PERSON"
EMAIL = "EMAIL_ADDRESS"
PHONE = "PHONE_NUMBER"
ADDRESS = "STREET_ADDRESS"
DOB = "DATE_OF_BIRTH"
USERNAME = "USERNAME"
GOV_ID = "GOVERNMENT_ID"
FINANCIAL = "FINANCIAL_ID"
SECRET = "SECRET"
PERSONAL_URL = "PERSONAL_URL"
PLATE = "LICENSE_PLATE"
RECORD_ID = "RECORD_ID"
IP = "IP_ADDRESS"

#: UI languages of a page's labels (values come from the name locale, labels from these).
UI_LANGS = ("en", "en", "en", "en", "de", "fr", "es", "nl", "pt", "it")
_LABELS: dict[str, tuple[str, ...]] = {
    # key: en, de, fr, es, nl, pt, it
    "name": ("Name", "Name", "Nom", "Nombre", "Naam", "Nome", "Nome"),
    "first": ("First name", "Vorname", "Prénom", "Nombre", "Voornaam", "Primeiro nome", "Nome"),
    "last": ("Last name", "Nachname", "Nom de famille", "Apellidos", "Achternaam", "Apelido", "Cognome"),
    "email": ("Email", "E-Mail", "E-mail", "Correo electrónico", "E-mail", "E-mail", "Email"),
    "phone": ("Phone", "Telefon", "Téléphone", "Teléfono", "Telefoon", "Telefone", "Telefono"),
    "address": ("Address", "Adresse", "Adresse", "Dirección", "Adres", "Morada", "Indirizzo"),
    "postcode": ("Postcode", "PLZ", "Code postal", "Código postal", "Postcode", "Código postal", "CAP"),
    "city": ("City", "Ort", "Ville", "Ciudad", "Plaats", "Cidade", "Città"),
    "dob": ("Date of birth", "Geburtsdatum", "Date de naissance", "Fecha de nacimiento", "Geboortedatum", "Data de nascimento", "Data di nascita"),
    "username": ("Username", "Benutzername", "Identifiant", "Usuario", "Gebruikersnaam", "Utilizador", "Nome utente"),
    "password": ("Password", "Passwort", "Mot de passe", "Contraseña", "Wachtwoord", "Palavra-passe", "Password"),
    "id": ("National ID", "Ausweisnummer", "N° d'identité", "DNI", "BSN", "N.º de identificação", "Codice fiscale"),
    "passport": ("Passport no.", "Reisepass-Nr.", "N° de passeport", "N.º de pasaporte", "Paspoortnummer", "N.º do passaporte", "N. passaporto"),
    "iban": ("IBAN", "IBAN", "IBAN", "IBAN", "IBAN", "IBAN", "IBAN"),
    "card": ("Card number", "Kartennummer", "Numéro de carte", "Número de tarjeta", "Kaartnummer", "Número do cartão", "Numero carta"),
    "save": ("Save", "Speichern", "Enregistrer", "Guardar", "Opslaan", "Guardar", "Salva"),
    "search": ("Search", "Suchen", "Rechercher", "Buscar", "Zoeken", "Pesquisar", "Cerca"),
    "status": ("Status", "Status", "Statut", "Estado", "Status", "Estado", "Stato"),
    "created": ("Created", "Erstellt", "Créé", "Creado", "Aangemaakt", "Criado", "Creato"),
    "owner": ("Owner", "Besitzer", "Propriétaire", "Propietario", "Eigenaar", "Proprietário", "Proprietario"),
    "notes": ("Notes", "Notizen", "Notes", "Notas", "Notities", "Notas", "Note"),
    "plate": ("Licence plate", "Kennzeichen", "Immatriculation", "Matrícula", "Kenteken", "Matrícula", "Targa"),
}
_LANG_INDEX = {"en": 0, "de": 1, "fr": 2, "es": 3, "nl": 4, "pt": 5, "it": 6}

FONTS = (
    "'DejaVu Sans', sans-serif",
    "'Liberation Sans', Arial, sans-serif",
    "'DejaVu Sans Condensed', sans-serif",
    "'Liberation Serif', serif",
    "'DejaVu Serif', serif",
    "'Noto Sans', 'DejaVu Sans', sans-serif",
)
MONO = ("'DejaVu Sans Mono', monospace", "'Liberation Mono', monospace", "'Noto Mono', monospace")
ACCENTS = ("#1264a3", "#0b7a53", "#8a3ffc", "#c2410c", "#0f62fe", "#b3261e", "#00639b", "#6d28d9")

PRODUCTS = ("Atlas Pro", "Beacon Mini", "Comet X2", "Delta Hub", "Ember Lamp", "Falcon Drive",
            "Granite Desk", "Harbor Chair", "Ion Charger", "Juniper Mug", "Keystone Dock",
            "Lumen Panel", "Meridian Watch", "Nimbus Router", "Orbit Speaker", "Quartz Clock")
PUBLIC_ORGS = ("City Library", "National Museum", "Central Station", "Public Health Agency",
               "Metro Transit", "Tax Office", "University Hospital", "Weather Service")
WORDS = ("quarterly", "report", "budget", "review", "roadmap", "release", "design", "backlog",
         "meeting", "invoice", "draft", "summary", "launch", "planning", "migration", "audit",
         "training", "workshop", "schedule", "inventory", "shipment", "policy", "update", "notes")


def esc(text: str) -> str:
    return html.escape(text)


@dataclass
class Values:
    """Seeded generated values: one seed gives one screen, byte for byte."""

    seed: int
    name_locales: Sequence[str]
    rng: random.Random = field(init=False)
    _fakers: dict[str, Faker] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.locale = self.rng.choice(list(self.name_locales))

    def fake(self, locale: str | None = None) -> Faker:
        locale = locale or self.locale
        if locale not in self._fakers:
            f = Faker(locale)
            f.seed_instance(self.rng.randrange(1 << 30))
            self._fakers[locale] = f
        return self._fakers[locale]

    def other_fake(self) -> Faker:
        """A Faker of another name locale of the same pool (mixed teams)."""
        return self.fake(self.rng.choice(list(self.name_locales)))

    # ---- people ------------------------------------------------------------------------------
    def first(self) -> str:
        return str(self.other_fake().first_name() if self.rng.random() < 0.3 else self.fake().first_name())

    def last(self) -> str:
        return str(self.other_fake().last_name() if self.rng.random() < 0.3 else self.fake().last_name())

    def person(self) -> str:
        return f"{self.first()} {self.last()}"

    def username(self, name: str | None = None) -> str:
        name = name or self.person()
        parts = [p for p in "".join(c for c in name.lower() if c.isalpha() or c == " ").split() if p]
        parts = [p.encode("ascii", "ignore").decode() or "user" for p in parts] or ["user"]
        style = self.rng.randrange(5)
        if style == 0:
            return parts[0] + "." + parts[-1]
        if style == 1:
            return parts[0][0] + parts[-1]
        if style == 2:
            return parts[0] + str(self.rng.randrange(10, 99))
        if style == 3:
            return parts[-1] + "_" + parts[0][:3]
        return parts[0] + parts[-1][:1]

    def email(self, name: str | None = None, domain: str | None = None) -> str:
        domain = domain or self.rng.choice(("mail.example", "post.example.net", "inbox.example.org", self.fake().free_email_domain()))
        return f"{self.username(name)}@{domain}"

    def phone(self) -> str:
        return str(self.fake().phone_number()).split("x")[0].strip()

    def street(self) -> str:
        return str(self.fake().street_address()).replace("\n", ", ")

    def postcode_city(self) -> str:
        f = self.fake()
        return f"{f.postcode()} {f.city()}"

    def dob(self) -> str:
        d = self.fake().date_of_birth(minimum_age=18, maximum_age=80)
        return d.strftime(self.rng.choice(("%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%m/%d/%Y", "%d %b %Y")))

    def gov_id(self) -> str:
        try:
            return str(self.fake().ssn())
        except AttributeError:
            return "".join(self.rng.choice(string.digits) for _ in range(11))

    def passport(self) -> str:
        return self.rng.choice(string.ascii_uppercase) + self.rng.choice(string.ascii_uppercase) + "".join(self.rng.choice(string.digits) for _ in range(7))

    def iban(self) -> str:
        raw = str(self.fake().iban())
        return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4)) if self.rng.random() < 0.5 else raw

    def card(self) -> str:
        raw = str(self.fake("en_US").credit_card_number(card_type=self.rng.choice(("visa16", "mastercard"))))
        return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))

    def plate(self) -> str:
        return str(self.fake().license_plate())

    def record_id(self, prefix: str) -> str:
        return f"{prefix}-{self.rng.randrange(100000, 999999)}"

    def ip(self) -> str:
        return f"{self.rng.randrange(11, 223)}.{self.rng.randrange(256)}.{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}"

    def secret(self) -> str:
        kind = self.rng.randrange(5)
        alnum = string.ascii_letters + string.digits
        if kind == 0:
            return "AKIA" + "".join(self.rng.choice(string.ascii_uppercase + string.digits) for _ in range(16))
        if kind == 1:
            return "ghp_" + "".join(self.rng.choice(alnum) for _ in range(36))
        if kind == 2:
            return "sk_live_" + "".join(self.rng.choice(alnum) for _ in range(24))
        if kind == 3:
            return "".join(self.rng.choice(alnum + "+/") for _ in range(40))
        return "xoxb-" + "-".join("".join(self.rng.choice(string.digits) for _ in range(11)) for _ in range(2)) + "-" + "".join(self.rng.choice(alnum) for _ in range(24))

    def password(self) -> str:
        return str(self.fake("en_US").password(length=self.rng.randrange(10, 18)))

    def profile_url(self, name: str | None = None) -> str:
        host = self.rng.choice(("social.example", "people.example.net", "cal.example.org", "code.example.com"))
        return f"https://{host}/{self.username(name)}"

    # ---- filler (not personal) ---------------------------------------------------------------
    def word(self) -> str:
        return self.rng.choice(WORDS)

    def sentence(self, n: int = 8) -> str:
        words = [self.rng.choice(WORDS) for _ in range(n)]
        return " ".join(words).capitalize() + "."

    def company(self) -> str:
        return str(self.fake("en_US").company())

    def product(self) -> str:
        return self.rng.choice(PRODUCTS)

    def price(self) -> str:
        value = self.rng.randrange(199, 99999) / 100
        return self.rng.choice(("€{:.2f}", "${:.2f}", "{:.2f} EUR", "£{:.2f}")).format(value)

    def version(self) -> str:
        return f"{self.rng.randrange(0, 12)}.{self.rng.randrange(0, 30)}.{self.rng.randrange(0, 20)}"

    def sku(self) -> str:
        return "".join(self.rng.choice(string.ascii_uppercase) for _ in range(3)) + "-" + str(self.rng.randrange(1000, 9999))

    def barcode(self) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(13))

    def date(self) -> str:
        d = self.fake("en_US").date_between(start_date="-1y", end_date="+1y")
        return d.strftime(self.rng.choice(("%d %b %Y", "%Y-%m-%d", "%b %d", "%d.%m.%Y")))

    def time(self) -> str:
        return f"{self.rng.randrange(7, 20):02d}:{self.rng.choice((0, 15, 30, 45, 5, 50)):02d}"

    def city(self) -> str:
        return str(self.fake("en_US").city())


@dataclass
class Style:
    """How a screen looks: chosen from the seed."""

    theme: str
    font: str
    mono: str
    size: int
    accent: str
    low_contrast: bool
    lang: str
    select_rate: float

    @classmethod
    def draw(cls, rng: random.Random) -> Style:
        return cls(
            theme="dark" if rng.random() < 0.3 else "light",
            font=rng.choice(FONTS),
            mono=rng.choice(MONO),
            size=rng.choice((11, 12, 13, 13, 14, 14, 15, 16)),
            accent=rng.choice(ACCENTS),
            low_contrast=rng.random() < 0.15,
            lang=rng.choice(UI_LANGS),
            select_rate=0.08 if rng.random() < 0.4 else 0.0,
        )

    def colors(self) -> dict[str, str]:
        if self.theme == "dark":
            c = {"bg": "#1e1f22", "fg": "#e6e6e6", "muted": "#9a9a9a", "panel": "#2b2d31",
                 "line": "#3a3a3a", "input": "#26272b", "side": "#111214", "sidefg": "#c9c9c9"}
            if self.low_contrast:
                c.update(fg="#8a8a8a", muted="#6a6a6a")
        else:
            c = {"bg": "#ffffff", "fg": "#1d1c1d", "muted": "#616061", "panel": "#f4f4f6",
                 "line": "#dddddd", "input": "#ffffff", "side": "#2f3441", "sidefg": "#e8e8ee"}
            if self.low_contrast:
                c.update(fg="#9b9b9b", muted="#b5b5b5")
        c["accent"] = self.accent
        return c


@dataclass
class Page:
    v: Values
    style: Style
    labels: list[str] = field(default_factory=list)
    home_style: int = -1

    @property
    def rng(self) -> random.Random:
        return self.v.rng

    def pii(self, label: str, text: str) -> str:
        """A personal value; sometimes drawn selected (inverted), as a user's selection."""
        self.labels.append(label)
        cls = "pii sel" if self.rng.random() < self.style.select_rate else "pii"
        return f'<span class="{cls}" data-pii="{label}">{esc(text)}</span>'

    @staticmethod
    def t(text: str) -> str:
        return esc(text)

    def L(self, key: str) -> str:
        """A label in the page's UI language."""
        return esc(_LABELS[key][_LANG_INDEX[self.style.lang]])

    def css(self) -> str:
        c = self.style.colors()
        dark_term = self.style.theme == "dark" or self.rng.random() < 0.5
        term_bg = "#0c0c0c" if dark_term else "#fdf6e3"
        term_fg = ("#7a7a7a" if self.style.low_contrast else "#d0d0d0") if dark_term else ("#a0a0a0" if self.style.low_contrast else "#333333")
        return f"""
        :root {{ {' '.join(f'--{k}:{v};' for k, v in c.items())} }}
        * {{ box-sizing:border-box; }}
        html, body {{ margin:0; height:100%; background:var(--bg); color:var(--fg);
                      font-family:{self.style.font}; font-size:{self.style.size}px; overflow:hidden; }}
        .pii {{ white-space:nowrap; }}
        .sel {{ background:#3367d6; color:#ffffff; }}
        .muted {{ color:var(--muted); }}
        .row {{ display:flex; }} .col {{ display:flex; flex-direction:column; }}
        .side {{ background:var(--side); color:var(--sidefg); padding:12px; }}
        .panel {{ background:var(--panel); }}
        .mono {{ font-family:{self.style.mono}; }}
        table {{ border-collapse:collapse; }}
        td, th {{ border-bottom:1px solid var(--line); padding:5px 10px; text-align:left; white-space:nowrap; }}
        th {{ color:var(--muted); font-weight:600; }}
        .field {{ border:1px solid var(--line); background:var(--input); border-radius:4px; padding:6px 9px; min-height:30px; }}
        .label {{ font-size:0.85em; color:var(--muted); margin:8px 0 3px; }}
        .btn {{ background:var(--accent); color:white; border-radius:4px; padding:6px 14px; display:inline-block; }}
        .avatar {{ width:30px; height:30px; border-radius:50%; background:var(--accent); color:white;
                   display:inline-flex; align-items:center; justify-content:center; font-weight:bold; flex:none; font-size:12px; }}
        .card {{ border:1px solid var(--line); border-radius:6px; padding:12px 16px; }}
        .term {{ background:{term_bg}; color:{term_fg}; font-family:{self.style.mono}; padding:10px; white-space:pre; }}
        """

    # ---- layout pieces ---------------------------------------------------------------------------
    def topbar(self, title: str, url: str | None = None) -> str:
        bar = '<div class="row panel" style="padding:6px 12px;gap:10px;align-items:center;border-bottom:1px solid var(--line)">'
        bar += '<span class="muted">&#9664; &#9654; &#8635;</span>'
        if url is not None:
            bar += f'<div class="field" style="flex:1;min-height:0;padding:3px 10px">{url}</div>'
        bar += f"<b>{esc(title)}</b>" if url is None else ""
        return bar + "</div>"

    def sidebar(self, items: Sequence[str], width: int = 200) -> str:
        inner = "".join(f'<div style="padding:5px 0">{i}</div>' for i in items)
        return f'<div class="side" style="width:{width}px;flex:none">{inner}</div>'

    def header(self, text: str) -> str:
        """A column header, sometimes broken over two lines."""
        if " " in text and self.rng.random() < 0.3:
            a, b = text.split(" ", 1)
            return f"{a}<br>{b}"
        return text

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
        head = "".join(f"<th>{self.header(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f'<table style="width:100%"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def kv(self, pairs: Sequence[tuple[str, str]], columns: int = 1) -> str:
        """Label/value pairs: label left, label above, ``Label: value`` or boxed fields."""
        mode = self.rng.randrange(4)
        cells = []
        for label, value in pairs:
            if mode == 0:
                cells.append(f'<div class="row" style="gap:12px;padding:4px 0"><span class="muted" style="width:150px;flex:none">{label}</span><span>{value}</span></div>')
            elif mode == 1:
                cells.append(f'<div><div class="label">{label}</div><div>{value}</div></div>')
            elif mode == 2:
                cells.append(f'<div style="padding:3px 0">{label}: {value}</div>')
            else:
                cells.append(f'<div><div class="label">{label}</div><div class="field">{value}</div></div>')
        return f'<div style="display:grid;grid-template-columns:repeat({columns},1fr);gap:4px 24px">{"".join(cells)}</div>'

    @staticmethod
    def avatar(name: str) -> str:
        """Initials in a circle (not gold: two letters identify nobody)."""
        initials = "".join(w[0] for w in name.split()[:2]).upper()
        return f'<span class="avatar">{esc(initials)}</span>'

    def home(self, user: str) -> str:
        """A home path holding the user name (one operating system's form per page)."""
        if self.home_style < 0:
            self.home_style = self.rng.randrange(3)
        style = self.home_style
        if style == 0:
            return f"/home/{self.pii(USERNAME, user)}"
        if style == 1:
            return f"/Users/{self.pii(USERNAME, user)}"
        return f"C:\\Users\\{self.pii(USERNAME, user)}"


Family = Callable[[Page], str]


def document(p: Page, body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{p.css()}</style></head><body>{body}</body></html>"
