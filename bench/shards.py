#!/usr/bin/env python3
"""Measure docket-search over 1, 2 and 4 shards, local and remote.

Builds a generated corpus (bench/gencorpus.py) into one index and into
sharded indexes, serves the shards of each layout with xapian-tcpsrv on
127.0.0.1, and runs a fixed query set through docket-search: median and
p99 latency of the whole process, and throughput with two clients. Prints
a Markdown table; every server it starts is stopped before it exits.

Usage: shards.py --bin BUILD --source ../shared/corpus --work DIR [--size 50M]
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

QUERIES = [
    "security",
    '"security association"',
    "bootstrapping OR provisioning",
    "type:contribution status:agreed",
    "company:huawei",
    "--facets=company,spec,status company:ericsson",
    "S2-187144",
    "date:2018 network slice",
]
REPEATS = 15


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"xapian-tcpsrv on port {port} did not start")


def search_args(indexes, query):
    flags = [flag for path in indexes for flag in ("-d", path)]
    words = query.split(" ", 1) if query.startswith("--") else [query]
    return flags + ["--format=json", "--limit=20"] + words


def timed_search(binary, indexes, query):
    start = time.perf_counter()
    proc = subprocess.run([binary, *search_args(indexes, query)], capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr.decode())
    return elapsed


def measure(binary, indexes):
    latencies = [timed_search(binary, indexes, q) for _ in range(REPEATS) for q in QUERIES]
    latencies.sort()
    jobs = [q for _ in range(REPEATS) for q in QUERIES]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda q: timed_search(binary, indexes, q), jobs))
    throughput = len(jobs) / (time.perf_counter() - start)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return statistics.median(latencies) * 1000, p99 * 1000, throughput


def build(bindir, corpus, path, shards):
    args = [os.path.join(bindir, "docket-index"), "-q", "-d", path, corpus]
    if shards > 1:
        args.insert(2, f"--shards={shards}")
    subprocess.run(args, check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--size", default="50M")
    args = parser.parse_args()

    corpus = os.path.join(args.work, "corpus")
    if not os.path.isdir(corpus):
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([sys.executable, os.path.join(here, "gencorpus.py"), "--source",
                        args.source, "--out", corpus, "--size", args.size], check=True)
    search = os.path.join(args.bin, "docket-search")
    servers = []
    rows = []
    try:
        for shards in (1, 2, 4):
            path = os.path.join(args.work, f"index-{shards}")
            if not os.path.isdir(path):
                build(args.bin, corpus, path, shards)
            shard_paths = ([path] if shards == 1 else
                           [os.path.join(path, f"shard-{i}") for i in range(shards)])
            rows.append((shards, "local", *measure(search, [path])))
            remotes = []
            for shard in shard_paths:
                port = free_port()
                servers.append(subprocess.Popen(
                    ["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), shard],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                wait_for(port)
                remotes.append(f"tcp://127.0.0.1:{port}")
            rows.append((shards, "remote (loopback)", *measure(search, remotes)))
    finally:
        for server in servers:
            server.kill()
            server.wait()

    print("| shards | where | median ms | p99 ms | queries/s (2 clients) |")
    print("|---|---|---|---|---|")
    for shards, where, median, p99, qps in rows:
        print(f"| {shards} | {where} | {median:.1f} | {p99:.1f} | {qps:.1f} |")


if __name__ == "__main__":
    main()
