"""Running one job per file over many files: parallel, isolated, bounded in time and memory.

At most `jobs` forked worker processes each read many files, one at a time: the parent sends a
path down the worker's pipe and the worker answers ("ok", value) or ("error", reason), then
waits for the next. A worker keeps what it learnt while reading (the per-font caches of
`parsers.pdf`), and the batch pays one fork per worker instead of one per file. Isolation stays:
a hostile PDF that hangs inside pdfium, exhausts memory or crashes the interpreter costs only
that file. The parent kills a worker still on one file after `timeout` seconds, a worker's
address space is capped at `memory_mb`, and whatever happened comes back as one line of reason;
a worker killed, crashed, out of memory or hit by an internal error is replaced by a fresh one
for the files left, and every worker is replaced after `FILES_PER_WORKER` files so that memory
stays flat over thousands of them. Results arrive in completion order; callers sort.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, cast

from pipeline.errors import ThaiKPIError

#: files one worker reads before a fresh one takes over (memory stays flat on long batches)
FILES_PER_WORKER = 50


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


def _worker(fn: Callable[[Path], Any], conn: Connection, memory_mb: int | None, inherited: list[Connection]) -> None:
    # Ctrl-C reaches the whole process group: the parent decides, and kills what it drops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # the parent's ends of the pipes, copied by the fork: with them closed, a parent that dies
    # leaves every worker an end of file to stop at, not a pipe that never speaks again
    for other in inherited:
        other.close()
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    try:
        while True:
            path = conn.recv()
            if path is None or not _one(fn, path, conn, memory_mb):
                return
    except (EOFError, OSError):
        return  # the parent is gone
    finally:
        conn.close()


def _one(fn: Callable[[Path], Any], path: Path, conn: Connection, memory_mb: int | None) -> bool:
    """Read one file and answer; False when this worker should not read another (its memory or
    state may be damaged: the parent replaces it). A reply that cannot be sent because the
    parent is gone raises OSError."""
    try:
        conn.send(("ok", fn(path), True))
        return True
    except ThaiKPIError as exc:
        conn.send(("error", exc.reason, True))
        return True
    except MemoryError:
        conn.send(("error", f"out of memory (over the {memory_mb} MB per-file limit)", False))
    except Exception as exc:  # noqa: BLE001 - a bug must not kill the batch; say what it was
        conn.send(("error", _internal(exc), False))
    return False


def _internal(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
    return f"internal error: {type(exc).__name__}: {exc}{where}"


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    path: Path | None = None  # the file it is reading; None while it waits for one
    t0: float = 0.0
    files: int = 0  # files handed to it so far


class _Pool:
    """The live workers of one batch, and those told to stop that have not exited yet."""

    def __init__(self, fn: Callable[[Path], Any], jobs: int, memory_mb: int | None) -> None:
        self.ctx: Any = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
        self.fn, self.jobs, self.memory_mb = fn, jobs, memory_mb
        self.workers: list[_Worker] = []
        self.exiting: list[Any] = []

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.path is not None]

    def spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        inherited = [w.conn for w in self.workers] + [parent]
        proc = self.ctx.Process(target=_worker, args=(self.fn, child, self.memory_mb, inherited), daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self.workers.append(worker)
        return worker

    def hand_out(self, pending: deque[Path], on_start: Callable[[Path], None] | None) -> list[Outcome]:
        """Give waiting files to free workers, starting workers up to `jobs`; the outcomes of
        files whose fresh worker died before it could take them."""
        failed: list[Outcome] = []
        # the workers are all started before any is given a file, so that files given out
        # together start together
        while len(self.workers) < min(self.jobs, len(self.busy()) + len(pending)):
            self.spawn()
        while pending and len(self.busy()) < self.jobs:
            worker = next((w for w in self.workers if w.path is None), None) or self.spawn()
            fresh = worker.files == 0
            path = pending[0]
            try:
                worker.conn.send(path)
            except OSError:
                self.kill(worker)
                if not fresh:
                    continue  # it died between files: the file goes to a fresh worker
                pending.popleft()
                if on_start is not None:
                    on_start(path)
                failed.append(Outcome(path, error=_crash_reason(worker.proc)))
                continue
            pending.popleft()
            worker.path, worker.t0 = path, time.monotonic()
            worker.files += 1
            if on_start is not None:
                on_start(path)
        return failed

    def collect(self, worker: _Worker) -> Outcome:
        """The answer of a worker whose pipe is ready; the worker is replaced if it crashed,
        asked for it, or has read its share of files."""
        path, t0 = cast(Path, worker.path), worker.t0
        worker.path = None
        try:
            kind, payload, healthy = worker.conn.recv()
        except (EOFError, OSError):
            self.kill(worker, join=1)
            return Outcome(path, error=_crash_reason(worker.proc), seconds=time.monotonic() - t0)
        secs = time.monotonic() - t0
        if not healthy or worker.files >= FILES_PER_WORKER:
            self.retire(worker)
        return Outcome(path, value=payload, seconds=secs) if kind == "ok" else Outcome(path, error=str(payload), seconds=secs)

    def retire(self, worker: _Worker) -> None:
        """Tell a waiting worker to exit; it is reaped later, so its teardown holds nothing back."""
        try:
            worker.conn.send(None)
        except OSError:
            pass
        worker.conn.close()
        self.workers.remove(worker)
        self.exiting.append(worker.proc)

    def kill(self, worker: _Worker, join: float = 5) -> None:
        if worker.proc.exitcode is None:
            worker.proc.kill()
        worker.proc.join(join)
        worker.conn.close()
        self.workers.remove(worker)

    def reap(self) -> None:
        self.exiting[:] = [p for p in self.exiting if p.exitcode is None]

    def shutdown(self) -> None:
        """The batch is done: every waiting worker exits."""
        for worker in list(self.workers):
            self.retire(worker)
        self.close()

    def close(self) -> None:
        """Nothing left behind: running workers are killed, exiting ones awaited (killed if slow)."""
        for worker in list(self.workers):
            self.kill(worker)
        for proc in self.exiting:
            proc.join(5)
            if proc.exitcode is None:
                proc.kill()
                proc.join(5)
        self.exiting.clear()


def _crash_reason(proc: Any) -> str:
    code = proc.exitcode
    return "worker ran out of memory or crashed" if code and code < 0 else f"worker exited ({code})"


def run_batch(
    fn: Callable[[Path], Any],
    paths: Iterable[Path],
    jobs: int = 1,
    timeout: float | None = 300.0,
    memory_mb: int | None = 4096,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[Outcome]:
    """Apply `fn` to every path in worker processes, at most `jobs` at once; outcomes come in
    completion order. `on_start` is told of each path as it is handed to a worker. When the
    caller stops early (an interrupt, a closed generator) the workers are killed, never left
    behind."""
    pool = _Pool(fn, max(1, jobs), memory_mb)
    try:
        yield from _drive(pool, deque(paths), timeout, on_start)
        pool.shutdown()
    finally:
        pool.close()


def _drive(
    pool: _Pool,
    pending: deque[Path],
    timeout: float | None,
    on_start: Callable[[Path], None] | None,
) -> Iterator[Outcome]:
    while True:
        # reap without waiting: a worker's teardown must not hold the next file back
        pool.reap()
        yield from pool.hand_out(pending, on_start)
        busy = pool.busy()
        if not busy:
            if pending:
                continue
            return
        wait_for = 0.5
        if timeout:
            now = time.monotonic()
            wait_for = max(0.01, min(wait_for, min(w.t0 + timeout - now for w in busy)))
        ready = wait([w.conn for w in busy], timeout=wait_for)
        # answers that came in together: the file given out first goes first
        for worker in sorted((w for w in busy if w.conn in ready), key=lambda w: w.t0):
            outcome = pool.collect(worker)
            # the next file goes out before the caller sees this one: the worker reads while
            # the caller writes
            failed = pool.hand_out(pending, on_start)
            yield outcome
            yield from failed
        if timeout:
            now = time.monotonic()
            for worker in pool.busy():
                if now - worker.t0 > timeout:
                    path = cast(Path, worker.path)
                    pool.kill(worker)
                    yield Outcome(path, error=f"timed out after {timeout:g} s (--timeout)", seconds=now - worker.t0)
