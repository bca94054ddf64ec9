"""The extract pipeline's units run on a Dask cluster (``--engine dask [--scheduler ADDRESS]``).

The units are :func:`viewer.core.batch.work_units`' and each is run by
:func:`viewer.core.batch.run_unit` on a worker, as in a local pool: the client plans the units
(it reads JSON Lines files and web archives once, to number their records), keeps a bounded
window of them in flight, and hands their results back in unit order, so the output is the
one of a single process, byte for byte.

- **Workers load the language model once each**: :class:`LoadPipeline`, a worker plugin,
  loads it when a worker starts (a worker started again after a death too); the pipeline is
  the worker process's own cache (:func:`viewer.core.nlp.ner_pipeline`), used by every unit it
  runs.
- **A worker that dies loses nothing**: its units are run again elsewhere by the scheduler
  (a unit is pure: it reads files and returns lines). A unit that fails however often it is
  tried (it kills every worker it runs on, say) is one error line for its file, and the rest
  goes on.
- **Workers must see the files at the same paths** as the client (a shared file system):
  :func:`check_workers` makes sure of it, and that every worker runs this extractor version,
  before anything is run.

Importing this module needs ``distributed`` (the ``cluster`` extra).
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from distributed import Client, Future, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from viewer.core.batch import (
    Done,
    UnitResult,
    UnitRunner,
    WorkUnit,
    encoded,
    output_of,
    run_unit,
)
from viewer.core.model import ReadFailure
from viewer.core.readers.warc import ArchiveTally

#: Units in flight per worker thread: enough to keep every worker busy while results come
#: back in order, few enough that the client holds little (backpressure).
WINDOW_PER_THREAD = 3
#: How long to wait for a scheduler to answer, and for workers to be there, in seconds.
CONNECT_TIMEOUT = 30
#: Dask's housekeeping in the cluster started on this machine, made rarer: its defaults (a
#: stack sample of each worker every 10 ms for the dashboard's profile, event-loop ticks every
#: 20 ms, memory checks every 100 ms) cost a fifth of a core per idle cluster here, taken from
#: the analysis. No dashboard is shown, so no profile is kept. (A cluster of the user's own
#: keeps its own settings.)
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.scheduler.work-stealing-interval": "1s",
}


class ClusterUnavailable(Exception):
    """The cluster cannot run the units (no scheduler at the address, no workers, workers
    that do not see the files or run another version); the message says what to do."""


class LoadPipeline(WorkerPlugin):
    """Loads the language model in each worker as it starts, once (it stays in the worker
    process for every unit it runs)."""

    name = "article-viewer-pipeline"

    def __init__(self, with_entities: bool) -> None:
        self.with_entities = with_entities

    def setup(self, worker: Any) -> None:
        if not self.with_entities:
            return
        from viewer.core import nlp

        with contextlib.suppress(nlp.ModelUnavailable):
            nlp.ner_pipeline()  # a missing model is said in each article's notes, as at home


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a cluster of ``workers`` processes
    on this machine (one thread each) started for the run and stopped after it."""
    import logging

    # The scheduler's and workers' chatter (worker lost, task re-run) is not the user's output.
    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise ClusterUnavailable(f"no Dask scheduler answers at {scheduler} ({err})") from err
        with client:
            yield client
        return
    import dask

    with (
        dask.config.set(LOCAL_CONFIG),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            # On this machine only, and no dashboard on a fixed port (it may be taken).
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _worker_view(paths: list[str]) -> tuple[str, list[tuple[str, int]]]:
    """On a worker: its extractor version, and what it sees at each path (size of a file,
    -1 for a folder, -2 for nothing)."""
    from viewer.core.corpus.store import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION, [(path, _seen(path)) for path in paths]


def _seen(path: str) -> int:
    if os.path.isdir(path):
        return -1
    try:
        return os.stat(path).st_size
    except OSError:
        return -2


def check_workers(client: Client, paths: Sequence[str]) -> int:
    """Make sure the cluster can run the units: it has workers, each runs this extractor
    version and sees every input path as this machine does. How many worker threads it has."""
    from viewer.core.corpus.store import EXTRACTOR_VERSION

    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError as err:
        raise ClusterUnavailable("the Dask cluster has no workers") from err
    here = [(path, _seen(path)) for path in paths]
    try:
        views: dict[str, tuple[str, list[tuple[str, int]]]] = client.run(_worker_view, list(paths))
    except Exception as err:  # a worker without this package cannot even run the check
        raise ClusterUnavailable(
            f"the Dask workers cannot run the extractor ({type(err).__name__}: {err}); "
            "install this package and its language model on every worker"
        ) from err
    for worker, (version, seen) in sorted(views.items()):
        if version != EXTRACTOR_VERSION:
            raise ClusterUnavailable(
                f"the Dask worker {worker} runs extractor {version}, this machine {EXTRACTOR_VERSION}: "
                "install the same version on every worker"
            )
        for (path, mine), (_path, theirs) in zip(here, seen, strict=True):
            if mine not in (theirs, -2):  # (a path missing here is a failure anyway)
                raise ClusterUnavailable(
                    f"the Dask worker {worker} does not see {path} as this machine does: workers must "
                    "see the input at the same paths (a shared file system; give absolute paths)"
                )
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))


def results_on_cluster(
    client: Client,
    units: Iterable[WorkUnit | ReadFailure],
    with_entities: bool,
    *,
    window: int,
    run: UnitRunner = run_unit,
) -> Iterator[Done]:
    """The units run on the cluster, their results in unit order, at most ``window`` in
    flight. ``run`` stands in for :func:`run_unit` in tests (a unit that kills its worker)."""
    client.register_plugin(LoadPipeline(with_entities))
    pending: deque[tuple[WorkUnit | ReadFailure, Future[UnitResult] | UnitResult]] = deque()
    try:
        for unit in units:
            if isinstance(unit, ReadFailure):
                pending.append((unit, output_of(unit, with_entities)))
            else:
                # pure=False: every submission is a task of its own (a key of its own), even one
                # of the same unit by another client of a shared cluster.
                pending.append((unit, client.submit(run, unit, with_entities, pure=False)))
            while len(pending) > window:
                yield _result(pending.popleft(), with_entities)
        while pending:
            yield _result(pending.popleft(), with_entities)
    finally:
        for _unit, job in pending:
            if isinstance(job, Future):
                job.cancel()
        with contextlib.suppress(Exception):  # a shared cluster is left as it was found
            client.unregister_worker_plugin(LoadPipeline.name)


def _result(
    item: tuple[WorkUnit | ReadFailure, Future[UnitResult] | UnitResult], with_entities: bool
) -> Done:
    unit, job = item
    if isinstance(job, UnitResult):
        return unit, job
    assert isinstance(unit, WorkUnit)
    try:
        result: UnitResult = job.result()
    except Exception as err:  # the unit failed however often it was tried (KilledWorker...)
        line = encoded(ReadFailure(unit.path, _unit_failed(unit, err), unit.format), with_entities)
        return unit, UnitResult((line,), ArchiveTally() if unit.format == "warc" else None)
    finally:
        job.release()
    return unit, result


def _unit_failed(unit: WorkUnit, err: Exception) -> str:
    if unit.first_record == 0 and unit.last_record is None:
        what = "the file"
    elif unit.last_record is None:
        what = f"records {unit.first_record} to the end"
    else:
        what = f"records {unit.first_record} to {unit.last_record}"
    reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return f"{what} could not be read on the cluster: the workers running them failed ({reason})"
