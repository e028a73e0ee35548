"""Turn benchmark results into Markdown tables and the results section of the docs.

Each run's results are kept as bench/results/SIZE.json. The results
section of docs/benchmarks.md is rebuilt from all of those files, so a 100M
run replaces the 100M section and leaves a 1G section in place.
"""

import json
import os
import re

START_MARKER = "<!-- results:start: written by bench/run.py; edits up to results:end are lost -->"
END_MARKER = "<!-- results:end -->"
PEERS = (("quest", "omindex", "omindex + quest"), ("fts5", "fts5", "SQLite FTS5"),
         ("rg", None, "rg"))
MB = 1e6


def save(results, folder):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{results['size']}.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)
        handle.write("\n")
    return path


def load_all(folder):
    results = []
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    results.append(json.load(handle))
    return sorted(results, key=lambda r: r["corpus"]["bytes"])


def number(value, digits=1):
    if value is None:
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def ratio(mine, theirs):
    if mine is None or theirs is None or theirs == 0:
        return "n/a"
    return f"{mine / theirs:.2f}"


def milliseconds(seconds):
    return None if seconds is None else seconds * 1000


def index_rows(results):
    """Return (label, docket, {indexer: value}) rows of the indexing metrics."""
    index = results["index"]
    corpus_mb = results["corpus"]["bytes"] / MB
    text_bytes = results["corpus"]["text_bytes"]

    def each(function):
        return {name: function(index[name]) for name in ("docket", "omindex", "fts5")}

    rows = [
        ("Index build, s (omindex: + xapian-compact; FTS5: + optimize, VACUUM)",
         each(lambda i: i["seconds"])),
        ("Throughput, MB of corpus per s", each(lambda i: corpus_mb / i["seconds"])),
        ("Indexer CPU time, user + system, s (omindex: without xapian-compact)", each(lambda i: i.get("cpu_seconds"))),
        ("Indexer peak RSS, MB", each(lambda i: i["rss_kb"] * 1024 / MB)),
        ("Index size after compaction, MB", each(lambda i: i["bytes"] / MB)),
        ("Index size / extracted text", each(lambda i: i["bytes"] / text_bytes)),
        ("Index size without positions / extracted text (docket: --no-positions)",
         each(lambda i: no_positions_bytes(i) / text_bytes if "tables" in i else None)),
        ("Second run over the unchanged corpus, s", each(lambda i: i.get("rerun_seconds"))),
    ]
    return rows


def search_rows(results):
    tools = results["search"]["tools"]

    def each(key, scale=milliseconds):
        return {tool: scale(values[key]) for tool, values in tools.items()}

    # Results from before docket-search had --timing derive docket's
    # in-process time from the start-up baseline, as for the peers.
    in_process_source = "derived"
    if results["search"].get("docket_timing"):
        in_process_source = "docket: --timing, peers: derived"
    return [
        ("Start-up baseline (--version), ms", each("baseline")),
        ("Query p50, whole process, ms", each("p50")),
        ("Query p99, whole process, ms", each("p99")),
        (f"Query p50, in process ({in_process_source}), ms", each("in_process_p50")),
        (f"Query p99, in process ({in_process_source}), ms", each("in_process_p99")),
        ("Searcher peak RSS, MB", each("rss_kb", lambda kb: kb * 1024 / MB)),
    ]


def ratio_table(results):
    """Return the Markdown table of docket's figures over each peer's."""
    lines = [
        "| metric | docket | omindex / quest | docket / omindex | SQLite FTS5 | docket / FTS5 "
        "| rg | docket / rg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, values in index_rows(results):
        mine = values["docket"]
        cells = [label, number(mine, 2)]
        for peer in ("omindex", "fts5"):
            cells += [number(values[peer], 2), ratio(mine, values[peer])]
        cells += ["", ""]
        lines.append("| " + " | ".join(cells) + " |")
    for label, values in search_rows(results):
        mine = values["docket"]
        cells = [label, number(mine, 2)]
        for peer in ("quest", "fts5", "rg"):
            cells += [number(values[peer], 2), ratio(mine, values[peer])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def no_positions_bytes(index):
    """Bytes of a compacted Xapian index less its position table: what
    docket-index --no-positions builds, as its other tables do not change."""
    return index["bytes"] - index["tables"].get("position", 0)


def targets(results):
    """Return (target, measured, met) for each performance target of the design."""
    index = results["index"]
    tools = results["search"]["tools"]
    docket = index["docket"]
    throughput = index["omindex"]["seconds"] / docket["seconds"]
    size_ratio = docket["bytes"] / results["corpus"]["text_bytes"]
    bare_ratio = no_positions_bytes(docket) / results["corpus"]["text_bytes"]
    speedup = tools["rg"]["p50"] / tools["docket"]["p50"]
    rss_mb = docket["rss_kb"] * 1024 / MB
    rerun = docket["rerun_seconds"] / docket["seconds"]
    p50 = tools["docket"]["in_process_p50"] * 1000
    p99 = tools["docket"]["in_process_p99"] * 1000
    return [
        ("indexing throughput >= 2x omindex (omindex + xapian-compact)",
         f"{throughput:.2f}x", throughput >= 2),
        ("compacted index <= 0.9x the extracted text, with positions",
         f"{size_ratio:.2f}x", size_ratio <= 0.9),
        ("compacted index <= 0.5x the extracted text, with --no-positions",
         f"{bare_ratio:.2f}x", bare_ratio <= 0.5),
        ("in-process p50 < 3 ms (target at 1 GB)", f"{p50:.1f} ms", p50 < 3),
        ("in-process p99 < 25 ms (target at 1 GB)", f"{p99:.1f} ms", p99 < 25),
        ("docket-search whole-process median >= 20x faster than rg",
         f"{speedup:.1f}x", speedup >= 20),
        ("docket-index peak RSS < 300 MB", f"{rss_mb:.0f} MB", rss_mb < 300),
        ("second docket-index run < 5% of the first", f"{rerun * 100:.2f}%", rerun < 0.05),
    ]


def target_table(results):
    lines = ["| design target | measured | standing |", "|---|---:|---|"]
    for target, measured, met in targets(results):
        lines.append(f"| {target} | {measured} | {'met' if met else 'missed'} |")
    return "\n".join(lines)


def query_table(results):
    lines = [
        "| query | kind | docket ms (records) | quest ms (files) | FTS5 ms (files) "
        "| rg ms (files) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for query in results["search"]["queries"]:
        cells = [query["name"], query["kind"]]
        for tool in ("docket", "quest", "fts5", "rg"):
            entry = query[tool]
            failed = [s for s in entry["status"] if s not in (0, 1)]
            hits = "error" if failed else number(entry["hits"], 0)
            cells.append(f"{entry['p50'] * 1000:.1f} ({hits})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def describe_run(results):
    machine = results["machine"]
    versions = results["versions"]
    corpus = results["corpus"]
    families = ", ".join(f"{name} {value / MB:.1f} MB"
                         for name, value in sorted(corpus["family_bytes"].items()))
    docket = results["index"]["docket"]
    search = results["search"]
    return "\n".join([
        f"- Command: `{results['command']}` ({results['bench_seconds'] / 60:.1f} min in all)",
        f"- Date: {results['date']}",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gib']} GiB memory; load average {machine['load_at_start']:.2f} "
        f"at the start, {machine['load_at_end']:.2f} at the end",
        "- Software: " + "; ".join(f"{name}: {value}" for name, value in versions.items()),
        f"- Corpus: {corpus['files']:,} files, {corpus['bytes'] / MB:.1f} MB ({families}), "
        f"seed {corpus['seed']}; extracted text {corpus['text_bytes'] / MB:.1f} MB",
        f"- docket-index summary: `{docket['summary']}`",
        "- Index tables after compaction, MB: " + "; ".join(
            f"{name}: " + ", ".join(f"{table} {size / MB:.1f}"
                                    for table, size in results["index"][name]["tables"].items())
            for name in ("docket", "omindex")),
        f"- Queries: {len(search['queries'])}, {search['runs']} timed runs each "
        f"({search['rg_runs']} for rg) after one warm-up run",
    ])


def size_section(results):
    return "\n\n".join([
        f"### {results['size']}",
        describe_run(results),
        "Ratios are docket's figure over the peer's: below 1 is better for docket in "
        "every row.",
        ratio_table(results),
        "Where the design targets stand at this size:",
        target_table(results),
        "Median whole-process time per query, with the number of matches (docket "
        "counts records, the others files):",
        query_table(results),
    ])


def growth_table(all_results):
    lines = [
        "| corpus | docket-index s | MB/s | peak RSS MB | index / text | omindex + compact s "
        "| FTS5 s | docket p50 ms | rg p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for results in all_results:
        index = results["index"]
        docket = index["docket"]
        tools = results["search"]["tools"]
        corpus_mb = results["corpus"]["bytes"] / MB
        lines.append("| " + " | ".join([
            f"{results['size']} ({corpus_mb:.0f} MB)", number(docket["seconds"]),
            number(corpus_mb / docket["seconds"], 2), number(docket["rss_kb"] * 1024 / MB),
            number(docket["bytes"] / results["corpus"]["text_bytes"], 2),
            number(index["omindex"]["seconds"]), number(index["fts5"]["seconds"]),
            number(tools["docket"]["p50"] * 1000), number(tools["rg"]["p50"] * 1000),
        ]) + " |")
    return "\n".join(lines)


def results_section(all_results):
    parts = [START_MARKER, ""]
    if len(all_results) > 1:
        parts += ["How the cost grows with the corpus:", "", growth_table(all_results), ""]
    for results in all_results:
        parts += [size_section(results), ""]
    parts.append(END_MARKER)
    return "\n".join(parts)


def update_doc(doc, folder):
    """Replace the results section of doc with the tables of every saved result."""
    section = results_section(load_all(folder))
    try:
        with open(doc, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        text = "# Benchmarks\n"
    pattern = re.compile(re.escape(START_MARKER) + ".*?" + re.escape(END_MARKER), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + section + "\n"
    with open(doc, "w", encoding="utf-8") as handle:
        handle.write(text)
