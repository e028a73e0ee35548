/* strbuf.c: a growable byte buffer, always NUL-terminated. */
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

bool strbuf_append(strbuf *buf, const char *data, size_t len)
{
    if (buf->len + len + 1 > buf->capacity) {
        size_t capacity = buf->capacity ? buf->capacity : 256;
        while (capacity < buf->len + len + 1)
            capacity *= 2;
        char *grown = realloc(buf->data, capacity);
        if (!grown)
            return false;
        buf->data = grown;
        buf->capacity = capacity;
    }
    memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return true;
}

bool strbuf_append_str(strbuf *buf, const char *s)
{
    return strbuf_append(buf, s, strlen(s));
}

const char *strbuf_str(const strbuf *buf)
{
    return buf->data ? buf->data : "";
}

void strbuf_clear(strbuf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

void strbuf_free(strbuf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->capacity = 0;
}
