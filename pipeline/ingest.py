"""Batch ingest: extract many PDFs in worker processes, store each result in this process.

Extraction runs through `pipeline.batch.run_batch` (the same isolation as `thaikpi extract`:
forked workers that each read one file at a time, a time and memory limit per file, a crash costs
one file). Storing happens only in the parent, one transaction per agreement, as each file is
read (completion order). Files whose bytes are already stored are not extracted again.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from parsers.messages import Message, current_lang, render
from parsers.settings import ReadSettings
from pipeline.errors import ThaiKPIError
from pipeline.models import Agreement, Reason
from pipeline.quality import REVIEW_WORDS, assess, reason_text, review_line
from pipeline.store import Outcome, Store

Extractor = Callable[[Path, ReadSettings], Agreement]
OnOutcome = Callable[["FileOutcome"], None]


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: stored as `id` version `version`, or failed for `reason`."""

    file: str
    outcome: Outcome
    id: str | None = None
    version: int | None = None
    previous_id: str | None = None
    reason: str | None = None
    #: why the stored record needs a person's review (empty: it is ok)
    review: tuple[Reason, ...] = ()
    #: corrections of the previous version carried to this one, and those it contradicts
    inherited: int = 0
    conflicts: int = 0
    #: the unit's current version when an older one was matched (UNCHANGED)
    current_version: int | None = None

    def line(self, lang: str | None = None) -> str:
        """The plain progress line; a failure is exactly the `<file>: error: <reason>` line, and
        a record that needs review gets a second line saying why. In `lang`, by default the
        command's language (`parsers.messages.current_lang`)."""
        lang = lang or current_lang()
        stored = self._stored_line(lang)
        if self.review and self.outcome is not Outcome.FAILED:
            return stored + "\n" + review_line(self.file, self.review, lang)
        return stored

    def _stored_line(self, lang: str) -> str:
        if self.outcome is Outcome.FAILED:
            return f"{self.file}: error: {render(self.reason, lang)}"
        name, id, version = self.file, self.id, self.version
        if self.outcome is Outcome.NEW_VERSION:
            carried: str = ""
            if self.inherited or self.conflicts:
                carried = Message("ingest.carried", inherited=self.inherited, conflicts=self.conflicts, id=id)
            line = Message("ingest.new_version", name=name, version=version, id=id, previous=self.previous_id, carried=carried)
        elif self.outcome is Outcome.UNCHANGED:
            newer: str = Message("ingest.newer", current=self.current_version) if self.current_version else ""
            line = Message("ingest.unchanged", name=name, id=id, version=version, newer=newer)
        elif self.outcome is Outcome.SAME_CONTENT:
            line = Message("ingest.same_content", name=name, version=version, id=id)
        else:
            line = Message("ingest.ingested", name=name, id=id, version=version)
        return line.text(lang)


def _default_extractor(path: Path, settings: ReadSettings) -> Agreement:
    from pipeline.extract import extract_file

    return extract_file(path, settings)


def _extract_dict(path: Path, extractor: Extractor, settings: ReadSettings) -> dict[str, Any]:
    """Runs in the worker: plain JSON data crosses the process boundary, the parent validates it."""
    return extractor(path, settings).to_json_dict()


def _sha256(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None  # the extractor reports it, in the same words as `thaikpi extract`


def _validate(payload: Any) -> Agreement:
    try:
        return Agreement.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ThaiKPIError("ingest.invalid_record", where=where, detail=first["msg"]) from None


class Interrupted(Exception):
    """Ctrl-C or SIGTERM during a batch: what was finished is stored, the rest is not started or
    dropped; the next run picks it up (stored files are `unchanged`)."""

    def __init__(self, outcomes: list[FileOutcome], not_started: int, dropped: int) -> None:
        super().__init__("interrupted")
        self.outcomes = outcomes
        self.stored = sum(o.outcome in (Outcome.INGESTED, Outcome.NEW_VERSION) for o in outcomes)
        self.not_started = not_started
        self.dropped = dropped

    def line(self, lang: str | None = None) -> str:
        return Message(
            "ingest.interrupted", stored=self.stored, not_started=self.not_started, dropped=self.dropped
        ).text(lang)


def ingest_files(
    paths: Sequence[Path],
    store: Store,
    *,
    extractor: Extractor | None = None,
    settings: ReadSettings | None = None,
    jobs: int = 1,
    memory_mb: int | None = 4096,
    on_outcome: OnOutcome | None = None,
    strict: bool = False,
    cluster: str | None = None,
    send_files: bool = False,
) -> list[FileOutcome]:
    """Ingest `paths` into `store`; returns one outcome per path, in the order given.

    With `cluster` (a Dask scheduler address) the reading runs there (`pipeline.cluster`); the
    storing stays here, the same either way.

    Each agreement is stored as soon as it is read (completion order, one transaction each), so
    a slow scan first in the batch holds nothing back and an interruption loses nothing finished.
    `extractor` defaults to `pipeline.extract.extract_file`; tests pass a stand-in. `on_outcome`
    is called once per file right after its transaction committed (or failed). With `strict`, a
    record that needs review is a failure and is not stored. KeyboardInterrupt becomes
    `Interrupted`, carrying what was done.
    """
    from pipeline.batch import run_batch

    settings = settings or ReadSettings()
    fn = partial(_extract_dict, extractor=extractor or _default_extractor, settings=settings)
    names = [str(p) for p in paths]
    results: dict[int, FileOutcome] = {}
    twins: dict[int, list[int]] = {}  # first file → later files with the same bytes (read once)
    first_of: dict[str, int] = {}
    to_extract: dict[Path, int] = {}

    def emit(index: int, outcome: FileOutcome) -> None:
        results[index] = outcome
        if on_outcome is not None:
            on_outcome(outcome)
        for later in twins.pop(index, []):
            emit(later, _twin(names[later], outcome))

    started: list[Path] = []
    try:
        for index, path in enumerate(paths):
            sha = _sha256(path)
            if sha is not None and sha in first_of:
                first = first_of[sha]
                if first in results:
                    emit(index, _twin(names[index], results[first]))
                else:
                    twins.setdefault(first, []).append(index)
                continue
            if sha is not None:
                first_of[sha] = index
            known = store.find_sha256(sha) if sha is not None else None
            if known is not None:
                current = next((v.version for v in store.versions(known) if v.is_current), None)
                shown = current if current != known.version else None
                emit(index, FileOutcome(names[index], Outcome.UNCHANGED, known.id, known.version, current_version=shown))
            else:
                to_extract[path] = index
        if to_extract:
            if cluster:
                from pipeline.cluster import cluster_batch

                batch = cluster_batch(cluster, list(to_extract), settings, send_files=send_files, on_start=started.append)
            else:
                batch = run_batch(
                    fn, list(to_extract), jobs=max(1, jobs), timeout=settings.timeout, memory_mb=memory_mb,
                    on_start=started.append,
                )
            for done in batch:
                index = to_extract.pop(done.path)
                if done.ok:
                    emit(index, _settle(names[index], done.value, store, strict))
                else:
                    emit(index, FileOutcome(names[index], Outcome.FAILED, reason=done.error or Message("batch.failed")))
    except KeyboardInterrupt:
        dropped = sum(1 for p in started if p in to_extract)
        raise Interrupted([results[i] for i in sorted(results)], len(to_extract) - dropped, dropped) from None
    return [results[i] for i in range(len(paths))]


def _twin(name: str, first: FileOutcome) -> FileOutcome:
    """The outcome of a file whose bytes an earlier file of the batch had."""
    if first.outcome is Outcome.FAILED:
        return FileOutcome(name, Outcome.FAILED, reason=first.reason)
    return FileOutcome(name, Outcome.UNCHANGED, first.id, first.version)


def _settle(name: str, payload: Any, store: Store, strict: bool) -> FileOutcome:
    """Validate one extracted record and store it (or refuse it, with --strict, when it needs review)."""
    try:
        agreement = _validate(payload)
        reasons = tuple((agreement.quality or assess(agreement)).reasons)
        if strict and reasons:
            why = "; ".join(reason_text(r) for r in reasons)
            return FileOutcome(name, Outcome.FAILED, reason=f"{REVIEW_WORDS['th'][0]} (--strict): {why}")
        added = store.add(agreement, file=name)
    except ThaiKPIError as exc:
        return FileOutcome(name, Outcome.FAILED, reason=exc.reason)
    if added.conflicts:
        reasons = tuple((store.get(added.id).quality()).reasons)
    if added.outcome is not Outcome.INGESTED and added.outcome is not Outcome.NEW_VERSION:
        reasons = ()  # nothing new was stored: the stored version's verdict stands
    return FileOutcome(
        name,
        added.outcome,
        added.id,
        added.version,
        added.previous_id,
        review=reasons,
        inherited=added.inherited,
        conflicts=added.conflicts,
        current_version=added.current_version,
    )


# --- reporting --------------------------------------------------------------------------------


class BatchProgress:
    """A progress bar on a terminal (failures printed above it), one plain line per file otherwise.

    Everything goes to stderr: stdout stays free for whatever a script wants to pipe.
    """

    def __init__(self, total: int, console: Console | None = None, lang: str | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.lang = lang or current_lang()
        self.tty = self.console.is_terminal
        self.total = total
        self._progress: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.tty:
            self._progress = Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def __call__(self, outcome: FileOutcome) -> None:
        if self._progress is None:
            print(outcome.line(self.lang), file=self.console.file, flush=True)
            return
        if outcome.outcome is Outcome.FAILED or outcome.review:
            self._progress.console.print(outcome.line(self.lang), markup=False, highlight=False, soft_wrap=True)
        self._progress.update(self._task, advance=1, description=Path(outcome.file).name)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()


def summary_table(outcomes: Sequence[FileOutcome], lang: str | None = None) -> Table:
    """Counts per outcome, with the new versions and every failure's reason spelled out."""

    def say(key: str, **values: object) -> str:
        return Message(key, **values).text(lang)

    table = Table(title=say("ingest.summary"), title_justify="left")
    table.add_column(say("ingest.col_outcome"))
    table.add_column(say("ingest.col_files"), justify="right")
    table.add_column(say("ingest.col_details"))
    for kind in Outcome:
        members = [o for o in outcomes if o.outcome is kind]
        if kind is Outcome.FAILED:
            details = "\n".join(f"{o.file}: {render(o.reason, lang)}" for o in members)
        elif kind is Outcome.NEW_VERSION:
            details = "\n".join(say("ingest.version_of", name=o.file, version=o.version, id=o.id) for o in members)
        else:
            details = ""
        table.add_row(say(f"outcome.{kind.value}"), str(len(members)), details)
    review = [o for o in outcomes if o.review and o.outcome is not Outcome.FAILED]
    table.add_row(say("ingest.needs_review"), str(len(review)), "\n".join(o.file for o in review))
    return table


def print_summary(outcomes: Sequence[FileOutcome], console: Console | None = None, lang: str | None = None) -> None:
    console = console or Console(stderr=True, highlight=False)
    console.print(summary_table(outcomes, lang))


def run_ingest(
    paths: Sequence[Path],
    store: Store,
    *,
    extractor: Extractor | None = None,
    settings: ReadSettings | None = None,
    jobs: int = 1,
    memory_mb: int | None = 4096,
    console: Console | None = None,
    strict: bool = False,
    lang: str | None = None,
    cluster: str | None = None,
    send_files: bool = False,
) -> list[FileOutcome]:
    """`ingest_files` with the progress display and the closing summary, as the CLI runs it."""
    console = console or Console(stderr=True, highlight=False, file=sys.stderr)
    with BatchProgress(len(paths), console, lang) as progress:
        outcomes = ingest_files(
            paths,
            store,
            extractor=extractor,
            settings=settings,
            jobs=jobs,
            memory_mb=memory_mb,
            on_outcome=progress,
            strict=strict,
            cluster=cluster,
            send_files=send_files,
        )
    print_summary(outcomes, console, progress.lang)
    return outcomes
