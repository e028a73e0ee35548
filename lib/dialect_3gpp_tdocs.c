/* dialect_3gpp_tdocs.c: 3GPP Tdoc lists (the secretariat's document list
 * of one meeting, ordered by agenda item) to contribution records.
 *
 * The list is a table whose header row names the columns: AI, TD#, Type,
 * Doc For, Title, Source, Rel, Work Item, Comments and Result. The parser
 * finds the columns by those names, so their order may change. Each row
 * is read through a table of row patterns (rules[] below):
 *
 * - A row whose TD# cell is a document number is one contribution record:
 *   "doc", "agenda_item" and "agenda_title", "topic" (the sub-heading row
 *   above it), "doc_type" ("CR", "pCR", "LS in", "WID new": acronyms in
 *   capitals, other words in lowercase), "purpose" (Doc For as written),
 *   "title", companies from Source, "release", "work_item", "comments"
 *   (also the record's "text"), the decision, specs and CR from the title
 *   ("23.214 CR0067R1: ..." is spec TS 23.214, "cr" "0067", "cr_revision"
 *   1), and the links its comments write (see 3gpp_chain.c).
 * - The decision is the first decision word of the Result cell: "Revised
 *   OPEN" is revised and "Replied to REPLY OPEN" replied; "OPEN" alone is
 *   open. A cell without one ("BLOCK APPROVE?", empty) gives no decision
 *   and goes to "result" as written. "status" is the decision.
 * - A row with an agenda number and no document opens an agenda item; a
 *   row with neither and a title is a sub-heading of the item ("CUPS",
 *   "IPR Call"). Neither is a contribution.
 * - The meeting id comes from the line "List for Meeting: S2-128 All
 *   Sessions", else from the first 3GPP meeting id before the header row.
 *   It is written as docket_3gpp_meeting_id does: "SA2#128", "SA2#129bis".
 *   Every snapshot of one meeting's list gives the same id, so the records of a
 *   later snapshot replace those of an earlier one in the index.
 * - One meeting record per list contains the agenda titles and the text
 *   outside the table: the IPR and antitrust reminders, the list's
 *   statistics. The list gives no meeting dates, so records have no "date".
 * - After the last row the revision links are joined into chains
 *   ("chain", "chain_status"). Only the links within this one list are
 *   followed: a number from another list ends the chain.
 */
#include "dialects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "3gpp.h"
#include "docket/record.h"
#include "normalise_private.h"

#define MAX_CELLS 16
#define HEADER_SEARCH_BLOCKS 400 /* the header row sits in the page's first blocks */
#define DETECT_ROWS 3            /* numbered rows that make a table a Tdoc list */

typedef enum tdoc_column {
    COL_AGENDA,
    COL_DOC,
    COL_TYPE,
    COL_FOR,
    COL_TITLE,
    COL_SOURCE,
    COL_RELEASE,
    COL_WORK_ITEM,
    COL_COMMENTS,
    COL_RESULT,
    COL_COUNT
} tdoc_column;

/* Header cell names, compared ignoring case. */
static const struct {
    tdoc_column column;
    const char *name;
} header_names[] = {
    {COL_AGENDA, "AI"},          {COL_AGENDA, "Agenda item"}, {COL_AGENDA, "Agenda"},
    {COL_DOC, "TD#"},            {COL_DOC, "TD"},             {COL_DOC, "Tdoc"},
    {COL_DOC, "Tdoc#"},          {COL_TYPE, "Type"},          {COL_TYPE, "Tdoc type"},
    {COL_FOR, "Doc For"},        {COL_FOR, "For"},            {COL_FOR, "Purpose"},
    {COL_TITLE, "Title"},        {COL_TITLE, "Subject"},      {COL_SOURCE, "Source"},
    {COL_RELEASE, "Rel"},        {COL_RELEASE, "Release"},    {COL_WORK_ITEM, "Work Item"},
    {COL_WORK_ITEM, "WI"},       {COL_COMMENTS, "Comments"},  {COL_COMMENTS, "Comment"},
    {COL_RESULT, "Result"},      {COL_RESULT, "Decision"},    {COL_RESULT, "Status"},
};

typedef struct tdoc_columns {
    int index[COL_COUNT]; /* cell index of each column, or -1 */
} tdoc_columns;

/* One block, cut into cells. */
typedef struct tdoc_line {
    const docket_block *block;
    const char *content;       /* the block's text, trimmed */
    char *cells[MAX_CELLS];
    size_t cell_count;
} tdoc_line;

typedef struct tdoc_parser {
    tgpp_sink sink;
    json_t *meeting;          /* the meeting record, borrowed from sink.records */
    tdoc_columns columns;
    bool header_seen;
    char meeting_id[TGPP_MEETING_SIZE];
    char wg[TGPP_WG_SIZE];
    char agenda_item[32];
    char *agenda_title;
    char *topic;
} tdoc_parser;

/* ---- Cells ---- */

static bool header_is(const char *cell, const char *name)
{
    return starts_with_nocase(cell, name) && cell[strlen(name)] == '\0';
}

/* Find the columns in the cells of a header row. Return true when the
 * document, title and source columns are all there. */
static bool read_header(char *const *cells, size_t count, tdoc_columns *out)
{
    for (int c = 0; c < COL_COUNT; c++)
        out->index[c] = -1;
    for (size_t i = 0; i < count; i++) {
        for (size_t h = 0; h < sizeof header_names / sizeof header_names[0]; h++) {
            if (out->index[header_names[h].column] < 0 && header_is(cells[i], header_names[h].name))
                out->index[header_names[h].column] = (int)i;
        }
    }
    return out->index[COL_DOC] >= 0 && out->index[COL_TITLE] >= 0 &&
           out->index[COL_SOURCE] >= 0;
}

/* Return the cell of `column`, or "" when the row has none or it contains
 * only the list's placeholder "-". */
static const char *cell_of(const tdoc_columns *columns, const tdoc_line *line,
                           tdoc_column column)
{
    int i = columns->index[column];
    if (i < 0 || (size_t)i >= line->cell_count)
        return "";
    const char *cell = line->cells[i];
    return strcmp(cell, "-") == 0 ? "" : cell;
}

/* Return true when `cell` is exactly one 3GPP document number. */
static bool is_3gpp_number(const char *cell, docket_docnum *num)
{
    return docket_docnum_parse(cell, NULL, num) == DOCKET_OK && strchr(num->base, '-') &&
           strchr(num->base, '-') == strrchr(num->base, '-');
}

/* Return true when `cell` is an agenda item number: "5", "6.19", "6.1.2". */
static bool is_agenda_number(const char *cell)
{
    if (!ascii_digit((unsigned char)*cell))
        return false;
    for (const char *s = cell; *s; s++) {
        if (!ascii_digit((unsigned char)*s) && !(*s == '.' && ascii_digit((unsigned char)s[1])))
            return false;
    }
    return true;
}

/* Fill `line` from `block`: two copies of its text, one trimmed into
 * line->content and one cut into line->cells. The caller frees the
 * returned buffer that contains both. */
static char *prepare_line(tgpp_sink *sink, const docket_block *block, tdoc_line *line)
{
    memset(line, 0, sizeof *line);
    line->block = block;
    size_t len = strlen(block->text);
    char *copy = malloc(2 * len + 2);
    if (!copy) {
        tgpp_fail(sink, DOCKET_ERR_NO_MEMORY);
        return NULL;
    }
    memcpy(copy, block->text, len + 1);
    char *content = copy + len + 1;
    memcpy(content, block->text, len + 1);

    line->cell_count = tgpp_split_cells(copy, line->cells, MAX_CELLS);
    while (ascii_space((unsigned char)*content))
        content++;
    size_t end = strlen(content);
    while (end && ascii_space((unsigned char)content[end - 1]))
        content[--end] = '\0';
    line->content = content;
    return copy;
}

/* ---- Detection ---- */

bool docket_3gpp_tdocs_detect(const docket_text *text)
{
    tgpp_sink sink = {.text = text};
    tdoc_columns columns;
    bool header = false;
    size_t numbered = 0;

    for (size_t i = 0; i < text->count && numbered < DETECT_ROWS; i++) {
        if (text->blocks[i].kind != DOCKET_BLOCK_ROW)
            continue;
        if (!header && i >= HEADER_SEARCH_BLOCKS)
            break;
        tdoc_line line;
        char *copy = prepare_line(&sink, &text->blocks[i], &line);
        if (!copy)
            return false;
        docket_docnum num;
        if (!header)
            header = read_header(line.cells, line.cell_count, &columns);
        else if (is_3gpp_number(cell_of(&columns, &line, COL_DOC), &num))
            numbered++;
        free(copy);
    }
    return numbered >= DETECT_ROWS;
}

/* ---- Rows ---- */

/* Write the list's type name in the records' spelling: acronyms stay in
 * capitals ("LS in", "WID new", "TS or TR cover"), "P-CR" is "pCR". */
static char *doc_type(tgpp_sink *sink, const char *typed)
{
    static const char *const acronyms[] = {"CR", "LS", "WID", "SID", "TS", "TR", "WI", "SI"};
    if (header_is(typed, "P-CR") || header_is(typed, "pCR") || header_is(typed, "PCR"))
        return tgpp_strndup(sink, "pCR", 3);

    char *out = tgpp_strndup(sink, typed, strlen(typed));
    for (char *word = out; word && *word;) {
        size_t len = strcspn(word, " ");
        bool acronym = false;
        for (size_t i = 0; i < sizeof acronyms / sizeof acronyms[0]; i++)
            acronym |= strlen(acronyms[i]) == len && starts_with_nocase(word, acronyms[i]);
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)word[i];
            if (acronym)
                word[i] = (char)(ascii_lower(c) ? c - 'a' + 'A' : c);
            else
                word[i] = (char)ascii_tolower(c);
        }
        word += len;
        word += strspn(word, " ");
    }
    return out;
}

/* The decision of a Result cell (see the file comment), or NULL. */
static const char *result_decision(const char *cell)
{
    const char *at = cell;
    bool open = false;
    for (const char *decision; (decision = docket_decision_find(at, &at)) != NULL;) {
        if (strcmp(decision, "open") != 0)
            return decision;
        open = true;
        at += 4;
    }
    return open ? "open" : NULL;
}

static void set_decision(tdoc_parser *p, json_t *record, const char *doc, const char *cell)
{
    const char *decision = result_decision(cell);
    if (!decision) {
        tgpp_set(&p->sink, record, "result", cell);
        return;
    }
    if (p->sink.status == DOCKET_OK)
        tgpp_fail(&p->sink, docket_record_add_decision(record, doc, decision, NULL));
    tgpp_set(&p->sink, record, "status", decision);
}

static void set_agenda(tdoc_parser *p, json_t *record, const char *item)
{
    if (!*item)
        item = p->agenda_item;
    tgpp_set(&p->sink, record, "agenda_item", item);
    if (strcmp(item, p->agenda_item) == 0)
        tgpp_set(&p->sink, record, "agenda_title", p->agenda_title);
    tgpp_set(&p->sink, record, "topic", p->topic);
}

static void set_title_fields(tdoc_parser *p, json_t *record, const char *title)
{
    tgpp_set(&p->sink, record, "title", title);
    tgpp_read_cr(&p->sink, record, title);
    tgpp_add_specs(&p->sink, record, title);
}

static void set_release(tdoc_parser *p, json_t *record, const char *cell)
{
    char release[16];
    if (tgpp_release(cell, release))
        tgpp_set(&p->sink, record, "release", release);
}

static bool match_tdoc_row(tdoc_parser *p, const tdoc_line *line)
{
    docket_docnum num;
    return p->header_seen && line->block->kind == DOCKET_BLOCK_ROW &&
           is_3gpp_number(cell_of(&p->columns, line, COL_DOC), &num);
}

static void handle_tdoc_row(tdoc_parser *p, const tdoc_line *line)
{
    const tdoc_columns *c = &p->columns;
    docket_docnum num;
    is_3gpp_number(cell_of(c, line, COL_DOC), &num);

    json_t *record = tgpp_new_record(&p->sink, DOCKET_TYPE_CONTRIBUTION, line->block->line);
    if (!record)
        return;
    tgpp_set(&p->sink, record, "doc", num.base);
    set_agenda(p, record, cell_of(c, line, COL_AGENDA));

    char *type = doc_type(&p->sink, cell_of(c, line, COL_TYPE));
    tgpp_set(&p->sink, record, "doc_type", type);
    free(type);
    tgpp_set(&p->sink, record, "purpose", cell_of(c, line, COL_FOR));
    set_title_fields(p, record, cell_of(c, line, COL_TITLE));
    tgpp_add_companies(&p->sink, record, cell_of(c, line, COL_SOURCE));
    set_release(p, record, cell_of(c, line, COL_RELEASE));
    tgpp_set(&p->sink, record, "work_item", cell_of(c, line, COL_WORK_ITEM));

    const char *comments = cell_of(c, line, COL_COMMENTS);
    tgpp_set(&p->sink, record, "comments", comments);
    tgpp_set(&p->sink, record, "text", comments);
    tgpp_read_links(&p->sink, record, num.base, comments);
    set_decision(p, record, num.base, cell_of(c, line, COL_RESULT));
}

static bool match_header_row(tdoc_parser *p, const tdoc_line *line)
{
    tdoc_columns columns;
    return !p->header_seen && line->block->kind == DOCKET_BLOCK_ROW &&
           read_header(line->cells, line->cell_count, &columns);
}

static void handle_header_row(tdoc_parser *p, const tdoc_line *line)
{
    read_header(line->cells, line->cell_count, &p->columns);
    p->header_seen = true;
}

/* Replace the string `*slot` with a copy of `value`. */
static void replace_string(tdoc_parser *p, char **slot, const char *value)
{
    free(*slot);
    *slot = tgpp_strndup(&p->sink, value, strlen(value));
}

static bool match_agenda_row(tdoc_parser *p, const tdoc_line *line)
{
    return p->header_seen && line->block->kind == DOCKET_BLOCK_ROW &&
           !*cell_of(&p->columns, line, COL_DOC) &&
           is_agenda_number(cell_of(&p->columns, line, COL_AGENDA));
}

static void handle_agenda_row(tdoc_parser *p, const tdoc_line *line)
{
    const char *title = cell_of(&p->columns, line, COL_TITLE);
    snprintf(p->agenda_item, sizeof p->agenda_item, "%s",
             cell_of(&p->columns, line, COL_AGENDA));
    replace_string(p, &p->agenda_title, title);
    replace_string(p, &p->topic, "");
    tgpp_add(&p->sink, p->meeting, "agenda", title);
}

static bool match_topic_row(tdoc_parser *p, const tdoc_line *line)
{
    return p->header_seen && line->block->kind == DOCKET_BLOCK_ROW &&
           !*cell_of(&p->columns, line, COL_DOC) && !*cell_of(&p->columns, line, COL_AGENDA) &&
           *cell_of(&p->columns, line, COL_TITLE);
}

static void handle_topic_row(tdoc_parser *p, const tdoc_line *line)
{
    replace_string(p, &p->topic, cell_of(&p->columns, line, COL_TITLE));
}

/* The meeting id above the table: the line "List for Meeting: S2-128 All
 * Sessions", else the first id in the text, which the list line replaces.
 * The matcher keeps the id it finds; the line itself is meeting text. */
static bool match_meeting_line(tdoc_parser *p, const tdoc_line *line)
{
    bool list_line = starts_with_nocase(line->content, "List for Meeting");
    return !p->header_seen && (list_line || !p->meeting_id[0]) &&
           docket_3gpp_meeting_id(line->content, p->meeting_id, sizeof p->meeting_id);
}

static void handle_meeting_text(tdoc_parser *p, const tdoc_line *line)
{
    tgpp_append_text(&p->sink, p->meeting, line->content);
}

static bool match_blank(tdoc_parser *p, const tdoc_line *line)
{
    return !*line->content;
}

static void handle_nothing(tdoc_parser *p, const tdoc_line *line)
{
}

static bool match_any(tdoc_parser *p, const tdoc_line *line)
{
    return true;
}

typedef struct tdoc_rule {
    bool (*match)(tdoc_parser *p, const tdoc_line *line);
    void (*handle)(tdoc_parser *p, const tdoc_line *line);
} tdoc_rule;

/* Tried in order: the first pattern that matches handles the line. */
static const tdoc_rule rules[] = {
    {match_blank, handle_nothing},
    {match_header_row, handle_header_row},
    {match_tdoc_row, handle_tdoc_row},
    {match_agenda_row, handle_agenda_row},
    {match_topic_row, handle_topic_row},
    {match_meeting_line, handle_meeting_text},
    {match_any, handle_meeting_text},
};

static void parse_line(tdoc_parser *p, const docket_block *block)
{
    tdoc_line line;
    p->sink.line = block->line;
    char *copy = prepare_line(&p->sink, block, &line);
    for (size_t i = 0; copy && i < sizeof rules / sizeof rules[0]; i++) {
        if (rules[i].match(p, &line)) {
            rules[i].handle(p, &line);
            break;
        }
    }
    free(copy);
}

/* ---- Finishing ---- */

/* The working group: the meeting id's group, else the prefix of the
 * first document number. */
static void find_wg(tdoc_parser *p)
{
    const char *hash = strchr(p->meeting_id, '#');
    if (hash) {
        snprintf(p->wg, sizeof p->wg, "%.*s", (int)(hash - p->meeting_id), p->meeting_id);
        return;
    }
    json_t *first = json_array_get(p->sink.records, 1);
    const char *doc = first ? docket_record_get(first, "doc") : NULL;
    if (!doc || !docket_3gpp_wg(doc, p->wg, sizeof p->wg))
        p->wg[0] = '\0';
}

static void finish(tdoc_parser *p)
{
    tgpp_link_chains(&p->sink, p->sink.records);
    find_wg(p);

    char title[TGPP_MEETING_SIZE + 32];
    snprintf(title, sizeof title, "%s document list",
             p->meeting_id[0] ? p->meeting_id : TGPP_BODY);
    tgpp_set(&p->sink, p->meeting, "title", title);

    size_t index;
    json_t *record;
    json_array_foreach(p->sink.records, index, record)
        tgpp_set_group(&p->sink, record, p->meeting_id, p->wg);
}

docket_status docket_3gpp_tdocs_parse(const docket_text *text, const docket_aliases *aliases,
                                      json_t *records, docket_error *err)
{
    tdoc_parser p;
    memset(&p, 0, sizeof p);
    if (tgpp_sink_init(&p.sink, text, aliases) != DOCKET_OK)
        return docket_error_set(err, DOCKET_ERR_NO_MEMORY, "%s: out of memory", text->path);

    p.meeting = tgpp_new_record(&p.sink, DOCKET_TYPE_MEETING,
                                text->count ? text->blocks[0].line : 1);
    for (size_t i = 0; i < text->count && p.sink.status == DOCKET_OK; i++)
        parse_line(&p, &text->blocks[i]);
    if (p.sink.status == DOCKET_OK)
        finish(&p);

    free(p.agenda_title);
    free(p.topic);
    return tgpp_sink_finish(&p.sink, "3GPP Tdoc list", records, err);
}
