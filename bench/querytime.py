#!/usr/bin/env python3
"""Time docket-search over the benchmark queries with its --timing option.

Runs each docket query of queries.tsv RUNS times against one index and
prints the median in-process time per query, then the nearest-rank p50
and p99 over all runs, as run.py computes them. It builds no corpus and
runs no peers, so it suits a quick before-and-after comparison of a
change to docket-search.
"""

import argparse
import math
import os
import re
import shlex
import statistics
import subprocess
import sys

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
TIMING = re.compile(r"^docket-search: time: ([0-9.]+) ms$", re.MULTILINE)


def percentile(values, fraction):
    """Return the nearest-rank percentile of values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def load_queries(path):
    """Return (name, docket arguments) for each query line of queries.tsv."""
    queries = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                fields = line.split("\t")
                queries.append((fields[0], shlex.split(fields[2])))
    return queries


def time_query(argv):
    """Run argv once; return the milliseconds docket-search reported."""
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    found = TIMING.search(done.stderr)
    if done.returncode not in (0, 1) or not found:
        sys.exit(f"querytime: {shlex.join(argv)} failed with exit status "
                 f"{done.returncode}: {done.stderr.strip()}")
    return float(found.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, help="folder containing docket-search")
    parser.add_argument("--index", required=True, help="index to search")
    parser.add_argument("--queries", default=os.path.join(BENCH_DIR, "queries.tsv"))
    parser.add_argument("--runs", type=int, default=10, help="timed runs per query (default 10)")
    parser.add_argument("--only", help="run only the queries whose name contains this")
    args = parser.parse_args()

    program = os.path.join(args.bin, "docket-search")
    everything = []
    for name, words in load_queries(args.queries):
        if args.only and args.only not in name:
            continue
        argv = [program, "-d", args.index, "--timing", *words]
        time_query(argv)  # warm-up, untimed
        times = [time_query(argv) for _ in range(args.runs)]
        everything.extend(times)
        print(f"{name:32} {statistics.median(times):8.2f} ms")
    if not everything:
        sys.exit("querytime: no query matched --only")
    print(f"{'p50':32} {percentile(everything, 0.5):8.2f} ms")
    print(f"{'p99':32} {percentile(everything, 0.99):8.2f} ms")


if __name__ == "__main__":
    main()
