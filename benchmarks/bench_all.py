"""Every scale benchmark in one command: throughput, memory, Dask one worker against two.

    PYTHONPATH=src python benchmarks/bench_all.py [--quick]

Runs bench_throughput.py, bench_memory.py and bench_dask.py one after another (never in parallel, so they
do not compete for the cores) and prints their output. ``--quick`` uses smaller corpora (a smoke run).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FULL = {"bench_throughput.py": ["--docs", "400"], "bench_memory.py": ["--sizes", "1000", "10000"],
        "bench_dask.py": ["--docs", "600"]}
QUICK = {"bench_throughput.py": ["--docs", "60"], "bench_memory.py": ["--sizes", "100", "300"],
         "bench_dask.py": ["--docs", "80"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpora: a smoke run")
    args = parser.parse_args()
    env = dict(os.environ)
    src = HERE.parent / "src"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), str(src), env.get("PYTHONPATH")]))
    for script, options in (QUICK if args.quick else FULL).items():
        print(f"== {script} {' '.join(options)}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / script), *options], env=env)
        if result.returncode:
            sys.exit(f"{script} failed with exit code {result.returncode}")


if __name__ == "__main__":
    main()
