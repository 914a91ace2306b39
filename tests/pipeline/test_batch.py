"""The batch runner (`pipeline.batch.run_batch`): a few persistent forked workers read many files
each; a file that hangs, crashes its worker or fails costs only that file, the files after it are
still read by a fresh worker; outcomes come in completion order; stopping early leaves no process
behind. The job here is a stand-in that acts on the file's name: the paths need not exist."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

import pipeline.batch as batch
from pipeline.batch import Outcome, in_input_order, run_batch
from pipeline.errors import InputError

READ = {"files": 0}  # in a worker: the files it was given before this one


def job(path: Path) -> int:
    """The worker's pid, after doing what the file's name says."""
    kind = path.suffix
    READ["files"] += 1
    if kind == ".fragile" and READ["files"] > 1:
        os._exit(3)  # as if an earlier file had left this worker damaged
    if kind == ".fragile-memory" and READ["files"] > 1:
        raise MemoryError
    if kind == ".slow":
        time.sleep(30)
    elif kind == ".sleep":
        time.sleep(float(path.stem.split("-")[-1]))
    elif kind == ".exit":
        os._exit(3)
    elif kind == ".kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif kind == ".bad":
        raise InputError("not a PDF (no %PDF header)")
    elif kind == ".bug":
        raise ValueError("a bug")
    elif kind == ".memory":
        raise MemoryError
    elif kind == ".sigint":
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)
    elif kind == ".unpicklable":
        return (lambda: 0)  # type: ignore[return-value]
    return os.getpid()


def files(*names: str) -> list[Path]:
    return [Path(n) for n in names]


def by_name(outcomes: list[Outcome]) -> dict[str, Outcome]:
    return {o.path.name: o for o in outcomes}


def children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True)}


@pytest.fixture(autouse=True)
def no_process_left() -> Iterator[None]:
    before = children()
    yield
    mp.active_children()  # reaps what the multiprocessing module knows of
    left = children() - before
    assert not left, f"processes left behind: {left}"


def test_one_worker_reads_several_files() -> None:
    paths = files(*(f"f{i}.ok" for i in range(6)))
    outcomes = list(run_batch(job, paths, jobs=2))
    assert sorted(o.path.name for o in outcomes) == sorted(p.name for p in paths)
    assert all(o.ok for o in outcomes)
    pids = {o.value for o in outcomes}
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids


def test_never_more_workers_than_files() -> None:
    (outcome,) = run_batch(job, files("only.ok"), jobs=4)
    assert outcome.ok and outcome.value != os.getpid()


def test_a_worker_is_replaced_after_its_share_of_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "FILES_PER_WORKER", 2)
    outcomes = list(run_batch(job, files(*(f"f{i}.ok" for i in range(6))), jobs=1))
    assert [o.path.name for o in outcomes] == [f"f{i}.ok" for i in range(6)]  # one worker: in order
    pids = [o.value for o in outcomes]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4] == pids[5]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_timeout_costs_only_that_file(jobs: int) -> None:
    paths = files("a.ok", "hang.slow", "b.ok", "c.ok", "d.ok")
    t0 = time.monotonic()
    outcomes = by_name(list(run_batch(job, paths, jobs=jobs, timeout=1.0)))
    assert time.monotonic() - t0 < 20
    assert set(outcomes) == {p.name for p in paths}
    assert outcomes["hang.slow"].error == "timed out after 1 s (--timeout)"
    assert all(outcomes[n].ok for n in ("a.ok", "b.ok", "c.ok", "d.ok"))
    if jobs == 1:  # the hung worker was killed: a fresh one read the rest
        assert outcomes["a.ok"].value != outcomes["d.ok"].value


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    ("name", "reason"),
    [("x.exit", "worker exited (3)"), ("x.kill", "worker ran out of memory or crashed")],
)
def test_a_crash_costs_only_that_file(jobs: int, name: str, reason: str) -> None:
    paths = files("a.ok", name, "b.ok", "c.ok", "d.ok")
    outcomes = by_name(list(run_batch(job, paths, jobs=jobs)))
    assert set(outcomes) == {p.name for p in paths}
    assert outcomes[name].error == reason
    assert all(outcomes[n].ok for n in ("a.ok", "b.ok", "c.ok", "d.ok"))


def test_failures_are_one_line_reasons_and_a_damaged_worker_is_replaced() -> None:
    paths = files("a.ok", "x.bad", "b.ok", "x.bug", "c.ok", "x.memory", "d.ok", "x.unpicklable", "e.ok")
    outcomes = list(run_batch(job, paths, jobs=1, memory_mb=300))
    assert [o.path.name for o in outcomes] == [p.name for p in paths]
    got = by_name(outcomes)
    assert got["x.bad"].error == "not a PDF (no %PDF header)"
    bug = got["x.bug"].error or ""
    line = next(i for i, text in enumerate(Path(__file__).read_text().splitlines(), 1) if 'raise ValueError("a bug")' in text)
    assert bug == f"internal error: ValueError: a bug at {Path(__file__).name}:{line}"
    assert got["x.memory"].error == "out of memory (over the 300 MB per-file limit)"
    assert (got["x.unpicklable"].error or "").startswith("internal error: ")
    pid = {n: got[n].value for n in ("a.ok", "b.ok", "c.ok", "d.ok", "e.ok")}
    assert pid["a.ok"] == pid["b.ok"]  # a file's own error (ThaiKPIError) keeps the worker
    assert len({pid["b.ok"], pid["c.ok"], pid["d.ok"], pid["e.ok"]}) == 4  # anything else replaces it


@pytest.mark.parametrize("name", ["x.fragile", "x.fragile-memory"])
def test_a_crash_after_other_files_is_tried_again_alone(name: str) -> None:
    """What broke a worker may be what earlier files left in it: the file is read once more in a
    fresh worker, as if it had had a worker of its own, and is told of once."""
    started: list[str] = []
    outcomes = list(run_batch(job, files("a.ok", name, "b.ok"), jobs=1, on_start=lambda p: started.append(p.name)))
    assert [o.path.name for o in outcomes] == ["a.ok", name, "b.ok"]
    assert all(o.ok for o in outcomes)
    assert outcomes[0].value != outcomes[1].value  # the second try had a worker of its own
    assert started == ["a.ok", name, "b.ok"]


def test_a_file_that_crashes_alone_too_fails_once() -> None:
    started: list[str] = []
    outcomes = list(run_batch(job, files("a.ok", "x.exit", "b.ok"), jobs=1, on_start=lambda p: started.append(p.name)))
    assert [(o.path.name, o.error) for o in outcomes] == [("a.ok", None), ("x.exit", "worker exited (3)"), ("b.ok", None)]
    assert started == ["a.ok", "x.exit", "b.ok"]


def test_outcomes_come_in_completion_order() -> None:
    paths = files("first-1.5.sleep", "a.ok", "b.ok", "c.ok")
    outcomes = list(run_batch(job, paths, jobs=2))
    assert outcomes[-1].path.name == "first-1.5.sleep" and outcomes[-1].seconds >= 1.5
    assert all(o.ok for o in outcomes)


def test_in_input_order_gives_the_files_order_whoever_finished_first() -> None:
    paths = files("first-1.0.sleep", "a.ok", "x.exit", "a.ok", "b.ok")
    outcomes = list(in_input_order(run_batch(job, paths, jobs=2), paths))
    assert [o.path.name for o in outcomes] == [p.name for p in paths]
    assert [o.ok for o in outcomes] == [True, True, False, True, True]


def test_workers_ignore_sigint() -> None:
    (outcome,) = run_batch(job, files("x.sigint"), jobs=1)
    assert outcome.ok


def test_on_start_is_told_of_each_file_before_its_outcome() -> None:
    started: list[str] = []
    paths = files("a.ok", "x.exit", "hang.slow", "b.ok", "c.ok")
    for outcome in run_batch(job, paths, jobs=2, timeout=1.0, on_start=lambda p: started.append(p.name)):
        assert outcome.path.name in started
    assert sorted(started) == sorted(p.name for p in paths)


def test_closing_early_leaves_no_worker() -> None:
    paths = files("a.ok", *(f"s{i}.slow" for i in range(4)))
    started: list[Path] = []
    outcomes = run_batch(job, paths, jobs=2, on_start=started.append)
    first = next(outcomes)
    assert first.path.name == "a.ok" and len(started) == 3  # the next file was already handed out
    assert len(children()) >= 2
    outcomes.close()
    assert not mp.active_children()
    # the fixture checks that no process at all is left


def test_an_interrupt_in_the_caller_leaves_no_worker() -> None:
    with pytest.raises(KeyboardInterrupt):
        for _ in run_batch(job, files("a.ok", "b.ok", "s.slow", "t.slow"), jobs=2):
            raise KeyboardInterrupt
    assert not mp.active_children()


def test_the_workers_exit_when_the_batch_is_done() -> None:
    outcomes = list(run_batch(job, files("a.ok", "b.ok", "c.ok"), jobs=2))
    assert all(not psutil.pid_exists(o.value) or psutil.Process(o.value).status() == psutil.STATUS_ZOMBIE for o in outcomes)
    assert not mp.active_children()


def test_no_files() -> None:
    assert list(run_batch(job, [], jobs=2)) == []
