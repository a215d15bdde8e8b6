# ruff: noqa: E501 - HTML read best one element a line
"""Development screen families (tune on these only). Persons from ``kit.DEV_NAME_LOCALES``."""

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
    RECORD_ID,
    SECRET,
    USERNAME,
    Family,
    Page,
)


def _main(p: Page, title: str, side: list[str], inner: str, url: str | None = None) -> str:
    return f'{p.topbar(title, url)}<div class="row" style="height:100%">{p.sidebar(side)}<div style="flex:1;padding:16px">{inner}</div></div>'


def mail_inbox(p: Page) -> str:
    v = p.v
    rows = "".join(f'<div style="padding:7px 10px;border-bottom:1px solid var(--line)"><b>{p.pii(PERSON, v.person())}</b> <span class="muted">{v.time()}</span><div>{p.t(v.word().title())} {p.t(v.word())}</div></div>' for _ in range(p.rng.randint(5, 9)))
    sender = v.person()
    body = f'<h2>{p.t(v.word().title())} {p.t(v.word())}</h2><div>From: {p.pii(PERSON, sender)} &lt;{p.pii(EMAIL, v.email(sender))}&gt;</div><div>To: {p.pii(EMAIL, v.email())}</div><p>{p.t(v.sentence(14))}</p><p>{p.t(v.sentence(10))}</p><p>Best,<br>{p.pii(PERSON, sender.split()[0])}<br>{p.pii(PHONE, v.phone())}</p>'
    return f'<div class="row" style="height:100%">{p.sidebar(["Inbox", "Sent", "Drafts", "Archive"], 150)}<div style="width:380px;border-right:1px solid var(--line)">{rows}</div><div style="flex:1;padding:16px">{body}</div></div>'


def team_chat(p: Page) -> str:
    v = p.v
    msgs = "".join(f'<div class="row" style="gap:10px;padding:6px 0">{p.avatar(n)}<div><b>{p.pii(PERSON, n)}</b> <span class="muted">{v.time()}</span><div>{p.t(v.sentence(9))}</div></div></div>' for n in [v.person() for _ in range(p.rng.randint(5, 8))])
    return _main(p, "#general", ["Channels", "# general", "# random", "# releases", "Direct messages"], msgs)


def invoice(p: Page) -> str:
    v = p.v
    client = v.person()
    items = [[p.t(v.product()), p.t(str(v.rng.randint(1, 9))), p.t(v.price())] for _ in range(p.rng.randint(3, 6))]
    return f'<div style="padding:30px 60px"><div class="row" style="justify-content:space-between"><h1>INVOICE</h1><div>{p.t(v.company())}<br>{p.t(v.city())}</div></div><div>Bill to:<br>{p.pii(PERSON, client)}<br>{p.pii(ADDRESS, v.street())}<br>{p.pii(ADDRESS, v.postcode_city())}</div><p>Invoice no. {p.t(v.sku())} · {p.t(v.date())}</p>{p.table(["Item", "Qty", "Amount"], items)}<p>Pay to {p.pii(FINANCIAL, v.iban())}</p></div>'


def admin_users(p: Page) -> str:
    v = p.v
    rows = []
    for _ in range(p.rng.randint(6, 11)):
        n = v.person()
        rows.append([p.pii(USERNAME, v.username(n)), p.pii(PERSON, n), p.pii(EMAIL, v.email(n)), p.t(v.rng.choice(("admin", "editor", "viewer"))), p.pii(IP, v.ip()), p.t(v.date())])
    return _main(p, "Admin", ["Users", "Roles", "Audit log", "Settings"], p.table(["Login", "Name", "Email", "Role", "Last IP", "Last seen"], rows))


def spreadsheet(p: Page) -> str:
    v = p.v
    cols = "ABCDEF"
    head = ["", *cols]
    rows = [[p.t("1"), p.t("Name"), p.t("Phone"), p.t("City"), p.t("Amount"), p.t("Paid"), p.t("Note")]]
    for i in range(2, p.rng.randint(10, 18)):
        rows.append([p.t(str(i)), p.pii(PERSON, v.person()), p.pii(PHONE, v.phone()), p.t(v.city()), p.t(v.price()), p.t(v.rng.choice(("yes", "no"))), p.t(v.word())])
    return f'{p.topbar("Budget.xlsx")}<div style="padding:6px">{p.table(head, rows)}</div>'


def profile_page(p: Page) -> str:
    v = p.v
    n = v.person()
    pairs = [(p.L("email"), p.pii(EMAIL, v.email(n))), (p.L("phone"), p.pii(PHONE, v.phone())), ("Website", p.pii(PERSONAL_URL, v.profile_url(n))), (p.L("city"), p.t(v.city())), ("Member since", p.t(v.date()))]
    return f'{p.topbar("", "https://social.example/" + v.username(n))}<div style="padding:24px;width:760px"><div class="row" style="gap:14px;align-items:center">{p.avatar(n)}<h1 style="margin:0">{p.pii(PERSON, n)}</h1><span class="muted">@{p.pii(USERNAME, v.username(n))}</span></div><p>{p.t(v.sentence(12))}</p>{p.kv(pairs)}</div>'


def customer_portal(p: Page) -> str:
    v = p.v
    n = v.person()
    pairs = [("Customer no.", p.pii(RECORD_ID, v.record_id("C"))), (p.L("name"), p.pii(PERSON, n)), (p.L("address"), p.pii(ADDRESS, v.street())), ("Meter", p.t(v.sku())), ("Tariff", p.t("Green 12"))]
    return _main(p, "My account", ["Dashboard", "Bills", "Meter readings", "Contract"], f'<h2>Hello {p.pii(PERSON, n.split()[0])}</h2><div class="card">{p.kv(pairs, 2)}</div>')


def git_log_terminal(p: Page) -> str:
    v = p.v
    lines = ["$ git log --format='%h %an &lt;%ae&gt; %s' -8"]
    for _ in range(8):
        n = v.person()
        lines.append(f"{v.barcode()[:7]} {p.pii(PERSON, n)} &lt;{p.pii(EMAIL, v.email(n))}&gt; {v.word()} {v.word()}")
    lines.append("$ ")
    return '<div class="term" style="height:100%">' + "\n".join(lines) + "</div>"


def issue_tracker(p: Page) -> str:
    v = p.v
    rows = [[p.t(f"PRJ-{v.rng.randrange(100, 999)}"), p.t(f"{v.word().title()} {v.word()}"), p.pii(PERSON, v.person()), p.pii(PERSON, v.person()), p.t(v.rng.choice(("Open", "In progress", "Done")))] for _ in range(p.rng.randint(6, 11))]
    return _main(p, "Issues", ["Backlog", "Board", "Releases"], p.table(["Key", "Summary", "Assignee", "Reporter", p.L("status")], rows))


def contacts_app(p: Page) -> str:
    v = p.v
    people = sorted(v.person() for _ in range(p.rng.randint(8, 13)))
    lst = "".join(f'<div class="row" style="gap:8px;padding:5px">{p.avatar(n)}{p.pii(PERSON, n)}</div>' for n in people)
    sel = people[0]
    return f'<div class="row" style="height:100%"><div style="width:300px;border-right:1px solid var(--line)">{lst}</div><div style="padding:20px"><h2>{p.pii(PERSON, sel)}</h2>{p.kv([(p.L("phone"), p.pii(PHONE, v.phone())), (p.L("email"), p.pii(EMAIL, v.email(sel))), (p.L("address"), p.pii(ADDRESS, v.street())), ("Birthday", p.pii(DOB, v.dob()))])}</div></div>'


def letter_editor(p: Page) -> str:
    v = p.v
    to = v.person()
    return f'{p.topbar("Letter.docx")}<div style="width:780px;margin:20px auto;padding:40px;border:1px solid var(--line)"><div>{p.pii(PERSON, v.person())}<br>{p.pii(ADDRESS, v.street())}<br>{p.pii(ADDRESS, v.postcode_city())}</div><br><div>{p.pii(PERSON, to)}<br>{p.pii(ADDRESS, v.street())}</div><p>{p.t(v.date())}</p><p>Dear {p.pii(PERSON, to)},</p><p>{p.t(v.sentence(20))}</p><p>Sincerely</p></div>'


def payroll(p: Page) -> str:
    v = p.v
    rows = [[p.pii(PERSON, v.person()), p.pii(GOV_ID, v.gov_id()), p.pii(FINANCIAL, v.iban()), p.t(v.price())] for _ in range(p.rng.randint(6, 10))]
    return _main(p, "Payroll", ["Runs", "Employees", "Taxes"], p.table(["Employee", "Tax ID", "Bank account", "Net pay"], rows))


def parcel_tracking(p: Page) -> str:
    v = p.v
    steps = "".join(f"<div>{p.t(v.date())} {p.t(v.time())} · {p.t(v.city())} · {p.t(s)}</div>" for s in ("Picked up", "In transit", "Out for delivery"))
    return f'{p.topbar("", "https://track.example.com/")}<div style="padding:24px"><h2>Parcel {p.t(v.sku())}</h2><div class="card">Recipient: {p.pii(PERSON, v.person())}<br>{p.pii(ADDRESS, v.street())}, {p.pii(ADDRESS, v.postcode_city())}<br>{p.pii(PHONE, v.phone())}</div>{steps}</div>'


def social_feed(p: Page) -> str:
    v = p.v
    posts = "".join(f'<div class="card" style="margin:8px 0"><div class="row" style="gap:8px">{p.avatar(n)}<b>{p.pii(PERSON, n)}</b> <span class="muted">@{p.pii(USERNAME, v.username(n))} · {v.rng.randint(1, 23)}h</span></div><p>{p.t(v.sentence(14))}</p></div>' for n in [v.person() for _ in range(p.rng.randint(3, 5))])
    return f'<div style="width:640px;margin:0 auto">{posts}</div>'


def video_call(p: Page) -> str:
    v = p.v
    tiles = "".join(f'<div style="width:300px;height:180px;background:#333;color:#fff;margin:6px;display:flex;align-items:flex-end;padding:8px">{p.pii(PERSON, v.person())}</div>' for _ in range(p.rng.randint(4, 8)))
    return f'<div style="display:flex;flex-wrap:wrap;padding:20px;background:#111;height:100%">{tiles}</div>'


def rental_application(p: Page) -> str:
    v = p.v
    pairs = [(p.L("name"), p.pii(PERSON, v.person())), (p.L("dob"), p.pii(DOB, v.dob())), (p.L("id"), p.pii(GOV_ID, v.gov_id())), ("Employer", p.t(v.company())), ("Income", p.t(v.price())), (p.L("plate"), p.pii(PLATE, v.plate())), ("Current address", p.pii(ADDRESS, v.street()))]
    return f'{p.topbar("Rental application")}<div style="padding:24px;width:820px">{p.kv(pairs, 2)}</div>'


def support_ticket(p: Page) -> str:
    v = p.v
    n = v.person()
    return _main(p, "Tickets", ["Open", "Pending", "Solved"], f'<h2>#{v.rng.randrange(1000, 9999)} {p.t(v.word().title())} problem</h2><div class="muted">Requester: {p.pii(PERSON, n)} ({p.pii(EMAIL, v.email(n))})</div><p>{p.t(v.sentence(16))}</p><div class="card">Internal note by {p.pii(PERSON, v.person())}: {p.t(v.sentence(8))}</div>')


def kanban(p: Page) -> str:
    v = p.v
    cols = "".join(f'<div style="flex:1;padding:8px"><b>{c}</b>' + "".join(f'<div class="card" style="margin:6px 0">{p.t(v.word().title())} {p.t(v.word())}<div class="muted">{p.pii(PERSON, v.first())}</div></div>' for _ in range(p.rng.randint(2, 4))) + "</div>" for c in ("To do", "Doing", "Review", "Done"))
    return f'{p.topbar("Board")}<div class="row">{cols}</div>'


def deploy_terminal(p: Page) -> str:
    v = p.v
    user = v.username()
    lines = [f"{p.pii(USERNAME, user)}@ci:~$ kubectl create secret generic api --from-literal=token={p.pii(SECRET, v.secret())}", "secret/api created", f"{p.pii(USERNAME, user)}@ci:~$ cat ~/.netrc", f"machine git.example.com login {p.pii(USERNAME, v.username())} password {p.pii(SECRET, v.password())}", f"{p.pii(USERNAME, user)}@ci:~$ "]
    return '<div class="term" style="height:100%">' + "\n".join(lines) + "</div>"


def gym_members(p: Page) -> str:
    v = p.v
    rows = [[p.pii(RECORD_ID, str(v.rng.randrange(10000, 99999))), p.pii(PERSON, v.person()), p.pii(DOB, v.dob()), p.pii(PHONE, v.phone()), p.t(v.rng.choice(("Basic", "Premium")))] for _ in range(p.rng.randint(6, 10))]
    return _main(p, "Members", ["Members", "Classes", "Billing"], p.table(["Member no.", p.L("name"), p.L("dob"), p.L("phone"), "Plan"], rows))


def library_loans(p: Page) -> str:
    v = p.v
    rows = [[p.t(f"{v.word().title()} of {v.word().title()}"), p.pii(PERSON, f"{v.last()}, {v.first()}"), p.t(v.date())] for _ in range(p.rng.randint(6, 10))]
    return _main(p, "Loans", ["Loans", "Catalogue", "Patrons"], p.table(["Title", "Borrower", "Due"], rows))


def dm_sidebar(p: Page) -> str:
    """Direct messages: lowercase first names and nicknames beside avatars and times."""
    v = p.v
    people = [v.first() for _ in range(p.rng.randint(5, 8))]
    nick = [n.lower() if p.rng.random() < 0.7 else n for n in people]
    side = "".join(f'<div class="row" style="gap:8px;padding:6px">{p.avatar(n)}<span>{p.pii(PERSON, k)}</span><span class="muted" style="margin-left:auto">{v.time()}</span></div>' for n, k in zip(people, nick, strict=True))
    me = nick[0]
    msgs = "".join(f'<div style="padding:6px 0"><b>{p.pii(PERSON, who)}</b> <span class="muted">{v.time()}</span><div>{p.t(v.sentence(8))}</div></div>' for who in [p.rng.choice(nick) for _ in range(p.rng.randint(4, 7))])
    return f'<div class="row" style="height:100%"><div style="width:260px;border-right:1px solid var(--line)"><div class="muted" style="padding:6px">Direct messages</div>{side}</div><div style="flex:1;padding:14px"><h3>{p.pii(PERSON, me)}</h3>{msgs}</div></div>'


def member_list(p: Page) -> str:
    """A member list: avatar initials, a name, a handle, a role."""
    v = p.v
    rows = []
    for _ in range(p.rng.randint(6, 10)):
        n = v.person()
        handle = v.username(n) if p.rng.random() < 0.5 else "@" + v.username(n)
        rows.append(f'<div class="row" style="gap:10px;padding:5px;border-bottom:1px solid var(--line)">{p.avatar(n)}<span style="width:220px">{p.pii(PERSON, n)}</span><span class="muted" style="width:200px">{p.pii(USERNAME, handle)}</span><span>{p.t(v.rng.choice(("Admin", "Member", "Guest", "Owner")))}</span></div>')
    return _main(p, "Members", ["Overview", "Members", "Settings"], f'<h2>{p.t("Members")}</h2>{"".join(rows)}')


def project_cards(p: Page) -> str:
    """Cards whose heading says what the name under it is (owner, assignee, contact)."""
    v = p.v
    heads = [p.L("owner"), "Assignee", "Contact", "Reviewer", "Account manager"]
    cards = []
    for _ in range(p.rng.randint(3, 6)):
        n = v.person()
        head = p.rng.choice(heads)
        cards.append(f'<div class="card" style="width:260px;margin:8px"><b>{p.t(v.word().title())} {p.t(v.word())}</b><div class="muted" style="margin-top:8px">{p.t(head)}</div><div>{p.pii(PERSON, n)}</div><div class="muted">{p.t(v.date())} · {p.t(v.rng.choice(("Open", "Done", "Blocked")))}</div></div>')
    return _main(p, "Projects", ["Projects", "Reports"], f'<div style="display:flex;flex-wrap:wrap">{"".join(cards)}</div>')


# ---- development families without personal data ----


def docs_page(p: Page) -> str:
    v = p.v
    return _main(p, "Docs", ["Getting started", "Install", "API", "FAQ"], f'<h1>Install</h1><p>{p.t(v.sentence(18))}</p><div class="term">pip install atlas=={v.version()}</div><p>{p.t(v.sentence(12))}</p>', "https://docs.example.org/install")


def pricing_table(p: Page) -> str:
    v = p.v
    rows = [[p.t(plan), p.t(v.price()), p.t(f"{v.rng.randint(1, 50)} users"), p.t(f"{v.rng.randint(5, 500)} GB")] for plan in ("Free", "Team", "Business", "Enterprise")]
    return f'{p.topbar("Pricing")}<div style="padding:30px">{p.table(["Plan", "Price", "Seats", "Storage"], rows)}</div>'


def build_log(p: Page) -> str:
    v = p.v
    lines = "\n".join(f"[{v.time()}:{v.rng.randrange(60):02d}] {v.rng.choice(('INFO', 'WARN', 'DEBUG'))} {v.word()} {v.word()} in {v.rng.randrange(5, 900)} ms" for _ in range(22))
    return f'<div class="term" style="height:100%">$ make build\n{p.t(lines)}\nBuild succeeded ({v.version()})</div>'


def app_store(p: Page) -> str:
    v = p.v
    cards = "".join(f'<div class="card" style="width:220px;margin:8px"><b>{p.t(v.product())}</b><div class="muted">{p.t(v.company())}</div><div>{p.t(v.price())} · v{v.version()}</div></div>' for _ in range(8))
    return f'{p.topbar("Store")}<div style="display:flex;flex-wrap:wrap;padding:14px">{cards}</div>'


def analytics_dashboard(p: Page) -> str:
    v = p.v
    tiles = "".join(f'<div class="card" style="flex:1;margin:6px"><div class="muted">{t}</div><h2>{v.rng.randrange(100, 99999):,}</h2></div>' for t in ("Visits", "Sign-ups", "Orders", "Revenue"))
    rows = [[p.t(v.city()), p.t(str(v.rng.randrange(100, 9000))), p.t(f"{v.rng.randrange(1, 60)}%")] for _ in range(8)]
    return _main(p, "Analytics", ["Overview", "Traffic", "Sales"], f'<div class="row">{tiles}</div>{p.table(["City", "Visits", "Bounce"], rows)}')


FAMILIES: dict[str, tuple[Family, bool]] = {
    "mail_inbox": (mail_inbox, True),
    "team_chat": (team_chat, True),
    "invoice": (invoice, True),
    "admin_users": (admin_users, True),
    "spreadsheet": (spreadsheet, True),
    "profile_page": (profile_page, True),
    "customer_portal": (customer_portal, True),
    "git_log_terminal": (git_log_terminal, True),
    "issue_tracker": (issue_tracker, True),
    "contacts_app": (contacts_app, True),
    "letter_editor": (letter_editor, True),
    "payroll": (payroll, True),
    "parcel_tracking": (parcel_tracking, True),
    "social_feed": (social_feed, True),
    "video_call": (video_call, True),
    "rental_application": (rental_application, True),
    "support_ticket": (support_ticket, True),
    "kanban": (kanban, True),
    "deploy_terminal": (deploy_terminal, True),
    "gym_members": (gym_members, True),
    "library_loans": (library_loans, True),
    "dm_sidebar": (dm_sidebar, True),
    "member_list": (member_list, True),
    "project_cards": (project_cards, True),
    "docs_page": (docs_page, False),
    "pricing_table": (pricing_table, False),
    "build_log": (build_log, False),
    "app_store": (app_store, False),
    "analytics_dashboard": (analytics_dashboard, False),
}
