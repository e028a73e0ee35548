/* stored.c: reading a stored record with its text apart from the rest. */
#include "stored.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static docket_status corrupt(json_error_t *jerr, const char *reason)
{
    snprintf(jerr->text, sizeof jerr->text, "%s", reason);
    return DOCKET_ERR_INDEX_CORRUPT;
}

/* Copy `len` bytes of `text` into a new string. */
static char *copy_text(const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return copy;
}

docket_status docket_stored_parse(const char *data, size_t len, json_t **record, char **text,
                                  json_error_t *jerr)
{
    *record = NULL;
    *text = NULL;
    const char *nul = memchr(data, '\0', len);
    size_t json_len = nul ? (size_t)(nul - data) : len;
    json_t *parsed = json_loadb(data, json_len, 0, jerr);
    if (!parsed)
        return DOCKET_ERR_INDEX_CORRUPT;
    if (!json_is_object(parsed)) {
        json_decref(parsed);
        return corrupt(jerr, "not a JSON object");
    }

    if (!nul || json_object_get(parsed, "text")) {
        json_decref(parsed);
        return corrupt(jerr, "no text after the record");
    }
    const char *body = nul + 1;
    size_t body_len = len - json_len - 1;
    if (memchr(body, '\0', body_len) || !docket_utf8_valid(body, body_len)) {
        json_decref(parsed);
        return corrupt(jerr, "the text is not UTF-8");
    }
    *text = copy_text(body, body_len);
    json_object_del(parsed, "text");
    if (!*text) {
        json_decref(parsed);
        return DOCKET_ERR_NO_MEMORY;
    }
    *record = parsed;
    return DOCKET_OK;
}
