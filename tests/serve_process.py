"""`ficlens serve` as a child process for the tests: its stderr read line by line with a
deadline (a loaded machine can take many seconds to start it), stopped by a signal within a
bounded time, and always killed at the end with every process it started."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from types import TracebackType

import psutil

START_SECONDS = 180.0  # generous: imports alone took 17 s at load 14 on two cores


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ServeProcess:
    """``with ServeProcess([db, "--port", "0"]) as serve: serve.line()``.

    ``background=True`` starts it the way a shell starts ``ficlens serve &`` without job
    control: with SIGINT ignored."""

    def __init__(self, args: list[str], background: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ficlens", "serve", *args], stderr=subprocess.PIPE,
            text=True, env=os.environ.copy(), start_new_session=True,
            preexec_fn=_ignore_sigint if background else None,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line)
        self._lines.put(None)

    def line(self, seconds: float = START_SECONDS) -> str:
        """The next line on stderr; fails after ``seconds`` or when the server ends."""
        try:
            line = self._lines.get(timeout=seconds)
        except queue.Empty:
            raise AssertionError(f"ficlens serve printed nothing in {seconds:g} s") from None
        if line is None:
            raise AssertionError(f"ficlens serve ended (exit {self.process.poll()})")
        return line

    def rest(self) -> str:
        """Everything it printed after the lines read, once it has ended."""
        lines = []
        while (line := self._lines.get(timeout=10)) is not None:
            lines.append(line)
        return "".join(lines)

    def stop(self, sig: signal.Signals, seconds: float) -> float:
        """Send ``sig``; the seconds it took to end, or a failure after ``seconds``."""
        sent = time.monotonic()
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"ficlens serve still running {seconds:g} s after "
                                 f"{sig.name}") from None
        return time.monotonic() - sent

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.Error:
            children = []
        for process in [*children, self.process]:
            with contextlib.suppress(psutil.Error, ProcessLookupError):
                process.kill()
        # workers the server left behind keep its process group (it has a session of its own)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        psutil.wait_procs(children, timeout=30)
