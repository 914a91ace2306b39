"""Reading agreements on a Dask cluster (`thaikpi ingest --cluster tcp://HOST:PORT`).

One task per agreement; when an agreement has scanned pages, its task hands each page's OCR to
the cluster as a task of its own (through `distributed.worker_client`), so a long scan is spread
over the workers instead of holding one. The client stores each finished record exactly as a
local ingest does (`pipeline.ingest`): by content, one transaction per agreement, in completion
order. Dask reschedules the tasks of a worker that dies; since storing happens only here, in the
client, and is idempotent by sha256, nothing is stored twice.

Files are read by the workers from a path they share with the client, or sent as bytes
(`send_files`) when they do not. This module is imported only with `--cluster`: a local ingest
never imports dask.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from parsers.errors import ThaiKPIError, internal_error
from parsers.messages import Message
from parsers.settings import ReadSettings
from pipeline.batch import Outcome

#: a task that fails with an unexpected error is tried again on another worker this many times
RETRIES = 1


def read_task(name: str, path: str, data: bytes | None, settings: ReadSettings) -> tuple[str, Any]:
    """Runs on a worker: one agreement read into its record (JSON data), or the one-line reason
    it failed. With `data` the file is written to the worker's temporary directory under its own
    name first (the record names the file, not where it was read)."""
    with tempfile.TemporaryDirectory(prefix="thaikpi-") as tmp:
        local = Path(path)
        if data is not None:
            local = Path(tmp) / Path(name).name
            local.write_bytes(data)
        try:
            from pipeline.extract import extract_file

            runner = _cluster_ocr(data)
            return "ok", extract_file(local, settings, runner).to_json_dict()
        except ThaiKPIError as exc:
            return "error", exc.reason
        except MemoryError:
            return "error", Message("cluster.out_of_memory")
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the batch; say what it was
            return "error", internal_error(exc)


def ocr_task(path: str, data: bytes | None, number: int) -> tuple[int, Any]:
    """Runs on a worker: the OCR of one page (page numbers from 1)."""
    from pipeline.reading import _ocr_one

    if data is None:
        return _ocr_one((path, number))
    with tempfile.TemporaryDirectory(prefix="thaikpi-") as tmp:
        local = Path(tmp) / "scan.pdf"
        local.write_bytes(data)
        return _ocr_one((str(local), number))


def _cluster_ocr(data: bytes | None) -> Callable[[Path, list[int], int], list[tuple[int, Any]]] | None:
    """The OCR runner of a read task: its pages as tasks of their own when it runs on a worker."""
    try:
        from distributed import get_worker, worker_client

        get_worker()
    except (ImportError, ValueError):
        return None  # not on a worker (a test calling read_task directly): local OCR

    def run(path: Path, numbers: list[int], _jobs: int) -> list[tuple[int, Any]]:
        with worker_client() as client:  # leaves this task's slot free while the pages run
            shared = client.scatter(data) if data is not None else None
            futures = [client.submit(ocr_task, str(path), shared, n, pure=False, retries=RETRIES) for n in numbers]
            return list(client.gather(futures))

    return run


def cluster_batch(
    address: str,
    paths: Sequence[Path],
    settings: ReadSettings,
    *,
    send_files: bool = False,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[Outcome]:
    """Read `paths` on the cluster at `address`; outcomes in completion order, as
    `pipeline.batch.run_batch` gives them. Stopping early (Ctrl-C) cancels what is left."""
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ThaiKPIError("cluster.unreachable", file=address, why=str(exc)) from None
    futures: dict[Any, Path] = {}
    try:
        for path in paths:
            data = _read_bytes(path) if send_files else None
            if send_files and data is None:
                yield Outcome(path, error=Message("input.no_file") if not path.exists() else Message("cluster.unreadable"))
                continue
            future = client.submit(
                read_task, str(path), os.path.abspath(path), data, settings, pure=False, retries=RETRIES,
                key=f"thaikpi-read-{os.getpid()}-{len(futures)}-{path.name}",
            )
            futures[future] = path
            if on_start is not None:
                on_start(path)
        for future in as_completed(list(futures), loop=client.loop):
            path = futures.pop(future)
            try:
                kind, payload = future.result()
            except Exception as exc:  # noqa: BLE001 - a task that failed on every try
                yield Outcome(path, error=Message("cluster.failed", kind=type(exc).__name__, detail=str(exc)))
                continue
            yield Outcome(path, value=payload) if kind == "ok" else Outcome(path, error=payload)
    finally:
        if futures:
            client.cancel(list(futures))
        client.close()


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
