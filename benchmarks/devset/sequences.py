# ruff: noqa: E501 - HTML templates read best one element a line
"""Episode-like frame sequences for the incremental-OCR benchmark.

- ``form``: a form filled field by field (focus, half typed, typed), as step frames show it;
- ``terminal``: a terminal printing lines and scrolling;
- ``page_change``: a mail list, a message opened, then a different app and a new message.
"""

from __future__ import annotations

from templates import GOLD_SCRIPT, Page, chat, mail
from values import Values


def _doc(page: Page, body: str) -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><style>{page.css()}</style></head>'
        f"<body>{body}{GOLD_SCRIPT}</body></html>"
    )


def form(seed: int) -> list[str]:
    v = Values(seed)
    page = Page(v, "light", "'DejaVu Sans', sans-serif", "'DejaVu Sans Mono', monospace")
    name = v.person()
    values = [
        ("Full name", "private_person", name),
        ("Email address", "private_email", v.email(name)),
        ("Phone", "private_phone", v.phone()),
        ("Street address", "private_address", v.street()),
        ("City", "private_address", v.fake.city()),
    ]
    intro = page.t(v.sentence(16))
    docs = []
    typed = [""] * len(values)
    focus = -1

    def snapshot() -> str:
        fields = ""
        for i, (label, kind, _) in enumerate(values):
            border = "border:2px solid var(--accent);" if i == focus else ""
            caret = "|" if i == focus else ""
            content = page.pii(kind, typed[i]) if typed[i] else ""
            fields += f'<div class="label">{label}</div><div class="field" style="{border}">{content}{caret}</div>'
        body = (
            f'<div class="row panel" style="padding:6px 12px"><b>Checkout</b></div>'
            f'<div class="row"><div class="side" style="width:220px;height:1080px">Cart<br><br>Shipping<br><br>Payment</div>'
            f'<div style="padding:30px 60px;width:760px"><h2>Shipping details</h2><p class="muted">{intro}</p>{fields}'
            f'<br><span class="btn">Continue</span></div>'
            f'<div style="padding:30px"><h3>Order summary</h3><p>2 x Desk lamp &nbsp; $84.00</p>'
            f"<p>1 x Monitor arm &nbsp; $129.00</p><p><b>Total &nbsp; $213.00</b></p></div></div>"
        )
        return _doc(page, body)

    docs.append(snapshot())
    for i, (_, _, value) in enumerate(values):
        focus = i
        docs.append(snapshot())
        typed[i] = value[: max(4, len(value) // 2)]
        docs.append(snapshot())
        typed[i] = value
        docs.append(snapshot())
    return docs


def terminal(seed: int, frames: int = 10, visible: int = 40) -> list[str]:
    v = Values(seed)
    page = Page(v, "dark", "'DejaVu Sans', sans-serif", "'DejaVu Sans Mono', monospace")
    history: list[str] = []
    docs = []
    prompt = "dev@box:~/app$ "
    for step in range(frames):
        history.append(
            page.t(prompt + v.rng.choice(("make test", "git pull", "ls -la", "tail -n 5 app.log")))
        )
        for _ in range(v.rng.randint(3, 6)):
            kind = v.rng.randrange(5)
            if kind == 0:
                history.append(
                    f"INFO request from {page.pii('private_email', v.email())} took {v.rng.randint(5, 900)} ms"
                )
            elif kind == 1:
                history.append(
                    f"-rw-r--r-- 1 dev dev {v.rng.randint(100, 99999):>6} {v.date()} {page.t(v.word())}.py"
                )
            elif kind == 2:
                history.append(f"test_{page.t(v.word())}.py ....... [{v.rng.randint(1, 100):>3}%]")
            elif kind == 3:
                history.append(
                    f"WARN retry {v.rng.randint(1, 5)} for customer {page.pii('private_person', v.person())}"
                )
            else:
                history.append(page.t(f"commit {v.sha(10)} {v.word()} {v.word()} (step {step})"))
        shown = history[-visible:]
        # A terminal draws on a whole-pixel cell grid: integer line height, so a scroll moves
        # pixels exactly.
        body = (
            f'<div class="mono" style="padding:10px 14px;line-height:20px;font-size:14px;'
            f'background:#0c0c0c;color:#d0d0d0;height:100%">{"<br>".join(shown)}</div>'
        )
        docs.append(_doc(page, body))
    return docs


def page_change(seed: int) -> list[str]:
    docs = []
    for template, s in ((mail, seed), (mail, seed), (chat, seed + 1), (chat, seed + 1)):
        v = Values(s)
        page = Page(v, "light", "'DejaVu Sans', sans-serif", "'DejaVu Sans Mono', monospace")
        docs.append(_doc(page, template(page)))
    # The second frame of each app differs by a few lines: a new message / a reply appended.
    docs[1] = docs[1].replace("<p>Best,", "<p>Thanks, will do.</p><p>Best,", 1)
    docs[3] = docs[3].replace(
        '<div class="field" style="margin-top:12px">Message',
        '<div>New message: the deploy is done.</div><div class="field" style="margin-top:12px">Message',
        1,
    )
    return docs


SEQUENCES = {"form": form, "terminal": terminal, "page_change": page_change}
