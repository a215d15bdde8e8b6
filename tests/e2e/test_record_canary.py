"""`cuarec record` of the canary screen on a real X server (issue 17): a labelled form, a
table with split first/last name columns and a selected sentence (light on dark).

One recording for the module. The sentence with a name in it is selected (light on dark) from
the first frame on, so the name is only ever seen inverted; the volunteer clicks a table row
(it turns light on dark) and moves the selection one row down. Nothing is typed: every planted
value is only on screen, so only the frame redactor can remove it.
Re-OCR of every stored frame with the real OCR must read none of the planted values, and must
still read the labels, the column headers, the other cells and the plain sentence (the
redactor did not blur the screen away). Names come from lists the gazetteer does not load;
a second table lists people family name first ("Surname, Given") under a Name column.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests import harness
from tests.e2e import canary_screen as canary

SCREEN = Path(canary.__file__)
#: Every value planted on the screen, and parts of them a reader could still use.
PLANTED = (
    *(value for _, value in canary.FORM), canary.ABOVE[1],
    *(cell for row in canary.ROWS for cell in row[:2]),
    *(row[0] for row in canary.PEOPLE), *(row[0].split(",")[0] for row in canary.PEOPLE),
    "Airaksinen", "Aatos", "kettuaapo", "Koivukuja", "Botond", "Szalai", "7734021",
    "718 2296",
)
#: Digits-only forms (OCR may read the separators differently).
PLANTED_DIGITS = ("0407182296", "14031987")
#: What must stay readable: labels, column headers, the other column's cells, the plain
#: sentence and the words of the selected sentence around the name.
ORDINARY = (
    *(label for label, _ in canary.FORM), canary.ABOVE[0], *canary.COLUMNS,
    *(row[2] for row in canary.ROWS), *canary.PEOPLE_COLUMNS,
    *(row[1] for row in canary.PEOPLE), canary.PLAIN, "Please send the lease to",
    "before Friday",
)


@dataclass(frozen=True, slots=True)
class Reading:
    step_index: int
    action_type: str
    text: str
    frame: np.ndarray[Any, Any]


@pytest.fixture(scope="module")
def recorded(xvfb_factory: Callable[..., harness.XDisplay],
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[harness.Recorded]:
    display = xvfb_factory(960, 540)
    work = tmp_path_factory.mktemp("canary")
    with harness.app_window(display, SCREEN), harness.recording(
        display, work, "Copy the note for the team", "--duration", "60", "--fps", "2"
    ) as run:
        time.sleep(1.0)
        display.xdotool("mousemove", *map(str, canary.TABLE_ROW), "click", "1")
        time.sleep(1.0)
        display.xdotool("key", "Down")
        time.sleep(1.0)
        episode = harness.stop_recording(run)
    yield harness.read_recorded(episode)


@pytest.fixture(scope="module")
def readings(recorded: harness.Recorded) -> list[Reading]:
    """Every stored frame read again by the real OCR (each distinct frame once)."""
    from rapidocr import RapidOCR
    from rapidocr.utils.output import RapidOCROutput

    from recorder.episode.images import decode_frame
    from recorder.episode.reader import open_episode

    engine = RapidOCR()
    read: dict[bytes, str] = {}
    out = []
    for step in open_episode(recorded.episode).iter_steps():
        if step.screenshot is None:
            continue
        data = bytes(step.screenshot.data)
        frame = decode_frame(data)
        if data not in read:
            result = engine(frame)
            assert isinstance(result, RapidOCROutput), type(result)  # detection and recognition
            read[data] = " | ".join(result.txts or ())
        out.append(Reading(step.step_index, step.action_type, read[data], frame))
    return out


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def _leaks(text: str) -> list[str]:
    low = _plain(text)
    digits = re.sub(r"\D", "", text)
    return ([v for v in PLANTED if _plain(v) in low]
            + [d for d in PLANTED_DIGITS if d in digits])


def _selected_share(frame: np.ndarray[Any, Any], x: int, y: int, w: int, h: int) -> float:
    """The share of an area's pixels in the selection colour."""
    area = frame[y : y + h, x : x + w].reshape(-1, 3).astype(int)
    selection = np.array([int(canary.SELECTION[i : i + 2], 16) for i in (5, 3, 1)])  # BGR
    return float((np.abs(area - selection).sum(axis=1) < 30).mean())


def test_the_screen_states_were_recorded(
    recorded: harness.Recorded, readings: list[Reading]
) -> None:
    """The click and the key were recorded, with frames; the first frame shows the sentence
    selected, the frame before the key also the clicked row (else the checks below would not
    cover selected text)."""
    actions = [str(r.get("action_type")) for r in recorded.rows]
    assert "click" in actions and "key" in actions, actions
    assert len(readings) >= 3
    assert _selected_share(readings[0].frame, *canary.SELECTED_AREA) > 0.3
    key = next(r for r in readings if r.action_type == "key")
    assert _selected_share(key.frame, *canary.ROW_CELL) > 0.3


def test_no_planted_value_readable_in_any_stored_frame(readings: list[Reading]) -> None:
    leaks = {r.step_index: _leaks(r.text) for r in readings if _leaks(r.text)}
    assert leaks == {}


@pytest.mark.parametrize("word", ORDINARY)
def test_ordinary_words_stay_readable_in_every_frame(readings: list[Reading], word: str) -> None:
    unread = [r.step_index for r in readings if _plain(word) not in _plain(r.text)]
    assert unread == []


def test_no_planted_value_in_any_decoded_column_or_metadata(recorded: harness.Recorded) -> None:
    assert _leaks(recorded.decoded) == []
