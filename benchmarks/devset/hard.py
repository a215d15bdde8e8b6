# ruff: noqa: E501 - HTML templates read best one element a line
"""The dev set's second round: harder, more varied screens in the categories that leak.

Persons in list rows, people pickers, assignee fields, comment authors and mention chips;
repository names away from a code host's header (IDE title bars and explorers, terminal
``cd``/``git clone`` output, CI dashboards, package paths, sidebar project lists); companies
standing alone (account columns, invoice headers, profile cards, footers, signatures);
channels in notification toasts and search results; personal URLs in address bars and link
previews. The negatives hold look-alikes that are not personal: public companies and projects
in docs and news, ``python/cpython`` in a tutorial, generic channel names, people-shaped UI
chrome with nobody in it.
"""

from __future__ import annotations

from collections.abc import Callable

from templates import Page, _initials, _topbar
from values import TEAMS

TITLES = (
    "Staff Engineer",
    "Product Designer",
    "Engineering Manager",
    "Account Executive",
    "Data Scientist",
    "Head of Marketing",
    "Customer Success Manager",
    "Recruiter",
    "Site Reliability Engineer",
    "Finance Director",
)
INDUSTRIES = ("Software", "Healthcare", "Retail", "Manufacturing", "Finance", "Logistics", "Media")
CITIES = ("Berlin", "Austin", "Toronto", "Lisbon", "Denver", "Dublin", "Singapore")


def _avatar(p: Page, name: str, size: int = 24) -> str:
    return (
        f'<span class="avatar" style="width:{size}px;height:{size}px;border-radius:50%;font-size:{size // 2 - 1}px">'
        f"{_initials(name)}</span>"
    )


def _chip(p: Page, label: str, text: str) -> str:
    return (
        '<span style="background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:2px 8px;margin:2px;display:inline-block">'
        f"{p.pii(label, text)}</span>"
    )


def _repo_name(p: Page) -> str:
    v = p.v
    return f"{v.product().lower()}{v.rng.choice(('-', '_', '-'))}{v.rng.choice(TEAMS)}"


# --- people ------------------------------------------------------------------------------------


def issue_tracker(p: Page) -> str:
    """An issue page: Assignee / Reporter fields with avatars, watcher chips, comment authors
    with relative times, an activity log, sub-tasks with the assignee at the row's end."""
    v = p.v
    assignee, reporter = v.person(), v.person()
    people = [v.person() for _ in range(4)]
    fields = ""
    for label, who in (("Assignee", assignee), ("Reporter", reporter)):
        fields += (
            f"<div class='label'>{label}</div><div class='row' style='gap:8px;align-items:center'>"
            f"{_avatar(p, who)}{p.pii('private_person', who)}</div>"
        )
    fields += (
        "<div class='label'>Watchers</div><div>"
        + "".join(_chip(p, "private_person", w) for w in people[:2])
        + "</div>"
    )
    fields += f"<div class='label'>Sprint</div><div>{p.t(v.product())} sprint {v.rng.randint(3, 40)}</div>"
    fields += (
        f"<div class='label'>Priority</div><div>{v.rng.choice(('High', 'Medium', 'Low'))}</div>"
    )
    comments = ""
    for _ in range(v.rng.randint(2, 3)):
        who = v.rng.choice(people)
        when = v.rng.choice(
            ("2 hours ago", "yesterday", f"{v.rng.randint(2, 9)} days ago", v.date())
        )
        mention = ""
        if v.rng.random() < 0.6:
            mention = _chip(p, "private_person", "@" + v.rng.choice([*people, assignee])) + " "
        comments += (
            f"<div class='row' style='gap:10px;padding:8px 0'>{_avatar(p, who, 32)}<div>"
            f"<div><b>{p.pii('private_person', who)}</b> <span class='muted'>{when}</span></div>"
            f"<div>{mention}{p.t(v.sentence(v.rng.randint(7, 14)))}</div></div></div>"
        )
    activity = "".join(
        f"<div class='muted' style='padding:3px 0'>{p.pii('private_person', v.rng.choice(people))} "
        f"{p.t(what)} &middot; {v.time()}</div>"
        for what in (
            "changed the status to In Progress",
            "updated the Description",
            "added a label",
        )
    )
    subtasks = "".join(
        f"<tr><td>{p.t(v.ticket())}</td><td>{p.t(v.word().title())} {p.t(v.word())}</td>"
        f"<td>{v.rng.choice(('To do', 'Done', 'In review'))}</td>"
        f"<td><span class='row' style='gap:6px;align-items:center'>{_avatar(p, n, 20)}{p.pii('private_person', n)}</span></td></tr>"
        for n in (v.person() for _ in range(3))
    )
    return f"""{_topbar(p, "Issues")}
    <div class="row" style="height:100%">
      <div style="flex:1;padding:16px 28px;max-width:1100px">
        <div class="muted">Projects / {p.t(v.product())} / {p.t(v.ticket())}</div>
        <h2 style="margin:6px 0">{p.t(v.word().title())} {p.t(v.word())} fails after {p.t(v.word())}</h2>
        <p>{p.t(v.sentence(18))}</p>
        <h4 style="margin-bottom:4px">Sub-tasks</h4><table>{subtasks}</table>
        <h4 style="margin-bottom:4px">Comments</h4>{comments}
        <h4 style="margin-bottom:4px">History</h4>{activity}
      </div>
      <div style="width:300px;padding:16px;border-left:1px solid var(--line)">{fields}</div>
    </div>"""


def people_picker(p: Page) -> str:
    """A share dialog: a people picker with suggestions (name over e-mail), the list of people
    with access and their roles, an owner line."""
    v = p.v
    typed = v.person()
    suggestions = [typed] + [v.person() for _ in range(2)]
    sugg = "".join(
        f"<div class='row' style='gap:10px;padding:6px 8px;align-items:center'>{_avatar(p, n, 28)}"
        f"<div><div>{p.pii('private_person', n)}</div><div class='muted' style='font-size:12px'>{p.pii('private_email', v.email(n))}</div></div></div>"
        for n in suggestions
    )
    access = ""
    for i in range(v.rng.randint(3, 5)):
        n = v.person()
        role = "Owner" if i == 0 else v.rng.choice(("Editor", "Viewer", "Commenter"))
        you = " (you)" if i == 1 else ""
        access += (
            f"<div class='row' style='gap:10px;padding:6px 0;align-items:center'>{_avatar(p, n, 28)}"
            f"<div style='flex:1'>{p.pii('private_person', n)}{you}</div><span class='muted'>{role}</span></div>"
        )
    prefix = typed.split()[0][: v.rng.randint(3, 5)]
    doc = f"{v.product()} {v.word()} plan"
    return f"""{_topbar(p, "Docs")}
    <div style="padding:30px 60px;opacity:0.5"><h1>{p.t(doc)}</h1><p>{p.t(v.sentence(20))}</p><p>{p.t(v.sentence(16))}</p></div>
    <div class="panel" style="position:absolute;left:30%;top:90px;width:520px;padding:20px;border:1px solid var(--line);border-radius:8px;background:var(--bg)">
      <h3 style="margin-top:0">Share "{p.t(doc)}"</h3>
      <div class="field">{p.t(prefix)}|</div>
      <div style="border:1px solid var(--line);border-top:none">{sugg}</div>
      <h4 style="margin:14px 0 4px">People with access</h4>{access}
      <div class="row" style="justify-content:space-between;margin-top:10px"><span class="muted">General access: Restricted</span><span class="btn">Done</span></div>
    </div>"""


def team_directory(p: Page) -> str:
    """A member list: avatar, name, title, team, last active; column header varies."""
    v = p.v
    header = v.rng.choice(("Member", "User", "Full name", "Person"))
    rows = ""
    for _ in range(v.rng.randint(8, 12)):
        n = v.person()
        rows += (
            f"<tr><td><span class='row' style='gap:8px;align-items:center'>{_avatar(p, n)}{p.pii('private_person', n)}</span></td>"
            f"<td>{p.t(v.rng.choice(TITLES))}</td><td>{p.t(v.rng.choice(TEAMS).title())}</td>"
            f"<td class='muted'>{v.rng.choice(('Active', 'Away', str(v.rng.randint(2, 59)) + ' min ago', 'Yesterday'))}</td></tr>"
        )
    return f"""{_topbar(p, "Admin")}
    <div class="row" style="height:100%">
      <div class="side" style="width:200px">Overview<br><br>Members<br><br>Groups<br><br>Billing<br><br>Security</div>
      <div style="flex:1;padding:16px 24px"><h2 style="margin-top:0">Members <span class="muted">({v.rng.randint(20, 300)})</span></h2>
        <div class="field" style="width:320px;margin-bottom:10px">Search members</div>
        <table><tr><th>{header}</th><th>Title</th><th>Team</th><th>Last active</th></tr>{rows}</table></div>
    </div>"""


# --- repositories ------------------------------------------------------------------------------


def ide_project(p: Page) -> str:
    """An editor whose project name is in the title bar, the explorer's header (upper-case)
    and the breadcrumbs; its terminal clones and enters the repository."""
    v = p.v
    org = v.slug(v.company())
    repo = _repo_name(p)
    user = v.user_name()
    host = v.rng.choice(("gitlab.com", "github.com", "bitbucket.org"))
    prompt = f"{p.pii('private_handle', user)}@mbp ~ % "
    explorer = "".join(
        f"<div style='padding:2px 0'>{f}</div>"
        for f in (
            "&gt; .github",
            "&gt; src",
            "&nbsp;&nbsp;&nbsp;billing.py",
            "&nbsp;&nbsp;&nbsp;models.py",
            "&gt; tests",
            "README.md",
            "pyproject.toml",
        )
    )
    term = [
        f"{prompt}git clone https://{host}/{p.pii('private_repo', org + '/' + repo)}.git",
        f"Cloning into '{p.pii('private_repo', repo)}'...",
        "remote: Counting objects: 100% (812/812), done.",
        f"{prompt}cd {p.pii('private_repo', repo)}",
        f"{p.pii('private_handle', user)}@mbp {p.pii('private_repo', repo)} % pip install -e .",
    ]
    code = "".join(
        f"<div><span class='muted' style='display:inline-block;width:34px'>{i + 1}</span>{p.t(line)}</div>"
        for i, line in enumerate(
            (
                "from decimal import Decimal",
                "",
                "def total(items: list[dict]) -> Decimal:",
                "    return sum(Decimal(i['price']) for i in items)",
            )
        )
    )
    title = v.rng.choice(("Visual Studio Code", "Cursor"))
    return f"""<div class="panel" style="padding:6px;text-align:center;border-bottom:1px solid var(--line)">billing.py &mdash; {p.pii("private_repo", repo)} &mdash; {title}</div>
    <div class="row" style="height:100%">
      <div class="panel" style="width:230px;padding:10px"><div class="muted" style="font-size:12px">EXPLORER</div>
        <div style="font-weight:bold;margin:6px 0">{p.pii("private_repo", repo.upper())}</div>{explorer}</div>
      <div style="flex:1" class="col">
        <div class="muted" style="padding:4px 10px">{p.pii("private_repo", repo)} &gt; src &gt; billing.py</div>
        <div class="mono" style="padding:10px;line-height:1.5;white-space:pre;height:200px">{code}</div>
        <div class="mono" style="padding:8px 12px;border-top:1px solid var(--line);line-height:1.45">{"<br>".join(term)}</div>
      </div>
    </div>"""


def ci_dashboard(p: Page) -> str:
    """A CI service: a sidebar of the organisation's projects, runs listed as ``org/repo`` with
    the branch and who triggered them, an org / repo breadcrumb."""
    v = p.v
    org = v.slug(v.company()) + v.rng.choice(("", "-eng", "hq"))
    repos = [_repo_name(p) for _ in range(5)]
    side = f"<b>{p.pii('private_company', org)}</b><div class='muted' style='margin-top:12px'>Projects</div>"
    side += "".join(f"<div style='padding:3px 0'>{p.pii('private_repo', r)}</div>" for r in repos)
    runs = ""
    for _ in range(v.rng.randint(6, 8)):
        r = v.rng.choice(repos)
        who = v.person()
        runs += (
            f"<tr><td>{v.rng.choice(('&#10004;', '&#10008;', '&#9679;'))}</td>"
            f"<td>{p.pii('private_repo', org + '/' + r)}</td><td class='mono'>{p.t(v.word())}-fix</td>"
            f"<td>#{v.rng.randint(100, 9999)}</td><td>{p.pii('private_person', who)}</td>"
            f"<td class='muted'>{v.rng.randint(1, 14)}m {v.rng.randint(0, 59)}s</td></tr>"
        )
    first = repos[0]
    return f"""{_topbar(p, "CI")}
    <div class="row" style="height:100%">
      <div class="side" style="width:220px">{side}</div>
      <div style="flex:1;padding:16px 24px">
        <div class="muted">{p.pii("private_repo", org)} / {p.pii("private_repo", first)} / pipelines</div>
        <h2 style="margin:6px 0">Pipelines</h2>
        <table><tr><th></th><th>Project</th><th>Branch</th><th>Run</th><th>Triggered by</th><th>Duration</th></tr>{runs}</table>
        <p class="mono panel" style="padding:8px">Artifact: ghcr.io/{p.pii("private_repo", org + "/" + first)}:sha-{v.sha()}</p>
      </div>
    </div>"""


# --- companies ---------------------------------------------------------------------------------


def crm_accounts(p: Page) -> str:
    """An accounts list: companies alone in a column, the owner in another."""
    v = p.v
    header = v.rng.choice(("Account Name", "Account", "Customer", "Organization"))
    rows = ""
    for _ in range(v.rng.randint(7, 10)):
        rows += (
            f"<tr><td>{p.pii('private_company', v.company())}</td><td>{p.t(v.rng.choice(INDUSTRIES))}</td>"
            f"<td>{p.pii('private_person', v.person())}</td><td>${v.rng.randint(1, 90)}.{v.rng.randint(0, 9)}M</td>"
            f"<td>{p.t(v.rng.choice(CITIES))}</td></tr>"
        )
    return f"""{_topbar(p, "CRM - Accounts")}
    <div class="row" style="height:100%">
      <div class="side" style="width:170px">Home<br><br>Accounts<br><br>Opportunities<br><br>Forecasts</div>
      <div style="flex:1;padding:14px"><h2 style="margin-top:0">All accounts</h2>
        <table><tr><th>{header}</th><th>Industry</th><th>Account Owner</th><th>Annual Revenue</th><th>Billing City</th></tr>{rows}</table></div>
    </div>"""


def invoice(p: Page) -> str:
    """An invoice: the issuer's name alone as a header, Bill to, a footer with the company."""
    v = p.v
    issuer, client = v.company(), v.company()
    contact = v.person()
    items = "".join(
        f"<tr><td>{p.t(v.product())} {p.t(v.word())} ({v.rng.choice(('monthly', 'annual', 'seats'))})</td>"
        f"<td>{v.rng.randint(1, 40)}</td><td>${v.rng.randint(10, 999)}.00</td></tr>"
        for _ in range(4)
    )
    return f"""{_topbar(p, "Invoice")}
    <div style="padding:30px 60px;max-width:900px">
      <div class="row" style="justify-content:space-between">
        <div style="font-size:26px;font-weight:bold">{p.pii("private_company", issuer)}</div>
        <div style="text-align:right"><div style="font-size:22px">INVOICE</div><div class="muted">No. {v.rng.randint(1000, 99999)} &middot; {v.date()}</div></div></div>
      <div class="muted">{p.pii("private_address", v.address())}</div>
      <div class="label" style="margin-top:24px">BILL TO</div>
      <div>{p.pii("private_person", contact)}</div><div>{p.pii("private_company", client)}</div>
      <table style="margin-top:20px;width:100%"><tr><th>Description</th><th>Qty</th><th>Amount</th></tr>{items}</table>
      <p style="margin-top:20px">Payment due within 30 days.</p>
      <div class="muted" style="border-top:1px solid var(--line);padding-top:8px;margin-top:30px">
        &copy; 2026 {p.pii("private_company", issuer)} &middot; Thank you for your business.</div>
    </div>"""


def profile_card(p: Page) -> str:
    """A professional profile: name, "Title at Company", experience rows with the company
    alone, and "People also viewed" cards."""
    v = p.v
    person, company = v.person(), v.company()
    first, *rest = person.lower().split()
    url = f"linkedin.com/in/{first}-{rest[-1] if rest else 'x'}-{v.rng.randint(10, 99)}a{v.rng.randint(100, 999)}"
    past = v.company()
    exp = (
        f"<div style='padding:8px 0'><b>{p.t(v.rng.choice(TITLES))}</b><div>{p.pii('private_company', company)} &middot; Full-time</div>"
        f"<div class='muted'>Jan 2022 - Present</div></div>"
        f"<div style='padding:8px 0'><b>{p.t(v.rng.choice(TITLES))}</b><div>{p.pii('private_company', past)}</div>"
        f"<div class='muted'>2018 - 2021 &middot; 4 yrs</div></div>"
    )
    others = ""
    for _ in range(3):
        n, c = v.person(), v.company()
        others += (
            f"<div class='row' style='gap:10px;padding:8px 0'>{_avatar(p, n, 40)}<div><b>{p.pii('private_person', n)}</b>"
            f"<div class='muted'>{p.t(v.rng.choice(TITLES))} at {p.pii('private_company', c)}</div></div></div>"
        )
    return f"""{_topbar(p, "Profile", url=p.pii("private_url", url))}
    <div class="row" style="gap:24px;padding:20px 60px">
      <div style="flex:1;max-width:760px">
        <div class="panel" style="padding:20px;border-radius:8px">{_avatar(p, person, 72)}
          <h1 style="margin:10px 0 2px">{p.pii("private_person", person)}</h1>
          <div>{p.t(v.rng.choice(TITLES))} at {p.pii("private_company", company)}</div>
          <div class="muted">{p.t(v.rng.choice(CITIES))} &middot; 500+ connections</div></div>
        <h3>Experience</h3>{exp}
      </div>
      <div style="width:340px"><h4>People also viewed</h4>{others}</div>
    </div>"""


def signatures(p: Page) -> str:
    """Mail bodies signed in several ways: company alone under the name, "Name, Company",
    a bold company line with an address, and a company footer."""
    v = p.v
    blocks = ""
    for style in v.rng.sample(range(4), 3):
        n, c = v.person(), v.company()
        if style == 0:
            sig = f"{p.pii('private_person', n)}<br>{p.pii('private_company', c)}"
        elif style == 1:
            sig = f"&mdash; {p.pii('private_person', n)}, {p.pii('private_company', c)}"
        elif style == 2:
            sig = f"{p.pii('private_person', n)}<br><b>{p.pii('private_company', c)}</b><br>{p.pii('private_address', v.address())}"
        else:
            sig = f"{p.pii('private_person', n)}<br>{p.pii('private_phone', v.phone())}<br><span class='muted' style='font-size:12px'>{p.pii('private_company', c)} &middot; Confidential</span>"
        blocks += (
            f"<div style='padding:12px 0;border-bottom:1px solid var(--line)'><div class='muted'>{v.date()} {v.time()}</div>"
            f"<p>{p.t(v.sentence(v.rng.randint(10, 18)))}</p><p>{v.rng.choice(('Regards,', 'Cheers,', 'Thanks,', 'Best'))}<br>{sig}</p></div>"
        )
    return f"""{_topbar(p, "Mail")}
    <div style="padding:16px 40px;max-width:1000px"><h2 style="margin:0">Re: {p.t(v.word().title())} {p.t(v.word())}</h2>{blocks}</div>"""


# --- channels and URLs -------------------------------------------------------------------------


def notifications(p: Page) -> str:
    """Notification toasts and a chat search: "#channel" in toast titles, "Name in #channel",
    channel and people results."""
    v = p.v
    chans = [v.channel() for _ in range(4)]
    people = [v.person() for _ in range(4)]
    toasts = ""
    for i in range(3):
        kind = v.rng.randrange(3)
        if kind == 0:
            head = f"{p.pii('private_person', people[i])} in {p.pii('private_channel', chans[i])}"
        elif kind == 1:
            head = f"{p.pii('private_channel', chans[i])}"
        else:
            head = f"New message from {p.pii('private_person', people[i])}"
        toasts += (
            f"<div class='panel' style='padding:10px 14px;margin:8px 0;border:1px solid var(--line);border-radius:10px'>"
            f"<div class='muted' style='font-size:12px'>{v.rng.choice(('Slack', 'Teams', 'Discord'))} &middot; now</div>"
            f"<b>{head}</b><div>{p.t(v.sentence(v.rng.randint(6, 10)))}</div></div>"
        )
    results = "<div class='muted'>Channels</div>" + "".join(
        f"<div style='padding:4px 0'>{p.pii('private_channel', c)} <span class='muted'>&middot; {v.rng.randint(3, 90)} members</span></div>"
        for c in chans[1:]
    )
    results += "<div class='muted' style='margin-top:10px'>People</div>" + "".join(
        f"<div class='row' style='gap:8px;padding:4px 0;align-items:center'>{_avatar(p, n)}{p.pii('private_person', n)}"
        f"<span class='muted'>{p.t(v.rng.choice(TITLES))}</span></div>"
        for n in people[:3]
    )
    return f"""{_topbar(p, "Search")}
    <div class="row" style="height:100%">
      <div style="flex:1;padding:16px 30px;max-width:800px">
        <div class="field" style="margin-bottom:12px">{p.t(v.rng.choice(TEAMS))}</div>{results}</div>
      <div style="width:380px;padding:10px">{toasts}</div>
    </div>"""


def link_preview(p: Page) -> str:
    """A message with link previews of personal URLs, and an address bar with one."""
    v = p.v
    person, company = v.person(), v.company()
    user = v.user_name(person)
    tenant = v.slug(company)
    urls = (
        f"calendly.com/{user}/30min",
        f"{tenant}.zoom.us/j/{v.rng.randint(10**9, 10**10 - 1)}",
        f"www.notion.so/{tenant}/{v.word().title()}-{v.token(12).lower()}",
        f"github.com/{user}/{v.word()}-scripts",
        f"{tenant}.atlassian.net/browse/{v.ticket()}",
        f"app.hubspot.com/contacts/{v.rng.randint(1000000, 9999999)}",
    )
    chosen = v.rng.sample(urls, 3)
    previews = ""
    for u in chosen[1:]:
        previews += (
            f"<div style='border-left:4px solid var(--accent);padding:6px 12px;margin:8px 0'>"
            f"<div class='muted' style='font-size:12px'>{p.pii('private_url', 'https://' + u)}</div>"
            f"<b>{p.t(v.word().title())} {p.t(v.word())}</b><div class='muted'>{p.t(v.sentence(8))}</div></div>"
        )
    return f"""{_topbar(p, "Browser", url=p.pii("private_url", "https://" + chosen[0]))}
    <div style="padding:20px 40px;max-width:900px">
      <div class='row' style='gap:10px'>{_avatar(p, person, 32)}<div><b>{p.pii("private_person", person)}</b> <span class='muted'>{v.time()}</span>
      <div>{p.t(v.sentence(9))}</div>{previews}</div></div></div>"""


def people_forms(p: Page) -> str:
    """Names in the shapes that slip past NER: "Last, First", "J. Doe", "Jane D.", accents,
    a title before the name, first names alone as chat speakers and in thanks, names in
    calendar events and a one-line git log."""
    v = p.v
    accented = v.rng.choice(
        (
            "José Álvarez",
            "Zoë Müller",
            "Chloé Dubois",
            "Søren Jørgensen",
            "Iñaki Ibáñez",
            "Łukasz Nowak",
        )
    )
    a, b, c, d = v.person(), v.person(), v.person(), v.person()
    last_first = f"{b.split()[-1]}, {b.split()[0]}"
    initial_last = f"{c.split()[0][0]}. {c.split()[-1]}"
    first_initial = f"{d.split()[0]} {d.split()[-1][0]}."
    first = a.split()[0]
    events = "".join(
        f"<div class='panel' style='padding:6px 10px;margin:4px 0;border-left:3px solid var(--accent)'>{t}</div>"
        for t in (
            f"{v.time()} 1:1 {p.pii('private_person', first)} / {p.pii('private_person', c.split()[0])}",
            f"{v.time()} Interview: {p.pii('private_person', accented)}",
            f"{v.time()} Lunch with {p.pii('private_person', last_first)}",
        )
    )
    log = "<br>".join(
        f"{v.sha()} {p.t(v.rng.choice(('Fix', 'Add', 'Bump')))} {p.t(v.word())} ({p.pii('private_person', who)}, {v.rng.randint(2, 9)} days ago)"
        for who in (a, initial_last, d)
    )
    chat = (
        f"<div><b>{p.pii('private_person', first)}:</b> {p.t(v.sentence(7))}</div>"
        f"<div><b>{p.pii('private_person', first_initial)}</b> {p.t(v.sentence(6))}</div>"
        f"<div>thanks {p.pii('private_person', first)}, {p.t(v.sentence(5).lower())}</div>"
        f"<div>Dr. {p.pii('private_person', b)} {p.t(v.rng.choice(('approved the budget.', 'will join at 3.', 'sent the slides.')))}</div>"
    )
    return f"""{_topbar(p, "Today")}
    <div class="row" style="gap:30px;padding:20px 40px">
      <div style="width:420px"><h3>Calendar</h3>{events}<h3>Contacts</h3>
        <div>{p.pii("private_person", last_first)}</div><div>{p.pii("private_person", initial_last)}</div><div>{p.pii("private_person", accented)}</div></div>
      <div style="flex:1;max-width:760px"><h3>Thread</h3>{chat}
        <h3>git log --oneline</h3><div class="mono panel" style="padding:8px;line-height:1.5">{log}</div></div>
    </div>"""


def neg_calendar(p: Page) -> str:
    """A calendar of generic events and rooms (no people)."""
    v = p.v
    events = "".join(
        f"<div class='panel' style='padding:6px 10px;margin:4px 0;border-left:3px solid var(--accent)'>{v.time()} {t}</div>"
        for t in (
            "Team sync",
            "Sprint planning / Room 4",
            "Lunch",
            "Focus time",
            f"{v.product()} release review",
            "All hands (Main Hall)",
        )
    )
    return f"""{_topbar(p, "Calendar")}<div style="padding:20px 40px;max-width:700px"><h3>Today</h3>{events}
      <h3>git log --oneline</h3><div class="mono panel" style="padding:8px">{v.sha()} Bump version ({v.rng.randint(2, 9)} days ago)<br>{v.sha()} Update docs (dependabot[bot])</div></div>"""


TEMPLATES_HARD: dict[str, Callable[[Page], str]] = {
    "issue_tracker": issue_tracker,
    "people_picker": people_picker,
    "team_directory": team_directory,
    "ide_project": ide_project,
    "ci_dashboard": ci_dashboard,
    "crm_accounts": crm_accounts,
    "invoice": invoice,
    "profile_card": profile_card,
    "signatures": signatures,
    "notifications": notifications,
    "link_preview": link_preview,
}
#: The third round: name shapes that slip past NER, and a calendar without people.
TEMPLATES_R3: dict[str, Callable[[Page], str]] = {"people_forms": people_forms}


# --- negatives -----------------------------------------------------------------------------------

PUBLIC_REPOS = (
    "python/cpython",
    "torvalds/linux",
    "rust-lang/rust",
    "numpy/numpy",
    "golang/go",
    "nodejs/node",
)
PUBLIC_COMPANIES = (
    "Microsoft",
    "Google",
    "Apple",
    "Amazon",
    "Mozilla",
    "Red Hat",
    "Canonical",
    "Nvidia",
)


def neg_git_tutorial(p: Page) -> str:
    """A tutorial cloning a public repository and naming public companies."""
    v = p.v
    owner_repo = v.rng.choice(PUBLIC_REPOS)
    name = owner_repo.split("/")[1]
    a, b = v.rng.sample(PUBLIC_COMPANIES, 2)
    return f"""{_topbar(p, "Docs", url="https://docs.example.org/contributing/setup")}
    <div style="padding:20px 50px;max-width:1000px"><h1>Building from source</h1>
      <p>Contributors from {p.t(a)}, {p.t(b)} and many volunteers maintain the project. Start with a clone:</p>
      <pre class="mono panel" style="padding:10px">$ git clone https://github.com/{owner_repo}.git
Cloning into '{name}'...
$ cd {name}
$ ./configure --prefix=$HOME/.local && make -j4</pre>
      <p>Fork {p.t(owner_repo)} on GitHub first if you plan to open a pull request. {p.t(v.sentence(14))}</p>
      <h2>Support</h2><p>Ask in the #help channel or the #general channel of the community chat; releases are announced in #announcements.</p></div>"""


def neg_news(p: Page) -> str:
    """A tech news page about public companies (no persons)."""
    v = p.v
    a, b, c = v.rng.sample(PUBLIC_COMPANIES, 3)
    items = "".join(
        f"<div style='padding:10px 0;border-bottom:1px solid var(--line)'><b>{p.t(x)} {p.t(what)}</b><div class='muted'>{v.rng.randint(2, 11)} hours ago &middot; {v.rng.randint(3, 300)} comments</div></div>"
        for x, what in (
            (a, "releases a new open-source compiler toolchain"),
            (b, "reports quarterly revenue above estimates"),
            (c, "Inc. expands its cloud regions in Europe"),
        )
    )
    return f"""{_topbar(p, "News", url="https://news.example.com/technology")}
    <div style="padding:20px 50px;max-width:1000px"><h1>Technology</h1>{items}<p>{p.t(v.sentence(20))}</p></div>"""


def neg_ci_public(p: Page) -> str:
    """CI runs of an open project's workflows: bots and schedules, no people."""
    v = p.v
    rows = "".join(
        f"<tr><td>{v.rng.choice(('&#10004;', '&#10008;'))}</td><td>{wf}</td><td class='mono'>main</td><td>#{v.rng.randint(100, 9999)}</td>"
        f"<td>{trig}</td><td class='muted'>{v.rng.randint(1, 14)}m</td></tr>"
        for wf, trig in (
            ("build", "schedule"),
            ("tests", "dependabot[bot]"),
            ("lint", "push"),
            ("docs", "workflow_dispatch"),
            ("release", "github-actions[bot]"),
        )
    )
    return f"""{_topbar(p, "Actions", url="https://github.com/python/cpython/actions")}
    <div style="padding:16px 30px"><div class="muted">python / cpython / Actions</div><h2>All workflows</h2>
      <table><tr><th></th><th>Workflow</th><th>Branch</th><th>Run</th><th>Event</th><th>Duration</th></tr>{rows}</table></div>"""


def neg_people_chrome(p: Page) -> str:
    """People-shaped UI with nobody in it: empty assignee, bots, roles."""
    v = p.v
    fields = "".join(
        f"<div class='label'>{k}</div><div>{val}</div>"
        for k, val in (
            ("Assignee", "Unassigned"),
            ("Reporter", "Automation for Jira"),
            ("Watchers", "No watchers"),
            ("Team", v.rng.choice(TEAMS).title()),
            ("Owner", "You"),
        )
    )
    return f"""{_topbar(p, "Issues")}
    <div class="row" style="height:100%"><div style="flex:1;padding:16px 28px">
      <div class="muted">Projects / {p.t(v.product())} / {p.t(v.ticket())}</div>
      <h2>{p.t(v.word().title())} {p.t(v.word())} flaky on {p.t(v.word())}</h2><p>{p.t(v.sentence(16))}</p>
      <h4>Comments</h4><div class='row' style='gap:10px'><span class='avatar'>AB</span><div><b>Automation bot</b> <span class='muted'>2 hours ago</span><div>Moved to To do by rule "{p.t(v.word())} triage".</div></div></div>
      <div class="field" style="margin-top:14px">Add a comment... Type @ to mention someone</div>
      <h4>People</h4><div class="muted">No members yet. Add people to share this project.</div></div>
      <div style="width:300px;padding:16px;border-left:1px solid var(--line)">{fields}</div></div>"""


def neg_ide_public(p: Page) -> str:
    """An editor on a public project's clone."""
    v = p.v
    owner_repo = v.rng.choice(PUBLIC_REPOS)
    name = owner_repo.split("/")[1]
    term = "<br>".join(
        (
            f"$ git clone https://github.com/{owner_repo}.git",
            f"Cloning into '{name}'...",
            f"$ cd {name}",
            "$ make test",
            f"{v.rng.randint(100, 900)} tests passed",
        )
    )
    return f"""<div class="panel" style="padding:6px;text-align:center;border-bottom:1px solid var(--line)">README.md &mdash; {name} &mdash; Visual Studio Code</div>
    <div class="row" style="height:100%"><div class="panel" style="width:230px;padding:10px"><div class="muted" style="font-size:12px">EXPLORER</div>
      <div style="font-weight:bold;margin:6px 0">{name.upper()}</div>Doc<br>Lib<br>Tools<br>README.md</div>
      <div style="flex:1" class="col"><div class="muted" style="padding:4px 10px">{name} &gt; README.md</div>
      <div style="padding:10px;height:220px"><h2>{name}</h2><p>{p.t(v.sentence(16))}</p></div>
      <div class="mono" style="padding:8px 12px;border-top:1px solid var(--line)">{term}</div></div></div>"""


def neg_notifications(p: Page) -> str:
    """System and app notifications without people; generic channel names."""
    v = p.v
    toasts = "".join(
        f"<div class='panel' style='padding:10px 14px;margin:8px 0;border:1px solid var(--line);border-radius:10px'><div class='muted' style='font-size:12px'>{app} &middot; now</div><b>{head}</b><div>{body}</div></div>"
        for app, head, body in (
            ("Calendar", "Standup in 5 minutes", "Room 4 / video link in the invite"),
            ("Software Update", "Updates available", "Restart tonight to install"),
            ("CI", f"Build #{v.rng.randint(100, 999)} passed", "main is green"),
            ("Slack", "#announcements", "The office is closed on Monday."),
        )
    )
    return f"""{_topbar(p, "Desktop")}<div class="row" style="height:100%"><div style="flex:1;padding:30px">
      <h2>{p.t(v.product())} dashboard</h2><p>{p.t(v.sentence(18))}</p></div><div style="width:380px;padding:10px">{toasts}</div></div>"""


NEGATIVES_R3: dict[str, Callable[[Page], str]] = {"neg_calendar": neg_calendar}
NEGATIVES_HARD: dict[str, Callable[[Page], str]] = {
    "neg_git_tutorial": neg_git_tutorial,
    "neg_news": neg_news,
    "neg_ci_public": neg_ci_public,
    "neg_people_chrome": neg_people_chrome,
    "neg_ide_public": neg_ide_public,
    "neg_notifications": neg_notifications,
}
