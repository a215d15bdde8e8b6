"""Bad input: corrupt, truncated, empty, foreign, newer, oversized, unreadable files and a full
disk each give one line on stderr, a meaningful exit code, no traceback, and lose nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recorder.episode import schema
from recorder.episode.reader import ReadLimits, open_episode
from recorder.errors import EnvironmentProblem, InvalidEpisodeError
from tests import harness


@pytest.fixture(scope="module")
def good_episode(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from recorder.episode.synthetic import write_synthetic_episode

    return write_synthetic_episode(tmp_path_factory.mktemp("good"), n_steps=6)


def _rewrite_metadata(source: Path, target: Path,
                      change: Callable[[dict[str, Any]], dict[str, Any]]) -> Path:
    table = pq.read_table(source)
    meta = dict(table.schema.metadata)
    meta[b"cuarec"] = json.dumps(change(json.loads(meta[b"cuarec"]))).encode()
    pq.write_table(table.replace_schema_metadata(meta), target)
    return target


def _bad_files(good: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase its error line must hold)."""
    data = good.read_bytes()
    files: dict[str, tuple[Path, str]] = {}

    def put(name: str, content: bytes, phrase: str) -> None:
        path = folder / f"{name}.parquet"
        path.write_bytes(content)
        files[name] = (path, phrase)

    put("empty", b"", "empty file")
    put("text", b"hello, this is not parquet\n" * 10, "not a Parquet file")
    put("truncated", data[: len(data) // 2], "truncated")
    put("corrupt_footer", data[:4] + os.urandom(len(data) - 8) + b"PAR1", "corrupt")
    foreign = folder / "foreign.parquet"
    pq.write_table(pa.table({"a": [1, 2, 3]}), foreign)
    files["foreign"] = (foreign, "not a cuarec episode")
    wrong_schema = folder / "wrong_schema.parquet"
    meta = {b"cuarec": json.dumps({"format_version": 1, "episode_id": "x", "task": "t",
                                   "started_at": "now"}).encode()}
    pq.write_table(pa.table({"a": [1]}).replace_schema_metadata(meta), wrong_schema)
    files["wrong_schema"] = (wrong_schema, "foreign schema")
    files["newer"] = (
        _rewrite_metadata(good, folder / "newer.parquet", lambda m: {**m, "format_version": 99}),
        "newer than this cuarec reads",
    )
    files["bad_version"] = (
        _rewrite_metadata(good, folder / "bad_version.parquet",
                          lambda m: {**m, "format_version": "1"}),
        "format_version",
    )
    files["huge_metadata"] = (
        _rewrite_metadata(good, folder / "huge_metadata.parquet",
                          lambda m: {**m, "task": "x" * (2 << 20)}),
        "metadata too large",
    )
    files["missing"] = (folder / "missing.parquet", "no such file")
    return files


def test_info_on_each_bad_file_is_one_line_and_exit_2(good_episode: Path, tmp_path: Path) -> None:
    for name, (path, phrase) in _bad_files(good_episode, tmp_path).items():
        before = path.read_bytes() if path.is_file() else None
        result = harness.run_cuarec("info", str(path))
        assert result.returncode == 2, (name, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("cuarec: error:"), (name, result.stderr)
        assert phrase in lines[0] and str(path) in lines[0], (name, lines[0])
        assert "Traceback" not in result.stderr and result.stdout == ""
        if before is not None:
            assert path.read_bytes() == before, name  # input untouched


def test_a_folder_is_not_read_as_an_episode(good_episode: Path, tmp_path: Path) -> None:
    """info takes folders (their episodes); the reader itself refuses a folder clearly."""
    with pytest.raises(InvalidEpisodeError, match="is a folder"):
        open_episode(tmp_path)
    result = harness.run_cuarec("info", str(tmp_path))
    assert result.returncode == 2 and "no episodes (*.parquet) in this folder" in result.stderr


def test_info_stops_at_the_first_bad_file_and_names_it(good_episode: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1")
    result = harness.run_cuarec("info", str(good_episode), str(bad), "--json")
    assert result.returncode == 2
    assert "bad.parquet" in result.stderr and good_episode.name not in result.stderr


def test_size_caps_refuse_oversized_files(good_episode: Path) -> None:
    with pytest.raises(InvalidEpisodeError, match="too many steps"):
        open_episode(good_episode, ReadLimits(max_rows=3))
    with pytest.raises(InvalidEpisodeError, match="row group 0 too large"):
        open_episode(good_episode, ReadLimits(max_row_group_bytes=1000))
    with pytest.raises(InvalidEpisodeError, match="file too large"):
        open_episode(good_episode, ReadLimits(max_file_bytes=1000))
    episode = open_episode(good_episode, ReadLimits(max_image_pixels=100))
    with pytest.raises(InvalidEpisodeError, match="screenshot is too large"):
        list(episode.iter_steps())


def test_image_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    import numpy as np

    from recorder.episode.images import decode_frame, encode_frame

    big = encode_frame(np.zeros((64, 64, 3), dtype=np.uint8))
    with pytest.raises(InvalidEpisodeError, match="too large"):
        decode_frame(big.data, ReadLimits(max_image_pixels=64 * 63))
    with pytest.raises(InvalidEpisodeError, match="not a readable image"):
        decode_frame(b"RIFF0000WEBPVP8L garbage")


@given(st.binary(max_size=2048))
def test_reader_fuzz_random_bytes_give_clean_errors(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.parquet"
        path.write_bytes(data)
        with pytest.raises(InvalidEpisodeError):
            open_episode(path)


@given(st.integers(min_value=0, max_value=100_000), st.binary(min_size=1, max_size=64))
def test_reader_fuzz_truncated_and_overwritten_episodes(cut: int, junk: bytes) -> None:
    import tempfile

    from recorder.episode.synthetic import write_synthetic_episode

    global _FUZZ_SOURCE
    if _FUZZ_SOURCE is None:
        _FUZZ_SOURCE = write_synthetic_episode(Path(tempfile.mkdtemp()), n_steps=4).read_bytes()
    data = _FUZZ_SOURCE
    cut %= len(data)
    mangled = data[:cut] + junk + data[cut + len(junk):]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.parquet"
        path.write_bytes(mangled[: max(cut, 1)] if junk[0] % 2 else mangled)
        try:
            episode = open_episode(path)
            for _ in episode.iter_steps():
                pass
        except InvalidEpisodeError:
            pass


_FUZZ_SOURCE: bytes | None = None


def test_permission_denied_is_exit_3(good_episode: Path, tmp_path: Path,
                                     unprivileged: list[str]) -> None:
    locked = tmp_path / "locked.parquet"
    locked.write_bytes(good_episode.read_bytes())
    locked.chmod(0)
    result = harness.run_cuarec("info", str(locked), prefix=unprivileged)
    assert result.returncode == 3, result.stderr
    assert result.stderr.strip() == f"cuarec: error: {locked}: permission denied"
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / ".x.parts").mkdir()
    closed.chmod(0)
    result = harness.run_cuarec("recover", str(closed), prefix=unprivileged)
    closed.chmod(0o700)
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "permission denied" in result.stderr


def test_disk_full_keeps_flushed_steps_recoverable(
    small_tmpfs: Callable[[str], Path],
) -> None:
    import numpy as np

    from recorder.episode.images import encode_frame
    from recorder.episode.model import EpisodeMetadata, certify_redacted
    from recorder.episode.writer import EpisodeWriter, recover_folder

    disk = small_tmpfs("1m")
    filler = disk / "someone-elses-file"
    filler.write_bytes(b"x" * (600 << 10))
    rng = np.random.default_rng(0)
    meta = EpisodeMetadata(episode_id="full", task="t", started_at="2026-01-01T00:00:00")
    folder = disk / "episodes"
    writer = EpisodeWriter(folder / "full.parquet", meta, chunk_steps=1)
    with pytest.raises(EnvironmentProblem, match="disk full") as caught:
        for index in range(100):  # incompressible ~100 KB frames fill the rest quickly
            noise = rng.integers(0, 255, (190, 190, 3), dtype=np.uint8)
            writer.append(certify_redacted(step_index=index, timestamp_s=float(index),
                                           action_type="wait", screenshot=encode_frame(noise)))
    assert "\n" not in caught.value.message
    flushed = writer.steps_flushed
    assert flushed >= 1
    parts = schema.parts_dir_for(folder / "full.parquet")
    assert not list(parts.glob(".*.tmp"))  # the half-written part was removed
    filler.unlink()  # the user frees space, then recovers: every flushed step is there
    results = recover_folder(folder)
    assert [r.status for r in results] == ["recovered"]
    assert open_episode(results[0].episode).num_steps == flushed
    assert sorted(p.name for p in folder.iterdir()) == ["full.parquet"]


def test_metadata_fields_are_an_allow_list(good_episode: Path, tmp_path: Path) -> None:
    sneaky = _rewrite_metadata(good_episode, tmp_path / "sneaky.parquet",
                               lambda m: {**m, "hostname": "secret-host"})
    episode = open_episode(sneaky)
    assert "secret-host" not in repr(replace(episode.metadata))
