/* extract_html.c: HTML to blocks: title, headings, table rows, list items and paragraphs. */
#include <libxml/HTMLparser.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_internal.h"
#include "extract_xml.h"
#include "strbuf.h"
#include "utf8.h"

#define HTML_OPTIONS                                                                    \
    (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
     HTML_PARSE_NOBLANKS | HTML_PARSE_IGNORE_ENC)

/* A declared charset is looked for in the first bytes only, as browsers do. */
#define CHARSET_SCAN_BYTES 4096

/* libxml2 stores HTML line numbers up to this value; a node at this line
 * or beyond may lie anywhere after it. */
#define LAST_KNOWN_LINE 65535

/* Rows nest inside table cells; deeper rows join the innermost row kept. */
#define MAX_ROWS 8

/* Block elements nest; the kind of blocks beyond this depth is not
 * restored when they close. */
#define MAX_CONTEXTS 256

/* Text being collected for one block, with whitespace collapsed. */
typedef struct text_sink {
    strbuf buf;
    bool pending_space; /* whitespace seen since the last character kept */
    unsigned line;      /* of the block's element */
} text_sink;

/* A table row (tr) being read: its cells joined by '\t'. */
typedef struct html_row {
    text_sink sink;
    size_t cell_count;
} html_row;

/* What the text of the innermost open block element becomes. */
typedef struct block_context {
    docket_block_kind kind;
    int level;
    unsigned line;
} block_context;

typedef struct html_walk {
    docket_text *text;
    text_sink paragraph;   /* text outside table rows */
    block_context contexts[MAX_CONTEXTS];
    size_t context_depth;
    size_t context_extra;  /* block elements open beyond MAX_CONTEXTS */
    html_row rows[MAX_ROWS];
    size_t row_depth;
    size_t row_extra;
    size_t list_depth;     /* open ul, ol and dl elements */
    size_t pre_depth;      /* open pre elements: their newlines end blocks */
} html_walk;

/* ---- charset ---- */

static bool scan_token(const char *s, const char *end, const char *token)
{
    size_t len = strlen(token);
    return (size_t)(end - s) >= len && strncasecmp(s, token, len) == 0;
}

/* Copy the charset name after "charset=" at `s` into `name`. */
static void copy_charset(const char *s, const char *end, char *name, size_t size)
{
    size_t n = 0;

    while (s < end && (*s == ' ' || *s == '"' || *s == '\''))
        s++;
    while (s < end && n + 1 < size &&
           (strchr("-_.:", *s) || (*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
            (*s >= 'A' && *s <= 'Z')))
        name[n++] = *s++;
    name[n] = '\0';
}

/* Find "charset=" inside a <meta> tag among the first bytes, which covers
 * <meta charset="..."> and <meta http-equiv content="...; charset=...">. */
static bool declared_charset(const char *data, size_t len, char *name, size_t size)
{
    const char *end = data + (len < CHARSET_SCAN_BYTES ? len : CHARSET_SCAN_BYTES);

    for (const char *s = data; s < end; s++) {
        if (!scan_token(s, end, "<meta"))
            continue;
        const char *tag_end = memchr(s, '>', (size_t)(end - s));
        tag_end = tag_end ? tag_end : end;
        for (const char *t = s; t < tag_end; t++) {
            if (scan_token(t, tag_end, "charset=")) {
                copy_charset(t + 8, tag_end, name, size);
                return name[0] != '\0';
            }
        }
    }
    return false;
}

/* Map a declared charset to the one browsers use: Windows-1252 for the
 * labels of Latin-1 and ASCII (it differs from Latin-1 in 0x80 to 0x9F:
 * curly quotes, dashes, the euro sign), and UTF-8 for UTF-16. */
static const char *browser_charset(const char *name)
{
    static const char *const windows_1252[] = {
        "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "x-cp1252",
    };
    for (size_t i = 0; i < sizeof windows_1252 / sizeof windows_1252[0]; i++) {
        if (strcasecmp(name, windows_1252[i]) == 0)
            return "windows-1252";
    }
    /* A declaration readable as ASCII cannot be in UTF-16. */
    if (strcasecmp(name, "utf8") == 0 || strncasecmp(name, "utf-16", 6) == 0)
        return "UTF-8";
    return name;
}

/* Return the declared charset when it is one that libxml2 must decode:
 * neither UTF-8 nor Windows-1252 (which docket decodes itself), and known
 * to libxml2. A byte order mark overrides any declaration.
 * NOTE: libxml2 stops at the first byte that is invalid in such a charset,
 * so the rest of the page is lost. */
static const char *foreign_charset(const char *data, size_t len, char *name, size_t size)
{
    bool bom = (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)) ||
               (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0);
    if (bom || !declared_charset(data, len, name, size))
        return NULL;

    const char *encoding = browser_charset(name);
    if (strcasecmp(encoding, "UTF-8") == 0 || strcasecmp(encoding, "windows-1252") == 0)
        return NULL;
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
    if (!handler)
        return NULL;
    xmlCharEncCloseFunc(handler);
    return encoding;
}

/* ---- collecting text ---- */

static bool is_html_space(const char *s, size_t left, size_t *width)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        *width = 1;
        return true;
    }
    /* U+00A0, from &nbsp;, separates words like a space. */
    if (c == 0xC2 && left > 1 && (unsigned char)s[1] == 0xA0) {
        *width = 2;
        return true;
    }
    /* Browsers read "&nbsp" without its semicolon too; libxml2 leaves it
     * as text. */
    if (c == '&' && left >= 5 && memcmp(s, "&nbsp", 5) == 0) {
        *width = 5;
        return true;
    }
    return false;
}

/* Append `len` bytes of UTF-8 with each run of whitespace collapsed to
 * one space, and none at the start of the block or of a cell. */
static docket_status sink_append(text_sink *sink, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        size_t width = 0;
        if (is_html_space(s + i, len - i, &width)) {
            sink->pending_space = true;
            i += width;
            continue;
        }
        size_t start = i;
        while (i < len && !is_html_space(s + i, len - i, &width))
            i++;
        bool space = sink->pending_space && sink->buf.len > 0 &&
                     sink->buf.data[sink->buf.len - 1] != '\t';
        if ((space && !strbuf_append(&sink->buf, " ", 1)) ||
            !strbuf_append(&sink->buf, s + start, i - start))
            return DOCKET_ERR_NO_MEMORY;
        sink->pending_space = false;
    }
    return DOCKET_OK;
}

/* Add the sink's text as one block and empty it. */
static docket_status sink_flush(text_sink *sink, docket_text *text, docket_block_kind kind,
                                int level)
{
    docket_status status = DOCKET_OK;
    size_t len = sink->buf.len;

    if (len > 0) {
        docket_utf8_normalise(sink->buf.data, &len);
        bool content = kind != DOCKET_BLOCK_ROW || strspn(sink->buf.data, "\t") < len;
        if (content)
            status = docket_text_append(text, kind, level, sink->line, sink->buf.data, len);
    }
    strbuf_clear(&sink->buf);
    sink->pending_space = false;
    return status;
}

static unsigned element_line(xmlNodePtr node)
{
    long line = xmlGetLineNo(node);
    return line > 0 && line < LAST_KNOWN_LINE ? (unsigned)line : 0;
}

/* ---- elements ---- */

typedef enum element_role {
    ROLE_INLINE,
    ROLE_SKIPPED,  /* script and style: their content is not text */
    ROLE_BLOCK,    /* ends the text before it and starts a block */
    ROLE_BREAK,    /* br: ends the text before it */
    ROLE_ROW,
    ROLE_CELL,
} element_role;

static const char *const block_names[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody",
    "tfoot", "thead", "title", "ul",
};

static element_role role_of(const char *name)
{
    if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
        strcmp(name, "template") == 0)
        return ROLE_SKIPPED;
    if (strcmp(name, "br") == 0)
        return ROLE_BREAK;
    if (strcmp(name, "tr") == 0)
        return ROLE_ROW;
    if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
        return ROLE_CELL;
    for (size_t i = 0; i < sizeof block_names / sizeof block_names[0]; i++) {
        if (strcmp(name, block_names[i]) == 0)
            return ROLE_BLOCK;
    }
    return ROLE_INLINE;
}

static bool is_list(const char *name)
{
    return strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0 || strcmp(name, "dl") == 0 ||
           strcmp(name, "dir") == 0 || strcmp(name, "menu") == 0;
}

static html_row *top_row(html_walk *walk)
{
    return walk->row_depth ? &walk->rows[walk->row_depth - 1] : NULL;
}

static const block_context *current_context(const html_walk *walk)
{
    static const block_context none = {DOCKET_BLOCK_PARAGRAPH, 0, 0};
    return walk->context_depth ? &walk->contexts[walk->context_depth - 1] : &none;
}

/* Return the sink that takes text now: the innermost row, else the paragraph. */
static text_sink *current_sink(html_walk *walk)
{
    html_row *row = top_row(walk);
    return row ? &row->sink : &walk->paragraph;
}

static docket_status flush_paragraph(html_walk *walk)
{
    const block_context *context = current_context(walk);
    return sink_flush(&walk->paragraph, walk->text, context->kind, context->level);
}

/* Inside a row, block boundaries only separate words. */
static docket_status block_boundary(html_walk *walk)
{
    if (walk->row_depth) {
        top_row(walk)->sink.pending_space = true;
        return DOCKET_OK;
    }
    return flush_paragraph(walk);
}

/* The block an element starts: headings and list items set their kind,
 * other blocks keep the enclosing one, so a p inside an li stays part of
 * a list item. */
static block_context context_for(const html_walk *walk, const char *name, xmlNodePtr node)
{
    block_context context = *current_context(walk);

    context.line = element_line(node);
    if (strcmp(name, "title") == 0) {
        context.kind = DOCKET_BLOCK_HEADING;
        context.level = 1;
    } else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
        context.kind = DOCKET_BLOCK_HEADING;
        context.level = name[1] - '0';
    } else if (strcmp(name, "li") == 0 || strcmp(name, "dt") == 0 || strcmp(name, "dd") == 0) {
        context.kind = DOCKET_BLOCK_LIST_ITEM;
        context.level = walk->list_depth ? (int)walk->list_depth : 1;
    } else if (is_list(name) || strcmp(name, "body") == 0 || strcmp(name, "html") == 0) {
        context.kind = DOCKET_BLOCK_PARAGRAPH;
        context.level = 0;
    }
    return context;
}

static docket_status enter_block(html_walk *walk, const char *name, xmlNodePtr node)
{
    docket_status status = block_boundary(walk);

    if (is_list(name))
        walk->list_depth++;
    if (strcmp(name, "pre") == 0)
        walk->pre_depth++;
    block_context context = context_for(walk, name, node);
    if (walk->context_depth == MAX_CONTEXTS)
        walk->context_extra++;
    else
        walk->contexts[walk->context_depth++] = context;
    if (!walk->row_depth)
        walk->paragraph.line = current_context(walk)->line;
    return status;
}

static docket_status leave_block(html_walk *walk, const char *name)
{
    docket_status status = block_boundary(walk);

    if (is_list(name) && walk->list_depth)
        walk->list_depth--;
    if (strcmp(name, "pre") == 0 && walk->pre_depth)
        walk->pre_depth--;
    if (walk->context_extra)
        walk->context_extra--;
    else if (walk->context_depth)
        walk->context_depth--;
    if (!walk->row_depth)
        walk->paragraph.line = current_context(walk)->line;
    return status;
}

static docket_status enter_break(html_walk *walk, xmlNodePtr node)
{
    docket_status status = block_boundary(walk);
    if (!walk->row_depth)
        walk->paragraph.line = element_line(node);
    return status;
}

static docket_status enter_row(html_walk *walk, xmlNodePtr node)
{
    if (walk->row_depth == MAX_ROWS) {
        walk->row_extra++;
        top_row(walk)->sink.pending_space = true;
        return DOCKET_OK;
    }
    docket_status status = walk->row_depth ? DOCKET_OK : flush_paragraph(walk);
    walk->rows[walk->row_depth++] = (html_row){
        .sink = {.buf = STRBUF_INIT, .line = element_line(node)},
    };
    return status;
}

static docket_status leave_row(html_walk *walk)
{
    if (walk->row_extra) {
        walk->row_extra--;
        return DOCKET_OK;
    }
    html_row *row = top_row(walk);
    if (!row)
        return DOCKET_OK;
    docket_status status = sink_flush(&row->sink, walk->text, DOCKET_BLOCK_ROW, 0);
    strbuf_free(&row->sink.buf);
    walk->row_depth--;
    return status;
}

/* A cell starts with '\t' after the first; a cell outside any row is a
 * block of its own. */
static docket_status enter_cell(html_walk *walk, const char *name, xmlNodePtr node)
{
    html_row *row = top_row(walk);
    if (!row)
        return enter_block(walk, name, node);
    if (walk->row_extra) {
        row->sink.pending_space = true;
        return DOCKET_OK;
    }
    row->sink.pending_space = false;
    if (row->cell_count++ > 0 && !strbuf_append(&row->sink.buf, "\t", 1))
        return DOCKET_ERR_NO_MEMORY;
    return DOCKET_OK;
}

static docket_status leave_cell(html_walk *walk, const char *name)
{
    return top_row(walk) ? DOCKET_OK : leave_block(walk, name);
}

/* ---- the walk ---- */

/* In pre, each line of text is a block of its own, one source line after
 * the other. */
static docket_status add_pre_text(html_walk *walk, const char *s, size_t len)
{
    const char *end = s + len;

    while (s < end) {
        const char *newline = memchr(s, '\n', (size_t)(end - s));
        const char *stop = newline ? newline : end;
        docket_status status = sink_append(&walk->paragraph, s, (size_t)(stop - s));
        if (status == DOCKET_OK && newline)
            status = flush_paragraph(walk);
        if (status != DOCKET_OK)
            return status;
        if (newline && walk->paragraph.line)
            walk->paragraph.line++;
        s = newline ? newline + 1 : end;
    }
    return DOCKET_OK;
}

static docket_status add_text(html_walk *walk, xmlNodePtr node)
{
    const char *content = (const char *)node->content;
    if (!content)
        return DOCKET_OK;
    if (walk->pre_depth && !walk->row_depth)
        return add_pre_text(walk, content, strlen(content));
    return sink_append(current_sink(walk), content, strlen(content));
}

/* Handle the start of `node` and set *descend when its children are to be visited. */
static docket_status enter_node(html_walk *walk, xmlNodePtr node, bool *descend)
{
    *descend = false;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        return add_text(walk, node);
    if (node->type != XML_ELEMENT_NODE || !node->name)
        return DOCKET_OK;

    const char *name = (const char *)node->name;
    element_role role = role_of(name);
    *descend = role != ROLE_SKIPPED;
    switch (role) {
    case ROLE_INLINE:
    case ROLE_SKIPPED:
        return DOCKET_OK;
    case ROLE_BLOCK:
        return enter_block(walk, name, node);
    case ROLE_BREAK:
        return enter_break(walk, node);
    case ROLE_ROW:
        return enter_row(walk, node);
    case ROLE_CELL:
        return enter_cell(walk, name, node);
    }
    return DOCKET_OK;
}

static docket_status leave_node(html_walk *walk, xmlNodePtr node)
{
    if (node->type != XML_ELEMENT_NODE || !node->name)
        return DOCKET_OK;

    const char *name = (const char *)node->name;
    switch (role_of(name)) {
    case ROLE_INLINE:
    case ROLE_SKIPPED:
    case ROLE_BREAK:
        return DOCKET_OK;
    case ROLE_BLOCK:
        return leave_block(walk, name);
    case ROLE_ROW:
        return leave_row(walk);
    case ROLE_CELL:
        return leave_cell(walk, name);
    }
    return DOCKET_OK;
}

/* Visit the tree under `root` in document order without recursion, so
 * that deeply nested markup cannot exhaust the stack. */
static docket_status walk_tree(html_walk *walk, xmlNodePtr root)
{
    xmlNodePtr node = root;

    while (node) {
        bool descend = false;
        docket_status status = enter_node(walk, node, &descend);
        if (status != DOCKET_OK)
            return status;
        if (descend && node->children) {
            node = node->children;
            continue;
        }
        for (;;) {
            status = leave_node(walk, node);
            if (status != DOCKET_OK)
                return status;
            if (node == root)
                return DOCKET_OK;
            if (node->next) {
                node = node->next;
                break;
            }
            node = node->parent;
        }
    }
    return DOCKET_OK;
}

static void walk_free(html_walk *walk)
{
    strbuf_free(&walk->paragraph.buf);
    for (size_t i = 0; i < walk->row_depth; i++)
        strbuf_free(&walk->rows[i].sink.buf);
}

/* Parse `len` bytes in `encoding` and add the blocks of the tree. */
static docket_status parse_html(const char *data, size_t len, const char *encoding,
                                docket_text *text, docket_error *err)
{
    if (len > (size_t)0x7fffffff)
        return docket_error_set(err, DOCKET_ERR_TOO_LARGE, "HTML over 2 GiB");

    docket_xml_handlers saved;
    docket_xml_silence(&saved);
    htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, encoding, HTML_OPTIONS);
    docket_xml_restore(&saved);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return DOCKET_OK;
    }

    html_walk walk = {.text = text, .paragraph = {.buf = STRBUF_INIT}};
    docket_status status = walk_tree(&walk, root);
    if (status == DOCKET_OK)
        status = flush_paragraph(&walk);
    walk_free(&walk);
    xmlFreeDoc(doc);
    if (status != DOCKET_OK)
        return docket_error_set(err, status, "out of memory");
    return DOCKET_OK;
}

/* The charset: a byte order mark, else the declared one, else UTF-8 when
 * the bytes are valid UTF-8, else Windows-1252. UTF-8, UTF-16 with a
 * byte order mark and Windows-1252 are converted as for plain text, which
 * also rejects binary content; libxml2 decodes the other charsets. */
docket_status docket_extract_html(const char *data, size_t len,
                                  const docket_extract_limits *limits, docket_text *text,
                                  docket_error *err)
{
    char charset[64];
    const char *foreign = foreign_charset(data, len, charset, sizeof charset);
    if (foreign)
        return parse_html(data, len, foreign, text, err);

    char *utf8 = NULL;
    size_t utf8_len = 0;
    docket_status status = docket_text_to_utf8(data, len, &utf8, &utf8_len, err);
    if (status == DOCKET_OK)
        status = parse_html(utf8, utf8_len, "UTF-8", text, err);
    free(utf8);
    return status;
}
