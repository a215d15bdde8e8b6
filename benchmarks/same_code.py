"""Whether a refactor changed only comments and docstrings: every ``redaction/**/*.py`` that
differs between a commit and the work tree has the same syntax tree once docstrings are
blanked (comments are not in the tree).

    python benchmarks/same_code.py BASE_COMMIT

Prints one line per changed file ("same" or "DIFFERS") and exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def without_docstrings(source: str) -> str:
    """The dump of ``source``'s syntax tree with every docstring blanked."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                first.value.value = ""
    return ast.dump(tree)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("base", help="the commit to compare the work tree with")
    args = parser.parse_args(argv)
    changed = subprocess.run(
        ["git", "diff", "--name-only", args.base, "--", "redaction"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()
    differ = 0
    for name in changed:
        if not name.endswith(".py"):
            continue
        before = subprocess.run(
            ["git", "show", f"{args.base}:{name}"],
            cwd=REPO, capture_output=True, text=True, check=True,
        ).stdout
        same = without_docstrings(before) == without_docstrings((REPO / name).read_text())
        differ += not same
        print(("same     " if same else "DIFFERS  ") + name)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
