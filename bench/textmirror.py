"""Build the plain-text copy of a corpus that SQLite FTS5 loads.

Text and Markdown files are hard-linked, or copied where links fail. HTML
files become text with Python's html.parser. It drops the contents of
<script>, <style> and comments, separates table cells by tabs, ends a line
after each row, paragraph, heading, list item and line break, and
collapses runs of spaces to one. The mirror's total size is the "extracted
text" that index sizes are compared with.
"""

import html.parser
import json
import multiprocessing
import os
import re
import shutil
import sys

STAMP_SUFFIX = ".stamp.json"  # beside the mirror, so FTS5 loads only documents
MIRROR_VERSION = 1
BLOCK_TAGS = {"p", "div", "br", "tr", "li", "title", "table", "thead", "tbody",
              "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dt", "dd"}
CELL_TAGS = {"td", "th"}
SKIPPED_TAGS = {"script", "style"}
CHARSET_RE = re.compile(rb"charset\s*=\s*[\"']?([\w-]+)", re.I)


class TextExtractor(html.parser.HTMLParser):
    """Collect the text of an HTML document with one line per block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in CELL_TAGS:
            self.pieces.append("\t")
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.pieces.append(data)

    def text(self):
        lines = []
        for line in "".join(self.pieces).split("\n"):
            cells = [" ".join(cell.split()) for cell in line.split("\t")]
            line = "\t".join(cell for cell in cells if cell)
            if line:
                lines.append(line)
        return "\n".join(lines) + "\n"


def decode_html(data):
    match = CHARSET_RE.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


def html_to_text(data):
    """Return the UTF-8 text of HTML bytes."""
    extractor = TextExtractor()
    extractor.feed(decode_html(data))
    extractor.close()
    return extractor.text().encode("utf-8")


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
