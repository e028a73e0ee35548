/* url.c: splitting and percent-decoding the request target of docket-serve. */
#include "url.h"

#include <stdlib.h>
#include <string.h>

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

url_status url_decode(const char *text, size_t length, bool plus_is_space, char **out)
{
    char *decoded = malloc(length + 1);
    if (!decoded)
        return URL_NO_MEMORY;

    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == '%') {
            int high = i + 2 < length ? hex_value(text[i + 1]) : -1;
            int low = high >= 0 ? hex_value(text[i + 2]) : -1;
            if (low < 0 || (high == 0 && low == 0)) {
                free(decoded);
                return URL_INVALID_ENCODING;
            }
            c = (char)(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        decoded[n++] = c;
    }
    decoded[n] = '\0';
    *out = decoded;
    return URL_OK;
}

/* Decode one "name=value" pair of `length` bytes into the next slot. */
static url_status add_pair(const char *pair, size_t length, url_params *params)
{
    if (params->count == URL_MAX_PARAMS)
        return URL_TOO_MANY_PARAMS;

    const char *equals = memchr(pair, '=', length);
    size_t name_length = equals ? (size_t)(equals - pair) : length;
    const char *value = equals ? equals + 1 : pair + length;
    size_t value_length = (size_t)(pair + length - value);

    url_param *param = &params->items[params->count];
    url_status status = url_decode(pair, name_length, true, &param->name);
    if (status != URL_OK)
        return status;
    status = url_decode(value, value_length, true, &param->value);
    if (status != URL_OK) {
        free(param->name);
        param->name = NULL;
        return status;
    }
    params->count++;
    return URL_OK;
}

url_status url_parse_query(const char *query, url_params *out)
{
    out->count = 0;
    url_status status = URL_OK;
    const char *at = query;
    while (status == URL_OK && *at) {
        size_t length = strcspn(at, "&");
        if (length > 0)
            status = add_pair(at, length, out);
        at += length;
        if (*at == '&')
            at++;
    }
    if (status != URL_OK)
        url_params_clear(out);
    return status;
}

const char *url_param_value(const url_params *params, const char *name)
{
    for (size_t i = 0; i < params->count; i++) {
        if (strcmp(params->items[i].name, name) == 0)
            return params->items[i].value;
    }
    return NULL;
}

void url_params_clear(url_params *params)
{
    for (size_t i = 0; i < params->count; i++) {
        free(params->items[i].name);
        free(params->items[i].value);
    }
    params->count = 0;
}
