# ruff: noqa: E501 - HTML templates read best one element a line
"""The dev set's fourth round: layouts of the eight ScreenLeak apps that rounds 1-3 lack.

A browser with a sidebar of spaces and tabs (Arc) and a bookmarks bar; a pull request's
reviewer/assignee sidebar, commit list and clone dropdown; a wiki's page tree with "Owned by",
"Last updated by", mentions and an inline comment; an editor with a chat panel, blame
annotations and a source-control view; a mail reading pane with To/Cc lists and an invite; a
chat's huddle, DM list and channel browser; a terminal with ``git log --format``, ``gh pr
list`` and ``ssh user@host``. Some are drawn at scale 2 and one at 4K. The negatives hold the
same chrome with public or generic content.
"""

from __future__ import annotations

from collections.abc import Callable

from hard import PUBLIC_REPOS, _avatar
from templates import Page, _topbar
from values import TEAMS


def _repo(p: Page, company: str) -> tuple[str, str]:
    v = p.v
    org = v.slug(company) + v.rng.choice(("", "-eng", "hq", "-inc"))
    return org, f"{v.product().lower()}-{v.rng.choice(TEAMS)}"


def arc_browser(p: Page) -> str:
    """Arc: a sidebar with a space named after its owner, pinned tabs whose titles name people
    and a private repository, a bookmarks bar; the page is a shared document."""
    v = p.v
    owner, colleague, other = v.person(), v.person(), v.person()
    company = v.company()
    org, name = _repo(p, company)
    first = owner.split()[0]
    tabs = [
        f"1:1 {p.pii('private_person', colleague.split()[0])} / {p.pii('private_person', first)} - Google Docs",
        f"{p.pii('private_repo', org + '/' + name)}: Pull Request #{v.rng.randint(10, 900)}",
        f"Inbox - {p.pii('private_email', v.email(owner, v.domain(company)))} - Gmail",
        f"{p.pii('private_person', other)} | LinkedIn",
        f"Offer letter - {p.pii('private_person', v.person())}.pdf",
        "Python 3.13 documentation",
    ]
    side = (
        f"<div style='font-weight:bold;margin-bottom:10px'>{p.pii('private_person', first)}'s space</div>"
        + "".join(
            f"<div style='padding:5px 6px;border-radius:6px;margin:2px 0;white-space:nowrap;overflow:hidden'>{t}</div>"
            for t in tabs
        )
        + f"<div class='muted' style='margin-top:16px'>Spaces</div><div>{p.pii('private_company', company)}</div><div>Personal</div>"
    )
    marks = " &nbsp; &nbsp; ".join(
        (
            f"{p.pii('private_company', company)} Wiki",
            "Jira",
            f"{p.pii('private_person', colleague)} - Calendar",
            "MDN",
        )
    )
    doc_url = f"https://docs.google.com/document/d/1{v.token(28)}/edit"
    return f"""<div class="row" style="height:100%"><div class="side" style="width:260px;font-size:13px">{side}</div>
    <div style="flex:1" class="col">{_topbar(p, "Arc", url=p.pii("private_url", doc_url))}
      <div class="panel muted" style="padding:4px 14px;font-size:12px;border-bottom:1px solid var(--line)">{marks}</div>
      <div style="padding:24px 60px;max-width:900px"><h1>1:1 notes</h1>
        <div class="muted">Shared with {p.pii("private_person", colleague)}</div>
        <p>{p.t(v.sentence(16))}</p><ul><li>{p.t(v.sentence(9))}</li><li>{p.t(v.sentence(7))}</li></ul></div></div></div>"""


def pr_sidebar(p: Page) -> str:
    """A pull request's Commits tab: breadcrumb owner/repo, commits grouped by day with author
    logins and full names, a reviewers/assignees sidebar and the Code dropdown's clone URLs."""
    v = p.v
    company = v.company()
    org, name = _repo(p, company)
    people = [v.person() for _ in range(4)]
    logins = [v.user_name(x) for x in people]
    commits = ""
    for _ in range(5):
        who = v.rng.randrange(4)
        commits += (
            f"<div style='padding:8px 0;border-bottom:1px solid var(--line)'><b>{p.t(v.word().title())} {p.t(v.word())} {p.t(v.word())}</b>"
            f"<div class='muted'>{p.pii('private_handle', logins[who])} committed {v.rng.randint(2, 9)} days ago</div>"
            f"<span class='mono muted' style='float:right;margin-top:-30px'>{v.sha()}</span></div>"
        )
    side = "".join(
        f"<div class='label'>{label}</div><div class='row' style='gap:6px;align-items:center'>{_avatar(p, people[i], 20)}{p.pii('private_handle', logins[i])}</div>"
        for label, i in (("Reviewers", 1), ("", 2), ("Assignees", 0))
    )
    clone = (
        "<div class='panel' style='position:absolute;right:330px;top:140px;width:420px;padding:12px;border:1px solid var(--line);border-radius:8px'>"
        "<b>Clone</b><div class='muted' style='margin:6px 0'>HTTPS &nbsp; SSH &nbsp; GitHub CLI</div>"
        f"<div class='field mono'>https://github.com/{p.pii('private_repo', org + '/' + name)}.git</div>"
        f"<div class='field mono' style='margin-top:6px'>gh repo clone {p.pii('private_repo', org + '/' + name)}</div>"
        "<div style='margin-top:8px'>Download ZIP</div></div>"
    )
    return f"""{_topbar(p, "GitHub", url="https://github.com/" + p.pii("private_repo", org + "/" + name) + f"/pull/{v.rng.randint(10, 999)}/commits")}
    <div style="padding:12px 30px;position:relative">
      <div style="font-size:18px">{p.pii("private_repo", org)} / <b>{p.pii("private_repo", name)}</b></div>
      <h2 style="margin:10px 0 4px">{p.t(v.word().title())} {p.t(v.word())} #{v.rng.randint(10, 999)}</h2>
      <div class="muted row" style="gap:40px;margin:8px 0">Conversation 4 &nbsp; Commits 5 &nbsp; Checks 3 &nbsp; Files changed 12</div>
      <div class="row" style="gap:30px"><div style="flex:1"><div class="muted">Commits on {v.date()}</div>{commits}</div>
        <div style="width:260px">{side}<div class='label'>Labels</div><div>{p.t(v.word())}</div></div></div>{clone}</div>"""


def confluence_tree(p: Page) -> str:
    """A wiki page: a space's page tree with people's pages, "Owned by" and "Last updated by"
    bylines, a mention, an inline comment with its author and a contributors row."""
    v = p.v
    company = v.company()
    owner, editor, commenter, mentioned = (v.person() for _ in range(4))
    tree = "".join(
        f"<div style='padding:3px 0 3px {12 * d}px'>{t}</div>"
        for d, t in (
            (0, f"{p.pii('private_company', company)} Engineering"),
            (1, "Onboarding"),
            (1, f"{p.pii('private_person', v.person())}'s onboarding plan"),
            (1, "Runbooks"),
            (2, f"On-call handbook ({p.pii('private_person', v.person())})"),
            (1, "Meeting notes"),
        )
    )
    return f"""{_topbar(p, "Confluence", url=p.pii("private_url", f"https://{v.slug(company)}.atlassian.net/wiki/spaces/ENG/pages/{v.rng.randint(10000, 99999)}"))}
    <div class="row" style="height:100%"><div class="panel" style="width:260px;padding:12px">{tree}</div>
      <div style="flex:1;padding:18px 32px;max-width:1000px">
        <div class="muted">Pages / Meeting notes</div>
        <h1 style="margin:4px 0">{p.t(v.date())} {p.t(v.product())} sync</h1>
        <div class="muted">Owned by {p.pii("private_person", owner)}</div>
        <div class="muted" style="margin-bottom:14px">Last updated by {p.pii("private_person", editor)} on {v.date()} &middot; {v.rng.randint(2, 9)} min read</div>
        <p>{p.t(v.sentence(12))} <span style="color:var(--accent)">@{p.pii("private_person", mentioned)}</span> {p.t(v.sentence(6))}</p>
        <p style="background:rgba(255,200,0,.25)">{p.t(v.sentence(10))}</p>
        <div class="panel" style="padding:10px;border-left:3px solid orange;margin:10px 0;max-width:520px"><b>{p.pii("private_person", commenter)}</b>
          <span class="muted">{v.rng.randint(2, 6)} hours ago</span><div>{p.t(v.sentence(9))}</div><div class="muted">Reply &middot; Resolve</div></div>
        <div class="muted" style="margin-top:20px">Contributors</div><div>{p.pii("private_person", owner)}, {p.pii("private_person", editor)}</div></div></div>"""


def cursor_panels(p: Page) -> str:
    """Cursor: a source-control view (branch, remote), blame annotations, a chat panel."""
    v = p.v
    company = v.company()
    org, name = _repo(p, company)
    author, other = v.person(), v.person()
    code = [
        "def refund(order_id: str) -> None:",
        "    order = load(order_id)",
        "    if order.paid:",
        "        issue_refund(order)",
        "    audit.log('refund', order_id)",
    ]
    lines = "".join(
        f"<div class='row' style='gap:16px'><span class='muted' style='width:300px;white-space:nowrap'>{p.pii('private_person', who)}, {v.rng.randint(2, 11)} weeks ago &bull; {p.t(v.word())}</span>"
        f"<span class='mono'>{p.t(c)}</span></div>"
        for who, c in zip((author, author, other, other, author), code, strict=True)
    )
    scm = (
        "<div class='muted' style='font-size:12px'>SOURCE CONTROL</div>"
        f"<div style='margin:6px 0'>&#9095; {p.t(v.word())}-fix &nbsp; <span class='muted'>origin</span></div>"
        f"<div class='mono' style='font-size:12px'>git@github.com:{p.pii('private_repo', org + '/' + name)}.git</div>"
        "<div class='muted' style='margin-top:8px'>Changes 2</div><div>refund.py M</div><div>tests/test_refund.py M</div>"
    )
    chat = (
        "<div class='muted' style='font-size:12px'>CHAT</div>"
        f"<div style='margin:8px 0'><b>You</b><div>Why does refund skip unpaid orders? {p.pii('private_person', other)} wrote this.</div></div>"
        f"<div><b>Cursor</b><div>{p.t(v.sentence(12))}</div></div>"
    )
    return f"""<div class="panel" style="padding:6px;text-align:center;border-bottom:1px solid var(--line)">refund.py &mdash; {p.pii("private_repo", name)} &mdash; Cursor</div>
    <div class="row" style="height:100%"><div class="panel" style="width:260px;padding:10px">{scm}</div>
      <div style="flex:1;padding:10px">{lines}</div>
      <div class="panel" style="width:330px;padding:10px;border-left:1px solid var(--line)">{chat}</div></div>"""


def outlook_invite(p: Page) -> str:
    """A mail reading pane with To and Cc lists of several names and a meeting invite with the
    organizer, attendees and a street address."""
    v = p.v
    sender = v.person()
    to = [v.person() for _ in range(3)]
    cc = [v.person() for _ in range(2)]
    company = v.company()

    def names(xs: list[str]) -> str:
        return "; ".join(p.pii("private_person", x) for x in xs)

    invite = (
        f"<div class='panel' style='padding:12px;border:1px solid var(--line);max-width:560px'><b>{p.t(v.product())} kickoff</b>"
        f"<div class='muted'>{v.date()} {v.time()}</div>"
        f"<div>Organizer: {p.pii('private_person', sender)}</div>"
        f"<div>Location: {p.pii('private_address', v.street())}</div>"
        f"<div>Required: {p.pii('private_person', to[0])}, {p.pii('private_person', to[1])}</div>"
        "<div style='margin-top:8px'><span class='btn'>Accept</span> Tentative &nbsp; Decline</div></div>"
    )
    return f"""{_topbar(p, "Outlook")}
    <div class="row" style="height:100%"><div class="side" style="width:180px">Inbox<br><br>Calendar<br><br>Sent Items</div>
      <div style="flex:1;padding:18px 26px"><div style="font-size:20px">Invitation: {p.t(v.product())} kickoff</div>
        <div style="margin-top:8px"><b>{p.pii("private_person", sender)}</b> &lt;{p.pii("private_email", v.email(sender, v.domain(company)))}&gt;</div>
        <div>To: {names(to)}</div><div>Cc: {names(cc)}</div>
        <div class="muted" style="margin-bottom:12px">{v.date()} {v.time()}</div>{invite}
        <p>{p.t(v.sentence(14))}</p><p>Best,<br>{p.pii("private_person", sender.split()[0])}</p></div></div>"""


def slack_browser(p: Page) -> str:
    """Slack: DM list with presence, a huddle with its participants, a channel browser with
    member counts, and a thread's replies line."""
    v = p.v
    people = [v.person() for _ in range(6)]
    channels = [v.channel()[1:] for _ in range(4)]
    dms = "".join(
        f"<div style='padding:3px 0'>&#9679; {p.pii('private_person', x)}</div>" for x in people[:3]
    )
    browser = "".join(
        f"<div style='padding:8px 0;border-bottom:1px solid var(--line)'><b># {p.pii('private_channel', c)}</b>"
        f"<div class='muted'>{v.rng.randint(3, 90)} members &middot; {p.t(v.sentence(5))}</div></div>"
        for c in channels
    )
    huddle = (
        "<div class='panel' style='padding:10px;border:1px solid var(--line);border-radius:8px;margin-top:14px'>"
        f"<b>Huddle in # {p.pii('private_channel', channels[0])}</b><div class='row' style='gap:8px;margin-top:6px'>"
        + "".join(
            f"{_avatar(p, x, 22)}{p.pii('private_person', x.split()[0])}" for x in people[3:5]
        )
        + "</div></div>"
    )
    thread = f"<div class='muted' style='margin-top:10px'>{v.rng.randint(2, 9)} replies &middot; Last reply from {p.pii('private_person', people[5])} today</div>"
    return f"""{_topbar(p, "Slack")}
    <div class="row" style="height:100%"><div class="side" style="width:240px"><div class="muted">Direct messages</div>{dms}{huddle}</div>
      <div style="flex:1;padding:12px 24px"><h2>Browse channels</h2>{browser}{thread}</div></div>"""


def terminal_gh(p: Page) -> str:
    """A shell: ``git log --format='%h %an %ar %s'``, ``gh pr list`` with authors, ``ssh``."""
    v = p.v
    company = v.company()
    org, name = _repo(p, company)
    people = [v.person() for _ in range(3)]
    login = v.user_name(people[0])
    host = f"{v.rng.choice(('build', 'db', 'bastion'))}-{v.rng.randint(1, 9)}.{v.domain(company)}"
    log = "<br>".join(
        f"{v.sha()} {p.pii('private_person', v.rng.choice(people))} {v.rng.randint(2, 9)} days ago {p.t(v.word())} {p.t(v.word())}"
        for _ in range(5)
    )
    prs = "<br>".join(
        f"#{v.rng.randint(10, 999)}&nbsp;&nbsp;{p.t(v.word().title())} {p.t(v.word())}&nbsp;&nbsp;{p.t(v.word())}-fix&nbsp;&nbsp;about {v.rng.randint(2, 9)} days ago"
        for _ in people[1:]
    )
    lines = [
        "$ git log --format='%h %an %ar %s' -5",
        log,
        f"$ gh pr list -R {p.pii('private_repo', org + '/' + name)}",
        f"Showing 2 of 2 open pull requests in {p.pii('private_repo', org + '/' + name)}",
        prs,
        f"$ ssh {p.pii('private_handle', login)}@{p.pii('private_url', host)}",
        f"Last login: {v.date()} from {v.ip()}",
        "$ ",
    ]
    return f"""{_topbar(p, "Terminal")}
    <div class="mono" style="padding:10px 14px;line-height:1.5;font-size:14px;background:#0c0c0c;color:#d0d0d0;height:100%">{"<br>".join(lines)}</div>"""


# --- negatives ------------------------------------------------------------------------------------


def neg_arc_public(p: Page) -> str:
    """A browser sidebar and bookmarks of public sites and a public repository."""
    v = p.v
    repo = v.rng.choice(PUBLIC_REPOS)
    tabs = "".join(
        f"<div style='padding:5px 6px'>{t}</div>"
        for t in (
            f"{repo}: Pull Request #{v.rng.randint(10, 900)}",
            "Python 3.13 documentation",
            "MDN Web Docs",
            "Hacker News",
            "Release notes - Visual Studio Code",
        )
    )
    return f"""<div class="row" style="height:100%"><div class="side" style="width:260px"><div style="font-weight:bold;margin-bottom:10px">Work space</div>{tabs}
      <div class='muted' style='margin-top:16px'>Spaces</div><div>Research</div><div>Personal</div></div>
    <div style="flex:1" class="col">{_topbar(p, "Arc", url="https://docs.python.org/3/library/asyncio.html")}
      <div class="panel muted" style="padding:4px 14px;font-size:12px">Docs &nbsp; &nbsp; Jira &nbsp; &nbsp; Calendar &nbsp; &nbsp; MDN</div>
      <div style="padding:24px 60px;max-width:900px"><h1>asyncio</h1><p>{p.t(v.sentence(18))}</p><p>{p.t(v.sentence(14))}</p></div></div></div>"""


def neg_terminal_bots(p: Page) -> str:
    """A shell on a public clone: a git log and a PR list by bots, an ssh to a generic host."""
    v = p.v
    repo = v.rng.choice(PUBLIC_REPOS)
    log = "<br>".join(
        f"{v.sha()} {who} {v.rng.randint(2, 9)} days ago {what}"
        for who, what in (
            ("dependabot[bot]", "Bump urllib3 from 2.2.1 to 2.2.2"),
            ("github-actions[bot]", "Update changelog"),
            ("renovate[bot]", "chore(deps): update actions/checkout"),
        )
    )
    lines = [
        "$ git log --format='%h %an %ar %s' -3",
        log,
        f"$ gh pr list -R {repo}",
        f"#{v.rng.randint(10, 999)}&nbsp;&nbsp;Bump pytest&nbsp;&nbsp;dependabot/pip/pytest&nbsp;&nbsp;app/dependabot&nbsp;&nbsp;OPEN",
        "$ ssh ubuntu@localhost",
        "Welcome to Ubuntu 24.04 LTS",
        "$ ",
    ]
    return f"""{_topbar(p, "Terminal")}
    <div class="mono" style="padding:10px 14px;line-height:1.5;font-size:14px;background:#0c0c0c;color:#d0d0d0;height:100%">{"<br>".join(lines)}</div>"""


def neg_slack_generic(p: Page) -> str:
    """A channel browser with default channels and member counts; an empty huddle."""
    v = p.v
    browser = "".join(
        f"<div style='padding:8px 0;border-bottom:1px solid var(--line)'><b># {c}</b><div class='muted'>{v.rng.randint(3, 900)} members &middot; {d}</div></div>"
        for c, d in (
            ("general", "Company-wide announcements"),
            ("random", "Non-work banter"),
            ("help", "Ask anything"),
        )
    )
    return f"""{_topbar(p, "Slack")}
    <div class="row" style="height:100%"><div class="side" style="width:240px"><div class="muted">Direct messages</div><div>Slackbot</div>
      <div class='panel' style='padding:10px;margin-top:14px'>Start a huddle</div></div>
      <div style="flex:1;padding:12px 24px"><h2>Browse channels</h2>{browser}<div class="muted">No replies yet</div></div></div>"""


def neg_outlook_generic(p: Page) -> str:
    """A reading pane from no-reply senders with a generic calendar hold."""
    v = p.v
    return f"""{_topbar(p, "Outlook")}
    <div class="row" style="height:100%"><div class="side" style="width:180px">Inbox<br><br>Calendar<br><br>Sent Items</div>
      <div style="flex:1;padding:18px 26px"><div style="font-size:20px">Your weekly digest</div>
        <div style="margin-top:8px"><b>Microsoft Outlook</b> &lt;no-reply@microsoft.com&gt;</div>
        <div>To: Me</div><div class="muted">{v.date()} {v.time()}</div>
        <div class='panel' style='padding:12px;max-width:560px;margin-top:12px'><b>Focus time</b><div class='muted'>{v.date()} {v.time()}</div><div>Organizer: You</div><div>Location: Microsoft Teams Meeting</div></div>
        <p>{p.t(v.sentence(14))}</p></div></div>"""


TEMPLATES_R4: dict[str, Callable[[Page], str]] = {
    "arc_browser": arc_browser,
    "pr_sidebar": pr_sidebar,
    "confluence_tree": confluence_tree,
    "cursor_panels": cursor_panels,
    "outlook_invite": outlook_invite,
    "slack_browser": slack_browser,
    "terminal_gh": terminal_gh,
}
NEGATIVES_R4: dict[str, Callable[[Page], str]] = {
    "neg_arc_public": neg_arc_public,
    "neg_terminal_bots": neg_terminal_bots,
    "neg_slack_generic": neg_slack_generic,
    "neg_outlook_generic": neg_outlook_generic,
}
#: Round 4's screens: scale 1 and 2, and one 4K (2048x1152 CSS at scale 2).
SCREENS_R4 = ((1920, 1080, 1), (1440, 900, 2), (1366, 768, 1), (2048, 1152, 2), (1280, 800, 2))
