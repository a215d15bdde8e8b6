# ruff: noqa: E501 - HTML templates read best one element a line
"""HTML templates of typical apps, filled with generated values.

Each template returns the inner HTML of a page. Personal values are wrapped by ``Page.pii``
in ``<span data-pii=LABEL>`` so the renderer can read their boxes from the DOM (the gold).
Labels follow ScreenLeak's names where they overlap, so one scorer serves both sets.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from values import TEAMS as TEAMS_
from values import Values

LIGHT = {
    "bg": "#ffffff",
    "fg": "#1d1c1d",
    "muted": "#616061",
    "panel": "#f4f4f6",
    "side": "#3f0e40",
    "sidefg": "#e8dfe8",
    "line": "#dddddd",
    "accent": "#1264a3",
    "input": "#ffffff",
}
DARK = {
    "bg": "#1e1f22",
    "fg": "#e6e6e6",
    "muted": "#9a9a9a",
    "panel": "#2b2d31",
    "side": "#111214",
    "sidefg": "#c9c9c9",
    "line": "#3a3a3a",
    "accent": "#4ea1ff",
    "input": "#26272b",
}

FONTS = (
    "'DejaVu Sans', sans-serif",
    "'Liberation Sans', Arial, sans-serif",
    "'DejaVu Sans Condensed', sans-serif",
)
MONO = ("'DejaVu Sans Mono', monospace", "'Liberation Mono', monospace")


@dataclass
class Page:
    """One page being built: values, theme and the list of labels used."""

    v: Values
    theme: str
    font: str
    mono: str
    labels: list[str] = field(default_factory=list)

    def pii(self, label: str, text: str) -> str:
        self.labels.append(label)
        return f'<span class="pii" data-pii="{label}">{html.escape(text)}</span>'

    @staticmethod
    def t(text: str) -> str:
        return html.escape(text)

    def css(self) -> str:
        c = DARK if self.theme == "dark" else LIGHT
        return f"""
        :root {{ --bg:{c["bg"]}; --fg:{c["fg"]}; --muted:{c["muted"]}; --panel:{c["panel"]};
                 --side:{c["side"]}; --sidefg:{c["sidefg"]}; --line:{c["line"]};
                 --accent:{c["accent"]}; --input:{c["input"]}; }}
        * {{ box-sizing: border-box; }}
        html, body {{ margin:0; height:100%; background:var(--bg); color:var(--fg);
                      font-family:{self.font}; font-size:14px; overflow:hidden; }}
        .pii {{ white-space: nowrap; }}
        .muted {{ color: var(--muted); }}
        .row {{ display:flex; }}
        .col {{ display:flex; flex-direction:column; }}
        .side {{ background:var(--side); color:var(--sidefg); padding:12px; }}
        .panel {{ background:var(--panel); }}
        .mono {{ font-family:{self.mono}; }}
        table {{ border-collapse: collapse; }}
        td, th {{ border-bottom:1px solid var(--line); padding:6px 10px; text-align:left;
                  white-space:nowrap; }}
        th {{ color: var(--muted); font-weight:600; }}
        .field {{ border:1px solid var(--line); background:var(--input); border-radius:4px;
                  padding:7px 9px; min-height:32px; }}
        .label {{ font-size:12px; color:var(--muted); margin:10px 0 4px; }}
        .btn {{ background:var(--accent); color:white; border-radius:4px; padding:7px 14px;
                display:inline-block; }}
        .avatar {{ width:32px; height:32px; border-radius:6px; background:var(--accent);
                   color:white; display:inline-flex; align-items:center; justify-content:center;
                   font-weight:bold; flex:none; }}
        """


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()[:2]).upper()


def _topbar(p: Page, title: str, url: str | None = None) -> str:
    bar = '<div class="row panel" style="padding:6px 12px;gap:10px;align-items:center;border-bottom:1px solid var(--line)">'
    bar += '<span class="muted">&#9664; &#9654; &#8635;</span>'
    if url is not None:
        bar += f'<div class="field" style="flex:1;min-height:0;padding:4px 10px">{url}</div>'
    else:
        bar += f"<b>{p.t(title)}</b>"
    return bar + "</div>"


# --- templates with personal data ----------------------------------------------------------------


def mail(p: Page) -> str:
    v = p.v
    me = v.person()
    folders = "".join(
        f'<div style="padding:5px 0">{f}</div>'
        for f in ("Inbox", "Drafts", "Sent Items", "Archive", "Deleted Items", "Junk Email")
    )
    rows = ""
    people = [v.person() for _ in range(v.rng.randint(5, 8))]
    for i, name in enumerate(people):
        subject = f"{v.word().title()} {v.rng.choice(('update', 'follow-up', 'question', 'notes', 'plan'))}"
        sel = "background:var(--panel);" if i == 0 else ""
        rows += (
            f'<div style="{sel}padding:8px 12px;border-bottom:1px solid var(--line)">'
            f'<div class="row" style="justify-content:space-between"><b>{p.pii("private_person", name)}</b>'
            f'<span class="muted">{v.time()}</span></div><div>{p.t(subject)}</div>'
            f'<div class="muted">{p.t(v.sentence(7))}</div></div>'
        )
    sender = people[0]
    company = v.company()
    domain = v.domain(company)
    sender_mail = v.email(sender, domain)
    cc = v.person()
    body = f"""
      <h2 style="margin:0 0 10px">{p.t(v.word().title())} {p.t(v.rng.choice(("update", "follow-up", "notes")))}</h2>
      <div class="row" style="gap:10px;align-items:center">
        <div class="avatar">{_initials(sender)}</div>
        <div><div>{p.pii("private_person", sender)} {p.pii("private_email", "<" + sender_mail + ">")}</div>
        <div class="muted">To: {p.pii("private_person", me)}; Cc: {p.pii("private_email", v.email(cc))}</div></div>
        <span class="muted" style="margin-left:auto">{v.date()} {v.time()}</span>
      </div>
      <p>Hi {p.pii("private_person", me.split()[0])},</p>
      <p>{p.t(v.sentence(14))} {p.t(v.sentence(10))}</p>
      <p>Could you review the {p.t(v.word())} numbers before {p.t(v.date())}? The shared folder is at
         {p.pii("private_url", v.private_url(domain))}</p>
      <p>{p.t(v.sentence(12))}</p>
      <p>Best,<br>{p.pii("private_person", sender)}<br>{p.t(v.rng.choice(("Account Manager", "Head of Sales", "Engineer", "Product Lead")))},
         {p.pii("private_company", company)}<br>{p.pii("private_phone", v.phone())}<br>
         {p.pii("private_address", v.address())}</p>"""
    return f"""{_topbar(p, "Mail")}
    <div class="row" style="height:100%">
      <div class="side" style="width:190px">{folders}</div>
      <div style="width:360px;border-right:1px solid var(--line)">{rows}</div>
      <div style="flex:1;padding:18px 24px">{body}</div>
    </div>"""


def chat(p: Page) -> str:
    v = p.v
    channels = [v.channel() for _ in range(5)]
    dms = [v.person() for _ in range(4)]
    side = "<b>Workspace</b><div class='muted' style='margin-top:12px'>Channels</div>"
    side += "".join(
        f"<div style='padding:3px 0'>{p.pii('private_channel', c)}</div>" for c in channels
    )
    side += "<div class='muted' style='margin-top:12px'>Direct messages</div>"
    side += "".join(f"<div style='padding:3px 0'>{p.pii('private_person', d)}</div>" for d in dms)
    msgs = ""
    authors = [v.person() for _ in range(3)] + dms[:2]
    for _ in range(v.rng.randint(5, 7)):
        a = v.rng.choice(authors)
        text = p.t(v.sentence(v.rng.randint(6, 14)))
        extra = v.rng.randrange(6)
        if extra == 0:
            text = f"{p.pii('private_handle', v.handle(v.rng.choice(authors)))} {text}"
        elif extra == 1:
            text += f" Ping me at {p.pii('private_email', v.email())}"
        elif extra == 2:
            text += f" My cell is {p.pii('private_phone', v.phone())}"
        elif extra == 3:
            text += f" see {p.pii('private_repo', v.repo())}"
        msgs += (
            f'<div class="row" style="gap:10px;padding:8px 0"><div class="avatar">{_initials(a)}</div>'
            f'<div><div><b>{p.pii("private_person", a)}</b> <span class="muted">{v.time()}</span></div>'
            f"<div>{text}</div></div></div>"
        )
    return f"""{_topbar(p, "Chat")}
    <div class="row" style="height:100%">
      <div class="side" style="width:240px">{side}</div>
      <div style="flex:1;padding:10px 20px">
        <div style="border-bottom:1px solid var(--line);padding-bottom:8px"><b>{p.pii("private_channel", channels[0])}</b>
        <span class="muted"> {p.t(v.sentence(6))}</span></div>{msgs}
        <div class="field" style="margin-top:12px">Message {p.pii("private_channel", channels[0])}</div>
      </div>
    </div>"""


def crm(p: Page) -> str:
    v = p.v
    rows = ""
    for _ in range(v.rng.randint(6, 10)):
        name, company = v.person(), v.company()
        rows += (
            f"<tr><td>{p.pii('private_person', name)}</td><td>{p.pii('private_company', company)}</td>"
            f"<td>{p.pii('private_email', v.email(name, v.domain(company)))}</td>"
            f"<td>{p.pii('private_phone', v.phone())}</td>"
            f"<td>{p.t(v.rng.choice(('Lead', 'Qualified', 'Customer', 'Churned')))}</td>"
            f"<td>${v.rng.randint(1, 99)},{v.rng.randint(100, 999)}</td></tr>"
        )
    name, company = v.person(), v.company()
    card = f"""<div style="width:330px;padding:16px;border-left:1px solid var(--line)">
      <h3 style="margin-top:0">Contact</h3>
      <div class="label">Name</div><div>{p.pii("private_person", name)}</div>
      <div class="label">Company</div><div>{p.pii("private_company", company)}</div>
      <div class="label">Email</div><div>{p.pii("private_email", v.email(name, v.domain(company)))}</div>
      <div class="label">Phone</div><div>{p.pii("private_phone", v.phone())}</div>
      <div class="label">Mailing address</div><div>{p.pii("private_address", v.street())}</div>
      <div class="label">Owner</div><div>{p.pii("private_person", v.person())}</div>
      <div class="label">Stage</div><div>Negotiation</div></div>"""
    return f"""{_topbar(p, "CRM - Contacts")}
    <div class="row" style="height:100%">
      <div class="side" style="width:170px">Home<br><br>Contacts<br><br>Deals<br><br>Reports</div>
      <div style="flex:1;padding:14px"><h2 style="margin-top:0">Contacts</h2>
        <table><tr><th>Name</th><th>Company</th><th>Email</th><th>Phone</th><th>Status</th><th>Value</th></tr>{rows}</table></div>
      {card}
    </div>"""


def terminal(p: Page) -> str:
    v = p.v
    user = v.fake.user_name()
    host = v.rng.choice(("laptop", "devbox", "build-01", "ws"))
    prompt = f"{p.pii('private_handle', user + '@' + host)}:~/src$ "
    name = v.person()
    repo = v.repo()
    lines = [
        f"{prompt}git clone git@github.com:{p.pii('private_repo', repo)}.git",
        "Cloning into '" + p.pii("private_repo", repo.split("/")[1]) + "'...",
        "remote: Enumerating objects: 1532, done.",
        f"{prompt}git log -2",
        f"commit {v.fake.sha1()}",
        f"Author: {p.pii('private_person', name)} {p.pii('private_email', '<' + v.email(name) + '>')}",
        f"Date:   {v.date()} {v.time()}",
        "",
        f"    Fix {p.t(v.word())} handling in {p.t(v.word())} service",
        f"{prompt}export OPENAI_API_KEY={p.pii('secret', v.secret())}",
        f"{prompt}ssh deploy@{p.pii('private_ip', v.ip())}",
        f"Last login: {v.date()} from {p.pii('private_ip', v.ip())}",
        f"{prompt}cat .env",
        f"DATABASE_URL=postgres://app:{p.pii('secret', v.token(18))}@db.internal:5432/app",
        f"STRIPE_KEY={p.pii('secret', v.secret())}",
        "LOG_LEVEL=info",
        f"{prompt}python -m pytest -q",
        "........................................ [ 100%]",
        f"{v.rng.randint(40, 300)} passed in {v.rng.randint(1, 20)}.{v.rng.randint(10, 99)}s",
        f"{prompt}",
    ]
    body = "<br>".join(lines)
    return f"""{_topbar(p, f"{user}@{host}: ~/src")}
    <div class="mono" style="padding:10px 14px;line-height:1.45;font-size:14px;background:#0c0c0c;color:#d0d0d0;height:100%">{body}</div>"""


def ide(p: Page) -> str:
    v = p.v
    name = v.person()
    files = "".join(
        f"<div style='padding:2px 0'>{f}</div>"
        for f in (
            "src/",
            "&nbsp;&nbsp;app.py",
            "&nbsp;&nbsp;config.py",
            "&nbsp;&nbsp;billing.py",
            "tests/",
            "&nbsp;&nbsp;test_app.py",
            "README.md",
            "pyproject.toml",
        )
    )
    code = [
        '"""Billing configuration."""',
        f"# Created by {p.pii('private_person', name)} on {v.date()}",
        f"# Contact: {p.pii('private_email', v.email(name))}",
        "import os",
        "",
        f'STRIPE_SECRET = "{p.pii("secret", v.secret())}"',
        f'SUPPORT_PHONE = "{p.pii("private_phone", v.phone())}"',
        "TIMEOUT_S = 30",
        f'WEBHOOK = "{p.pii("private_url", v.private_url())}"',
        "",
        "def charge(amount_cents: int, currency: str = 'usd') -> dict:",
        "    if amount_cents <= 0:",
        "        raise ValueError('amount must be positive')",
        "    return {'amount': amount_cents, 'currency': currency}",
        "",
        f"# TODO({p.pii('private_handle', v.handle(name)[1:])}): move the {p.t(v.word())} limits to settings",
    ]
    numbered = "".join(
        f"<div><span class='muted' style='display:inline-block;width:34px'>{i + 1}</span>{line}</div>"
        for i, line in enumerate(code)
    )
    return f"""{_topbar(p, "config.py - billing - IDE")}
    <div class="row" style="height:100%">
      <div class="panel" style="width:220px;padding:10px">{files}</div>
      <div class="mono" style="flex:1;padding:10px;line-height:1.5;white-space:pre">{numbered}</div>
      <div class="panel" style="width:300px;padding:10px"><b>Chat</b><p>{p.t(v.sentence(12))}</p></div>
    </div>"""


def spreadsheet(p: Page) -> str:
    v = p.v
    cols = "ABCDEFG"
    head = (
        "<tr><th></th>" + "".join(f"<th style='text-align:center'>{c}</th>" for c in cols) + "</tr>"
    )
    head += (
        "<tr><th>1</th><td><b>Name</b></td><td><b>Email</b></td><td><b>Phone</b></td><td><b>City</b></td>"
        "<td><b>Plan</b></td><td><b>Amount</b></td><td><b>Signed</b></td></tr>"
    )
    rows = ""
    for i in range(v.rng.randint(10, 16)):
        name = v.person()
        rows += (
            f"<tr><th>{i + 2}</th><td>{p.pii('private_person', name)}</td>"
            f"<td>{p.pii('private_email', v.email(name))}</td><td>{p.pii('private_phone', v.phone())}</td>"
            f"<td>{p.t(v.fake.city())}</td><td>{v.rng.choice(('Pro', 'Team', 'Free'))}</td>"
            f"<td>{v.rng.randint(10, 999)}.{v.rng.randint(0, 99):02d}</td><td>{v.date()}</td></tr>"
        )
    return f"""{_topbar(p, "customers.xlsx")}
    <div class="row panel" style="padding:4px 10px;gap:8px"><span class="field" style="min-height:0;padding:2px 8px">B3</span>
      <span>fx</span><span class="field" style="flex:1;min-height:0;padding:2px 8px">=SUM(F2:F40)</span></div>
    <table style="margin:6px">{head}{rows}</table>"""


def wiki(p: Page) -> str:
    v = p.v
    author, editor = v.person(), v.person()
    company = v.company()
    owners = "".join(
        f"<tr><td>{p.t(v.product())} {p.t(v.word())}</td><td>{p.pii('private_person', v.person())}</td>"
        f"<td>{v.date()}</td><td>{v.rng.choice(('On track', 'At risk', 'Done'))}</td></tr>"
        for _ in range(4)
    )
    return f"""{_topbar(p, "Wiki", url="https://wiki.example.org/spaces/ENG/pages/" + str(v.rng.randint(1000, 9999)))}
    <div class="row" style="height:100%">
      <div class="panel" style="width:230px;padding:12px">Space: Engineering<br><br>Onboarding<br>Runbooks<br>Architecture<br>Roadmap</div>
      <div style="flex:1;padding:18px 32px;max-width:1100px">
        <h1 style="margin:0">{p.t(v.product())} {p.t(v.word())} plan</h1>
        <div class="muted" style="margin:6px 0 16px">Created by {p.pii("private_person", author)}, last updated by
           {p.pii("private_person", editor)} on {v.date()}</div>
        <p>{p.t(v.sentence(18))} {p.t(v.sentence(12))}</p>
        <p>Vendor contact: {p.pii("private_person", v.person())} at {p.pii("private_company", company)},
           {p.pii("private_phone", v.phone())}. Site visit at {p.pii("private_address", v.address())}.</p>
        <h3>Owners</h3><table><tr><th>Workstream</th><th>Owner</th><th>Due</th><th>Status</th></tr>{owners}</table>
        <p>{p.t(v.sentence(16))}</p>
      </div>
    </div>"""


def pull_request(p: Page) -> str:
    v = p.v
    author = v.fake.user_name()
    repo = v.repo()
    reviewers = "".join(
        f"<div style='padding:3px 0'>{p.pii('private_person', v.person())}</div>" for _ in range(3)
    )
    commits = "".join(
        f"<div style='padding:6px 0;border-bottom:1px solid var(--line)'><span class='mono'>{v.sha()}</span> "
        f"{p.t(v.rng.choice(('Fix', 'Add', 'Refactor', 'Update')))} {p.t(v.word())} {p.t(v.word())} "
        f"<span class='muted'>by {p.pii('private_handle', author)}</span></div>"
        for _ in range(4)
    )
    return f"""{_topbar(p, "PR", url="https://github.com/" + p.pii("private_repo", repo) + f"/pull/{v.rng.randint(10, 999)}")}
    <div style="padding:16px 30px"><div class="muted">{p.pii("private_repo", repo)}</div>
      <h2 style="margin:4px 0">{p.t(v.rng.choice(("Fix", "Add", "Refactor")))} {p.t(v.word())} {p.t(v.word())} <span class="muted">#{v.rng.randint(10, 999)}</span></h2>
      <div><span class="btn">Open</span> {p.pii("private_handle", author)} wants to merge 4 commits into main</div>
      <div class="row" style="gap:30px;margin-top:16px">
        <div style="flex:1">{commits}<p>{p.t(v.sentence(15))}</p></div>
        <div style="width:280px"><div class="label">Reviewers</div>{reviewers}
          <div class="label">Labels</div><div>bug, {p.t(v.word())}</div></div>
      </div></div>"""


def password_manager(p: Page) -> str:
    v = p.v
    items = "".join(
        f"<div style='padding:8px;border-bottom:1px solid var(--line)'><b>{p.t(site)}</b><br>"
        f"<span class='muted'>{p.pii('private_email', v.email())}</span></div>"
        for site in ("GitHub", "Bank", "Email", "AWS", "Router")
    )
    dots = v.rng.choice(("\u2022", "\u25cf", "*")) * v.rng.randint(8, 16)
    name = v.person()
    return f"""{_topbar(p, "Vault")}
    <div class="row" style="height:100%">
      <div style="width:300px;border-right:1px solid var(--line)">{items}</div>
      <div style="flex:1;padding:20px;max-width:700px">
        <h2 style="margin-top:0">{p.t(v.rng.choice(("Bank", "Email", "AWS")))} login</h2>
        <div class="label">Username</div><div class="field">{p.pii("private_email", v.email(name))}</div>
        <div class="label">Password</div><div class="field">{p.pii("password_field", dots)}</div>
        <div class="label">Card number</div><div class="field">{p.pii("credit_card", v.card())}</div>
        <div class="label">IBAN</div><div class="field">{p.pii("iban", v.iban())}</div>
        <div class="label">Cardholder</div><div class="field">{p.pii("private_person", name)}</div>
        <div class="label">Notes</div><div class="field">Recovery code {p.pii("secret", v.token(20))}</div>
      </div></div>"""


def signup_form(p: Page) -> str:
    v = p.v
    name = v.person()
    dots = "\u2022" * v.rng.randint(8, 14)
    company = v.company()
    return f"""{_topbar(p, "Sign up", url="https://shop.example.com/checkout")}
    <div style="padding:30px 60px;max-width:760px">
      <h2>Shipping details</h2>
      <div class="label">Full name</div><div class="field">{p.pii("private_person", name)}</div>
      <div class="label">Email address</div><div class="field">{p.pii("private_email", v.email(name))}</div>
      <div class="label">Phone</div><div class="field">{p.pii("private_phone", v.phone())}</div>
      <div class="label">Company (optional)</div><div class="field">{p.pii("private_company", company)}</div>
      <div class="label">Street address</div><div class="field">{p.pii("private_address", v.street())}</div>
      <div class="label">Password</div><div class="field">{p.pii("password_field", dots)}</div>
      <p class="muted">{p.t(v.sentence(14))}</p><span class="btn">Continue</span>
    </div>"""


# --- hard cases: chat sidebars, code-host pages, mail lists, URL bars, wiki metadata ----------


def slack(p: Page) -> str:
    """A chat workspace as Slack draws it: the sidebar's "#" is an icon apart from the name,
    messages mention people (@first.last) and channels, a thread panel with "Name  time"."""
    v = p.v
    company = v.company()
    channels = [v.channel()[1:] for _ in range(6)]
    people = [v.person() for _ in range(6)]
    glued = v.rng.random() < 0.5
    side = f"<b>{p.pii('private_company', company)}</b><div class='muted' style='margin-top:14px'>Channels</div>"
    for c in channels:
        if glued:
            side += f"<div style='padding:3px 0'>{p.pii('private_channel', '#' + c)}</div>"
        else:
            side += f"<div style='padding:3px 0'><span class='muted'>#&nbsp;&nbsp;</span>{p.pii('private_channel', c)}</div>"
    side += "<div class='muted' style='margin-top:14px'>Direct messages</div>"
    side += "".join(
        f"<div style='padding:3px 0'>{p.pii('private_person', d)}</div>" for d in people[:4]
    )
    msgs = ""
    for _ in range(v.rng.randint(4, 6)):
        a = v.rng.choice(people)
        text = p.t(v.sentence(v.rng.randint(6, 12)))
        kind = v.rng.randrange(4)
        if kind == 0:
            text = f"{p.pii('private_handle', v.handle(v.rng.choice(people)))} {text}"
        elif kind == 1:
            text += f" Moving this to {p.pii('private_channel', '#' + v.rng.choice(channels))}"
        elif kind == 2:
            text += f" cc {p.pii('private_handle', v.handle(v.rng.choice(people)))}"
        else:
            plain = f"{v.slug(company)}/{v.product().lower()}"
            text += f" The PR is up on {p.pii('private_repo', plain)}"
        msgs += (
            f'<div class="row" style="gap:10px;padding:7px 0"><div class="avatar">{_initials(a)}</div>'
            f'<div><div><b>{p.pii("private_person", a)}</b>&nbsp;&nbsp;<span class="muted">{v.time()}</span></div>'
            f"<div>{text}</div></div></div>"
        )
    joined = v.rng.choice(people)
    msgs += f'<div class="muted" style="padding:6px 0">{p.pii("private_person", joined)} joined {p.pii("private_channel", "#" + channels[0])}.</div>'
    return f"""{_topbar(p, "Slack")}
    <div class="row" style="height:100%">
      <div class="side" style="width:250px">{side}</div>
      <div style="flex:1;padding:10px 20px">
        <div style="border-bottom:1px solid var(--line);padding-bottom:8px"><b># {p.pii("private_channel", channels[0])}</b>
          <span class="muted">&nbsp;&nbsp;{v.rng.randint(3, 80)} members</span></div>{msgs}
        <div class="field" style="margin-top:12px">Message #{p.pii("private_channel", channels[0])}</div>
      </div>
    </div>"""


def github_repo(p: Page) -> str:
    """A code host's pull request: "owner / repo" header with spaces, author logins in
    timeline rows, a clone URL and a branch from a fork."""
    v = p.v
    company = v.company()
    org = v.slug(company) + v.rng.choice(("", "-inc", "-eng", "hq"))
    name = f"{v.product().lower()}-{v.rng.choice(TEAMS_)}"
    author, reviewer = v.person(), v.person()
    login, rlogin = v.user_name(author), v.user_name(reviewer)
    number = v.rng.randint(10, 2999)
    timeline = ""
    for who, what in (
        (login, "committed"),
        (rlogin, "commented"),
        (login, "pushed 2 commits"),
        (rlogin, "approved these changes"),
    ):
        timeline += (
            f"<div style='padding:8px 0;border-bottom:1px solid var(--line)'><b>{p.pii('private_handle', who)}</b> "
            f"{what} {v.rng.randint(2, 11)} days ago<div class='muted'>{p.t(v.sentence(9))}</div></div>"
        )
    return f"""{_topbar(p, "PR", url="https://github.com/" + p.pii("private_repo", org + "/" + name) + f"/pull/{number}")}
    <div style="padding:14px 30px">
      <div style="font-size:18px">{p.pii("private_repo", org)} / <b>{p.pii("private_repo", name)}</b>
        <span class="muted" style="font-size:12px;border:1px solid var(--line);border-radius:8px;padding:1px 6px">Private</span>
        <span class="muted" style="margin-left:40px">Watch 12 &nbsp; Fork 3 &nbsp; Star 8</span></div>
      <div class="muted row" style="margin:8px 0;gap:44px"><span>&lt;&gt; Code</span><span>&#9711; Issues 41</span><span>&#8645; Pull requests 7</span><span>&#9654; Actions</span><span>&#9638; Projects</span><span>&#9888; Security</span></div>
      <h2 style="margin:10px 0 4px">{p.t(v.rng.choice(("Fix", "Add", "Refactor")))} {p.t(v.word())} {p.t(v.word())} #{number}</h2>
      <div><span class="btn">Open</span> {p.pii("private_handle", login)} wants to merge 3 commits into <span class="mono">main</span> from <span class="mono">{p.pii("private_handle", login)}:{p.t(v.word())}-fix</span></div>
      <div class="row" style="gap:30px;margin-top:14px">
        <div style="flex:1">{timeline}
          <pre class="mono panel" style="padding:8px">git clone git@github.com:{p.pii("private_repo", org + "/" + name)}.git</pre></div>
        <div style="width:260px"><div class="label">Reviewers</div><div>{p.pii("private_handle", rlogin)}</div>
          <div class="label">Assignees</div><div>{p.pii("private_handle", login)}</div>
          <div class="label">Labels</div><div>{p.t(v.word())}</div></div>
      </div></div>"""


def outlook(p: Page) -> str:
    """A mail list whose rows are "Name <address>", an opened mail with From/To lines and a
    signature whose company stands alone on its line."""
    v = p.v
    rows = ""
    people = [v.person() for _ in range(v.rng.randint(6, 8))]
    for name in people:
        rows += (
            f"<div style='padding:7px 12px;border-bottom:1px solid var(--line)'>"
            f"{p.pii('private_person', name)} {p.pii('private_email', '<' + v.email(name) + '>')}"
            f"<div class='muted'>{p.t(v.word().title())} {p.t(v.rng.choice(('review', 'invoice', 'agenda')))} &middot; {v.date()}</div></div>"
        )
    sender, me = people[0], v.person()
    company = v.company()
    title = v.rng.choice(("Account Executive", "VP Engineering", "Office Manager", "Recruiter"))
    sig_style = v.rng.randrange(3)
    if sig_style == 0:
        sig = f"{p.pii('private_person', sender)}<br>{p.t(title)}<br>{p.pii('private_company', company)}<br>{p.pii('private_phone', v.phone())}"
    elif sig_style == 1:
        sig = f"{p.pii('private_person', sender)} | {p.t(title)} | {p.pii('private_company', company)}"
    else:
        sig = f"{p.pii('private_person', sender)}<br>{p.t(title)} at {p.pii('private_company', company)}"
    body = f"""<div style="font-size:20px;margin-bottom:10px">{p.t(v.word().title())} review</div>
      <div>From: {p.pii("private_person", sender)} {p.pii("private_email", "<" + v.email(sender, v.domain(company)) + ">")}</div>
      <div>To: {p.pii("private_person", me)}</div>
      <div class="muted">Sent: {v.date()} {v.time()}</div>
      <p>{p.t(v.sentence(14))} {p.t(v.sentence(9))}</p>
      <p>We signed with {p.pii("private_company", v.company())} last week; {p.t(v.sentence(8))}</p>
      <p>Notes are pinned in {p.pii("private_channel", v.channel())} on Slack.</p>
      <p>Thanks,<br><br>{sig}</p>"""
    return f"""{_topbar(p, "Outlook")}
    <div class="row" style="height:100%">
      <div class="side" style="width:170px">Inbox<br><br>Sent Items<br><br>Drafts<br><br>Archive</div>
      <div style="width:420px;border-right:1px solid var(--line)">{rows}</div>
      <div style="flex:1;padding:18px 24px">{body}</div>
    </div>"""


def browser(p: Page) -> str:
    """A browser whose URL bar and history list hold personal URLs without tokens."""
    v = p.v
    person, company = v.person(), v.company()
    url = v.personal_url(person, company)
    history = "".join(
        f"<div style='padding:6px 0;border-bottom:1px solid var(--line)'><span class='muted'>{v.time()}</span>&nbsp;&nbsp;"
        f"{p.t(v.word().title())} &middot; {p.pii('private_url', v.personal_url(v.person(), v.company()))}</div>"
        for _ in range(v.rng.randint(4, 6))
    )
    public = "".join(
        f"<div style='padding:6px 0;border-bottom:1px solid var(--line)'><span class='muted'>{v.time()}</span>&nbsp;&nbsp;{p.t(v.public_url())}</div>"
        for _ in range(2)
    )
    return f"""{_topbar(p, "Browser", url=p.pii("private_url", url))}
    <div style="padding:20px 40px;max-width:1200px"><h2>History</h2>{history}{public}</div>"""


def confluence(p: Page) -> str:
    """Wiki metadata: "Created by X", "Owned by X", page tree, a mention and a vendor line."""
    v = p.v
    author, owner = v.person(), v.person()
    company = v.company()
    return f"""{_topbar(p, "Confluence", url=p.pii("private_url", f"https://{v.slug(company)}.atlassian.net/wiki/spaces/ENG/pages/{v.rng.randint(10000, 99999)}"))}
    <div class="row" style="height:100%">
      <div class="panel" style="width:240px;padding:12px"><b>{p.pii("private_company", company)}</b><br><br>Engineering<br>&nbsp;&nbsp;Runbooks<br>&nbsp;&nbsp;Onboarding<br>&nbsp;&nbsp;{p.t(v.product())} notes</div>
      <div style="flex:1;padding:18px 32px;max-width:1100px">
        <h1 style="margin:0">{p.t(v.product())} {p.t(v.word())} retro</h1>
        <div class="muted" style="margin:6px 0 4px">Created by {p.pii("private_person", author)}</div>
        <div class="muted" style="margin:0 0 16px">Owned by {p.pii("private_person", owner)} &middot; Last updated {v.date()}</div>
        <p>{p.t(v.sentence(16))} Thanks {p.pii("private_handle", v.handle(owner))} for the notes.</p>
        <p>{p.t(v.sentence(12))} Contract with {p.pii("private_company", v.company())} renews on {v.date()}.</p>
        <p>{p.t(v.sentence(14))}</p>
        <table><tr><td>Repository</td><td>{p.pii("private_repo", v.repo(company))}</td></tr>
          <tr><td>On call</td><td>{p.pii("private_person", v.person())}</td></tr></table>
      </div>
    </div>"""


def terminal_git(p: Page) -> str:
    """A shell with the user and host in the prompt, a home path, and git remotes."""
    v = p.v
    person = v.person()
    user = v.user_name(person)
    host = v.rng.choice(("MacBook-Pro", "laptop", "devbox"))
    org = v.slug(v.company())
    repo = f"{v.product().lower()}-{v.rng.choice(TEAMS_)}"
    prompt = f"{p.pii('private_handle', user)}@{p.t(host)} ~/code/{p.t(repo)} (main) $ "
    lines = [
        f"{prompt}git remote -v",
        f"origin  git@github.com:{p.pii('private_repo', org + '/' + repo)}.git (fetch)",
        f"origin  git@github.com:{p.pii('private_repo', org + '/' + repo)}.git (push)",
        f"{prompt}git config user.name",
        p.pii("private_person", person),
        f"{prompt}pwd",
        f"/Users/{p.pii('private_handle', user)}/code/{p.t(repo)}",
        f"{prompt}code .",
        f"Opening {p.pii('private_repo', repo)} in Cursor",
        f"{prompt}git push origin {p.t(v.word())}-fix",
        f"To github.com:{p.pii('private_repo', org + '/' + repo)}.git",
        f" * [new branch]      {p.t(v.word())}-fix -> {p.t(v.word())}-fix",
        f"{prompt}gh pr list",
        f"#{v.rng.randint(10, 999)}  Fix {p.t(v.word())}  {p.t(v.word())}-fix  OPEN",
        f"{prompt}",
    ]
    return f"""{_topbar(p, "Terminal")}
    <div class="mono" style="padding:10px 14px;line-height:1.45;font-size:14px;background:#0c0c0c;color:#d0d0d0;height:100%">{"<br>".join(lines)}</div>"""


# --- negatives: typical screens without personal data ----------------------------------------


def neg_docs(p: Page) -> str:
    v = p.v
    paras = "".join(f"<p>{p.t(v.sentence(20))} {p.t(v.sentence(14))}</p>" for _ in range(5))
    return f"""{_topbar(p, "Docs", url=v.public_url())}
    <div class="row" style="height:100%"><div class="panel" style="width:240px;padding:12px">Getting started<br>Tutorial<br>
      API reference<br>Configuration<br>FAQ<br>Changelog</div>
      <div style="flex:1;padding:20px 40px;max-width:1000px"><h1>{p.t(v.product())} {p.t(v.word())} guide</h1>{paras}
      <pre class="mono panel" style="padding:10px">pip install {p.t(v.product().lower())}=={v.rng.randint(1, 4)}.{v.rng.randint(0, 20)}.0
{p.t(v.product().lower())} run --config config.yaml --workers 4</pre></div></div>"""


def neg_settings(p: Page) -> str:
    v = p.v
    rows = "".join(
        f"<div class='row' style='justify-content:space-between;padding:10px 0;border-bottom:1px solid var(--line)'>"
        f"<span>{p.t(label)}</span><span class='muted'>{p.t(value)}</span></div>"
        for label, value in (
            ("Theme", "System default"),
            ("Language", "English (US)"),
            ("Time zone", "UTC+01:00"),
            ("Notifications", "Mentions only"),
            ("Auto-update", "On"),
            ("Font size", "14 px"),
            ("Telemetry", "Off"),
            ("Storage used", f"{v.rng.randint(2, 90)}.{v.rng.randint(0, 9)} GB of 100 GB"),
        )
    )
    return f"""{_topbar(p, "Settings")}<div style="padding:24px 60px;max-width:900px"><h2>Preferences</h2>{rows}
      <p class="muted">Version {v.rng.randint(1, 9)}.{v.rng.randint(0, 30)}.{v.rng.randint(0, 9)} &middot; build {v.sha(8)}</p></div>"""


def neg_dashboard(p: Page) -> str:
    v = p.v
    cards = "".join(
        f"<div class='panel' style='padding:16px;width:240px'><div class='muted'>{p.t(m)}</div>"
        f"<div style='font-size:28px;font-weight:bold'>{v.rng.randint(10, 999)}{u}</div></div>"
        for m, u in (
            ("Requests / s", ""),
            ("p95 latency", " ms"),
            ("Error rate", " bp"),
            ("Active jobs", ""),
        )
    )
    rows = "".join(
        f"<tr><td>{p.t(v.ticket())}</td><td>{p.t(v.product())} {p.t(v.word())}</td><td>{v.date()}</td>"
        f"<td>{v.rng.choice(('Open', 'Closed', 'In progress'))}</td><td>P{v.rng.randint(1, 4)}</td></tr>"
        for _ in range(8)
    )
    return f"""{_topbar(p, "Dashboard")}<div style="padding:20px"><div class="row" style="gap:16px">{cards}</div>
      <h3>Recent tickets</h3><table><tr><th>ID</th><th>Title</th><th>Updated</th><th>Status</th><th>Priority</th></tr>{rows}</table></div>"""


def neg_terminal(p: Page) -> str:
    v = p.v
    lines = [
        "$ make build",
        "mkdir -p build",
        "cc -O2 -Wall -c src/main.c -o build/main.o",
        "cc -O2 -Wall -c src/util.c -o build/util.o",
        "cc -o build/app build/main.o build/util.o",
        "$ ./build/app --selftest",
        f"selftest: {v.rng.randint(20, 90)} checks passed",
        "$ git status",
        "On branch main",
        "Your branch is up to date with 'origin/main'.",
        "",
        "nothing to commit, working tree clean",
        "$ docker ps",
        "CONTAINER ID   IMAGE          STATUS         PORTS",
        f"{v.sha(12)}   redis:7        Up 3 hours     0.0.0.0:6379->6379/tcp",
        f"{v.sha(12)}   postgres:16    Up 3 hours     0.0.0.0:5432->5432/tcp",
        "$ ",
    ]
    return f"""{_topbar(p, "Terminal")}<div class="mono" style="padding:10px 14px;line-height:1.45;background:#0c0c0c;color:#d0d0d0;height:100%">{"<br>".join(p.t(line) for line in lines)}</div>"""


def neg_code(p: Page) -> str:
    v = p.v
    code = [
        "from dataclasses import dataclass",
        "",
        "@dataclass(frozen=True)",
        "class Point:",
        "    x: float",
        "    y: float",
        "",
        "    def norm(self) -> float:",
        "        return (self.x ** 2 + self.y ** 2) ** 0.5",
        "",
        "def centroid(points: list[Point]) -> Point:",
        "    n = len(points)",
        "    return Point(sum(p.x for p in points) / n, sum(p.y for p in points) / n)",
        "",
        f"# See {v.public_url()}",
    ]
    numbered = "".join(
        f"<div><span class='muted' style='display:inline-block;width:34px'>{i + 1}</span>{p.t(line)}</div>"
        for i, line in enumerate(code)
    )
    return f"""{_topbar(p, "geometry.py - IDE")}<div class="row" style="height:100%"><div class="panel" style="width:200px;padding:10px">
      geometry.py<br>test_geometry.py<br>README.md</div><div class="mono" style="flex:1;padding:10px;line-height:1.5;white-space:pre">{numbered}</div></div>"""


def neg_c_code(p: Page) -> str:
    """Code full of things that look like channels, handles and repositories: preprocessor
    lines, colours, annotations, include paths, issue numbers."""
    v = p.v
    code = [
        "#include <stdio.h>",
        "#include <sys/types.h>",
        '#include "net/socket.h"',
        "#define MAX_RETRIES 5",
        "#ifdef DEBUG",
        "#pragma once",
        "#endif",
        "",
        "/* colours: #fff, #1e1e1e, #ff6600 -- see issue #412 */",
        "@Override",
        "public String toString() { return name; }",
        "// read/write the config under src/main and lib/util",
        "@media (max-width: 600px) { .nav { color: #333; } }",
        f"// TCP/IP and/or UDP, input/output v{v.rng.randint(1, 3)}/v{v.rng.randint(4, 6)}",
        "#!/usr/bin/env bash",
        "# shellcheck disable=SC2086",
    ]
    numbered = "".join(
        f"<div><span class='muted' style='display:inline-block;width:34px'>{i + 1}</span>{p.t(line)}</div>"
        for i, line in enumerate(code)
    )
    return f"""{_topbar(p, "socket.c - IDE")}<div class="row" style="height:100%"><div class="panel" style="width:200px;padding:10px">
      src/<br>&nbsp;&nbsp;socket.c<br>&nbsp;&nbsp;socket.h<br>include/net/<br>Makefile</div><div class="mono" style="flex:1;padding:10px;line-height:1.5;white-space:pre">{numbered}</div></div>"""


def neg_chat_public(p: Page) -> str:
    """A chat workspace's default channels with bot messages only (nobody named)."""
    v = p.v
    side = "<b>Workspace</b><div class='muted' style='margin-top:12px'>Channels</div>"
    side += "".join(
        f"<div style='padding:3px 0'>#&nbsp;&nbsp;{c}</div>"
        for c in ("general", "random", "announcements", "help")
    )
    msgs = "".join(
        f"<div style='padding:8px 0'><b>Slackbot</b>&nbsp;&nbsp;<span class='muted'>{v.time()}</span><div>{p.t(line)}</div></div>"
        for line in (
            "Reminder: the office is closed on Monday.",
            "This channel is for workspace-wide communication and announcements.",
            "Tip: type /remind to set a reminder.",
            "Use #help for questions about tools and accounts.",
        )
    )
    return f"""{_topbar(p, "Chat")}<div class="row" style="height:100%"><div class="side" style="width:240px">{side}</div>
      <div style="flex:1;padding:10px 20px"><div style="border-bottom:1px solid var(--line);padding-bottom:8px"><b># general</b></div>{msgs}
      <div class="field" style="margin-top:12px">Message #general</div></div></div>"""


def neg_markdown(p: Page) -> str:
    """Project documentation: headings, issue numbers, paths, @param tags, public repos."""
    v = p.v
    lines = [
        "<h2>Installation</h2>",
        "<p>Clone the repository and install the dependencies (Python 3.11 and/or 3.12):</p>",
        "<pre class='mono panel' style='padding:8px'>pip install -e .[dev]\npytest tests/unit</pre>",
        "<h2>Configuration</h2>",
        "<p>Settings live in config/settings.yaml; see docs/usage.md for input/output options. "
        "Fixed in #128 and #131 (client/server mode).</p>",
        "<p>@param timeout  seconds before a read/write gives up<br>@returns the parsed document</p>",
        f"<p>{p.t(v.sentence(18))}</p>",
        "<p>Changes since v2.1: TCP/IP keep-alive, UTF-8 paths, ARM64/x86 builds.</p>",
    ]
    return f"""{_topbar(p, "README", url=v.public_url())}<div style="padding:20px 50px;max-width:1000px"><h1>{p.t(v.product())}</h1>{"".join(lines)}</div>"""


def neg_wiki(p: Page) -> str:
    """A wiki's chrome without people: breadcrumbs with slashes, sidebar headings that chat
    apps use too (Starred, Apps), a page tree."""
    v = p.v
    nav = "".join(
        f"<span style='margin-right:28px'>{t}</span>"
        for t in ("Home", "Recent", "Spaces", "Apps", "Templates")
    )
    tree = "".join(
        f"<div style='padding:3px 0'>{t}</div>"
        for t in ("Runbooks", "Onboarding", "Architecture", "Release notes")
    )
    return f"""<div class="panel" style="padding:8px 14px;border-bottom:1px solid var(--line)"><b>Wiki</b>&nbsp;&nbsp;&nbsp;{nav}</div>
    <div class="row" style="height:100%"><div class="panel" style="width:240px;padding:12px"><div class="muted">Starred</div>
      <div style="padding:3px 0">Engineering</div><div class="muted" style="margin-top:12px">Apps</div><div style="padding:3px 0">Calendars</div>
      <div class="muted" style="margin-top:12px">Page tree</div>{tree}</div>
      <div style="flex:1;padding:18px 32px;max-width:1000px"><div class="muted">Spaces / Engineering / Runbooks</div>
      <h1>{p.t(v.product())} {p.t(v.word())} runbook</h1><p>{p.t(v.sentence(18))}</p>
      <ol><li>{p.t(v.sentence(10))}</li><li>Restart the {p.t(v.word())} workers (read/write pool first).</li><li>{p.t(v.sentence(9))}</li></ol>
      <p class="muted">Labels: runbook, {p.t(v.word())}, on-call</p></div></div>"""


TEMPLATES: dict[str, Callable[[Page], str]] = {
    "mail": mail,
    "chat": chat,
    "crm": crm,
    "terminal": terminal,
    "ide": ide,
    "spreadsheet": spreadsheet,
    "wiki": wiki,
    "pull_request": pull_request,
    "password_manager": password_manager,
    "signup_form": signup_form,
    "slack": slack,
    "github_repo": github_repo,
    "outlook": outlook,
    "browser": browser,
    "confluence": confluence,
    "terminal_git": terminal_git,
}
NEGATIVES: dict[str, Callable[[Page], str]] = {
    "neg_docs": neg_docs,
    "neg_settings": neg_settings,
    "neg_dashboard": neg_dashboard,
    "neg_terminal": neg_terminal,
    "neg_code": neg_code,
    "neg_c_code": neg_c_code,
    "neg_chat_public": neg_chat_public,
    "neg_markdown": neg_markdown,
    "neg_wiki": neg_wiki,
}


def build_page(template: str, seed: int, theme: str) -> tuple[str, Page]:
    """The full HTML document of one page, and the page (its labels)."""
    v = Values(seed)
    page = Page(v, theme, v.rng.choice(FONTS), v.rng.choice(MONO))
    # hard imports this module: imported here, not at the top.
    from hard import NEGATIVES_HARD, NEGATIVES_R3, TEMPLATES_HARD, TEMPLATES_R3
    from round4 import NEGATIVES_R4, TEMPLATES_R4

    body = {
        **TEMPLATES,
        **NEGATIVES,
        **TEMPLATES_HARD,
        **NEGATIVES_HARD,
        **TEMPLATES_R3,
        **NEGATIVES_R3,
        **TEMPLATES_R4,
        **NEGATIVES_R4,
    }[template](page)
    doc = f"""<!doctype html><html><head><meta charset="utf-8"><style>{page.css()}</style></head>
    <body>{body}{GOLD_SCRIPT}</body></html>"""
    return doc, page


#: Writes the boxes of every personal value (CSS pixels) into <pre id="gold"> for --dump-dom.
GOLD_SCRIPT = """<script>
const out = [];
document.querySelectorAll('[data-pii]').forEach(e => {
  const range = document.createRange(); range.selectNodeContents(e);
  const r = range.getBoundingClientRect();
  if (r.width > 0 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth)
    out.push({label: e.dataset.pii, x: r.x, y: r.y, w: r.width, h: r.height, text: e.textContent});
});
const pre = document.createElement('pre'); pre.id = 'gold'; pre.style.display = 'none';
pre.textContent = JSON.stringify({gold: out, w: window.innerWidth, h: window.innerHeight});
document.body.appendChild(pre);
</script>"""
