/* dialect_minutes.c: Markdown and text minutes of IETF working groups (HTTP,
 * CoRE) and of the OASIS CSAF TC to one meeting record and one section
 * record per heading.
 *
 * Two passes. The first (minutes_meeting.c) decides from the text alone
 * whether the document is minutes, an agenda or a blue sheet of a known
 * group, and finds the group, meeting id, date and title; it also learns
 * the short names speakers go by (minutes_people.c). The second reads one
 * line at a time through a table of line patterns (rules[] below). What it
 * decides:
 *
 * - Groups: "wg" is HTTP, CoRE or CSAF; "body" is IETF or OASIS;
 *   "wg_names" come from the alias file ("[wg IETF]") when it lists the
 *   group, else from the built-in names (HTTP, httpbis, HTTPbis).
 * - Meeting ids: "IETF115" for an IETF meeting ("IETF 115", "IETF115" in
 *   the title or the first lines), "CoRE interim 2020-05-06" for a CoRE
 *   interim (CoRE meets every two weeks, so the day is part of the id),
 *   "HTTP interim 2020-05" for an HTTP interim (at most one a month, named
 *   by month), "CSAF 2021-09-29" for a CSAF TC meeting. The text decides;
 *   only when it names no meeting does the path ("ietf115/",
 *   "core-115-summary.md", "interim-20-05/", "2021-09-29.md") give it.
 * - "date" is the first day the text states: the title's, a "Meeting
 *   Date:" or "Date and time:" line, a line or heading naming a weekday
 *   ("## Monday, 7 November 2022"). The path gives it only for CoRE
 *   interims and CSAF meetings, whose folder or file is named by day. Every
 *   record of a file carries the same meeting, date and group.
 * - The meeting record has the title (the first heading or the first line),
 *   the text before the first heading, every participant of the file as
 *   "contributors", every spec the file names as "specs" and every heading
 *   as "agenda". Tables of contents, images, HTML markup and rules are
 *   dropped from text.
 * - A section record per heading has "title" (the heading as plain text),
 *   "text", "speakers", "specs", "contributors" and "decisions". A heading
 *   with no text under it gives no record.
 * - Specs: RFC numbers as docket_spec_find writes them ("RFC9110", also
 *   from lowercase "rfc9110" in links), every Internet-Draft name without
 *   its version ("draft-ietf-core-href", individual drafts too) and, in
 *   CSAF minutes, versions of the standard ("CSAF 2.1").
 * - Speakers come from "Name: ..." lines, "<Name> ..." chat lines and
 *   "Name (p3): ..." lines. Short names resolve to full names through what
 *   the file says ("*[CB]: Carsten Bormann", "Mark Nottingham (mnot)", a
 *   participant whose initials or first name match); otherwise a
 *   capitalised short name stays as written ("Mark", "EKR") and a
 *   lowercase one is dropped. Labels ("Note:", "Action:", "Decision:",
 *   "Chairs:", ...) are never speakers.
 * - Participants: tables with given name, family name and affiliation
 *   columns (a "Present" column of "No" leaves the person out), and lists
 *   of "Name, Company", "Name (Company)" or "Name" under a "Participants",
 *   "Attendees", "Chairs" or "Blue sheet" label or heading. "Individual" and
 *   "No Affiliation" give no company. They go on the section that lists
 *   them and on the meeting record.
 * - Decisions: a motion that passed, was approved or carried is
 *   "approved", one that failed or was not approved is "rejected"; the
 *   subject is the motion's text ("approve the agenda"). IETF lines that
 *   say a draft was adopted ("consensus to adopt", "adopted as a WG
 *   document") give "adopted", which stays its own word because adopting a
 *   draft as a work item agrees nothing about its content; "was approved",
 *   "approved for publication" give "approved"; "no objection", "consensus
 *   is to", "it was agreed" give "agreed" unless a speaker says them. A
 *   question, or a negation just before the phrase, makes no decision. The
 *   subject is the draft the line names, else the draft the section is
 *   about, else the section title. "status" is set when the section is
 *   about one draft (its heading names one, or its text names only one) and
 *   a decision on that draft was reached.
 */
#include "dialects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "minutes.h"
#include "normalise_private.h"

/* ---- Record helpers ---- */

void min_fail(min_parser *p, docket_status status)
{
    if (p->status == DOCKET_OK)
        p->status = status;
}

void min_set(min_parser *p, json_t *record, const char *key, const char *value)
{
    if (p->status == DOCKET_OK)
        min_fail(p, docket_record_set(record, key, value));
}

void min_add(min_parser *p, json_t *record, const char *key, const char *value)
{
    if (p->status == DOCKET_OK)
        min_fail(p, docket_record_add(record, key, value));
}

char *min_strndup(min_parser *p, const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy) {
        min_fail(p, DOCKET_ERR_NO_MEMORY);
        return NULL;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

/* Create a record, append it to p->records and return it (borrowed). */
static json_t *new_record(min_parser *p, const char *type, unsigned line)
{
    if (p->status != DOCKET_OK)
        return NULL;
    json_t *record = docket_record_new(type, p->text->path, line);
    if (!record || json_array_append_new(p->records, record) != 0) {
        min_fail(p, DOCKET_ERR_NO_MEMORY);
        return NULL;
    }
    return record;
}

void min_utf8_cut(char *s)
{
    size_t len = strlen(s), continuation = 0;
    while (continuation < len && continuation < 3 &&
           ((unsigned char)s[len - 1 - continuation] & 0xC0) == 0x80)
        continuation++;
    if (continuation == len)
        return;
    unsigned char lead = (unsigned char)s[len - 1 - continuation];
    size_t expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (expected > continuation + 1)
        s[len - 1 - continuation] = '\0';
}

void min_copy(char *out, size_t size, const char *text)
{
    size_t len = strlen(text);
    if (len >= size)
        len = size - 1;
    memcpy(out, text, len);
    out[len] = '\0';
    min_utf8_cut(out);
}

/* ---- Cleaning lines ---- */

/* HTML elements whose tags are dropped; the text between them stays,
 * except for the elements marked to drop their content. */
static const struct {
    const char *name;
    bool drop_content;
} html_tags[] = {
    {"a", false},     {"abbr", false},   {"b", false},     {"blockquote", false},
    {"body", false},  {"br", false},     {"code", false},  {"div", false},
    {"em", false},    {"h1", false},     {"h2", false},    {"h3", false},
    {"h4", false},    {"h5", false},     {"h6", false},    {"head", false},
    {"hr", false},    {"html", false},   {"i", false},     {"img", false},
    {"li", false},    {"link", false},   {"meta", false},  {"ol", false},
    {"p", false},     {"pre", false},    {"script", true}, {"small", false},
    {"span", false},  {"strong", false}, {"style", true},  {"sub", false},
    {"sup", false},   {"table", false},  {"tbody", false}, {"td", false},
    {"th", false},    {"thead", false},  {"title", true},  {"tr", false},
    {"u", false},     {"ul", false},     {"!doctype", false},
};

/* Return the length of an HTML tag or comment at `s` ('<'), 0 when it is
 * none. `*drop_to` receives the closing tag whose content goes too. */
static size_t html_tag_length(const char *s, const char **drop_to)
{
    *drop_to = NULL;
    if (strncmp(s, "<!--", 4) == 0) {
        const char *end = strstr(s + 4, "-->");
        return end ? (size_t)(end + 3 - s) : strlen(s);
    }
    size_t at = s[1] == '/' ? 2 : 1, n = 0;
    while (ascii_alnum((unsigned char)s[at + n]) || s[at + n] == '!')
        n++;
    const char *close = strchr(s + at + n, '>');
    if (n == 0 || !close || (s[at + n] != '>' && s[at + n] != ' ' && s[at + n] != '/'))
        return 0;
    for (size_t i = 0; i < sizeof html_tags / sizeof html_tags[0]; i++) {
        if (strlen(html_tags[i].name) == n && starts_with_nocase(s + at, html_tags[i].name)) {
            if (html_tags[i].drop_content && at == 1)
                *drop_to = html_tags[i].name;
            return (size_t)(close + 1 - s);
        }
    }
    return 0;
}

static const struct {
    const char *entity;
    char c;
} entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                {"&#39;", '\''}, {"&nbsp;", ' '}};

static size_t entity_length(const char *s, char *c)
{
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
        size_t n = strlen(entities[i].entity);
        if (strncmp(s, entities[i].entity, n) == 0) {
            *c = entities[i].c;
            return n;
        }
    }
    return 0;
}

/* Skip from `s` past the closing tag of element `name`, or to the end. */
static const char *skip_element(const char *s, const char *name)
{
    for (; *s; s++) {
        if (s[0] == '<' && s[1] == '/' && starts_with_nocase(s + 2, name))
            return s;
    }
    return s;
}

void min_clean(const char *raw, char *out, size_t size)
{
    size_t n = 0;
    const char *s = raw;
    while (*s && n + 1 < size) {
        const char *drop_to;
        char c;
        size_t tag = *s == '<' ? html_tag_length(s, &drop_to) : 0;
        size_t entity = *s == '&' ? entity_length(s, &c) : 0;
        if (tag) {
            s = drop_to ? skip_element(s + tag, drop_to) : s + tag;
        } else if (entity) {
            out[n++] = c;
            s += entity;
        } else {
            out[n++] = *s++;
        }
    }

    /* A cut line loses the character the size limit split. */
    if (*s) {
        while (n && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--;
        if (n && (unsigned char)out[n - 1] >= 0xC0)
            n--;
    }
    while (n && ascii_space((unsigned char)out[n - 1]))
        n--;
    out[n] = '\0';
    size_t lead = 0;
    while (ascii_space((unsigned char)out[lead]))
        lead++;
    memmove(out, out + lead, n - lead + 1);
}

/* Read a Markdown link "[text](url)" or image "![alt](url)" at `s`. Set
 * the bytes of text to keep (none for an image) and the bytes the link
 * spans; false when `s` starts neither. */
static bool read_link(const char *s, const char **text, size_t *text_len, size_t *span)
{
    bool image = s[0] == '!';
    const char *open = s + image;
    if (*open != '[')
        return false;
    const char *close = strchr(open, ']');
    if (!close || close[1] != '(' || !strchr(close, ')'))
        return false;
    *text = open + 1;
    *text_len = image ? 0 : (size_t)(close - open - 1);
    *span = (size_t)(strchr(close, ')') + 1 - s);
    return true;
}

/* Return true when the emphasis or escape mark at s[i] is dropped: '*',
 * '`', '\\', and '_' at the edge of a word (not in "snake_case"). */
static bool is_markup(const char *s, size_t i)
{
    if (s[i] == '*' || s[i] == '`' || s[i] == '\\')
        return true;
    return s[i] == '_' && (i == 0 || !ascii_alnum((unsigned char)s[i - 1]) ||
                           !ascii_alnum((unsigned char)s[i + 1]));
}

void min_plain(char *s)
{
    size_t n = 0, i = 0;
    while (s[i]) {
        const char *text;
        size_t text_len, span;
        if ((s[i] == '[' || s[i] == '!') && read_link(s + i, &text, &text_len, &span)) {
            memmove(s + n, text, text_len);
            n += text_len;
            i += span;
        } else if (s[i] == '{' && s[i + 1] == '#' && strchr(s + i, '}')) {
            i = (size_t)(strchr(s + i, '}') - s) + 1;
        } else if (is_markup(s, i) ||
                   (ascii_space((unsigned char)s[i]) && (n == 0 || s[n - 1] == ' '))) {
            i++;
        } else {
            s[n++] = ascii_space((unsigned char)s[i]) ? ' ' : s[i];
            i++;
        }
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '#'))
        n--;
    s[n] = '\0';
}

const char *min_skip_marker(const char *line)
{
    const char *s = line;
    while (ascii_digit((unsigned char)*s))
        s++;
    if (s > line && (*s == '.' || *s == ')'))
        s++;
    else if (s == line && (*s == '-' || *s == '*' || *s == '+'))
        s++;
    else
        return line;
    return *s == ' ' || *s == '\t' ? s + 1 : line;
}

/* Return true when every byte of `s` is one of `chars` or a space, and at
 * least three are not spaces. */
static bool only_chars(const char *s, const char *chars)
{
    size_t marks = 0;
    for (; *s; s++) {
        if (*s == ' ')
            continue;
        if (!strchr(chars, *s))
            return false;
        marks++;
    }
    return marks >= 3;
}

bool min_is_decoration(const char *content)
{
    const char *s = min_skip_marker(content);
    size_t len = strlen(s);
    if (len == 0)
        return true;
    if (s[0] == '[' && s[len - 1] == ')' && strstr(s, "](#"))
        return true; /* an entry of a generated table of contents */
    if (strncmp(s, "![", 2) == 0 && s[len - 1] == ')' && !strstr(s, ") "))
        return true;
    return starts_with_nocase(s, "**Table of Contents**") ||
           starts_with_nocase(s, "*generated with [DocToc]") || starts_with_nocase(s, "[toc]") ||
           starts_with_nocase(s, "\\[toc\\]") || only_chars(s, "-=*_");
}

/* ---- Headings ---- */

/* Copy a heading's text to `title` as plain text; 0 when it is empty. */
static int heading_title(const char *text, int level, char *title, size_t size)
{
    char clean[MIN_LINE_BYTES];
    min_clean(text, clean, sizeof clean);
    min_plain(clean);
    snprintf(title, size, "%s", clean);
    min_utf8_cut(title);
    return title[0] ? level : 0;
}

/* "=== Title ===" or "*** Title ***", which plain-text minutes use. */
static int framed_heading(const char *s, char *title, size_t size)
{
    size_t len = strlen(s), run = 0;
    while (run < len && s[run] == s[0])
        run++;
    if ((s[0] != '=' && s[0] != '*') || run < 3 || len < 2 * run + 1)
        return 0;
    for (size_t i = 0; i < run; i++) {
        if (s[len - 1 - i] != s[0])
            return 0;
    }
    char inner[256];
    snprintf(inner, sizeof inner, "%.*s", (int)(len - 2 * run), s + run);
    return heading_title(inner, 2, title, size);
}

/* Headings of plain text: "# Title", a line underlined with '=' or '-',
 * and framed titles. */
static int text_heading(const docket_text *text, size_t index, const char *s, char *title,
                        size_t size, bool *underline)
{
    size_t hashes = 0;
    while (s[hashes] == '#')
        hashes++;
    if (hashes >= 1 && hashes <= 6 && s[hashes] == ' ')
        return heading_title(s + hashes, (int)hashes, title, size);

    const docket_block *next = index + 1 < text->count ? &text->blocks[index + 1] : NULL;
    if (next && next->kind == DOCKET_BLOCK_PARAGRAPH && strlen(s) <= 120 &&
        min_skip_marker(s) == s) {
        const char *u = next->text;
        while (*u == ' ')
            u++;
        if (only_chars(u, "=") || only_chars(u, "-")) {
            *underline = true;
            return heading_title(s, *u == '=' ? 1 : 2, title, size);
        }
    }
    return framed_heading(s, title, size);
}

int min_heading_at(const docket_text *text, size_t index, char *title, size_t size,
                   bool *underline)
{
    const docket_block *block = &text->blocks[index];
    const char *s = block->text;
    *underline = false;
    if (block->kind == DOCKET_BLOCK_HEADING)
        return heading_title(s, block->level > 0 ? block->level : 1, title, size);
    if (block->kind != DOCKET_BLOCK_PARAGRAPH)
        return 0;

    while (ascii_space((unsigned char)*s))
        s++;
    /* Markdown files that hold a saved HTML page. */
    if (s[0] == '<' && (s[1] == 'h' || s[1] == 'H') && s[2] >= '1' && s[2] <= '6' &&
        (s[3] == '>' || s[3] == ' '))
        return heading_title(s, s[2] - '0', title, size);
    if (!text->format || strcmp(text->format, "text") != 0)
        return 0;
    return text_heading(text, index, s, title, size, underline);
}

/* ---- Lines ---- */

/* Fill `line` from block `index`. Its strings point into `*copies`, which
 * the caller frees. */
static void prepare_line(min_parser *p, size_t index, min_line *line, char **copies)
{
    const docket_block *block = &p->text->blocks[index];
    size_t len = strlen(block->text);
    memset(line, 0, sizeof *line);
    line->index = index;
    line->number = block->line;
    line->kind = block->kind;
    line->raw = block->text;
    line->content = "";

    /* One copy cleaned into the content, one cut into cells. */
    *copies = malloc(2 * len + 2);
    if (!*copies) {
        min_fail(p, DOCKET_ERR_NO_MEMORY);
        return;
    }
    char *content = *copies, *row = content + len + 1;
    min_clean(block->text, content, len + 1);
    line->listed = block->kind == DOCKET_BLOCK_LIST_ITEM;
    line->level = line->listed ? block->level : 0;
    if (block->kind == DOCKET_BLOCK_PARAGRAPH && min_skip_marker(content) != content) {
        line->listed = true;
        content = (char *)min_skip_marker(content);
    }
    line->content = content;

    if (block->kind == DOCKET_BLOCK_ROW) {
        memcpy(row, content, strlen(content) + 1);
        for (char *cell = row; cell && line->cell_count < MIN_MAX_CELLS;) {
            char *tab = strchr(cell, '\t');
            if (tab)
                *tab = '\0';
            line->cells[line->cell_count++] = cell;
            cell = tab ? tab + 1 : NULL;
        }
    }
}

void min_append_body(min_parser *p, const char *text)
{
    if (p->status != DOCKET_OK || !*text)
        return;
    if ((p->body.len > 0 && !strbuf_append(&p->body, "\n", 1)) ||
        !strbuf_append_str(&p->body, text))
        min_fail(p, DOCKET_ERR_NO_MEMORY);
}

/* ---- Sections ---- */

static bool is_section(const json_t *record)
{
    return strcmp(docket_record_get(record, "type"), DOCKET_TYPE_SECTION) == 0;
}

/* Store the text of the current record, settle its decisions, and drop a
 * section that holds nothing but its heading. */
static void close_record(min_parser *p)
{
    json_t *record = p->current;
    if (!record || p->status != DOCKET_OK)
        return;
    if (p->body.len > 0)
        min_set(p, record, "text", strbuf_str(&p->body));
    strbuf_clear(&p->body);
    min_close_decisions(p, record);
    min_reset_section(p);

    bool empty = !docket_record_get(record, "text") && !json_object_get(record, "contributors");
    if (is_section(record) && empty)
        json_array_remove(p->records, json_array_size(p->records) - 1);
    p->current = NULL;
}

static void open_section(min_parser *p, const min_line *line, const char *title)
{
    close_record(p);
    p->current = new_record(p, DOCKET_TYPE_SECTION, line->number);
    if (!p->current)
        return;
    min_set(p, p->current, "title", title);
    min_add(p, p->meeting, "agenda", title);
    min_scan_specs(p, line->raw, true);
    min_roster_heading(p, title);
}

/* ---- Rules ---- */

static bool match_consumed(min_parser *p, const min_line *line)
{
    return line->index == p->skip_block;
}

static bool match_blank(min_parser *p, const min_line *line)
{
    return !*line->content || line->kind == DOCKET_BLOCK_BLANK;
}

static void handle_blank(min_parser *p, const min_line *line)
{
    min_roster_blank(p);
}

static bool match_decoration(min_parser *p, const min_line *line)
{
    return min_is_decoration(line->content);
}

static void handle_nothing(min_parser *p, const min_line *line)
{
}

static void handle_text(min_parser *p, const min_line *line)
{
    min_append_body(p, line->content);
    min_scan_specs(p, line->raw, false);
    min_scan_speaker(p, line);
    min_scan_decision(p, line);
}

static bool match_title(min_parser *p, const min_line *line)
{
    return line->index == p->id.title_block;
}

/* The title heading names the document: the text under it is the
 * meeting's. A title that is a line of text is also meeting text. */
static void handle_title(min_parser *p, const min_line *line)
{
    char title[256];
    bool underline;
    if (!p->id.title_is_heading) {
        handle_text(p, line);
        return;
    }
    min_heading_at(p->text, line->index, title, sizeof title, &underline);
    if (underline)
        p->skip_block = line->index + 1;
    min_scan_specs(p, line->raw, false);
    min_roster_heading(p, title);
}

static bool match_heading(min_parser *p, const min_line *line)
{
    char title[256];
    bool underline;
    return min_heading_at(p->text, line->index, title, sizeof title, &underline) > 0;
}

static void handle_heading(min_parser *p, const min_line *line)
{
    char title[256];
    bool underline;
    min_heading_at(p->text, line->index, title, sizeof title, &underline);
    if (underline)
        p->skip_block = line->index + 1;
    open_section(p, line, title);
}

static bool match_any(min_parser *p, const min_line *line)
{
    return true;
}

typedef struct min_rule {
    bool (*match)(min_parser *p, const min_line *line);
    void (*handle)(min_parser *p, const min_line *line);
} min_rule;

/* Tried in order: the first pattern that matches handles the line. */
static const min_rule rules[] = {
    {match_consumed, handle_nothing},
    {match_blank, handle_blank},
    {match_decoration, handle_nothing},
    {match_title, handle_title},
    {match_heading, handle_heading},
    {min_match_table_row, min_handle_table_row},
    {min_match_roster_label, min_handle_roster_label},
    {min_match_roster_entry, min_handle_roster_entry},
    {match_any, handle_text},
};

static void parse_line(min_parser *p, size_t index)
{
    min_line line;
    char *copies = NULL;

    p->line = p->text->blocks[index].line;
    prepare_line(p, index, &line, &copies);
    if (line.kind != DOCKET_BLOCK_ROW)
        memset(&p->columns, 0, sizeof p->columns);
    for (size_t i = 0; p->status == DOCKET_OK && i < sizeof rules / sizeof rules[0]; i++) {
        if (rules[i].match(p, &line)) {
            rules[i].handle(p, &line);
            break;
        }
    }
    free(copies);
}

/* ---- Finishing ---- */

static void set_meeting_title(min_parser *p)
{
    char title[320];
    if (p->id.title[0] && (p->id.title_is_heading || p->id.title_names_group))
        snprintf(title, sizeof title, "%s", p->id.title);
    else if (p->id.meeting[0])
        snprintf(title, sizeof title, "%s %s", p->id.group->wg, p->id.meeting);
    else
        snprintf(title, sizeof title, "%s meeting", p->id.group->wg);
    min_utf8_cut(title);
    min_set(p, p->meeting, "title", title);
}

static void set_common_fields(min_parser *p, json_t *record)
{
    const char *names[8];
    size_t count = min_group_names(p, names, 8);

    min_set(p, record, "body", p->id.group->body);
    min_set(p, record, "wg", p->id.group->wg);
    for (size_t i = 0; i < count; i++)
        min_add(p, record, "wg_names", names[i]);
    min_set(p, record, "meeting", p->id.meeting);
    min_set(p, record, "date", p->id.date);
}

static void finish(min_parser *p)
{
    close_record(p);
    set_meeting_title(p);

    size_t index;
    json_t *record;
    json_array_foreach(p->records, index, record)
        set_common_fields(p, record);
}

/* ---- Entry points ---- */

bool docket_minutes_detect(const docket_text *text)
{
    min_identity id;
    min_identify(text, false, &id);
    return id.detected;
}

static docket_status parser_init(min_parser *p, const docket_text *text,
                                 const docket_aliases *aliases)
{
    memset(p, 0, sizeof *p);
    p->text = text;
    p->aliases = aliases;
    p->skip_block = MIN_NO_BLOCK;
    min_identify(text, true, &p->id);
    if (!p->id.group)
        return DOCKET_ERR_INVALID_INPUT;

    p->records = json_array();
    p->abbreviations = json_object();
    p->names = json_array();
    p->drafts = json_array();
    p->pending = json_array();
    if (!p->records || !p->abbreviations || !p->names || !p->drafts || !p->pending)
        return DOCKET_ERR_NO_MEMORY;
    p->meeting = new_record(p, DOCKET_TYPE_MEETING, text->count ? text->blocks[0].line : 1);
    p->current = p->meeting;
    return p->status;
}

static void parser_free(min_parser *p)
{
    json_decref(p->records);
    json_decref(p->abbreviations);
    json_decref(p->names);
    json_decref(p->drafts);
    json_decref(p->pending);
    strbuf_free(&p->body);
}

docket_status docket_minutes_parse(const docket_text *text, const docket_aliases *aliases,
                                   json_t *records, docket_error *err)
{
    min_parser p;
    docket_status status = parser_init(&p, text, aliases);
    if (status == DOCKET_ERR_INVALID_INPUT) {
        parser_free(&p);
        return docket_error_set(err, status, "%s: not minutes of a known group",
                                text->path ? text->path : "text");
    }
    p.status = status;

    min_learn_names(&p);
    for (size_t i = 0; i < text->count && p.status == DOCKET_OK; i++)
        parse_line(&p, i);
    if (p.status == DOCKET_OK)
        finish(&p);

    status = p.status;
    if (status == DOCKET_OK && json_array_extend(records, p.records) != 0)
        status = DOCKET_ERR_NO_MEMORY;
    if (status != DOCKET_OK)
        docket_error_set(err, status, "%s:%u: minutes: %s", text->path ? text->path : "text",
                         p.line, docket_status_text(status));
    parser_free(&p);
    return status;
}
