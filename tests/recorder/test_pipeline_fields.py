"""StepRedactor with the field reader (real OCR): a typing run takes the type its field says,
from the frames before and after it (issue 18)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from recorder.pipeline import Engines, PrivacySettings, StepDraft, StepRedactor, Tally
from redaction.denylist import DenyList
from redaction.models import InputEvent

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.build("default")


def _typing(text: str) -> tuple[InputEvent, ...]:
    events = []
    for i, c in enumerate(text):
        events.append(InputEvent(t=1 + i * 0.13, kind="key_press", key=c, char=c))
        events.append(InputEvent(t=1.06 + i * 0.13, kind="key_release", key=c, char=c))
    return tuple(events)


def _form(fields: list[tuple[str | None, str]]) -> np.ndarray[Any, Any]:
    """A form of fields (label above, echo inside), 64 px apart."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 16)
    image = Image.new("RGB", (640, 80 + 64 * len(fields)), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text((160, 20), "Sign in", font=font, fill=(20, 20, 20))
    for i, (label, echo) in enumerate(fields):
        top = 80 + 64 * i
        if label:
            draw.text((160, top - 24), label, font=font, fill=(60, 60, 60))
        draw.rectangle((160, top, 520, top + 32), outline=(130, 130, 130))
        if echo:
            draw.text((168, top + 7), echo, font=font, fill=(20, 20, 20))
    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])


def _run(redactor: StepRedactor, index: int, before: Any, after: Any, text: str) -> Any:
    draft = StepDraft(step_index=index, timestamp_s=float(index), action_type="type",
                      frame=before, text=text, events=_typing(text), after_frame=after)
    return redactor.redact(draft)


def _kept(step: Any, text: str) -> str:
    """The characters of ``text`` still typed raw in the stored events (a redacted run is one
    ``redacted`` event holding its placeholder)."""
    typed = "".join(e.char or "" for e in step.events if e.kind == "key_press")
    return "".join(c for c in text if c in typed)


# (labels of the form, what is typed into each field) -> per field: whether any typed
# character survives in the stored events
CASES = [
    ((("Username", "blueberry"), ("Password", "sunflower")), (False, False)),
    ((("Username", "blueberry"), (None, "sunflower")), (False, False)),
    ((("Search", "cheap flights"),), (True,)),
    # A chat line after Tab from the password field: the masked field still on screen is not
    # the field typed into, and the run after a password is no password.
    ((("Username", "blueberry"), ("Password", "sunflower"), ("Message", "see you at noon")),
     (False, False, True)),
    # A terminal: the line above the typing is earlier output that mentions a concept, not
    # a label; the command typed under it is kept.
    ((("git config user.email ana@example.org", "ls -la docs"),), (True,)),
    ((("ana@build-box:~$ ssh user@db", "make test"),), (True,)),
    ((("call +44 20 7946 0958 later", "date"),), (True,)),
]


@pytest.mark.parametrize(("fields", "survives"), CASES)
def test_runs_take_their_field_type(
    engines: Engines, fields: tuple[tuple[str | None, str], ...], survives: tuple[bool, ...]
) -> None:
    redactor = StepRedactor(engines, DenyList(), PrivacySettings(), Tally())
    labels = [label for label, _ in fields]
    for k, (_, text) in enumerate(fields):
        typed = [t for _, t in fields[:k]]
        masked = ["•" * len(t) if labels[i] == "Password" else t for i, t in enumerate(typed)]
        before = _form(list(zip(labels, [*masked, *[""] * (len(fields) - k)], strict=True)))
        echo = "•" * len(text) if labels[k] == "Password" else text
        after_values = [*masked, echo, *[""] * (len(fields) - k - 1)]
        after = _form(list(zip(labels, after_values, strict=True)))
        step = _run(redactor, k, before, after, text)
        assert bool(_kept(step, text)) == survives[k], (k, _kept(step, text))
        if not survives[k]:
            assert text not in (step.text or "")


def test_without_the_frame_after_the_run_is_analysed_as_text(engines: Engines) -> None:
    redactor = StepRedactor(engines, DenyList(), PrivacySettings(), Tally())
    step = _run(redactor, 0, _form([("Username", "")]), None, "blueberry")
    assert _kept(step, "blueberry") == "blueberry"
