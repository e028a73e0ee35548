/* utf8.h: UTF-8 validation, repair and space normalisation for extracted text. */
#ifndef DOCKET_UTF8_H
#define DOCKET_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/status.h"

/* Return true when `len` bytes are well-formed UTF-8 as Unicode defines it:
 * no overlong forms, no surrogates (U+D800..U+DFFF), nothing above
 * U+10FFFF. NUL bytes count as valid. */
bool docket_utf8_valid(const char *data, size_t len);

/* Copy `len` bytes to a new NUL-terminated string, replacing each maximal
 * ill-formed subsequence with U+FFFD (the practice Unicode recommends), so
 * that the result is always valid UTF-8. Valid input is copied unchanged.
 * Fails only with DOCKET_ERR_NO_MEMORY. The caller frees *out. */
docket_status docket_utf8_sanitize(const char *data, size_t len, char **out,
                                   size_t *out_len);

/* Rewrite valid UTF-8 `text` in place and update *len: CR LF and lone CR
 * become LF, U+00A0 and U+202F (no-break spaces) become a space, U+001E
 * (Word's non-breaking hyphen) and U+2011 become '-', and U+00AD (soft
 * hyphen) is removed. The text never grows. `text` must have room for
 * *len + 1 bytes, because a NUL is written after the result. */
void docket_utf8_normalise(char *text, size_t *len);

#endif
