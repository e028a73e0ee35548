#!/usr/bin/env python3
"""Measure docket against omindex/quest, SQLite FTS5 and ripgrep on one corpus.

The steps all use the same generated text. gencorpus.py generates the
corpus and textmirror.py copies it as plain text for FTS5. The three
indexes are built and compacted, and docket-index runs again over the
unchanged corpus. The fixed query set (queries.tsv) runs through
docket-search, quest, sqlite3 and rg. Last, the results go to
bench/results/SIZE.json and the results section of docs/benchmarks.md.

Every program runs as its own process. Wall time comes from a monotonic
clock around spawn and wait4(), CPU time from the rusage of wait4(). Peak
RSS comes from /usr/bin/time -f %M around the indexers and around the
warm-up run of each query: a child forked straight from this Python
process would inherit its resident size as a floor of ru_maxrss.
"""

import argparse
import datetime
import json
import math
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import report  # noqa: E402

TOOLS = ("docket", "quest", "fts5", "rg")
QUEST_LIMIT = 20
FTS5_LIMIT = 20
BASELINE_RUNS = 50
# Runs per rg query above LARGE_CORPUS bytes, where one rg run reads the
# whole corpus and 20 runs of 28 queries would take most of the time budget.
LARGE_CORPUS = 300_000_000
LARGE_CORPUS_RG_RUNS = 5
PROFILE_HZ = 149
PROFILE_BYTES = 100_000_000


TIME = "/usr/bin/time"
# The line docket-search --timing writes on stderr.
DOCKET_TIMING = re.compile(r"^docket-search: time: ([0-9.]+) ms$", re.MULTILINE)


class Measurement:
    """Wall time, CPU time, peak RSS (None unless asked for) and exit status of a process."""

    def __init__(self, wall, rusage, status, rss_kb):
        self.wall = wall
        self.user = rusage.ru_utime
        self.sys = rusage.ru_stime
        self.rss_kb = rss_kb
        self.status = status


def run_measured(argv, stdout_path, stderr_path, cwd=None, rss=False):
    """Run argv with stdout and stderr written to files; return its Measurement.

    With rss, argv runs under /usr/bin/time, which adds its own start-up to
    the wall time; use it for the indexers and for untimed runs only.
    """
    rss_path = stderr_path + ".rss"
    if rss:
        argv = [TIME, "-f", "%M", "-o", rss_path, "--"] + list(argv)
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=err, cwd=cwd)
        _, status, rusage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = None
    if rss:
        with open(rss_path, encoding="utf-8") as handle:
            # time prints "Command exited with non-zero status N" first on failure.
            rss_kb = int(handle.read().split()[-1])
    return Measurement(wall, rusage, process.returncode, rss_kb)


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def tree_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, names in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, name)) for name in names)
    return total


def docket_commit():
    """Return the short commit of the source tree, with -dirty when its code has changes."""
    root = os.path.dirname(BENCH_DIR)
    try:
        head = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        changes = subprocess.run(["git", "-C", root, "status", "--porcelain", "--",
                                  "lib", "indexer", "searcher", "include", "CMakeLists.txt"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("-dirty" if changes else "")


def load_average():
    """Return the 1-minute load average: other work on the machine skews the timings."""
    with open("/proc/loadavg", encoding="utf-8") as handle:
        return float(handle.read().split()[0])


def table_bytes(database):
    """Return the size of each table file of a Xapian glass database."""
    return {name.split(".")[0]: os.path.getsize(os.path.join(database, name))
            for name in sorted(os.listdir(database)) if name.endswith(".glass")}


def remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def percentile(values, fraction):
    """Return the nearest-rank percentile of values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Bench:
    """One benchmark run at one corpus size."""

    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        self.bin = os.path.abspath(args.bin)
        self.size = args.size.upper()
        self.corpus = os.path.join(self.work, f"corpus-{self.size}")
        self.mirror = os.path.join(self.work, f"text-{self.size}")
        self.docket_index = os.path.join(self.work, f"docket-{self.size}")
        self.omega = os.path.join(self.work, f"omega-{self.size}")
        self.omega_compact = self.omega + "-compact"
        self.fts5 = os.path.join(self.work, f"fts5-{self.size}.db")
        self.logs = os.path.join(self.work, "logs")
        self.results = {}

    def log(self, message):
        print(f"bench: {message}", flush=True)

    def program(self, name):
        path = os.path.join(self.bin, name)
        if not os.access(path, os.X_OK):
            sys.exit(f"bench: {name} not found in {self.bin}: build docket first")
        return path

    def run(self, argv, label, cwd=None, rss=False):
        return run_measured(argv, os.path.join(self.logs, label + ".out"),
                            os.path.join(self.logs, label + ".err"), cwd, rss)

    def run_checked(self, argv, label, cwd=None, allowed=(0,)):
        """Run an indexing step under /usr/bin/time; stop the benchmark if it fails."""
        measurement = self.run(argv, label, cwd, rss=True)
        if measurement.status not in allowed:
            err = read_text(os.path.join(self.logs, label + ".err"))[-2000:]
            sys.exit(f"bench: {label} failed with exit status {measurement.status}: "
                     f"{shlex.join(argv)}\n{err}")
        return measurement

    # Set-up

    def check_tools(self):
        versions = {}
        for name in ("omindex", "quest", "xapian-compact", "sqlite3", "rg", TIME):
            if not shutil.which(name):
                sys.exit(f"bench: {name} not found; run make bench as root once, "
                         f"or install xapian-omega xapian-tools sqlite3 ripgrep time")
        probe = subprocess.run(["sqlite3", ":memory:",
                                "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='porter');"],
                               capture_output=True, text=True)
        if probe.returncode != 0:
            sys.exit(f"bench: sqlite3 has no FTS5: {probe.stderr.strip()}")
        commands = {
            "docket": [self.program("docket-search"), "--version"],
            "omindex": ["omindex", "--version"],
            "quest": ["quest", "--version"],
            "sqlite3": ["sqlite3", "--version"],
            "rg": ["rg", "--version"],
            "xapian-core": ["xapian-config", "--version"],
        }
        for name, argv in commands.items():
            try:
                output = subprocess.run(argv, capture_output=True, text=True).stdout
                versions[name] = output.strip().splitlines()[0] if output.strip() else "unknown"
            except OSError:
                versions[name] = "unknown"
        versions["docket commit"] = docket_commit()
        versions["python"] = sys.version.split()[0]
        versions["kernel"] = os.uname().release
        return versions

    def machine(self):
        model = "unknown"
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        memory_kb = 0
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory_kb = int(line.split()[1])
        return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(memory_kb / 2**20, 1),
                "load_at_start": load_average()}

    def prepare_corpus(self):
        # Both steps run as child processes so this process stays small.
        self.log(f"generating the {self.size} corpus in {self.corpus}")
        start = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(BENCH_DIR, "gencorpus.py"),
                        "--source", self.args.source, "--out", self.corpus,
                        "--size", self.size, "--seed", str(self.args.seed)], check=True)
        with open(self.corpus + ".stamp.json", encoding="utf-8") as handle:
            stamp = json.load(handle)
        generate_seconds = time.perf_counter() - start
        self.log(f"corpus: {stamp['files']} files, {stamp['bytes'] / 1e6:.1f} MB "
                 f"({generate_seconds:.1f} s)")
        start = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(BENCH_DIR, "textmirror.py"),
                        self.corpus, self.mirror], check=True)
        with open(self.mirror + ".stamp.json", encoding="utf-8") as handle:
            text = json.load(handle)
        mirror_seconds = time.perf_counter() - start
        self.log(f"extracted text for FTS5: {text['bytes'] / 1e6:.1f} MB ({mirror_seconds:.1f} s)")
        self.results["corpus"] = {
            "files": stamp["files"], "bytes": stamp["bytes"],
            "family_bytes": stamp["family_bytes"], "seed": stamp["seed"],
            "text_bytes": text["bytes"], "text_seconds": round(mirror_seconds, 2),
        }

    # Indexing

    def index_docket(self):
        remove(self.docket_index)
        argv = [self.program("docket-index"), "-d", self.docket_index, self.corpus]
        self.log("indexing with docket-index")
        first = self.run_checked(argv, "docket-index", allowed=(0, 1))
        summary = read_text(os.path.join(self.logs, "docket-index.err")) + \
            read_text(os.path.join(self.logs, "docket-index.out"))
        summary_line = [line for line in summary.splitlines() if "records" in line][-1:]
        records = re.search(r"holds (\d+) records", summary)
        failed = re.search(r"(\d+) failed", summary)
        self.log("docket-index again over the unchanged corpus")
        rerun = self.run_checked(argv, "docket-index-rerun", allowed=(0, 1))
        return {
            "seconds": first.wall, "cpu_seconds": first.user + first.sys,
            "rss_kb": first.rss_kb, "bytes": tree_bytes(self.docket_index),
            "tables": table_bytes(self.docket_index),
            "records": int(records.group(1)) if records else None,
            # The index path is replaced, so no local path reaches the docs.
            "summary": summary_line[0].replace(self.work, "$BENCH_WORK") if summary_line else "",
            "failed_files": int(failed.group(1)) if failed else None,
            "rerun_seconds": rerun.wall, "rerun_rss_kb": rerun.rss_kb,
        }

    def index_omindex(self):
        remove(self.omega)
        remove(self.omega_compact)
        argv = ["omindex", "--db", self.omega, "--url", "/",
                "--mime-type=md:text/plain", "--mime-type=txt:text/plain", self.corpus]
        self.log("indexing with omindex")
        first = self.run_checked(argv, "omindex")
        uncompacted = tree_bytes(self.omega)
        self.log("compacting with xapian-compact")
        compact = self.run_checked(["xapian-compact", self.omega, self.omega_compact],
                                   "xapian-compact")
        self.log("omindex again over the unchanged corpus")
        rerun = self.run_checked(argv, "omindex-rerun")
        return {
            "seconds": first.wall + compact.wall, "index_seconds": first.wall,
            "compact_seconds": compact.wall, "cpu_seconds": first.user + first.sys,
            "rss_kb": max(first.rss_kb, compact.rss_kb), "index_rss_kb": first.rss_kb,
            "bytes": tree_bytes(self.omega_compact), "bytes_uncompacted": uncompacted,
            "tables": table_bytes(self.omega_compact),
            "rerun_seconds": rerun.wall,
        }

    def index_fts5(self):
        remove(self.fts5)
        mirror_name = os.path.basename(self.mirror)
        load = ("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, "
                "tokenize='porter unicode61');\n"
                "INSERT INTO docs(path, body) SELECT name, CAST(data AS TEXT) "
                f"FROM fsdir('{mirror_name}') WHERE (mode & 61440) = 32768;\n")
        self.log("loading SQLite FTS5")
        first = self.run_checked(["sqlite3", self.fts5, load], "fts5-load", cwd=self.work)
        self.log("optimising and vacuuming SQLite FTS5")
        optimise = self.run_checked(
            ["sqlite3", self.fts5, "INSERT INTO docs(docs) VALUES('optimize'); VACUUM;"],
            "fts5-optimize")
        return {
            "seconds": first.wall + optimise.wall, "load_seconds": first.wall,
            "optimize_seconds": optimise.wall, "cpu_seconds": first.user + first.sys,
            "rss_kb": max(first.rss_kb, optimise.rss_kb), "bytes": tree_bytes(self.fts5),
        }

    # Searching

    def load_queries(self):
        queries = []
        with open(self.args.queries, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) != 6:
                    sys.exit(f"bench: {self.args.queries}:{number}: expected 6 "
                             f"tab-separated fields, found {len(fields)}")
                name, kind, docket, quest, fts5, rg = fields
                queries.append({"name": name, "kind": kind, "docket": docket,
                                "quest": quest, "fts5": fts5, "rg": rg})
        return queries

    def search_argv(self, tool, query, count=False):
        if tool == "docket":
            argv = [self.program("docket-search"), "-d", self.docket_index]
            extra = ["--count"] if count else ["--timing"]
            return argv + shlex.split(query["docket"]) + extra
        if tool == "quest":
            limit = ["-m", "0", "-c", "1000000000"] if count else ["-m", str(QUEST_LIMIT)]
            return ["quest", "-d", self.omega_compact, "-o", "and", "-f", "default,wildcard",
                    *limit, query["quest"]]
        if tool == "fts5":
            match = query["fts5"].replace("'", "''")
            if count:
                sql = f"SELECT count(*) FROM docs WHERE docs MATCH '{match}';"
            else:
                sql = (f"SELECT path, snippet(docs, 1, '[', ']', '...', 12) FROM docs "
                       f"WHERE docs MATCH '{match}' ORDER BY rank LIMIT {FTS5_LIMIT};")
            return ["sqlite3", "-readonly", self.fts5, sql]
        return ["rg", "-c", *shlex.split(query["rg"]), self.corpus]

    def baseline_argv(self, tool):
        return {
            "docket": [self.program("docket-search"), "--version"],
            "quest": ["quest", "--version"],
            "fts5": ["sqlite3", ":memory:", "select 1"],
            "rg": ["rg", "--version"],
        }[tool]

    def hit_count(self, tool, query):
        """Return the number of matches: records for docket, files for the others."""
        label = f"count-{tool}"
        measurement = self.run(self.search_argv(tool, query, count=tool != "rg"), label)
        output = read_text(os.path.join(self.logs, label + ".out"))
        if measurement.status not in (0, 1):
            return None
        if tool == "quest":
            found = re.search(r"(?:Exactly|About) (\d+) match", output)
            return int(found.group(1)) if found else None
        if tool == "rg":
            return len(output.splitlines())
        found = re.search(r"\d+", output)
        return int(found.group()) if found else 0

    def time_runs(self, argv, runs, label):
        """Return (peak RSS of an untimed warm-up run, Measurements of the timed runs)."""
        warm_up = self.run(argv, label, rss=True)
        return warm_up.rss_kb, [self.run(argv, label) for _ in range(runs)]

    def time_docket_runs(self, argv, runs, label):
        """Return what time_runs does, plus the seconds each run reported with --timing."""
        warm_up = self.run(argv, label, rss=True)
        measured = []
        reported = []
        for _ in range(runs):
            measured.append(self.run(argv, label))
            stderr = read_text(os.path.join(self.logs, label + ".err"))
            found = DOCKET_TIMING.search(stderr)
            if not found:
                sys.exit(f"bench: no --timing line from {shlex.join(argv)}:\n{stderr[-2000:]}")
            reported.append(float(found.group(1)) / 1000)
        return warm_up.rss_kb, measured, reported

    def search(self):
        runs = self.args.runs
        queries = self.load_queries()
        baselines = {}
        for tool in TOOLS:
            _, measured = self.time_runs(self.baseline_argv(tool), BASELINE_RUNS,
                                         f"baseline-{tool}")
            baselines[tool] = statistics.median(m.wall for m in measured)
        per_tool = {tool: {"walls": [], "in_process": [], "rss_kb": 0} for tool in TOOLS}
        per_query = []
        for query in queries:
            entry = {"name": query["name"], "kind": query["kind"]}
            for tool in TOOLS:
                tool_runs = runs if tool != "rg" else self.args.rg_runs
                argv = self.search_argv(tool, query)
                if tool == "docket":
                    rss_kb, measured, in_process = self.time_docket_runs(
                        argv, tool_runs, f"query-{tool}")
                else:
                    rss_kb, measured = self.time_runs(argv, tool_runs, f"query-{tool}")
                    in_process = [max(0.0, m.wall - baselines[tool]) for m in measured]
                statuses = sorted({m.status for m in measured})
                walls = [m.wall for m in measured]
                per_tool[tool]["walls"].extend(walls)
                per_tool[tool]["in_process"].extend(in_process)
                per_tool[tool]["rss_kb"] = max(per_tool[tool]["rss_kb"], rss_kb)
                entry[tool] = {"p50": statistics.median(walls), "max": max(walls),
                               "status": statuses, "hits": self.hit_count(tool, query)}
            self.log(f"{query['name']}: " + ", ".join(
                f"{tool} {entry[tool]['p50'] * 1000:.1f} ms ({entry[tool]['hits']})"
                for tool in TOOLS))
            per_query.append(entry)
        tools = {}
        for tool in TOOLS:
            walls = per_tool[tool]["walls"]
            in_process = per_tool[tool]["in_process"]
            tools[tool] = {
                "runs": len(walls), "p50": percentile(walls, 0.5), "p99": percentile(walls, 0.99),
                "in_process_p50": percentile(in_process, 0.5),
                "in_process_p99": percentile(in_process, 0.99),
                "baseline": baselines[tool], "rss_kb": per_tool[tool]["rss_kb"],
            }
        return {"runs": runs, "rg_runs": self.args.rg_runs, "tools": tools,
                "queries": per_query, "docket_timing": True}

    # Profile

    def profile(self):
        """Record docket-index with perf on a fresh index and write two reports.

        The self-time report lists the hottest functions; the inclusive one
        splits the time into extraction, parsing, term generation and
        Xapian's updates and commits.
        """
        if not shutil.which("perf"):
            self.log("perf not found: skipping the profile")
            return
        index = os.path.join(self.work, f"docket-profile-{self.size}")
        data = os.path.join(self.work, f"perf-{self.size}.data")
        remove(index)
        # DWARF call graphs, because the build has no frame pointers. About
        # 30 KB a sample, so the rate falls with the corpus size.
        frequency = max(10, int(PROFILE_HZ * PROFILE_BYTES / self.results["corpus"]["bytes"]))
        self.log(f"profiling docket-index with perf record at {min(frequency, PROFILE_HZ)} Hz")
        self.run_checked(["perf", "record", "-F", str(min(frequency, PROFILE_HZ)),
                          "--call-graph", "dwarf,32768", "-o", data, "--",
                          self.program("docket-index"), "-q", "-d", index, self.corpus],
                         "perf-record", allowed=(0, 1))
        out = os.path.join(self.work, f"profile-{self.size}.txt")
        report_argv = ["perf", "report", "-i", data, "--stdio", "-g", "none"]
        with open(out, "w", encoding="utf-8") as handle:
            handle.write("# Self time by function\n")
            handle.flush()
            subprocess.run(report_argv + ["--no-children", "--sort", "dso,symbol",
                                          "--percent-limit", "0.5"],
                           stdout=handle, stderr=subprocess.DEVNULL, check=False)
            handle.write("\n# Time including callees\n")
            handle.flush()
            subprocess.run(report_argv + ["--children", "--sort", "symbol",
                                          "--percent-limit", "1.5"],
                           stdout=handle, stderr=subprocess.DEVNULL, check=False)
        remove(index)
        remove(data)
        self.log(f"profile written to {out}")

    def clean(self):
        for path in (self.docket_index, self.omega, self.omega_compact, self.fts5, self.mirror,
                     self.mirror + ".stamp.json"):
            remove(path)

    def measure(self):
        self.results = {
            "size": self.size, "command": self.args.command,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": self.machine(), "versions": self.check_tools(),
        }
        self.prepare_corpus()
        self.results["index"] = {"docket": self.index_docket(),
                                 "omindex": self.index_omindex(),
                                 "fts5": self.index_fts5()}

        self.log(f"running {len(self.load_queries())} queries")
        if self.args.rg_runs is None:
            large = self.results["corpus"]["bytes"] > LARGE_CORPUS
            self.args.rg_runs = min(self.args.runs, LARGE_CORPUS_RG_RUNS) if large \
                else self.args.runs
        self.results["search"] = self.search()

    def publish(self):
        path = report.save(self.results, self.args.results)
        print()
        print(report.ratio_table(self.results))
        print()
        print(report.target_table(self.results))
        report.update_doc(self.args.doc, self.args.results)
        self.log(f"results written to {path} and {self.args.doc}")

    def main(self):
        os.makedirs(self.logs, exist_ok=True)
        started = time.perf_counter()
        self.measure()
        if self.args.profile:
            self.profile()
        self.results["bench_seconds"] = round(time.perf_counter() - started, 1)
        self.results["machine"]["load_at_end"] = load_average()
        self.publish()

        if not self.args.keep:
            self.clean()
            self.log(f"indexes removed; the corpus stays in {self.corpus} "
                     f"(make bench-clean removes it)")


def parse_args():
    root = os.path.dirname(BENCH_DIR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100M", help="corpus size, e.g. 100M or 1G")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--bin", default=os.path.join(root, "build"),
                        help="folder containing docket-index and docket-search")
    parser.add_argument("--source", default=os.path.join(root, "..", "shared", "corpus"),
                        help="folder of real documents the corpus is made from")
    parser.add_argument("--work", default=os.path.join(root, "build", "bench"),
                        help="folder for the corpus, indexes and logs")
    parser.add_argument("--queries", default=os.path.join(root, "bench", "queries.tsv"))
    parser.add_argument("--results", default=os.path.join(root, "bench", "results"),
                        help="folder of the per-size result files")
    parser.add_argument("--doc", default=os.path.join(root, "docs", "benchmarks.md"))
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--rg-runs", type=int, default=None,
                        help="timed runs per query for rg (default: --runs, at most "
                             f"{LARGE_CORPUS_RG_RUNS} above {LARGE_CORPUS // 10**6} MB)")
    parser.add_argument("--profile", action="store_true",
                        help="also record docket-index with perf")
    parser.add_argument("--keep", action="store_true",
                        help="keep the indexes and the text copy after the run")
    parser.add_argument("--command", default=" ".join(sys.argv),
                        help="the command line recorded with the results")
    return parser.parse_args()


def main():
    args = parse_args()
    if args.runs < 1 or (args.rg_runs is not None and args.rg_runs < 1):
        sys.exit("bench: --runs and --rg-runs must be at least 1")
    if not os.path.isdir(args.source):
        sys.exit(f"bench: source corpus not found: {args.source} (expected the shared "
                 f"corpus beside the repository)")
    Bench(args).main()


if __name__ == "__main__":
    main()
