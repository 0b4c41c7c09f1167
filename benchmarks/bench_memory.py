"""Peak memory of `tacitus code` for 1,000 and 10,000 generated documents, measured in one run.

    python benchmarks/bench_memory.py [--sizes 1000 10000] [--processes 1]

Writes each corpus as JSON Lines to a temporary folder, runs ``python -m tacitus code FILE --processes P``
(events to /dev/null) and samples the resident memory of the process and of its workers every 0.1 s with
psutil. Prints the peak of the main process, the peak of the sum over the process tree, and the kernel's
ru_maxrss of the largest child; then the ratio of the peaks between the largest and the smallest corpus
(flat memory: a ratio near 1).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from corpus import generate, write_jsonl

MB = 1024 * 1024


def peak_rss(command: list[str]) -> tuple[float, float, float, float]:
    """Run ``command``; return seconds, peak RSS of the main process and of the whole tree (MB), exit code."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    main_peak = tree_peak = 0
    while process.poll() is None:
        try:
            main = watched.memory_info().rss
            tree = main + sum(child.memory_info().rss for child in watched.children(recursive=True))
        except psutil.Error:
            continue
        main_peak, tree_peak = max(main_peak, main), max(tree_peak, tree)
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.read().decode()[-2000:]}")
    return seconds, main_peak / MB, tree_peak / MB, float(process.returncode)



def load_note() -> str:
    """The machine's load, printed with the figures: other work on the cores lowers every rate."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    print(load_note())
    peaks: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"corpus-{size}.jsonl"
            write_jsonl(generate(size), path)
            command = [sys.executable, "-m", "tacitus", "code", str(path), "--processes", str(args.processes)]
            seconds, main_peak, tree_peak, _ = peak_rss(command)
            children_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
            peaks[size] = tree_peak
            print(f"{size:>6} documents ({path.stat().st_size / MB:5.1f} MB JSONL), processes {args.processes}: "
                  f"{seconds:6.1f} s, {size / seconds:6.1f} docs/s; peak RSS main {main_peak:6.0f} MB, "
                  f"process tree {tree_peak:6.0f} MB, largest process so far (ru_maxrss) {children_max:6.0f} MB",
                  flush=True)
    small, large = min(peaks), max(peaks)
    if small != large:
        print(f"peak RSS {large:,} vs {small:,} documents: {peaks[large] / peaks[small]:.3f}x "
              f"({peaks[large] - peaks[small]:+.0f} MB for {large // small}x the documents)")


if __name__ == "__main__":
    main()
    print(load_note())
