"""Running one job per file over many files: parallel, isolated, bounded in time and memory.

At most `jobs` forked worker processes each read many files, one at a time: the parent sends a
path down the worker's pipe, the worker answers with the value or the reason it failed, then
waits for the next. A worker keeps what it learnt while reading (the per-font caches of
`parsers.pdf`), and the batch pays one fork per worker instead of one per file.

Isolation stays that of a process per file. A hostile PDF that hangs inside pdfium, exhausts
memory or crashes the interpreter costs only that file: the parent kills a worker still on one
file after `timeout` seconds (a file's seconds, however many tries), a worker's address space is
capped at `memory_mb`, and whatever happened comes back as one line of reason. A worker that
timed out, crashed, ran out of memory or hit an internal error is not used again: a fresh one
takes the files left. A file that crashes or runs out of memory in a worker that had read other
files first is read once more, alone in a fresh worker, and fails only if it fails there too:
what broke may be what the earlier files left behind. Every worker is replaced after
`FILES_PER_WORKER` files, so that memory stays flat over thousands of them.

Results arrive in completion order; `in_input_order` gives them back in the order the files
were given, for callers whose output must not depend on which worker finished first.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from parsers.errors import internal_error
from parsers.messages import Message
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


# --- the worker ---------------------------------------------------------------------------------
# Its answers: ("ok", value); ("error", reason), the file's own failure (a ThaiKPIError), after
# which it reads on; ("memory", reason) and ("internal", reason), after which it stops.


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
    """Read one file and answer; False when this worker must not read another (its memory or
    state may be damaged). An answer that cannot be sent, the parent gone, raises OSError."""
    try:
        conn.send(("ok", fn(path)))
        return True
    except ThaiKPIError as exc:
        conn.send(("error", exc.reason))
        return True
    except MemoryError:
        conn.send(("memory", Message("batch.out_of_memory", limit=memory_mb)))
    except Exception as exc:  # noqa: BLE001 - a bug must not kill the batch; say what it was
        conn.send(("internal", internal_error(exc)))
    return False


# --- the parent ---------------------------------------------------------------------------------


@dataclass
class _Job:
    path: Path
    t0: float | None = None  # when it was first handed out: a second try keeps the file's clock
    retried: bool = False


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    job: _Job | None = None  # the file it is reading; None while it waits for one
    files: int = 0  # files handed to it so far


class _Pool:
    """The files not handed out yet, the live workers, and those told to stop that have not
    exited yet."""

    def __init__(self, fn: Callable[[Path], Any], paths: Iterable[Path], jobs: int, memory_mb: int | None) -> None:
        self.ctx: Any = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
        self.fn, self.jobs, self.memory_mb = fn, jobs, memory_mb
        self.pending = deque(_Job(p) for p in paths)
        self.workers: list[_Worker] = []
        self.exiting: list[Any] = []

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.job is not None]

    def spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        inherited = [w.conn for w in self.workers] + [parent]
        proc = self.ctx.Process(target=_worker, args=(self.fn, child, self.memory_mb, inherited), daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self.workers.append(worker)
        return worker

    def hand_out(self, on_start: Callable[[Path], None] | None) -> list[Outcome]:
        """Give waiting files to free workers, starting workers up to `jobs`; the outcomes of
        files whose fresh worker died before it could take them."""
        failed: list[Outcome] = []
        # the workers are all started before any is given a file, so that files given out
        # together start together
        while len(self.workers) < min(self.jobs, len(self.busy()) + len(self.pending)):
            self.spawn()
        while self.pending and len(self.busy()) < self.jobs:
            job = self.pending[0]
            worker = next((w for w in self.workers if w.job is None), None)
            if worker is not None and job.retried and worker.files:
                self.retire(worker)  # a second try is alone in a fresh worker
                worker = None
            worker = worker or self.spawn()
            fresh = worker.files == 0
            try:
                worker.conn.send(job.path)
            except OSError:
                self.kill(worker)
                if not fresh:
                    continue  # it died between files: the file goes to a fresh worker
                self.pending.popleft()
                self._started(job, on_start)
                failed.append(self._outcome(job, error=_crash_reason(worker.proc)))
                continue
            self.pending.popleft()
            self._started(job, on_start)
            worker.job = job
            worker.files += 1
        return failed

    @staticmethod
    def _started(job: _Job, on_start: Callable[[Path], None] | None) -> None:
        if job.t0 is None:
            job.t0 = time.monotonic()
            if on_start is not None:
                on_start(job.path)

    @staticmethod
    def _outcome(job: _Job, value: Any = None, error: str | None = None) -> Outcome:
        return Outcome(job.path, value=value, error=error, seconds=time.monotonic() - (job.t0 or 0.0))

    def collect(self, worker: _Worker) -> Outcome | None:
        """The answer of a worker whose pipe is ready, or None when the file goes back to the
        front of the queue for a second try. A worker that crashed, asked for it, or has read
        its share of files is not used again."""
        job, used = worker.job, worker.files > 1
        assert job is not None
        worker.job = None
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            self.kill(worker, join=1)
            if used and not job.retried:
                self._again(job)
                return None
            return self._outcome(job, error=_crash_reason(worker.proc))
        if kind != "ok" and kind != "error" or worker.files >= FILES_PER_WORKER:
            self.retire(worker)
        if kind == "memory" and used and not job.retried:
            self._again(job)
            return None
        return self._outcome(job, value=payload) if kind == "ok" else self._outcome(job, error=payload)

    def _again(self, job: _Job) -> None:
        job.retried = True
        self.pending.appendleft(job)

    def overdue(self, timeout: float) -> Iterator[Outcome]:
        now = time.monotonic()
        for worker in self.busy():
            job = worker.job
            if job is not None and now - (job.t0 or now) > timeout:
                self.kill(worker)
                yield self._outcome(job, error=Message("batch.timeout", seconds=timeout))

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


def _given_out(worker: _Worker) -> float:
    return (worker.job.t0 or 0.0) if worker.job is not None else 0.0


def _crash_reason(proc: Any) -> str:
    code = proc.exitcode
    return Message("batch.crashed") if code and code < 0 else Message("batch.exited", code=code)


def run_batch(
    fn: Callable[[Path], Any],
    paths: Iterable[Path],
    jobs: int = 1,
    timeout: float | None = 300.0,
    memory_mb: int | None = 4096,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[Outcome]:
    """Apply `fn` to every path in worker processes, at most `jobs` at once; outcomes come in
    completion order, one per path. `on_start` is told of each path when it is first handed to
    a worker. When the caller stops early (an interrupt, a closed generator) the workers are
    killed, never left behind."""
    pool = _Pool(fn, paths, max(1, jobs), memory_mb)
    try:
        yield from _drive(pool, timeout, on_start)
        pool.shutdown()
    finally:
        pool.close()


def in_input_order(outcomes: Iterable[Outcome], paths: Iterable[Path]) -> Iterator[Outcome]:
    """The outcomes in the order of `paths`, each as soon as every file before it is done.

    What a batch prints must be the same bytes however its workers were scheduled (two error
    lines swapped by a slower worker made a run irreproducible). A path given twice has two
    outcomes; they are matched to its places in turn."""
    places: dict[Path, deque[int]] = {}
    for index, path in enumerate(paths):
        places.setdefault(path, deque()).append(index)
    waiting: dict[int, Outcome] = {}
    next_index = 0
    for outcome in outcomes:
        waiting[places[outcome.path].popleft()] = outcome
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1
    yield from (waiting[i] for i in sorted(waiting))


def _drive(pool: _Pool, timeout: float | None, on_start: Callable[[Path], None] | None) -> Iterator[Outcome]:
    while True:
        # reap without waiting: a worker's teardown must not hold the next file back
        pool.reap()
        yield from pool.hand_out(on_start)
        busy = pool.busy()
        if not busy:
            if pool.pending:
                continue
            return
        wait_for = 0.5
        if timeout:
            now = time.monotonic()
            wait_for = max(0.01, min(wait_for, min(_given_out(w) + timeout - now for w in busy)))
        ready = wait([w.conn for w in busy], timeout=wait_for)
        # answers that came in together: the file given out first goes first
        for worker in sorted((w for w in busy if w.conn in ready), key=_given_out):
            outcome = pool.collect(worker)
            # the next file goes out before the caller sees this one: the worker reads while
            # the caller writes
            failed = pool.hand_out(on_start)
            if outcome is not None:
                yield outcome
            yield from failed
        if timeout:
            yield from pool.overdue(timeout)
