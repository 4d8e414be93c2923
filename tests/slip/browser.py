"""A real headless Chromium driven over the DevTools protocol on a pipe (stdlib only)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (apt: chromium); .ci/run installs it")


def _high(fd: int) -> int:
    """The same pipe end at a descriptor of 10 or above."""
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Browser:
    """One page in a fresh profile; `call` sends a DevTools command and waits for its answer.
    Chromium reads commands from fd 3 and writes answers to fd 4, each ending with a NUL."""

    def __init__(self, url: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="aw-chromium-")
        to_browser_r, self._to_browser = (_high(fd) for fd in os.pipe())
        self._from_browser, from_browser_w = (_high(fd) for fd in os.pipe())
        # The child must see the two pipe ends as fds 3 and 4: a small Python moves them there
        # and becomes chromium (the ends sit at 10 and above, so the two moves never collide).
        command = (
            "import os, sys; "
            f"os.dup2({to_browser_r}, 3); os.dup2({from_browser_w}, 4); "
            "os.execvp(sys.argv[1], sys.argv[1:])"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", command, chromium_path(), *FLAGS]
            + [f"--user-data-dir={self.profile}", url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_browser_r, from_browser_w),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.session = ""
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)
        self.session = attached["sessionId"]

    def _read_message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        request: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            request["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(request).encode("utf-8") + b"\0")
        while True:
            answer = self._read_message()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expression}")

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


def open_page(path: Path) -> Browser:
    browser = Browser(path.resolve().as_uri())
    browser.wait_for("document.readyState === 'complete' && !!document.getElementById('payload')")
    return browser


def paste_and_read(browser: Browser, text: str) -> tuple[str, str, str]:
    """Clear the box, paste `text` as a user's paste would insert it, wait for the verdict:
    (verdict, reason, facts as text)."""
    browser.evaluate(
        "(() => { const t = document.getElementById('payload'); t.value = ''; "
        "t.dispatchEvent(new Event('input')); t.focus(); return true; })()"
    )
    browser.call("Input.insertText", text=text)
    browser.wait_for("['ASLI', 'DITOLAK'].includes(document.getElementById('verdict').textContent)")
    time.sleep(0.1)  # a later keystroke's verdict replaces an earlier one; let it settle
    verdict = browser.evaluate("document.getElementById('verdict').textContent")
    reason = browser.evaluate("document.getElementById('reason').textContent")
    facts = browser.evaluate("document.getElementById('facts').innerText")
    return verdict, reason, facts
