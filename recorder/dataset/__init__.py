"""Packed datasets: many episodes as Parquet shards with an index and a dataset card.

The plain Python API behind ``cuarec pack``; see docs/DATASET.md for the layout.
"""

from recorder.dataset.layout import is_packed_dataset
from recorder.dataset.pack import PackOptions, PackResult, pack, parse_split
from recorder.dataset.remove import remove_episodes

__all__ = ["PackOptions", "PackResult", "is_packed_dataset", "pack", "parse_split",
           "remove_episodes"]
