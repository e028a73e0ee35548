/* strbuf.h: a growable byte buffer, always NUL-terminated. */
#ifndef DOCKET_STRBUF_H
#define DOCKET_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
    char *data; /* NULL until the first append */
    size_t len;
    size_t capacity;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

/* Append `len` bytes; false when out of memory. */
bool strbuf_append(strbuf *buf, const char *data, size_t len);
bool strbuf_append_str(strbuf *buf, const char *s);
/* The contents, "" when empty; valid until the next append. */
const char *strbuf_str(const strbuf *buf);
void strbuf_clear(strbuf *buf);
void strbuf_free(strbuf *buf);

#endif
