"""Help pages a person can read: no type names (``<bool>``, ``<list[Path]>``) and a plain
usage line (``EPISODE...``, not ``{episodes}...``). The Typer app in :mod:`recorder.cli` uses
these classes for its groups and commands; what each option means is in its own help text."""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

# ``Any`` for contexts and parameters: typer (0.29) vendors its own click as the private
# ``typer._click``, whose Context and Parameter are what these overrides receive. The public
# ``click`` package's classes are other classes (mypy rejects them as overrides) and
# ``typer.Context`` is a subclass (too narrow for an override), so no public type fits.


def _no_type(ctx: Any) -> None:
    return None


def _readable(params: list[Any]) -> list[Any]:
    """Give every parameter a metavar: none for flags, the upper-case name otherwise (an
    option's explicit metavar, such as ``SECONDS``, is kept)."""
    for param in params:
        if isinstance(param, TyperArgument):
            # An argument's type column cannot be set by a metavar: this instance shows none
            # (its name and help already say what it takes).
            param.display_type_rich = _no_type  # type: ignore[method-assign]
        if isinstance(param, TyperOption) and (param.is_flag or param.count):
            param.metavar = ""
        elif param.metavar is None:
            name = (param.name or "value").upper()
            many = isinstance(param, TyperArgument) and param.nargs != 1
            param.metavar = f"{name}..." if many else name
    return params


class PlainHelpCommand(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _readable(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = str(param.metavar)
                pieces.append(name if param.required else f"[{name}]")
        return pieces


class PlainHelpGroup(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _readable(super().get_params(ctx))
