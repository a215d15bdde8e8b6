"""Generated personal values (Faker) and the non-personal filler that surrounds them.

Every value is synthetic. ``Values`` keeps a Faker and a ``random.Random`` seeded together so
that one seed gives one dev-set image, byte for byte.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

from faker import Faker

PUBLIC_URLS = (
    "https://docs.python.org/3/library/asyncio.html",
    "https://developer.mozilla.org/en-US/docs/Web/CSS/grid",
    "https://www.kernel.org/doc/html/latest/",
    "https://en.wikipedia.org/wiki/Differential_privacy",
    "https://pypi.org/project/numpy/",
    "https://github.com/features/actions",
    "https://news.ycombinator.com/",
    "https://www.rust-lang.org/learn",
)
PRODUCTS = (
    "Atlas",
    "Beacon",
    "Comet",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Ion",
    "Juniper",
    "Keystone",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orbit",
    "Pioneer",
    "Quartz",
)
TEAMS = (
    "payments",
    "platform",
    "growth",
    "infra",
    "design",
    "support",
    "security",
    "data",
    "mobile",
    "billing",
    "search",
    "frontend",
    "backend",
    "ml-ops",
    "release",
)
WORDS = (
    "deploy",
    "rollback",
    "migration",
    "review",
    "latency",
    "budget",
    "roadmap",
    "sprint",
    "incident",
    "dashboard",
    "invoice",
    "renewal",
    "onboarding",
    "contract",
    "forecast",
    "schema",
    "cache",
    "pipeline",
    "quota",
    "benchmark",
    "retention",
    "feedback",
)


@dataclass
class Values:
    seed: int
    fake: Faker = field(init=False)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.fake = Faker("en_US")
        self.fake.seed_instance(self.seed)
        self.rng = random.Random(self.seed)

    # --- personal values -------------------------------------------------------------------
    def person(self) -> str:
        return (
            self.fake.name()
            if self.rng.random() < 0.3
            else (f"{self.fake.first_name()} {self.fake.last_name()}")
        )

    def company(self) -> str:
        base = self.fake.last_name()
        suffix = self.rng.choice(
            (
                "Labs",
                "Bio",
                "Systems",
                "Capital",
                "Health",
                "Logistics",
                "Partners",
                "Analytics",
                "Robotics",
                "& Co",
                "Group",
                "Inc.",
            )
        )
        return self.rng.choice((f"{base} {suffix}", self.fake.company()))

    def domain(self, company: str | None = None) -> str:
        if company:
            slug = "".join(ch for ch in company.split()[0].lower() if ch.isalnum())
        else:
            slug = self.fake.last_name().lower()
        suffix = self.rng.choice(("", "-hq", "-labs", "io", "-group"))
        tld = self.rng.choice(("com", "io", "co", "net", "org", "dev"))
        return f"{slug}{suffix}.{tld}"

    def email(self, person: str | None = None, domain: str | None = None) -> str:
        person = person or self.person()
        first, *rest = person.lower().replace(".", "").split()
        last = rest[-1] if rest else "x"
        local = self.rng.choice(
            (f"{first}.{last}", f"{first[0]}{last}", f"{first}", f"{first}_{last}")
        )
        return f"{local}@{domain or self.domain()}"

    def phone(self) -> str:
        a, b, c = self.rng.randint(201, 989), self.rng.randint(200, 999), self.rng.randint(0, 9999)
        style = self.rng.randrange(6)
        if style == 0:
            return f"+1 ({a}) {b}-{c:04d}"
        if style == 1:
            return f"({a}) {b}-{c:04d}"
        if style == 2:
            return f"{a}.{b}.{c:04d}"
        if style == 3:
            return f"+44 20 {self.rng.randint(7000, 8999)} {self.rng.randint(1000, 9999)}"
        if style == 4:
            return f"+49 30 {self.rng.randint(100000, 999999)}"
        return f"{a}-{b}-{c:04d}"

    def address(self) -> str:
        return self.fake.address().replace("\n", ", ")

    def street(self) -> str:
        return self.fake.street_address()

    def handle(self, person: str | None = None) -> str:
        person = person or self.person()
        first, *rest = person.lower().split()
        return "@" + self.rng.choice(
            (
                first,
                f"{first}.{rest[-1] if rest else 'x'}",
                f"{first[0]}{rest[-1] if rest else 'x'}",
            )
        )

    def channel(self) -> str:
        return (
            "#"
            + self.rng.choice(("team-", "proj-", "ops-", "cust-", ""))
            + self.rng.choice(TEAMS)
            + self.rng.choice(("", "-alerts", "-eng", "-private", "-2024"))
        )

    def repo(self, company: str | None = None) -> str:
        org = (company or self.company()).split()[0].lower()
        org = "".join(ch for ch in org if ch.isalnum() or ch == "-")
        return f"{org}/{self.rng.choice(PRODUCTS).lower()}-{self.rng.choice(TEAMS)}"

    def user_name(self, person: str | None = None) -> str:
        """A login as people pick them: jdoe, jane.doe, jdoe42, jane_d."""
        person = person or self.person()
        first, *rest = person.lower().replace(".", "").split()
        last = rest[-1] if rest else "x"
        return self.rng.choice(
            (
                f"{first[0]}{last}",
                f"{first}.{last}",
                f"{first}{self.rng.randint(1, 99)}",
                f"{first}-{last}",
                f"{first}_{last[0]}",
                self.fake.user_name(),
            )
        )

    def slug(self, company: str) -> str:
        return "".join(ch for ch in company.split()[0].lower() if ch.isalnum())

    def personal_url(self, person: str | None = None, company: str | None = None) -> str:
        """URLs that identify a person or an employer without a token: a profile, a tenant
        subdomain of a hosted app, a user's folder or document, a home directory."""
        person = person or self.person()
        company = company or self.company()
        user = self.user_name(person)
        tenant = self.slug(company)
        kind = self.rng.randrange(8)
        if kind == 0:
            first, *rest = person.lower().split()
            last = rest[-1] if rest else "x"
            return f"https://www.linkedin.com/in/{first}-{last}-{self.rng.randint(100, 999)}"
        if kind == 1:
            space = self.rng.choice(("ENG", "OPS", "HR"))
            return f"https://{tenant}.atlassian.net/wiki/spaces/{space}/overview"
        if kind == 2:
            return f"https://{tenant}.slack.com/archives/C{self.token(8).upper()}"
        if kind == 3:
            return f"https://docs.google.com/document/d/1{self.token(30)}/edit"
        if kind == 4:
            return f"https://drive.google.com/drive/folders/1{self.token(26)}"
        if kind == 5:
            return f"file:///Users/{user}/Documents/{self.word()}-{self.rng.randint(1, 9)}.pdf"
        if kind == 6:
            return f"https://{tenant}.sharepoint.com/sites/{self.word().title()}/Shared Documents"
        return f"https://github.com/{user}/{self.word()}-notes"

    def token(self, n: int) -> str:
        alphabet = string.ascii_letters + string.digits
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def secret(self) -> str:
        kind = self.rng.randrange(6)
        if kind == 0:
            return "sk-proj-" + self.token(32)
        if kind == 1:
            return "AKIA" + "".join(
                self.rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)
            )
        if kind == 2:
            return "ghp_" + self.token(36)
        if kind == 3:
            return (
                "xoxb-"
                + "-".join(str(self.rng.randint(10**11, 10**12 - 1)) for _ in range(2))
                + "-"
                + self.token(24)
            )
        if kind == 4:
            return "sk_live_" + self.token(28)
        return "eyJhbGciOiJIUzI1NiJ9." + self.token(40) + "." + self.token(20)

    def private_url(self, domain: str | None = None) -> str:
        domain = domain or self.domain()
        kind = self.rng.randrange(3)
        if kind == 0:
            return f"https://{domain}/invite?token={self.token(24)}"
        if kind == 1:
            return f"https://app.{domain}/u/{self.fake.user_name()}/settings"
        uid = self.rng.randint(10000, 99999)
        return f"https://{domain}/reset-password?uid={uid}&key={self.token(16)}"

    def card(self) -> str:
        digits = [4] + [self.rng.randint(0, 9) for _ in range(14)]
        total = 0
        for i, d in enumerate(reversed(digits)):
            if i % 2 == 0:
                d *= 2
                d -= 9 if d > 9 else 0
            total += d
        digits.append((10 - total % 10) % 10)
        s = "".join(map(str, digits))
        return " ".join(s[i : i + 4] for i in range(0, 16, 4))

    def iban(self) -> str:
        return self.fake.iban()

    def ip(self) -> str:
        return self.fake.ipv4_private()

    # --- filler ------------------------------------------------------------------------------
    def sentence(self, words: int = 8) -> str:
        return self.fake.sentence(nb_words=words).rstrip(".") + "."

    def word(self) -> str:
        return self.rng.choice(WORDS)

    def product(self) -> str:
        return self.rng.choice(PRODUCTS)

    def time(self) -> str:
        hour, minute = self.rng.randint(1, 12), self.rng.randint(0, 59)
        return f"{hour}:{minute:02d} {self.rng.choice(('AM', 'PM'))}"

    def date(self) -> str:
        return self.fake.date_this_year().strftime(
            self.rng.choice(("%b %d", "%Y-%m-%d", "%d %b %Y"))
        )

    def sha(self, n: int = 7) -> str:
        return self.fake.sha1()[:n]

    def ticket(self) -> str:
        return f"{self.rng.choice(('ENG', 'OPS', 'PAY', 'WEB'))}-{self.rng.randint(100, 9999)}"

    def public_url(self) -> str:
        return self.rng.choice(PUBLIC_URLS)
