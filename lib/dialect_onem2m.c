/* dialect_onem2m.c: oneM2M meeting minutes (the TP/WG minutes template) to
 * meeting, contribution and action records.
 *
 * The parser reads one line at a time through a table of line patterns
 * (rules[] below). Each pattern has a small handler in this file or in
 * onem2m_agenda.c, onem2m_contrib.c or onem2m_table.c. What it decides:
 *
 * - The cover page (Meeting title, Chair, Secretary, Meeting Date, Meeting
 *   Details) fills the meeting record. The template's purpose boxes and IPR
 *   notice are skipped. A secretary's e-mail domain is not taken as a
 *   company, and e-mail addresses never become names.
 * - Agenda headings are "7.1 Title" or a number alone with the title on the
 *   next line. A number is a heading only when it follows the previous one
 *   (7 -> 7.1 -> 7.2 -> 8, jumps of at most 3), so a sentence that starts
 *   with a number is not taken for one. Specs named in a heading apply to
 *   every contribution below it, sub-items included.
 * - Every agenda title goes to the meeting record's "agenda". The text of an
 *   agenda item outside contributions and the action table (objectives,
 *   planning, any other business) becomes a section record titled with the
 *   item's number and title. The meeting record's "text" keeps what belongs
 *   to no other record: the cover page and notes of the action table.
 * - A contribution block starts at a line that begins with contribution
 *   numbers followed by a dash, a colon or nothing ("SEC-2014-0052 and
 *   SEC-2014-0053- Title"). Every number it names gets a record, one per
 *   base number per meeting, so a later block of the same base extends it. A
 *   number after the first dash belongs to the title and goes to "related".
 *   When a heading names several numbers, each record takes its title from
 *   its own decision sentence when there is one.
 * - The block ends at the next heading, or at a line without a bullet once
 *   its decisions part has started (a "Decisions and Actions" label or a
 *   decision line without a bullet): such a line is a note of the agenda
 *   item and goes to the meeting.
 * - Decision sentences start with the numbers they decide: "X, Title, was
 *   NOTED.", "X and Y were AGREED", "X: AGREED", "X - WITHDRAWN",
 *   "Decision: REVISED to Y" (no number: the heading's numbers). The last
 *   word of a run wins ("agreed NOTED" is noted), and the last sentence on
 *   one revision wins. "a revision is expected" keeps the decision and sets
 *   "revision_expected" on it. A decision on a number outside the block
 *   creates or extends that number's record and links the two as related.
 * - A contribution's "status" is the decision on its highest decided
 *   revision, the base number counting below R00.
 * - "aliases" and "repairs" hold every repaired number typed in the block,
 *   whichever contribution it names. A number whose repair is ambiguous is
 *   kept as typed in "aliases" only.
 * - Action rows run from an action id cell to a status cell. Owners come
 *   from the WHO cell without "Lead". "Interested companies" and similar
 *   give no owner and stay in the action's text.
 */
#define _GNU_SOURCE /* strcasestr */
#include "dialects.h"

#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "normalise_private.h"
#include "onem2m.h"

/* ---- Record helpers ---- */

void m2m_fail(m2m_parser *p, docket_status status)
{
    if (p->status == DOCKET_OK)
        p->status = status;
}

void m2m_set(m2m_parser *p, json_t *record, const char *key, const char *value)
{
    if (p->status == DOCKET_OK)
        m2m_fail(p, docket_record_set(record, key, value));
}

void m2m_add(m2m_parser *p, json_t *record, const char *key, const char *value)
{
    if (p->status == DOCKET_OK)
        m2m_fail(p, docket_record_add(record, key, value));
}

void m2m_append_text(m2m_parser *p, json_t *record, const char *text)
{
    if (p->status == DOCKET_OK)
        m2m_fail(p, docket_record_append_text(record, text));
}

/* Create a record, append it to p->records and return it (borrowed). */
json_t *m2m_new_record(m2m_parser *p, const char *type, unsigned line)
{
    if (p->status != DOCKET_OK)
        return NULL;
    json_t *record = docket_record_new(type, p->text->path, line);
    if (!record || json_array_append_new(p->records, record) != 0) {
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
        return NULL;
    }
    return record;
}

char *m2m_strndup(m2m_parser *p, const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy) {
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
        return NULL;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

/* ---- Detection ---- */

static bool contains_nocase(const char *text, const char *word)
{
    return strcasestr(text, word) != NULL;
}

/* Count well-formed oneM2M numbers (SEC-2014-0059) in `text`. */
static size_t count_onem2m_numbers(const char *text)
{
    size_t count = 0;
    docket_docnum num;
    for (const char *at = text; (at = docket_docnum_find(at, NULL, &num)) != NULL;
         at += num.length) {
        const char *dash = strchr(num.base, '-');
        if (dash && strncmp(dash, "-20", 3) == 0 && num.repairs == 0 &&
            strchr(dash + 1, '-'))
            count++;
    }
    return count;
}

bool docket_onem2m_detect(const docket_text *text)
{
    size_t numbers = 0;
    bool template_marker = false, minutes_marker = false;

    /* The markers sit on the cover page and in the first items. */
    for (size_t i = 0; i < text->count && i < 5000; i++) {
        const char *line = text->blocks[i].text;
        numbers += count_onem2m_numbers(line);
        if (contains_nocase(line, "Meeting title") || contains_nocase(line, "oneM2M"))
            template_marker = true;
        if (contains_nocase(line, "Presented by") || contains_nocase(line, "was NOTED") ||
            contains_nocase(line, "was AGREED") || contains_nocase(line, "minutes"))
            minutes_marker = true;
    }
    return numbers >= 3 && template_marker && minutes_marker;
}

/* ---- Lines ---- */

/* Return the length of a list bullet at `s` followed by a space or tab: the
 * middle dot and bullet characters Word exports, the Symbol-font bullet,
 * or '-' and '*'. */
static size_t bullet_length(const char *s)
{
    static const char *const bullets[] = {"\xc2\xb7", "\xe2\x80\xa2", "\xef\x82\xb7",
                                          "\xe2\x96\xaa", "\xe2\x97\x8f", "-", "*"};
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
        size_t n = strlen(bullets[i]);
        if (strncmp(s, bullets[i], n) == 0 && (s[n] == ' ' || s[n] == '\t'))
            return n;
    }
    return 0;
}

static char *trim(char *s)
{
    while (ascii_space((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && ascii_space((unsigned char)s[len - 1]))
        s[--len] = '\0';
    return s;
}

/* Split `row` at tabs into line->cells, dropping the empty cells of
 * leading indentation. */
static void split_cells(char *row, m2m_line *line)
{
    char *s = row;
    while (*s == '\t' || *s == ' ')
        s++;
    line->cell_count = 0;
    while (*s && line->cell_count < M2M_MAX_CELLS) {
        char *tab = strchr(s, '\t');
        if (tab)
            *tab = '\0';
        line->cells[line->cell_count++] = trim(s);
        if (!tab)
            break;
        s = tab + 1;
    }
}

/* Fill `line` from `block`. The strings point into `*copies`, which the
 * caller frees. */
static void prepare_line(m2m_parser *p, const docket_block *block, m2m_line *line,
                         char **copies)
{
    size_t len = strlen(block->text);
    memset(line, 0, sizeof *line);
    line->number = block->line;
    line->kind = block->kind;
    line->level = block->level;
    line->content = "";

    /* Two copies: one trimmed into the content, one cut into cells. */
    *copies = malloc(2 * len + 2);
    if (!*copies) {
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
        return;
    }
    char *content = *copies;
    char *row = content + len + 1;
    memcpy(content, block->text, len + 1);
    memcpy(row, block->text, len + 1);

    content = trim(content);
    size_t bullet = bullet_length(content);
    if (bullet || block->kind == DOCKET_BLOCK_LIST_ITEM) {
        line->bulleted = true;
        content = trim(content + bullet);
    }
    line->content = content;
    split_cells(row, line);
}

/* ---- Rules ---- */

static bool match_blank(m2m_parser *p, const m2m_line *line)
{
    return line->kind == DOCKET_BLOCK_BLANK || !*line->content;
}

static void handle_nothing(m2m_parser *p, const m2m_line *line)
{
}

/* "Action <A-WGx-2013-9999. Responsible person will take action>": the
 * template's sample action line. */
static bool match_placeholder(m2m_parser *p, const m2m_line *line)
{
    size_t len = strlen(line->content);
    return starts_with_nocase(line->content, "Action") && len > 0 &&
           line->content[len - 1] == '>' && strchr(line->content, '<');
}

static bool match_any(m2m_parser *p, const m2m_line *line)
{
    return true;
}

typedef struct m2m_rule {
    bool (*match)(m2m_parser *p, const m2m_line *line);
    void (*handle)(m2m_parser *p, const m2m_line *line);
} m2m_rule;

/* Tried in order: the first pattern that matches handles the line. */
static const m2m_rule rules[] = {
    {match_blank, handle_nothing},
    {m2m_match_pending_title, m2m_handle_pending_title},
    {m2m_match_agenda_heading, m2m_handle_agenda_heading},
    {m2m_match_cover_line, m2m_handle_cover_line},
    {match_placeholder, handle_nothing},
    {m2m_match_action_line, m2m_handle_action_line},
    {m2m_match_table_row, m2m_handle_table_row},
    {m2m_match_presenter, m2m_handle_presenter},
    {m2m_match_label, m2m_handle_label},
    {m2m_match_decision, m2m_handle_decision},
    {m2m_match_contribution_heading, m2m_handle_contribution_heading},
    {match_any, m2m_handle_text},
};

static void parse_line(m2m_parser *p, const docket_block *block)
{
    m2m_line line;
    char *copies = NULL;

    p->line = block->line;
    prepare_line(p, block, &line, &copies);
    for (size_t i = 0; p->status == DOCKET_OK && i < sizeof rules / sizeof rules[0]; i++) {
        if (rules[i].match(p, &line)) {
            rules[i].handle(p, &line);
            break;
        }
    }
    free(copies);
}

/* ---- Finishing ---- */

static void set_wg_names(m2m_parser *p, json_t *record)
{
    const char *names[8];
    size_t count = docket_aliases_wg_names(p->aliases, M2M_BODY, p->wg, names, 8);
    if (count == 0) {
        names[0] = p->wg;
        count = 1;
    }
    for (size_t i = 0; i < count && i < 8; i++)
        m2m_add(p, record, "wg_names", names[i]);
}

static void set_common_fields(m2m_parser *p, json_t *record)
{
    m2m_set(p, record, "body", M2M_BODY);
    m2m_set(p, record, "meeting", p->meeting_id);
    m2m_set(p, record, "date", p->date);
    if (p->wg[0]) {
        m2m_set(p, record, "wg", p->wg);
        set_wg_names(p, record);
    }
}

static void finish(m2m_parser *p)
{
    m2m_flush_action(p);
    m2m_close_block(p);

    char title[sizeof p->meeting_id + 16];
    snprintf(title, sizeof title, "%s minutes", p->meeting_id[0] ? p->meeting_id : "oneM2M");
    m2m_set(p, p->meeting, "title", title);

    size_t index;
    json_t *record;
    json_array_foreach(p->records, index, record) {
        if (strcmp(docket_record_get(record, "type"), DOCKET_TYPE_CONTRIBUTION) == 0)
            m2m_finish_contribution(p, record);
        set_common_fields(p, record);
    }
}

docket_status docket_onem2m_parse(const docket_text *text, const docket_aliases *aliases,
                                  json_t *records, docket_error *err)
{
    m2m_parser p;
    memset(&p, 0, sizeof p);
    p.text = text;
    p.aliases = aliases;
    p.region = M2M_COVER;
    m2m_columns_reset(&p.action_columns);
    m2m_columns_reset(&p.table_columns);

    p.records = json_array();
    if (!p.records)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", text->path);
    p.meeting = m2m_new_record(&p, DOCKET_TYPE_MEETING, text->count ? text->blocks[0].line : 1);

    for (size_t i = 0; i < text->count && p.status == DOCKET_OK; i++)
        parse_line(&p, &text->blocks[i]);
    if (p.status == DOCKET_OK)
        finish(&p);

    docket_status status = p.status;
    if (status == DOCKET_OK && json_array_extend(records, p.records) != 0)
        status = DOCKET_ERR_NO_MEMORY;
    if (status != DOCKET_OK)
        docket_error_set(err, status, "%s:%u: oneM2M minutes: %s", text->path, p.line,
                         docket_status_text(status));

    json_decref(p.action_cells);
    m2m_headings_free(&p);
    json_decref(p.records);
    return status;
}
