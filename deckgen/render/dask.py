"""Run a build's jobs on a Dask distributed cluster (``--executor dask``).

The jobs are the same as in the local pool: each render job (and, in a batch, each deck
assembly) is a pure function of its argument. What differs is that the workers are other
machines: every job is sent as a :class:`~deckgen.render.ship.Parcel`, with the fonts,
logos and templates it names, and each file is scattered to the cluster once per build.
A worker needs deckgen (with the same version of the drawing libraries, or its pictures
differ) and nothing else: not our disk, not the theme folder, not the fonts installed.

Needs the optional extra: ``pip install 'deckgen-comms[dask]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deckgen.errors import ExportError, Problem
from deckgen.render.executor import Pool, R, T
from deckgen.render.ship import Parcel, files_of, run_parcel

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future


#: How long to keep trying to reach a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "20s"


class DaskPool(Pool):
    """A :class:`Pool` whose workers are a Dask cluster's (``address``: its scheduler, or
    ``None`` for a local cluster of ``workers`` processes, as the tests use)."""

    def __init__(self, address: str | None, workers: int = 2) -> None:
        super().__init__(1)
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ExportError(Problem(None, "--executor dask needs the Dask extra, which "
                                      "is not installed",
                                      "pip install 'deckgen-comms[dask]'")) from exc  # fmt: skip
        self._cluster = None
        if address is None:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                         processes=True, dashboard_address=None)  # fmt: skip
            address = self._cluster.scheduler_address
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise ExportError(Problem(None, f"cannot reach the Dask scheduler at {address}: "
                                      f"{exc}", "check --scheduler (tcp://HOST:8786) and that "
                                      "the scheduler is running")) from exc  # fmt: skip
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.executor = self.client.get_executor(pure=False)
        self._sent: dict[str, Any] = {}  # file digest -> future of its bytes on the cluster

    def submit(self, fn: Callable[[T], R], arg: T) -> Future[R]:
        payload, found = files_of((fn, arg))
        for digest, path in found.items():
            if digest not in self._sent:
                [self._sent[digest]] = self.client.scatter([path.read_bytes()], broadcast=True)
        files = {d: self._sent[d] for d in found}
        suffixes = {d: p.suffix for d, p in found.items()}
        assert self.executor is not None
        return self.executor.submit(_run, payload, files, suffixes)

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _run(payload: bytes, files: dict[str, bytes], suffixes: dict[str, str]) -> Any:
    # The file futures are resolved to bytes by Dask only in plain arguments (a dict
    # here), not inside a dataclass, so the Parcel is rebuilt on the worker.
    return run_parcel(Parcel(payload, files, suffixes))
