/* url.h: splitting and percent-decoding the request target of docket-serve. */
#ifndef DOCKET_SERVE_URL_H
#define DOCKET_SERVE_URL_H

#include <stdbool.h>
#include <stddef.h>

/* Query parameters a request may carry; more is an error. */
#define URL_MAX_PARAMS 16

typedef enum url_status {
    URL_OK = 0,
    URL_INVALID_ENCODING, /* a '%' not followed by two hex digits, or "%00" */
    URL_TOO_MANY_PARAMS,  /* more than URL_MAX_PARAMS parameters */
    URL_NO_MEMORY
} url_status;

typedef struct url_param {
    char *name;  /* decoded, NUL-terminated */
    char *value; /* decoded; "" for "name=" and for a bare "name" */
} url_param;

typedef struct url_params {
    url_param items[URL_MAX_PARAMS];
    size_t count;
} url_params;

/* Decode `length` bytes of `text`: "%XX" becomes the byte XX and, when
 * `plus_is_space` (query strings, as HTML forms send them), '+' becomes a
 * space. The result is NUL-terminated and malloc'd; "%00" is rejected
 * because the value would end early. */
url_status url_decode(const char *text, size_t length, bool plus_is_space, char **out);

/* Split the query string `query` (the text after '?', without the
 * fragment) at '&' and decode each "name=value" pair into `out`. Empty
 * pairs ("a=1&&b=2") are skipped. On failure `out` is empty. */
url_status url_parse_query(const char *query, url_params *out);

/* Return the value of the parameter `name`, or NULL when it is absent. */
const char *url_param_value(const url_params *params, const char *name);

/* Free what url_parse_query stored; `params` may be empty. */
void url_params_clear(url_params *params);

#endif
