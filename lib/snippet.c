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

/* Bytes of `text` that the lead snippet keeps: all of it when it fits in
 * DOCKET_SNIPPET_BYTES, else up to the last space that does, else up to
 * the last whole UTF-8 character that does. */
static size_t lead_length(const char *text, size_t len)
{
    if (len <= DOCKET_SNIPPET_BYTES)
        return len;
    size_t cut = DOCKET_SNIPPET_BYTES;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    for (size_t i = cut; i > 0; i--) {
        if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')
            return i;
    }
    return cut;
}

/* The snippet of a query without words to highlight: the start of the
 * text, taken as it is, with "..." when it goes on. */
static bool convert_lead(builder *b, const char *text)
{
    size_t len = strlen(text);
    size_t keep = lead_length(text, len);
    for (size_t i = 0; i < keep; i++) {
        char c = text[i];
        bool ok = true;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            b->space = true;
        else
            ok = put(b, c);
        if (!ok)
            return false;
    }
    if (keep == len)
        return true;
    b->space = false;
    b->chars += 3;
    return strbuf_append(&b->text, "...", 3);
}

/* Run Xapian's snippet over `text` and convert its markers. */
static bool convert_matches(builder *b, xc_mset *mset, const char *text, docket_status *status)
{
    char *raw = NULL;
    xc_status xs = xc_mset_snippet(mset, text, strlen(text), DOCKET_SNIPPET_BYTES,
                                   DOCKET_LANGUAGE, XC_SNIPPET_BACKGROUND_MODEL,
                                   MARK_START, MARK_END, "...", &raw);
    if (xs != XC_OK) {
        *status = xs == XC_NO_MEMORY ? DOCKET_ERR_NO_MEMORY : DOCKET_ERR_INDEX;
        return false;
    }
    bool ok = convert(b, raw);
    free(raw);
    return ok;
}

docket_status docket_snippet_set(xc_mset *mset, const char *text, bool highlight,
                                 json_t *result)
{
    if (!text)
        text = "";
    builder b = {STRBUF_INIT, 0, false, json_array(), 0};
    docket_status status = DOCKET_ERR_NO_MEMORY;
    bool ok = b.highlights != NULL;
    if (ok)
        ok = highlight ? convert_matches(&b, mset, text, &status) : convert_lead(&b, text);
    if (ok)
        ok = json_object_set_new(result, "snippet", json_string(strbuf_str(&b.text))) == 0 &&
             json_object_set_new(result, "highlights", b.highlights) == 0;
    else
        json_decref(b.highlights);
    strbuf_free(&b.text);
    return ok ? DOCKET_OK : status;
}
