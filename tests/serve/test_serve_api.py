#!/usr/bin/env python3
"""API tests of docket-serve: a server on 127.0.0.1 over a temporary index
of corpus/, checked against docket-search on the same index.

  test_serve_api.py --bin BUILD_DIR --source SOURCE_DIR [--wrapper CMD] [unittest args]

--wrapper runs the server under another program, such as valgrind, and
expects exit code 0 from the pair when the server stops.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import sys
import tempfile
import threading
import unittest
import urllib.parse

from serve_util import (XSS_IMAGE, XSS_TITLE, Server, build_index, run, write_xss_folder)

ARGS = None

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
       "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

# (query parameters of /api/search, arguments of docket-search)
SEARCH_CASES = [
    ({"q": "security bootstrapping"}, ["security bootstrapping"]),
    ({"q": 'by:"Wei Zhou"', "facets": "status,company"},
     ['by:"Wei Zhou"', "--facets=status,company"]),
    ({"q": "security", "limit": "3", "offset": "2"}, ["--limit=3", "--offset=2", "security"]),
    ({"q": "type:contribution", "sort": "-date", "facets": "spec,contributor",
      "facet_limit": "2"},
     ["--sort=-date", "--facets=spec,contributor", "--facet-limit=2", "type:contribution"]),
    ({"q": "SEC-2014-0059", "collapse": "1"}, ["--collapse", "SEC-2014-0059"]),
    ({"q": "doc:SEC-2014-0044R03"}, ["doc:SEC-2014-0044R03"]),
    ({"q": "gba pki", "or": "1", "sort": "date"}, ["--or", "--sort=date", "gba pki"]),
    ({"q": "xylophonequartz"}, ["xylophonequartz"]),
    ({"q": "secruity"}, ["secruity"]),
    ({"q": "", "facets": "year,body,wg", "limit": "0"},
     ["--facets=year,body,wg", "--limit=0", ""]),
    ({"q": "spec:TS-0003 status:agreed", "facets": ""},
     ["--facets=", "spec:TS-0003 status:agreed"]),
    ({"q": "Zürich \u00e9t\u00e9 credential"}, ["Zürich \u00e9t\u00e9 credential"]),
]


def search_target(params):
    return "/api/search?" + urllib.parse.urlencode(params)


def error_of(body):
    """The (status, message) of an error object."""
    error = json.loads(body)["error"]
    return error["status"], error["message"]


class Api(unittest.TestCase):
    """One server over corpus/ and the injection probe."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="docket-serve-api-")
        cls.home = os.path.join(cls.tmp, "home")
        os.makedirs(cls.home)
        cls.index = os.path.join(cls.tmp, "index")
        build_index(ARGS.bin, cls.home, cls.index, os.path.join(ARGS.source, "corpus"),
                    write_xss_folder(cls.tmp))
        cls.server = Server(ARGS.bin, cls.home, cls.index, wrapper=ARGS.wrapper)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        log = cls.server.log()
        cls.server.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        if code != 0:
            raise AssertionError(f"docket-serve exited {code} on SIGTERM:\n{log}")

    def cli(self, *args):
        code, out, err = run(ARGS.bin, self.home, "docket-search", "-d", self.index, *args)
        self.assertIn(code, (0, 1), err)
        return out

    def get_error(self, target, **kwargs):
        status, headers, body = self.server.get(target, **kwargs)
        self.assertEqual(headers["content-type"], "application/json; charset=utf-8")
        code, message = error_of(body)
        self.assertEqual(code, status)
        return status, message

    # ---- Same bytes as docket-search -----------------------------------

    def test_search_matches_cli_bytes(self):
        for params, args in SEARCH_CASES:
            with self.subTest(params=params):
                status, _, body = self.server.get(search_target(params))
                self.assertEqual(status, 200, body)
                self.assertEqual(body, self.cli("--format=json", *args))

    def test_search_plus_and_percent_spaces(self):
        _, _, plus = self.server.get("/api/search?q=security+bootstrapping")
        _, _, percent = self.server.get("/api/search?q=security%20bootstrapping")
        self.assertEqual(plus, percent)
        self.assertEqual(plus, self.cli("--format=json", "security bootstrapping"))

    def test_record_matches_cli_bytes(self):
        for record_id in ("SEC-2014-0044@SEC#9.0", "SEC-2014-0059"):
            with self.subTest(id=record_id):
                target = "/api/record/" + urllib.parse.quote(record_id, safe="")
                status, _, body = self.server.get(target)
                self.assertEqual(status, 200, body)
                self.assertEqual(body, self.cli("--format=json", "--show", record_id))

    def test_record_id_with_slash(self):
        result = json.loads(self.server.get(search_target({"q": "injection probe"}))[2])
        record_id = result["results"][0]["id"]
        self.assertIn("/", record_id)
        status, _, body = self.server.get("/api/record/" + urllib.parse.quote(record_id, safe=""))
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["id"], record_id)

    def test_concurrent_requests_agree(self):
        target = search_target({"q": "security", "facets": "status,company,spec"})
        expected = self.cli("--format=json", "--facets=status,company,spec", "security")
        bodies = []

        def fetch():
            bodies.append(self.server.get(target)[2])

        threads = [threading.Thread(target=fetch) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(len(bodies), 16)
        for body in bodies:
            self.assertEqual(body, expected)

    # ---- Errors --------------------------------------------------------

    def test_syntax_error_400(self):
        status, message = self.get_error(search_target({"q": "gba AND"}))
        self.assertEqual(status, 400)
        self.assertEqual(message, "invalid query: gba AND: Syntax: <expression> AND <expression>")

    def test_invalid_values_400(self):
        cases = [
            ({"q": "x", "limit": "abc"}, "invalid limit: abc: expected a number from 0 to 10000"),
            ({"q": "x", "limit": "10001"},
             "invalid limit: 10001: expected a number from 0 to 10000"),
            ({"q": "x", "offset": "-1"},
             "invalid offset: -1: expected a number from 0 to 1000000000"),
            ({"q": "x", "sort": "size"}, "invalid sort: size: expected relevance, date or -date"),
            ({"q": "x", "facet_limit": "1e3"},
             "invalid facet_limit: 1e3: expected a number from 0 to 10000"),
            ({"q": "x", "collapse": "yes"}, "invalid collapse: yes: expected 0 or 1"),
            ({"q": "x", "or": "true"}, "invalid or: true: expected 0 or 1"),
            ({"q": "x", "facets": "colour"},
             "unknown facet 'colour' (known: type, meeting, wg, status, year, body, company, "
             "contributor, spec)"),
            ({"q": "x", "format": "text"},
             "unknown parameter: format; known: q, facets, limit, offset, sort, facet_limit, "
             "collapse, or"),
            ({"limit": "3"},
             "missing parameter q: give q=QUERY; an empty q lists every record"),
        ]
        for params, expected in cases:
            with self.subTest(params=params):
                status, message = self.get_error(search_target(params))
                self.assertEqual(status, 400)
                self.assertEqual(message, expected)

    def test_duplicate_parameter_400(self):
        status, message = self.get_error("/api/search?q=a&q=b")
        self.assertEqual(status, 400)
        self.assertEqual(message, "parameter given twice: q")

    def test_bad_percent_encoding_400(self):
        for target in ("/api/search?q=%zz", "/api/search?q=%4", "/api/search?q=a%00b"):
            with self.subTest(target=target):
                status, message = self.get_error(target)
                self.assertEqual(status, 400)
                self.assertEqual(message, "invalid percent-encoding in the query string")

    def test_overlong_query_400(self):
        status, message = self.get_error(search_target({"q": "a" * 8192}))
        self.assertEqual(status, 400)
        self.assertEqual(message, "query too long: at most 8191 bytes")

    def test_longest_query_accepted(self):
        status, _, body = self.server.get(search_target({"q": "a" * 8191}))
        self.assertEqual(status, 200, body[:200])

    def test_invalid_utf8_in_message(self):
        status, message = self.get_error("/api/search?q=x&sort=%ff%fe")
        self.assertEqual(status, 400)
        self.assertEqual(message,
                         "invalid sort: \ufffd\ufffd: expected relevance, date or -date")

    def test_unknown_record_404(self):
        status, message = self.get_error("/api/record/SEC-1999-9999")
        self.assertEqual(status, 404)
        self.assertEqual(message, "no record with id or number 'SEC-1999-9999'")

    def test_empty_record_id_404(self):
        status, _ = self.get_error("/api/record/")
        self.assertEqual(status, 404)

    def test_unknown_path_404(self):
        status, message = self.get_error("/api/searches?q=x")
        self.assertEqual(status, 404)
        self.assertEqual(message, "not found: /api/searches")

    def test_path_traversal_404(self):
        targets = ["/../../etc/passwd", "/%2e%2e/", "/%2e%2e/%2e%2e/etc/passwd",
                   "/app.js/../../etc/passwd", "//etc/passwd", "/..%2f..%2fetc%2fpasswd",
                   "/style.css%00", "/index.html", "/page/app.js", "/server/page/app.js"]
        for target in targets:
            with self.subTest(target=target):
                status, headers, body = self.server.get(target)
                self.assertEqual(status, 404)
                self.assertNotIn(b"root:", body)
                self.assertEqual(headers["content-type"], "application/json; charset=utf-8")

    def test_post_405(self):
        status, headers, body = self.server.request("POST", "/api/search?q=x", body=b"q=x")
        self.assertEqual(status, 405)
        self.assertEqual(headers["allow"], "GET, HEAD")
        self.assertEqual(error_of(body)[0], 405)

    def test_other_methods_405(self):
        for method in ("PUT", "DELETE", "OPTIONS", "PATCH"):
            with self.subTest(method=method):
                self.assertEqual(self.server.request(method, "/")[0], 405)

    def test_get_with_body_400(self):
        status, _, body = self.server.request("GET", "/api/search?q=x", body=b"x" * 100)
        self.assertEqual(status, 400)
        self.assertEqual(error_of(body)[1],
                         "request body not allowed: GET and HEAD requests have none")

    def test_foreign_host_400(self):
        status, message = self.get_error("/api/search?q=x",
                                         headers={"Host": "attacker.example:8080"})
        self.assertEqual(status, 400)
        self.assertTrue(message.startswith("invalid Host header: attacker.example:8080"))

    def test_loopback_hosts_accepted(self):
        for host in ("localhost", "LOCALHOST:80", "127.0.0.1", "127.1.2.3:9", "[::1]:8080"):
            with self.subTest(host=host):
                self.assertEqual(self.server.get("/", headers={"Host": host})[0], 200)

    # ---- Headers and page ----------------------------------------------

    def test_security_headers_everywhere(self):
        targets = ["/", "/?q=x", "/app.js", "/style.css", "/api/search?q=security",
                   "/api/record/SEC-2014-0059", "/api/record/none", "/nope",
                   "/api/search?q=gba+AND"]
        for target in targets:
            with self.subTest(target=target):
                _, headers, _ = self.server.get(target)
                self.assertEqual(headers["content-security-policy"], CSP)
                self.assertEqual(headers["x-content-type-options"], "nosniff")
                self.assertEqual(headers["referrer-policy"], "no-referrer")
                self.assertIn("charset=utf-8", headers["content-type"])

    def test_security_headers_on_405(self):
        _, headers, _ = self.server.request("DELETE", "/")
        self.assertEqual(headers["content-security-policy"], CSP)
        self.assertEqual(headers["x-content-type-options"], "nosniff")

    def test_asset_content_types(self):
        expected = {"/": "text/html; charset=utf-8",
                    "/app.js": "text/javascript; charset=utf-8",
                    "/style.css": "text/css; charset=utf-8"}
        for target, content_type in expected.items():
            with self.subTest(target=target):
                status, headers, body = self.server.get(target)
                self.assertEqual(status, 200)
                self.assertEqual(headers["content-type"], content_type)
                with open(self.page_file(target), "rb") as source:
                    self.assertEqual(body, source.read())

    def page_file(self, target):
        name = "index.html" if target == "/" else target[1:]
        return os.path.join(ARGS.source, "server", "page", name)

    def test_head_has_no_body(self):
        _, get_headers, get_body = self.server.get("/api/search?q=security")
        status, headers, body = self.server.request("HEAD", "/api/search?q=security")
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(int(headers["content-length"]), len(get_body))
        self.assertEqual(headers["content-security-policy"], get_headers["content-security-policy"])

    def test_page_has_no_inline_code(self):
        html = self.server.get("/")[2].decode("utf-8")
        self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)[^>]*>")
        self.assertNotRegex(html, r"\sstyle\s*=")
        self.assertNotRegex(html, r"<style")
        self.assertNotRegex(html, r"\son[a-z]+\s*=")

    def test_script_never_parses_html(self):
        script = self.server.get("/app.js")[2].decode("utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                     "eval(", "new Function"):
            with self.subTest(sink=sink):
                self.assertNotIn(sink, script)

    def test_xss_probe_is_json_text(self):
        status, headers, body = self.server.get(search_target({"q": "injection probe"}))
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/json; charset=utf-8")
        result = json.loads(body)["results"][0]
        self.assertEqual(result["title"], XSS_TITLE)
        self.assertIn(XSS_IMAGE, result["snippet"])

    def test_xss_record_is_json_text(self):
        result = json.loads(self.server.get(search_target({"q": "injection probe"}))[2])
        record_id = result["results"][0]["id"]
        record = json.loads(self.server.get("/api/record/" + urllib.parse.quote(record_id, safe=""))[2])
        self.assertEqual(record["title"], XSS_TITLE)
        self.assertIn(XSS_IMAGE, record["text"])

    # ---- Log -----------------------------------------------------------

    def test_log_line_per_request(self):
        self.server.get("/api/search?q=logcheckword")
        self.server.get("/nope-for-the-log")
        stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
        last = rf"(?m)^docket-serve: {stamp} GET /nope-for-the-log 404 \d+ ms$"
        log = self.server.wait_for_log(last)
        self.assertRegex(log, rf"(?m)^docket-serve: {stamp} GET /api/search 200 \d+ ms$")
        self.assertRegex(log, last)

    def test_log_leaves_out_query(self):
        self.server.get("/api/search?q=logsecretword&limit=7")
        self.server.get("/after-the-secret")
        log = self.server.wait_for_log("GET /after-the-secret 404")
        self.assertIn("GET /after-the-secret 404", log)
        self.assertNotIn("logsecretword", log)

    def test_log_quotes_control_bytes(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as sock:
            sock.sendall(b"GET /a\x1b[31mred HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Connection: close\r\n\r\n")
            while sock.recv(65536):
                pass
        log = self.server.wait_for_log("GET /a.*red 404")
        self.assertNotIn("\x1b", log)
        self.assertIn("GET /a?[31mred 404", log)


class Lifecycle(unittest.TestCase):
    """Servers of their own: index changes, missing index, signals,
    options."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="docket-serve-life-")
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(self.home)
        self.index = os.path.join(self.tmp, "index")
        self.servers = []

    def tearDown(self):
        for server in self.servers:
            server.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, index=None, extra_args=()):
        server = Server(ARGS.bin, self.home, index or self.index, extra_args,
                        wrapper=ARGS.wrapper)
        self.servers.append(server)
        return server

    def write_note(self, name, text):
        folder = os.path.join(self.tmp, "notes")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            out.write(text)
        return folder

    def test_sigterm_exits_0(self):
        build_index(ARGS.bin, self.home, self.index, os.path.join(ARGS.source, "corpus"))
        server = self.start()
        self.assertEqual(server.get("/api/search?q=security")[0], 200)
        self.assertEqual(server.stop(signal.SIGTERM), 0, server.log())
        self.assertIn("docket-serve: stopping on SIGTERM", server.log())

    def test_sigint_exits_0(self):
        build_index(ARGS.bin, self.home, self.index, os.path.join(ARGS.source, "corpus"))
        server = self.start()
        self.assertEqual(server.stop(signal.SIGINT), 0, server.log())

    def test_sees_new_commits(self):
        build_index(ARGS.bin, self.home, self.index, self.write_note("a.md", "# First\n\nalpha\n"))
        server = self.start()
        first = json.loads(server.get("/api/search?q=quasarword")[2])
        self.assertEqual(first["total"], 0)
        build_index(ARGS.bin, self.home, self.index,
                    self.write_note("b.md", "# Second\n\nquasarword\n"))
        second = json.loads(server.get("/api/search?q=quasarword")[2])
        self.assertEqual(second["total"], 1)

    def test_missing_index_503(self):
        server = self.start(index=os.path.join(self.tmp, "not-built-yet"))
        status, headers, body = server.get("/api/search?q=x")
        self.assertEqual(status, 503)
        self.assertEqual(headers["retry-after"], "10")
        self.assertEqual(error_of(body), (503, "no index yet: build one with docket-index"))
        self.assertIn("no index found; build one with docket-index; until then, searches "
                      "return 503", server.log())

    def test_shards_match_cli_bytes(self):
        second = os.path.join(self.tmp, "second")
        build_index(ARGS.bin, self.home, self.index, os.path.join(ARGS.source, "corpus"))
        build_index(ARGS.bin, self.home, second, self.write_note("c.md", "# Shard\n\nsecurity\n"))
        server = self.start(extra_args=("-d", second))
        status, _, body = server.get("/api/search?q=security&facets=type,status")
        self.assertEqual(status, 200, body)
        code, expected, err = run(ARGS.bin, self.home, "docket-search", "-d", self.index,
                                  "-d", second, "--format=json", "--facets=type,status",
                                  "security")
        self.assertEqual(code, 0, err)
        self.assertEqual(body, expected)

    def test_missing_index_page_200(self):
        server = self.start(index=os.path.join(self.tmp, "not-built-yet"))
        self.assertEqual(server.get("/")[0], 200)

    def test_invalid_listen_exits_2(self):
        for value in ("nonsense", "127.0.0.1", "127.0.0.1:70000", "example.org:80", "[::1:80"):
            with self.subTest(value=value):
                code, _, err = run(ARGS.bin, self.home, "docket-serve", "-d", self.index,
                                   "--listen", value)
                self.assertEqual(code, 2)
                self.assertIn("invalid --listen", err)

    def test_port_in_use_exits_1(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            port = taken.getsockname()[1]
            code, _, err = run(ARGS.bin, self.home, "docket-serve", "-d", self.index,
                               "--listen", f"127.0.0.1:{port}")
        self.assertEqual(code, 1)
        self.assertIn(f"cannot listen on http://127.0.0.1:{port}/", err)

    def test_unexpected_argument_exits_2(self):
        code, _, err = run(ARGS.bin, self.home, "docket-serve", "query words")
        self.assertEqual(code, 2)
        self.assertIn("unexpected argument: query words", err)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--wrapper", default="", help="command to run the server under")
    ARGS, rest = parser.parse_known_args()
    ARGS.wrapper = shlex.split(ARGS.wrapper)
    program = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2)
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
