/* stored.c: reading a stored record with its text apart from the rest. */
#include "stored.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

/* A record with more members than this goes to jansson whole. */
#define MAX_MEMBERS 128

/* A span of the stored JSON. */
typedef struct span {
    const char *start;
    const char *end;
} span;

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* Return the end of the JSON string that starts at `p`, or NULL. */
static const char *skip_string(const char *p, const char *end)
{
    if (p == end || *p != '"')
        return NULL;
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* Return the end of the JSON value that starts at `p`, or NULL. Objects
 * and arrays are matched by their brackets only: jansson checks them when
 * it parses the members that are not the text. */
static const char *skip_value(const char *p, const char *end)
{
    if (p == end)
        return NULL;
    if (*p == '"')
        return skip_string(p, end);
    if (*p != '{' && *p != '[') {
        while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n')
            p++;
        return p;
    }
    int depth = 0;
    for (; p < end; p++) {
        if (*p == '"') {
            p = skip_string(p, end);
            if (!p)
                return NULL;
            p--;
        } else if (*p == '{' || *p == '[') {
            depth++;
        } else if ((*p == '}' || *p == ']') && --depth == 0) {
            return p + 1;
        }
    }
    return NULL;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Read the 4 hex digits at `p`; -1 when they are not. */
static long read_hex4(const char *p, const char *end)
{
    if (end - p < 4)
        return -1;
    long code = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_digit(p[i]);
        if (digit < 0)
            return -1;
        code = code * 16 + digit;
    }
    return code;
}

static bool append_utf8(strbuf *out, unsigned long code)
{
    char bytes[4];
    size_t n;
    if (code < 0x80) {
        bytes[0] = (char)code;
        n = 1;
    } else if (code < 0x800) {
        bytes[0] = (char)(0xC0 | (code >> 6));
        bytes[1] = (char)(0x80 | (code & 0x3F));
        n = 2;
    } else if (code < 0x10000) {
        bytes[0] = (char)(0xE0 | (code >> 12));
        bytes[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (code & 0x3F));
        n = 3;
    } else {
        bytes[0] = (char)(0xF0 | (code >> 18));
        bytes[1] = (char)(0x80 | ((code >> 12) & 0x3F));
        bytes[2] = (char)(0x80 | ((code >> 6) & 0x3F));
        bytes[3] = (char)(0x80 | (code & 0x3F));
        n = 4;
    }
    return strbuf_append(out, bytes, n);
}

/* Decode the \u escape at `*p` (after the backslash and 'u'), joining a
 * surrogate pair. Returns false for U+0000 and for lone surrogates, which
 * jansson rejects too. */
static bool decode_unicode(const char **p, const char *end, strbuf *out)
{
    long code = read_hex4(*p, end);
    if (code <= 0)
        return false;
    *p += 4;
    if (code >= 0xDC00 && code <= 0xDFFF)
        return false;
    if (code >= 0xD800 && code <= 0xDBFF) {
        if (end - *p < 6 || (*p)[0] != '\\' || (*p)[1] != 'u')
            return false;
        long low = read_hex4(*p + 2, end);
        if (low < 0xDC00 || low > 0xDFFF)
            return false;
        *p += 6;
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    return append_utf8(out, (unsigned long)code);
}

static char unescape(char c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
    }
}

/* Decode the JSON string between the quotes of `s` into `out`, copying runs
 * without escapes whole. False when it is not one jansson would accept. */
static bool decode_string(span s, strbuf *out)
{
    const char *p = s.start + 1;
    const char *end = s.end - 1;
    while (p < end) {
        const char *run = p;
        while (p < end && *p != '\\' && (unsigned char)*p >= 0x20)
            p++;
        if (p > run && !strbuf_append(out, run, (size_t)(p - run)))
            return false;
        if (p == end)
            break;
        if (*p != '\\' || end - p < 2)
            return false;
        char c = p[1];
        p += 2;
        if (c == 'u') {
            if (!decode_unicode(&p, end, out))
                return false;
        } else if (!unescape(c) || !strbuf_append(out, &(char){unescape(c)}, 1)) {
            return false;
        }
    }
    return true;
}

/* Find the members of the top-level object in `data`: their spans from
 * key to value, and the value of "text". */
static bool scan_members(const char *data, size_t len, span *members, size_t *count,
                         span *text)
{
    const char *p = data;
    const char *end = data + len;
    p = skip_space(p, end);
    if (p == end || *p++ != '{')
        return false;
    *count = 0;
    text->start = NULL;
    for (bool first = true;; first = false) {
        p = skip_space(p, end);
        if (p < end && *p == '}' && first)
            return skip_space(p + 1, end) == end;
        const char *key = p;
        const char *key_end = skip_string(p, end);
        if (!key_end || *count == MAX_MEMBERS)
            return false;
        p = skip_space(key_end, end);
        if (p == end || *p++ != ':')
            return false;
        p = skip_space(p, end);
        const char *value_end = skip_value(p, end);
        if (!value_end)
            return false;
        /* A text that is not a string reads as none, as with
         * docket_record_get. */
        if (key_end - key == 6 && memcmp(key, "\"text\"", 6) == 0)
            *text = *p == '"' ? (span){p, value_end} : (span){NULL, NULL};
        else
            members[(*count)++] = (span){key, value_end};
        p = skip_space(value_end, end);
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        return p < end && *p == '}' && skip_space(p + 1, end) == end;
    }
}

/* The stored JSON without its text member. */
static bool join_members(const span *members, size_t count, strbuf *out)
{
    bool ok = strbuf_append(out, "{", 1);
    for (size_t i = 0; ok && i < count; i++) {
        if (i > 0)
            ok = strbuf_append(out, ",", 1);
        ok = ok && strbuf_append(out, members[i].start, (size_t)(members[i].end - members[i].start));
    }
    return ok && strbuf_append(out, "}", 1);
}

docket_status docket_stored_parse(const char *data, size_t len, json_t **record, char **text,
                                  json_error_t *jerr)
{
    span members[MAX_MEMBERS];
    size_t count = 0;
    span text_span = {NULL, NULL};
    strbuf rest = STRBUF_INIT;
    strbuf decoded = STRBUF_INIT;
    *record = NULL;
    *text = NULL;

    /* The fast path needs a record as docket-index writes it; anything
     * else goes to jansson whole, which reports what is wrong with it. */
    bool fast = scan_members(data, len, members, &count, &text_span) &&
                join_members(members, count, &rest) &&
                (!text_span.start || decode_string(text_span, &decoded)) &&
                docket_utf8_valid(strbuf_str(&decoded), decoded.len);
    if (fast)
        *record = json_loadb(rest.data, rest.len, 0, jerr);
    strbuf_free(&rest);
    if (!*record) {
        fast = false;
        *record = json_loadb(data, len, 0, jerr);
    }
    if (!*record) {
        strbuf_free(&decoded);
        return DOCKET_ERR_INDEX_CORRUPT;
    }

    if (fast) {
        *text = decoded.data ? decoded.data : strdup("");
    } else {
        strbuf_free(&decoded);
        const char *value = json_string_value(json_object_get(*record, "text"));
        *text = strdup(value ? value : "");
        json_object_del(*record, "text");
    }
    if (!*text) {
        json_decref(*record);
        *record = NULL;
        return DOCKET_ERR_NO_MEMORY;
    }
    return DOCKET_OK;
}
