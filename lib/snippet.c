/* snippet.c: result snippets as plain text plus highlighted ranges. */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "strbuf.h"

#define MARK_START "\x01"
#define MARK_END "\x02"

/* Entities that Xapian's snippet writes for '&', '<' and '>'. */
static const struct {
    const char *entity;
    char c;
} entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};

/* Plain text being built, with its length in code points. */
typedef struct builder {
    strbuf text;
    size_t chars;
    bool space; /* a space is due before the next character */
    json_t *highlights;
    size_t start;
} builder;

/* Write the space that is due, if any. */
static bool flush_space(builder *b)
{
    bool due = b->space && b->text.len > 0;
    b->space = false;
    if (!due)
        return true;
    b->chars++;
    return strbuf_append(&b->text, " ", 1);
}

/* Append one byte of UTF-8, counting code points by their first byte. */
static bool put(builder *b, char c)
{
    if (!flush_space(b))
        return false;
    if (((unsigned char)c & 0xC0) != 0x80)
        b->chars++;
    return strbuf_append(&b->text, &c, 1);
}

static size_t entity_at(const char *s, char *c)
{
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
        size_t len = strlen(entities[i].entity);
        if (strncmp(s, entities[i].entity, len) == 0) {
            *c = entities[i].c;
            return len;
        }
    }
    return 0;
}

static bool mark_end(builder *b)
{
    json_t *range = json_pack("[II]", (json_int_t)b->start, (json_int_t)b->chars);
    return range && json_array_append_new(b->highlights, range) == 0;
}

static bool convert(builder *b, const char *raw)
{
    for (const char *s = raw; *s; s++) {
        char c;
        size_t len;
        bool ok = true;
        if (*s == MARK_START[0]) {
            ok = flush_space(b);
            b->start = b->chars;
        } else if (*s == MARK_END[0]) {
            ok = mark_end(b);
        } else if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
            b->space = true;
        } else if (*s == '&' && (len = entity_at(s, &c)) > 0) {
            ok = put(b, c);
            s += len - 1;
        } else {
            ok = put(b, *s);
        }
        if (!ok)
            return false;
    }
    return true;
}

docket_status docket_snippet_set(xc_mset *mset, const char *text, json_t *result)
{
    if (!text)
        text = "";
    char *raw = NULL;
    xc_status xs = xc_mset_snippet(mset, text, strlen(text), DOCKET_SNIPPET_BYTES,
                                   DOCKET_LANGUAGE, XC_SNIPPET_BACKGROUND_MODEL | XC_SNIPPET_EXHAUSTIVE,
                                   MARK_START, MARK_END, "...", &raw);
    if (xs != XC_OK)
        return xs == XC_NO_MEMORY ? DOCKET_ERR_NO_MEMORY : DOCKET_ERR_INDEX;

    builder b = {STRBUF_INIT, 0, false, json_array(), 0};
    bool ok = b.highlights && convert(&b, raw);
    free(raw);
    if (ok)
        ok = json_object_set_new(result, "snippet", json_string(strbuf_str(&b.text))) == 0 &&
             json_object_set_new(result, "highlights", b.highlights) == 0;
    else
        json_decref(b.highlights);
    strbuf_free(&b.text);
    return ok ? DOCKET_OK : DOCKET_ERR_NO_MEMORY;
}
