/* text.h: making bytes from a client safe to echo in messages and logs. */
#ifndef DOCKET_SERVE_TEXT_H
#define DOCKET_SERVE_TEXT_H

#include <stddef.h>

/* Bytes of client input that a message quotes; longer input is cut and
 * marked with "...". */
#define TEXT_QUOTE_MAX 200

/* Copy at most `max_bytes` bytes of `text` into `out` as valid UTF-8:
 * each invalid byte becomes U+FFFD and each control character '?', and a
 * cut is marked with "...". `out` must hold 3 * max_bytes + 4 bytes, the
 * worst case; a smaller `size` cuts earlier, never inside a character. */
void text_quote(const char *text, size_t max_bytes, char *out, size_t size);

#endif
