/* split.c: the generic splitter, one section record per heading. */
#include "docket/dialect.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/record.h"
#include "strbuf.h"

/* Numbered headings longer than this are taken for paragraphs. */
#define MAX_HEADING_BYTES 120

typedef struct heading {
    int level;          /* 0 when the block is no heading */
    const char *title;  /* start of the title within the block text */
    size_t skip;        /* further blocks the heading consumes (a title line) */
} heading;

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Parse a section number "7", "7.1", "6.2.1." at `s`; return its number of
 * components (0 when there is none) and where it ends through `end`. */
static int section_number(const char *s, const char **end)
{
    int parts = 0;
    while (isdigit((unsigned char)*s)) {
        int digits = 0;
        while (isdigit((unsigned char)*s)) {
            s++;
            digits++;
        }
        if (digits > 2)
            return 0; /* years and document numbers are no section numbers */
        parts++;
        if (*s != '.' || !isdigit((unsigned char)s[1]))
            break;
        s++;
    }
    if (*s == '.')
        s++;
    *end = s;
    return parts;
}

/* Whether a line is worth a heading title: a capital letter or digit first,
 * no sentence ending, not too long. */
static bool looks_like_title(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len > MAX_HEADING_BYTES)
        return false;
    if (!isupper((unsigned char)s[0]) && !isdigit((unsigned char)s[0]))
        return false;
    return s[len - 1] != '.' && s[len - 1] != ',' && s[len - 1] != ';';
}

static const docket_block *next_content(const docket_text *text, size_t i)
{
    return i + 1 < text->count && text->blocks[i + 1].kind == DOCKET_BLOCK_PARAGRAPH
               ? &text->blocks[i + 1]
               : NULL;
}

/* Decide whether block `i` starts a section, and how. */
static heading find_heading(const docket_text *text, size_t i)
{
    const docket_block *block = &text->blocks[i];
    heading h = {0, NULL, 0};

    if (block->kind == DOCKET_BLOCK_HEADING) {
        h.level = block->level > 0 ? block->level : 1;
        h.title = skip_space(block->text);
        return h;
    }
    if (block->kind != DOCKET_BLOCK_PARAGRAPH)
        return h;

    const char *line = skip_space(block->text);
    const char *rest;
    int parts = section_number(line, &rest);
    if (parts == 0)
        return h;

    if (*rest == '\0') {
        /* "1.1" alone, with the title on the next line, as Word exports
         * numbered headings. */
        const docket_block *next = next_content(text, i);
        if (next && looks_like_title(skip_space(next->text))) {
            h.level = parts;
            h.title = line;
            h.skip = 1;
        }
        return h;
    }
    if ((*rest == ' ' || *rest == '\t') && looks_like_title(skip_space(rest))) {
        h.level = parts;
        h.title = line;
    }
    return h;
}

/* Return the title of heading `h` at block `i`, malloc'ed. */
static char *heading_title(const docket_text *text, size_t i, const heading *h)
{
    if (h->skip == 0)
        return strdup(h->title);

    const char *next = skip_space(text->blocks[i + 1].text);
    size_t size = strlen(h->title) + strlen(next) + 2;
    char *title = malloc(size);
    if (title)
        snprintf(title, size, "%s %s", h->title, next);
    return title;
}

/* Return the file name of `path` without folders. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static docket_status start_section(json_t *records, const docket_text *text,
                                   unsigned line, const char *title, json_t **out)
{
    json_t *record = docket_record_new(DOCKET_TYPE_SECTION, text->path, line);
    if (!record)
        return DOCKET_ERR_NO_MEMORY;
    docket_status status = docket_record_set(record, "title", title);
    if (status == DOCKET_OK && json_array_append_new(records, record) != 0)
        return DOCKET_ERR_NO_MEMORY;
    if (status != DOCKET_OK) {
        json_decref(record);
        return status;
    }
    *out = record;
    return DOCKET_OK;
}

/* State of the splitter: the section being filled and its text. */
typedef struct splitter {
    const docket_text *text;
    json_t *records;
    json_t *section;
    bool untitled; /* the section is the lead-in before the first heading */
    strbuf body;
} splitter;

/* Give the current section its text, or drop it when it has neither a
 * heading nor any text (the empty lead-in of a file that starts with a
 * heading). */
static docket_status finish_section(splitter *sp)
{
    docket_status status = DOCKET_OK;
    if (sp->section && sp->body.len > 0)
        status = docket_record_set(sp->section, "text", strbuf_str(&sp->body));
    else if (sp->section && sp->untitled)
        json_array_remove(sp->records, json_array_size(sp->records) - 1);
    strbuf_clear(&sp->body);
    sp->section = NULL;
    return status;
}

static docket_status add_line(splitter *sp, const docket_block *block)
{
    docket_status status = DOCKET_OK;
    if (!sp->section) {
        sp->untitled = true;
        status = start_section(sp->records, sp->text, block->line,
                               base_name(sp->text->path), &sp->section);
    }
    if (status != DOCKET_OK)
        return status;
    if (sp->body.len > 0 && !strbuf_append(&sp->body, "\n", 1))
        return DOCKET_ERR_NO_MEMORY;
    return strbuf_append_str(&sp->body, skip_space(block->text)) ? DOCKET_OK
                                                                  : DOCKET_ERR_NO_MEMORY;
}

static docket_status add_heading(splitter *sp, size_t i, const heading *h)
{
    docket_status status = finish_section(sp);
    if (status != DOCKET_OK)
        return status;
    char *title = heading_title(sp->text, i, h);
    if (!title)
        return DOCKET_ERR_NO_MEMORY;
    status = start_section(sp->records, sp->text, sp->text->blocks[i].line, title,
                           &sp->section);
    free(title);
    sp->untitled = false;
    return status;
}

docket_status docket_split_sections(const docket_text *text, json_t *records,
                                    docket_error *err)
{
    splitter sp = {text, records, NULL, false, STRBUF_INIT};
    docket_status status = DOCKET_OK;

    for (size_t i = 0; i < text->count && status == DOCKET_OK; i++) {
        heading h = find_heading(text, i);
        if (h.level > 0) {
            status = add_heading(&sp, i, &h);
            i += h.skip;
        } else if (text->blocks[i].kind != DOCKET_BLOCK_BLANK) {
            status = add_line(&sp, &text->blocks[i]);
        }
    }
    if (status == DOCKET_OK)
        status = finish_section(&sp);
    strbuf_free(&sp.body);

    if (status != DOCKET_OK)
        return docket_error_set(err, status, "%s: splitting into sections: %s", text->path,
                                docket_status_text(status));
    return DOCKET_OK;
}
