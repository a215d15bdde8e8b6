"""Packing episodes into a dataset: shards, splits, index, card, append, withdraw, SIGKILL.

Episodes come from the synthetic factory (small frames); the audit is skipped here except in
the audit tests, which use frame-free episodes so the real audit stays fast.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from recorder.dataset.index import read_index, split_for
from recorder.dataset.layout import DatasetLayout
from recorder.dataset.pack import PackOptions, pack
from recorder.dataset.remove import remove_episodes
from recorder.episode.model import EpisodeMetadata, WindowInfo, certify_redacted
from recorder.episode.reader import open_episode
from recorder.episode.synthetic import write_synthetic_episode
from recorder.episode.writer import EpisodeWriter
from recorder.errors import UsageError
from redaction.models import InputEvent
from tests import harness

SPLIT = (("train", 0.7), ("test", 0.3))
SEED = 3
OPTIONS = PackOptions(license="CC-BY-4.0", shard_mb=0.02, split=SPLIT, seed=SEED, audit="skip")
CRASH_SCRIPT = Path(__file__).with_name("crash_packer.py")
EMAIL = "jane.doe@example.com"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def make_episodes(folder: Path, count: int, first_seed: int = 0) -> list[Path]:
    """``count`` synthetic episodes with distinct tasks and lengths (small frames)."""
    return [write_synthetic_episode(folder, n_steps=3 + seed % 5, seed=seed, size=(160, 120),
                                    task=f"Task number {seed}: rename report{seed}.txt")
            for seed in range(first_seed, first_seed + count)]


@pytest.fixture(scope="module")
def ten(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_episodes(tmp_path_factory.mktemp("episodes"), 10)


@pytest.fixture
def packed(ten: list[Path], tmp_path: Path) -> Path:
    result = pack(ten, tmp_path / "dataset", OPTIONS)
    assert result.ok and len(result.outcomes) == 10
    return tmp_path / "dataset"


def snapshot(root: Path) -> dict[str, str]:
    """Every published file (not the private folder) and its hash."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and ".cuarec" not in p.relative_to(root).parts}


def load(root: Path) -> Any:
    import datasets

    return datasets.load_dataset(str(root), cache_dir=str(root.parent / "hf-cache"))


def front_matter(root: Path) -> dict[str, Any]:
    import yaml  # type: ignore[import-untyped]

    text = (root / "README.md").read_text()
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match is not None
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def test_pack_loads_every_split_with_images_and_instructions(ten: list[Path],
                                                             packed: Path) -> None:
    metas = {open_episode(p).metadata.episode_id: open_episode(p) for p in ten}
    expected: Counter[str] = Counter()
    for episode_id, episode in metas.items():
        expected[split_for(episode_id, SEED, SPLIT)] += episode.num_steps
    assert set(expected) == {"train", "test"}
    shards = sorted(p.name for p in (packed / "data").iterdir())
    assert len(shards) >= 4
    assert all(re.match(r"^(train|test)-[0-9a-f]{12}-\d{5}\.parquet$", s) for s in shards)

    ds = load(packed)
    assert {k: ds[k].num_rows for k in ds} == dict(expected)
    for split in ds:
        rows = ds[split]
        instructions = rows["instruction"]
        for episode_id, instruction in zip(rows["episode_id"], instructions, strict=True):
            assert instruction == metas[episode_id].metadata.task
        image = rows[0]["screenshot"]
        assert image.size == (160, 120)
        image.load()  # decoded, not just a header
    instructions_seen = {i for split in ds for i in ds[split]["instruction"]}
    assert instructions_seen == {e.metadata.task for e in metas.values()}

    # One episode: contiguous rows, in one shard, where the index says.
    index = read_index(DatasetLayout(packed).episodes)
    assert {e.episode_id for e in index} == set(metas)
    for entry in index:
        table = pq.read_table(packed / entry.shard, columns=["episode_id", "step_index"])
        ids = table.column("episode_id").to_pylist()
        assert [i for i, v in enumerate(ids) if v == entry.episode_id] == list(
            range(entry.row_start, entry.row_end))
        steps = table.column("step_index").to_pylist()[entry.row_start:entry.row_end]
        assert steps == list(range(metas[entry.episode_id].num_steps))
        assert entry.split == split_for(entry.episode_id, SEED, SPLIT)
        assert entry.volunteer is not None and "synthetic" not in entry.volunteer

    import duckdb

    relation = duckdb.sql(f"SELECT count(*), count(DISTINCT episode_id) FROM "
                          f"read_parquet('{packed}/data/*.parquet')")
    assert relation is not None
    count = relation.fetchall()[0]
    assert count == (sum(expected.values()), 10)


def test_card_yaml_parses_and_its_counts_match(ten: list[Path], packed: Path) -> None:
    card = front_matter(packed)
    assert card["license"] == "cc-by-4.0"
    assert card["size_categories"] == ["n<1K"]
    config = card["configs"][0]
    assert config["config_name"] == "default"
    assert {f["split"]: f["path"] for f in config["data_files"]} == {
        "train": "data/train-*.parquet", "test": "data/test-*.parquet"}
    info = json.loads((packed / "meta" / "info.json").read_text())
    steps = sum(open_episode(p).num_steps for p in ten)
    assert info["counts"]["episodes"] == 10 and info["counts"]["steps"] == steps
    body = (packed / "README.md").read_text()
    assert "| episodes | 10 |" in body
    assert f"| steps | {steps} |" in body
    for split, numbers in info["counts"]["splits"].items():
        assert f"| {split} | {numbers['episodes']} | {numbers['steps']} |" in body
    assert "packed without an audit" in body
    assert "does not protect against" in body
    assert "Task number" not in body  # tasks are in the data, never listed in the card


def test_append_moves_no_existing_episode(ten: list[Path], packed: Path,
                                          tmp_path: Path) -> None:
    layout = DatasetLayout(packed)
    before = {e.episode_id: e for e in read_index(layout.episodes)}
    files_before = snapshot(packed)
    more = make_episodes(tmp_path / "more", 2, first_seed=100)
    result = pack([*ten, *more], packed, PackOptions(audit="skip"))
    assert [o.status for o in result.outcomes] == ["skipped"] * 10 + ["packed"] * 2
    after = {e.episode_id: e for e in read_index(layout.episodes)}
    assert len(after) == 12
    for episode_id, entry in before.items():
        assert after[episode_id] == entry  # same split, shard and rows
    files_after = snapshot(packed)
    for name, digest in files_before.items():
        if name.startswith("data/"):
            assert files_after[name] == digest  # no existing shard rewritten
    assert sum(load(packed)[k].num_rows for k in ("train", "test")) == sum(
        e.steps for e in after.values())
    with pytest.raises(UsageError, match="seed"):
        pack(more, packed, PackOptions(seed=SEED + 1, audit="skip"))
    info_path = packed / "meta" / "info.json"
    info = json.loads(info_path.read_text())
    info_path.write_text(json.dumps({**info, "shard_schema": "0" * 16}))
    with pytest.raises(UsageError, match="other shard columns"):
        pack(more, packed, PackOptions(audit="skip"))  # mixed schemas would not load


def test_remove_rewrites_only_its_shard(ten: list[Path], packed: Path) -> None:
    layout = DatasetLayout(packed)
    index = read_index(layout.episodes)
    victim = next(e for e in index if sum(1 for o in index if o.shard == e.shard) > 1)
    neighbours = [e.episode_id for e in index if e.shard == victim.shard and e is not victim]
    files_before = snapshot(packed)
    result = remove_episodes(packed, [victim.episode_id])
    assert result.shards_removed == (victim.shard,)
    files_after = snapshot(packed)
    data_before = {k for k in files_before if k.startswith("data/")}
    data_after = {k for k in files_after if k.startswith("data/")}
    assert data_before - data_after == {victim.shard}
    assert len(data_after - data_before) == 1  # its rewritten shard
    for name in data_before - {victim.shard}:
        assert files_after[name] == files_before[name]
    new_index = {e.episode_id: e for e in read_index(layout.episodes)}
    assert victim.episode_id not in new_index and len(new_index) == 9
    ds = load(packed)
    ids = {i for split in ds for i in ds[split]["episode_id"]}
    assert victim.episode_id not in ids and set(neighbours) <= ids
    body = (packed / "README.md").read_text()
    assert "1 episode(s) withdrawn" in body and victim.episode_id not in body
    assert victim.episode_id not in (packed / "meta" / "info.json").read_text()
    # The withdrawn file is never packed again.
    again = pack(ten, packed, PackOptions(audit="skip"))
    reasons = Counter(o.reason for o in again.outcomes)
    assert reasons == {"already packed": 9, "withdrawn from this dataset": 1}


def _crash_pack(root: Path, kill_at: str, episodes: list[Path]) -> None:
    process = subprocess.run([sys.executable, str(CRASH_SCRIPT), str(root), kill_at,
                              *map(str, episodes)], capture_output=True, text=True,
                             cwd=harness.REPO, timeout=120, stdin=subprocess.DEVNULL)
    assert process.returncode == -9, process.stderr
    assert "finished" not in process.stdout


def test_killed_pack_leaves_the_previous_dataset_readable(ten: list[Path], packed: Path,
                                                          tmp_path: Path) -> None:
    files_before = snapshot(packed)
    rows_before = {k: v.num_rows for k, v in load(packed).items()}
    more = make_episodes(tmp_path / "more", 3, first_seed=200)
    _crash_pack(packed, "before_journal", more)
    assert snapshot(packed) == files_before  # nothing published changed
    assert {k: v.num_rows for k, v in load(packed).items()} == rows_before
    assert list((packed / ".cuarec").glob("pack-*"))  # the staging it left ...
    result = pack(more, packed, PackOptions(audit="skip"))
    assert [o.status for o in result.outcomes] == ["packed"] * 3
    assert not list((packed / ".cuarec").glob("pack-*"))  # ... is gone after the next run


def test_pack_killed_after_its_journal_is_rolled_forward(ten: list[Path], packed: Path,
                                                         tmp_path: Path) -> None:
    more = make_episodes(tmp_path / "more", 2, first_seed=300)
    _crash_pack(packed, "mid_apply", more)
    result = pack(more, packed, PackOptions(audit="skip"))  # finishes the decided change
    assert [o.status for o in result.outcomes] == ["skipped", "skipped"]
    index = read_index(DatasetLayout(packed).episodes)
    assert len(index) == 12
    ds = load(packed)
    assert sum(ds[k].num_rows for k in ds) == sum(e.steps for e in index)
    shards = {p.name for p in (packed / "data").iterdir()}
    assert shards == {e.shard.split("/")[1] for e in index}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The real CLI entry point, in this process (a child process costs seconds here)."""
    from recorder.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def _unredacted(folder: Path) -> Path:
    """A valid episode that was NOT redacted (typed e-mail), built on purpose without frames
    so the real audit is quick."""
    meta = EpisodeMetadata(episode_id="raw-episode", task="Update the contact address",
                           started_at="2026-01-01T00:00:00+00:00")
    target = folder / "raw.parquet"
    typed = tuple(InputEvent(t=1.0 + i / 10, kind="key_press", key=c, char=c)
                  for i, c in enumerate(EMAIL))
    with EpisodeWriter(target, meta) as writer:
        writer.append(certify_redacted(step_index=0, timestamp_s=1.0, action_type="type",
                                       text=EMAIL, events=typed,
                                       window=WindowInfo("settings", "Settings")))
        writer.finalize()
    return target


@pytest.fixture
def audit_inputs(tmp_path: Path) -> Iterator[list[Path]]:
    folder = tmp_path / "inputs"
    clean = write_synthetic_episode(folder, n_steps=4, seed=7, with_screenshots=False)
    yield [clean, _unredacted(folder)]


def test_pack_audits_refuses_findings_and_caches_by_file_hash(
        audit_inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "dataset"
    code, out, err = cli(capsys, "pack", *map(str, audit_inputs), "--out", str(root),
                         "--license", "CC0-1.0", "--no-ner", "--json")
    assert code == 1, err
    assert EMAIL not in out + err
    report = json.loads(out)
    statuses = {Path(i["source"]).name: i["status"] for i in report["inputs"]}
    assert statuses == {audit_inputs[0].name: "packed", "raw.parquet": "refused"}
    refused = next(i for i in report["inputs"] if i["status"] == "refused")
    assert {f["entity_type"] for f in refused["findings"]} >= {"EMAIL_ADDRESS"}
    assert report["audited"] == 2 and report["audit_cached"] == 0
    cache = pq.read_table(root / "meta" / "audit.parquet").to_pylist()
    assert {r["status"] for r in cache} == {"passed", "findings"}
    assert EMAIL not in (root / "meta" / "audit.parquet").read_bytes().decode("latin-1")

    # A re-pack audits nothing again: the cache answers (the engines are never built).
    from recorder.curate import AuditJob

    monkeypatch.setattr(AuditJob, "setup", lambda self: pytest.fail("audited twice"))
    again = pack(audit_inputs, root, PackOptions(no_ner=True))
    assert again.audited == 0 and again.audit_cached == 1  # the clean one is already packed
    assert [o.status for o in again.outcomes] == ["skipped", "refused"]
    allowed = pack(audit_inputs, root, PackOptions(no_ner=True, audit="allow"))
    assert [o.status for o in allowed.outcomes] == ["skipped", "packed"]
    assert "packed with audit findings" in (root / "README.md").read_text()
    entries = {e.episode_id: e.audit for e in read_index(DatasetLayout(root).episodes)}
    assert entries["raw-episode"] == "allowed"
    remove_episodes(root, ["raw-episode"])  # withdrawn: no trace left in meta/
    cache_ids = {r["episode_id"] for r in pq.read_table(root / "meta" / "audit.parquet")
                 .to_pylist()}
    assert "raw-episode" not in cache_ids and len(cache_ids) == 1


def test_cli_info_view_and_bad_input(packed: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "info", str(packed), "--json")
    assert code == 0, err
    summary = json.loads(out)[0]
    assert summary["kind"] == "dataset" and summary["episodes"] == 10
    episode_id = summary["episode_ids"][0]
    page = tmp_path / "one.html"
    code, _, err = cli(capsys, "view", str(packed), "--episode", episode_id, "--out", str(page))
    assert code == 0, err
    html = page.read_text()
    assert "Task number" in html and html.count('class="step"') >= 3
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    for args in (["pack", str(packed), "--remove", "no-such-id"],
                 ["pack", str(tmp_path / "eps"), "--out", str(tmp_path / "new")],
                 ["pack", str(packed / "data"), "--out", str(foreign), "--license", "MIT"],
                 ["view", str(packed)]):
        code, _, err = cli(capsys, *args)
        assert code == 2, args
        assert err.startswith("cuarec: error: ") and err.count("\n") == 1
    assert not (tmp_path / "new").exists()
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    # Packing options mean nothing to a withdrawal: refused, nothing withdrawn.
    for extra in (["--license", "MIT"], ["--split", "train=1"], ["--no-audit"],
                  ["--engine", "ray"]):
        code, _, err = cli(capsys, "pack", str(packed), "--remove", episode_id, *extra)
        assert code == 2 and f"{extra[0]} only apply when packing" in err, (extra, err)
    assert json.loads(cli(capsys, "info", str(packed), "--json")[1])[0]["episodes"] == 10
    # The count printed is the episodes withdrawn (an id given twice is one episode).
    code, out, err = cli(capsys, "pack", str(packed), "--remove", episode_id, episode_id)
    assert code == 0, err
    assert out.startswith("withdrew 1 episode(s); ") and "9 episode(s) left" in out



def test_export_a_packed_dataset_as_one_dataset_per_space(tmp_path: Path) -> None:
    from recorder.dataset.export import export_dataset
    from recorder.export import ExportOptions

    folder = tmp_path / "episodes"
    synthetic = write_synthetic_episode(folder, n_steps=5, seed=1, size=(160, 120))
    meta = EpisodeMetadata(episode_id="placeholders", task="Send the address",
                           started_at="2026-01-01T00:00:00+00:00")
    typed = tmp_path / "episodes" / "typed.parquet"
    with EpisodeWriter(typed, meta) as writer:
        for index, text in enumerate(["<EMAIL_ADDRESS>", "to <PERSON> now", " <PHONE_NUMBER> "]):
            writer.append(certify_redacted(step_index=index, timestamp_s=float(index),
                                           action_type="type", text=text))
        writer.finalize()
    root = tmp_path / "dataset"
    pack([synthetic, typed], root, PackOptions(license="MIT", audit="skip", volunteer_id="drop"))
    assert [e.volunteer for e in read_index(DatasetLayout(root).episodes)] == [None, None]
    assert "Volunteer ids are dropped" in (root / "README.md").read_text()
    full = export_dataset(root, "pyautogui", tmp_path / "full")
    kept = export_dataset(root, "pyautogui", tmp_path / "kept",
                          ExportOptions(drop_placeholder_steps=True))
    assert (full.pairs, kept.pairs) == (8, 6)
    ds = load(tmp_path / "kept" / "pyautogui")
    rows = ds["train"]
    assert rows.num_rows == 6
    assert set(rows["instruction"]) == {"Send the address",
                                        "Rename report.txt to final.txt"}
    actions = [a for a, i in zip(rows["action"], rows["episode_id"], strict=True)
               if i == "placeholders"]
    assert len(actions) == 1 and "<PERSON>" in actions[0]
    assert rows[0]["screenshot"].size == (160, 120)
    with pytest.raises(UsageError, match="already exists"):
        export_dataset(root, "pyautogui", tmp_path / "kept")


def test_card_escapes_strings_from_episodes(tmp_path: Path) -> None:
    meta = EpisodeMetadata(episode_id="hostile", task="Open the app",
                           started_at="2026-01-01T00:00:00+00:00", os="linux\n---\nlicense: x")
    source = tmp_path / "episodes" / "hostile.parquet"
    with EpisodeWriter(source, meta) as writer:
        writer.append(certify_redacted(step_index=0, timestamp_s=0.0, action_type="done",
                                       window=WindowInfo("<img src=x>|**app**", "t")))
        writer.finalize()
    root = tmp_path / "dataset"
    pack([source], root, PackOptions(license="MIT", audit="skip"))
    body = (root / "README.md").read_text()
    assert "<img" not in body and "&lt;img src=x&gt;\\|\\*\\*app\\*\\*" in body
    assert front_matter(root)["license"] == "mit"  # the OS string did not end the YAML
    assert body.count("\n---\n") == 1


def test_the_dataset_readers_import_without_fcntl(tmp_path: Path) -> None:
    """Windows has no ``fcntl``: ``info``, ``view`` and ``export`` still import and tell a
    packed dataset from an episode (only the writers' lock needs it, imported when locking)."""
    dataset = pack([write_synthetic_episode(tmp_path / "episodes", n_steps=2)],
                   tmp_path / "dataset", OPTIONS).root
    code = ("import sys; sys.modules['fcntl'] = None\n"
            "from pathlib import Path\n"
            "from recorder.dataset.layout import is_packed_dataset\n"
            "import recorder.dataset.export, recorder.view\n"
            "print(is_packed_dataset(Path(sys.argv[1])), is_packed_dataset(Path(sys.argv[2])))\n")
    done = subprocess.run([sys.executable, "-c", code, str(dataset), str(tmp_path / "episodes")],
                          cwd=harness.REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]


def test_exporting_a_dataset_into_a_read_only_folder_is_exit_3(
        tmp_path: Path, unprivileged: list[str]) -> None:
    dataset = pack([write_synthetic_episode(tmp_path / "episodes", n_steps=2)],
                   tmp_path / "dataset", OPTIONS).root
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    result = harness.run_cuarec("export", str(dataset), "--to", "jsonl", "--out", str(locked),
                                prefix=unprivileged)
    locked.chmod(0o700)
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("cuarec: error: permission denied while writing")
    assert result.stderr.count("\n") == 1
    assert list(locked.iterdir()) == []


def test_a_failed_withdrawal_leaves_the_withdrawn_list_alone(
        ten: list[Path], packed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The withdrawn list moves with the change: a removal that fails before its journal is
    published withdraws nothing (the file would otherwise be refused by later packs)."""
    from recorder.dataset import commit

    withdrawn = packed / ".cuarec" / "withdrawn.json"
    victim = read_index(DatasetLayout(packed).episodes)[0].episode_id
    files_before = snapshot(packed)

    def fail(self: commit.Stage) -> None:
        raise RuntimeError("killed before the journal")

    with monkeypatch.context() as patch:
        patch.setattr(commit.Stage, "commit", fail)
        with pytest.raises(RuntimeError):
            remove_episodes(packed, [victim])
    assert not withdrawn.exists()
    assert snapshot(packed) == files_before
    again = pack(ten, packed, PackOptions(audit="skip"))
    assert Counter(o.reason for o in again.outcomes) == {"already packed": 10}
    remove_episodes(packed, [victim])
    assert len(json.loads(withdrawn.read_text())) == 1


def test_a_file_changed_after_its_audit_is_not_packed(
        audit_inputs: list[Path], tmp_path: Path) -> None:
    """The bytes copied are hashed and must be the bytes audited: an unredacted file put in
    place of an audited one between the audit and the copy is not packed."""
    clean, raw = audit_inputs

    def swap_after_audit(done: int, total: int, status: str, source: str) -> None:
        clean.write_bytes(raw.read_bytes())

    root = tmp_path / "dataset"
    result = pack([clean], root, PackOptions(license="CC0-1.0", no_ner=True),
                  audit_progress=swap_after_audit)
    [outcome] = result.outcomes
    assert outcome.status == "failed" and not result.ok
    assert outcome.reason is not None and "changed on disk after its audit" in outcome.reason
    assert result.info["counts"]["episodes"] == 0
    for shard in (root / "data").glob("*.parquet") if (root / "data").exists() else ():
        assert EMAIL.encode() not in shard.read_bytes()
