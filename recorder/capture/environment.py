"""Environment checks made before anything is captured: refuse clearly, never half-record.

Only the environment variables are read here (no connection); the X11 backend then connects
and checks the server's extensions. Messages are one line and name no display or host.
"""

from __future__ import annotations

from collections.abc import Mapping

from recorder.errors import EnvironmentProblem


def session_type(env: Mapping[str, str]) -> str:
    """``wayland``, ``x11`` or ``none``, from the variables a desktop session sets."""
    declared = env.get("XDG_SESSION_TYPE", "").strip().lower()
    if env.get("WAYLAND_DISPLAY") or declared == "wayland":
        return "wayland"
    if env.get("DISPLAY"):
        return "x11"
    return "none"


def check_x11_environment(env: Mapping[str, str]) -> None:
    """Raise :class:`EnvironmentProblem` unless this looks like an X11 session.

    Wayland is refused even when XWayland provides a DISPLAY: through XWayland only X11
    applications' input and windows would be seen, so a recording would silently miss
    everything else.
    """
    kind = session_type(env)
    if kind == "wayland" and env.get("DISPLAY"):
        raise EnvironmentProblem(
            "this is a Wayland session: through XWayland only X11 applications would be "
            "recorded, not the whole desktop; log in to an X11 session (e.g. 'GNOME on Xorg') "
            "to record"
        )
    if kind == "wayland":
        raise EnvironmentProblem(
            "this is a Wayland session without X11: cuarec cannot see input or the screen "
            "here yet; log in to an X11 session to record"
        )
    if kind == "none":
        raise EnvironmentProblem(
            "no display: DISPLAY is not set; run cuarec inside an X11 desktop session "
            "(or under Xvfb for scripted recordings)"
        )
