# ruff: noqa: E501 - HTML read best one element a line
"""HELD-OUT screen families: written and committed before any development family, any tuning
and any scoring run. Never change them to fit a detector, never read their misses one by one.
Persons come only from ``kit.HELDOUT_NAME_LOCALES`` (the generator passes them in).
"""

from __future__ import annotations

from kit import (
    ADDRESS,
    DOB,
    EMAIL,
    FINANCIAL,
    GOV_ID,
    PERSON,
    PHONE,
    PLATE,
    RECORD_ID,
    SECRET,
    USERNAME,
    Family,
    Page,
)


def hr_records(p: Page) -> str:
    """HR employee register: split first/last name columns, two-line headers, IDs, DOB."""
    v = p.v
    split = p.rng.random() < 0.6
    headers = [*([p.L("last"), p.L("first")] if split else [p.L("name")]), "Employee no.", p.L("dob"), p.L("id"), "Department", "Start date", p.L("phone")]
    rows = []
    for _ in range(p.rng.randint(6, 12)):
        first, last = v.first(), v.last()
        names = [p.pii(PERSON, last), p.pii(PERSON, first)] if split else [p.pii(PERSON, f"{last}, {first}" if p.rng.random() < 0.4 else f"{first} {last}")]
        rows.append([*names, p.t(str(v.rng.randrange(10000, 99999))), p.pii(DOB, v.dob()), p.pii(GOV_ID, v.gov_id()), p.t(v.rng.choice(("Finance", "Logistics", "Sales", "Legal", "IT", "Facilities"))), p.t(v.date()), p.pii(PHONE, v.phone())])
    side = p.sidebar(["People", "Org chart", "Absences", "Payroll", "Reports", "Settings"])
    return f'{p.topbar("Personnel register")}<div class="row" style="height:100%">{side}<div style="flex:1;padding:16px"><h2>Employees</h2><div class="muted">{len(rows)} records · exported {p.t(v.date())}</div>{p.table(headers, rows)}</div></div>'


def patient_chart(p: Page) -> str:
    """Clinic record: patient card with label/value pairs, visits, allergies."""
    v = p.v
    name = v.person()
    pairs = [("Patient", p.pii(PERSON, name)), (p.L("dob"), p.pii(DOB, v.dob())), ("Insurance no.", p.pii(GOV_ID, v.gov_id())), (p.L("address"), p.pii(ADDRESS, v.street())), (p.L("postcode"), p.pii(ADDRESS, v.postcode_city())), (p.L("phone"), p.pii(PHONE, v.phone())), ("Emergency contact", p.pii(PERSON, v.person())), ("MRN", p.pii(RECORD_ID, v.record_id("MRN")))]
    visits = [[p.t(v.date()), p.t(v.rng.choice(("Check-up", "Vaccination", "Blood test", "X-ray", "Follow-up"))), p.pii(PERSON, "Dr. " + v.last()), p.t(v.rng.choice(("done", "scheduled", "billed")))] for _ in range(p.rng.randint(3, 6))]
    return f'{p.topbar("Patient chart")}<div style="padding:18px"><div class="row" style="gap:12px;align-items:center">{p.avatar(name)}<h2 style="margin:0">{p.pii(PERSON, name)}</h2></div><div class="row" style="gap:30px;margin-top:12px"><div class="card" style="flex:1">{p.kv(pairs, columns=2)}</div><div class="card" style="width:320px"><b>Allergies</b><div>Penicillin</div><div>Pollen</div><b>Medication</b><div>Ibuprofen 400 mg</div></div></div><h3>Visits</h3>{p.table(["Date", "Type", "Clinician", p.L("status")], visits)}</div>'


def school_roster(p: Page) -> str:
    """Grade book: student surname/first name columns, student IDs, guardian e-mails, marks."""
    v = p.v
    rows = []
    for _ in range(p.rng.randint(7, 13)):
        first, last = v.first(), v.last()
        guardian = f"{v.first()} {last}"
        rows.append([p.pii(PERSON, last), p.pii(PERSON, first), p.pii(RECORD_ID, str(v.rng.randrange(2020000, 2029999))), p.pii(EMAIL, v.email(guardian)), *[p.t(str(v.rng.randint(1, 6) if p.rng.random() < 0.5 else v.rng.choice("ABCDE"))) for _ in range(4)]])
    headers = ["Surname", "Given name", "Student ID", "Guardian email", "Test 1", "Test 2", "Project", "Final grade"]
    return f'{p.topbar("Class 7B · Mathematics")}<div style="padding:16px"><div class="row" style="gap:16px"><span class="btn">Gradebook</span><span>Attendance</span><span>Assignments</span></div><p class="muted">Term 2 · room 204 · {p.t(v.date())}</p>{p.table(headers, rows)}</div>'


def bank_account(p: Page) -> str:
    """Online banking: account holder, IBAN, card, transactions with payees."""
    v = p.v
    holder = v.person()
    tx = []
    for _ in range(p.rng.randint(5, 9)):
        payee = p.pii(PERSON, v.person()) if p.rng.random() < 0.5 else p.t(v.company())
        tx.append([p.t(v.date()), payee, p.t(v.rng.choice(("Transfer", "Card payment", "Direct debit", "Standing order"))), p.t(v.price())])
    pairs = [("Account holder", p.pii(PERSON, holder)), (p.L("iban"), p.pii(FINANCIAL, v.iban())), ("Card", p.pii(FINANCIAL, v.card())), ("Balance", p.t(v.price()))]
    side = p.sidebar(["Overview", "Payments", "Cards", "Savings", "Documents", "Messages"])
    return f'{p.topbar("", "https://online.bank.example/accounts")}<div class="row" style="height:100%">{side}<div style="flex:1;padding:18px"><h2>Welcome back, {p.pii(PERSON, holder.split()[0])}</h2><div class="card">{p.kv(pairs, columns=2)}</div><h3>Recent transactions</h3>{p.table(["Date", "Payee", "Type", "Amount"], tx)}</div></div>'


def travel_booking(p: Page) -> str:
    """Flight booking: passengers with passport numbers and DOB; route and flight are public."""
    v = p.v
    pax = []
    for _ in range(p.rng.randint(1, 4)):
        pax.append([p.pii(PERSON, v.person().upper() if p.rng.random() < 0.4 else v.person()), p.pii(DOB, v.dob()), p.pii(GOV_ID, v.passport()), p.t(v.rng.choice(("Adult", "Child"))), p.t(f"{v.rng.randint(3, 38)}{v.rng.choice('ABCDEF')}")])
    contact = [(p.L("email"), p.pii(EMAIL, v.email())), (p.L("phone"), p.pii(PHONE, v.phone()))]
    cities = [v.city(), v.city()]
    return f'{p.topbar("", "https://trips.example.com/booking/review")}<div style="padding:20px"><h2>{p.t(cities[0])} → {p.t(cities[1])}</h2><div class="muted">Flight EX{v.rng.randrange(100, 9999)} · {p.t(v.date())} · {p.t(v.time())} · Economy</div><h3>Passengers</h3>{p.table(["Passenger", p.L("dob"), p.L("passport"), "Type", "Seat"], pax)}<h3>Contact details</h3><div class="card" style="width:560px">{p.kv(contact)}</div><p>Total {p.t(v.price())} <span class="btn">Pay now</span></p></div>'


def ssh_terminal(p: Page) -> str:
    """Terminal: prompt with user, ``cat ~/.ssh/config`` (User, IdentityFile), ``env``."""
    v = p.v
    user = v.username()
    host = v.rng.choice(("devbox", "laptop", "ws-12", "thinkpad"))
    prompt = f"{p.pii(USERNAME, user)}@{host}:~$ "
    lines = [f"{prompt}cat ~/.ssh/config"]
    for alias in ("build", "staging", "backup"):
        remote_user = v.username()
        lines += [f"Host {alias}", f"    HostName {alias}.internal.example", f"    User {p.pii(USERNAME, remote_user)}", f"    IdentityFile {p.home(user)}/.ssh/id_ed25519", "    Port 22", ""]
    lines += [f"{prompt}env | grep -i -e token -e key -e user"]
    lines += [f"USER={p.pii(USERNAME, user)}", f"HOME={p.home(user)}", f"GITHUB_TOKEN={p.pii(SECRET, v.secret())}", f"AWS_SECRET_ACCESS_KEY={p.pii(SECRET, v.secret())}", "EDITOR=vim", "LANG=en_US.UTF-8"]
    lines += [f"{prompt}ls {p.home(user)}/projects", "api  docs  infra  notes.md", f"{prompt}"]
    return f'<div class="term" style="height:100%;font-size:{p.style.size}px">' + "\n".join(lines) + "</div>"


def dotenv_editor(p: Page) -> str:
    """Code editor with a ``.env`` and a YAML config open: passwords, keys, admin e-mail."""
    v = p.v
    user = v.username()
    env = [
        "# local settings, do not commit",
        "APP_ENV=production",
        "DB_HOST=db.internal.example",
        f"DB_USER={p.pii(USERNAME, v.username())}",
        f"DB_PASSWORD={p.pii(SECRET, v.password())}",
        f"STRIPE_SECRET={p.pii(SECRET, v.secret())}",
        f"ADMIN_EMAIL={p.pii(EMAIL, v.email())}",
        f"UPLOAD_DIR={p.home(user)}/uploads",
        "LOG_LEVEL=info",
        "CACHE_TTL=3600",
        "",
        "# mail",
        "SMTP_PORT=587",
        f"SMTP_PASS={p.pii(SECRET, v.secret())}",
    ]
    numbered = "".join(f'<div><span class="muted" style="display:inline-block;width:32px;text-align:right;margin-right:14px">{i + 1}</span>{line}</div>' for i, line in enumerate(env))
    tree = p.sidebar(["EXPLORER", "▾ app", "  src", "  tests", "  .env", "  docker-compose.yml", "  README.md"], 220)
    return f'<div class="row" style="height:100%">{tree}<div style="flex:1"><div class="panel" style="padding:6px 12px">.env — {p.home(user)}/code/app</div><div class="mono" style="padding:10px;white-space:pre">{numbered}</div></div></div>'


def chat_dm(p: Page) -> str:
    """Direct messages: lowercase first names as speakers, nicknames beside times, mentions."""
    v = p.v
    people = [v.person() for _ in range(p.rng.randint(3, 6))]
    side = p.sidebar(["Direct messages"] + [p.pii(PERSON, n.split()[0].lower() if p.rng.random() < 0.4 else n) for n in people], 230)
    msgs = []
    for _ in range(p.rng.randint(6, 10)):
        who = p.rng.choice(people)
        shown = who.split()[0].lower() if p.rng.random() < 0.5 else who
        body = p.rng.choice((
            f"ok {p.pii(PERSON, p.rng.choice(people).split()[0].lower())} will send it tonight",
            f"can you ask {p.pii(PERSON, p.rng.choice(people).split()[0])} about the {v.word()}?",
            f"my number is {p.pii(PHONE, v.phone())}",
            f"thanks! {v.sentence(5).lower()}",
            f"see you at {v.time()}",
            "lol yes",
        ))
        msgs.append(f'<div class="row" style="gap:10px;padding:6px 0">{p.avatar(who)}<div><b>{p.pii(PERSON, shown)}</b> <span class="muted">{v.time()}</span><div>{body}</div></div></div>')
    return f'<div class="row" style="height:100%">{side}<div style="flex:1;padding:14px"><h3 style="margin-top:0">{p.pii(PERSON, people[0])}</h3>{"".join(msgs)}<div class="field" style="margin-top:10px">Message</div></div></div>'


def calendar_week(p: Page) -> str:
    """Week calendar: events with attendees' names, 1:1s, birthdays."""
    v = p.v
    days = ("Mon", "Tue", "Wed", "Thu", "Fri")
    cols = []
    for day in days:
        events = []
        for _ in range(p.rng.randint(1, 4)):
            kind = p.rng.randrange(4)
            if kind == 0:
                text = f"1:1 {p.pii(PERSON, v.first())} / {p.pii(PERSON, v.first())}"
            elif kind == 1:
                text = f"Lunch with {p.pii(PERSON, v.person())}"
            elif kind == 2:
                text = f"{p.pii(PERSON, v.person())}'s birthday"
            else:
                text = p.t(f"{v.word().title()} {v.word()}")
            events.append(f'<div class="card" style="margin:6px 0;border-left:4px solid var(--accent)"><div class="muted">{v.time()}</div>{text}</div>')
        cols.append(f'<div style="flex:1;padding:6px;border-right:1px solid var(--line)"><b>{day}</b>{"".join(events)}</div>')
    return f'{p.topbar("Calendar")}<div class="row" style="padding:10px">{"".join(cols)}</div>'


def file_manager(p: Page) -> str:
    """File manager: home path with the user, files named after people, owner column."""
    v = p.v
    user = v.username()
    files = []
    for _ in range(p.rng.randint(7, 12)):
        kind = p.rng.randrange(4)
        if kind == 0:
            first, last = v.first(), v.last()
            name = f"CV_{p.pii(PERSON, last)}_{p.pii(PERSON, first)}.pdf"
        elif kind == 1:
            name = f"Contract - {p.pii(PERSON, v.person())}.docx"
        else:
            name = p.t(f"{v.word()}_{v.word()}_{v.rng.randrange(2019, 2026)}.{v.rng.choice(('xlsx', 'pdf', 'png', 'txt'))}")
        files.append([name, p.t(f"{v.rng.randrange(2, 900)} KB"), p.t(v.date()), p.pii(USERNAME, user) if p.rng.random() < 0.7 else p.t("root")])
    side = p.sidebar(["Recent", "Home", "Documents", "Downloads", "Pictures", "Trash"], 180)
    return f'<div class="panel" style="padding:6px 12px">{p.home(user)}/Documents/hiring</div><div class="row" style="height:100%">{side}<div style="flex:1;padding:10px">{p.table(["Name", "Size", "Modified", p.L("owner")], files)}</div></div>'


def signup_form(p: Page) -> str:
    """A filled registration form: labels left or above, placeholders, values typed in."""
    v = p.v
    first, last = v.first(), v.last()
    fields = [(p.L("first"), p.pii(PERSON, first)), (p.L("last"), p.pii(PERSON, last)), (p.L("username"), p.pii(USERNAME, v.username(f"{first} {last}"))), (p.L("email"), p.pii(EMAIL, v.email(f"{first} {last}"))), (p.L("phone"), p.pii(PHONE, v.phone())), (p.L("dob"), p.pii(DOB, v.dob())), (p.L("address"), p.pii(ADDRESS, v.street())), (p.L("postcode") + " / " + p.L("city"), p.pii(ADDRESS, v.postcode_city())), (p.L("password"), "••••••••••")]
    p.rng.shuffle(fields[4:8])
    return f'{p.topbar("", "https://members.example.org/join")}<div style="width:640px;margin:24px auto"><h2>Create your account</h2>{p.kv(fields, columns=p.rng.choice((1, 2)))}<p><input type="checkbox" checked> I accept the terms</p><span class="btn">{p.L("save")}</span></div>'


def crm_contacts(p: Page) -> str:
    """CRM-like contact list: "Surname, First", initials avatars, vehicle plates, owner."""
    v = p.v
    rows = []
    for _ in range(p.rng.randint(7, 12)):
        first, last = v.first(), v.last()
        shown = f"{last}, {first}" if p.rng.random() < 0.5 else f"{first} {last}"
        rows.append([f'{p.avatar(first + " " + last)} {p.pii(PERSON, shown)}', p.t(v.company()), p.pii(EMAIL, v.email(f"{first} {last}")), p.pii(PHONE, v.phone()), p.pii(PLATE, v.plate()) if p.rng.random() < 0.4 else p.t("—"), p.t(v.rng.choice(("Lead", "Customer", "Partner")))])
    side = p.sidebar(["Contacts", "Companies", "Deals", "Tasks", "Reports"], 170)
    return f'<div class="row" style="height:100%">{side}<div style="flex:1;padding:14px"><div class="row" style="justify-content:space-between"><h2 style="margin:0">Contacts</h2><div class="field" style="width:260px">{p.L("search")}…</div></div>{p.table(["Contact", "Company", p.L("email"), p.L("phone"), p.L("plate"), p.L("status")], rows)}</div></div>'


# ---- held-out families without personal data (look-alikes: codes, prices, versions, places) ----


def product_inventory(p: Page) -> str:
    v = p.v
    rows = [[p.t(v.product()), p.t(v.sku()), p.t(v.barcode()), p.t(v.price()), p.t(str(v.rng.randrange(0, 500))), p.t(v.company()), p.t(v.version())] for _ in range(p.rng.randint(8, 14))]
    return f'{p.topbar("Inventory")}<div style="padding:16px"><h2>Stock</h2>{p.table(["Product", "SKU", "Barcode", "Price", "On hand", "Supplier", "Firmware"], rows)}</div>'


def system_monitor(p: Page) -> str:
    v = p.v
    procs = "\n".join(f"{v.rng.randrange(100, 40000):>6} {v.rng.choice(('root', 'www-data', 'postgres', 'daemon')):<9} {v.rng.randrange(0, 99):>3}.{v.rng.randrange(10)} {v.rng.randrange(0, 30):>3}.{v.rng.randrange(10)} {v.rng.choice(('nginx', 'postgres', 'python3', 'node', 'cron', 'sshd', 'systemd', 'dockerd'))}" for _ in range(p.rng.randint(10, 18)))
    df = "\n".join(f"/dev/sda{i}  {v.rng.randrange(20, 900)}G  {v.rng.randrange(1, 300)}G  {v.rng.randrange(1, 99)}%  {m}" for i, m in enumerate(("/", "/var", "/srv", "/boot"), 1))
    text = f"$ uname -r\n{v.version()}-{v.rng.randrange(10, 99)}-generic\n$ df -h\nFilesystem  Size  Used  Use%  Mounted on\n{df}\n$ ps aux --sort=-%cpu | head\n   PID USER      %CPU %MEM COMMAND\n{procs}\n$ "
    return f'<div class="term" style="height:100%">{p.t(text)}</div>'


def settings_page(p: Page) -> str:
    v = p.v
    toggles = "".join(f'<div class="row" style="justify-content:space-between;padding:8px 0;border-bottom:1px solid var(--line)"><span>{t}</span><span class="muted">{v.rng.choice(("On", "Off"))}</span></div>' for t in ("Notifications", "Dark mode", "Automatic updates", "Send usage statistics", "Start at login", "Spell check", "Hardware acceleration"))
    about = p.kv([("Version", p.t(v.version())), ("Build", p.t(v.sku())), ("Language", p.t(v.rng.choice(("English", "Deutsch", "Français")))), ("Time zone", p.t("Europe/Berlin")), ("Storage used", p.t(f"{v.rng.randrange(1, 64)} GB"))])
    return f'{p.topbar("Settings")}<div class="row" style="height:100%">{p.sidebar(["General", "Appearance", "Privacy", "Network", "About"])}<div style="flex:1;padding:20px;max-width:760px"><h2>General</h2>{toggles}<h2>About</h2>{about}</div></div>'


def news_dashboard(p: Page) -> str:
    v = p.v
    cards = "".join(f'<div class="card" style="margin:8px 0"><b>{p.t(v.company())} reports {v.word()} results</b><div class="muted">{p.t(v.city())} · {p.t(v.date())}</div><div>{p.t(v.sentence(12))}</div></div>' for _ in range(p.rng.randint(3, 6)))
    weather = "".join(f"<div>{p.t(org)} · {v.rng.randrange(-5, 30)}°C</div>" for org in p.rng.sample(list(PUBLIC_PLACES), 4))
    return f'{p.topbar("", "https://news.example.com/today")}<div class="row" style="padding:14px;gap:20px"><div style="flex:1">{cards}</div><div class="card" style="width:280px"><b>Weather</b>{weather}</div></div>'


PUBLIC_PLACES = ("Central Station", "City Library", "Harbour", "Airport", "Old Town", "University")

#: name -> (family, has personal data)
FAMILIES: dict[str, tuple[Family, bool]] = {
    "hr_records": (hr_records, True),
    "patient_chart": (patient_chart, True),
    "school_roster": (school_roster, True),
    "bank_account": (bank_account, True),
    "travel_booking": (travel_booking, True),
    "ssh_terminal": (ssh_terminal, True),
    "dotenv_editor": (dotenv_editor, True),
    "chat_dm": (chat_dm, True),
    "calendar_week": (calendar_week, True),
    "file_manager": (file_manager, True),
    "signup_form": (signup_form, True),
    "crm_contacts": (crm_contacts, True),
    "product_inventory": (product_inventory, False),
    "system_monitor": (system_monitor, False),
    "settings_page": (settings_page, False),
    "news_dashboard": (news_dashboard, False),
}
