"""The screen-token classifier's training data: which dev-set labels are personal, which are
ordinary words and which are left out; rows built from the OCR cache."""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from redaction.models import Box

# The script is no package module (and not in mypy's files): imported by name from scripts/.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
train: ModuleType = importlib.import_module("train_screen_classifier")

# One dev-set screen: a person, a company, a channel (boxes as the generator writes them).
ITEM = {
    "id": "dev_00001_chat",
    "image_path": "images/dev_00001_chat.png",
    "template": "chat",
    "spans": [
        {"label": "private_person", "bbox": [20, 20, 100, 16], "text": "Ada Lovelace"},
        {"label": "private_company", "bbox": [20, 60, 100, 16], "text": "Byron Labs"},
        {"label": "private_channel", "bbox": [20, 100, 60, 16], "text": "#ops"},
    ],
}
# What OCR read there (the cache's own format: a line box and its words).
LINES = [
    {"box": [20, 20, 100, 16], "words": [["Ada", [20, 20, 30, 16], 0.99],
                                         ["Lovelace", [56, 20, 64, 16], 0.99]]},
    {"box": [20, 60, 100, 16], "words": [["Byron", [20, 60, 50, 16], 0.99],
                                         ["Labs", [76, 60, 40, 16], 0.99]]},
    {"box": [20, 100, 60, 16], "words": [["#ops", [20, 100, 40, 16], 0.99]]},
    {"box": [20, 140, 100, 16], "words": [["Settings", [20, 140, 80, 16], 0.99]]},
]  # fmt: skip


@pytest.fixture
def devset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A one-screen dev set and its cached OCR in ``tmp_path``, as the script's sources."""
    folder = tmp_path / "devset"
    (folder / "images").mkdir(parents=True)
    (folder / "annotations.jsonl").write_text(json.dumps(ITEM) + "\n", encoding="utf-8")
    image = folder / "images" / "dev_00001_chat.png"
    image.write_bytes(b"not read: the OCR is cached")
    monkeypatch.setitem(train.SOURCES, "devset", folder)
    monkeypatch.setattr(train, "CACHE", tmp_path / "cache")
    return train


def test_devset_labels(devset: ModuleType) -> None:
    (screen,) = devset.load_screens(["devset"])
    assert screen.family == "devset:chat"
    assert screen.gold == (Box(20, 20, 100, 16),)  # the person
    assert screen.ignore == (Box(20, 100, 60, 16),)  # the channel: left out
    # The company is neither: an ordinary word (issue 17 item 7).


def test_rows_from_the_cache(devset: ModuleType) -> None:
    (screen,) = devset.load_screens(["devset"])
    from redaction.image.settings import ImageRedactionSettings

    options = json.dumps(ImageRedactionSettings().ocr_options(), sort_keys=True).encode()
    tag = hashlib.sha1(options).hexdigest()[:8]
    digest = hashlib.sha1(screen.path.read_bytes()).hexdigest()[:16]
    devset.CACHE.mkdir()
    (devset.CACHE / f"{digest}-{tag}.json").write_text(json.dumps(LINES), encoding="utf-8")
    data = devset.dataset([screen], frozenset({"settings", "labs"}), only_cached=True)
    # Ada, Lovelace, Byron, Labs, Settings: the channel's word is left out.
    assert data.x.shape[0] == 5
    assert data.y.tolist() == [1, 1, 0, 0, 0]
    assert data.group.tolist() == [1] * 5  # the dev set, not the corpus
    assert data.ordinary.all() and not data.guarded.any()
    assert np.unique(data.scr).size == 1


def test_no_cached_screen_is_one_clear_exit(devset: ModuleType) -> None:
    screens = devset.load_screens(["devset"])
    with pytest.raises(SystemExit) as exit_info:
        devset.dataset(screens, frozenset(), only_cached=True)
    assert exit_info.value.code == 2
