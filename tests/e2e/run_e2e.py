#!/usr/bin/env python3
"""End-to-end tests: run docket-index and docket-search on temporary
indexes and check their JSON output with a JSON parser.

Never touches the user's default index: every run gets its own HOME and
an explicit -d.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS = None
MINUTES = "SEC-9.0 minutes (TP9, Mobile, 2014-02).txt"


def run(program, *args, env_extra=None):
    """Run a docket program; return (exit code, stdout, stderr)."""
    env = dict(os.environ)
    env.pop("DOCKET_INDEX", None)
    env["HOME"] = ARGS.home
    env.pop("XDG_DATA_HOME", None)
    if env_extra:
        env.update(env_extra)
    proc = subprocess.run([os.path.join(ARGS.bin, program), *args],
                          capture_output=True, env=env, timeout=600)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def search_json(index, *args):
    code, out, err = run("docket-search", "-d", index, "--format=json", *args)
    if code not in (0, 1):
        raise AssertionError(f"docket-search {args} exited {code}: {err}")
    return code, json.loads(out)


class BundledCorpus(unittest.TestCase):
    """Both programs on the repository's corpus/."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        cls.index = os.path.join(cls.tmp, "index")
        cls.code, _, cls.err = run("docket-index", "-d", cls.index,
                                   os.path.join(ARGS.source, "corpus"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_index_exit_code(self):
        self.assertEqual(self.code, 0, self.err)

    def test_index_summary(self):
        self.assertIn("1 files indexed", self.err)
        self.assertIn("0 failed", self.err)

    def test_json_fields(self):
        code, result = search_json(self.index, "security bootstrapping")
        self.assertEqual(code, 0)
        self.assertEqual(result["format_version"], 1)
        self.assertEqual(result["query"], "security bootstrapping")
        self.assertEqual(result["offset"], 0)
        self.assertEqual(result["limit"], 20)
        self.assertGreater(result["total"], 0)
        first = result["results"][0]
        for key in ("rank", "score", "id", "type", "title", "source", "snippet"):
            self.assertIn(key, first)
        self.assertEqual(first["rank"], 1)
        self.assertIn("type", result["facets"])

    def test_bootstrapping_ranks_minutes_first(self):
        _, result = search_json(self.index, "security bootstrapping")
        first = result["results"][0]
        self.assertTrue(first["source"]["path"].endswith(MINUTES))
        self.assertIn("bootstrapping", first["snippet"].lower())

    def test_highlights_cover_matches(self):
        _, result = search_json(self.index, "bootstrapping")
        ranges = [(r["snippet"], h) for r in result["results"] for h in r["highlights"]]
        self.assertTrue(ranges)
        for snippet, (start, end) in ranges:
            self.assertTrue(snippet[start:end].lower().startswith("bootstrap"), snippet)

    def test_type_facet_counts_total(self):
        _, result = search_json(self.index, "security")
        counts = sum(v["count"] for v in result["facets"]["type"])
        self.assertEqual(counts, result["total"])

    def test_limit_and_offset(self):
        _, whole = search_json(self.index, "security", "--limit=4")
        _, page = search_json(self.index, "security", "--limit=2", "--offset=2")
        self.assertEqual(len(page["results"]), 2)
        self.assertEqual(page["results"][0]["id"], whole["results"][2]["id"])
        self.assertEqual(page["results"][0]["rank"], 3)

    def test_no_match_exits_1(self):
        code, result = search_json(self.index, "xylophonequartz")
        self.assertEqual(code, 1)
        self.assertEqual(result["total"], 0)
        self.assertEqual(result["results"], [])

    def test_syntax_error_exits_2(self):
        code, out, err = run("docket-search", "-d", self.index, "gba AND")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("Syntax: <expression> AND <expression>", err)
        self.assertTrue(err.startswith("docket-search: "))

    def test_unclosed_quote_is_searched(self):
        code, _, err = run("docket-search", "-d", self.index, '"security bootstrapping')
        self.assertIn(code, (0, 1), err)

    def test_missing_index_exits_3(self):
        code, _, err = run("docket-search", "-d", "/nonexistent/docket-index", "x")
        self.assertEqual(code, 3)
        self.assertIn("/nonexistent/docket-index", err)

    def test_count(self):
        code, out, _ = run("docket-search", "-d", self.index, "--count", "security")
        _, result = search_json(self.index, "security")
        self.assertEqual(code, 0)
        self.assertEqual(int(out), result["total"])

    def test_output_paths(self):
        code, out, _ = run("docket-search", "-d", self.index, "--output=paths", "security")
        self.assertEqual(code, 0)
        self.assertEqual(out.splitlines(), [os.path.join(ARGS.source, "corpus", MINUTES)])

    def test_jsonl(self):
        code, out, _ = run("docket-search", "-d", self.index, "--format=jsonl",
                           "--limit=3", "security")
        lines = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(code, 0)
        self.assertEqual(len(lines), 4)
        self.assertIn("facets", lines[-1])
        self.assertEqual(lines[0]["rank"], 1)

    def test_show_record(self):
        _, result = search_json(self.index, "security")
        record_id = result["results"][0]["id"]
        code, out, err = run("docket-search", "-d", self.index, "--format=json",
                             "--show", record_id)
        self.assertEqual(code, 0, err)
        self.assertEqual(json.loads(out)["id"], record_id)

    def test_text_format(self):
        code, out, _ = run("docket-search", "-d", self.index, "security")
        self.assertEqual(code, 0)
        self.assertIn("1. ", out)
        self.assertIn("type: ", out)

    def test_reindex_keeps_count(self):
        _, before = search_json(self.index, "")
        code, _, err = run("docket-index", "-d", self.index, "--full",
                           os.path.join(ARGS.source, "corpus"))
        _, after = search_json(self.index, "")
        self.assertEqual(code, 0, err)
        self.assertEqual(after["total"], before["total"])

    def test_bold_on_terminal_only(self):
        import pty
        env = dict(os.environ, HOME=ARGS.home)
        args = [os.path.join(ARGS.bin, "docket-search"), "-d", self.index, "bootstrapping"]
        master, slave = pty.openpty()
        proc = subprocess.Popen(args, stdout=slave, stderr=subprocess.DEVNULL, env=env)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait()
        os.close(master)
        on_terminal = b"".join(chunks).decode("utf-8", "replace")
        self.assertIn("\033[1mbootstrapping\033[0m", on_terminal)
        _, piped, _ = run("docket-search", "-d", self.index, "bootstrapping")
        self.assertNotIn("\033[", piped)
        self.assertIn("bootstrapping", piped)

    def test_invalid_utf8_query(self):
        env = dict(os.environ, HOME=ARGS.home)
        proc = subprocess.run([os.path.join(ARGS.bin, "docket-search"), "-d", self.index,
                               "--format=json", b"secur\xa3ity"], capture_output=True, env=env)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        result = json.loads(proc.stdout.decode("utf-8"))
        self.assertEqual(result["query"], "secur\ufffdity")

    def test_bad_option_exits_2(self):
        code, _, err = run("docket-search", "-d", self.index, "--format=xml", "x")
        self.assertEqual(code, 2)
        self.assertIn("--format", err)


class OneM2MMinutes(unittest.TestCase):
    """The records of the SEC#9.0 minutes, searched by every field."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        cls.index = os.path.join(cls.tmp, "index")
        code, _, err = run("docket-index", "-d", cls.index,
                           os.path.join(ARGS.source, "corpus"))
        if code != 0:
            raise AssertionError(f"docket-index exited {code}: {err}")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def search(self, *args):
        return search_json(self.index, "--limit=100", *args)[1]

    def docs(self, *args):
        return sorted(r["doc"] for r in self.search(*args)["results"] if "doc" in r)

    def decision_of(self, record, doc):
        return [d["decision"] for d in record["decisions"] if d["doc"] == doc]

    def test_contribution_0059(self):
        result = self.search("doc:SEC-2014-0059")
        self.assertEqual(result["total"], 1)
        record = result["results"][0]
        self.assertEqual(record["type"], "contribution")
        self.assertEqual(record["doc"], "SEC-2014-0059")
        self.assertEqual(record["status"], "agreed")
        self.assertEqual(self.decision_of(record, "SEC-2014-0059R06"), ["noted"])
        self.assertEqual(self.decision_of(record, "SEC-2014-0059R09"), ["agreed"])
        self.assertIn({"name": "Francois Ennesser", "company": "Gemalto"},
                      record["contributors"])
        self.assertIn("TS-0001", record["specs"])
        self.assertEqual(record["meeting"], "SEC#9.0")
        self.assertEqual(record["wg"], "SEC")
        self.assertEqual(record["date"], "2014-02-17")

    def test_revisions_of_0059(self):
        record = self.search("doc:SEC-2014-0059")["results"][0]
        for revision in ("R06", "R07", "R08", "R09", "R11"):
            self.assertIn("SEC-2014-0059" + revision, record["revisions"])

    def test_by_wei_zhou(self):
        self.assertEqual(self.docs('by:"Wei Zhou"'),
                         ["SEC-2014-0044", "SEC-2014-0045", "SEC-2014-0046"])

    def test_by_family_name(self):
        self.assertEqual(self.docs("by:fujimoto"),
                         ["SEC-2014-0021", "SEC-2014-0217", "SEC-2014-0220"])

    def test_by_full_name_lowercase(self):
        self.assertEqual(self.docs('by:"shingo fujimoto"'),
                         ["SEC-2014-0021", "SEC-2014-0217", "SEC-2014-0220"])

    def test_open_actions(self):
        result = self.search("type:action status:open")
        self.assertEqual(result["total"], 6)
        self.assertTrue(all(r["type"] == "action" for r in result["results"]))

    def test_closed_action(self):
        result = self.search("action:A-WG4-TP8-004")
        self.assertEqual(result["total"], 1)
        self.assertEqual(result["results"][0]["status"], "closed")

    def test_revision_finds_contribution(self):
        self.assertEqual(self.docs("doc:SEC-2014-0045R01"), ["SEC-2014-0045"])

    def test_mistyped_revision_finds_contribution(self):
        self.assertEqual(self.docs("doc:SEC-2014-0045Ro1"), ["SEC-2014-0045"])

    def test_spec_ts_0003(self):
        self.assertIn("SEC-2014-0044", self.docs("spec:TS-0003"))

    def test_meeting_facet(self):
        result = self.search("type:contribution", "--facets=meeting")
        self.assertEqual(result["facets"]["meeting"],
                         [{"value": "SEC#9.0", "count": result["total"]}])

    def test_wg_names_equal(self):
        self.assertEqual(self.search("wg:WG4")["total"], self.search("wg:SEC")["total"])
        self.assertGreater(self.search("wg:sec")["total"], 0)

    def test_company_field(self):
        docs = self.docs("company:gemalto type:contribution")
        self.assertIn("SEC-2014-0059", docs)
        self.assertIn("SEC-2014-0047", docs)

    def test_contributor_facet_counts_once(self):
        result = self.search("type:contribution", "--facets=contributor,company,spec,status")
        counts = {f["value"]: f["count"] for f in result["facets"]["contributor"]}
        self.assertEqual(counts["Wei Zhou"], 3)
        self.assertEqual(counts["Shingo Fujimoto"], 3)
        companies = {f["value"]: f["count"] for f in result["facets"]["company"]}
        self.assertEqual(companies["Datang"], 3)
        statuses = {f["value"]: f["count"] for f in result["facets"]["status"]}
        self.assertEqual(sum(statuses.values()), result["total"])

    def test_decision_field(self):
        self.assertIn("SEC-2014-0059", self.docs("decision:noted"))
        self.assertNotIn("SEC-2014-0059", self.docs("status:noted"))

    def test_meeting_record(self):
        result = self.search("type:meeting")
        self.assertEqual(result["total"], 1)
        record = result["results"][0]
        self.assertEqual(record["meeting"], "SEC#9.0")
        self.assertEqual(record["date_end"], "2014-02-22")
        self.assertEqual(record["chair"]["name"], "Francois Ennesser")

    def test_identifier_without_field(self):
        result = self.search("SEC-2014-0059")
        self.assertEqual(result["results"][0]["doc"], "SEC-2014-0059")

    def test_identifier_revision_any_case(self):
        result = self.search("sec-2014-0059r09")
        self.assertEqual(result["results"][0]["doc"], "SEC-2014-0059")

    def test_identifier_in_expression(self):
        self.assertEqual(self.docs("(SEC-2014-0044 OR SEC-2014-0046) -SEC-2014-0046"),
                         ["SEC-2014-0044"])

    def test_spec_identifier_without_field(self):
        self.assertIn("SEC-2014-0044", self.docs("TS-0003"))

    def test_acronym_finds_expansion(self):
        by_acronym = {r["id"] for r in self.search("GBA")["results"]}
        by_phrase = {r["id"] for r in self.search('"generic bootstrapping architecture"')["results"]}
        self.assertEqual(by_acronym, by_phrase)
        titles = [r["title"] for r in self.search("GBA")["results"]]
        self.assertIn("4 Review of Objectives for the Meeting", titles)

    def test_spelling_suggestion(self):
        code, result = search_json(self.index, "securty bootstraping")
        self.assertEqual(code, 1)
        self.assertEqual(result["suggestion"], "security bootstrapping")

    def test_date_ranges(self):
        year = self.search("date:2014")["total"]
        self.assertGreater(year, 0)
        self.assertEqual(self.search("date:2014-02")["total"], year)
        self.assertEqual(self.search("date:2014-01-01..2014-06-30")["total"], year)
        self.assertEqual(self.search("date:..2015")["total"], year)
        self.assertEqual(self.search("date:2015..2016 type:contribution")["total"], 0)
        self.assertEqual(self.search("date:2014-03")["total"], 0)

    def test_invalid_date_exits_2(self):
        code, _, err = run("docket-search", "-d", self.index, "date:yesterday")
        self.assertEqual(code, 2)
        self.assertIn("yesterday", err)

    def test_sort_by_date_keeps_total(self):
        plain = self.search("security")
        by_date = self.search("security", "--sort=-date")
        self.assertEqual(plain["total"], by_date["total"])

    def test_collapse_one_per_contribution(self):
        result = self.search("type:contribution", "--collapse")
        docs = [r["doc"] for r in result["results"]]
        self.assertEqual(len(docs), len(set(docs)))
        self.assertTrue(all("collapsed" in r for r in result["results"]))

    def test_owner_is_searchable(self):
        result = self.search("type:action company:qualcomm")
        actions = sorted(r["action"] for r in result["results"])
        self.assertEqual(actions, ["A-WG4-TP8-001", "A-WG4-TP8-003", "A-WG4-TP8-005"])

    def test_records_match_expected(self):
        """Every record of the minutes, field by field, against the file
        tests/e2e/expected/sec-9.0-records.json."""
        result = self.search("", "--limit=1000", "--sort=date")
        records = {}
        for r in result["results"]:
            code, out, err = run("docket-search", "-d", self.index, "--format=json",
                                 "--show", r["id"])
            self.assertEqual(code, 0, err)
            record = json.loads(out)
            record["source"]["path"] = os.path.basename(record["source"]["path"])
            record["id"] = record["id"].replace(os.path.join(ARGS.source, "corpus") + "/", "")
            records[record["id"]] = record
        expected_path = os.path.join(ARGS.source, "tests/e2e/expected/sec-9.0-records.json")
        if os.environ.get("DOCKET_UPDATE_EXPECTED"):
            with open(expected_path, "w", encoding="utf-8") as f:
                json.dump(records, f, indent=1, sort_keys=True, ensure_ascii=False)
                f.write("\n")
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
        self.assertEqual(sorted(records), sorted(expected))
        for key, record in expected.items():
            for field, value in record.items():
                self.assertEqual(records[key].get(field), value, f"{key}: {field}")


FIXED_QUERIES = [
    ["security bootstrapping"],
    ["--facets=status,company,contributor,spec", 'by:"Wei Zhou"'],
    ["--facets=status,contributor", "spec:TS-0003"],
    ["--sort=date", "--limit=5", "type:action"],
    ["--collapse", "--facets=year,wg", "decision:noted"],
    ["SEC-2014-0059"],
    ["--offset=2", "--limit=3", "GBA"],
    ["xylophonequartz"],
]


class JsonContract(unittest.TestCase):
    """The JSON of a fixed query set against tests/e2e/expected/queries.json,
    so that an accidental change of the format fails."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        cls.index = os.path.join(cls.tmp, "index")
        run("docket-index", "-d", cls.index, os.path.join(ARGS.source, "corpus"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def normalised(self, args):
        _, result = search_json(self.index, *args)
        prefix = os.path.join(ARGS.source, "corpus") + "/"
        for record in result["results"]:
            record["score"] = round(record["score"], 4)
            record["source"]["path"] = record["source"]["path"].replace(prefix, "")
            record["id"] = record["id"].replace(prefix, "")
        return result

    def test_fixed_queries(self):
        actual = {" ".join(args): self.normalised(args) for args in FIXED_QUERIES}
        path = os.path.join(ARGS.source, "tests/e2e/expected/queries.json")
        if os.environ.get("DOCKET_UPDATE_EXPECTED"):
            with open(path, "w", encoding="utf-8") as f:
                json.dump(actual, f, indent=1, ensure_ascii=False)
                f.write("\n")
        with open(path, encoding="utf-8") as f:
            expected = json.load(f)
        self.assertEqual(sorted(actual), sorted(expected))
        for key in expected:
            self.assertEqual(actual[key], expected[key], key)

    def test_documented_examples_run(self):
        """Every docket-search command in docs/query-language.md runs and
        finds something on the bundled corpus."""
        import shlex
        with open(os.path.join(ARGS.source, "docs/query-language.md"), encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip().startswith("docket-search ")]
        self.assertGreaterEqual(len(lines), 3)
        for line in lines:
            args = shlex.split(line)[1:]
            code, _, err = run("docket-search", "-d", self.index, *args)
            self.assertEqual(code, 0, f"{line}: {err}")


class IndexerFiles(unittest.TestCase):
    """docket-index on small trees made by the test."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        self.index = os.path.join(self.tmp, "index")
        self.docs = os.path.join(self.tmp, "docs")
        os.mkdir(self.docs)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data):
        path = os.path.join(self.docs, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_no_positions_phrase_matches_all_words(self):
        self.write("m.md", b"# One\n\nsecurity bootstrapping here\n\n"
                           b"# Two\n\nbootstrapping of security\n")
        code, _, err = run("docket-index", "-d", self.index, "--no-positions", self.docs)
        self.assertEqual(code, 0, err)
        self.assertFalse(os.path.exists(os.path.join(self.index, "position.glass")))
        count = lambda: run("docket-search", "-d", self.index, "--count",
                            '"security bootstrapping"')[1].strip()
        self.assertEqual(count(), "2")

        # A run without the option keeps the setting and reads nothing again.
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertIn("1 unchanged", err)
        self.assertEqual(count(), "2")

        # --positions rebuilds the index, and phrases match exactly again.
        code, _, err = run("docket-index", "-d", self.index, "--positions", self.docs)
        self.assertEqual(code, 0, err)
        self.assertIn("1 files indexed", err)
        self.assertEqual(count(), "1")

    def test_unchanged_file_not_reread(self):
        self.write("m.md", b"# One\n\nalpha text\n")
        run("docket-index", "-d", self.index, self.docs)
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 0, err)
        self.assertIn("0 files indexed", err)
        self.assertIn("1 unchanged", err)

    def test_touched_file_same_content(self):
        path = self.write("m.md", b"# One\n\nalpha text\n")
        run("docket-index", "-d", self.index, self.docs)
        os.utime(path, (1, 1))
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 0, err)
        self.assertIn("1 unchanged", err)

    def test_changed_file_replaced(self):
        path = self.write("m.md", b"# One\n\nalpha text\n")
        run("docket-index", "-d", self.index, self.docs)
        with open(path, "wb") as f:
            f.write(b"# One\n\ngamma words\n")
        run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(search_json(self.index, "alpha")[1]["total"], 0)
        self.assertEqual(search_json(self.index, "gamma")[1]["total"], 1)

    def test_failed_file_keeps_old_records(self):
        path = self.write("m.txt", b"1 Agenda\n\nalpha text\n")
        run("docket-index", "-d", self.index, self.docs)
        with open(path, "wb") as f:
            f.write(b"\x00\x01binary now" * 50)
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 1)
        self.assertIn("m.txt", err)
        self.assertEqual(search_json(self.index, "alpha")[1]["total"], 1)

    def test_full_rereads(self):
        self.write("m.md", b"# One\n\nalpha text\n")
        run("docket-index", "-d", self.index, self.docs)
        code, _, err = run("docket-index", "-d", self.index, "--full", self.docs)
        self.assertIn("1 files indexed", err)

    def test_prune_removes_deleted(self):
        keep = self.write("keep.md", b"# Keep\n\nalpha\n")
        gone = self.write("gone.md", b"# Gone\n\nalpha\n")
        run("docket-index", "-d", self.index, self.docs)
        os.remove(gone)
        code, _, err = run("docket-index", "-d", self.index, "--prune", self.docs)
        self.assertEqual(code, 0, err)
        self.assertIn("removed the records of 1 deleted files", err)
        result = search_json(self.index, "alpha")[1]
        self.assertEqual(result["total"], 1)
        self.assertEqual(result["results"][0]["source"]["path"], keep)

    def test_folder_of_documents_refused(self):
        notes = self.write("notes.md", b"# n\n")
        code, _, err = run("docket-index", "-d", self.docs, self.docs)
        self.assertEqual(code, 2)
        self.assertIn("not a docket index", err)
        self.assertTrue(os.path.exists(notes))

    def test_file_name_not_utf8(self):
        self.write(b"caf\xe9.txt".decode("utf-8", "surrogateescape"), b"1 Agenda\n\nalpha text\n")
        self.write("z-after.md", b"# After\n\nomega text\n")
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 0, err)
        result = search_json(self.index, "alpha")[1]
        self.assertEqual(result["total"], 1)
        self.assertTrue(result["results"][0]["source"]["path"].endswith("caf\ufffd.txt"))
        self.assertEqual(search_json(self.index, "omega")[1]["total"], 1)

    def test_zip_members_each_indexed(self):
        import zipfile
        with zipfile.ZipFile(os.path.join(self.docs, "two.zip"), "w") as z:
            z.writestr("a.txt", "1 Alpha\n\nalpha words\n")
            z.writestr("sub/b.md", "# Beta\n\nbeta words\n")
            z.writestr("c.png", "not read")
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 0, err)
        self.assertIn("two.zip!c.png", err)
        result = search_json(self.index, "beta")[1]
        self.assertEqual(result["total"], 1)
        self.assertTrue(result["results"][0]["source"]["path"].endswith("two.zip!sub/b.md"))
        self.assertEqual(search_json(self.index, "alpha")[1]["total"], 1)

    def test_prune_ignores_missing_root(self):
        self.write("keep.md", b"# Keep\n\nalpha\n")
        run("docket-index", "-d", self.index, self.docs)
        moved = self.docs + "-moved"
        os.rename(self.docs, moved)
        code, _, err = run("docket-index", "-d", self.index, "--prune", self.docs)
        self.assertEqual(code, 1)
        self.assertIn("removed the records of 0 deleted files", err)
        self.assertEqual(search_json(self.index, "alpha")[1]["total"], 1)

    def test_output_docs_lists_all(self):
        for i in range(30):
            self.write(f"m{i:02}.txt", f"1 Agenda\n\nSEC-2014-{i + 100:04}, Title, was NOTED.\n"
                       .encode())
        run("docket-index", "-d", self.index, self.docs)
        code, out, _ = run("docket-search", "-d", self.index, "--output=paths", "agenda")
        self.assertEqual(code, 0)
        self.assertEqual(len(out.splitlines()), 30)

    def test_unsupported_file_skipped(self):
        self.write("notes.md", b"# Heading\n\nSome text about tokens.\n")
        self.write("picture.png", b"\x89PNG\r\n\x1a\n")
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 0, err)
        self.assertIn("skipped: " + os.path.join(self.docs, "picture.png"), err)
        self.assertIn("format not supported", err)

    def test_binary_txt_fails_and_run_goes_on(self):
        self.write("a-binary.txt", b"\x00\x01\x02" * 100)
        self.write("b-good.md", b"# Tokens\n\nToken text.\n")
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 1)
        self.assertIn("a-binary.txt", err)
        rc, result = search_json(self.index, "token")
        self.assertEqual(rc, 0)
        self.assertEqual(result["total"], 1)

    def test_markdown_sections(self):
        self.write("m.md", b"# One\n\nalpha text\n\n## Two\n\nbeta text\n")
        run("docket-index", "-d", self.index, self.docs)
        _, result = search_json(self.index, "beta")
        self.assertEqual(result["total"], 1)
        self.assertEqual(result["results"][0]["title"], "Two")
        self.assertEqual(result["results"][0]["source"]["line"], 5)

    def test_missing_path_fails(self):
        code, _, err = run("docket-index", "-d", self.index,
                           os.path.join(self.docs, "absent"))
        self.assertEqual(code, 1)
        self.assertIn("absent", err)

    def test_no_path_exits_2(self):
        code, _, _ = run("docket-index", "-d", self.index)
        self.assertEqual(code, 2)

    def test_default_index_location(self):
        self.write("m.md", b"# One\n\nalpha text\n")
        code, _, err = run("docket-index", self.docs)
        self.assertEqual(code, 0, err)
        default = os.path.join(ARGS.home, ".local/share/docket/index")
        self.assertTrue(os.path.isdir(default))
        code, out, _ = run("docket-search", "--count", "alpha")
        self.assertEqual(out.strip(), "1")

    def test_docket_index_variable(self):
        self.write("m.md", b"# One\n\nalpha text\n")
        env = {"DOCKET_INDEX": self.index}
        run("docket-index", self.docs, env_extra=env)
        code, out, _ = run("docket-search", "--count", "alpha", env_extra=env)
        self.assertEqual(code, 0)
        self.assertEqual(out.strip(), "1")

    def test_truncated_index_fails_cleanly(self):
        self.write("m.md", b"# One\n\nalpha text\n")
        run("docket-index", "-d", self.index, self.docs)
        for name in os.listdir(self.index):
            if name.endswith(".glass"):
                path = os.path.join(self.index, name)
                os.truncate(path, os.path.getsize(path) // 2)
        code, _, err = run("docket-search", "-d", self.index, "alpha")
        self.assertEqual(code, 3, err)
        self.assertIn(self.index, err)


class Reliability(unittest.TestCase):
    """Locking, schema versions and crashes: the index always opens, and
    re-runs neither lose nor duplicate records."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        self.index = os.path.join(self.tmp, "index")
        self.docs = os.path.join(self.tmp, "docs")
        os.mkdir(self.docs)
        for i in range(60):
            with open(os.path.join(self.docs, f"m{i:03}.md"), "w") as f:
                f.write(f"# Meeting {i}\n\nsecurity item {i}\n\n## Topic {i}\n\n"
                        + "bootstrapping words " * 2000 + "\n")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def ids(self):
        code, out, err = run("docket-search", "-d", self.index, "--format=jsonl",
                             "--limit=10000", "")
        self.assertIn(code, (0, 1), err)
        return [json.loads(line)["id"] for line in out.splitlines()[:-1]]

    def test_lock_held_exits_75(self):
        import fcntl
        run("docket-index", "-d", self.index, self.docs)
        with open(os.path.join(self.index, "flintlock"), "r+") as lock:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            code, _, err = run("docket-index", "-d", self.index, "--lock-timeout=1",
                               "--full", self.docs)
        self.assertEqual(code, 75)
        self.assertIn(self.index, err)
        self.assertIn("locked", err)

    def test_search_while_locked(self):
        import fcntl
        run("docket-index", "-d", self.index, self.docs)
        with open(os.path.join(self.index, "flintlock"), "r+") as lock:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            code, out, _ = run("docket-search", "-d", self.index, "--count", "bootstrapping")
        self.assertEqual(code, 0)
        self.assertEqual(out.strip(), "60")

    def test_other_schema_version(self):
        run("docket-index", "-d", self.index, self.docs)
        subprocess.run(["xapian-metadata", "set", self.index, "docket.schema", "0"], check=True)
        code, _, err = run("docket-search", "-d", self.index, "security")
        self.assertEqual(code, 3)
        self.assertIn("re-run docket-index", err)
        code, _, err = run("docket-index", "-d", self.index, self.docs)
        self.assertEqual(code, 0, err)
        self.assertIn("60 files indexed", err)
        self.assertEqual(len(self.ids()), 120)

    def test_kill_at_several_points(self):
        expected = 120
        for delay in (0.05, 0.2, 0.5, 1.0):
            shutil.rmtree(self.index, ignore_errors=True)
            env = dict(os.environ, HOME=ARGS.home)
            proc = subprocess.Popen([os.path.join(ARGS.bin, "docket-index"), "-q", "-d",
                                     self.index, "--commit-every=7", self.docs], env=env)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if os.path.isdir(self.index):
                ids = self.ids()
                self.assertEqual(len(ids), len(set(ids)), f"duplicates after kill at {delay}s")
                self.assertLessEqual(len(ids), expected)
            code, _, err = run("docket-index", "-d", self.index, self.docs)
            self.assertEqual(code, 0, err)
            ids = self.ids()
            self.assertEqual(len(ids), expected, f"after kill at {delay}s")
            self.assertEqual(len(set(ids)), expected)
            leftovers = [n for n in os.listdir(self.tmp) if n.startswith("index.")]
            self.assertEqual(leftovers, [])

    def test_kill_two_writers(self):
        # Enough changed bytes for docket-index to start a second writer.
        for i in range(60, 200):
            with open(os.path.join(self.docs, f"m{i:03}.md"), "w") as f:
                f.write(f"# Meeting {i}\n\nsecurity item {i}\n\n## Topic {i}\n\n"
                        + "bootstrapping words " * 3000 + "\n")
        expected = 400
        for delay in (0.3, 1.0, 2.0):
            shutil.rmtree(self.index, ignore_errors=True)
            env = dict(os.environ, HOME=ARGS.home)
            proc = subprocess.Popen([os.path.join(ARGS.bin, "docket-index"), "-q", "-d",
                                     self.index, "--jobs=2", self.docs], env=env)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if os.path.isdir(self.index):
                ids = self.ids()
                self.assertEqual(len(ids), len(set(ids)), f"duplicates after kill at {delay}s")
            code, _, err = run("docket-index", "-d", self.index, "--jobs=2", self.docs)
            self.assertEqual(code, 0, err)
            ids = self.ids()
            self.assertEqual(len(ids), expected, f"after kill at {delay}s")
            self.assertEqual(len(set(ids)), expected)
            leftovers = [n for n in os.listdir(self.tmp) if n.startswith("index.")]
            self.assertEqual(leftovers, [])


SHARD_QUERIES = [
    ["security"],
    ["company:huawei"],
    ["type:contribution status:agreed"],
    ['"security association"'],
    ["S2-187144"],
    ["spec:TS-0003 OR spec:\"TS 23.501\""],
    ["--collapse", "decision:revised"],
    ["date:2014"],
]
SHARD_ARGS = ["--format=json", "--limit=10000", "--facet-limit=0",
              "--facets=type,meeting,wg,status,year,body,company,contributor,spec"]


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Shards(unittest.TestCase):
    """One index against three shards, two of them served by xapian-tcpsrv
    on loopback: the same results, scores, totals and facets."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(ARGS.shared_corpus):
            raise unittest.SkipTest(f"shared corpus not found at {ARGS.shared_corpus}")
        if not shutil.which("xapian-tcpsrv"):
            raise unittest.SkipTest("xapian-tcpsrv not installed (Debian package xapian-tools)")
        cls.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        cls.single = os.path.join(cls.tmp, "single")
        cls.sharded = os.path.join(cls.tmp, "sharded")
        cls.servers = []
        run("docket-index", "-q", "-d", cls.single, ARGS.shared_corpus)
        code, _, err = run("docket-index", "-q", "-d", cls.sharded, "--shards=3",
                           ARGS.shared_corpus)
        if code != 0:
            raise AssertionError(err)
        try:
            cls.remotes = [cls.serve(os.path.join(cls.sharded, f"shard-{i}")) for i in (0, 1)]
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def serve(cls, path):
        import socket
        import time
        port = free_port()
        proc = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 str(port), path], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        cls.servers.append(proc)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        return f"tcp://127.0.0.1:{port}"

    @classmethod
    def tearDownClass(cls):
        for proc in getattr(cls, "servers", []):
            proc.kill()
            proc.wait()
        shutil.rmtree(getattr(cls, "tmp", "/nonexistent"), ignore_errors=True)

    def comparable(self, result, collapse_counts=True):
        """Results sorted by score then id, so that records of equal score
        may swap places. A collapsed result is named by its chain or
        number, since any record of the group may stand for it."""
        def key(r):
            if "collapsed" in r:
                return ((r.get("chain") or [r.get("doc") or r["id"]])[0],
                        r["collapsed"] if collapse_counts else None)
            return r["id"]
        rows = sorted((round(r["score"], 9), repr(key(r)), r.get("latest_status"))
                      for r in result["results"])
        return result["total"], rows, result["facets"]

    def search(self, indexes, args):
        flags = [flag for path in indexes for flag in ("-d", path)]
        code, out, err = run("docket-search", *flags, *SHARD_ARGS, *args)
        self.assertIn(code, (0, 1), err)
        return json.loads(out)

    def test_stub_matches_single(self):
        for args in SHARD_QUERIES:
            with self.subTest(query=args):
                self.assertEqual(self.comparable(self.search([self.sharded], args)),
                                 self.comparable(self.search([self.single], args)))

    def test_remote_shards_match_single(self):
        indexes = self.remotes + [os.path.join(self.sharded, "shard-2")]
        for args in SHARD_QUERIES:
            with self.subTest(query=args):
                # Xapian 1.4's remote protocol returns no collapse counts.
                self.assertEqual(self.comparable(self.search(indexes, args), False),
                                 self.comparable(self.search([self.single], args), False))

    def test_z_stopped_shard(self):
        """Runs last: stops the first server."""
        indexes = self.remotes + [os.path.join(self.sharded, "shard-2")]
        self.servers[0].kill()
        self.servers[0].wait()
        flags = [flag for path in indexes for flag in ("-d", path)]
        code, _, err = run("docket-search", *flags, "--timeout=2000", "security")
        self.assertEqual(code, 3)
        self.assertIn(self.remotes[0], err)
        code, out, err = run("docket-search", *flags, "--timeout=2000", "--allow-partial",
                             "--count", "security")
        self.assertEqual(code, 0, err)
        self.assertIn("warning", err)
        self.assertIn(self.remotes[0], err)
        whole = self.search([self.single], ["security"])["total"]
        self.assertLess(int(out), whole)

    def test_shard_k_of_n(self):
        parts = [os.path.join(self.tmp, f"part-{k}") for k in range(3)]
        for k, part in enumerate(parts):
            code, _, err = run("docket-index", "-q", "-d", part, f"--shard={k}/3",
                               os.path.join(ARGS.shared_corpus, "ietf-core"))
            self.assertEqual(code, 0, err)
        counts = [int(run("docket-search", "-d", part, "--count", "")[1]) for part in parts]
        whole = os.path.join(self.tmp, "core")
        run("docket-index", "-q", "-d", whole, os.path.join(ARGS.shared_corpus, "ietf-core"))
        self.assertEqual(sum(counts), int(run("docket-search", "-d", whole, "--count", "")[1]))
        self.assertTrue(all(c > 0 for c in counts))

    def test_wrong_shard_count_refused(self):
        code, _, err = run("docket-index", "-d", self.sharded, "--shards=2", ARGS.shared_corpus)
        self.assertEqual(code, 2)
        self.assertIn("3 shards", err)


class TwoWriters(unittest.TestCase):
    """docket-index --jobs=2 shares the files between two databases and
    merges them: the index must hold what one writer makes of the files."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(ARGS.shared_corpus):
            raise unittest.SkipTest(f"shared corpus not found at {ARGS.shared_corpus}")
        cls.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        cls.docs = os.path.join(cls.tmp, "docs")
        shutil.copytree(ARGS.shared_corpus, cls.docs)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def build(self, name, jobs):
        index = os.path.join(self.tmp, name)
        code, _, err = run("docket-index", "-v", "-d", index, f"--jobs={jobs}", "--prune",
                           self.docs)
        self.assertEqual(code, 0, err)
        return index, err

    def records(self, index):
        """Every record by id, without the fields that depend on ranking."""
        code, out, err = run("docket-search", "-d", index, "--format=jsonl", "--limit=10000", "")
        self.assertEqual(code, 0, err)
        found = {}
        for line in out.splitlines()[:-1]:
            record = json.loads(line)
            for key in ("rank", "score", "snippet", "highlights"):
                record.pop(key, None)
            found[record["id"]] = record
        return found

    def assert_same(self, single, double):
        first, second = self.records(single), self.records(double)
        self.assertGreater(len(first), 1000)
        self.assertEqual(sorted(first), sorted(second))
        for key in first:
            self.assertEqual(first[key], second[key], key)

    def test_same_records_as_one_writer(self):
        single, _ = self.build("single", 1)
        double, err = self.build("double", 2)
        self.assertIn("a second writer indexed", err)
        self.assertFalse([n for n in os.listdir(self.tmp) if ".part-" in n])
        self.assert_same(single, double)

        # Change a quarter of the texts and every Tdoc list, and delete a
        # few files: both indexes update alike.
        names = sorted(os.path.join(folder, name)
                       for folder, _, files in os.walk(self.docs) for name in files)
        for i, path in enumerate(names):
            if i % 4 == 0 and path.endswith((".md", ".txt")):
                with open(path, "a") as f:
                    f.write("\n\nAdded note on security bootstrapping.\n")
            elif path.endswith(".htm"):
                with open(path, "a") as f:
                    f.write("<!-- changed -->\n")
            elif i % 31 == 0:
                os.remove(path)
        # The last file goes to the second writer; emptied, it has no records.
        last = [p for p in names if os.path.exists(p)][-1]
        with open(last, "w") as f:
            f.write("\n")
        self.build("single", 1)
        _, err = self.build("double", 2)
        self.assertIn("unchanged", err)
        self.assertIn("a second writer indexed", err)
        self.assert_same(single, double)
        code, out, err = run("docket-search", "-d", double, "--output=paths", "--limit=10000", "")
        self.assertNotIn(os.path.realpath(last), out.splitlines())
        # A re-run over the unchanged tree changes nothing.
        _, err = self.build("double", 2)
        self.assertIn("0 files indexed", err)
        self.assert_same(single, double)

    def test_invalid_jobs(self):
        code, _, err = run("docket-index", "-d", os.path.join(self.tmp, "x"), "--jobs=3",
                           self.docs)
        self.assertEqual(code, 2)
        self.assertIn("--jobs", err)

    def test_both_position_options_rejected(self):
        code, _, err = run("docket-index", "-d", os.path.join(self.tmp, "x"), "--positions",
                           "--no-positions", self.docs)
        self.assertEqual(code, 2)
        self.assertIn("--no-positions", err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x")))


class SharedCorpus(unittest.TestCase):
    """docket-index over the shared corpus of real documents."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(ARGS.shared_corpus):
            raise unittest.SkipTest(f"shared corpus not found at {ARGS.shared_corpus}")
        cls.tmp = tempfile.mkdtemp(prefix="docket-e2e-")
        cls.index = os.path.join(cls.tmp, "index")
        cls.code, _, cls.err = run("docket-index", "-d", cls.index, ARGS.shared_corpus)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def files(self, extensions):
        found = []
        for folder, dirs, files in os.walk(ARGS.shared_corpus):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [f for f in files
                      if f.lower().endswith(extensions) and not f.startswith(".")]
        return found

    def test_no_failed_file(self):
        self.assertNotIn("failed: ", self.err)
        self.assertIn(" 0 failed", self.err)

    def test_every_file_indexed(self):
        expected = len(self.files((".txt", ".md", ".htm", ".html", ".doc", ".docx")))
        self.assertIn(f"{expected} files indexed", self.err)
        self.assertIn(f"markdown {len(self.files(('.md',)))}", self.err)
        self.assertIn(f"text {len(self.files(('.txt',)))}", self.err)

    def test_summary_per_format_and_dialect(self):
        self.assertIn("html 10 (", self.err)
        self.assertIn("3gpp-tdoc-list", self.err)
        self.assertIn("contribution-cover 7 (7 records)", self.err)

    def test_tdoc_row(self):
        result = search_json(self.index, "doc:S2-187144")[1]
        self.assertEqual(result["total"], 1)
        record = result["results"][0]
        self.assertEqual(record["title"],
                         "23.214 CR0067R1: Application detection report when the PFDs are removed")
        self.assertEqual(record["contributors"], [{"company": "Huawei"}, {"company": "HiSilicon"}])
        self.assertEqual(record["meeting"], "SA2#128")
        self.assertEqual(record["status"], "revised")
        self.assertEqual(record["chain"], ["S2-186552", "S2-187144", "S2-187591"])
        self.assertEqual(record["chain_status"], "agreed")
        self.assertIn("TS 23.214", record["specs"])

    def test_tdoc_rows_of_128(self):
        code, out, _ = run("docket-search", "-d", self.index, "--count",
                           "meeting:SA2#128 type:contribution")
        self.assertEqual(int(out), 1301)

    def test_cover_page(self):
        result = search_json(self.index, "doc:S2-1812226 type:document")[1]
        self.assertEqual(result["total"], 1)
        record = result["results"][0]
        self.assertEqual(record["title"], "eSBA: Update of solution 15")
        self.assertEqual(record["contributors"], [{"company": "Huawei"}, {"company": "HiSilicon"}])
        self.assertEqual(record["agenda_item"], "6.19")
        self.assertEqual(record["meeting"], "SA2#129bis")

    def test_collapse_chain(self):
        result = search_json(self.index, "--collapse", "S2-187144")[1]
        chain = [r for r in result["results"] if r.get("chain", [None])[0] == "S2-186552"]
        self.assertEqual(len(chain), 1)
        self.assertEqual(chain[0]["latest_status"], "agreed")

    def test_identifier_tdoc(self):
        result = search_json(self.index, "s2-187144")[1]
        self.assertEqual(result["results"][0]["doc"], "S2-187144")

    def test_draft_across_core_meetings(self):
        result = search_json(self.index, "--facets=meeting", "--facet-limit=0",
                             "spec:draft-ietf-core-href")[1]
        self.assertGreaterEqual(len(result["facets"]["meeting"]), 20)

    def test_company_in_csaf_meetings(self):
        result = search_json(self.index, "--facets=meeting", "--facet-limit=0",
                             "company:Cisco")[1]
        csaf = [f for f in result["facets"]["meeting"] if f["value"].startswith("CSAF")]
        self.assertGreaterEqual(len(csaf), 10)

    def test_speaker_is_searchable(self):
        result = search_json(self.index, "--facets=body", 'by:"Mark Nottingham"')[1]
        self.assertGreater(result["total"], 0)
        self.assertEqual(result["facets"]["body"][0]["value"], "IETF")

    def test_rfc_identifier(self):
        spaced = search_json(self.index, "RFC 9110")[1]["total"]
        self.assertGreater(spaced, 0)
        self.assertEqual(search_json(self.index, "rfc9110")[1]["total"], spaced)

    def test_company_across_bodies(self):
        result = search_json(self.index, "company:huawei", "--facets=meeting")[1]
        meetings = {f["value"] for f in result["facets"]["meeting"]}
        self.assertIn("SA2#128", meetings)

    def test_search_works(self):
        code, result = search_json(self.index, "security bootstrapping")
        self.assertEqual(code, 0)
        self.assertTrue(result["results"][0]["source"]["path"].endswith(MINUTES))


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--shared-corpus", required=True)
    ARGS, rest = parser.parse_known_args()
    ARGS.home = tempfile.mkdtemp(prefix="docket-e2e-home-")
    try:
        program = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2)
    finally:
        shutil.rmtree(ARGS.home, ignore_errors=True)
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
