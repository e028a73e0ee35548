/* reply.h: responses of docket-serve before they become libmicrohttpd responses. */
#ifndef DOCKET_SERVE_REPLY_H
#define DOCKET_SERVE_REPLY_H

#include <jansson.h>
#include <stddef.h>

#define REPLY_JSON_TYPE "application/json; charset=utf-8"

typedef struct reply {
    unsigned status;          /* HTTP status code */
    const char *content_type; /* a string constant */
    const char *body;         /* `owned_body`, or data that outlives the server */
    size_t length;
    char *owned_body;         /* malloc'd body, or NULL */
    unsigned retry_after;     /* seconds for a Retry-After header; 0 for none */
} reply;

/* Reply with `length` bytes of `data`, which the reply does not own. */
void reply_static(reply *out, unsigned status, const char *content_type, const void *data,
                  size_t length);

/* Reply with `value` printed the way docket-search --format=json prints
 * it: JSON_INDENT(2) and a newline. Falls back to a 500 error when
 * memory runs out. */
void reply_json(reply *out, unsigned status, const json_t *value);

/* Reply with {"error": {"status": STATUS, "message": MESSAGE}}. Bytes of
 * the message that are not valid UTF-8 become U+FFFD and control
 * characters '?', so a message may quote client input. */
void reply_error(reply *out, unsigned status, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Free the body the reply owns, if any; `r` may be NULL. */
void reply_free(reply *r);

#endif
