/* reply.c: responses of docket-serve before they become libmicrohttpd responses. */
#include "reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define MESSAGE_MAX 2048

/* The reply when even an error object cannot be allocated. */
static const char out_of_memory[] =
    "{\n  \"error\": {\n    \"status\": 500,\n    \"message\": \"out of memory\"\n  }\n}\n";

void reply_static(reply *out, unsigned status, const char *content_type, const void *data,
                  size_t length)
{
    memset(out, 0, sizeof *out);
    out->status = status;
    out->content_type = content_type;
    out->body = data;
    out->length = length;
}

/* Print `value` with a trailing newline into a malloc'd string. */
static char *dump_json(const json_t *value, size_t *length)
{
    char *text = json_dumps(value, JSON_INDENT(2));
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *body = realloc(text, n + 2);
    if (!body) {
        free(text);
        return NULL;
    }
    body[n] = '\n';
    body[n + 1] = '\0';
    *length = n + 1;
    return body;
}

void reply_json(reply *out, unsigned status, const json_t *value)
{
    size_t length = 0;
    char *body = dump_json(value, &length);
    if (!body) {
        reply_static(out, 500, REPLY_JSON_TYPE, out_of_memory, sizeof out_of_memory - 1);
        return;
    }
    reply_static(out, status, REPLY_JSON_TYPE, body, length);
    out->owned_body = body;
}

void reply_error(reply *out, unsigned status, const char *format, ...)
{
    char message[MESSAGE_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);

    /* vsnprintf may cut a character in two; text_quote repairs that too. */
    char clean[3 * MESSAGE_MAX + 4];
    text_quote(message, sizeof message, clean, sizeof clean);

    json_t *error = json_pack("{s:{s:i,s:s}}", "error", "status", (json_int_t)status,
                              "message", clean);
    if (!error) {
        reply_static(out, 500, REPLY_JSON_TYPE, out_of_memory, sizeof out_of_memory - 1);
        return;
    }
    reply_json(out, status, error);
    json_decref(error);
}

void reply_free(reply *r)
{
    if (!r)
        return;
    free(r->owned_body);
    r->owned_body = NULL;
    r->body = NULL;
}
