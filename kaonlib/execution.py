"""Where the work runs: in this process (serial, the default; Dask is not imported) or on a Dask cluster, a local
one of N worker processes or an existing scheduler (LocalCluster, dask-jobqueue, Kubernetes: README "Running on a
cluster"). Dask is the optional extra ``kaonlib[distributed]``.

Work is a function applied to a list of items, each item one fixed chunk of it (masses of a reach curve, events of
a Monte Carlo sample, points of a scan). Results come back in the order of the items whatever runs them, and a
Monte Carlo chunk draws its random numbers from its own seed, child i of ``numpy.random.SeedSequence(seed)``
(:func:`seeds`), with chunk sizes that do not depend on the number of workers (:func:`chunk_sizes`). So a result
is bitwise the same serially, on any number of workers and on any scheduler.
"""

import numpy as np

from kaonlib.validate import InputError

MAX_WORKERS = 1024


def seeds(seed, n):
    """n independent seeds (SeedSequence.spawn) from ``seed``: an int, None (fresh entropy), a SeedSequence or a
    numpy Generator (which gives one 63-bit integer to start from)."""
    if isinstance(seed, np.random.Generator):
        seed = int(seed.integers(2**63))
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    return root.spawn(n)


def chunk_sizes(total, size):
    """``total`` split into chunks of ``size`` (the last one shorter): [size, ..., size, rest]."""
    full, rest = divmod(int(total), int(size))
    return [int(size)] * full + ([rest] if rest else [])


def chunked(items, size):
    """Consecutive lists of at most ``size`` items."""
    items = list(items)
    return [items[start:start + size] for start in range(0, len(items), size)]


def progress_bar(total, label):
    """A tqdm bar over ``total`` chunks (shown after 1 s only), or None without a label."""
    if not label:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="chunk", delay=1.0)


class Serial:
    """Runs everything in this process, in order."""

    workers = 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        pass

    def completed(self, function, items):
        """(index, function(item)) for each item, as each finishes (here: in order)."""
        for index, item in enumerate(items):
            yield index, function(item)

    def map(self, function, items, progress=None):
        """[function(item) for item in items], in the order of the items; ``progress``: a label for a bar."""
        items = list(items)
        results = [None] * len(items)
        bar = progress_bar(len(items), progress)
        for index, result in self.completed(function, items):
            results[index] = result
            if bar is not None:
                bar.update()
        if bar is not None:
            bar.close()
        return results


class Dask(Serial):
    """Runs on a Dask cluster: a LocalCluster of ``workers`` processes (one thread each) started here and closed
    with the executor, or the existing scheduler at ``scheduler`` (e.g. tcp://host:8786), which stays up."""

    def __init__(self, workers=None, scheduler=None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputError('running on Dask needs dask.distributed: pip install "kaonlib[distributed]"') from None
        self.cluster = None
        if scheduler is None:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")  # any free port: runs may share a machine
            scheduler = self.cluster
        try:
            self.client = Client(scheduler)
        except (ValueError, OSError) as err:  # a malformed address, or no scheduler there
            if self.cluster is not None:
                self.cluster.close()
            raise InputError(f"cannot connect to the Dask scheduler {scheduler!r}: {err}") from None

    @property
    def workers(self):
        return max(1, len(self.client.scheduler_info()["workers"]))

    def close(self):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def completed(self, function, items):
        from dask.distributed import as_completed

        futures = self.client.map(function, list(items), pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        try:
            for future in as_completed(futures):
                yield index[future.key], future.result()
        finally:
            self.client.cancel(futures)


def map_chunks(function, total, size, seed, executor=None):
    """[function((n_i, seed_i)) for each chunk]: ``total`` items cut by :func:`chunk_sizes` into chunks of n_i,
    seed_i the children of ``seed`` (:func:`seeds`), on ``executor`` (None: serially), in chunk order."""
    sizes = chunk_sizes(total, size)
    return serial_if_none(executor).map(function, list(zip(sizes, seeds(seed, len(sizes)))))


def executor(workers=None, scheduler=None):
    """Serial() without arguments; Dask(workers=N) for a local cluster; Dask(scheduler=ADDRESS) for an existing
    one. Use it as a context manager (a local cluster is shut down at the end)."""
    if workers is not None and scheduler is not None:
        raise InputError("choose either a number of local workers or a scheduler address, not both")
    if scheduler is not None:
        return Dask(scheduler=str(scheduler))
    if workers is None:
        return Serial()
    if not (isinstance(workers, (int, np.integer)) and 1 <= workers <= MAX_WORKERS):
        raise InputError(f"workers = {workers!r} must be an integer in [1, {MAX_WORKERS}]")
    return Dask(workers=int(workers))


def serial_if_none(runner):
    """The executor to use when a function was given ``executor=None``: serial."""
    return Serial() if runner is None else runner
