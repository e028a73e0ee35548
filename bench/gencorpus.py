#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus of meeting documents.

The generator recombines real documents (oneM2M minutes, 3GPP Tdoc lists,
IETF and OASIS minutes in Markdown and text) into new files of the same
formats until the requested size is reached. Each output file is a variant
of one real file. Its contribution and Tdoc numbers, meeting numbers,
dates, people and companies are remapped, and about half of its prose
paragraphs are replaced by real paragraphs from other files of the same
kind. Words and phrases therefore keep their real statistics while the
identifiers and facet values spread the way an archive of many meetings
does. The first variant of every real file is the file unchanged, so every
identifier of the source corpus can be found in any corpus large enough
to hold each source file once.

The same seed, size and source corpus always produce the same bytes.

Usage: gencorpus.py --source DIR --out DIR --size 100M [--seed N] [--jobs N]
"""

import argparse
import bisect
import hashlib
import json
import multiprocessing
import os
import random
import re
import shutil
import sys

# Output share of each family, in bytes.
FAMILY_SHARES = {
    "onem2m": 0.25,     # oneM2M minutes, text exported from Word
    "tdoclist": 0.30,   # 3GPP Tdoc lists, HTML in Windows-1252
    "markdown": 0.30,   # IETF and OASIS minutes in Markdown
    "text": 0.15,       # IETF minutes and agendas in plain text
}

# Probability that a paragraph of a variant keeps its own text.
PARAGRAPH_KEEP = 0.5
# Probability that a Tdoc row of a variant keeps its own title.
TITLE_KEEP = 0.7
# Exponent of the Zipf-like weights that pick people and companies, so a
# few are frequent and most are rare, as in real attendance lists.
ZIPF_EXPONENT = 0.9
# A prose paragraph is a line at least this long (in characters).
MIN_PARAGRAPH = 80
# Tdoc lists smaller than this are snapshots without rows and not reused.
MIN_TDOC_LIST = 100_000

# The stamp and the partial-run marker sit beside the output folder, so
# nothing but documents is inside it.
STAMP_SUFFIX = ".stamp.json"
PARTIAL_SUFFIX = ".partial"
GENERATOR_VERSION = 2

# Slot kinds of a tokenised template.
PARA, ONEM2M_ID, ACTION_ID, MEETING, TP_NUMBER, TDOC_ID, DATE, YEAR, \
    PERSON, COMPANY, TABLE_PERSON, TITLE, SOURCES = range(13)

NAME_WORD = r"[A-Z][a-zA-Z\u00c0-\u017f'-]+"
PERSON_NAME = NAME_WORD + r"(?: " + NAME_WORD + r"){1,2}"

# Identifier patterns, tried in this order at every position.
IDENTIFIER_PATTERNS = [
    ("onem2m_id", r"\b(?:SEC|ARC|PRO|TST|MAS|RDM|REQ|MAN|TP)-(?:20\d\d|2104)-\d{3,4}"),
    ("action_id", r"\bA-WG\d-TP\d+-\d{3}\b"),
    ("tdoc_id", r"\bS2-1[5-9]\d{4,5}\b"),
    ("meeting", r"(?:SEC ?# ?|WG2 ?#|S2 ?#|S2-|meeting #)1?\d{1,2}(?=\.\d|BIS|Bis|bis|[^\d.]|$)"),
    ("tp_number", r"\bTP\d{1,2}\b"),
]
DATE_PATTERNS = [
    ("date", r"\b20[0-2]\d-[01]\d-[0-3]\d\b"),
    ("year", r"\b20[0-2]\d\b"),
]
# IETF and OASIS minutes keep their numbers (issue numbers, RFCs, IETF
# meetings); only their dates and names vary.
FAMILY_PATTERNS = {
    "onem2m": IDENTIFIER_PATTERNS + DATE_PATTERNS,
    "tdoclist": IDENTIFIER_PATTERNS + DATE_PATTERNS,
    "markdown": DATE_PATTERNS,
    "text": DATE_PATTERNS,
}
# Range of the year shift of a variant, per family, so dates stay plausible.
YEAR_SHIFT = {"onem2m": (0, 9), "tdoclist": (-2, 6), "markdown": (-5, 2), "text": (-5, 2)}

PRESENTER_RE = re.compile(
    r"Presented by (" + PERSON_NAME + r"),? *\(? *([A-Z][^()\n]*?(?:\([^()\n]*\))?[^()\n]*?)\)?\s*$",
    re.M)
LIST_PERSON_RE = re.compile(
    r"^\s*[*-] (" + PERSON_NAME + r"), ([A-Z][\w&.' -]{1,40}?)\s*$", re.M)
SPEAKER_RE = re.compile(r"^\s*[*-]?\s*(" + PERSON_NAME + r"):", re.M)
TABLE_PERSON_RE = re.compile(
    r"^\| (" + NAME_WORD + r")( +)\| (" + NAME_WORD + r"(?: " + NAME_WORD + r")?)( +)\|", re.M)
TABLE_ROW_RE = re.compile(TABLE_PERSON_RE.pattern + r" ([^|\n]*?) *\|", re.M)
TDOC_ROW_RE = re.compile(r"<TR VALIGN=TOP>.*?</TR>", re.S)
TDOC_CELL_RE = re.compile(r"(<TD[^>]*><FONT[^>]*>)(.*?)(</FONT></TD>)", re.S)


def parse_size(text):
    """Return the byte count of a size such as 500K, 100M or 1G (decimal units)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*", text, re.I)
    if not match:
        raise ValueError(f"invalid size: {text!r} (expected a number with K, M or G)")
    scale = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}[match.group(2).upper()]
    return int(float(match.group(1)) * scale)


class Pools:
    """People, companies, paragraphs and Tdoc titles harvested from the sources."""

    def __init__(self):
        self.people = set()
        self.companies = set()
        self.paragraphs = {"onem2m": [], "markdown": [], "text": []}
        self.titles = []

    def freeze(self):
        self.people = sorted(self.people)
        self.companies = sorted(self.companies)
        shuffle = random.Random("pools")
        shuffle.shuffle(self.people)
        shuffle.shuffle(self.companies)
        self.people_weights = zipf_cumulative(len(self.people))
        self.company_weights = zipf_cumulative(len(self.companies))


def zipf_cumulative(count):
    total = 0.0
    cumulative = []
    for rank in range(count):
        total += 1.0 / (rank + 1) ** ZIPF_EXPONENT
        cumulative.append(total)
    return cumulative


def pick_weighted(rng, items, cumulative):
    index = bisect.bisect_left(cumulative, rng.random() * cumulative[-1])
    return items[min(index, len(items) - 1)]


def clean_company(text):
    text = text.strip().strip("()").strip()
    return re.sub(r"\s+", " ", text)


def lowercase_words(texts):
    """Return the words written in lower case at least 3 times in texts."""
    counts = {}
    for text in texts:
        for word in re.findall(r"\b[a-z]+\b", text):
            counts[word] = counts.get(word, 0) + 1
    return {word for word, count in counts.items() if count >= 3}


def is_name(candidate, lowercase):
    """Reject capitalised phrases such as "Meeting Date" or "Next Face-to-Face"."""
    words = candidate.split()
    if words[-1].lower() in lowercase:
        return False
    return not all(word.lower() in lowercase for word in words)


def is_company(candidate, lowercase):
    """Reject liaison senders, notes and common words ("Member") as company names."""
    words = candidate.split()
    if not 2 <= len(candidate) <= 60 or len(words) > 6:
        return False
    if len(words) == 1 and candidate.lower() in lowercase:
        return False
    return not re.search(r"[\d?\[\]\u2026]", candidate)


def harvest_names(text):
    """Return (people, companies) named in one document's text."""
    people, companies = set(), set()
    for match in PRESENTER_RE.finditer(text):
        people.add(match.group(1))
        company = clean_company(match.group(2))
        if 2 <= len(company) <= 60:
            companies.add(company)
    for match in LIST_PERSON_RE.finditer(text):
        people.add(match.group(1))
        companies.add(clean_company(match.group(2)))
    for match in SPEAKER_RE.finditer(text):
        people.add(match.group(1))
    for match in TABLE_ROW_RE.finditer(text):
        if match.group(1) not in ("Given", "Name"):
            people.add(match.group(1) + " " + match.group(3))
            company = match.group(5).strip()
            if company and not company.startswith(":") and "Affiliation" not in company:
                companies.add(company)
    return people, companies


class Tokeniser:
    """Split text into literal strings and identifier or name slots."""

    def __init__(self, patterns, people=(), companies=()):
        alternatives = []
        names = sorted(set(people) | set(companies), key=len, reverse=True)
        self.people = set(people)
        if names:
            escaped = "|".join(re.escape(name) for name in names)
            alternatives.append(rf"(?P<name>(?<!\w)(?:{escaped})(?!\w))")
        for kind, pattern in patterns:
            alternatives.append(f"(?P<{kind}>{pattern})")
        self.regex = re.compile("|".join(alternatives))

    def parts(self, text):
        parts = []
        position = 0
        for match in self.regex.finditer(text):
            if match.start() > position:
                parts.append(text[position:match.start()])
            parts.append(self.slot(match.lastgroup, match.group()))
            position = match.end()
        if position < len(text):
            parts.append(text[position:])
        return parts

    def slot(self, kind, value):
        if kind == "name":
            return (PERSON if value in self.people else COMPANY, value)
        if kind == "onem2m_id":
            prefix, year, number = value.split("-")
            return (ONEM2M_ID, prefix, year, number)
        if kind == "action_id":
            group, wg, tp, number = value.split("-")
            return (ACTION_ID, f"{group}-{wg}-", int(tp[2:]), f"-{number}")
        if kind == "tdoc_id":
            digits = value[3:]
            return (TDOC_ID, int(digits[:2]), digits[2:])
        if kind == "meeting":
            digits = re.search(r"\d+$", value).group()
            return (MEETING, value[:-len(digits)], int(digits))
        if kind == "tp_number":
            return (TP_NUMBER, int(value[2:]))
        if kind == "date":
            return (DATE, int(value[:4]), value[4:])
        return (YEAR, int(value))


class Template:
    """One source file, tokenised once and rendered into many variants."""

    def __init__(self, family, relpath, extension, parts):
        self.family = family
        self.relpath = relpath
        self.extension = extension
        self.parts = parts
        self.size = 0


def is_prose(line, family):
    stripped = line.strip()
    if len(stripped) < MIN_PARAGRAPH or stripped.startswith(("|", "#", "http", "```", "<")):
        return False
    if family == "onem2m":
        return stripped.startswith("·") and "Presented by" not in stripped \
            and "Decisions and Actions" not in stripped
    return stripped[0].isalpha() or stripped[0] in "*-" and stripped[2:3].isalpha()


def tokenise_lines(text, family, tokeniser, pools):
    """Return the parts of a text template; prose lines become paragraph slots."""
    parts = []
    for line in text.splitlines(keepends=True):
        if not is_prose(line, family):
            parts.extend(tokeniser.parts(line))
            continue
        body = line.rstrip("\r\n")
        own = tokeniser.parts(body)
        pools.paragraphs[family].append(own)
        if family != "onem2m":
            # Prose of other minutes also fills oneM2M discussion bullets.
            bullet = own
            if isinstance(own[0], str) and own[0].lstrip().startswith(("* ", "- ")):
                bullet = [own[0].lstrip()[2:]] + own[1:]
            pools.paragraphs["onem2m"].append(["· "] + bullet)
        parts.append((PARA, family, own))
        parts.append(line[len(body):])
    return table_person_slots(parts)


def table_person_slots(parts):
    """Turn OASIS participant rows ("| Given | Family | Company |") into slots."""
    result = []
    for part in parts:
        if not isinstance(part, str) or not part.startswith("| "):
            result.append(part)
            continue
        match = TABLE_PERSON_RE.match(part)
        if not match or match.group(1) in ("Given", "Name"):
            result.append(part)
            continue
        widths = (len(match.group(1)) + len(match.group(2)),
                  len(match.group(3)) + len(match.group(4)))
        result.append((TABLE_PERSON, match.group(1) + " " + match.group(3), widths))
        result.append(part[match.end(4):])
    return result


def tokenise_tdoc_list(text, tokeniser, pools):
    """Return the parts of a Tdoc list; each row's title and sources become slots."""
    parts = []
    position = 0
    for row in TDOC_ROW_RE.finditer(text):
        parts.extend(tokeniser.parts(text[position:row.start()]))
        parts.extend(tokenise_tdoc_row(row.group(), tokeniser, pools))
        position = row.end()
    parts.extend(tokeniser.parts(text[position:]))
    return parts


def tokenise_tdoc_row(row, tokeniser, pools):
    cells = list(TDOC_CELL_RE.finditer(row))
    if len(cells) != 10 or "a name=S2-" not in cells[1].group(2):
        return tokeniser.parts(row)
    parts = tokeniser.parts(row[:cells[4].start(2)])
    title = tokeniser.parts(cells[4].group(2))
    pools.titles.append(title)
    parts.append((TITLE, title))
    parts.extend(tokeniser.parts(row[cells[4].end(2):cells[5].start(2)]))
    cell = cells[5].group(2)
    sources = [name.strip() for name in cell.split(",") if name.strip()]
    parts.append((SOURCES, sources, cell))
    parts.extend(tokeniser.parts(row[cells[5].end(2):]))
    return parts


def classify(relpath):
    lower = relpath.lower()
    if "/" not in lower:  # the corpus's own README
        return None
    if lower.startswith("onem2m/") and lower.endswith(".txt"):
        return "onem2m"
    if "tdocs_by_agenda/" in lower and lower.endswith((".htm", ".html")):
        return "tdoclist"
    if lower.endswith(".md"):
        return "markdown"
    if lower.endswith(".txt"):
        return "text"
    return None


def read_source(path, family):
    with open(path, "rb") as handle:
        data = handle.read()
    if family == "tdoclist":
        return data.decode("cp1252", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def load_templates(source):
    """Return (templates by family, pools) for every usable file under source."""
    files = []
    for root, dirs, names in os.walk(source):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            relpath = os.path.relpath(path, source).replace(os.sep, "/")
            family = classify(relpath)
            if family and (family != "tdoclist" or os.path.getsize(path) >= MIN_TDOC_LIST):
                files.append((family, relpath, read_source(path, family)))

    lowercase = lowercase_words(text for _, _, text in files)
    pools = Pools()
    names = {}
    for family, relpath, text in files:
        if family == "tdoclist":
            companies = set()
            for row in TDOC_ROW_RE.finditer(text):
                cells = TDOC_CELL_RE.findall(row.group())
                if len(cells) == 10:
                    companies.update(c.strip() for c in cells[5][1].split(",") if c.strip())
            names[relpath] = (set(), companies)
        else:
            people, companies = harvest_names(text)
            names[relpath] = ({p for p in people if is_name(p, lowercase)},
                              {c for c in companies if is_company(c, lowercase)})
        pools.people.update(names[relpath][0])
        pools.companies.update(c for c in names[relpath][1] if is_company(c, lowercase))
    pools.freeze()

    templates = {family: [] for family in FAMILY_SHARES}
    for family, relpath, text in files:
        people, companies = names[relpath]
        if family == "tdoclist":
            parts = tokenise_tdoc_list(text, Tokeniser(FAMILY_PATTERNS[family]), pools)
        else:
            tokeniser = Tokeniser(FAMILY_PATTERNS[family], people, companies)
            parts = tokenise_lines(text, family, tokeniser, pools)
        template = Template(family, relpath, os.path.splitext(relpath)[1], parts)
        template.size = len(text.encode("cp1252" if family == "tdoclist" else "utf-8",
                                        errors="replace"))
        templates[family].append(template)
    return templates, pools


class Variant:
    """The remapping of one output file: identity for the first variant of a template."""

    def __init__(self, pools, family, seed, index, identity):
        self.pools = pools
        self.identity = identity
        self.rng = random.Random(f"{seed}:{index}")
        rng = self.rng
        low, high = YEAR_SHIFT[family]
        self.year_delta = 0 if identity else low + int(rng.random() * (high - low + 1))
        self.meeting_delta = 0 if identity else int(rng.random() * 40)
        self.id_shift = 0 if identity else int(rng.random() * 3000)
        self.people = {}
        self.companies = {}

    def person(self, name):
        if self.identity:
            return name
        if name not in self.people:
            self.people[name] = pick_weighted(self.rng, self.pools.people,
                                              self.pools.people_weights)
        return self.people[name]

    def company(self, name):
        if self.identity:
            return name
        if name not in self.companies:
            self.companies[name] = pick_weighted(self.rng, self.pools.companies,
                                                 self.pools.company_weights)
        return self.companies[name]

    def keep(self, probability):
        return self.identity or self.rng.random() < probability


def render(parts, variant, out):
    """Append the text of parts, remapped for variant, to the list out."""
    for part in parts:
        if part.__class__ is str:
            out.append(part)
            continue
        kind = part[0]
        if kind == PARA:
            if variant.keep(PARAGRAPH_KEEP):
                render(part[2], variant, out)
            else:
                pool = variant.pools.paragraphs[part[1]]
                render(pool[int(variant.rng.random() * len(pool))], variant, out)
        elif kind == ONEM2M_ID:
            render_onem2m_id(part, variant, out)
        elif kind == ACTION_ID:
            out.append(f"{part[1]}TP{part[2] + variant.meeting_delta}{part[3]}")
        elif kind == TDOC_ID:
            digits = part[2]
            number = (int(digits) + variant.id_shift * 7) % 10 ** len(digits)
            out.append(f"S2-{part[1] + variant.year_delta:02d}{number:0{len(digits)}d}")
        elif kind == MEETING:
            out.append(f"{part[1]}{part[2] + variant.meeting_delta}")
        elif kind == TP_NUMBER:
            out.append(f"TP{part[1] + variant.meeting_delta}")
        elif kind == DATE:
            out.append(f"{part[1] + variant.year_delta}{part[2]}")
        elif kind == YEAR:
            out.append(str(part[1] + variant.year_delta))
        elif kind == PERSON:
            out.append(variant.person(part[1]))
        elif kind == COMPANY:
            out.append(variant.company(part[1]))
        elif kind == TABLE_PERSON:
            render_table_person(part, variant, out)
        elif kind == TITLE:
            if variant.keep(TITLE_KEEP):
                render(part[1], variant, out)
            else:
                titles = variant.pools.titles
                render(titles[int(variant.rng.random() * len(titles))], variant, out)
        elif kind == SOURCES:
            if variant.identity:
                out.append(part[2])
            else:
                out.append(", ".join(variant.company(name) for name in part[1]))


def render_onem2m_id(part, variant, out):
    _, prefix, year, number = part
    if year != "2104":  # a typing error of the source; kept as written
        year = str(int(year) + variant.year_delta)
    value = (int(number) + variant.id_shift) % 3000 if variant.id_shift else int(number)
    out.append(f"{prefix}-{year}-{value:0{len(number)}d}")


def render_table_person(part, variant, out):
    first_name, _, family_name = variant.person(part[1]).partition(" ")
    out.append(f"| {first_name.ljust(part[2][0])}| {family_name.ljust(part[2][1])}")


def plan_files(templates, target):
    """Return the list of (index, template, variant number) that fills target bytes."""
    planned = {family: 0 for family in FAMILY_SHARES}
    uses = {}
    cursors = {family: 0 for family in FAMILY_SHARES}
    plan = []
    total = 0
    while total < target:
        family = max(FAMILY_SHARES,
                     key=lambda f: FAMILY_SHARES[f] * target - planned[f])
        members = templates[family]
        template = members[cursors[family] % len(members)]
        cursors[family] += 1
        variant_number = uses.get(template.relpath, 0)
        uses[template.relpath] = variant_number + 1
        plan.append((len(plan), template, variant_number))
        planned[family] += template.size
        total += template.size
    return plan


def output_path(index, template, variant_number):
    group = f"{index // 100:04d}"
    base = os.path.basename(template.relpath)
    stem = os.path.splitext(base)[0]
    if template.family == "onem2m":
        return f"onem2m/{group}/{stem} v{variant_number}.txt"
    if template.family == "tdoclist":
        return f"3gpp-sa2/{group}/{stem}-{variant_number}{template.extension}"
    origin = template.relpath.split("/")[0]
    flat = template.relpath.split("/", 1)[1].replace("/", "_")
    flat_stem = os.path.splitext(flat)[0]
    return f"{origin}/{group}/{flat_stem}-{variant_number}{template.extension}"


# Set in the parent before the worker pool forks, so workers share them.
_TEMPLATES = None
_POOLS = None


def write_file(job):
    out_dir, seed, index, family, relpath, variant_number = job
    template = _TEMPLATES[relpath]
    variant = Variant(_POOLS, family, seed, index, variant_number == 0)
    pieces = []
    render(template.parts, variant, pieces)
    text = "".join(pieces)
    encoding = "cp1252" if family == "tdoclist" else "utf-8"
    data = text.encode(encoding, errors="xmlcharrefreplace" if family == "tdoclist" else "strict")
    path = os.path.join(out_dir, output_path(index, template, variant_number))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
    return family, len(data)


def source_digest(source):
    digest = hashlib.sha256()
    for root, dirs, names in os.walk(source):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, source).encode())
            digest.update(str(os.path.getsize(path)).encode())
    return digest.hexdigest()[:16]


def read_stamp(out_dir):
    try:
        with open(out_dir + STAMP_SUFFIX, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def prepare_output(out_dir, expected):
    """Return True when out_dir already contains the expected corpus, else empty it."""
    stamp = read_stamp(out_dir)
    if stamp and all(stamp.get(key) == value for key, value in expected.items()) \
            and not os.path.exists(out_dir + PARTIAL_SUFFIX):
        return True
    if os.path.isdir(out_dir) and os.listdir(out_dir):
        if stamp is None and not os.path.exists(out_dir + PARTIAL_SUFFIX):
            sys.exit(f"gencorpus: output folder is not empty and was not written "
                     f"by this generator: {out_dir}")
        shutil.rmtree(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    open(out_dir + PARTIAL_SUFFIX, "w").close()
    return False


def generate(source, out_dir, target, seed, jobs):
    global _TEMPLATES, _POOLS
    expected = {"version": GENERATOR_VERSION, "target_bytes": target, "seed": seed,
              "source": source_digest(source)}
    if prepare_output(out_dir, expected):
        return read_stamp(out_dir)

    templates, _POOLS = load_templates(source)
    missing = [f for f, members in templates.items() if not members]
    if missing:
        sys.exit(f"gencorpus: no source files for {', '.join(missing)} under {source}")
    _TEMPLATES = {t.relpath: t for members in templates.values() for t in members}
    plan = plan_files(templates, target)
    jobs_list = [(out_dir, seed, index, t.family, t.relpath, n) for index, t, n in plan]

    family_bytes = {family: 0 for family in FAMILY_SHARES}
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for family, size in pool.imap_unordered(write_file, jobs_list, chunksize=16):
            family_bytes[family] += size

    stamp = dict(expected, files=len(plan), bytes=sum(family_bytes.values()),
                 family_bytes=family_bytes)
    with open(out_dir + STAMP_SUFFIX, "w", encoding="utf-8") as handle:
        json.dump(stamp, handle, indent=1, sort_keys=True)
    os.remove(out_dir + PARTIAL_SUFFIX)
    return stamp


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="folder of real documents")
    parser.add_argument("--out", required=True, help="output folder (created)")
    parser.add_argument("--size", default="100M", help="total size, e.g. 100M or 1G")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args()
    if not os.path.isdir(args.source):
        sys.exit(f"gencorpus: source folder not found: {args.source}")
    stamp = generate(os.path.abspath(args.source), os.path.abspath(args.out),
                     parse_size(args.size), args.seed, max(1, args.jobs))
    print(f"gencorpus: {args.out}: {stamp['files']} files, {stamp['bytes']} bytes "
          f"({', '.join(f'{k} {v}' for k, v in sorted(stamp['family_bytes'].items()))})")


if __name__ == "__main__":
    main()
