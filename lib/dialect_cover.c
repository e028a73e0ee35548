/* dialect_cover.c: a contribution file with a 3GPP or oneM2M cover page to
 * one "document" record.
 *
 * A 3GPP contribution opens with a header line (meeting and Tdoc number:
 * "SA WG2 Meeting #129bis <tab> S2-1812226"), a line with the meeting's
 * dates and place and "(revision of S2-...)", then labelled fields, as
 * paragraphs ("Source:<tab>Huawei") or table rows. Liaison statements and
 * the CR form use other labels for the same fields. What the parser reads:
 *
 * - "doc" is the header's number, else the first number in the file name
 *   ("S2-1812758 was S2-1811878_..." is S2-1812758).
 * - "revision_of" is the number after "revision of" on the cover, else the
 *   number after "was" in the file name. Authors also abbreviate it:
 *   "S2-1813311_was2736" revises S2-1812736.
 * - "related" contains the other numbers of the file name, of further
 *   header lines (a liaison quoted with its own header) and of "Response
 *   to:".
 * - "meeting" is written as docket_3gpp_meeting_id does ("SA2#129bis", as
 *   in the Tdoc lists); "date" is the first day of the dates on the line
 *   after the header.
 * - The first value of each label counts (a WID repeats "Title:" further
 *   down). Labels: Source and Source to WG (the contributors' companies),
 *   Title, Agenda item, Document for and Intended purpose of document
 *   ("document_for"), Work Item, Work item code, Work Item / Release,
 *   Release, Category (a CR's category), Response to, and oneM2M's Meeting
 *   ID and Group Name. A label may carry the template's '*'.
 * - A CR form ("CHANGE REQUEST") gives "doc_type" "CR", and its line
 *   "23.401 CR 3485 rev - Current version: 15.5.0" gives the spec, "cr"
 *   "3485" and "cr_revision" when the revision is a number.
 * - "text" is the whole document; "specs" are the specs it cites anywhere
 *   but in the help text of the CR and WID forms.
 */
#include "dialects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "3gpp.h"
#include "docket/record.h"
#include "normalise_private.h"
#include "strbuf.h"

#define COVER_BLOCKS 80 /* the cover fields sit in the document's first blocks */
#define DETECT_BLOCKS 60
#define HEADER_BLOCKS 12 /* the header line is among the first blocks */
#define MAX_CELLS 16
#define ONEM2M_BODY "oneM2M"

typedef enum cover_field {
    F_NONE,
    F_SOURCE,
    F_TITLE,
    F_AGENDA,
    F_FOR,
    F_WORK_ITEM_RELEASE,
    F_WORK_ITEM,
    F_RELEASE,
    F_CATEGORY,
    F_RESPONSE_TO,
    F_MEETING_ID,
    F_GROUP,
    F_OTHER, /* a known label whose value is only text */
    F_COUNT
} cover_field;

static const struct {
    const char *label;
    cover_field field;
} labels[] = {
    {"Source", F_SOURCE},
    {"Source to WG", F_SOURCE},
    {"Source to TSG", F_OTHER},
    {"Title", F_TITLE},
    {"Agenda item", F_AGENDA},
    {"Document for", F_FOR},
    {"Intended purpose of document", F_FOR},
    {"Work Item / Release", F_WORK_ITEM_RELEASE},
    {"Work item code", F_WORK_ITEM},
    {"Work Item", F_WORK_ITEM},
    {"Release", F_RELEASE},
    {"Category", F_CATEGORY},
    {"Response to", F_RESPONSE_TO},
    {"Meeting ID", F_MEETING_ID},
    {"Group Name", F_GROUP},
    {"Date", F_OTHER},
    {"To", F_OTHER},
    {"Cc", F_OTHER},
};

typedef struct cover_parser {
    tgpp_sink sink;
    json_t *record;
    bool seen[F_COUNT];  /* the first value of a label counts */
    char meeting[TGPP_MEETING_SIZE];
    char wg[TGPP_WG_SIZE];
    bool onem2m;         /* the number is a oneM2M one (SEC-2014-0059) */
    bool cr_form;
} cover_parser;

/* ---- Labels and header ---- */

/* Return the field whose label starts `cell` ("Title:", "Title:*",
 * "Agenda Item :") and point `*value` after its colon. */
static cover_field match_label(const char *cell, const char **value)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t n = strlen(labels[i].label);
        if (!starts_with_nocase(cell, labels[i].label))
            continue;
        const char *s = cell + n;
        while (*s == ' ' || *s == '*')
            s++;
        if (*s != ':')
            continue;
        s++;
        while (*s == ' ' || *s == '*')
            s++;
        *value = s;
        return labels[i].field;
    }
    return F_NONE;
}

/* Return true when `text` is a header line: a meeting and a number. */
static bool is_header(const char *text, docket_docnum *num)
{
    char meeting[TGPP_MEETING_SIZE];
    if (!tgpp_find_number(text, num))
        return false;
    return docket_3gpp_meeting_id(text, meeting, sizeof meeting) ||
           starts_with_nocase(text, "Doc#") || starts_with_nocase(text, "Doc #");
}

/* Return the index of the header line, or text->count when there is none. */
static size_t find_header(const docket_text *text)
{
    docket_docnum num;
    for (size_t i = 0; i < text->count && i < HEADER_BLOCKS; i++) {
        if (is_header(text->blocks[i].text, &num))
            return i;
    }
    return text->count;
}

/* ---- Detection ---- */

/* Mark in `seen` the fields labelled in the cells of `block`. */
static void note_labels(const char *block, bool *seen)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", block);
    char *cells[MAX_CELLS];
    size_t count = tgpp_split_cells(copy, cells, MAX_CELLS);
    for (size_t i = 0; i < count; i++) {
        const char *value;
        seen[match_label(cells[i], &value)] = true;
    }
}

bool docket_cover_detect(const docket_text *text)
{
    bool seen[F_COUNT] = {false};
    bool input_contribution = false;
    for (size_t i = 0; i < text->count && i < DETECT_BLOCKS; i++) {
        note_labels(text->blocks[i].text, seen);
        input_contribution |= starts_with_nocase(text->blocks[i].text, "INPUT CONTRIBUTION");
    }
    bool header = find_header(text) < text->count || input_contribution;
    return header && seen[F_TITLE] && seen[F_SOURCE];
}

/* ---- Fields ---- */

static bool record_has(const cover_parser *p, const char *key, const char *value)
{
    const char *own = docket_record_get(p->record, key);
    return own && strcmp(own, value) == 0;
}

/* Add the numbers in `text` to "related", except the document's own and
 * the one it revises. */
static void add_related_numbers(cover_parser *p, const char *text)
{
    docket_docnum num;
    for (const char *at = text; (at = docket_docnum_find(at, NULL, &num)) != NULL;
         at += num.length) {
        if (!record_has(p, "doc", num.base) && !record_has(p, "revision_of", num.base))
            tgpp_add(&p->sink, p->record, "related", num.base);
    }
}

/* Set "doc" to the base number; a oneM2M revision ("SEC-2014-0059R01")
 * goes to "revisions" too. */
static void set_doc(cover_parser *p, const docket_docnum *num)
{
    tgpp_set(&p->sink, p->record, "doc", num->base);
    if (num->revision >= 0)
        tgpp_add(&p->sink, p->record, "revisions", num->number);
    p->onem2m = strchr(num->base, '-') != strrchr(num->base, '-');
}

/* "Work Item / Release: FS_eSBA / Rel-16". */
static void set_work_item_release(cover_parser *p, const char *value)
{
    const char *slash = strrchr(value, '/');
    char release[16];
    if (!slash || !tgpp_release(slash + 1, release)) {
        tgpp_set(&p->sink, p->record, "work_item", value);
        return;
    }
    char *work_item = tgpp_strndup(&p->sink, value, (size_t)(slash - value));
    if (work_item) {
        char *trimmed = tgpp_trimmed(&p->sink, work_item);
        tgpp_set(&p->sink, p->record, "work_item", trimmed);
        free(trimmed);
    }
    free(work_item);
    tgpp_set(&p->sink, p->record, "release", release);
}

static void set_meeting_id(cover_parser *p, const char *value)
{
    if (!docket_meeting_id(value, p->meeting, sizeof p->meeting))
        p->meeting[0] = '\0';
}

static void set_field(cover_parser *p, cover_field field, const char *value)
{
    json_t *r = p->record;
    char release[16];
    switch (field) {
    case F_SOURCE: tgpp_add_companies(&p->sink, r, value); break;
    case F_TITLE: tgpp_set(&p->sink, r, "title", value); break;
    case F_AGENDA: tgpp_set(&p->sink, r, "agenda_item", value); break;
    case F_FOR: tgpp_set(&p->sink, r, "document_for", value); break;
    case F_WORK_ITEM_RELEASE: set_work_item_release(p, value); break;
    case F_WORK_ITEM: tgpp_set(&p->sink, r, "work_item", value); break;
    case F_RELEASE:
        if (tgpp_release(value, release))
            tgpp_set(&p->sink, r, "release", release);
        break;
    case F_CATEGORY:
        if (ascii_upper((unsigned char)value[0]) && !ascii_alnum((unsigned char)value[1]))
            tgpp_set(&p->sink, r, "cr_category", (char[]){value[0], '\0'});
        break;
    case F_RESPONSE_TO: add_related_numbers(p, value); break;
    case F_MEETING_ID: set_meeting_id(p, value); break;
    case F_GROUP: snprintf(p->wg, sizeof p->wg, "%s", value); break;
    case F_NONE:
    case F_OTHER:
    case F_COUNT: break;
    }
}

/* Read the labels of one cover block; a label's value is the rest of its
 * cell or the next non-empty cell. */
static void read_labels(cover_parser *p, char **cells, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *value;
        cover_field field = match_label(cells[i], &value);
        if (field == F_NONE)
            continue;
        while (!*value && i + 1 < count)
            value = cells[++i];
        if (*value && !p->seen[field]) {
            p->seen[field] = true;
            set_field(p, field, value);
        }
    }
}

/* The CR form's line "23.401 CR 3485 rev - Current version: 15.5.0",
 * whose parts may sit in cells of their own. */
static void read_cr_line(cover_parser *p, char **cells, size_t count)
{
    strbuf joined = STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        if (*cells[i] && ((joined.len && !strbuf_append_str(&joined, " ")) ||
                          !strbuf_append_str(&joined, cells[i])))
            tgpp_fail(&p->sink, DOCKET_ERR_NO_MEMORY);
    }
    const char *line = strbuf_str(&joined);
    if (!docket_record_get(p->record, "cr") && strstr(line, " CR"))
        tgpp_read_cr(&p->sink, p->record, line);
    strbuf_free(&joined);
}

/* Read one block of the cover; `may_be_header` is set for the blocks where
 * a further header line (a quoted liaison's) may stand. */
static void read_cover_block(cover_parser *p, const docket_block *block, bool may_be_header)
{
    char *copy = tgpp_strndup(&p->sink, block->text, strlen(block->text));
    if (!copy)
        return;
    char *cells[MAX_CELLS];
    size_t count = tgpp_split_cells(copy, cells, MAX_CELLS);
    docket_docnum num;

    if (strstr(block->text, "CHANGE REQUEST"))
        p->cr_form = true;
    if (may_be_header && is_header(block->text, &num))
        add_related_numbers(p, block->text);
    else if (p->cr_form)
        read_cr_line(p, cells, count);
    read_labels(p, cells, count);
    free(copy);
}

/* ---- Header ---- */

/* Set "revision_of" from "(revision of S2-1811226)" in `text`. Templates
 * leave "(revision of S2-18xxxx)", which contains no number. */
static void read_revision_of(cover_parser *p, const char *text)
{
    docket_docnum num;
    for (const char *at = text; *at; at++) {
        if (!starts_with_nocase(at, "revision of"))
            continue;
        if (tgpp_find_number(at + 11, &num) && !docket_record_get(p->record, "revision_of"))
            tgpp_set(&p->sink, p->record, "revision_of", num.base);
        return;
    }
}

/* The line after the header: "26 - 30 November, 2018, West Palm Beach,
 * USA <tab> (revision of S2-1811226)". The dates end at a tab or at
 * "(revision", whose number must not be read as a day. */
static void read_dates(cover_parser *p, const char *line)
{
    size_t len = strcspn(line, "\t");
    for (size_t i = 0; i < len; i++) {
        if (starts_with_nocase(line + i, "(revision"))
            len = i;
    }
    char *copy = tgpp_strndup(&p->sink, line, len);
    char start[11], end[11];
    if (copy && docket_date_range(copy, start, end))
        tgpp_set(&p->sink, p->record, "date", start);
    free(copy);
}

static void read_header(cover_parser *p, size_t index)
{
    const docket_text *text = p->sink.text;
    const char *header = text->blocks[index].text;
    docket_docnum num;
    if (tgpp_find_number(header, &num))
        set_doc(p, &num);
    if (!docket_3gpp_meeting_id(header, p->meeting, sizeof p->meeting))
        p->meeting[0] = '\0';
    read_revision_of(p, header);

    for (size_t i = index + 1; i < text->count && i <= index + 3; i++) {
        const char *line = text->blocks[i].text;
        if (!*line)
            continue;
        read_dates(p, line);
        read_revision_of(p, line);
        break;
    }
}

/* ---- File name ---- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *member = strrchr(path, '!');
    const char *base = slash > member ? slash : member;
    return base ? base + 1 : path;
}

/* "S2-1813311_was2736": authors abbreviate the number a document revises
 * to its last digits, the rest being those of the document's own number
 * (S2-1812736). Set "revision_of" from such an abbreviation in `name`. */
static void read_abbreviated_revision(cover_parser *p, const char *name)
{
    const char *doc = docket_record_get(p->record, "doc");
    if (!doc || docket_record_get(p->record, "revision_of"))
        return;
    for (const char *s = name; *s; s++) {
        if (!starts_with_nocase(s, "was") || (s > name && ascii_alpha((unsigned char)s[-1])))
            continue;
        size_t n = strspn(s + 3, "0123456789");
        size_t own = strlen(doc);
        if (n < 3 || n > 5 || ascii_alnum((unsigned char)s[3 + n]) || own < n + 3)
            continue;
        char number[DOCKET_DOCNUM_SIZE];
        snprintf(number, sizeof number, "%.*s%.*s", (int)(own - n), doc, (int)n, s + 3);
        tgpp_set(&p->sink, p->record, "revision_of", number);
        return;
    }
}

/* Read the numbers of the file name: the first is the document's own when
 * the cover gives none, one after "was" is the number it revises, the
 * others are related. */
static void read_file_name(cover_parser *p)
{
    const char *name = base_name(p->sink.text->path);
    docket_docnum num;
    bool first = true;
    for (const char *at = name; (at = docket_docnum_find(at, NULL, &num)) != NULL;
         at += num.length, first = false) {
        bool was = at - name >= 4 && starts_with_nocase(at - 4, "was ");
        if (first && !docket_record_get(p->record, "doc"))
            set_doc(p, &num);
        else if (was && !docket_record_get(p->record, "revision_of"))
            tgpp_set(&p->sink, p->record, "revision_of", num.base);
        else
            add_related_numbers(p, num.typed);
    }
    read_abbreviated_revision(p, name);
}

/* A title from the file name when the cover gives none: the name without
 * its extension. */
static void title_from_file_name(cover_parser *p)
{
    const char *name = base_name(p->sink.text->path);
    const char *dot = strrchr(name, '.');
    char *title = tgpp_strndup(&p->sink, name, dot ? (size_t)(dot - name) : strlen(name));
    tgpp_set(&p->sink, p->record, "title", title);
    free(title);
}

/* Return the spec number of the file name: "23.401", or five digits
 * between separators ("_23401_"), the way 3GPP names spec files
 * ("23401-f50.zip"). */
static bool spec_in_file_name(const char *name, char spec[DOCKET_SPEC_SIZE])
{
    for (const char *s = name; *s; s++) {
        if (s > name && ascii_alnum((unsigned char)s[-1]))
            continue;
        if (docket_3gpp_spec_at(s, spec))
            return true;
        if (strspn(s, "0123456789") == 5 && !ascii_alnum((unsigned char)s[5]) && s[5] != '.') {
            char dotted[8];
            snprintf(dotted, sizeof dotted, "%.2s.%.3s", s, s + 2);
            if (docket_3gpp_spec_at(dotted, spec))
                return true;
        }
    }
    return false;
}

/* A CR form whose spec line the extractor lost: the spec from the file
 * name ("S2-1812368 - 23.401 Rel-15 Correction of SPRC.doc"). */
static void spec_from_file_name(cover_parser *p)
{
    char spec[DOCKET_SPEC_SIZE];
    if (spec_in_file_name(base_name(p->sink.text->path), spec))
        tgpp_add(&p->sink, p->record, "specs", spec);
}

/* ---- Parsing ---- */

/* Return true when `block` is help text of a 3GPP template (the CR form,
 * the WID form), whose spec references every such document repeats. */
static bool is_template_help(const char *block)
{
    static const char *const phrases[] = {"found in 3GPP TR 21.900",
                                          "Working Methods in 3GPP TR 21.900"};
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        if (strstr(block, phrases[i]))
            return true;
    }
    return false;
}

static void read_text(cover_parser *p)
{
    strbuf text = STRBUF_INIT;
    const docket_text *doc = p->sink.text;
    for (size_t i = 0; i < doc->count && p->sink.status == DOCKET_OK; i++) {
        const char *block = doc->blocks[i].text;
        if (!*block)
            continue;
        if ((text.len && !strbuf_append_str(&text, "\n")) || !strbuf_append_str(&text, block))
            tgpp_fail(&p->sink, DOCKET_ERR_NO_MEMORY);
        if (!is_template_help(block))
            tgpp_add_specs(&p->sink, p->record, block);
    }
    tgpp_set(&p->sink, p->record, "text", strbuf_str(&text));
    strbuf_free(&text);
}

static void set_onem2m_group(cover_parser *p)
{
    tgpp_set(&p->sink, p->record, "body", ONEM2M_BODY);
    tgpp_set(&p->sink, p->record, "meeting", p->meeting);
    const char *hash = strchr(p->meeting, '#');
    if (!p->wg[0] && hash)
        snprintf(p->wg, sizeof p->wg, "%.*s", (int)(hash - p->meeting), p->meeting);
    const char *wg = docket_aliases_wg(p->sink.aliases, ONEM2M_BODY, p->wg);
    if (!wg)
        wg = p->wg;
    tgpp_set(&p->sink, p->record, "wg", wg);

    const char *names[8];
    size_t count = docket_aliases_wg_names(p->sink.aliases, ONEM2M_BODY, wg, names, 8);
    for (size_t i = 0; i < count && i < 8; i++)
        tgpp_add(&p->sink, p->record, "wg_names", names[i]);
}

static void set_group(cover_parser *p)
{
    if (p->onem2m) {
        set_onem2m_group(p);
        return;
    }
    const char *hash = strchr(p->meeting, '#');
    const char *doc = docket_record_get(p->record, "doc");
    if (hash)
        snprintf(p->wg, sizeof p->wg, "%.*s", (int)(hash - p->meeting), p->meeting);
    else if (!doc || !docket_3gpp_wg(doc, p->wg, sizeof p->wg))
        p->wg[0] = '\0';
    tgpp_set_group(&p->sink, p->record, p->meeting, p->wg);
}

static void parse(cover_parser *p)
{
    const docket_text *text = p->sink.text;
    size_t header = find_header(text);
    p->record = tgpp_new_record(&p->sink, DOCKET_TYPE_DOCUMENT,
                                header < text->count ? text->blocks[header].line : 1);
    if (!p->record)
        return;
    if (header < text->count)
        read_header(p, header);

    for (size_t i = 0; i < text->count && i < COVER_BLOCKS; i++) {
        p->sink.line = text->blocks[i].line;
        if (i != header)
            read_cover_block(p, &text->blocks[i], i < DETECT_BLOCKS);
    }
    read_file_name(p);
    if (!docket_record_get(p->record, "title"))
        title_from_file_name(p);
    if (p->cr_form) {
        tgpp_set(&p->sink, p->record, "doc_type", "CR");
        /* TODO: antiword drops the CR form's spec line of some .doc files;
         * then only the file name can name the spec, and the CR number is lost. */
        if (!docket_record_get(p->record, "cr"))
            spec_from_file_name(p);
    }
    read_text(p);
    set_group(p);
}

docket_status docket_cover_parse(const docket_text *text, const docket_aliases *aliases,
                                 json_t *records, docket_error *err)
{
    cover_parser p;
    memset(&p, 0, sizeof p);
    if (tgpp_sink_init(&p.sink, text, aliases) != DOCKET_OK)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", text->path);
    parse(&p);
    return tgpp_sink_finish(&p.sink, "contribution cover page", records, err);
}
