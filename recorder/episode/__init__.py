"""The episode format v1: one Parquet file per episode, one row per step.

``schema`` owns the format (columns, metadata keys, version, file names); ``model`` holds the
value objects; ``writer`` is the crash-safe private writer; ``reader`` the validating reader.
"""
