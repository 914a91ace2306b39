"""Running one job per file over many files: parallel, isolated, bounded in time and memory.

Each file is handled in its own forked worker process, so a hostile PDF that hangs inside
pdfium, exhausts memory or crashes the interpreter costs only that file: the parent kills it
after `timeout` seconds, the worker's address space is capped at `memory_mb`, and whatever
happened comes back as one line of reason. Results arrive in completion order; callers sort.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, cast

from pipeline.errors import ThaiKPIError


@dataclass(frozen=True)
class Outcome:
    """What one file's job produced: a value, or the one-line reason it failed."""

    path: Path
    value: Any = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def _child(fn: Callable[[Path], Any], path: Path, conn: Connection, memory_mb: int | None) -> None:
    # Ctrl-C reaches the whole process group: the parent decides, and kills what it drops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    try:
        conn.send(("ok", fn(path)))
    except ThaiKPIError as exc:
        conn.send(("error", exc.reason))
    except MemoryError:
        conn.send(("error", f"out of memory (over the {memory_mb} MB per-file limit)"))
    except Exception as exc:  # noqa: BLE001 - a bug must not kill the batch; say what it was
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        conn.send(("error", f"internal error: {type(exc).__name__}: {exc}{where}"))
    finally:
        conn.close()


def run_batch(
    fn: Callable[[Path], Any],
    paths: Iterable[Path],
    jobs: int = 1,
    timeout: float | None = 300.0,
    memory_mb: int | None = 4096,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[Outcome]:
    """Apply `fn` to every path in worker processes, at most `jobs` at once; outcomes come in
    completion order. `on_start` is told of each path as its worker starts. When the caller stops
    early (an interrupt, a closed generator) the running workers are killed, never left behind."""
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    pending = list(paths)
    running: dict[Connection, tuple[Path, Any, float]] = {}
    exiting: list[Any] = []  # workers that sent their result and are shutting down
    jobs = max(1, jobs)
    try:
        yield from _drive(ctx, fn, pending, running, exiting, jobs, timeout, memory_mb, on_start)
    finally:
        for conn, (_path, proc, _t0) in list(running.items()):
            proc.kill()
            proc.join(5)
            conn.close()
        for proc in exiting:
            proc.join(5)


def _drive(
    ctx: Any,
    fn: Callable[[Path], Any],
    pending: list[Path],
    running: dict[Connection, tuple[Path, Any, float]],
    exiting: list[Any],
    jobs: int,
    timeout: float | None,
    memory_mb: int | None,
    on_start: Callable[[Path], None] | None,
) -> Iterator[Outcome]:
    while pending or running:
        # reap without waiting: a worker's teardown must not hold the next file back
        exiting[:] = [p for p in exiting if p.exitcode is None]
        while pending and len(running) < jobs:
            path = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(fn, path, child, memory_mb), daemon=True)
            proc.start()
            child.close()
            running[parent] = (path, proc, time.monotonic())
            if on_start is not None:
                on_start(path)
        now = time.monotonic()
        wait_for = 0.5
        if timeout:
            wait_for = max(0.01, min(wait_for, min(t0 + timeout - now for _, _, t0 in running.values())))
        ready = wait(list(running), timeout=wait_for)
        for ready_conn in ready:
            conn = cast(Connection, ready_conn)
            path, proc, t0 = running.pop(conn)
            try:
                kind, payload = conn.recv()
            except (EOFError, OSError):
                proc.join(1)
                code = proc.exitcode
                reason = "worker ran out of memory or crashed" if code and code < 0 else f"worker exited ({code})"
                yield Outcome(path, error=reason, seconds=time.monotonic() - t0)
                continue
            finally:
                conn.close()
            exiting.append(proc)
            secs = time.monotonic() - t0
            yield Outcome(path, value=payload, seconds=secs) if kind == "ok" else Outcome(path, error=str(payload), seconds=secs)
        if timeout:
            now = time.monotonic()
            for conn, (path, proc, t0) in list(running.items()):
                if now - t0 > timeout:
                    proc.kill()
                    proc.join(5)
                    conn.close()
                    del running[conn]
                    yield Outcome(path, error=f"timed out after {timeout:g} s (--timeout)", seconds=now - t0)
