"""Atomic, self-describing outputs: a killed writer leaves the old file intact, a failing one leaves nothing."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from kaonlib import output

SLOW_WRITER = """
import sys, time
from kaonlib.output import atomic
with atomic(sys.argv[1]) as stream:
    for i in range(10**6):
        stream.write("partial line %d\\n" % i)
        stream.flush()
        if i == 10:
            print("writing", flush=True)
        time.sleep(0.001)
"""


def test_killed_writer_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "result.csv"
    target.write_text("old,content\n")
    writer = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "writing"  # the new content is half written
    time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert target.read_text() == "old,content\n"


def test_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "new.json"
    with pytest.raises(RuntimeError):
        with output.atomic(target) as stream:
            stream.write("{")
            raise RuntimeError("fails half way")
    assert list(tmp_path.iterdir()) == []


def test_outputs_carry_their_provenance(tmp_path):
    text = output.json_text({"x": 1.0, "y": float("inf")}, {"mass_GeV": 0.1})
    document = json.loads(text, parse_constant=lambda name: pytest.fail(f"non-standard JSON {name}"))
    assert document["y"] is None and document["metadata"]["inputs"] == {"mass_GeV": 0.1}
    assert document["metadata"]["kaonlib"]
    path = tmp_path / "t.csv"
    output.write_text(path, output.csv_text([{"a": 1.5, "b": float("nan")}], ["a", "b"], {"n": 2}))
    assert output.read_csv(path) == [{"a": "1.5", "b": ""}]
    assert path.read_text().startswith("# kaonlib: ")


def test_figure_suffix_is_checked_first():
    with pytest.raises(output.InputError, match="must end in"):
        output.check_figure_path("reach.xyz")
