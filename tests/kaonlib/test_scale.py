"""Serial and Dask runs give bitwise the same results (kaonlib.execution): the reach of both searches, a four-lepton
sample and its unweighted events, the dark-dipole sampler; the serial default never imports Dask."""

import json
import subprocess
import sys

import numpy as np
import pytest

from kaonlib import execution
from kaonlib.presentation.cli import main
from kaonlib.processes import dark, dark_events, k3munu
from kaonlib.searches import dimuon, reach
from kaonlib.validate import InputError


@pytest.fixture(scope="module")
def dask(scheduler):
    with execution.executor(scheduler=scheduler) as runner:
        assert runner.workers == 2
        yield runner


def test_invisible_reach_is_identical_on_dask(dask):
    masses = reach.default_masses(reach.MASS_CHUNK + 5)  # 2 chunks, the last one shorter
    serial = reach.invisible_reach("scalar", masses, kappa=1e-3, era="2021")
    assert reach.invisible_reach("scalar", masses, kappa=1e-3, era="2021", executor=dask) == serial
    assert [row["mass_GeV"] for row in serial] == list(masses)


def test_dimuon_reach_is_identical_on_dask(dask):
    search = dimuon.DimuonSearch(events=k3munu.CHUNK_EVENTS + 20_000)  # 2 Monte Carlo chunks
    masses = dimuon.default_masses(8)
    assert dimuon.dimuon_reach("vector", masses, search, executor=dask) == dimuon.dimuon_reach("vector", masses, search)


def test_four_lepton_sample_is_identical_on_dask_and_follows_the_seed_contract(dask):
    """The sample is chunk i = CHUNK_EVENTS events from child i of SeedSequence(seed), whatever runs it."""
    n = 2 * k3munu.CHUNK_EVENTS + 1234
    serial = k3munu.simulate(n, rng=5, mode="mu-nu-e-e")
    distributed = k3munu.simulate(n, rng=5, mode="mu-nu-e-e", executor=dask)
    assert np.array_equal(serial.momenta, distributed.momenta) and np.array_equal(serial.weights, distributed.weights)
    children = np.random.SeedSequence(5).spawn(3)
    mode, cut = k3munu.MODES["mu-nu-e-e"], k3munu.MODES["mu-nu-e-e"].min_pair_mass
    last = k3munu.simulate_chunk(k3munu.form_factors(), mode, cut, None, (1234, children[2]))
    assert np.array_equal(serial.momenta[-1234:], last.momenta) and np.array_equal(serial.weights[-1234:], last.weights)
    other_seed = k3munu.simulate(n, rng=6, mode="mu-nu-e-e")
    assert not np.array_equal(other_seed.weights, serial.weights)


def test_chunk_summaries_are_made_on_the_workers_and_identical(dask):
    """produce(n, summarise): one summary per chunk, equal to the summary of that slice of the joined sample."""
    n, size = k3munu.CHUNK_EVENTS + 5000, k3munu.CHUNK_EVENTS
    summaries = k3munu.produce(n, k3munu.Sample.branching_ratio, rng=4, mode="e-nu-e-e", executor=dask)
    sample = k3munu.simulate(n, rng=4, mode="e-nu-e-e")
    slices = [k3munu.Sample(sample.momenta[a:a + size], sample.weights[a:a + size], sample.form_factors, sample.mode)
              for a in (0, size)]
    assert summaries == [part.branching_ratio() for part in slices] and summaries[1] != summaries[0]
    finer = k3munu.produce(n, k3munu.Sample.branching_ratio, rng=4, mode="e-nu-e-e", chunk_events=40_000)
    assert finer == k3munu.produce(n, k3munu.Sample.branching_ratio, rng=4, mode="e-nu-e-e", executor=dask,
                                   chunk_events=40_000) and len(finer) == 3


def test_four_lepton_command_is_identical_on_dask(dask, scheduler, tmp_path, capsys, monkeypatch):
    """The JSON summary, the spectrum and the Les Houches events of the CLI, serial and on the cluster."""
    outputs = []
    for name, extra in (("serial", []), ("dask", ["--scheduler", scheduler])):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)  # the same relative file names in both runs
        assert main(["four-lepton", "e-nu-mu-mu", "--events", "150000", "--seed", "3", "--json", "--spectrum",
                     "s.csv", "--unweighted", "200", "--lhe", "e.lhe", *extra]) == 0
        summary = json.loads(capsys.readouterr().out)
        del summary["metadata"]["command"]  # the command line differs by the executor option
        outputs.append((summary, *(strip_provenance(tmp_path / name / file) for file in ("s.csv", "e.lhe"))))
    assert outputs[0] == outputs[1]
    assert "scheduler" not in outputs[0][0]["metadata"]["inputs"]  # not an input: it does not change the result


def strip_provenance(path):
    """The file without the lines that carry the command line."""
    return [line for line in path.read_text().splitlines() if "command" not in line]


def test_dark_sampler_is_identical_on_dask(dask):
    n = dark_events.CHUNK_EVENTS + 500
    serial = dark_events.sample_events("K+", 0.05, 2e-3, n, rng=3)
    distributed = dark_events.sample_events("K+", 0.05, 2e-3, n, rng=3, executor=dask)
    assert all(np.array_equal(serial[key], distributed[key]) and serial[key].size == n for key in serial)


def test_dark_scan_is_identical_on_dask(dask):
    points = [(m, a) for a in (3e-4, 4e-3) for m in np.linspace(0.01, 0.18, dark.SCAN_CHUNK)]  # 2 chunks
    serial = dark.kl_bound_scan(points, era="fg2019")
    assert dark.kl_bound_scan(points, era="fg2019", executor=dask) == serial
    assert [(row["m_Q_GeV"], row["alpha_D"]) for row in serial] == points


def test_local_cluster_of_one_worker_gives_the_same_events(dask):
    """--workers N starts (and stops) its own LocalCluster; one worker, two or none: the same events."""
    n = dark_events.CHUNK_EVENTS + 10
    with execution.executor(workers=1) as runner:
        assert runner.workers == 1
        one = dark_events.sample_events("KL", 0.1, 1e-3, n, rng=2, executor=runner)
    two = dark_events.sample_events("KL", 0.1, 1e-3, n, rng=2, executor=dask)
    serial = dark_events.sample_events("KL", 0.1, 1e-3, n, rng=2)
    assert all(np.array_equal(one[key], serial[key]) and np.array_equal(two[key], serial[key]) for key in serial)


def test_serial_default_does_not_import_dask(tmp_path):
    code = ("import sys; from kaonlib.presentation.cli import main; "
            f"main(['reach', 'vector', '--points', '3', '--out', {str(tmp_path / 'r.csv')!r}]); "
            "main(['four-lepton', 'mu-nu-mu-mu', '--events', '2000', '--json']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_chunking_helpers():
    assert execution.chunk_sizes(250_001, 100_000) == [100_000, 100_000, 50_001]
    assert execution.chunk_sizes(200_000, 100_000) == [100_000, 100_000]
    assert execution.chunked(range(5), 2) == [[0, 1], [2, 3], [4]]
    first, second = execution.seeds(7, 2)
    assert first.spawn_key == (0,) and second.spawn_key == (1,) and first.entropy == 7
    assert [s.spawn_key for s in execution.seeds(np.random.SeedSequence(7), 2)] == [(0,), (1,)]


def test_executor_choice_is_checked(capsys):
    with pytest.raises(InputError, match="not both"):
        execution.executor(workers=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(InputError, match="workers"):
        execution.executor(workers=0)
    assert isinstance(execution.executor(), execution.Serial)
    assert main(["reach", "vector", "--out", "r.csv", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert main(["four-lepton", "mu-nu-mu-mu", "--workers", "0"]) == 2
    assert main(["dark", "--workers", "2"]) == 2
    assert "go with --scan" in capsys.readouterr().err
    with pytest.raises(InputError, match="cannot connect"):
        execution.executor(scheduler="nonsense")  # no port: a message, not a traceback
