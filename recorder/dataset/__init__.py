"""Packed datasets: many episodes as Parquet shards with an index and a dataset card.

The plain Python API behind ``cuarec pack`` lives in :mod:`recorder.dataset.pack` (``pack``,
``PackOptions``, ``PackResult``, ``parse_split``) and :mod:`recorder.dataset.remove`
(``remove_episodes``); see docs/DATASET.md for the layout. Nothing is imported here, so the
readers (``info``, ``view``, ``export`` import :mod:`recorder.dataset.layout`) stay light and
load nothing a platform lacks (the writers' lock needs ``fcntl``, which Windows has not).
"""
