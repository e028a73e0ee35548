#!/usr/bin/env python3
"""Browser test of the docket-serve search page: headless Chromium, driven
by browser.js, searches, narrows by a facet, walks back and forward, opens
a record, and shows the injection probe as text.

  test_serve_browser.py --bin BUILD_DIR --source SOURCE_DIR
      --shared-corpus DIR --screenshots DIR [--chromium PATH] [--node PATH]

The index contains the shared corpus when that folder exists, else
corpus/, plus the injection probe. Exits 77 (a skip for ctest) when Chromium or
Node.js is not installed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from serve_util import Server, build_index, write_xss_folder

SKIP = 77
BROWSER_TIMEOUT = 120  # seconds for the whole browser run


def corpus_folder(args):
    if os.path.isdir(args.shared_corpus):
        return args.shared_corpus
    print(f"shared corpus not found at {args.shared_corpus}; using corpus/ instead")
    return os.path.join(args.source, "corpus")


def run_browser(args, server):
    command = [args.node, os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser.js"),
               "--chromium", args.chromium, "--url", server.url,
               "--screenshots", args.screenshots]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    return proc.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--shared-corpus", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--node", default=shutil.which("node") or "node")
    args = parser.parse_args()

    for program, package in ((args.chromium, "chromium"), (args.node, "nodejs")):
        if not shutil.which(program):
            print(f"SKIP: {program} not found; install the Debian package {package} "
                  "(make deps does) to run the browser test")
            return SKIP

    tmp = tempfile.mkdtemp(prefix="docket-serve-browser-")
    server = None
    try:
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        index = os.path.join(tmp, "index")
        build_index(args.bin, home, index, corpus_folder(args), write_xss_folder(tmp))
        server = Server(args.bin, home, index)
        code = run_browser(args, server)
        stop_code = server.stop()
        if stop_code != 0:
            print(f"docket-serve exited {stop_code} on SIGTERM:\n{server.log()}")
            return 1
        if code == 0:
            print(f"screenshots: {os.path.join(args.screenshots, 'serve-screenshot.png')}, "
                  f"{os.path.join(args.screenshots, 'serve-screenshot-record.png')}")
        return code
    finally:
        if server:
            server.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
