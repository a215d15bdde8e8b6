"""Every Windows call the capture backend makes, and nothing else (UNVERIFIED on real hardware).

The backend (:mod:`recorder.capture.windows`) is plain Python over these functions; tests
replace this module with a fake returning the documented values. ctypes' ``windll`` and
comtypes (installed only on Windows, by an environment marker) are used inside the
functions, so this module imports on any platform. From Microsoft's documentation
(learn.microsoft.com), not yet run on a Windows PC:

* ``SetProcessDpiAwarenessContext(DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2)`` before any
  window call: coordinates (hooks, ``GetMonitorInfoW``) are then physical pixels, as mss grabs.
  ``GetDpiForMonitor(MDT_EFFECTIVE_DPI)`` / 96 is a monitor's scale. (mss, when first
  created, asks for per-monitor awareness V1 itself; ours, V2, comes first and stays.)
* ``GetForegroundWindow``, ``GetWindowTextW``, ``GetWindowThreadProcessId``;
  ``OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION)`` + ``QueryFullProcessImageNameW``.
* ``OpenProcessToken(TOKEN_QUERY)`` + ``GetTokenInformation(TokenElevation)``: the foreground
  process runs elevated. User Interface Privilege Isolation hides its input from our hooks.
  A token a normal process may not even open is taken as elevated too (fail closed).
* UI Automation: ``IUIAutomation::GetFocusedElement`` and ``UIA_IsPasswordPropertyId``
  (``CurrentIsPassword``): browsers draw their own password fields, so ``ES_PASSWORD`` on a
  window is not enough.
* Input through pynput's low-level hooks; its ``win32_event_filter`` sees the
  ``KBDLLHOOKSTRUCT`` first, which is where the fake Ctrl press of AltGr (scan code 0x21D) is
  dropped.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

from recorder.capture.backend import MssGrabber

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
TOKEN_QUERY = 0x0008
TOKEN_ELEVATION = 20
ERROR_ACCESS_DENIED = 5
DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2 = -4
MDT_EFFECTIVE_DPI = 0
MONITORINFOF_PRIMARY = 1
UIA_IS_PASSWORD_PROPERTY_ID = 30019

#: What the listener reports (the backend names them; see keys.windows_key).
KEY_DOWN, KEY_UP, MOUSE_MOVE, MOUSE_BUTTON, MOUSE_WHEEL = "down", "up", "move", "button", "wheel"


class KeyReport(NamedTuple):
    """One key as pynput's Windows listener gives it: the VK, the character the layout made
    (ToUnicodeEx with the modifiers held), a dead key, or the name of a special key."""

    vk: int | None
    char: str | None = None
    is_dead: bool = False
    special: str | None = None


class MonitorEntry(NamedTuple):
    """``GetMonitorInfoW`` (rcMonitor, physical pixels when per-monitor aware) and DPI."""

    x: int
    y: int
    width: int
    height: int
    dpi: int
    primary: bool
    device: str


_dlls: dict[str, Any] = {}


def _dll(name: str) -> Any:
    """A DLL with the prototypes of the functions used here: handles are pointer-sized, and
    ctypes' default (C int) would truncate them on 64-bit Windows."""
    if name in _dlls:
        return _dlls[name]
    import ctypes
    from ctypes import wintypes

    dll = ctypes.WinDLL(name, use_last_error=True)  # type: ignore[attr-defined]
    handle, dword, pdword = wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.DWORD)
    prototypes: dict[str, tuple[Any, list[Any]]] = {
        "GetForegroundWindow": (wintypes.HWND, []),
        "GetWindowTextLengthW": (ctypes.c_int, [wintypes.HWND]),
        "GetWindowTextW": (ctypes.c_int, [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]),
        "GetWindowThreadProcessId": (dword, [wintypes.HWND, pdword]),
        "GetMonitorInfoW": (wintypes.BOOL, [wintypes.HMONITOR, ctypes.c_void_p]),
        "GetDpiForMonitor": (ctypes.c_long, [wintypes.HMONITOR, ctypes.c_int,
                                             ctypes.POINTER(wintypes.UINT),
                                             ctypes.POINTER(wintypes.UINT)]),
        "OpenProcess": (handle, [dword, wintypes.BOOL, dword]),
        "CloseHandle": (wintypes.BOOL, [handle]),
        "QueryFullProcessImageNameW": (wintypes.BOOL, [handle, dword, wintypes.LPWSTR,
                                                       pdword]),
        "OpenProcessToken": (wintypes.BOOL, [handle, dword, ctypes.POINTER(handle)]),
        "GetTokenInformation": (wintypes.BOOL, [handle, ctypes.c_int, ctypes.c_void_p, dword,
                                                pdword]),
    }
    for function, (restype, argtypes) in prototypes.items():
        target = getattr(dll, function, None)  # only those this DLL exports
        if target is not None:
            target.restype, target.argtypes = restype, argtypes
    _dlls[name] = dll
    return dll


def _user32() -> Any:
    return _dll("user32")


def _kernel32() -> Any:
    return _dll("kernel32")


# -- DPI and monitors ----------------------------------------------------------------------

def set_per_monitor_dpi_awareness() -> bool:
    """Make this process per-monitor DPI aware (V2); True when it is (already or now)."""
    import ctypes

    user32 = _user32()
    user32.SetProcessDpiAwarenessContext.argtypes = [ctypes.c_void_p]
    if user32.SetProcessDpiAwarenessContext(ctypes.c_void_p(
            DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2)):
        return True
    # Already set (ERROR_ACCESS_DENIED): ask what it is.
    user32.GetThreadDpiAwarenessContext.restype = ctypes.c_void_p
    user32.GetAwarenessFromDpiAwarenessContext.argtypes = [ctypes.c_void_p]
    awareness = user32.GetAwarenessFromDpiAwarenessContext(
        user32.GetThreadDpiAwarenessContext())
    return int(awareness) == 2  # DPI_AWARENESS_PER_MONITOR_AWARE


def monitors() -> list[MonitorEntry]:
    import ctypes
    from ctypes import wintypes

    user32 = _user32()
    shcore = _dll("shcore")

    class MONITORINFOEXW(ctypes.Structure):
        _fields_ = (("cbSize", wintypes.DWORD), ("rcMonitor", wintypes.RECT),
                    ("rcWork", wintypes.RECT), ("dwFlags", wintypes.DWORD),
                    ("szDevice", wintypes.WCHAR * 32))

    found: list[MonitorEntry] = []
    callback_type = ctypes.WINFUNCTYPE(  # type: ignore[attr-defined]
        wintypes.BOOL, wintypes.HMONITOR, wintypes.HDC, ctypes.POINTER(wintypes.RECT),
        wintypes.LPARAM)

    def visit(handle: Any, hdc: Any, rect: Any, data: Any) -> bool:
        info = MONITORINFOEXW()
        info.cbSize = ctypes.sizeof(MONITORINFOEXW)
        user32.GetMonitorInfoW(handle, ctypes.byref(info))
        dpi_x, dpi_y = wintypes.UINT(), wintypes.UINT()
        if shcore.GetDpiForMonitor(handle, MDT_EFFECTIVE_DPI, ctypes.byref(dpi_x),
                                   ctypes.byref(dpi_y)) != 0:
            dpi_x.value = 96
        r = info.rcMonitor
        found.append(MonitorEntry(r.left, r.top, r.right - r.left, r.bottom - r.top,
                                  int(dpi_x.value), bool(info.dwFlags & MONITORINFOF_PRIMARY),
                                  str(info.szDevice)))
        return True

    user32.EnumDisplayMonitors(None, None, callback_type(visit), 0)
    return found


# -- the foreground window -----------------------------------------------------------------

def foreground_window() -> int:
    return int(_user32().GetForegroundWindow() or 0)


def window_title(hwnd: int) -> str:
    import ctypes

    user32 = _user32()
    length = int(user32.GetWindowTextLengthW(hwnd))
    buffer = ctypes.create_unicode_buffer(length + 1)
    user32.GetWindowTextW(hwnd, buffer, length + 1)
    return buffer.value


def window_process(hwnd: int) -> int:
    import ctypes
    from ctypes import wintypes

    pid = wintypes.DWORD()
    _user32().GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
    return int(pid.value)


def process_image(pid: int) -> str | None:
    """The process's executable path, or None when it cannot be opened."""
    import ctypes
    from ctypes import wintypes

    kernel32 = _kernel32()
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return None
    try:
        size = wintypes.DWORD(1024)
        buffer = ctypes.create_unicode_buffer(size.value)
        if not kernel32.QueryFullProcessImageNameW(handle, 0, buffer, ctypes.byref(size)):
            return None
        return buffer.value
    finally:
        kernel32.CloseHandle(handle)


def process_elevated(pid: int) -> bool:
    """True when the process's token says TokenIsElevated, or cannot even be opened."""
    import ctypes
    from ctypes import wintypes

    kernel32 = _kernel32()
    advapi32 = _dll("advapi32")
    process = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not process:
        return bool(ctypes.get_last_error() == ERROR_ACCESS_DENIED)  # type: ignore[attr-defined]
    token = wintypes.HANDLE()
    try:
        if not advapi32.OpenProcessToken(process, TOKEN_QUERY, ctypes.byref(token)):
            return bool(ctypes.get_last_error() == ERROR_ACCESS_DENIED)  # type: ignore[attr-defined]
        elevation = wintypes.DWORD()
        returned = wintypes.DWORD()
        ok = advapi32.GetTokenInformation(token, TOKEN_ELEVATION, ctypes.byref(elevation),
                                          ctypes.sizeof(elevation), ctypes.byref(returned))
        return bool(ok) and bool(elevation.value)
    finally:
        if token:
            kernel32.CloseHandle(token)
        kernel32.CloseHandle(process)


def current_process_elevated() -> bool:
    import os

    return process_elevated(os.getpid())


_uia = threading.local()


def focused_is_password() -> bool | None:
    """UI Automation: is the focused element a password field? None when UIA fails."""
    try:
        automation = getattr(_uia, "automation", None)
        if automation is None:
            import comtypes
            import comtypes.client

            comtypes.CoInitialize()  # once per calling thread (the grab thread)
            module = comtypes.client.GetModule("UIAutomationCore.dll")
            automation = comtypes.client.CreateObject(module.CUIAutomation,
                                                      interface=module.IUIAutomation)
            _uia.automation = automation
        element = automation.GetFocusedElement()
        return bool(element.GetCurrentPropertyValue(UIA_IS_PASSWORD_PROPERTY_ID))
    except Exception:
        return None


# -- frames --------------------------------------------------------------------------------

def grabber(left: int, top: int, width: int, height: int) -> MssGrabber:
    """mss grabs of one region (physical pixels: the process is per-monitor DPI aware)."""
    return MssGrabber(left, top, width, height)


# -- input ---------------------------------------------------------------------------------

class Hooks:
    """pynput's keyboard and mouse listeners (low-level hooks); callbacks only enqueue."""

    def __init__(self, deliver: Callable[[tuple[Any, ...]], None],
                 drop_key: Callable[[int, int], bool]) -> None:
        from pynput import keyboard, mouse

        key_class = keyboard.Key

        def report(key: Any) -> KeyReport:
            if key is None:
                return KeyReport(None)
            if isinstance(key, key_class):
                return KeyReport(getattr(key.value, "vk", None), special=str(key.name))
            return KeyReport(getattr(key, "vk", None), getattr(key, "char", None),
                             bool(getattr(key, "is_dead", False)))

        def key_filter(msg: int, data: Any) -> bool:
            return not drop_key(int(data.vkCode), int(data.scanCode))

        self._listeners = [
            keyboard.Listener(on_press=lambda key, *_: deliver((KEY_DOWN, report(key))),
                              on_release=lambda key, *_: deliver((KEY_UP, report(key))),
                              win32_event_filter=key_filter),
            mouse.Listener(
                on_move=lambda x, y, *_: deliver((MOUSE_MOVE, x, y)),
                on_click=lambda x, y, b, p, *_: deliver((MOUSE_BUTTON, x, y, b.name, p)),
                on_scroll=lambda x, y, dx, dy, *_: deliver((MOUSE_WHEEL, x, y, dx, dy))),
        ]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()

    def stop(self, timeout_s: float = 2.0) -> None:
        for listener in self._listeners:
            with contextlib.suppress(Exception):
                listener.stop()
        for listener in self._listeners:
            listener.join(timeout_s)

    def alive(self) -> bool:
        return any(listener.is_alive() for listener in self._listeners)


def start_hooks(deliver: Callable[[tuple[Any, ...]], None],
                drop_key: Callable[[int, int], bool]) -> Hooks:
    return Hooks(deliver, drop_key)
