/* extract_docx.c: Word 2007 .docx paragraphs, headings, list items and table rows. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "extract_docx.h"
#include "extract_internal.h"
#include "extract_xml.h"
#include "strbuf.h"
#include "utf8.h"

/* Paragraphs nest inside text boxes and tables inside table cells. Deeper
 * nesting than this is read as part of the innermost level kept. */
#define MAX_OPEN 8

/* The parts read, in this order; only the first must exist. */
static const char *const parts[] = {
    "word/document.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
};

/* A paragraph (w:p) being read. */
typedef struct docx_paragraph {
    strbuf text;
    docx_style_kind style; /* from its w:pStyle */
    int outline_level;     /* from its own w:outlineLvl: 1 to 9, or 0 */
    int numbering;         /* its own w:numPr: 1 on, 0 off (w:numId 0), -1 none */
    int list_level;        /* from w:ilvl, from 1 */
    unsigned number;       /* 1-based, over all parts read */
    size_t rows_open;      /* table rows open when it started */
} docx_paragraph;

/* A table row (w:tr) being read: its cells joined by '\t'. */
typedef struct docx_row {
    strbuf cells;
    size_t cell_count;
    bool in_cell;        /* inside a w:tc */
    bool cell_has_text;
    unsigned number;     /* number of the first paragraph in it */
} docx_row;

typedef struct docx_walk {
    docket_text *text;
    const docx_styles *styles;
    docx_paragraph paragraphs[MAX_OPEN];
    size_t paragraph_depth; /* paragraphs kept in `paragraphs` */
    size_t paragraph_extra; /* paragraphs open beyond MAX_OPEN */
    docx_row rows[MAX_OPEN];
    size_t row_depth;
    size_t row_extra;
    unsigned paragraph_count;
    unsigned run_depth;     /* inside a w:r: w:tab and w:br are text there */
    bool in_properties;     /* inside the w:pPr of the innermost paragraph */
    bool in_text;           /* inside a w:t */
} docx_walk;

static docx_paragraph *top_paragraph(docx_walk *walk)
{
    return walk->paragraph_depth ? &walk->paragraphs[walk->paragraph_depth - 1] : NULL;
}

static docx_row *top_row(docx_walk *walk)
{
    return walk->row_depth ? &walk->rows[walk->row_depth - 1] : NULL;
}

/* Append text to the innermost paragraph. Line breaks inside a w:t
 * become spaces, because a block has no newline. */
static docket_status add_text(docx_walk *walk, const char *data, size_t len)
{
    docx_paragraph *paragraph = top_paragraph(walk);
    if (!paragraph)
        return DOCKET_OK;

    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && data[i] != '\n' && data[i] != '\r')
            continue;
        if (!strbuf_append(&paragraph->text, data + start, i - start) ||
            (i < len && !strbuf_append(&paragraph->text, " ", 1)))
            return DOCKET_ERR_NO_MEMORY;
        start = i + 1;
    }
    return DOCKET_OK;
}

static void start_paragraph(docx_walk *walk)
{
    walk->paragraph_count++;
    if (walk->paragraph_depth == MAX_OPEN) {
        walk->paragraph_extra++;
        return;
    }
    walk->paragraphs[walk->paragraph_depth++] = (docx_paragraph){
        .text = STRBUF_INIT, .numbering = -1, .list_level = 1,
        .number = walk->paragraph_count, .rows_open = walk->row_depth + walk->row_extra,
    };
}

static void start_row(docx_walk *walk)
{
    if (walk->row_depth == MAX_OPEN) {
        walk->row_extra++;
        return;
    }
    walk->rows[walk->row_depth++] = (docx_row){
        .cells = STRBUF_INIT, .number = walk->paragraph_count + 1,
    };
}

static docket_status start_cell(docx_walk *walk)
{
    docx_row *row = top_row(walk);
    if (!row || walk->row_extra)
        return DOCKET_OK;
    if (row->cell_count++ > 0 && !strbuf_append(&row->cells, "\t", 1))
        return DOCKET_ERR_NO_MEMORY;
    row->in_cell = true;
    row->cell_has_text = false;
    return DOCKET_OK;
}

static void end_cell(docx_walk *walk)
{
    docx_row *row = top_row(walk);
    if (row && !walk->row_extra)
        row->in_cell = false;
}

/* Return the text without leading and trailing spaces and tabs. */
static const char *trimmed(char *text, size_t *len)
{
    size_t n = *len;
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    size_t start = 0;
    while (start < n && (text[start] == ' ' || text[start] == '\t'))
        start++;
    *len = n - start;
    return text + start;
}

/* Add a finished paragraph to the cell it is in: tabs become spaces,
 * because '\t' separates cells, and paragraphs are joined by a space. */
static docket_status add_to_cell(docx_row *row, const char *text, size_t len)
{
    if (len == 0)
        return DOCKET_OK;
    if (row->cell_has_text && !strbuf_append(&row->cells, " ", 1))
        return DOCKET_ERR_NO_MEMORY;
    for (size_t i = 0; i < len; i++) {
        char c = text[i] == '\t' ? ' ' : text[i];
        if (!strbuf_append(&row->cells, &c, 1))
            return DOCKET_ERR_NO_MEMORY;
    }
    row->cell_has_text = true;
    return DOCKET_OK;
}

/* A paragraph is a heading by its own outline level, else by its style;
 * a list item by its own numbering, else by its style's. */
static docket_status add_paragraph_block(docx_walk *walk, const docx_paragraph *paragraph,
                                         const char *text, size_t len)
{
    int heading = paragraph->outline_level ? paragraph->outline_level
                                           : paragraph->style.heading_level;
    bool listed = paragraph->numbering >= 0 ? paragraph->numbering == 1
                                            : paragraph->style.numbered;

    if (len == 0)
        return DOCKET_OK;
    if (heading)
        return docket_text_append(walk->text, DOCKET_BLOCK_HEADING, heading, paragraph->number,
                                  text, len);
    if (listed)
        return docket_text_append(walk->text, DOCKET_BLOCK_LIST_ITEM, paragraph->list_level,
                                  paragraph->number, text, len);
    return docket_text_append(walk->text, DOCKET_BLOCK_PARAGRAPH, 0, paragraph->number, text,
                              len);
}

static docket_status end_paragraph(docx_walk *walk)
{
    if (walk->paragraph_extra) {
        walk->paragraph_extra--;
        return DOCKET_OK;
    }
    docx_paragraph *paragraph = top_paragraph(walk);
    if (!paragraph)
        return DOCKET_OK;

    size_t len = paragraph->text.len;
    const char *text = "";
    if (len > 0) {
        docket_utf8_normalise(paragraph->text.data, &len);
        text = trimmed(paragraph->text.data, &len);
    }

    docx_row *row = top_row(walk);
    bool in_cell = row && row->in_cell && !walk->row_extra &&
                   paragraph->rows_open == walk->row_depth;
    docket_status status = in_cell ? add_to_cell(row, text, len)
                                   : add_paragraph_block(walk, paragraph, text, len);
    strbuf_free(&paragraph->text);
    walk->paragraph_depth--;
    walk->in_properties = false;
    return status;
}

/* A row with some text becomes a ROW block, numbered by its first
 * paragraph. */
static docket_status end_row(docx_walk *walk)
{
    if (walk->row_extra) {
        walk->row_extra--;
        return DOCKET_OK;
    }
    docx_row *row = top_row(walk);
    if (!row)
        return DOCKET_OK;

    docket_status status = DOCKET_OK;
    const char *cells = strbuf_str(&row->cells);
    if (strspn(cells, "\t") < row->cells.len)
        status = docket_text_append(walk->text, DOCKET_BLOCK_ROW, 0, row->number, cells,
                                    row->cells.len);
    strbuf_free(&row->cells);
    walk->row_depth--;
    return status;
}

/* Paragraph properties: style, outline level and numbering. */
static void read_property(docx_walk *walk, xmlTextReaderPtr reader, const char *name)
{
    docx_paragraph *paragraph = top_paragraph(walk);
    if (!paragraph || walk->paragraph_extra)
        return;

    if (strcmp(name, "pStyle") == 0) {
        char *id = docx_attribute(reader, "val");
        paragraph->style = docx_styles_find(walk->styles, id);
        free(id);
    } else if (strcmp(name, "outlineLvl") == 0) {
        int level = docx_int_value(reader, 9);
        paragraph->outline_level = level >= 0 && level < 9 ? level + 1 : 0;
    } else if (strcmp(name, "numPr") == 0) {
        paragraph->numbering = 1;
    } else if (strcmp(name, "numId") == 0) {
        paragraph->numbering = docx_int_value(reader, 1) != 0;
    } else if (strcmp(name, "ilvl") == 0) {
        int level = docx_int_value(reader, 0);
        paragraph->list_level = level >= 0 && level < 9 ? level + 1 : 1;
    }
}

/* Run content other than w:t that stands for text. */
static docket_status read_run_mark(docx_walk *walk, const char *name)
{
    if (walk->run_depth == 0)
        return DOCKET_OK;
    if (strcmp(name, "tab") == 0)
        return add_text(walk, "\t", 1);
    if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
        return add_text(walk, " ", 1);
    if (strcmp(name, "noBreakHyphen") == 0)
        return add_text(walk, "-", 1);
    return DOCKET_OK;
}

/* Elements whose content is not text of the current document: deleted
 * and moved-away text, the properties before a tracked change and field
 * codes. */
static bool skipped_element(const char *name)
{
    static const char *const names[] = {
        "del", "moveFrom", "pPrChange", "rPrChange", "sectPrChange", "tblPrChange",
        "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "instrText",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0)
            return true;
    }
    return false;
}

static docket_status start_element(docx_walk *walk, xmlTextReaderPtr reader, const char *name,
                                   bool *skip)
{
    bool empty = xmlTextReaderIsEmptyElement(reader) == 1;

    if (skipped_element(name)) {
        *skip = true;
        return DOCKET_OK;
    }
    if (strcmp(name, "p") == 0) {
        start_paragraph(walk);
        return empty ? end_paragraph(walk) : DOCKET_OK;
    }
    if (strcmp(name, "tr") == 0) {
        start_row(walk);
        return empty ? end_row(walk) : DOCKET_OK;
    }
    if (strcmp(name, "tc") == 0 && !empty)
        return start_cell(walk);
    if (strcmp(name, "r") == 0 && !empty)
        walk->run_depth++;
    else if (strcmp(name, "t") == 0 && !empty)
        walk->in_text = true;
    else if (strcmp(name, "pPr") == 0 && !empty)
        walk->in_properties = true;
    else if (walk->in_properties)
        read_property(walk, reader, name);
    else
        return read_run_mark(walk, name);
    return DOCKET_OK;
}

static docket_status end_element(docx_walk *walk, const char *name)
{
    if (strcmp(name, "p") == 0)
        return end_paragraph(walk);
    if (strcmp(name, "tr") == 0)
        return end_row(walk);
    if (strcmp(name, "tc") == 0)
        end_cell(walk);
    else if (strcmp(name, "r") == 0 && walk->run_depth > 0)
        walk->run_depth--;
    else if (strcmp(name, "t") == 0)
        walk->in_text = false;
    else if (strcmp(name, "pPr") == 0)
        walk->in_properties = false;
    return DOCKET_OK;
}

static docket_status visit_body(xmlTextReaderPtr reader, void *context, bool *skip,
                                docket_error *err)
{
    docx_walk *walk = context;
    int type = xmlTextReaderNodeType(reader);
    docket_status status = DOCKET_OK;

    if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
        type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) {
        const char *value = (const char *)xmlTextReaderConstValue(reader);
        if (walk->in_text && value)
            status = add_text(walk, value, strlen(value));
    } else if (docx_is_markup_fallback(reader)) {
        /* mc:Fallback repeats the content of mc:Choice for older readers. */
        *skip = type == XML_READER_TYPE_ELEMENT;
    } else {
        const char *name = docx_element_name(reader);
        if (name && type == XML_READER_TYPE_ELEMENT)
            status = start_element(walk, reader, name, skip);
        else if (name && type == XML_READER_TYPE_END_ELEMENT)
            status = end_element(walk, name);
    }
    if (status != DOCKET_OK)
        return docket_error_set(err, status, "out of memory");
    return DOCKET_OK;
}

/* Free what a part left open and reset the walk for the next part. */
static void walk_free(docx_walk *walk)
{
    for (size_t i = 0; i < walk->paragraph_depth; i++)
        strbuf_free(&walk->paragraphs[i].text);
    for (size_t i = 0; i < walk->row_depth; i++)
        strbuf_free(&walk->rows[i].cells);
    walk->paragraph_depth = 0;
    walk->paragraph_extra = 0;
    walk->row_depth = 0;
    walk->row_extra = 0;
    walk->run_depth = 0;
    walk->in_properties = false;
    walk->in_text = false;
}

/* Read part `name` of the archive if it exists and walk its body. */
static docket_status read_part(zip_t *archive, const char *name, bool required,
                               const docket_source *source, docx_walk *walk, docket_error *err)
{
    zip_int64_t index = zip_name_locate(archive, name, ZIP_FL_NOCASE);
    if (index < 0 && !required)
        return DOCKET_OK;
    if (index < 0)
        return docket_error_set(err, DOCKET_ERR_INVALID_INPUT,
                                "not a Word document: the archive has no %s", name);

    char *data = NULL;
    size_t len = 0;
    docket_error reason = {{0}};
    docket_status status = docket_zip_read(archive, (uint64_t)index, source->limits,
                                           source->budget, &data, &len, &reason);
    if (status != DOCKET_OK)
        return docket_error_set(err, status, "%s: %s", name, reason.message);

    status = docket_xml_read(data, len, name, visit_body, walk, err);
    walk_free(walk);
    free(data);
    return status;
}

static docket_status read_document(zip_t *archive, const docket_source *source,
                                   docket_text *text, docket_error *err)
{
    docx_styles *styles = NULL;
    docket_status status = docx_styles_read(archive, source, &styles, err);
    docx_walk walk = {.text = text, .styles = styles};

    for (size_t i = 0; status == DOCKET_OK && i < sizeof parts / sizeof parts[0]; i++)
        status = read_part(archive, parts[i], i == 0, source, &walk, err);
    docx_styles_free(styles);
    return status;
}

docket_status docket_extract_docx(const docket_source *source, docket_text **out,
                                  docket_error *err)
{
    zip_t *archive = NULL;

    /* A Word 97 file saved under the name .docx. */
    if (docket_is_word97(source->data, source->len))
        return docket_extract_doc(source, out, err);

    docket_status status = docket_zip_open(source->data, source->len, &archive, err);
    if (status != DOCKET_OK)
        return status;

    docket_text *text = docket_text_new(source->name, "docx");
    if (!text)
        status = docket_error_set(err, DOCKET_ERR_NO_MEMORY, "out of memory");
    else
        status = read_document(archive, source, text, err);
    zip_discard(archive);

    if (status != DOCKET_OK) {
        docket_text_free(text);
        return status;
    }
    *out = text;
    return DOCKET_OK;
}
