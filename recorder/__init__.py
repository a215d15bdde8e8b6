"""cuarec's recorder application: capture, the episode format, curator tools and the CLI."""

__version__ = "0.1.0"
