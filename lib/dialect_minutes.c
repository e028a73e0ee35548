/* dialect_minutes.c: Markdown and text minutes of IETF working groups (HTTP,
 * CoRE) and of the OASIS CSAF TC to one meeting record and one section
 * record per heading.
 *
 * Two passes. The first (minutes_meeting.c) decides from the text alone
 * whether the document is minutes, an agenda or a blue sheet of a known
 * group. It finds the group, meeting id, date and title, and learns the
 * short names speakers go by (minutes_people.c). The second reads one
 * line at a time through a table of line patterns (rules[] below), with
 * participants in minutes_roster.c and decisions in minutes_decisions.c.
 * What it decides:
 *
 * - Groups: "wg" is HTTP, CoRE or CSAF; "body" is IETF or OASIS;
 *   "wg_names" come from the alias file ("[wg IETF]") when it lists the
 *   group, else from the built-in names (HTTP, httpbis, HTTPbis).
 * - Meeting ids: an IETF meeting is "IETF115" ("IETF 115", "IETF115" in
 *   the title or the first lines). A CoRE interim is "CoRE interim
 *   2020-05-06", with the day because CoRE meets every two weeks. An HTTP
 *   interim is "HTTP interim 2020-05", because the HTTP WG holds at most
 *   one a month and names it by month. A CSAF TC meeting is "CSAF
 *   2021-09-29". The text decides. Only when it names no meeting does the
 *   path ("ietf115/", "core-115-summary.md", "interim-20-05/",
 *   "2021-09-29.md") give it.
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
 *   "approved", and one that failed or was not approved is "rejected". Its
 *   subject is the motion's text, after the list item it is nested under
 *   ("PR #345: not approve"). IETF lines that say a draft was adopted
 *   ("consensus to adopt", "adopted as a WG document") give "adopted". It
 *   stays its own word because adopting a draft as a work item agrees
 *   nothing about its content. "was approved" and "approved for
 *   publication" give "approved". "no objection", "consensus is to" and
 *   "it was agreed" give "agreed" unless a speaker says them. A question,
 *   or a negation or hedge in the clause before the phrase ("no", "if"),
 *   makes no decision. The subject is the draft the line names, else the
 *   draft the section is about, else the section title.
 * - "status" is set when the section is about one draft (its heading names
 *   one, or its text names only one) and a decision on that draft was
 *   reached.
 *
 * NOTE: the text's date wins over the file name even when minutes copied
 * the date line of an earlier meeting, which gives them that meeting's id.
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
    line->level = block->kind == DOCKET_BLOCK_LIST_ITEM ? block->level : 0;
    if (block->kind == DOCKET_BLOCK_PARAGRAPH)
        content = (char *)min_skip_marker(content);
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
 * section that has nothing but its heading. */
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
    min_roster_heading(p, p->id.title);
    if (!p->id.title_is_heading) {
        handle_text(p, line);
        return;
    }
    min_heading_at(p->text, line->index, title, sizeof title, &underline);
    if (underline)
        p->skip_block = line->index + 1;
    min_scan_specs(p, line->raw, false);
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
