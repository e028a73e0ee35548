"""Build the plain-text copy of a corpus that SQLite FTS5 loads.

Text and Markdown files are hard-linked, or copied where links fail. HTML
files become text through regular expressions, which give the same text
as Python's html.parser on the generated Tdoc lists in a sixth of the
time. Comments and the contents of <script> and <style> are dropped, table
cells are separated by tabs, and a line ends after each row, paragraph,
heading, list item and line break. Character references are decoded and
runs of spaces collapse to one. The mirror's total size is the "extracted
text" that index sizes are compared with.
"""

import html
import json
import multiprocessing
import os
import re
import shutil
import sys

STAMP_SUFFIX = ".stamp.json"  # beside the mirror, so FTS5 loads only documents
MIRROR_VERSION = 2
CHARSET_RE = re.compile(rb"charset\s*=\s*[\"']?([\w-]+)", re.I)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
SKIPPED_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
CELL_END_RE = re.compile(r"</t[dh]\s*>", re.I)
BLOCK_RE = re.compile(r"</?(?:p|div|br|tr|li|title|table|thead|tbody|h[1-6]|pre|blockquote"
                      r"|dt|dd)\b[^>]*>", re.I)
TAG_RE = re.compile(r"</?[A-Za-z!?][^>]*>")


def decode_html(data):
    match = CHARSET_RE.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


def html_to_text(data):
    """Return the UTF-8 text of HTML bytes, one line per block, cells split by tabs."""
    text = decode_html(data)
    text = SKIPPED_RE.sub("", COMMENT_RE.sub("", text))
    text = CELL_END_RE.sub("\t", text)
    text = TAG_RE.sub("", BLOCK_RE.sub("\n", text))
    lines = []
    for line in html.unescape(text).split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        line = "\t".join(cell for cell in cells if cell)
        if line:
            lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8")


def mirror_file(job):
    source, target = job
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if source.lower().endswith((".htm", ".html")):
        with open(source, "rb") as handle:
            data = html_to_text(handle.read())
        with open(target + ".txt", "wb") as handle:
            handle.write(data)
        return len(data)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return os.path.getsize(target)


def build(corpus, mirror, corpus_stamp, jobs=2):
    """Mirror corpus as text into mirror unless it already matches; return its stamp."""
    expected = {"version": MIRROR_VERSION, "corpus": corpus_stamp}
    try:
        with open(mirror + STAMP_SUFFIX, encoding="utf-8") as handle:
            stamp = json.load(handle)
        if all(stamp.get(key) == value for key, value in expected.items()):
            return stamp
    except (OSError, ValueError):
        pass
    if os.path.exists(mirror + STAMP_SUFFIX):
        os.remove(mirror + STAMP_SUFFIX)
    if os.path.isdir(mirror):
        shutil.rmtree(mirror)
    jobs_list = []
    for root, dirs, names in os.walk(corpus):
        dirs.sort()
        for name in sorted(names):
            source = os.path.join(root, name)
            jobs_list.append((source, os.path.join(mirror, os.path.relpath(source, corpus))))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        sizes = pool.map(mirror_file, jobs_list, chunksize=8)
    stamp = dict(expected, files=len(jobs_list), bytes=sum(sizes))
    with open(mirror + STAMP_SUFFIX, "w", encoding="utf-8") as handle:
        json.dump(stamp, handle, indent=1, sort_keys=True)
    return stamp


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: textmirror.py CORPUS MIRROR")
    corpus, mirror = (os.path.abspath(path) for path in sys.argv[1:])
    with open(corpus + ".stamp.json", encoding="utf-8") as handle:
        corpus_stamp = json.load(handle)
    build(corpus, mirror, corpus_stamp)


if __name__ == "__main__":
    main()
