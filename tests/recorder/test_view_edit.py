"""`cuarec view` renders in real headless Chromium, inert against hostile episodes; `cuarec
edit --drop-steps` trims atomically and keeps format and metadata consistent."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from recorder.episode.images import encode_frame
from recorder.episode.model import EpisodeMetadata, WindowInfo, certify_redacted
from recorder.episode.reader import open_episode
from recorder.episode.writer import EpisodeWriter
from redaction.models import Box, Redaction
from tests import harness

HOSTILE = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"


@pytest.fixture(scope="module")
def hostile_episode(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid episode whose every text field tries to inject markup and script."""
    folder = tmp_path_factory.mktemp("hostile")
    frame = np.full((240, 320, 3), 250, dtype=np.uint8)
    frame[40:80, 40:280] = (40, 90, 200)
    meta = EpisodeMetadata(episode_id=HOSTILE, task=f"Open the file {HOSTILE}",
                           started_at="2026-01-01T00:00:00+00:00")
    with EpisodeWriter(folder / "hostile.parquet", meta) as writer:
        for index, action in enumerate(("click", "type", "hotkey", "done")):
            writer.append(certify_redacted(
                step_index=index, timestamp_s=index * 1.5, action_type=action,
                screenshot=encode_frame(frame), x=100 + index * 40, y=60,
                text=f"hello <EMAIL_ADDRESS> {HOSTILE}" if action == "type" else None,
                keys=("ctrl", HOSTILE) if action == "hotkey" else (),
                window=WindowInfo(app=HOSTILE, title=HOSTILE),
                redactions=(Redaction("image", "EMAIL_ADDRESS", "test", 0.9, Box(40, 40, 240, 40)),
                            Redaction("text", HOSTILE, HOSTILE, 0.5)),
                flags=(HOSTILE,),
            ))
        writer.finalize()
    return folder / "hostile.parquet"


@pytest.fixture(scope="module")
def rendered(hostile_episode: Path, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Path, Path, str]:
    work = tmp_path_factory.mktemp("render")
    page = work / "view.html"
    result = harness.run_cuarec("view", str(hostile_episode), "--out", str(page))
    assert result.returncode == 0, result.stderr
    png, dom = harness.chromium_render(page, work)
    return page, png, dom


def test_page_is_self_contained_with_strict_csp(rendered: tuple[Path, Path, str]) -> None:
    page, _, _ = rendered
    html = page.read_text()
    assert ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "img-src data:; style-src 'unsafe-inline'\">") in html
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert 'src="x"' not in html and "src=x" not in html.replace("&lt;img src=x", "")
    assert oct(page.stat().st_mode & 0o777) == "0o600"


def test_hostile_fields_stay_inert_text_in_chromium(rendered: tuple[Path, Path, str]) -> None:
    _, _, dom = rendered
    assert "<title>cuarec episode: Open the file &lt;script&gt;" in dom  # no script ran
    assert "PWNED'</script>" not in dom.replace("&lt;/script&gt;", "")
    assert dom.count("<script") == 0 and "<img src=\"x\"" not in dom
    assert dom.count('class="step"') == 4
    assert '<span class="chip">EMAIL_ADDRESS</span>' in dom


def test_screenshot_is_not_blank_and_shows_the_steps(rendered: tuple[Path, Path, str]) -> None:
    import cv2
    from rapidocr import RapidOCR
    from rapidocr.utils.output import RapidOCROutput

    _, png, _ = rendered
    image = cv2.imread(str(png))
    assert image is not None and image.shape[:2] == (1600, 1200)
    assert float(image.std()) > 20  # not a blank page
    result = RapidOCR()(image[:900])
    assert isinstance(result, RapidOCROutput), type(result)  # detection and recognition ran
    words = " ".join(result.txts or ())
    assert "1. click" in words and "2. type" in words and "EMAIL_ADDRESS" in words


def test_edit_drops_steps_and_keeps_metadata_consistent(
    episode_factory: Callable[..., Path],
) -> None:
    episode = episode_factory(n_steps=14)
    before = open_episode(episode)
    steps_before = list(before.iter_steps(with_screenshots=False))
    result = harness.run_cuarec("edit", str(episode), "--drop-steps", "2,4-5", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["steps"] == 11
    after = open_episode(episode)
    steps_after = list(after.iter_steps(with_screenshots=False))
    assert [s.step_index for s in steps_after] == list(range(11))
    kept = [s for s in steps_before if s.step_index + 1 not in (2, 4, 5)]
    assert [s.action_type for s in steps_after] == [s.action_type for s in kept]
    assert after.metadata.step_count == after.metadata.frame_count == 11
    expected_redactions = sum(len(s.redactions) for s in kept)
    assert sum(after.metadata.redaction_counts.values()) == expected_redactions
    assert after.metadata.episode_id == before.metadata.episode_id
    assert oct(episode.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in episode.parent.iterdir()) == [episode.name]


@pytest.mark.parametrize(("spec", "phrase"), [("0", "not a valid range"), ("x", "not a step"),
                                              ("3-1", "not a valid range"), ("99", "has 5 steps"),
                                              ("1-5", "delete the file (rm "),
                                              ("5", "final done step"),
                                              ("2,5", "final done step")])
def test_edit_bad_ranges_change_nothing(episode_factory: Callable[..., Path], spec: str,
                                        phrase: str) -> None:
    episode = episode_factory(n_steps=5, with_screenshots=False)
    before = episode.read_bytes()
    result = harness.run_cuarec("edit", str(episode), "--drop-steps", spec)
    assert result.returncode == 2 and phrase in result.stderr, result.stderr
    assert episode.read_bytes() == before


def test_page_has_a_step_list_a_legend_and_each_blur_reason(
        rendered: tuple[Path, Path, str]) -> None:
    import re

    page, _, dom = rendered
    html = page.read_text()
    nav = html.split('<nav class="steps" id="steps">', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="#step-(\d+)"[^>]*><img alt="step \1" '
                       r'src="data:image/webp;base64,', nav)
    assert links == ["1", "2", "3", "4"]  # a thumbnail per step, linking to the step
    assert all(f'id="step-{n}"' in html for n in links)
    assert "Legend:" in dom and "where the action happened" in dom and "region blurred" in dom
    # The reason of each blur, in text, numbered as on the screenshot.
    assert dom.count("<li>1: EMAIL_ADDRESS (test)</li>") == 4
    assert dom.count('<div class="blurred" title="EMAIL_ADDRESS"') == 4


def test_a_large_screenshot_is_shown_smaller_and_said_so(tmp_path: Path) -> None:
    from recorder.view import MAX_INLINE_BYTES, write_view

    noise = np.random.default_rng(0).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    shot = encode_frame(noise)
    assert len(shot.data) > MAX_INLINE_BYTES
    meta = EpisodeMetadata(episode_id="big", task="t", started_at="2026-01-01T00:00:00+00:00")
    with EpisodeWriter(tmp_path / "big.parquet", meta) as writer:
        writer.append(certify_redacted(step_index=0, timestamp_s=0.0, action_type="done",
                                       screenshot=shot))
        writer.finalize()
    html = write_view(tmp_path / "big.parquet", tmp_path / "big.html").read_text()
    assert "shown re-encoded (lossy)" in html
    assert len(html) < len(shot.data)  # base64 of the original alone would be 4/3 of it


def test_view_never_writes_over_an_episode_or_into_a_dataset(
        episode_factory: Callable[..., Path], tmp_path: Path) -> None:
    from recorder.errors import UsageError
    from recorder.view import write_view

    episode = episode_factory(n_steps=3, with_screenshots=False)
    before = episode.read_bytes()
    # What a reviewer ran: the page aimed at the episode itself, forced.
    result = harness.run_cuarec("view", str(episode), "--out", str(episode), "--force")
    assert result.returncode == 2 and "is the episode itself" in result.stderr, result.stderr
    assert episode.read_bytes() == before
    dataset = tmp_path / "dataset"
    (dataset / "meta").mkdir(parents=True)
    (dataset / "meta" / "info.json").write_text("{}")
    (dataset / "data").mkdir()
    for target, phrase in ((episode.with_name("page.txt"), "must end in .html or .htm"),
                           (episode.parent / "." / episode.name, "is the episode itself"),
                           (dataset / "data" / "page.html", "inside a packed dataset"),
                           (dataset / "README.html", "inside a packed dataset")):
        with pytest.raises(UsageError, match=phrase):
            write_view(episode, target, force=True)
        assert not target.exists() or target == episode.parent / "." / episode.name
    assert episode.read_bytes() == before
    assert write_view(episode, tmp_path / "page.HTM").is_file()
