/* minutes_text.c: lines of minutes as plain text: HTML markup, Markdown
 * links and emphasis removed, list markers, decoration lines, and the
 * headings of Markdown, of plain text and of saved HTML pages. */
#include <stdio.h>
#include <string.h>

#include "minutes.h"
#include "normalise_private.h"

/* ---- Copies ---- */

void min_utf8_cut(char *s)
{
    size_t len = strlen(s), continuation = 0;
    while (continuation < len && continuation < 3 &&
           ((unsigned char)s[len - 1 - continuation] & 0xC0) == 0x80)
        continuation++;
    if (continuation == len)
        return;
    unsigned char lead = (unsigned char)s[len - 1 - continuation];
    size_t expected = 1;
    if (lead >= 0xF0)
        expected = 4;
    else if (lead >= 0xE0)
        expected = 3;
    else if (lead >= 0xC0)
        expected = 2;
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
    min_copy(title, size, clean);
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
