"""The memory of the process that asks: resident now and at its peak, read from the operating
system's own counters for this process (not `ru_maxrss`, which on Linux keeps the peak of the
process that forked it across fork and exec)."""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class OwnMemory:
    resident_kib: int  # VmRSS on Linux, the working set on Windows
    peak_kib: int  # VmHWM on Linux, the peak working set on Windows

    def line(self) -> str:
        """What a measured program prints for the benchmark to read (`parse_line`)."""
        return f"memory {self.resident_kib} {self.peak_kib}"


def parse_line(output: str) -> OwnMemory:
    for line in output.splitlines():
        if line.startswith("memory "):
            _, resident, peak = line.split()[:3]
            return OwnMemory(int(resident), int(peak))
    raise RuntimeError(f"no memory line in {output!r}")


def own_memory() -> OwnMemory:
    if sys.platform == "win32":
        return _windows()
    return _linux()


def _linux() -> OwnMemory:
    fields: dict[str, int] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(rest.split()[0])  # kB
    return OwnMemory(fields["VmRSS"], fields["VmHWM"])


def _windows() -> OwnMemory:
    if sys.platform != "win32":  # also tells the type checker: ctypes.WinDLL is Windows'
        raise OSError("Windows only")
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    kernel32 = ctypes.WinDLL("kernel32")
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    psapi = ctypes.WinDLL("psapi")
    psapi.GetProcessMemoryInfo.argtypes = [
        wintypes.HANDLE,
        ctypes.POINTER(Counters),
        wintypes.DWORD,
    ]
    psapi.GetProcessMemoryInfo.restype = wintypes.BOOL
    if not psapi.GetProcessMemoryInfo(
        kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb
    ):
        raise OSError("GetProcessMemoryInfo failed")
    return OwnMemory(counters.WorkingSetSize // 1024, counters.PeakWorkingSetSize // 1024)
