/* onem2m_table.c: the action-item table and tables of contributions in
 * oneM2M minutes, with one cell per line or tab-separated cells per row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "normalise_private.h"
#include "onem2m.h"
#include "strbuf.h"

/* ---- Columns ---- */

typedef enum column_kind {
    COLUMN_ID,
    COLUMN_TITLE,
    COLUMN_WHO,
    COLUMN_DECISION,
    COLUMN_NOTES
} column_kind;

static const struct {
    const char *word;
    column_kind column;
} header_words[] = {
    {"REFERENCE", COLUMN_ID},      {"REF", COLUMN_ID},          {"ID", COLUMN_ID},
    {"ACTION ID", COLUMN_ID},      {"ACTION", COLUMN_ID},       {"TDOC", COLUMN_ID},
    {"DOCUMENT", COLUMN_ID},       {"DOC", COLUMN_ID},          {"CONTRIBUTION", COLUMN_ID},
    {"NUMBER", COLUMN_ID},         {"WHAT", COLUMN_TITLE},      {"DESCRIPTION", COLUMN_TITLE},
    {"TITLE", COLUMN_TITLE},       {"SUBJECT", COLUMN_TITLE},   {"ACTION ITEM", COLUMN_TITLE},
    {"WHO", COLUMN_WHO},           {"OWNER", COLUMN_WHO},       {"OWNERS", COLUMN_WHO},
    {"RESPONSIBLE", COLUMN_WHO},   {"LEAD", COLUMN_WHO},        {"SOURCE", COLUMN_WHO},
    {"PRESENTER", COLUMN_WHO},     {"PRESENTED BY", COLUMN_WHO}, {"COMPANY", COLUMN_WHO},
    {"STATUS", COLUMN_DECISION},   {"STATE", COLUMN_DECISION},  {"DECISION", COLUMN_DECISION},
    {"OUTCOME", COLUMN_DECISION},  {"RESULT", COLUMN_DECISION}, {"UPDATE", COLUMN_NOTES},
    {"NOTES", COLUMN_NOTES},       {"COMMENTS", COLUMN_NOTES},  {"REMARKS", COLUMN_NOTES},
};

/* Return the column a header cell names, or -1. */
static int header_column(const char *cell)
{
    size_t len = strlen(cell);
    while (len && (cell[len - 1] == ':' || cell[len - 1] == '.'))
        len--;
    for (size_t i = 0; i < sizeof header_words / sizeof header_words[0]; i++) {
        if (strlen(header_words[i].word) == len && starts_with_nocase(cell, header_words[i].word))
            return (int)header_words[i].column;
    }
    return -1;
}

void m2m_columns_reset(m2m_columns *columns)
{
    columns->id = 0;
    columns->title = 1;
    columns->who = 2;
    columns->decision = 3;
    columns->notes = -1;
}

/* Learn the columns from a header row. Return false when `line` is not
 * one, because fewer than two cells name a column. */
static bool learn_columns(const m2m_line *line, m2m_columns *columns)
{
    m2m_columns found = {-1, -1, -1, -1, -1};
    int *slots[] = {&found.id, &found.title, &found.who, &found.decision, &found.notes};
    int named = 0;
    for (size_t i = 0; i < line->cell_count; i++) {
        int column = header_column(line->cells[i]);
        if (column >= 0 && *slots[column] < 0) {
            *slots[column] = (int)i;
            named++;
        }
    }
    if (named < 2)
        return false;
    *columns = found;
    return true;
}

static const char *cell_at(const m2m_line *line, int column)
{
    return column >= 0 && (size_t)column < line->cell_count ? line->cells[column] : NULL;
}

/* ---- Actions ---- */

/* Action ids: "A-WG4-TP8-001", or "TP7 A-13-002" with the meeting first:
 * "A" and two or more groups of letters and digits joined by hyphens, the
 * last group all digits. */
static bool is_action_id(const char *cell)
{
    const char *s = cell;
    const char *space = strchr(s, ' ');
    if (space) {
        for (const char *c = s; c < space; c++) {
            if (!ascii_alnum((unsigned char)*c))
                return false;
        }
        s = space + 1;
    }
    if (s[0] != 'A' || s[1] != '-')
        return false;

    int groups = 0;
    bool digits_only = false;
    for (s += 1; *s; s++) {
        if (*s == '-') {
            if (!ascii_alnum((unsigned char)s[1]))
                return false;
            groups++;
            digits_only = true;
        } else if (!ascii_alnum((unsigned char)*s)) {
            return false;
        } else if (!ascii_digit((unsigned char)*s)) {
            digits_only = false;
        }
    }
    return groups >= 2 && digits_only;
}

/* Return the status a cell contains alone (open, closed, ongoing), or NULL. */
static const char *status_word(const char *cell)
{
    static const char *const finished[] = {"done", "completed", "complete"};
    size_t length;
    const char *status = docket_decision_word(cell, &length);
    if (!status) {
        for (size_t i = 0; i < sizeof finished / sizeof finished[0]; i++) {
            length = strlen(finished[i]);
            if (starts_with_nocase(cell, finished[i]) && !ascii_alnum((unsigned char)cell[length]))
                status = "closed";
        }
    }
    if (!status || (strcmp(status, "open") != 0 && strcmp(status, "closed") != 0 &&
                    strcmp(status, "ongoing") != 0))
        return NULL;
    for (const char *s = cell + length; *s; s++) {
        if (*s != '.' && *s != ' ')
            return NULL;
    }
    return status;
}

static bool is_generic_owner(const char *who)
{
    static const char *const generic[] = {"interested companies", "interested parties", "all",
                                          "all companies", "tbd", "none"};
    for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++) {
        if (strlen(generic[i]) == strlen(who) && starts_with_nocase(who, generic[i]))
            return true;
    }
    return false;
}

static void add_owner(m2m_parser *p, json_t *record, const char *typed)
{
    char *company = NULL;
    m2m_fail(p, docket_company_normalise(p->aliases, typed, &company));
    m2m_add(p, record, "owners", company);
    free(company);
}

/* Return the length of an owner separator at `s`: ',', '+', ';', '/' or
 * " and ", but not the comma before a legal form ("Co., LTD"). */
static size_t owner_separator(const char *s)
{
    if (starts_with_nocase(s, " and "))
        return 5;
    if (*s == ',') {
        const char *next = s + 1;
        while (*next == ' ')
            next++;
        size_t len = strcspn(next, " ,+;/");
        char word[24];
        if (len < sizeof word) {
            snprintf(word, sizeof word, "%.*s", (int)len, next);
            if (m2m_ends_with_legal_form(word))
                return 0;
        }
        return 1;
    }
    return *s && strchr("+;/", *s) ? 1 : 0;
}

/* "Lead Qualcomm, Gemalto", "Lead LG Electronics +  Qualcomm": the
 * companies after "Lead", split at ',', '+', ';', '/' and " and ". */
static void add_owners(m2m_parser *p, json_t *record, const char *who)
{
    if (starts_with_nocase(who, "Leads ") || starts_with_nocase(who, "Lead ") ||
        starts_with_nocase(who, "Lead:"))
        who += strcspn(who, " :") + 1;
    while (*who == ' ' || *who == ':')
        who++;
    if (is_generic_owner(who)) {
        m2m_append_text(p, record, who);
        return;
    }

    char *copy = m2m_strndup(p, who, strlen(who));
    if (!copy)
        return;
    char *start = copy;
    for (char *s = copy;; s++) {
        size_t separator = owner_separator(s);
        if (*s && !separator)
            continue;
        bool end = *s == '\0';
        *s = '\0';
        add_owner(p, record, start);
        if (end)
            break;
        start = s + separator;
        s = start - 1;
    }
    free(copy);
}

/* Split "What to do UPDATE: progress" into the description and the update. */
static const char *find_update(const char *what)
{
    for (const char *s = what; *s; s++) {
        if (starts_with_nocase(s, "UPDATE:"))
            return s;
    }
    return NULL;
}

static void add_update_text(m2m_parser *p, json_t *record, const char *update)
{
    update += strlen("UPDATE:");
    while (*update == ' ')
        update++;
    m2m_append_text(p, record, update);
}

typedef struct action_cells {
    const char *id;
    const char *what[32]; /* description lines, then UPDATE lines */
    size_t what_count;
    const char *who;
    const char *status;
} action_cells;

/* Read the WHAT lines: the description, then from "UPDATE:" on the text. */
static void read_what(m2m_parser *p, json_t *record, const action_cells *cells)
{
    strbuf title = STRBUF_INIT;
    bool updating = false;
    for (size_t i = 0; i < cells->what_count; i++) {
        const char *what = cells->what[i];
        const char *update = find_update(what);
        if (updating && !update) {
            m2m_append_text(p, record, what);
            continue;
        }
        size_t len = update ? (size_t)(update - what) : strlen(what);
        if (!updating && len && ((title.len && !strbuf_append(&title, " ", 1)) ||
                                 !strbuf_append(&title, what, len)))
            m2m_fail(p, DOCKET_ERR_NO_MEMORY);
        if (update) {
            updating = true;
            add_update_text(p, record, update);
        }
    }

    while (title.len && title.data[title.len - 1] == ' ')
        title.data[--title.len] = '\0';
    m2m_set(p, record, "title", strbuf_str(&title));
    strbuf_free(&title);
}

static void make_action(m2m_parser *p, unsigned line, const action_cells *cells)
{
    json_t *record = m2m_new_record(p, DOCKET_TYPE_ACTION, line);
    if (!record)
        return;
    m2m_set(p, record, "action", cells->id);

    const m2m_heading *heading = m2m_current_heading(p);
    if (heading) {
        m2m_set(p, record, "agenda_item", heading->number);
        m2m_set(p, record, "agenda_title", heading->title);
    }
    read_what(p, record, cells);
    if (cells->status)
        m2m_set(p, record, "status", status_word(cells->status));
    if (cells->who)
        add_owners(p, record, cells->who);

    const char *title = docket_record_get(record, "title");
    const char *text = docket_record_get(record, "text");
    if (title)
        m2m_scan_mentions(p, &record, 1, title);
    if (text)
        m2m_scan_mentions(p, &record, 1, text);
}

void m2m_flush_action(m2m_parser *p)
{
    json_t *cells = p->action_cells;
    size_t count = json_array_size(cells);
    p->action_cells = NULL;
    if (count == 0) {
        json_decref(cells);
        return;
    }

    action_cells row = {.id = json_string_value(json_array_get(cells, 0))};
    size_t end = count;
    if (count >= 2 && status_word(json_string_value(json_array_get(cells, count - 1))))
        row.status = json_string_value(json_array_get(cells, --end));
    if (end >= 3)
        row.who = json_string_value(json_array_get(cells, --end));
    for (size_t i = 1; i < end && row.what_count < 32; i++)
        row.what[row.what_count++] = json_string_value(json_array_get(cells, i));

    make_action(p, p->action_line, &row);
    json_decref(cells);
}

/* A row whose cells are separated by tabs. */
static void handle_action_row(m2m_parser *p, const m2m_line *line)
{
    if (learn_columns(line, &p->action_columns))
        return;
    const char *id = cell_at(line, p->action_columns.id);
    if (!id || !is_action_id(id)) {
        m2m_meeting_text(p, line->content);
        return;
    }

    m2m_flush_action(p);
    action_cells row = {.id = id,
                        .who = cell_at(line, p->action_columns.who),
                        .status = cell_at(line, p->action_columns.decision)};
    const char *what = cell_at(line, p->action_columns.title);
    const char *notes = cell_at(line, p->action_columns.notes);
    if (what)
        row.what[row.what_count++] = what;
    if (notes && *notes)
        row.what[row.what_count++] = notes;
    make_action(p, line->number, &row);
}

bool m2m_match_action_line(m2m_parser *p, const m2m_line *line)
{
    return p->region == M2M_ACTIONS;
}

static void push_cell(m2m_parser *p, const char *cell)
{
    if (json_array_append_new(p->action_cells, json_string(cell)) != 0)
        m2m_fail(p, DOCKET_ERR_NO_MEMORY);
}

/* One cell per line: a row runs from an action id to a status cell. */
void m2m_handle_action_line(m2m_parser *p, const m2m_line *line)
{
    const char *cell = line->content;
    if (line->cell_count >= 3) {
        handle_action_row(p, line);
        return;
    }
    if (!p->action_cells && header_column(cell) >= 0)
        return;

    if (is_action_id(cell)) {
        m2m_flush_action(p);
        p->action_cells = json_array();
        p->action_line = line->number;
        if (!p->action_cells)
            m2m_fail(p, DOCKET_ERR_NO_MEMORY);
        else
            push_cell(p, cell);
        return;
    }
    if (!p->action_cells) {
        m2m_meeting_text(p, cell);
        return;
    }
    push_cell(p, cell);
    if (status_word(cell))
        m2m_flush_action(p);
}

/* ---- Tables of contributions ---- */

static bool starts_with_number(const m2m_parser *p, const char *cell)
{
    docket_docnum_context context = {p->context.year, NULL};
    docket_docnum num;
    return cell && docket_docnum_find(cell, &context, &num) == cell;
}

bool m2m_match_table_row(m2m_parser *p, const m2m_line *line)
{
    m2m_columns columns;
    if (line->cell_count < 3)
        return false;
    return learn_columns(line, &columns) ||
           starts_with_number(p, cell_at(line, p->table_columns.id));
}

/* Contributors in a source cell, separated by ';'. */
static void add_sources(m2m_parser *p, json_t *record, const char *cell)
{
    char *copy = m2m_strndup(p, cell, strlen(cell));
    char *state = NULL;
    if (!copy)
        return;
    for (char *s = strtok_r(copy, ";", &state); s; s = strtok_r(NULL, ";", &state)) {
        m2m_person person = {NULL, NULL};
        m2m_parse_person(p, s, &person);
        if (p->status == DOCKET_OK)
            m2m_fail(p, docket_record_add_contributor(record, person.name, person.company));
        m2m_person_clear(&person);
    }
    free(copy);
}

void m2m_handle_table_row(m2m_parser *p, const m2m_line *line)
{
    if (learn_columns(line, &p->table_columns))
        return;

    docket_docnum_context context = {p->context.year, NULL};
    docket_docnum num;
    docket_docnum_find(cell_at(line, p->table_columns.id), &context, &num);
    m2m_close_block(p);
    json_t *record = m2m_contribution(p, &num, line->number);
    if (!record)
        return;

    const char *title = cell_at(line, p->table_columns.title);
    const char *who = cell_at(line, p->table_columns.who);
    const char *decision_cell = cell_at(line, p->table_columns.decision);
    const char *notes = cell_at(line, p->table_columns.notes);
    if (title && !docket_record_get(record, "title"))
        m2m_set(p, record, "title", title);
    if (who)
        add_sources(p, record, who);

    m2m_decision decision;
    memset(&decision, 0, sizeof decision);
    if (decision_cell && m2m_parse_decision_phrase(decision_cell, &decision, &context))
        m2m_apply_decision(p, record, &num, &decision);
    if (notes)
        m2m_append_text(p, record, notes);
    m2m_scan_mentions(p, &record, 1, line->content);
}
