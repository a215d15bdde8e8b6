"""The volunteer's choices after a recording (keep, view, drop steps, discard), the task list
and consent, through the CLI's own prompt handling with answers on stdin."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from recorder import cli
from recorder.episode.reader import open_episode
from recorder.errors import UsageError


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Pretend a terminal is attached and type ``text`` at the prompts."""

    def feed(text: str) -> None:
        monkeypatch.setattr(cli, "interactive", lambda: True)
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return feed


def test_keep_by_default_and_with_yes(episode_factory: Callable[..., Path],
                                      answers: Callable[[str], None]) -> None:
    episode = episode_factory(n_steps=4)
    assert cli.review_recording(episode, yes=True) == "kept"
    answers("\n")  # Enter takes the default: keep
    assert cli.review_recording(episode, yes=False) == "kept"
    assert episode.is_file()


def test_discard_leaves_nothing_on_disk(episode_factory: Callable[..., Path],
                                        answers: Callable[[str], None]) -> None:
    episode = episode_factory(n_steps=4)
    answers("v\nx\ny\n")  # view the page first, then discard, and confirm
    assert cli.review_recording(episode, yes=False) == "discarded"
    assert list(episode.parent.iterdir()) == []  # neither the episode nor its review page


def test_drop_steps_then_keep(episode_factory: Callable[..., Path],
                              answers: Callable[[str], None]) -> None:
    episode = episode_factory(n_steps=8)
    answers("d\n2-3\nd\nnot-a-range\nk\n")
    assert cli.review_recording(episode, yes=False) == "kept"
    opened = open_episode(episode)
    assert opened.num_steps == 6 and opened.metadata.step_count == 6


def test_a_page_viewed_before_dropping_steps_shows_only_the_kept_steps(
        episode_factory: Callable[..., Path], answers: Callable[[str], None],
        tmp_path: Path) -> None:
    from recorder.view import write_view

    episode = episode_factory(n_steps=8)
    answers("v\nd\n2-3\nk\n")
    assert cli.review_recording(episode, yes=False) == "kept"
    fresh = write_view(episode, tmp_path / "fresh.html", force=True)
    assert episode.with_suffix(".html").read_text() == fresh.read_text()


def test_the_summary_after_review_counts_what_was_kept(
        episode_factory: Callable[..., Path], answers: Callable[[str], None]) -> None:
    from recorder.info import summarize
    from recorder.record import RecordResult

    episode = episode_factory(n_steps=8)
    before = summarize(episode)
    recorded = RecordResult(episode=episode, steps=8, frames=8, duration_s=4.0,
                            steps_by_action=before.steps_by_action,
                            redactions_by_type=before.redactions_by_type, dropped={},
                            flags=before.flags, stop_reason="hotkey")
    answers("d\n1-3\nk\n")
    assert cli.review_recording(episode, yes=False) == "kept"
    kept = cli.as_kept(recorded)
    after = summarize(episode)
    assert (kept.steps, kept.frames) == (after.steps, after.frames) == (5, 5)
    assert kept.steps_by_action == after.steps_by_action != before.steps_by_action
    assert kept.redactions_by_type == after.redactions_by_type
    assert kept.duration_s == 4.0 and kept.stop_reason == "hotkey"


def test_task_pick_from_a_curators_list(tmp_path: Path, answers: Callable[[str], None],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(json.dumps({"task": t}) for t in
                               ("Rename report.txt to final.txt", "Empty the trash")) + "\n")
    assert cli.pick_task(None, tasks, 2) == "Empty the trash"
    answers("1\n")
    assert cli.pick_task(None, tasks, None) == "Rename report.txt to final.txt"
    monkeypatch.setattr(cli, "interactive", lambda: False)
    with pytest.raises(UsageError, match="--pick"):
        cli.pick_task(None, tasks, None)
    with pytest.raises(UsageError, match="between 1 and 2"):
        cli.pick_task(None, tasks, 3)
    with pytest.raises(UsageError, match="not both"):
        cli.pick_task("a task", tasks, 1)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no task"}\n')
    with pytest.raises(UsageError, match=r"bad\.jsonl:1"):
        cli.pick_task(None, bad, 1)


def test_consent_is_asked_once_and_remembered(tmp_path: Path, answers: Callable[[str], None],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(cli, "interactive", lambda: False)
    with pytest.raises(UsageError, match="consent is needed once"):
        cli.ask_consent("statement", yes=False)
    cli.ask_consent("statement", yes=True)  # scripted runs
    answers("n\n")
    with pytest.raises(UsageError, match="declined"):
        cli.ask_consent("statement", yes=False)
    answers("y\n")
    cli.ask_consent("statement", yes=False)
    monkeypatch.setattr(cli, "interactive", lambda: False)
    cli.ask_consent("statement", yes=False)  # remembered: no question, no error
    assert (tmp_path / "cuarec" / "consent.json").stat().st_mode & 0o777 == 0o600
