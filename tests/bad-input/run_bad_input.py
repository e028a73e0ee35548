#!/usr/bin/env python3
"""Hostile and broken input for docket-index, end to end.

Every case is a file this script generates in a temporary tree next to
good files. One run of docket-index over the tree must report each bad
file on one line that names it and the reason, go on, exit 1, and index
every good file.
"""
import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

ARGS = None

DOCX_DOCUMENT = (b'<?xml version="1.0" encoding="UTF-8"?>'
                 b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 b'<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>')


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(document_xml):
    return zip_bytes([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", document_xml)])


def nested_zip(depth):
    data = zip_bytes([("deep.txt", b"1 Deep\n\ndeep words\n")])
    for level in range(depth):
        data = zip_bytes([(f"level{level}.zip", data)])
    return data


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b'<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
EXTERNAL_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                   b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   b'<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>')

# Bytes that deflate cannot shrink, so that a cut lands inside the data.
NOISE = bytes((i * 7919 + i // 13) % 251 for i in range(20000))

# name -> (bytes, words that must appear on the file's error line)
BAD_FILES = {
    "corrupt.zip": (b"PK\x03\x04 this is not really an archive" * 10, ["corrupt.zip"]),
    "truncated.zip": (zip_bytes([("a.txt", NOISE)])[:len(NOISE) // 2], ["truncated.zip"]),
    "truncated.docx": (docx_bytes(DOCX_DOCUMENT % b"text")[:150], ["truncated.docx"]),
    "bomb-ratio.zip": (zip_bytes([("zeros.txt", b"\0" * (40 << 20))]), ["bomb-ratio.zip", "ratio"]),
    "nested.zip": (nested_zip(5), ["nested.zip", "nested"]),
    "external-entity.docx": (docx_bytes(EXTERNAL_ENTITY), ["external-entity.docx"]),
    "billion-laughs.docx": (docx_bytes(BILLION_LAUGHS), ["billion-laughs.docx"]),
    "binary.txt": (bytes(range(256)) * 40, ["binary.txt", "binary"]),
    "not-a-word-file.doc": (b"plain words, not Word 97" * 20, ["not-a-word-file.doc"]),
}

# Files that must still be indexed: name -> (bytes, a word only they contain)
GOOD_FILES = {
    "good.md": (b"# Good\n\nzebracontrol words\n", "zebracontrol"),
    "latin1.txt": ("1 Caf\xe9\n\nlatinword caf\xe9 au lait\n".encode("latin-1"), "latinword"),
    "mixed.txt": (b"1 Mixed\n\nmixedword valid \xc3\xa9 then invalid \xff\xfe bytes\n", "mixedword"),
    "utf16.txt": ("1 Wide\n\nwideword text\n".encode("utf-16"), "wideword"),
    "with space.md": (b"# Space\n\nspaceword\n", "spaceword"),
    "new\nline.md": (b"# Newline\n\nnewlineword\n", "newlineword"),
    b"caf\xe9.md".decode("utf-8", "surrogateescape"): (b"# Cafe\n\ncafeword\n", "cafeword"),
    "archive.zip": (zip_bytes([("inner.md", b"# Inner\n\ninnerword\n"),
                               ("../../escape.md", b"# Escape\n\nescapeword\n")]), "escapeword"),
    "list.htm.gz": (gzip.compress(b"<html><title>Zipped</title><p>gzipword</p></html>"), "gzipword"),
}


def run(*args, user=None):
    env = dict(os.environ, HOME=ARGS.home)
    env.pop("DOCKET_INDEX", None)
    command = list(args)
    if user:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] + command
    return subprocess.run(command, capture_output=True, env=env, timeout=600)


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="docket-bad-")
        cls.tree = os.path.join(cls.tmp, "tree")
        cls.index = os.path.join(cls.tmp, "index")
        os.mkdir(cls.tree)
        for name, (data, _) in {**BAD_FILES, **GOOD_FILES}.items():
            with open(os.path.join(cls.tree, name), "wb") as f:
                f.write(data)
        with open(os.path.join(cls.tree, "sparse.txt"), "wb") as f:
            f.truncate(3 << 30)
        os.symlink("loop-b", os.path.join(cls.tree, "loop-a"))
        os.symlink("loop-a", os.path.join(cls.tree, "loop-b"))
        os.symlink("deleted-before-read.md", os.path.join(cls.tree, "gone.md"))
        os.mkfifo(os.path.join(cls.tree, "pipe.txt"))
        cls.bin = ARGS.bin
        proc = run(os.path.join(cls.bin, "docket-index"), "-d", cls.index, cls.tree)
        cls.code = proc.returncode
        cls.err = proc.stderr.decode("utf-8", "replace")
        cls.lines = cls.err.splitlines()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def line_for(self, name):
        found = [line for line in self.lines if name in line]
        self.assertTrue(found, f"no line names {name}:\n{self.err}")
        return found[0]

    def count(self, query):
        proc = run(os.path.join(self.bin, "docket-search"), "-d", self.index, "--count", query)
        return int(proc.stdout.decode() or 0)

    def test_exit_code_is_1(self):
        self.assertEqual(self.code, 1, self.err)

    def test_summary_printed(self):
        self.assertIn("files indexed", self.err)

    def test_each_bad_file_named_with_reason(self):
        for name, (_, words) in BAD_FILES.items():
            with self.subTest(file=name):
                line = self.line_for(name)
                self.assertTrue(line.startswith("docket-index: "), line)
                for word in words:
                    self.assertIn(word, line)

    def test_sparse_file_refused_unread(self):
        line = self.line_for("sparse.txt")
        self.assertIn("too large", line)

    def test_symlink_loop(self):
        self.assertIn("Too many levels of symbolic links", self.line_for("loop-a"))

    def test_file_deleted_before_read(self):
        self.assertIn("No such file or directory", self.line_for("gone.md"))

    def test_fifo_skipped_unopened(self):
        self.assertIn("not a regular file", self.line_for("pipe.txt"))

    def test_good_files_indexed(self):
        for name, (_, word) in GOOD_FILES.items():
            with self.subTest(file=name):
                self.assertEqual(self.count(word), 1, f"{name}: {word} not found")

    def test_archive_member_written_nowhere(self):
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "escape.md")))
        self.assertFalse(os.path.exists(os.path.join(os.path.dirname(self.tmp), "escape.md")))

    def test_json_valid_for_odd_names(self):
        proc = run(os.path.join(self.bin, "docket-search"), "-d", self.index, "--format=json",
                   "cafeword OR newlineword OR mixedword")
        result = json.loads(proc.stdout.decode("utf-8"))
        self.assertEqual(result["total"], 3)

    def test_unreadable_file(self):
        """Run as an unprivileged user, since root reads any file."""
        if os.geteuid() == 0 and not shutil.which("setpriv"):
            self.skipTest("running as root without setpriv to drop privileges")
        tree = os.path.join(self.tmp, "perm")
        os.mkdir(tree)
        for name, data in (("secret.md", b"# S\n\nsecretword\n"), ("open.md", b"# O\n\nopenword\n")):
            with open(os.path.join(tree, name), "wb") as f:
                f.write(data)
        os.chmod(os.path.join(tree, "secret.md"), 0)
        os.chmod(self.tmp, 0o777)
        os.chmod(tree, 0o777)
        index = os.path.join(self.tmp, "perm-index")
        user = "65534" if os.geteuid() == 0 else None  # nobody
        proc = run(os.path.join(self.bin, "docket-index"), "-d", index, tree, user=user)
        err = proc.stderr.decode("utf-8", "replace")
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn("secret.md", err)
        self.assertIn("Permission denied", err)
        found = run(os.path.join(self.bin, "docket-search"), "-d", index, "--count", "openword")
        self.assertEqual(found.stdout.decode().strip(), "1")


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    ARGS, rest = parser.parse_known_args()
    ARGS.home = tempfile.mkdtemp(prefix="docket-bad-home-")
    try:
        program = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2)
    finally:
        shutil.rmtree(ARGS.home, ignore_errors=True)
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
