"""Measure what one participant needs: run a course notebook top to bottom with nbclient and
report the kernel's peak resident memory (RSS, the kernel and its child processes, sampled
every 50 ms with psutil) and its CPU time.

    .venv/bin/python deploy/measure_kernel.py course/en/05_levers_for_leaders.ipynb

deploy/README.md gives the numbers and the sizes based on them.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient


def measure(path: Path) -> dict[str, float]:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    peak = 0
    done = threading.Event()

    def sample(process: psutil.Process) -> None:
        nonlocal peak
        while not done.is_set():
            try:
                rss = sum(p.memory_info().rss for p in [process, *process.children(True)])
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    start = time.monotonic()
    with client.setup_kernel():
        kernel = psutil.Process(client.km.provisioner.process.pid)
        watcher = threading.Thread(target=sample, args=(kernel,), daemon=True)
        watcher.start()
        before = kernel.cpu_times()
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        after = kernel.cpu_times()
        done.set()
        watcher.join()
    wall = time.monotonic() - start
    cpu = (after.user + after.system) - (before.user + before.system)
    return {"peak_rss_mib": peak / 2**20, "wall_s": wall, "cpu_s": cpu}


if __name__ == "__main__":
    for name in sys.argv[1:] or ["course/en/05_levers_for_leaders.ipynb"]:
        result = measure(Path(name))
        print(
            f"{name}: peak kernel RSS {result['peak_rss_mib']:.0f} MiB, "
            f"{result['cpu_s']:.1f} s CPU in {result['wall_s']:.1f} s "
            f"({result['cpu_s'] / result['wall_s']:.2f} cores while running)"
        )
