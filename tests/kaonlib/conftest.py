"""A Dask LocalCluster of two worker processes, shared by the tests of one module (started once: ~1-2 s)."""

import pytest


@pytest.fixture(scope="module")
def scheduler():
    """The address of a running 2-worker LocalCluster (one thread per worker, separate processes)."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address
