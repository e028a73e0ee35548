/* extract_text.c: plain text and Markdown to blocks, one source line at a time. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

/* One line of converted text, without its newline and trailing whitespace. */
typedef struct text_line {
    const char *start;
    size_t len;
    unsigned number; /* 1-based */
} text_line;

typedef struct line_reader {
    const char *next;
    const char *end;
    unsigned number; /* of the line read last */
} line_reader;

/* What the previous Markdown line was, for rules that look back one line. */
typedef enum line_role {
    ROLE_OTHER,
    ROLE_PARAGRAPH, /* a plain paragraph line, which a setext underline turns into a heading */
    ROLE_ROW        /* a table row, which the next row may continue */
} line_role;

typedef struct markdown_state {
    docket_text *text;
    unsigned front_matter_end; /* line of the closing "---" of YAML front matter, or 0 */
    char fence_char;           /* '`' or '~' inside a fenced code block, else 0 */
    size_t fence_length;
    line_role previous;        /* role of the line before the current one */
    line_role current;
} markdown_state;

/* A Markdown rule handles the line and returns true, or leaves it to the
 * next rule. It sets *status only when it handles the line. */
typedef bool (*markdown_rule)(markdown_state *state, const text_line *line, docket_status *status);

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static bool read_line(line_reader *reader, text_line *out)
{
    if (reader->next >= reader->end)
        return false;

    const char *start = reader->next;
    const char *newline = memchr(start, '\n', (size_t)(reader->end - start));
    const char *stop = newline ? newline : reader->end;
    reader->next = newline ? newline + 1 : reader->end;

    while (stop > start && is_space(stop[-1]))
        stop--;
    out->start = start;
    out->len = (size_t)(stop - start);
    out->number = ++reader->number;
    return true;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && is_space(s[i]))
        i++;
    return i;
}

/* Set *i past an indentation of at most 3 spaces, the most that headings,
 * setext underlines and thematic breaks allow. Return false for more. */
static bool small_indent(const text_line *line, size_t *i)
{
    size_t spaces = 0;
    while (spaces < line->len && line->start[spaces] == ' ')
        spaces++;
    if (spaces > 3 || (spaces < line->len && line->start[spaces] == '\t'))
        return false;
    *i = spaces;
    return true;
}

static bool starts_with_pipe(const text_line *line)
{
    size_t i = skip_spaces(line->start, line->len, 0);
    return i < line->len && line->start[i] == '|';
}

static docket_status append_line(docket_text *text, docket_block_kind kind, int level,
                                 const text_line *line)
{
    return docket_text_append(text, kind, level, line->number, line->start, line->len);
}

/* Convert `data` to UTF-8 in *utf8 and point `reader` at its first line. */
static docket_status open_lines(const char *data, size_t len, char **utf8,
                                line_reader *reader, docket_error *err)
{
    size_t utf8_len = 0;
    docket_status status = docket_text_to_utf8(data, len, utf8, &utf8_len, err);
    if (status != DOCKET_OK)
        return status;
    *reader = (line_reader){.next = *utf8, .end = *utf8 + utf8_len, .number = 0};
    return DOCKET_OK;
}

docket_status docket_extract_plain_text(const char *data, size_t len,
                                        const docket_extract_limits *limits,
                                        docket_text *text, docket_error *err)
{
    char *utf8 = NULL;
    line_reader reader;
    docket_status status = open_lines(data, len, &utf8, &reader, err);
    text_line line;

    while (status == DOCKET_OK && read_line(&reader, &line)) {
        docket_block_kind kind = line.len == 0 ? DOCKET_BLOCK_BLANK : DOCKET_BLOCK_PARAGRAPH;
        status = append_line(text, kind, 0, &line);
        if (status != DOCKET_OK)
            docket_error_set(err, status, "out of memory");
    }
    free(utf8);
    return status;
}

/* Return the line number of the line that closes YAML front matter opened
 * by "---" on line 1, or 0 when there is none. Without a closing "---" or
 * "...", the first line is a thematic break instead. */
static unsigned find_front_matter_end(const char *utf8, size_t len)
{
    line_reader reader = {.next = utf8, .end = utf8 + len, .number = 0};
    text_line line;

    if (!read_line(&reader, &line) || line.len != 3 || memcmp(line.start, "---", 3) != 0)
        return 0;
    while (read_line(&reader, &line)) {
        bool three = line.len == 3;
        if (three && (memcmp(line.start, "---", 3) == 0 || memcmp(line.start, "...", 3) == 0))
            return line.number;
    }
    return 0;
}

static bool blank_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    if (line->len > 0)
        return false;
    *status = append_line(state->text, DOCKET_BLOCK_BLANK, 0, line);
    return true;
}

static bool front_matter_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    if (line->number > state->front_matter_end)
        return false;
    *status = append_line(state->text, DOCKET_BLOCK_PARAGRAPH, 0, line);
    return true;
}

/* Return the length of the run of '`' or '~' that starts `line` after any
 * indentation (at least 3 makes a fence), with its character and the index
 * after it. Fences are recognised at any indentation, so that code blocks
 * nested in list items keep their lines out of the other rules. */
static size_t fence_run(const text_line *line, char *fence_char, size_t *after)
{
    size_t i = skip_spaces(line->start, line->len, 0);
    size_t n = 0;

    if (i == line->len || (line->start[i] != '`' && line->start[i] != '~'))
        return 0;
    while (i + n < line->len && line->start[i + n] == line->start[i])
        n++;
    *fence_char = line->start[i];
    *after = i + n;
    return n;
}

static bool opens_fence(const text_line *line, char *fence_char, size_t *length)
{
    size_t after = 0;
    size_t n = fence_run(line, fence_char, &after);

    if (n < 3)
        return false;
    /* An info string with a backtick makes ```a``` inline code, not a fence. */
    if (*fence_char == '`' && memchr(line->start + after, '`', line->len - after))
        return false;
    *length = n;
    return true;
}

static bool closes_fence(const text_line *line, char fence_char, size_t length)
{
    char c = 0;
    size_t after = 0;
    size_t n = fence_run(line, &c, &after);

    return c == fence_char && n >= length && after == line->len;
}

static bool fenced_code_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    if (state->fence_char) {
        if (closes_fence(line, state->fence_char, state->fence_length))
            state->fence_char = 0;
    } else if (!opens_fence(line, &state->fence_char, &state->fence_length)) {
        return false;
    }
    *status = append_line(state->text, DOCKET_BLOCK_PARAGRAPH, 0, line);
    return true;
}

/* Return 1 for a "===" underline, 2 for a "---" underline, else 0. */
static int setext_level(const text_line *line)
{
    size_t i = 0;
    if (!small_indent(line, &i) || i == line->len)
        return 0;

    char c = line->start[i];
    if (c != '=' && c != '-')
        return 0;
    while (i < line->len && line->start[i] == c)
        i++;
    if (i < line->len)
        return 0;
    return c == '=' ? 1 : 2;
}

static docket_block *last_block(markdown_state *state)
{
    return &state->text->blocks[state->text->count - 1];
}

/* A setext underline makes the paragraph line above it a heading. Only
 * that one line becomes the heading, because each line is its own block. */
static bool setext_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    int level = state->previous == ROLE_PARAGRAPH ? setext_level(line) : 0;
    if (level == 0)
        return false;

    docket_block *block = last_block(state);
    size_t indent = skip_spaces(block->text, strlen(block->text), 0);
    memmove(block->text, block->text + indent, strlen(block->text + indent) + 1);
    block->kind = DOCKET_BLOCK_HEADING;
    block->level = level;
    *status = DOCKET_OK;
    return true;
}

/* Return the cells of the table row `s` without the outer pipes, each
 * trimmed and joined by '\t', as a new string, or NULL when out of memory.
 * "\|" is a literal pipe and a tab inside a cell becomes a space. */
static char *row_cells(const char *s, size_t len)
{
    char *cells = malloc(len + 1);
    if (!cells)
        return NULL;

    size_t i = skip_spaces(s, len, 0);
    size_t end = len;
    if (i < end && s[i] == '|')
        i++;
    if (end > i && s[end - 1] == '|' && !(end - 1 > i && s[end - 2] == '\\'))
        end--;

    size_t w = 0;
    for (;;) {
        size_t cell = w;
        i = skip_spaces(s, end, i);
        while (i < end && s[i] != '|') {
            bool escaped_pipe = s[i] == '\\' && i + 1 < end && s[i + 1] == '|';
            i += escaped_pipe ? 1 : 0;
            cells[w++] = s[i] == '\t' ? ' ' : s[i];
            i++;
        }
        while (w > cell && is_space(cells[w - 1]))
            w--;
        if (i >= end)
            break;
        cells[w++] = '\t';
        i++;
    }
    cells[w] = '\0';
    return cells;
}

/* A delimiter row ("|---|:--:|") has pipes, dashes, colons and spaces only. */
static bool is_delimiter_row(const text_line *line)
{
    bool pipe = false;
    bool dash = false;

    for (size_t i = 0; i < line->len; i++) {
        char c = line->start[i];
        if (c == '|')
            pipe = true;
        else if (c == '-')
            dash = true;
        else if (c != ':' && !is_space(c))
            return false;
    }
    return pipe && dash;
}

/* Turn the paragraph line above a delimiter row into the header row of a
 * table written without outer pipes ("a | b" then "--|--"). */
static docket_status make_header_row(markdown_state *state)
{
    docket_block *block = last_block(state);
    char *cells = row_cells(block->text, strlen(block->text));
    if (!cells)
        return DOCKET_ERR_NO_MEMORY;
    free(block->text);
    block->text = cells;
    block->kind = DOCKET_BLOCK_ROW;
    block->level = 0;
    return DOCKET_OK;
}

/* A delimiter row is dropped: after a row, after a paragraph line with a
 * pipe (which becomes the header row), or when it starts with a pipe. */
static bool delimiter_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    if (!is_delimiter_row(line))
        return false;

    bool header = state->previous == ROLE_PARAGRAPH && strchr(last_block(state)->text, '|');
    if (!header && state->previous != ROLE_ROW && !starts_with_pipe(line))
        return false;

    *status = header ? make_header_row(state) : DOCKET_OK;
    state->current = ROLE_ROW;
    return true;
}

/* "***", "- - -" and "___" are thematic breaks. They stay paragraphs, and
 * this rule runs first so that the list rule and the next line's setext
 * rule do not take them. */
static bool thematic_break_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    size_t i = 0;
    if (!small_indent(line, &i) || i == line->len)
        return false;

    char c = line->start[i];
    size_t count = 0;
    if (c != '-' && c != '*' && c != '_')
        return false;
    for (; i < line->len; i++) {
        if (line->start[i] == c)
            count++;
        else if (!is_space(line->start[i]))
            return false;
    }
    if (count < 3)
        return false;
    *status = append_line(state->text, DOCKET_BLOCK_PARAGRAPH, 0, line);
    return true;
}

/* "## Title ##" is a heading: 1 to 6 '#', then a space or the end of the
 * line. The closing run of '#' is removed when a space precedes it. */
static bool atx_heading_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    const char *s = line->start;
    size_t i = 0;
    size_t level = 0;

    if (!small_indent(line, &i))
        return false;
    while (i + level < line->len && s[i + level] == '#')
        level++;
    if (level == 0 || level > 6 || (i + level < line->len && !is_space(s[i + level])))
        return false;

    size_t start = skip_spaces(s, line->len, i + level);
    size_t end = line->len;
    size_t closing = end;
    while (closing > start && s[closing - 1] == '#')
        closing--;
    if (closing == start || is_space(s[closing - 1]))
        end = closing;
    while (end > start && is_space(s[end - 1]))
        end--;

    *status = docket_text_append(state->text, DOCKET_BLOCK_HEADING, (int)level, line->number,
                                 s + start, end - start);
    return true;
}

/* Rows start with a pipe. Inside a table, any line with a pipe is a row. */
static bool table_row_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    bool continues = state->previous == ROLE_ROW && memchr(line->start, '|', line->len);
    if (!starts_with_pipe(line) && !continues)
        return false;

    char *cells = row_cells(line->start, line->len);
    *status = cells ? docket_text_append(state->text, DOCKET_BLOCK_ROW, 0, line->number,
                                         cells, strlen(cells))
                    : DOCKET_ERR_NO_MEMORY;
    free(cells);
    state->current = ROLE_ROW;
    return true;
}

/* Return the index after a list marker ("-", "*", "+", "1." or "1)") at
 * `i`, or 0 when there is none. */
static size_t list_marker_end(const char *s, size_t len, size_t i)
{
    size_t digits = 0;

    if (i < len && (s[i] == '-' || s[i] == '*' || s[i] == '+'))
        return i + 1;
    while (i + digits < len && digits < 10 && s[i + digits] >= '0' && s[i + digits] <= '9')
        digits++;
    if (digits == 0 || digits > 9 || i + digits == len)
        return 0;
    if (s[i + digits] != '.' && s[i + digits] != ')')
        return 0;
    return i + digits + 1;
}

/* List items: the level is 1 plus one per 2 columns of indentation, where
 * a tab counts as 2 columns, so a tab nests one level like 2 spaces. */
static bool list_item_rule(markdown_state *state, const text_line *line, docket_status *status)
{
    const char *s = line->start;
    size_t i = 0;
    size_t columns = 0;

    for (; i < line->len && (s[i] == ' ' || s[i] == '\t'); i++)
        columns += s[i] == '\t' ? 2 : 1;

    size_t end = list_marker_end(s, line->len, i);
    if (end == 0 || (end < line->len && !is_space(s[end])))
        return false;

    size_t start = skip_spaces(s, line->len, end);
    *status = docket_text_append(state->text, DOCKET_BLOCK_LIST_ITEM, 1 + (int)(columns / 2),
                                 line->number, s + start, line->len - start);
    return true;
}

/* The rules in order of precedence. A line that no rule takes is a paragraph. */
static const markdown_rule markdown_rules[] = {
    blank_rule,          front_matter_rule, fenced_code_rule,
    setext_rule,         delimiter_rule,    thematic_break_rule,
    atx_heading_rule,    table_row_rule,    list_item_rule,
};

static docket_status markdown_line(markdown_state *state, const text_line *line)
{
    docket_status status = DOCKET_OK;

    state->previous = state->current;
    state->current = ROLE_OTHER;
    for (size_t i = 0; i < sizeof markdown_rules / sizeof markdown_rules[0]; i++) {
        if (markdown_rules[i](state, line, &status))
            return status;
    }
    state->current = ROLE_PARAGRAPH;
    return append_line(state->text, DOCKET_BLOCK_PARAGRAPH, 0, line);
}

/* NOTE: blockquotes, indented code blocks and HTML blocks have no rule, so
 * their lines follow the other rules: "# x" inside an HTML comment becomes
 * a heading, and "> # x" stays a paragraph. */
docket_status docket_extract_markdown(const char *data, size_t len,
                                      const docket_extract_limits *limits,
                                      docket_text *text, docket_error *err)
{
    char *utf8 = NULL;
    line_reader reader;
    docket_status status = open_lines(data, len, &utf8, &reader, err);
    markdown_state state = {.text = text};
    text_line line;

    if (status == DOCKET_OK)
        state.front_matter_end = find_front_matter_end(utf8, (size_t)(reader.end - utf8));
    while (status == DOCKET_OK && read_line(&reader, &line)) {
        status = markdown_line(&state, &line);
        if (status != DOCKET_OK)
            docket_error_set(err, status, "out of memory");
    }
    free(utf8);
    return status;
}
