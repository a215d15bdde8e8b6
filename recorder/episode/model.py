"""Value objects of an episode: steps as they are written, and the episode's metadata."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from redaction.models import InputEvent, Redaction

#: Private token: only :func:`certify_redacted` can build a :class:`RedactedStep`, so a raw
#: step cannot be handed to the writer by a slip of the keyboard.
_REDACTED_SEAL = object()


@dataclass(frozen=True, slots=True)
class WindowInfo:
    """The focused window during a step (already redacted)."""

    app: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class EncodedImage:
    """A redacted screenshot, encoded losslessly (WebP or PNG)."""

    data: bytes
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Step:
    """One step: an action and what came with it. The one declaration of the fields every
    stage shares: the raw step from capture (:class:`recorder.capture.steps.RawStep`), the
    draft redaction reads (:class:`recorder.pipeline.StepDraft`) and the redacted step written
    (:class:`RedactedStep`); each adds its observation and window in its own form.

    Coordinates are in the stored screenshot's pixels; ``text`` is the typed text (type steps
    only), ``events`` the input events (session-relative ``t``). Before redaction these and
    ``keys`` hold raw values: they are left out of ``repr``.
    """

    step_index: int
    timestamp_s: float
    action_type: str
    x: int | None = None
    y: int | None = None
    end_x: int | None = None
    end_y: int | None = None
    button: str | None = None
    scroll_dx: int | None = None
    scroll_dy: int | None = None
    text: str | None = field(default=None, repr=False)
    keys: tuple[str, ...] = field(default=(), repr=False)
    modifiers: tuple[str, ...] = ()
    duration_s: float | None = None
    events: tuple[InputEvent, ...] = field(default=(), repr=False)
    flags: tuple[str, ...] = ()


def step_fields(step: Step) -> dict[str, Any]:
    """The shared fields of ``step`` by name, to build the next stage's step from it."""
    return {f.name: getattr(step, f.name) for f in fields(Step)}


@dataclass(frozen=True, slots=True)
class RedactedStep(Step):
    """One step of an episode after redaction: an action and the observation before it.

    Build it with :func:`certify_redacted`, which the redaction pipeline calls once every
    field has been through the redactors; the writer refuses anything else.
    """

    screenshot: EncodedImage | None = None
    window: WindowInfo | None = None
    redactions: tuple[Redaction, ...] = ()
    _seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _REDACTED_SEAL:
            raise TypeError(
                "RedactedStep must be built by certify_redacted() after redaction, not directly"
            )


def certify_redacted(**fields: Any) -> RedactedStep:
    """Build a :class:`RedactedStep` from fields that have already been redacted.

    Call it only with the redactors' output (or with data that is synthetic by construction,
    as the test factory does). This is the one door into the writer.
    """
    return RedactedStep(**fields, _seal=_REDACTED_SEAL)


@dataclass(frozen=True, slots=True)
class MonitorInfo:
    """One monitor's geometry in input coordinates and its scale factors.

    ``scale``: stored screenshot pixels per input unit (2 on a Retina display, 1 on X11 and on
    a per-monitor-DPI-aware Windows). ``desktop_scale``: the factor the desktop renders at, as
    the platform reports it (1.5 for Windows' "150 %"; None when unknown, e.g. older files).
    """

    x: int
    y: int
    width: int
    height: int
    scale: float = 1.0
    desktop_scale: float | None = None


@dataclass(frozen=True, slots=True)
class EpisodeMetadata:
    """The ``cuarec`` file metadata. Only these fields are written: an allow-list.

    Never a host name, user name, MAC or e-mail: ``volunteer_id`` is pseudonymous, ``task``
    has been through the text redactor, ``policy`` is the policy's own allow-listed form.
    """

    episode_id: str
    task: str
    started_at: str
    ended_at: str | None = None
    duration_s: float | None = None
    os: str | None = None
    session_type: str | None = None
    monitors: tuple[MonitorInfo, ...] = ()
    monitor_index: int | None = None
    scale_factor: float = 1.0
    policy: Mapping[str, Any] = field(default_factory=dict)
    versions: Mapping[str, str] = field(default_factory=dict)
    redaction_counts: Mapping[str, int] = field(default_factory=dict)
    dropped: Mapping[str, int] = field(default_factory=dict)
    volunteer_id: str | None = None
    consent: bool = False
    recovered: bool = False
    step_count: int = 0
    frame_count: int = 0
    #: Steps the recorder captured (None: unknown). Above ``step_count`` when steps were
    #: discarded unredacted at a second interrupt or lost with a killed recorder (``dropped``
    #: says which).
    steps_captured: int | None = None
