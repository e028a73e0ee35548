/* query_ids.c: identifiers typed without a field (SEC-2014-0059, S2-187144,
 * TS 23.501, RFC 9110, draft-ietf-core-href) matched as identifiers. */
#include "query_ids.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "docket/normalise.h"
#include "schema.h"

#define MAX_TOKEN 128

/* The words of the query language that are operators, never identifiers. */
static const char *const operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", NULL};

static void upper_copy(const char *s, size_t len, char *out, size_t size)
{
    size_t n = 0;
    for (; n < len && n + 1 < size; n++)
        out[n] = (char)toupper((unsigned char)s[n]);
    out[n] = '\0';
}

/* "23.501": a 3GPP specification number. */
static bool is_3gpp_number(const char *s)
{
    return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == '.' &&
           strspn(s + 3, "0123456789") == strlen(s + 3) && strlen(s + 3) >= 3;
}

static bool is_draft_name(const char *s)
{
    if (strncmp(s, "draft-", 6) != 0 || s[6] == '\0')
        return false;
    for (const char *c = s; *c; c++) {
        if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '-')
            return false;
    }
    return true;
}

docket_id_kind docket_query_identifier(const char *token, char *term, size_t size)
{
    char upper[MAX_TOKEN];
    char key[MAX_TOKEN];
    size_t len = strlen(token);
    if (len == 0 || len >= MAX_TOKEN)
        return DOCKET_ID_NONE;
    upper_copy(token, len, upper, sizeof upper);

    docket_docnum num;
    if (docket_docnum_parse(upper, NULL, &num) == DOCKET_OK && num.length == len &&
        docket_schema_fold(num.number, key, sizeof key)) {
        snprintf(term, size, "XDOC%s", key);
        return DOCKET_ID_DOC;
    }

    char spec[DOCKET_SPEC_SIZE];
    size_t spec_len = 0;
    bool spec_found = docket_spec_find(upper, spec, &spec_len) == upper && spec_len == len;
    if (spec_found || is_3gpp_number(token) || is_draft_name(token)) {
        if (!docket_schema_spec_key(spec_found ? spec : token, key, sizeof key))
            return DOCKET_ID_NONE;
        snprintf(term, size, "XSPEC%s", key);
        return DOCKET_ID_SPEC;
    }
    return DOCKET_ID_NONE;
}

/* ---- Rewriting the query string --------------------------------------- */

typedef struct token {
    const char *start; /* first byte, after any "(", "+" or "-" */
    size_t len;        /* bytes up to any closing ")" */
    const char *end;   /* first byte after the whole token */
} token;

/* Read the token at `s` (not a space, not a quote). A token with a field
 * ("by:"Wei Zhou"") runs to the end of its quoted value. */
static token read_token(const char *s)
{
    token t;
    while (*s == '(' || *s == '+' || *s == '-')
        s++;
    t.start = s;
    bool quoted = false;
    while (*s && (quoted || !isspace((unsigned char)*s))) {
        if (*s == '"')
            quoted = !quoted;
        s++;
    }
    t.end = s;
    while (s > t.start && s[-1] == ')')
        s--;
    t.len = (size_t)(s - t.start);
    return t;
}

static bool is_operator(const token *t)
{
    for (int i = 0; operators[i]; i++) {
        if (strlen(operators[i]) == t->len && strncmp(operators[i], t->start, t->len) == 0)
            return true;
    }
    return false;
}

/* Whether `t` and the token after it form "TS 23.501", "TR 38.913" or
 * "RFC 9110"; `next` receives the second token. */
static bool spec_pair(const token *t, token *next)
{
    char word[8];
    if (t->len > 3 || t->end[0] != ' ')
        return false;
    upper_copy(t->start, t->len, word, sizeof word);
    if (strcmp(word, "TS") != 0 && strcmp(word, "TR") != 0 && strcmp(word, "RFC") != 0)
        return false;

    const char *s = t->end;
    while (*s == ' ')
        s++;
    if (!isdigit((unsigned char)*s))
        return false;
    *next = read_token(s);
    return next->start == s;
}

static bool copy_bytes(strbuf *out, const char *from, const char *to)
{
    return strbuf_append(out, from, (size_t)(to - from));
}

/* Where rewritten text and the identifiers found go. */
typedef struct rewrite {
    strbuf *out;
    json_t *ids;
} rewrite;

/* Write `docketid:"VALUE"` for the identifier from `start` to `end`. */
static bool mark(rewrite *rw, const char *start, const char *end)
{
    json_t *id = json_stringn(start, (size_t)(end - start));
    if (!id || json_array_append_new(rw->ids, id) != 0)
        return false;
    return strbuf_append_str(rw->out, DOCKET_ID_FIELD ":\"") &&
           copy_bytes(rw->out, start, end) && strbuf_append_str(rw->out, "\"");
}

/* Handle the token at `s`; return where the next one may start, or NULL
 * when out of memory. */
static const char *rewrite_token(const char *s, rewrite *rw)
{
    strbuf *out = rw->out;
    token t = read_token(s);
    char candidate[MAX_TOKEN];
    char term[MAX_TOKEN + 8];
    token next;

    if (!copy_bytes(out, s, t.start))
        return NULL;
    if (spec_pair(&t, &next)) {
        snprintf(candidate, sizeof candidate, "%.*s %.*s", (int)t.len, t.start, (int)next.len,
                 next.start);
        if (docket_query_identifier(candidate, term, sizeof term) != DOCKET_ID_NONE)
            return mark(rw, t.start, next.start + next.len) &&
                           copy_bytes(out, next.start + next.len, next.end)
                       ? next.end
                       : NULL;
    }

    bool plain = t.len < MAX_TOKEN && !memchr(t.start, ':', t.len) &&
                 !memchr(t.start, '"', t.len) && !is_operator(&t);
    if (plain) {
        snprintf(candidate, sizeof candidate, "%.*s", (int)t.len, t.start);
        plain = docket_query_identifier(candidate, term, sizeof term) != DOCKET_ID_NONE;
    }
    bool ok = plain ? mark(rw, t.start, t.start + t.len) && copy_bytes(out, t.start + t.len, t.end)
                    : copy_bytes(out, t.start, t.end);
    return ok ? t.end : NULL;
}

bool docket_query_mark_identifiers(const char *text, strbuf *out, json_t *ids)
{
    rewrite rw = {out, ids};
    const char *s = text;
    while (*s) {
        if (isspace((unsigned char)*s)) {
            if (!strbuf_append(out, s++, 1))
                return false;
        } else if (*s == '"') {
            /* A phrase is copied as it is, up to its closing quote. */
            const char *close = strchr(s + 1, '"');
            const char *end = close ? close + 1 : s + strlen(s);
            if (!copy_bytes(out, s, end))
                return false;
            s = end;
        } else if ((s = rewrite_token(s, &rw)) == NULL) {
            return false;
        }
    }
    return strbuf_append(out, "", 0);
}
